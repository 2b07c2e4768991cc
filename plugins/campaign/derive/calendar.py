"""The campaign's dated events: national campaign days within the campaign
period, plan phases, task deadlines and board issue dates. Pure: (model, as_of) → events."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from campaign.derive import boards
from campaign.model.dates import month_span
from campaign.model.model import Model

# (month, day or None for the whole month, name, what it is about)
CAMPAIGN_DAYS: list[tuple[int, int | None, str, str]] = [
    (3, 24, "世界防治结核病日", "结核病防治宣传"),
    (4, None, "爱国卫生月", "全民参与的环境卫生大扫除和健康教育活动月"),
    (4, 7, "世界卫生日", "世界卫生组织确定的年度健康主题"),
    (4, 25, "全国儿童预防接种日", "按时接种疫苗的宣传"),
    (5, 15, "全国碘缺乏病防治日", "科学补碘宣传"),
    (5, 31, "世界无烟日", "控烟宣传，推进无烟单位建设"),
    (6, 5, "世界环境日", "环境保护宣传"),
    (9, 1, "全民健康生活方式日", "合理膳食、适量运动宣传"),
    (9, 20, "全国爱牙日", "口腔健康宣传"),
    (10, 8, "全国高血压日", "血压测量和高血压防治宣传"),
    (10, 10, "世界精神卫生日", "心理健康宣传"),
    (11, 14, "联合国糖尿病日", "糖尿病防治宣传"),
    (12, 1, "世界艾滋病日", "艾滋病防治宣传"),
]

KIND_LABELS = {"day": "宣传日", "phase": "工作阶段", "task": "任务期限", "board": "宣传栏"}


@dataclass(frozen=True)
class Event:
    uid: str
    kind: str                 # day / phase / task / board
    title: str
    start: dt.date
    end: dt.date              # inclusive
    text: str = ""
    ref: tuple[str, str] | None = None   # the record it is about: (kind, id), for a link


def events(model: Model, as_of: dt.date) -> list[Event]:
    """Every dated event of the campaign, in date order. Pure: (model, as_of) → events."""
    out = [*_campaign_days(model), *_phases(model), *_deadlines(model), *_boards(model, as_of)]
    out.sort(key=lambda e: (e.start, e.end, e.kind, e.uid))
    return out


def _campaign_days(model: Model) -> Iterator[Event]:
    """The national campaign days (and months) that fall within the campaign period."""
    period = model.campaign.period
    for year in range(period.start.first.year, period.end.last.year + 1):
        for month, day, name, about in CAMPAIGN_DAYS:
            start, end = month_span(year, month) if day is None else (dt.date(year, month, day),) * 2
            if end < period.start.first or start > period.end.last:
                continue
            yield Event(f"day-{year}-{month:02d}-{day or 0:02d}", "day", name, start, end, about)


def _phases(model: Model) -> Iterator[Event]:
    """Each dated phase of each plan (a phase with one date lasts that month or day)."""
    for plan in model.plans.values():
        for i, ph in enumerate(plan.phases(), 1):
            first, last = ph.start or ph.end, ph.end or ph.start
            if first is None or last is None:
                continue
            yield Event(f"phase-{plan.id}-{i}", "phase", f"{plan.title}：{ph.name}", first.first, last.last,
                        "", ("plan", plan.id))


def _deadlines(model: Model) -> Iterator[Event]:
    """Each task's deadline (ongoing work has none to put in a calendar)."""
    for tid, task in model.tasks.items():
        if task.due is None:
            continue
        text = " ".join(str(task.requirement).split())
        yield Event(f"task-{tid}", "task", f"任务期限：{_short(text)}", task.due.last, task.due.last,
                    text, ("task", tid))


def _boards(model: Model, as_of: dt.date) -> Iterator[Event]:
    """Each board issue going up, and the next change when no issue is registered for it."""
    items = boards.in_order(model)
    for b in items:
        yield Event(f"board-{b.id}", "board", f"宣传栏更换：{b.title}", b.period.start.first,
                    b.period.start.first, f"展出至 {b.period.end}", ("board", b.id or ""))
    sched = boards.schedule(model, as_of)
    if items and sched.due and (sched.next is None or sched.next.period.start.first > sched.due):
        yield Event(f"board-due-{sched.due.isoformat()}", "board", "宣传栏应更换下一期", sched.due, sched.due,
                    f"每 {boards.RHYTHM_MONTHS} 个月更换一期", ("boards", ""))


def summarized(model: Model, items: list[Event], limit: int) -> list[Event]:
    """The events a calendar page lists: every one, or (more task deadlines than ``limit``)
    the task deadlines counted per plan and day, so the page does not grow with the
    campaign; the calendar file keeps every task."""
    tasks = [e for e in items if e.kind == "task"]
    if len(tasks) <= limit:
        return items
    counts: dict[tuple[dt.date, str], int] = {}
    for e in tasks:
        key = (e.start, model.task_plan[e.ref[1]] if e.ref else "")
        counts[key] = counts.get(key, 0) + 1
    out = [e for e in items if e.kind != "task"]
    for (day, plan), n in counts.items():
        title = model.plans[plan].title if plan in model.plans else ""
        out.append(Event(f"tasks-{plan}-{day.isoformat()}", "task", f"任务期限：{title} {n} 项任务到期", day, day,
                         "", ("plan", plan) if plan in model.plans else None))
    out.sort(key=lambda e: (e.start, e.end, e.kind, e.uid))
    return out


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"

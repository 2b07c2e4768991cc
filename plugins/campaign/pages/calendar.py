"""The campaign calendar (日历): national campaign days within the campaign
period, plan phases, task deadlines and board issue dates, as a page and as
an iCalendar file (calendar.ics) that calendar programs import."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urljoin

from ..model import Model
from . import BuildContext, GeneratedPage, Output, href, page_url
from . import boards as boards_kind

INDEX = "calendar/index.md"
ICS = "calendar.ics"

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
    src: str = ""             # the page it links to (src_uri), "" for none
    anchor: str = ""


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    import calendar

    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def events(model: Model, as_of: dt.date) -> list[Event]:
    """Every dated event of the campaign, in date order. Pure: (model, as_of) → events."""
    from . import ROUTES

    out: list[Event] = []
    period = model.campaign.period
    for year in range(period.start.first.year, period.end.last.year + 1):
        for month, day, name, about in CAMPAIGN_DAYS:
            start, end = _month_span(year, month) if day is None else (dt.date(year, month, day),) * 2
            if end < period.start.first or start > period.end.last:
                continue
            out.append(Event(f"day-{year}-{month:02d}-{day or 0:02d}", "day", name, start, end, about))
    for plan in model.plans.values():
        for i, ph in enumerate(plan.phases, 1):
            if ph.start is None and ph.end is None:
                continue
            start = (ph.start or ph.end).first  # type: ignore[union-attr]
            end = (ph.end or ph.start).last  # type: ignore[union-attr]
            out.append(Event(f"phase-{plan.id}-{i}", "phase", f"{plan.title}：{ph.name}", start, end,
                             "", ROUTES["plan"](model, plan.id)[0] if "plan" in ROUTES else ""))
    for tid, task in model.tasks.items():
        src, anchor = ROUTES["task"](model, tid) if "task" in ROUTES else ("", "")
        text = " ".join(str(task.requirement).split())
        out.append(Event(f"task-{tid}", "task", f"任务期限：{_short(text)}", task.due.last, task.due.last,
                         text, src, anchor))
    items = boards_kind.in_order(model)
    for b in items:
        out.append(Event(f"board-{b.id}", "board", f"宣传栏更换：{b.title}", b.period.start.first,
                         b.period.start.first, f"展出至 {b.period.end}", boards_kind.board_uri(b.id or "")))
    sched = boards_kind.schedule(model, as_of)
    if items and sched.due and (sched.next is None or sched.next.period.start.first > sched.due):
        out.append(Event(f"board-due-{sched.due.isoformat()}", "board", "宣传栏应更换下一期", sched.due, sched.due,
                         f"每 {boards_kind.RHYTHM_MONTHS} 个月更换一期", boards_kind.INDEX))
    out.sort(key=lambda e: (e.start, e.end, e.kind, e.uid))
    return out


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- iCalendar (RFC 5545) -------------------------------------------------------
def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(cur)
            cur, size = " ", 1
        cur += ch
        size += n
    out.append(cur)
    return "\r\n".join(out)


def ics(model: Model, as_of: dt.date, site_url: str, name: str) -> bytes:
    host = (site_url.split("//", 1)[-1].split("/", 1)[0] or "campaign.invalid")
    stamp = as_of.strftime("%Y%m%dT000000Z")  # reproducible: the build's as_of, not the clock
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//campaign-site//calendar//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}", "X-WR-TIMEZONE:Asia/Shanghai"]
    base = site_url if site_url.endswith("/") else site_url + "/"
    for e in events(model, as_of):
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.start.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(e.end + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_escape(e.title)}", f"CATEGORIES:{_escape(KIND_LABELS[e.kind])}",
                  "TRANSP:TRANSPARENT"]
        if e.text:
            lines.append(f"DESCRIPTION:{_escape(e.text)}")
        if e.src and site_url:
            lines.append(f"URL:{urljoin(base, page_url(e.src))}{'#' + e.anchor if e.anchor else ''}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    months: dict[tuple[int, int], list[tuple[Event, str]]] = {}
    for e in events(ctx.model, ctx.as_of):
        url = href(INDEX, e.src, e.anchor) if e.src else ""
        months.setdefault((e.start.year, e.start.month), []).append((e, url))
    current = (ctx.as_of.year, ctx.as_of.month)
    ordered = sorted(months.items())
    past = [m for m in ordered if m[0] < current]
    coming = [m for m in ordered if m[0] >= current]
    yield GeneratedPage(INDEX, "日历", ctx.render("calendar/index.html", past=past, coming=coming, current=current,
                                                labels=KIND_LABELS, ics=href(INDEX, ICS)))


def outputs(ctx: BuildContext) -> Iterable[Output]:
    yield Output(ICS, ics(ctx.model, ctx.as_of, ctx.site_url, ctx.model.campaign.name + " 日历"))

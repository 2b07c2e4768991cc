"""Derived figures: pure functions of (model, as_of). Nothing here reads a
file or keeps state; the same inputs always give the same figures."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from campaign.model.model import Model
from campaign.model.plans import Phase, Progress, Task

DUE_SOON_DAYS = 30
# A plan page lists its tasks one by one up to this many; a larger plan (a county's
# plan with every unit's tasks) shows figures by category and by responsible unit,
# and each task is listed on its unit's page, so no page grows with the campaign.
TASK_TABLE_LIMIT = 300

STATUS_LABELS = {
    "not_started": "未开始",
    "in_progress": "进行中",
    "done": "已完成",
    "overdue": "逾期",
}
STATUS_ORDER = ("overdue", "in_progress", "not_started", "done")


@dataclass(frozen=True)
class TaskStatus:
    key: str                  # not_started | in_progress | done | overdue
    percent: float            # latest reported percent at as_of
    due_soon: bool            # not done, not overdue, due within DUE_SOON_DAYS
    days_left: int            # days from as_of to the due date's last day (negative: late)
    last: Progress | None     # latest progress report at as_of

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.key]


def reports_until(task: Task, as_of: dt.date) -> list[Progress]:
    return [p for p in task.progress if p.date <= as_of]


def task_status(task: Task, as_of: dt.date) -> TaskStatus:
    reports = reports_until(task, as_of)
    last = reports[-1] if reports else None
    percent = last.percent if last else 0.0
    days_left = (task.due.last - as_of).days
    if percent >= 100:
        key = "done"
    elif days_left < 0:
        key = "overdue"
    elif last is not None:
        key = "in_progress"
    else:
        key = "not_started"
    soon = key in ("in_progress", "not_started") and days_left <= DUE_SOON_DAYS
    return TaskStatus(key, percent, soon, days_left, last)


@dataclass(frozen=True)
class Completion:
    total: int
    counts: dict[str, int]
    due_soon: int
    percent: float            # share of tasks done, 0–100

    @property
    def done(self) -> int:
        return self.counts.get("done", 0)


def tally(statuses: Iterable[TaskStatus]) -> Completion:
    """How many tasks stand where: the one place completion is counted."""
    items = list(statuses)
    counts = Counter(s.key for s in items)
    total = len(items)
    pct = 100.0 * counts.get("done", 0) / total if total else 0.0
    return Completion(total, {k: counts.get(k, 0) for k in STATUS_LABELS}, sum(s.due_soon for s in items), pct)


def completion(tasks: Iterable[Task], as_of: dt.date) -> Completion:
    return tally(task_status(t, as_of) for t in tasks)


def phase_state(phase: Phase, as_of: dt.date) -> str:
    """past | current | future | undated."""
    if phase.start is None and phase.end is None:
        return "undated"
    start = phase.start.first if phase.start else None
    end = phase.end.last if phase.end else (phase.start.last if phase.start else None)
    if start and as_of < start:
        return "future"
    if end and as_of > end:
        return "past"
    return "current"


def current_phase(phases: list[Phase], as_of: dt.date) -> Phase | None:
    for ph in phases:
        if phase_state(ph, as_of) == "current":
            return ph
    return None


def by_category(model: Model, tasks: list[Task]) -> list[tuple[str, list[Task]]]:
    """Tasks grouped by category, in the campaign's category order."""
    order = {c: i for i, c in enumerate(model.campaign.categories)}
    groups: dict[str, list[Task]] = {}
    for t in tasks:
        groups.setdefault(t.category, []).append(t)
    return sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))


def lists_tasks(model: Model, plan_id: str) -> bool:
    """Whether the plan's own page lists its tasks (else they are on their units' pages)."""
    return len(model.plan_tasks(plan_id)) <= TASK_TABLE_LIMIT


def by_responsible_unit(model: Model, plan_unit: str, tasks: list[Task],
                        as_of: dt.date) -> list[tuple[str, Completion]]:
    """The plan's tasks counted by responsible unit, each unit below the plan's own
    unit rolled up into the plan unit's child it belongs to: at most as many rows as
    the plan unit has children (plus the plan unit itself and units outside its tree)."""
    def bucket(uid: str) -> str:
        seen = set()
        while uid in model.units and uid not in seen:
            seen.add(uid)
            parent = model.units[uid].parent
            if uid == plan_unit or parent == plan_unit or parent not in model.units:
                return uid
            uid = parent
        return uid

    groups: dict[str, list[TaskStatus]] = {}
    for t in tasks:
        if t.units:
            groups.setdefault(bucket(t.units[0]), []).append(task_status(t, as_of))
    order = {u: i for i, u in enumerate(model.units)}
    return [(u, tally(sts)) for u, sts in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))]

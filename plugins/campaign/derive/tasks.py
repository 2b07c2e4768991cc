"""Derived figures: pure functions of (model, as_of). Nothing here reads a
file or keeps state; the same inputs always give the same figures."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from campaign.derive import paging
from campaign.model.dates import ONGOING, due_text  # noqa: F401  (re-exported for views and exports)
from campaign.model.model import Model
from campaign.model.plans import Phase, Progress, Task

DUE_SOON_DAYS = 30
# A page lists tasks one by one up to a page's worth of rows (``paging.ROWS_PER_PAGE``); a
# larger plan (a county's plan with every unit's tasks) counts them by category on its page
# and each task is listed on its responsible unit's page; the calendar counts deadlines.
# No page grows with the campaign.

STATUS_LABELS = {
    "not_started": "未开始",
    "in_progress": "进行中",
    "done": "已完成",
    "overdue": "逾期",
}


@dataclass(frozen=True)
class TaskStatus:
    key: str                  # not_started | in_progress | done | overdue
    percent: float            # latest reported percent at as_of
    due_soon: bool            # not done, not overdue, due within DUE_SOON_DAYS
    days_left: int | None     # days from as_of to the due date's last day (negative: late); None: no due
    last: Progress | None     # latest progress report at as_of

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.key]


def reports_until(task: Task, as_of: dt.date) -> list[Progress]:
    return [p for p in task.progress if p.date <= as_of]


def task_status(task: Task, as_of: dt.date) -> TaskStatus:
    """Where a task stands at ``as_of``; a task with no due date is never overdue nor due soon."""
    reports = reports_until(task, as_of)
    last = reports[-1] if reports else None
    percent = last.percent if last else 0.0
    days_left = (task.due.last - as_of).days if task.due else None
    if percent >= 100:
        key = "done"
    elif days_left is not None and days_left < 0:
        key = "overdue"
    elif last is not None:
        key = "in_progress"
    else:
        key = "not_started"
    soon = key in ("in_progress", "not_started") and days_left is not None and days_left <= DUE_SOON_DAYS
    return TaskStatus(key, percent, soon, days_left, last)


def due_order(task: Task) -> tuple[bool, dt.date, str]:
    """Sort key: dated tasks by due date, then tasks without a due date (ongoing), then by id."""
    return (task.due is None, task.due.last if task.due else dt.date.max, task.id)


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
    """Tasks grouped by category, in the campaign's category order (a view: the
    stored order is kept inside each group); tasks without one come last, as 未分类."""
    order = {c: i for i, c in enumerate(model.campaign.categories)}
    groups: dict[str, list[Task]] = {}
    for t in tasks:
        groups.setdefault(t.category or "", []).append(t)
    ranked = sorted(groups.items(), key=lambda kv: (kv[0] == "", order.get(kv[0], len(order))))
    return [(cat or UNCATEGORISED, ts) for cat, ts in ranked]


UNCATEGORISED = "未分类"


def lists_tasks(model: Model, plan_id: str) -> bool:
    """Whether the plan's own page lists its tasks (else they are on their units' pages)."""
    return paging.fits(model.plan_tasks(plan_id))

"""Per-unit progress: tasks indexed by unit once, statuses computed once per
task, roll-ups of child units into their parents. A pure function of
(model, as_of); building it is linear in units + tasks (times tree depth),
so every unit page costs the same however many units there are.

An index may be built with the ``earlier`` one of the same process (``mkdocs
serve``): a task the loader gave again as the same object (its file unchanged)
keeps its status object, and a unit whose tasks and statuses are all the same
objects keeps its completions. The figures are equal either way; kept objects
need not be digested again by the render memo (``render.memo``), which is what
makes a one-task edit cheap."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from campaign.derive import tasks as derive
from campaign.derive.tasks import Completion, TaskStatus
from campaign.model.model import Model
from campaign.model.plans import Evidence, Progress, Task


@dataclass(frozen=True)
class LedgerEntry:
    task: Task
    report: Progress
    evidence: Evidence


@dataclass
class UnitIndex:
    model: Model
    as_of: dt.date
    status: dict[str, TaskStatus] = field(default_factory=dict)         # task id -> status
    own: dict[str, list[Task]] = field(default_factory=dict)             # unit -> tasks it leads
    partner: dict[str, list[Task]] = field(default_factory=dict)         # unit -> tasks it supports
    kids: dict[str | None, list[str]] = field(default_factory=dict)      # parent -> child unit ids
    subtree_tasks: dict[str, list[Task]] = field(default_factory=dict)   # unit -> own + descendants' tasks
    rollup: dict[str, Completion] = field(default_factory=dict)          # unit -> completion with children
    own_done: dict[str, Completion] = field(default_factory=dict)        # unit -> completion of its own tasks
    depth: dict[str, int] = field(default_factory=dict)

    def own_completion(self, unit_id: str) -> Completion:
        return self.own_done.get(unit_id) or self.completion_of([])

    def completion_of(self, tasks: list[Task]) -> Completion:
        return derive.tally(self.status[t.id] for t in tasks)

    def ledger(self, unit_id: str) -> list[LedgerEntry]:
        """Evidence of the unit's own tasks reported by as_of, newest first."""
        out = [LedgerEntry(t, p, e) for t in self.own.get(unit_id, [])
               for p in derive.reports_until(t, self.as_of) for e in p.evidence]
        return sorted(out, key=lambda x: x.report.date, reverse=True)

    def tree(self) -> list[tuple[int, str]]:
        """(depth, unit id) depth first, in file order."""
        out: list[tuple[int, str]] = []
        stack = [(0, u) for u in reversed(self.kids.get(None, []))]
        while stack:
            d, uid = stack.pop()
            out.append((d, uid))
            stack.extend((d + 1, c) for c in reversed(self.kids.get(uid, [])))
        return out


def unit_index(model: Model, as_of: dt.date, earlier: UnitIndex | None = None) -> UnitIndex:
    ix = UnitIndex(model, as_of)
    if earlier is not None and earlier.as_of != as_of:
        earlier = None
    before = earlier.model.tasks if earlier is not None else {}
    for t in model.tasks.values():
        ix.status[t.id] = earlier.status[t.id] if earlier is not None and before.get(t.id) is t \
            else derive.task_status(t, as_of)
        for uid in dict.fromkeys(t.units):
            ix.own.setdefault(uid, []).append(t)
        for uid in dict.fromkeys(t.partners):
            ix.partner.setdefault(uid, []).append(t)
    for unit in model.units.values():
        ix.kids.setdefault(unit.parent if unit.parent in model.units else None, []).append(unit.id)
    # Roll up bottom-up: a task shared by a parent and its child counts once.
    order = ix.tree()
    for d, uid in order:
        ix.depth[uid] = d
    for _, uid in reversed(order):
        seen: dict[str, Task] = {t.id: t for t in ix.own.get(uid, [])}
        for c in ix.kids.get(uid, []):
            for t in ix.subtree_tasks[c]:
                seen.setdefault(t.id, t)
        ix.subtree_tasks[uid] = list(seen.values())
        if earlier is None:
            ix.rollup[uid] = ix.completion_of(ix.subtree_tasks[uid])
            ix.own_done[uid] = ix.completion_of(ix.own.get(uid, []))
            continue
        ix.rollup[uid] = _completion(ix, earlier, ix.subtree_tasks[uid],
                                     earlier.subtree_tasks.get(uid), earlier.rollup.get(uid))
        ix.own_done[uid] = _completion(ix, earlier, ix.own.get(uid, []), earlier.own.get(uid), earlier.own_done.get(uid))
    return ix


def _completion(ix: UnitIndex, earlier: UnitIndex, tasks: list[Task], counted: list[Task] | None,
                before: Completion | None) -> Completion:
    """The completion of ``tasks``; ``before`` (the ``earlier`` index's, of the tasks it ``counted``)
    when those were the very same task and status objects."""
    if before is not None and counted is not None and len(counted) == len(tasks) and all(
            a is b and ix.status[a.id] is earlier.status[a.id] for a, b in zip(tasks, counted)):
        return before
    return ix.completion_of(tasks)


# A summary page lists at most this many rows of a kind; the rest are a link away (the unit
# pages, the progress workbook, the bulletins), so the page does not grow with the campaign.
SHORTLIST = 30


@dataclass(frozen=True)
class Shortlist:
    """The rows a summary shows out of ``total`` (all of them while they fit)."""

    rows: list[Any]
    total: int

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.total


def shortlist(rows: list[Any], limit: int = SHORTLIST, key: Callable[[Any], Any] | None = None) -> Shortlist:
    """The first ``limit`` rows (by ``key`` when given: the ones that most need attention)."""
    if len(rows) <= limit:
        return Shortlist(list(rows), len(rows))
    chosen = sorted(rows, key=key)[:limit] if key is not None else list(rows[:limit])
    return Shortlist(chosen, len(rows))


def ends(rows: list[Any], limit: int = SHORTLIST) -> Shortlist:
    """The first and last ``limit // 2`` rows of a ranking (all while they fit)."""
    if len(rows) <= limit:
        return Shortlist(list(rows), len(rows))
    half = limit // 2
    return Shortlist(list(rows[:half]) + list(rows[-half:]), len(rows))

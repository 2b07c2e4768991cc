"""Board issues in order and the replacement schedule at ``as_of``: pure functions of (model, as_of)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from campaign.model.boards import Board
from campaign.model.dates import add_months
from campaign.model.model import Model

RHYTHM_MONTHS = 2          # the seeds: a new issue every two months, six a year
WARN_DAYS = 14             # the internal build warns this many days before the next issue is due


def in_order(model: Model) -> list[Board]:
    return sorted(model.boards.values(), key=lambda b: b.period.start.first)


@dataclass(frozen=True)
class Schedule:
    current: Board | None
    next: Board | None
    due: dt.date | None        # when the next issue must be up
    state: Literal["ok", "due", "late", "none"]
    days: int                  # days left (due) or days late (late)


def schedule(model: Model, as_of: dt.date) -> Schedule:
    items = in_order(model)
    if not items:
        return Schedule(None, None, None, "none", 0)
    current = next((b for b in items if b.period.start.first <= as_of <= b.period.end.last), None)
    started = [b for b in items if b.period.start.first <= as_of]
    later = [b for b in items if b.period.start.first > as_of]
    nxt = later[0] if later else None
    if current is not None:
        due = min(current.period.end.last + dt.timedelta(days=1),
                  add_months(current.period.start.first, RHYTHM_MONTHS))
    elif started:
        due = started[-1].period.end.last + dt.timedelta(days=1)
    else:
        return Schedule(None, nxt, nxt.period.start.first if nxt else None, "ok", 0)
    if nxt is not None and nxt.period.start.first <= due:
        return Schedule(current, nxt, due, "ok", (due - as_of).days)
    if as_of >= due:
        return Schedule(current, nxt, due, "late", (as_of - due).days)
    if (due - as_of).days <= WARN_DAYS:
        return Schedule(current, nxt, due, "due", (due - as_of).days)
    return Schedule(current, nxt, due, "ok", (due - as_of).days)

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


# -- print sizes by viewing distance --------------------------------------------------------
# A board is read from about 2.2 times its short side (an A3 sheet at 0.66 m, A2 at 0.93 m, a
# 1200 × 900 mm board at 2 m). Body text needs an ink height of 8.5 mm per metre of that distance
# (the signage rule of about 1/118 of the distance: 17 mm at 2 m); Chinese characters' ink is about
# 0.86 of the type size. The QR code is 30 mm on A3 with 1 mm modules, scanned from about 1 m with a
# phone's preview, and both grow with the sheet. The guide (health-education.md) states the rule.
READ_DISTANCE_PER_MM = 2.2 / 1000      # m of viewing distance per mm of the short side
INK_MM_PER_M = 8.5
INK_RATIO = 0.86
QR_A3_MM = 30.0
QR_MODULE_A3_MM = 1.0
A3_SHORT_MM = 297.0


def viewing_distance(size: tuple[float, float]) -> float:
    """Metres from which a board of ``size`` (mm) is read."""
    return round(min(size) * READ_DISTANCE_PER_MM, 2)


def body_pt(size: tuple[float, float]) -> float:
    """Type size (pt) whose characters' ink meets the rule at the board's viewing distance."""
    ink = viewing_distance(size) * INK_MM_PER_M
    return round(ink / INK_RATIO / (25.4 / 72), 1)


def qr_mm(size: tuple[float, float]) -> tuple[float, float]:
    """(least width of the code, least module) in mm: the A3 values, scaled up with the sheet."""
    scale = max(1.0, min(size) / A3_SHORT_MM)
    return round(QR_A3_MM * scale, 1), round(QR_MODULE_A3_MM * scale, 2)

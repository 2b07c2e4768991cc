"""Figures derived from inspections as pure functions of (model, as_of):
scores, grades (优 / 良 / 差), rankings with flags, findings and their
close-out (销号), monthly score trends.

Ranking rule (documented for authors in the guide and in the bulletin):

* Units are ranked by score, highest first, with *competition ranking*:
  equal scores share a rank and the next rank skips (1, 2, 2, 4).
* Red flags (流动红旗) go to every unit whose rank is within ``red_flags``
  (so units tied at the boundary all get one). Black flags go the same way
  from the bottom: every unit whose rank counted from the bottom is within
  ``black_flags``. A unit never gets both: if the two would meet (very few
  units, or everyone tied), the red flag wins and that unit gets no black flag.
* Flags are awarded by monthly inspections only (月评); weekly and special
  inspections are ranked but carry no flags.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from campaign.model.campaign import InspectionSettings
from campaign.model.inspections import GRADE_LABELS, KIND_LABELS, Finding, Inspection, UnitResult
from campaign.model.model import Model


def inspections(model: Model) -> list[Inspection]:
    """Every inspection, oldest first."""
    return sorted(model.inspections.values(), key=lambda i: (i.date, i.id))


def held(model: Model, as_of: dt.date) -> list[Inspection]:
    """Inspections held on or before ``as_of``."""
    return [i for i in inspections(model) if i.date <= as_of]


def score_of(result: UnitResult, settings: InspectionSettings) -> float:
    if result.score is not None:
        return result.score
    return max(0.0, settings.full_score - sum(d.points for d in result.deductions))


def grade(score: float, settings: InspectionSettings) -> str:
    if score >= settings.excellent:
        return "excellent"
    if score >= settings.good:
        return "good"
    return "poor"


@dataclass(frozen=True)
class Ranked:
    unit: str
    score: float
    rank: int
    grade: str
    flag: str | None          # "red" | "black" | None
    result: UnitResult

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]

    @property
    def flag_label(self) -> str:
        return {"red": "流动红旗", "black": "黑旗"}.get(self.flag or "", "")


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted high to low: equal scores share a rank (1, 2, 2, 4)."""
    ranks, prev = [], None
    for i, sc in enumerate(scores):
        ranks.append(ranks[-1] if prev is not None and sc == prev else i + 1)
        prev = sc
    return ranks


def ranking(insp: Inspection, settings: InspectionSettings) -> list[Ranked]:
    """The units of one inspection, best first, with shared ranks and flags."""
    scored = sorted(((score_of(r, settings), r) for r in insp.results), key=lambda x: -x[0])
    scores = [sc for sc, _ in scored]
    ranks = competition_ranks(scores)
    # rank from the bottom, also competition style
    asc = list(reversed(scores))
    bottom_rev = competition_ranks([-x for x in asc])
    bottom = list(reversed(bottom_rev))
    out = []
    flags = insp.kind == "monthly"
    for (sc, r), rank, brank in zip(scored, ranks, bottom):
        flag = None
        if flags and rank <= settings.red_flags:
            flag = "red"
        elif flags and brank <= settings.black_flags:
            flag = "black"
        out.append(Ranked(r.unit, sc, rank, grade(sc, settings), flag, r))
    return out


@dataclass(frozen=True)
class FindingState:
    finding: Finding
    inspection: Inspection
    unit: str
    closed: bool              # closed on or before as_of
    overdue: bool             # open and past its deadline at as_of

    @property
    def label(self) -> str:
        if self.closed:
            return "已销号"
        return "逾期未整改" if self.overdue else "整改中"


def finding_state(f: Finding, insp: Inspection, unit: str, as_of: dt.date) -> FindingState:
    closed = f.closed is not None and f.closed <= as_of
    return FindingState(f, insp, unit, closed, not closed and as_of > f.deadline)


@dataclass
class UnitInspections:
    """One unit's inspection history at as_of (oldest first) and findings."""

    history: list[tuple[Inspection, Ranked, int]] = field(default_factory=list)  # (insp, ranked, of how many)
    open: list[FindingState] = field(default_factory=list)
    closed: list[FindingState] = field(default_factory=list)

    @property
    def latest_monthly(self) -> tuple[Inspection, Ranked, int] | None:
        for item in reversed(self.history):
            if item[0].kind == "monthly":
                return item
        return None


def by_unit(model: Model, as_of: dt.date) -> dict[str, UnitInspections]:
    """Every unit's inspection history and findings, computed once for all units."""
    settings = model.campaign.inspection
    out: dict[str, UnitInspections] = {}
    for insp in held(model, as_of):
        ranked = ranking(insp, settings)
        for rk in ranked:
            ui = out.setdefault(rk.unit, UnitInspections())
            ui.history.append((insp, rk, len(ranked)))
            for f in rk.result.findings:
                st = finding_state(f, insp, rk.unit, as_of)
                (ui.closed if st.closed else ui.open).append(st)
    return out


def latest_monthly(model: Model, as_of: dt.date) -> Inspection | None:
    monthly = [i for i in held(model, as_of) if i.kind == "monthly"]
    return monthly[-1] if monthly else None


def months(model: Model, as_of: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month with an inspection held by as_of, oldest first."""
    return sorted({(i.date.year, i.date.month) for i in held(model, as_of)})


def month_inspections(model: Model, as_of: dt.date, year: int, month: int) -> list[Inspection]:
    return [i for i in held(model, as_of) if (i.date.year, i.date.month) == (year, month)]


def score_trend(model: Model, as_of: dt.date) -> tuple[list[tuple[int, int]], dict[str, list[float | None]]]:
    """Monthly scores per unit: (months, {unit: [score or None per month]})."""
    settings = model.campaign.inspection
    monthly = [i for i in held(model, as_of) if i.kind == "monthly"]
    ms = sorted({(i.date.year, i.date.month) for i in monthly})
    index = {m: k for k, m in enumerate(ms)}
    series: dict[str, list[float | None]] = {}
    for insp in monthly:
        k = index[(insp.date.year, insp.date.month)]
        for r in insp.results:
            series.setdefault(r.unit, [None] * len(ms))[k] = score_of(r, settings)
    order = {u: i for i, u in enumerate(model.units)}
    return ms, dict(sorted(series.items(), key=lambda kv: order.get(kv[0], 0)))


def title_of(insp: Inspection) -> str:
    if insp.title:
        return insp.title
    d = insp.date
    if insp.kind == "monthly":
        return f"{d.year}年{d.month}月创卫工作月评"
    return f"{d.year}年{d.month}月{d.day}日{KIND_LABELS[insp.kind]}"

"""Figures derived from inspections as pure functions of (model, as_of):
scores (with bonus and penalty items), grades, rankings with awards,
findings and their close-out (销号), monthly score trends. Period results
(quarterly cups from monthly scores …) are in ``campaign.derive.appraisal``.

Ranking rule (documented for authors in the guide and on the bulletins page):

* Units are ranked by score, highest first, with *competition ranking*:
  equal scores share a rank and the next rank skips (1, 2, 2, 4).
* A unit's score is its score (or full marks minus its deductions) plus its
  bonus and penalty items (each item's points times the count, within the
  item's cap), never below 0.
* Awards are the scheme's, per period, in the order listed: ``top`` goes to
  every unit whose rank is within ``count`` (so units tied at the boundary all
  get it); ``bottom`` the same from the bottom; ``at_least`` / ``below`` by a
  score line; ``decision`` to the units the period's decisions name. A unit
  honoured by a score rule gets no criticism by a score rule in the same
  period (with very few units, or everyone tied, the honour wins); decisions
  always stand.
* Only an inspection whose kind is an appraised period (and whose period is
  not scored by averages) awards; weekly, special and unappraised inspections
  are ranked without awards.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from campaign.model.appraisal import Appraisal, Award, Grade, PeriodScheme
from campaign.model.campaign import Campaign
from campaign.model.dates import span_of
from campaign.model.inspections import KIND_LABELS, Decision, Finding, Inspection, UnitResult
from campaign.model.model import Model


def inspections(model: Model) -> list[Inspection]:
    """Every inspection, oldest first."""
    return sorted(model.inspections.values(), key=lambda i: (i.date, i.id))


def held(model: Model, as_of: dt.date) -> list[Inspection]:
    """Inspections held on or before ``as_of``."""
    return [i for i in inspections(model) if i.date <= as_of]


def base_score(result: UnitResult, scheme: Appraisal) -> float:
    """The score before bonus and penalty items: the score, or full marks minus deductions."""
    if result.score is not None:
        return result.score
    return max(0.0, scheme.full_score - sum(d.points for d in result.deductions))


def adjustment(result: UnitResult, scheme: Appraisal) -> float:
    """Bonus and penalty points: each item's points times the count, each item within its cap."""
    per_item: dict[str, float] = {}
    for a in result.adjustments:
        item = scheme.item(a.item)
        if item is not None:
            per_item[item.id] = per_item.get(item.id, 0.0) + item.points * a.times
    total = 0.0
    for item_id, pts in per_item.items():
        cap = scheme.item(item_id).max  # type: ignore[union-attr]
        total += pts if cap is None else max(-cap, min(cap, pts))
    return total


def score_of(result: UnitResult, scheme: Appraisal) -> float:
    return max(0.0, base_score(result, scheme) + adjustment(result, scheme))


@dataclass(frozen=True)
class Given:
    """An award given to a unit (with the decision's reason, if decided)."""

    award: Award
    reason: str = ""


@dataclass(frozen=True)
class Ranked:
    unit: str
    score: float
    rank: int
    grade: Grade | None
    awards: tuple[Given, ...] = ()
    result: UnitResult | None = None           # the inspection's record (None for a period average)
    parts: tuple[float | None, ...] = ()       # component scores of an averaged period
    grade_level: str = ""                      # "top" / "bottom" of several grades, for the style

    @property
    def grade_label(self) -> str:
        return self.grade.label if self.grade else ""

    @property
    def flag(self) -> str | None:
        """The tone of the row (honour / criticism) for its style; None without awards."""
        return self.awards[0].award.kind if self.awards else None

    @property
    def flag_label(self) -> str:
        return "、".join(g.award.label for g in self.awards)


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted high to low: equal scores share a rank (1, 2, 2, 4)."""
    ranks, prev = [], None
    for i, sc in enumerate(scores):
        ranks.append(ranks[-1] if prev is not None and sc == prev else i + 1)
        prev = sc
    return ranks


def award_units(award: Award, scored: list[tuple[str, float]], decisions: Iterable[Decision]) -> dict[str, str]:
    """The units ``award`` goes to by its own rule, with reasons: {unit: reason}.
    ``scored`` is best first."""
    scores = [sc for _, sc in scored]
    if award.rule == "decision":
        return {d.unit: d.reason for d in decisions if d.award == award.id}
    if award.rule == "top":
        ranks = competition_ranks(scores)
        return {u: "" for (u, _), r in zip(scored, ranks) if r <= (award.count or 0)}
    if award.rule == "bottom":
        bottom = list(reversed(competition_ranks([-x for x in reversed(scores)])))
        return {u: "" for (u, _), r in zip(scored, bottom) if r <= (award.count or 0)}
    line = award.score if award.score is not None else 0.0
    if award.rule == "at_least":
        return {u: "" for u, sc in scored if sc >= line}
    return {u: "" for u, sc in scored if sc < line}


def rank(scored: list[tuple[str, float]], appraisal: Appraisal, period: PeriodScheme | None,
         decisions: Iterable[Decision] = (), results: dict[str, UnitResult] | None = None,
         parts: dict[str, tuple[float | None, ...]] | None = None) -> list[Ranked]:
    """Units with scores, best first, with shared ranks, grades and the period's awards.
    Ties keep the order given."""
    scored = sorted(scored, key=lambda x: -x[1])
    decisions = list(decisions)
    given: dict[str, list[Given]] = {}
    honoured: set[str] = set()
    awards = period.awards if period else []
    # score-rule honours first, so a criticism by score never meets an honour by score
    for a in sorted(awards, key=lambda a: a.rule == "decision" or a.kind != "honour"):
        for unit, reason in award_units(a, scored, decisions).items():
            if a.rule != "decision":
                if a.kind == "honour":
                    honoured.add(unit)
                elif unit in honoured:
                    continue
            given.setdefault(unit, []).append(Given(a, reason))
    order = {a.id: i for i, a in enumerate(awards)}
    levels = sorted(appraisal.grades, key=lambda g: -g.min)
    out = []
    for (unit, sc), r in zip(scored, competition_ranks([sc for _, sc in scored])):
        g = appraisal.grade(sc)
        level = "" if g is None or len(levels) < 2 else (
            "top" if g is levels[0] else "bottom" if g is levels[-1] else "")
        mine = tuple(sorted(given.get(unit, []), key=lambda x: order[x.award.id]))
        out.append(Ranked(unit, sc, r, g, mine, (results or {}).get(unit), (parts or {}).get(unit, ()), level))
    return out


def awarding_period(insp: Inspection, appraisal: Appraisal) -> PeriodScheme | None:
    """The appraised period whose awards this inspection decides, if any."""
    scheme = appraisal.period(insp.kind)
    return scheme if scheme is not None and not scheme.average_of else None


def ranking(insp: Inspection, appraisal: Appraisal) -> list[Ranked]:
    """The units of one inspection, best first, with shared ranks, grades and awards."""
    results = {r.unit: r for r in insp.results}
    scored = [(r.unit, score_of(r, appraisal)) for r in insp.results]
    period = awarding_period(insp, appraisal)
    return rank(scored, appraisal, period, insp.decisions if period else (), results)


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
    appraisal = model.campaign.appraisal
    out: dict[str, UnitInspections] = {}
    for insp in held(model, as_of):
        if not insp.results:
            continue
        ranked = ranking(insp, appraisal)
        results = {r.unit: r for r in insp.results}
        for rk in ranked:
            ui = out.setdefault(rk.unit, UnitInspections())
            ui.history.append((insp, rk, len(ranked)))
            for f in results[rk.unit].findings:
                st = finding_state(f, insp, rk.unit, as_of)
                (ui.closed if st.closed else ui.open).append(st)
    return out


def latest_monthly(model: Model, as_of: dt.date) -> Inspection | None:
    monthly = [i for i in held(model, as_of) if i.kind == "monthly" and i.results]
    return monthly[-1] if monthly else None


def months(model: Model, as_of: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month with an inspection held by as_of, oldest first."""
    return sorted({(i.date.year, i.date.month) for i in held(model, as_of)})


def month_inspections(model: Model, as_of: dt.date, year: int, month: int) -> list[Inspection]:
    return [i for i in held(model, as_of) if (i.date.year, i.date.month) == (year, month)]


def score_trend(model: Model, as_of: dt.date) -> tuple[list[tuple[int, int]], dict[str, list[float | None]]]:
    """Monthly scores per unit: (months, {unit: [score or None per month]})."""
    appraisal = model.campaign.appraisal
    monthly = [i for i in held(model, as_of) if i.kind == "monthly" and i.results]
    ms = sorted({(i.date.year, i.date.month) for i in monthly})
    index = {m: k for k, m in enumerate(ms)}
    series: dict[str, list[float | None]] = {}
    for insp in monthly:
        k = index[(insp.date.year, insp.date.month)]
        for r in insp.results:
            series.setdefault(r.unit, [None] * len(ms))[k] = score_of(r, appraisal)
    order = {u: i for i, u in enumerate(model.units)}
    return ms, dict(sorted(series.items(), key=lambda kv: order.get(kv[0], 0)))


def kind_label(insp: Inspection, appraisal: Appraisal) -> str:
    """周评 / 月评 / 季度检查 … or the scheme's own name for the period."""
    scheme = appraisal.period(insp.kind)
    return scheme.name if scheme is not None and scheme.label else KIND_LABELS[insp.kind]


def title_of(insp: Inspection, campaign: Campaign) -> str:
    """The inspection's title, or one worded from its period and the campaign's short name."""
    if insp.title:
        return insp.title
    label = kind_label(insp, campaign.appraisal)
    if insp.kind in ("weekly", "special"):
        d = insp.date
        return f"{d.year}年{d.month}月{d.day}日{label}"
    return f"{span_of(insp.kind, insp.date).label}{campaign.short}工作{label}"

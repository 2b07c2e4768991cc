"""Period results of the appraisal scheme as pure functions of (model, as_of):
for each appraised period (a week, month, quarter or year) the units' scores,
ranks, grades and awards.

A period scored by its own inspections takes the one inspection of that kind
held in it (its decisions too). A period scored by averages (``average_of``)
takes, for each unit, the mean of its scores in the shorter periods within it
(periods it was not scored in do not count), once the period has ended by
``as_of``: a quarterly cup is not given for a quarter still running.
Decisions for any period are the ``decisions`` of inspections of its kind held
in it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from campaign.derive import inspections as insp
from campaign.model.appraisal import Award, PeriodScheme
from campaign.model.dates import Span, span_of
from campaign.model.inspections import Inspection
from campaign.model.model import Model


@dataclass(frozen=True)
class PeriodResult:
    span: Span
    scheme: PeriodScheme | None
    ranking: list[insp.Ranked]
    inspections: list[Inspection]        # of the period's own kind, held in it by as_of
    parts: list[Span]                    # the shorter periods averaged (averaged periods only)

    @property
    def awarded(self) -> list[tuple[Award, list[tuple[str, str]]]]:
        """Each award of the scheme with its (unit, reason) pairs, in the scheme's order; decided
        awards include units that were not scored this period."""
        if self.scheme is None:
            return []
        out = []
        for a in self.scheme.awards:
            units = [(r.unit, g.reason) for r in self.ranking for g in r.awards if g.award.id == a.id]
            ranked = {r.unit for r in self.ranking}
            if a.rule == "decision":
                units += [(d.unit, d.reason) for i in self.inspections for d in i.decisions
                          if d.award == a.id and d.unit not in ranked]
            if units:
                out.append((a, units))
        return out


def _own(model: Model, as_of: dt.date, kind: str) -> dict[str, tuple[Span, list[Inspection]]]:
    """Held inspections of ``kind`` grouped by period key, oldest first."""
    out: dict[str, tuple[Span, list[Inspection]]] = {}
    for i in insp.held(model, as_of):
        if i.kind == kind:
            span = span_of(kind, i.date)
            out.setdefault(span.key, (span, []))[1].append(i)
    return out


def scores(model: Model, as_of: dt.date, kind: str) -> dict[str, tuple[Span, dict[str, float]]]:
    """Every unit's score per period of ``kind`` (by period key, oldest first)."""
    appraisal = model.campaign.appraisal
    scheme = appraisal.period(kind)
    if scheme is None or not scheme.average_of:
        out = {}
        for key, (span, items) in _own(model, as_of, kind).items():
            scored = next((i for i in items if i.results), None)
            if scored is not None:
                out[key] = (span, {r.unit: insp.score_of(r, appraisal) for r in scored.results})
        return out
    return {key: (span, {u: avg for u, (avg, _) in per_unit.items()})
            for key, (span, per_unit, _) in _averages(model, as_of, scheme).items()}


def _averages(model: Model, as_of: dt.date, scheme: PeriodScheme
              ) -> dict[str, tuple[Span, dict[str, tuple[float, tuple[float | None, ...]]], list[Span]]]:
    """Averaged periods that ended by as_of: {key: (span, {unit: (average, parts)}, part spans)}."""
    kind = scheme.period
    collected: dict[str, tuple[Span, list[tuple[Span, dict[str, float]]]]] = {}
    for k in scheme.average_of:
        for span, per_unit in scores(model, as_of, k).values():
            outer = span_of(kind, span.first)
            collected.setdefault(outer.key, (outer, []))[1].append((span, per_unit))
    out = {}
    for key, (outer, parts) in sorted(collected.items(), key=lambda kv: kv[1][0]):
        if outer.last > as_of:
            continue
        parts.sort(key=lambda p: (p[0].first, p[0].last))
        units: list[str] = []
        for _, per_unit in parts:
            units += [u for u in per_unit if u not in units]
        per = {}
        for u in units:
            vals = tuple(per_unit.get(u) for _, per_unit in parts)
            got = [v for v in vals if v is not None]
            per[u] = (round(sum(got) / len(got), 2), vals)
        out[key] = (outer, per, [s for s, _ in parts])
    return out


def period_results(model: Model, as_of: dt.date, kind: str) -> list[PeriodResult]:
    """The results of every period of ``kind`` with scores or decisions by as_of, oldest first."""
    appraisal = model.campaign.appraisal
    scheme = appraisal.period(kind)
    own = _own(model, as_of, kind)
    out = []
    if scheme is not None and scheme.average_of:
        for key, (span, per, parts) in _averages(model, as_of, scheme).items():
            items = own.get(key, (span, []))[1]
            decisions = [d for i in items for d in i.decisions]
            ranking = insp.rank([(u, avg) for u, (avg, _) in per.items()], appraisal, scheme, decisions,
                                parts={u: vals for u, (_, vals) in per.items()})
            out.append(PeriodResult(span, scheme, ranking, items, parts))
        return out
    for span, items in own.values():
        scored = next((i for i in items if i.results), None)
        decisions = [d for i in items for d in i.decisions] if scheme else []
        ranking = []
        if scored is not None:
            results = {r.unit: r for r in scored.results}
            ranking = insp.rank([(r.unit, insp.score_of(r, appraisal)) for r in scored.results], appraisal,
                                scheme, decisions, results)
        elif scheme is not None:
            ranking = insp.rank([], appraisal, scheme, decisions)
        out.append(PeriodResult(span, scheme, ranking, items, []))
    return out


def unit_awards(model: Model, as_of: dt.date) -> dict[str, list[tuple[PeriodResult, Award, str]]]:
    """Every award each unit received by as_of, oldest first: {unit: [(period result, award, reason)]}."""
    out: dict[str, list[tuple[PeriodResult, Award, str]]] = {}
    results = [r for p in model.campaign.appraisal.periods for r in period_results(model, as_of, p.period)]
    for res in sorted(results, key=lambda r: (r.span.last, -r.span.first.toordinal())):  # shorter periods first
        for award, units in res.awarded:
            for unit, reason in units:
                out.setdefault(unit, []).append((res, award, reason))
    return out

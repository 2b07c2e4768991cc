"""Bulletins (通报) as figures, pure: (model, as_of) → reports, oldest first.

* A monthly bulletin for every month with an inspection held by ``as_of``
  (unless the scheme says the monthly appraisal has no bulletins): the
  month's appraisal with its awards, the month's other inspections (those
  whose kind has no bulletins of its own) and the problems found that month
  still open at the cut-off.
* A bulletin for every other appraised period with ``bulletin: true`` (weekly,
  quarterly, annual) that has a result: its ranking and awards, its own
  inspections' problems.

The cut-off is the period's last day, or ``as_of`` while the period runs. A
bulletin's title, doc number, addressees, opening and date come from
data/bulletins/<period>.yml when given; otherwise they are worded from the
campaign's place and stage, and the bulletin is dated on its cut-off.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from campaign.derive import appraisal as apr
from campaign.derive import inspections as insp
from campaign.derive import progress
from campaign.model.appraisal import DEFAULT_PERIOD_LABELS, Appraisal, PeriodScheme
from campaign.model.dates import PERIOD_KINDS, PERIOD_NAMES, Span, span_of
from campaign.model.inspections import Inspection
from campaign.model.model import Model


@dataclass(frozen=True)
class Report:
    key: str                  # the period: 2026-10, 2026-Q3, 2026, 2026-W42
    span: Span
    title: str
    doc_number: str | None
    recipients: list[str]
    cc: list[str]
    opening: str              # Markdown
    date: dt.date             # 成文日期, on or after the cut-off
    cutoff: dt.date
    summary: str
    scheme: PeriodScheme | None
    result: apr.PeriodResult | None      # the period's appraisal, if any
    others: list[tuple[Inspection, list[insp.Ranked]]]   # inspections reported without awards
    open: list[insp.FindingState]                       # open at the cut-off
    closed: int

    @property
    def ranking(self) -> list[insp.Ranked]:
        return self.result.ranking if self.result else []

    @property
    def this(self) -> str:
        """本周 / 本月 / 本季度 / 本年度."""
        return "本" + PERIOD_NAMES[self.span.kind]

    @property
    def grades(self) -> bool:
        return any(r.grade for r in self.ranking) or any(r.grade for _, rk in self.others for r in rk)


def reports(model: Model, as_of: dt.date) -> list[Report]:
    """Every bulletin at as_of, oldest first (by cut-off, shorter periods first)."""
    out = [*_monthly_reports(model, as_of), *_period_reports(model, as_of)]
    return sorted(out, key=lambda r: (r.cutoff, PERIOD_KINDS.index(r.span.kind)))


def _monthly_reports(model: Model, as_of: dt.date) -> Iterator[Report]:
    """A bulletin for each month with an inspection held (unless the monthly appraisal has none):
    the month's appraisal, and the month's inspections whose kind has no bulletins of its own."""
    ap = model.campaign.appraisal
    monthly = ap.period("monthly")
    if monthly is not None and not monthly.bulletin:
        return
    own_bulletins = {p.period for p in ap.periods if p.bulletin}
    results = {r.span.key: r for r in apr.period_results(model, as_of, "monthly")} if monthly else {}
    held = insp.held(model, as_of)
    for span in sorted({span_of("monthly", i.date) for i in held}):
        items = [i for i in held if span.contains(i.date)]
        result = results.get(span.key)
        own = result.inspections if result else []
        others = [i for i in items if i not in own and i.results and
                  (i.kind == "monthly" or i.kind not in own_bulletins)]
        if result is None and not others:
            continue
        yield _report(model, as_of, span, monthly, result, others, [*own, *others])


def _period_reports(model: Model, as_of: dt.date) -> Iterator[Report]:
    """A bulletin for each result of every other appraised period that has bulletins."""
    for p in model.campaign.appraisal.periods:
        if p.period == "monthly" or not p.bulletin:
            continue
        for result in apr.period_results(model, as_of, p.period):
            yield _report(model, as_of, result.span, p, result, [], result.inspections)


def _period_name(ap: Appraisal, kind: str) -> str:
    return _scheme_name(ap.period(kind), kind)


def _scheme_name(scheme: PeriodScheme | None, kind: str) -> str:
    """月评, 季度考评 …: the scheme's name for its period, the default label without a scheme."""
    return scheme.name if scheme else DEFAULT_PERIOD_LABELS[kind]


def _report(model: Model, as_of: dt.date, span: Span, scheme: PeriodScheme | None, result: apr.PeriodResult | None,
            others: list[Inspection], items: list[Inspection]) -> Report:
    ap = model.campaign.appraisal
    cutoff = min(span.last, as_of)
    states = [insp.finding_state(f, i, r.unit, cutoff) for i in items for r in i.results for f in r.findings]
    open_ = [s for s in states if not s.closed]
    data = model.bulletins.get(span.key)
    return Report(
        key=span.key, span=span, title=data.title if data and data.title else _title(model, span),
        doc_number=data.doc_number if data else None,
        recipients=(data.recipients if data and data.recipients else list(ap.recipients)),
        cc=(data.cc if data and data.cc else list(ap.cc)),
        opening=str(data.opening) if data and data.opening else _opening(model, span, scheme, result, items),
        date=data.date if data and data.date else cutoff, cutoff=cutoff,
        summary=_summary(model, span, scheme, result, items, states), scheme=scheme, result=result,
        others=[(i, insp.ranking(i, ap)) for i in others], open=open_, closed=len(states) - len(open_))


def _title(model: Model, span: Span) -> str:
    """关于<period><place><stage>工作检查（考评）情况的通报."""
    camp = model.campaign
    word = "检查" if span.kind in ("weekly", "monthly") else "考评"
    return f"关于{span.label}{camp.whole}{camp.short}工作{word}情况的通报"


def _opening(model: Model, span: Span, scheme: PeriodScheme | None, result: apr.PeriodResult | None,
             items: list[Inspection]) -> str:
    """The opening paragraph worded from the period: how it was ranked (averaged periods) or what was done."""
    camp = model.campaign
    ap = camp.appraisal
    name = _scheme_name(scheme, span.kind)
    if result is not None and result.parts:
        parts = "、".join(_period_name(ap, k) for k in (scheme.average_of if scheme else []))
        return (f"按{ap.name or '考评办法'}，{name}以{span.label}内各次{parts}得分的平均分排名。"
                f"现将{span.label}考评结果通报如下。")
    scored = len(result.ranking) if result else 0
    did = f"对 {scored} 个单位进行了{name}" if scored else f"开展检查 {len(items)} 次"
    return (f"{span.label}，{camp.office}{'按' + ap.name if ap.name else ''}{did}。"
            f"现将{'考评结果和' if result and result.ranking else '检查情况和'}问题整改情况通报如下。")


def _summary(model: Model, span: Span, scheme: PeriodScheme | None, result: apr.PeriodResult | None,
             items: list[Inspection], states: list[insp.FindingState]) -> str:
    """One sentence: inspections held, awards given, problems found and still open at the cut-off."""
    period_word = "本" + PERIOD_NAMES[span.kind]
    parts_text = []
    if items:
        parts_text.append(f"{period_word}共检查 {len(items)} 次")
    for award, units in (result.awarded if result else []):
        # a sentence, not a list: the units beyond a shortlist are counted (the ranking names them all)
        named = progress.shortlist([model.unit_name(u) for u, _ in units])
        parts_text.append(f"{award.label}：" + "、".join(named.rows) + (f"等 {named.total} 个单位" if named.cut else ""))
    if states:
        still_open = sum(1 for s in states if not s.closed)
        parts_text.append(f"发现问题 {len(states)} 个，{period_word}末未销号 {still_open} 个")
    if not parts_text and result is not None:
        parts_text.append(f"共 {len(result.ranking)} 个单位参加{_scheme_name(scheme, span.kind)}")
    return "；".join(parts_text) + "。"

"""Monthly bulletins (通报) as figures: for each month with inspections held by
``as_of``, the monthly ranking with flags, the month's other inspections and
the problems found that month still open at the month's end (or at ``as_of``
for the current month). Pure: (model, as_of) → reports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from campaign.derive import inspections as insp
from campaign.model.dates import month_end
from campaign.model.inspections import Inspection
from campaign.model.model import Model


@dataclass(frozen=True)
class MonthReport:
    key: str                  # yyyy-mm
    title: str
    date: dt.date             # the last inspection of the month
    summary: str
    inspections: list[Inspection]
    monthly: Inspection | None
    ranking: list[insp.Ranked]
    others: list[tuple[Inspection, list[insp.Ranked]]]   # weekly / special inspections
    open: list[insp.FindingState]                       # open at the cut-off
    closed: int
    cutoff: dt.date


def monthly_reports(model: Model, as_of: dt.date) -> list[MonthReport]:
    """Every month's report, oldest first."""
    settings = model.campaign.inspection
    out = []
    for year, month in insp.months(model, as_of):
        items = insp.month_inspections(model, as_of, year, month)
        monthly = next((i for i in items if i.kind == "monthly"), None)
        ranking = insp.ranking(monthly, settings) if monthly else []
        others = [(i, insp.ranking(i, settings)) for i in items if i is not monthly]
        cutoff = min(month_end(year, month), as_of)
        states = [insp.finding_state(f, i, r.unit, cutoff) for i in items for r in i.results for f in r.findings]
        open_ = [s for s in states if not s.closed]
        red = [model.unit_name(r.unit) for r in ranking if r.flag == "red"]
        black = [model.unit_name(r.unit) for r in ranking if r.flag == "black"]
        parts = [f"本月共检查 {len(items)} 次"]
        if red:
            parts.append("流动红旗：" + "、".join(red))
        if black:
            parts.append("黑旗：" + "、".join(black))
        parts.append(f"发现问题 {len(states)} 个，月底未销号 {len(open_)} 个")
        out.append(MonthReport(
            key=f"{year}-{month:02d}", title=f"关于{year}年{month}月创卫工作检查情况的通报",
            date=max(i.date for i in items), summary="；".join(parts) + "。", inspections=items,
            monthly=monthly, ranking=ranking, others=others, open=open_, closed=len(states) - len(open_),
            cutoff=cutoff))
    return out

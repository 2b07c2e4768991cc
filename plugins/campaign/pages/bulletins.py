"""Monthly bulletins (通报): for each month with inspections held by ``as_of``,
a page with the monthly ranking and flags, the month's other inspections and
the problems found that month that were still open at the month's end (or at
``as_of`` for the current month). ``bulletins(ctx)`` lists them as plain
records so the notices index and feed can include them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .. import inspections as insp_mod
from ..notice_records import Notice
from . import ROUTES, BuildContext, GeneratedPage, href, notices, page_url
from .units import unit_uri

INDEX = "bulletins/index.md"


def bulletin_uri(key: str) -> str:
    return f"bulletins/{key}.md"


ROUTES["bulletin"] = lambda model, key: (bulletin_uri(key), "")


@dataclass(frozen=True)
class Bulletin:
    """One monthly bulletin as a notice: what the notices index and feed need."""

    key: str                  # yyyy-mm
    title: str
    date: dt.date             # the last inspection of the month
    url: str                  # site-relative URL, e.g. bulletins/2026-10/
    summary: str
    src_uri: str
    doc_number: str | None = None   # from the month's 月评 (bulletin_number)


@dataclass
class _Month:
    bulletin: Bulletin
    inspections: list
    monthly: object
    ranking: list
    others: list              # (inspection, ranking) of weekly / special inspections
    open: list                # FindingState open at the bulletin's cut-off
    closed: int
    cutoff: dt.date


def _months(ctx: BuildContext) -> list[_Month]:
    model, as_of = ctx.model, ctx.as_of
    settings = model.campaign.inspection
    out = []
    for year, month in insp_mod.months(model, as_of):
        items = insp_mod.month_inspections(model, as_of, year, month)
        monthly = next((i for i in items if i.kind == "monthly"), None)
        ranking = insp_mod.ranking(monthly, settings) if monthly else []
        others = [(i, insp_mod.ranking(i, settings)) for i in items if i is not monthly]
        cutoff = min(insp_mod.month_end(year, month), as_of)
        states = [insp_mod.finding_state(f, i, r.unit, cutoff) for i in items for r in i.results for f in r.findings]
        open_ = [s for s in states if not s.closed]
        key = f"{year}-{month:02d}"
        title = f"关于{year}年{month}月创卫工作检查情况的通报"
        red = [model.unit_name(r.unit) for r in ranking if r.flag == "red"]
        black = [model.unit_name(r.unit) for r in ranking if r.flag == "black"]
        parts = [f"本月共检查 {len(items)} 次"]
        if red:
            parts.append("流动红旗：" + "、".join(red))
        if black:
            parts.append("黑旗：" + "、".join(black))
        parts.append(f"发现问题 {len(states)} 个，月底未销号 {len(open_)} 个")
        src = bulletin_uri(key)
        # dated on the cut-off day (the month's end, or as_of for the current month): never before the figures it counts
        b = Bulletin(key, title, max(cutoff, max(i.date for i in items)), page_url(src), "；".join(parts) + "。", src,
                     next((i.bulletin_number for i in items if i.bulletin_number), None))
        out.append(_Month(b, items, monthly, ranking, others, open_, len(states) - len(open_), cutoff))
    return out


def bulletins(ctx: BuildContext) -> list[Bulletin]:
    """Every monthly bulletin, newest first (for the notices index and feed)."""
    return [m.bulletin for m in reversed(_months(ctx))]


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    months = _months(ctx)
    s = ctx.model.campaign.inspection
    rows = [(m.bulletin, href(INDEX, m.bulletin.src_uri)) for m in reversed(months)]
    yield GeneratedPage(INDEX, "督查通报", ctx.render("bulletins/index.html", rows=rows, settings=s))
    for m in months:
        src = m.bulletin.src_uri
        values = dict(b=m.bulletin, month=m, ranking=m.ranking, settings=s, title_of=insp_mod.title_of,
                      kind_labels=insp_mod.KIND_LABELS, unit_url=lambda uid, src=src: href(src, unit_uri(uid)))
        notice = as_notice(ctx, m.bulletin)
        body = ctx.render("bulletins/bulletin.html", pdf=href(src, f"print/{notices.pdf_name(notice)}.pdf"), **values)
        paper = notices.print_job(ctx, notice, ctx.render("bulletins/content.html", **values), counted=True)
        yield GeneratedPage(src, m.bulletin.title, body, in_nav=False, prints=[paper],
                            meta={"date": m.bulletin.date.isoformat()})


def as_notice(ctx: BuildContext, b: Bulletin) -> Notice:
    """A monthly bulletin as a 通报 of the office, for the notices index, feed and print layout."""
    campaign = ctx.model.campaign
    return Notice(kind="bulletin", title=b.title, issuer=campaign.office, date=b.date, summary=b.summary,
                  doc_number=b.doc_number, recipients=list(campaign.inspection.bulletin_recipients),
                  id=f"bulletins/{b.key}", src_uri=b.src_uri)


notices.add_provider(lambda ctx: [as_notice(ctx, b) for b in bulletins(ctx)])

"""Bulletins (通报): a page per appraised period with results by ``as_of``
(monthly, and weekly / quarterly / annual where the scheme says so): the
ranking and awards, the period's other inspections, the problems still open
at the cut-off, printed as a 通报 of the office."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from campaign.derive import inspections as insp
from campaign.derive.bulletins import Report
from campaign.model.appraisal import Award
from campaign.model.campaign import Campaign
from campaign.model.dates import PERIOD_NAMES
from campaign.model.inspections import KIND_LABELS, Inspection
from campaign.model.model import Model
from campaign.views import officialdoc
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import BULLETINS, bulletin_uri


@dataclass(frozen=True)
class BulletinRow:
    report: Report
    url: str


@dataclass(frozen=True)
class Held:
    """The inspection a single-inspection appraisal was scored on."""

    title: str
    date: dt.date


@dataclass(frozen=True)
class AwardedUnit:
    name: str
    reason: str


@dataclass(frozen=True)
class AwardLine:
    """One award of the period and the units given it."""

    award: Award
    units: list[AwardedUnit]


@dataclass(frozen=True)
class Section:
    """Another inspection of the period, reported with its ranking (no awards of the period)."""

    inspection: Inspection
    title: str
    kind_label: str
    ranking: list[insp.Ranked]
    ranked_only: bool         # no row has an award: "只排名不评奖惩"


def content(model: Model, report: Report) -> dict[str, object]:
    """What a bulletin's text shows besides the report itself (web page and PDF alike)."""
    camp: Campaign = model.campaign
    result = report.result
    own = next((i for i in result.inspections if i.results), None) if result else None
    return dict(
        held=Held(insp.title_of(own, camp), own.date) if own else None,
        awards=[AwardLine(award, [AwardedUnit(model.unit_name(u), reason) for u, reason in units])
                for award, units in (result.awarded if result else [])],
        sections=[Section(i, insp.title_of(i, camp), KIND_LABELS[i.kind], rk, not any(r.awards for r in rk))
                  for i, rk in report.others])


class Bulletins(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        if not ctx.model.inspections:
            yield from ctx.no_data({BULLETINS: "督查通报"}, "督查检查")
            return
        reports = ctx.bulletins
        scheme = ctx.model.campaign.appraisal
        rows = [BulletinRow(r, href(BULLETINS, bulletin_uri(r.key))) for r in reversed(reports)]
        yield GeneratedPage(BULLETINS, "督查通报", ctx.render("bulletins/index.html", rows=rows, scheme=scheme,
                                                           period_names=PERIOD_NAMES))
        for r in reports:
            src = bulletin_uri(r.key)
            values = dict(b=r, ranking=r.ranking, link=ctx.links(src), **content(ctx.model, r))
            notice = officialdoc.bulletin_notice(ctx, r)
            body = ctx.render("bulletins/bulletin.html",
                              pdf=href(src, f"print/{officialdoc.pdf_name(notice)}.pdf"), **values)
            paper = officialdoc.print_job(ctx, notice, ctx.render("bulletins/content.html", **values), counted=True)
            yield GeneratedPage(src, r.title, body, in_nav=False, prints=[paper], meta={"date": r.date.isoformat()})

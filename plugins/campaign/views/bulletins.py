"""Monthly bulletins (通报): a page per month with inspections held by ``as_of``
(the monthly ranking and flags, the month's other inspections, the problems
still open at the cut-off), printed as a 通报 of the office."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive import inspections as insp
from campaign.model.inspections import KIND_LABELS
from campaign.views import officialdoc
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import BULLETINS, bulletin_uri


class Bulletins(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        reports = officialdoc.month_reports(ctx)
        s = ctx.model.campaign.inspection
        rows = [(r, href(BULLETINS, bulletin_uri(r.key))) for r in reversed(reports)]
        yield GeneratedPage(BULLETINS, "督查通报", ctx.render("bulletins/index.html", rows=rows, settings=s))
        for r in reports:
            src = bulletin_uri(r.key)
            values = dict(b=r, month=r, ranking=r.ranking, settings=s, title_of=insp.title_of,
                          kind_labels=KIND_LABELS, link=ctx.links(src))
            notice = officialdoc.bulletin_notice(ctx, r)
            body = ctx.render("bulletins/bulletin.html",
                              pdf=href(src, f"print/{officialdoc.pdf_name(notice)}.pdf"), **values)
            paper = officialdoc.print_job(ctx, notice, ctx.render("bulletins/content.html", **values))
            yield GeneratedPage(src, r.title, body, in_nav=False, prints=[paper], meta={"date": r.date.isoformat()})

"""Bulletins (通报): a page per appraised period with results by ``as_of``
(monthly, and weekly / quarterly / annual where the scheme says so): the
ranking and awards, the period's other inspections, the problems still open
at the cut-off, printed as a 通报 of the office."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive import inspections as insp
from campaign.model.dates import PERIOD_NAMES
from campaign.model.inspections import KIND_LABELS
from campaign.views import officialdoc
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import BULLETINS, bulletin_uri


class Bulletins(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        if not ctx.model.inspections:
            yield from ctx.no_data({BULLETINS: "督查通报"}, "督查检查")
            return
        reports = ctx.bulletins
        scheme = ctx.model.campaign.appraisal
        rows = [(r, href(BULLETINS, bulletin_uri(r.key))) for r in reversed(reports)]
        yield GeneratedPage(BULLETINS, "督查通报", ctx.render("bulletins/index.html", rows=rows, scheme=scheme,
                                                           period_names=PERIOD_NAMES))
        title_of = lambda i: insp.title_of(i, ctx.model.campaign)  # noqa: E731
        for r in reports:
            src = bulletin_uri(r.key)
            values = dict(b=r, ranking=r.ranking, scheme=scheme, title_of=title_of, kind_labels=KIND_LABELS,
                          show_grades=r.grades, link=ctx.links(src))
            notice = officialdoc.bulletin_notice(ctx, r)
            body = ctx.render("bulletins/bulletin.html",
                              pdf=href(src, f"print/{officialdoc.pdf_name(notice)}.pdf"), **values)
            paper = officialdoc.print_job(ctx, notice, ctx.render("bulletins/content.html", **values), counted=True)
            yield GeneratedPage(src, r.title, body, in_nav=False, prints=[paper], meta={"date": r.date.isoformat()})

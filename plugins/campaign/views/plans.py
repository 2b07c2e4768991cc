"""Plan pages (实施方案): the document as its author wrote it, section by
section under its own headings and numbers (``derive.outline``), with the
phase timeline and task tables at ``as_of``, and its attachments."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive import outline as shape
from campaign.derive import tasks as derive
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href
from campaign.views.routes import PLANS, plan_uri


class Plans(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model, as_of = ctx.model, ctx.as_of
        if not model.plans:
            yield from ctx.no_data({PLANS: "工作方案"}, "工作方案")
            return
        rows = []
        for plan in model.plans.values():
            tasks = model.plan_tasks(plan.id)
            rows.append((plan, derive.completion(tasks, as_of), derive.current_phase(plan.phases(), as_of),
                         href(PLANS, plan_uri(plan.id))))
        yield GeneratedPage(PLANS, "工作方案", ctx.render("plans/index.html", rows=rows))
        for plan in model.plans.values():
            src = plan_uri(plan.id)
            doc = shape.outline(model, plan, as_of)
            body = ctx.render("plans/plan.html", plan=plan, outline=doc, link=ctx.links(src),
                              pdf=href(src, f"print/plans/{plan.id}.pdf"))
            article = ctx.render("plans/print.html", plan=plan, outline=doc)
            yield GeneratedPage(src, plan.title, body, in_nav=True,
                                prints=[PrintJob(f"plans/{plan.id}", article, ("print/base.css",), plan.title)])

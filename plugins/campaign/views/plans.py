"""Plan pages (实施方案): the document as its author wrote it, section by
section under its own headings and numbers (``derive.outline``), with the
phase timeline and task tables at ``as_of``, and its attachments."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from campaign.derive import outline as shape
from campaign.derive import tasks as derive
from campaign.model.plans import Phase, Plan
from campaign.print import titles
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href
from campaign.views.officialdoc import STYLESHEETS, TITLE_EM, Signature, plan_print_body
from campaign.views.routes import PLANS, plan_uri


@dataclass(frozen=True)
class PlanRow:
    """A plan in the index: its unit's name, its tasks' completion and its phase at as_of."""

    plan: Plan
    unit_name: str
    done: derive.Completion
    phase: Phase | None
    url: str


class Plans(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model, as_of = ctx.model, ctx.as_of
        if not model.plans:
            yield from ctx.no_data({PLANS: "工作方案"}, "工作方案")
            return
        rows = []
        for plan in model.plans.values():
            tasks = model.plan_tasks(plan.id)
            rows.append(PlanRow(plan, model.unit_name(plan.unit), ctx.unit_index.completion_of(tasks),
                                derive.current_phase(plan.phases(), as_of), href(PLANS, plan_uri(plan.id))))
        yield GeneratedPage(PLANS, "工作方案", ctx.render("plans/index.html", rows=rows))
        for plan in model.plans.values():
            src = plan_uri(plan.id)
            body = ctx.render("plans/plan.html", plan=plan, outline=shape.on_page(ctx.outlines[plan.id]),
                              link=ctx.links(src), pdf=href(src, f"print/plans/{plan.id}.pdf"))
            yield GeneratedPage(src, plan.title, body, in_nav=True, prints=ctx.prints_of(print_jobs, plan))


def print_jobs(ctx: BuildContext, plan: Plan) -> list[PrintJob]:
    """The plan alone (``print/plans/<id>.pdf``): a 公文 attachment, same grid and faces as the notices,
    its signature (if the document has one) after GB/T 9704 7.3.5.2."""
    signature = Signature(plan.signature, plan.date) if plan.signature else None
    article = ctx.render("plans/print_doc.html", plan=plan, body=Markup(plan_print_body(ctx, plan, signature)),
                         title_lines=titles.lines(plan.title, TITLE_EM), signature=signature)
    return [PrintJob(f"plans/{plan.id}", article, STYLESHEETS, plan.title)]

"""Plan pages (实施方案): every section, the leadership group, the phase
timeline at ``as_of`` and the task breakdown grouped by category."""
from __future__ import annotations

from typing import Iterable

from campaign.derive import tasks as derive
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href
from campaign.views.routes import PLANS, plan_uri


class Plans(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model, as_of = ctx.model, ctx.as_of
        rows = []
        for plan in model.plans.values():
            tasks = model.plan_tasks(plan.id)
            rows.append((plan, derive.completion(tasks, as_of), derive.current_phase(plan.phases, as_of),
                         href(PLANS, plan_uri(plan.id))))
        yield GeneratedPage(PLANS, "工作方案", ctx.render("plans/index.html", rows=rows))
        for plan in model.plans.values():
            src = plan_uri(plan.id)
            tasks = model.plan_tasks(plan.id)
            groups = [(cat, [(t, derive.task_status(t, as_of)) for t in ts])
                      for cat, ts in derive.by_category(model, tasks)]
            phases = [(ph, derive.phase_state(ph, as_of)) for ph in plan.phases]
            listed = derive.lists_tasks(model, plan.id)
            categories = [(cat, derive.tally(st for _, st in items)) for cat, items in groups]
            by_unit = [] if listed else derive.by_responsible_unit(model, plan.unit, tasks, as_of)
            body = ctx.render("plans/plan.html", plan=plan, groups=groups if listed else [], phases=phases,
                              categories=categories, by_unit=by_unit, limit=derive.TASK_TABLE_LIMIT,
                              completion=derive.completion(tasks, as_of), link=ctx.links(src),
                              pdf=href(src, f"print/plans/{plan.id}.pdf"))
            article = ctx.render("plans/print.html", plan=plan, groups=groups, phases=phases)
            yield GeneratedPage(src, plan.title, body, in_nav=True,
                                prints=[PrintJob(f"plans/{plan.id}", article, ("print/base.css",), plan.title)])

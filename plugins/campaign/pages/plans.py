"""Plan pages (实施方案): every section, the leadership group, the phase
timeline at ``as_of`` and the task breakdown grouped by category."""
from __future__ import annotations

from typing import Iterable

from markupsafe import Markup

from .. import derive, titles
from . import ROUTES, BuildContext, GeneratedPage, PrintJob, href

INDEX = "plans/index.md"


def plan_uri(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


ROUTES["plan"] = lambda model, key: (plan_uri(key), "")
ROUTES["task"] = lambda model, key: (plan_uri(model.task_plan[key]), f"task-{key}")


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model, as_of = ctx.model, ctx.as_of
    rows = []
    for plan in model.plans.values():
        tasks = model.plan_tasks(plan.id)
        rows.append((plan, derive.completion(tasks, as_of), derive.current_phase(plan.phases, as_of),
                     href(INDEX, plan_uri(plan.id))))
    yield GeneratedPage(INDEX, "工作方案", ctx.render("plans/index.html", rows=rows))
    for plan in model.plans.values():
        src = plan_uri(plan.id)
        tasks = model.plan_tasks(plan.id)
        groups = [(cat, [(t, derive.task_status(t, as_of)) for t in ts])
                  for cat, ts in derive.by_category(model, tasks)]
        phases = [(ph, derive.phase_state(ph, as_of)) for ph in plan.phases]
        body = ctx.render("plans/plan.html", plan=plan, groups=groups, phases=phases,
                          completion=derive.completion(tasks, as_of),
                          link=lambda kind, key, src=src: ctx.link(src, kind, key),
                          pdf=href(src, f"print/plans/{plan.id}.pdf"))
        yield GeneratedPage(src, plan.title, body, in_nav=True, prints=[print_job(ctx, plan)])


def _print_values(ctx: BuildContext, plan) -> dict:
    tasks = ctx.model.plan_tasks(plan.id)
    groups = [(cat, [(t, derive.task_status(t, ctx.as_of)) for t in ts])
              for cat, ts in derive.by_category(ctx.model, tasks)]
    return dict(plan=plan, groups=groups, phases=[(ph, derive.phase_state(ph, ctx.as_of)) for ph in plan.phases])


def print_body(ctx: BuildContext, plan) -> str:
    """The plan's text on the 公文 grid, as bound into a notice that issues it (附件)."""
    return ctx.render("plans/print.html", **_print_values(ctx, plan))


def print_job(ctx: BuildContext, plan) -> PrintJob:
    """The plan alone (``print/plans/<id>.pdf``): a 公文 attachment, same grid and faces as the notices."""
    from .notices import STYLESHEETS, TITLE_EM, Signature

    article = ctx.render("plans/print_doc.html", plan=plan, body=Markup(print_body(ctx, plan)),
                         title_lines=titles.lines(plan.title, TITLE_EM),
                         signature=Signature(ctx.model.units[plan.unit].name, plan.date))
    return PrintJob(f"plans/{plan.id}", article, STYLESHEETS, plan.title)

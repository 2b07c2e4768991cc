"""Unit pages: every unit's tasks from every plan with their status at
``as_of``, its evidence ledger, inspection history, findings, awareness rate
and rank; child units roll up into their parent. Unit pages stay out of the
navigation (a province has thousands of units); the index links them.

Everything per unit is looked up in indexes built once per build
(progress.unit_index, inspections.by_unit), so a unit page costs the same
with 10 units or 10,000."""
from __future__ import annotations

from typing import Iterable

from .. import inspections as insp_mod
from .. import awareness, progress, workbook
from . import ROUTES, BuildContext, GeneratedPage, Output, href, tobacco

INDEX = "units/index.md"


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}.md"


ROUTES["unit"] = lambda model, key: (unit_uri(key), "")


def indexes(ctx: BuildContext) -> tuple[progress.UnitIndex, dict[str, insp_mod.UnitInspections]]:
    """The per-unit indexes of this build (built once, shared by the page kinds)."""
    return ctx.once("unit-indexes", lambda: (progress.unit_index(ctx.model, ctx.as_of),
                                             insp_mod.by_unit(ctx.model, ctx.as_of)))


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model = ctx.model
    ix, by_unit = indexes(ctx)
    settings = model.campaign.inspection
    tree = [(d, model.units[uid], ix.rollup[uid], href(INDEX, unit_uri(uid))) for d, uid in ix.tree()]
    yield GeneratedPage(INDEX, "单位进度", ctx.render(
        "units/index.html", tree=tree, workbook=href(INDEX, workbook.PATH)))
    empty = insp_mod.UnitInspections()
    aware = awareness.unit_awareness(model)
    smoke = tobacco.compliance(model)
    for u in model.units.values():
        src = unit_uri(u.id)
        own = sorted(((t, ix.status[t.id]) for t in ix.own.get(u.id, [])), key=lambda ts: (ts[0].due, ts[0].id))
        partner = [(t, ix.status[t.id]) for t in ix.partner.get(u.id, [])]
        children = [(model.units[c], ix.rollup[c]) for c in ix.kids.get(u.id, [])]
        ui = by_unit.get(u.id, empty)
        latest = ui.latest_monthly
        ledger = ix.ledger(u.id)
        # Columns for file / keeper / note only when the model has them (the public model has none).
        detail = any(e.evidence.file or e.evidence.keeper or e.evidence.note for e in ledger)
        body = ctx.render(
            "units/unit.html", unit=u, own=own, partner=partner, rollup=ix.rollup[u.id],
            own_completion=ix.own_completion(u.id), children=children,
            plan_of=model.task_plan, ledger=ledger, ledger_detail=detail, insp=ui, latest=latest,
            settings=settings, awareness=aware.get(u.id), tobacco=smoke.get(u.id),
            tobacco_link=ctx.link(src, "tobacco", u.id),
            title_of=insp_mod.title_of, kind_labels=insp_mod.KIND_LABELS,
            link=lambda kind, key, src=src: ctx.link(src, kind, key))
        yield GeneratedPage(src, u.name, body, in_nav=False)


def outputs(ctx: BuildContext) -> Iterable[Output]:
    ix, by_unit = indexes(ctx)
    yield Output(workbook.PATH, workbook.progress_workbook(ctx.model, ctx.as_of, ix))

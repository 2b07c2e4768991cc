"""Unit pages: every unit's tasks from every plan with their status at
``as_of``, its evidence ledger, inspection history, findings, awareness rate
and rank; child units roll up into their parent. Unit pages stay out of the
navigation (a province has thousands of units); the index links them, and
with more units than a page holds (``derive.paging``) it lists the top levels
and numbered pages of all units, so every unit is two clicks from the index.

Everything per unit is looked up in indexes built once per build (the
``BuildContext``'s figures), so a unit page costs the same with 10 units or 10,000."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive import inspections as insp
from campaign.derive import paging
from campaign.derive import tasks as derive
from campaign.export import workbook
from campaign.model.inspections import KIND_LABELS
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, href
from campaign.views.pager import paged
from campaign.views.routes import UNITS, unit_uri


def listed_levels(depths: list[int], limit: int) -> int | None:
    """How many levels of the tree the index page lists while more units than ``limit`` are paged
    (None: all of them)."""
    if len(depths) <= limit:
        return None
    per_level: dict[int, int] = {}
    for d in depths:
        per_level[d] = per_level.get(d, 0) + 1
    total, levels = 0, 0
    for d in sorted(per_level):
        total += per_level[d]
        if total > limit:
            break
        levels = d + 1
    return max(levels, 1)


class Units(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        if not model.units:
            yield from ctx.no_data({UNITS: "单位进度"}, "单位")
            return
        ix, by_unit = ctx.unit_index, ctx.inspections_by_unit
        title_of = lambda i: insp.title_of(i, model.campaign)  # noqa: E731
        # Every unit in tree order (each followed by its subordinates); more than a page's worth are paged:
        # the index lists the top levels and the pages of all units, each unit two clicks away.
        order = ix.tree()
        pages = paged(UNITS, "page", order, "个单位")
        levels = listed_levels([d for d, _ in order], paging.rows_per_page())

        def rows(src: str, part: list[tuple[int, str]]) -> list:
            return [(d, model.units[uid], ix.rollup[uid], href(src, unit_uri(uid))) for d, uid in part]

        yield GeneratedPage(UNITS, "单位进度", ctx.render(
            "units/index.html", tree=rows(UNITS, [(d, u) for d, u in order if levels is None or d < levels]),
            levels=levels, contents=pages.contents(UNITS, lambda du: model.units[du[1]].name) if pages.cut else [],
            workbook=href(UNITS, workbook.PATH)))
        place = {uid: i for i, (_, uid) in enumerate(order)}
        if pages.cut:
            for part in pages.parts:
                src = pages.uri(part.number)
                yield GeneratedPage(src, pages.title(part, "单位进度"), ctx.render(
                    "units/part.html", heading=pages.heading(part), tree=rows(src, part.rows),
                    pager=pages.pager(part, "单位分页", "返回单位进度")), in_nav=False)
        empty = insp.UnitInspections()
        for u in model.units.values():
            src = unit_uri(u.id)
            own = sorted(((t, ix.status[t.id]) for t in ix.own.get(u.id, [])), key=lambda ts: derive.due_order(ts[0]))
            partner = [(t, ix.status[t.id]) for t in ix.partner.get(u.id, [])]
            kids = ix.kids.get(u.id, [])
            # a page's worth of children; the rest are listed in the index's pages, from where they begin
            more = (pages.url_of(src, place[kids[paging.rows_per_page()]]) if not paging.fits(kids) else "")
            children = [(model.units[c], ix.rollup[c]) for c in kids[:paging.rows_per_page()]]
            ui = by_unit.get(u.id, empty)
            ledger = ix.ledger(u.id)
            # Columns for file / keeper / note only when the model has them (the public model has none).
            detail = any(e.evidence.file or e.evidence.keeper or e.evidence.note for e in ledger)
            body = ctx.render(
                "units/unit.html", unit=u, own=own, partner=partner, rollup=ix.rollup[u.id],
                own_completion=ix.own_completion(u.id), children=children, children_total=len(kids), more_children=more,
                plan_of=model.task_plan, ledger=ledger, ledger_detail=detail, insp=ui, latest=ui.latest_monthly,
                duties=[(d, ctx.link(src, "plan", d.plan.id) + f"#{d.anchor}") for d in ctx.duties_by_unit.get(u.id, [])],
                awards=ctx.unit_awards.get(u.id, []), awareness=ctx.awareness.get(u.id), tobacco=ctx.compliance.get(u.id),
                tobacco_link=ctx.link(src, "tobacco", u.id),
                title_of=title_of, kind_labels=KIND_LABELS, link=ctx.links(src))
            yield GeneratedPage(src, u.name, body, in_nav=False)

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        yield Output(workbook.PATH, workbook.progress_workbook(ctx.model, ctx.as_of, ctx.unit_index))

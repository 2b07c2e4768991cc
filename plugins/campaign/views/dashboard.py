"""The dashboard (工作进度): overall completion, completion by category and by
unit, overdue tasks, the latest ranking with flags and the monthly score
trend, as inline SVG charts each followed by a table with the same figures."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive import inspections as insp
from campaign.derive import progress
from campaign.derive import tasks as derive
from campaign.export import workbook
from campaign.print import charts
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import BULLETINS, DASHBOARD, UNITS


class Dashboard(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model, as_of = ctx.model, ctx.as_of
        if not model.tasks and not model.inspections:
            yield from ctx.no_data({DASHBOARD: "工作进度"}, "任务和督查检查")
            return
        ix = ctx.unit_index
        tasks = list(model.tasks.values())
        overall = ix.completion_of(tasks)
        cats = [(cat, ix.completion_of(ts)) for cat, ts in derive.by_category(model, tasks)]
        # Completion by unit: the top-level units' children (departments, streets), rolled up.
        roots = ix.kids.get(None, [])
        level = [c for r in roots for c in ix.kids.get(r, [])] if len(roots) == 1 else roots
        # every list is a shortlist: the page stays the same size however many units there are
        units = progress.shortlist([(model.units[u], ix.rollup[u]) for u in level if ix.rollup[u].total],
                                   key=lambda uc: uc[1].percent)  # the lowest completion first
        overdue = progress.shortlist(sorted(((t, ix.status[t.id]) for t in tasks if ix.status[t.id].key == "overdue"),
                                            key=lambda ts: derive.due_order(ts[0])))
        latest = insp.latest_monthly(model, as_of)
        ranking = progress.ends(insp.ranking(latest, model.campaign.appraisal) if latest else [])
        months, trend = insp.score_trend(model, as_of)
        mlabels = [f"{m}月" if i and months[i - 1][0] == y else f"{y}年{m}月" for i, (y, m) in enumerate(months)]
        trends = progress.shortlist([(model.unit_name(u), vals) for u, vals in trend.items()],
                                    key=lambda nv: _last(nv[1]))  # the lowest latest score first
        series = trends.rows
        cat_chart = charts.bar_chart(
            [(c, comp.percent) for c, comp in cats], title="各工作类别任务完成率",
            desc="；".join(f"{c}：{comp.done}/{comp.total}，{comp.percent:.0f}%" for c, comp in cats))
        unit_chart = charts.bar_chart(
            [(u.label, comp.percent) for u, comp in units.rows], title="各单位任务完成率（含下级单位）",
            desc="；".join(f"{u.label}：{comp.percent:.0f}%" for u, comp in units.rows))
        lo = min([v for _, vals in series for v in vals if v is not None] + [60.0])
        trend_chart = charts.line_chart(
            mlabels, series, lo=float(int(lo // 10 * 10)), hi=model.campaign.appraisal.full_score,
            title="各单位月评得分走势",
            desc="；".join(f"{name}：" + "、".join("—" if v is None else f"{v:g}" for v in vals)
                          for name, vals in series))
        link = ctx.links(DASHBOARD)
        body = ctx.render(
            "dashboard/index.html", overall=overall, cats=cats, units=units, overdue=overdue,
            latest=latest, ranking=ranking.rows, ranked=ranking, months=mlabels, series=series, trends=trends,
            workbook=href(DASHBOARD, workbook.PATH), units_page=href(DASHBOARD, UNITS),
            bulletins_page=href(DASHBOARD, BULLETINS) if model.bulletins or latest else "",
            cat_chart=cat_chart, unit_chart=unit_chart, trend_chart=trend_chart if series else None,
            title_of=lambda i: insp.title_of(i, model.campaign), link=link)
        yield GeneratedPage(DASHBOARD, "工作进度", body)


def _last(values: list[float | None]) -> float:
    """The latest score of a trend (units never scored last)."""
    return next((v for v in reversed(values) if v is not None), float("inf"))

"""Bulletins (通报): a page per appraised period with results by ``as_of``
(monthly, and weekly / quarterly / annual where the scheme says so): the
ranking and awards, the period's other inspections, the problems still open
at the cut-off, printed as a 通报 of the office."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from campaign.derive import inspections as insp
from campaign.derive import progress
from campaign.derive.bulletins import Report
from campaign.model.appraisal import Appraisal, Award, PeriodScheme
from campaign.model.campaign import Campaign
from campaign.model.dates import PERIOD_NAMES
from campaign.model.inspections import KIND_LABELS, Inspection
from campaign.model.model import Model
from campaign.model.notices import Notice
from campaign.views import officialdoc
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href
from campaign.views.pager import Entry, Paged, paged
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
    """One award of the period and the units given it (on the web page a shortlist of ``total``)."""

    award: Award
    units: list[AwardedUnit]
    total: int = 0

    @property
    def cut(self) -> bool:
        return len(self.units) < self.total


@dataclass(frozen=True)
class Cut:
    """What a bulletin's web page shows of a ranking longer than a page (``derive.paging``): the top
    and the bottom, the units that need attention (criticised, not among those) and the parts
    where the whole ranking continues. The PDF ranks every unit."""

    anchor: str               # the series: "ranking" or the inspection's id
    total: int
    top: list[insp.Ranked]
    bottom: list[insp.Ranked]
    attention: progress.Shortlist
    contents: list[Entry]


@dataclass(frozen=True)
class OpenCut:
    """The open problems of a bulletin's web page when they do not fit: the first ones and the parts."""

    shown: list[insp.FindingState]
    total: int
    contents: list[Entry]


@dataclass(frozen=True)
class Section:
    """Another inspection of the period, reported with its ranking (no awards of the period)."""

    inspection: Inspection
    title: str
    kind_label: str
    ranking: list[insp.Ranked]
    ranked_only: bool         # no row has an award: "只排名不评奖惩"


SCORING_WORDS = {"score": "直接打分", "deductions": "按扣分表从满分里扣分", "either": "直接打分或按扣分表从满分里扣分"}


@dataclass(frozen=True)
class SchemeRules:
    """The appraisal scheme in sentences, as the bulletins index states it."""

    scoring: str              # full score, how it is scored, the bonus and penalty items
    grades: str               # "" without grades
    periods: list[str]        # each period: how it ranks, its awards


def scheme_rules(scheme: Appraisal) -> SchemeRules:
    scoring = f"满分 {scheme.full_score:g} 分，{SCORING_WORDS[scheme.scoring]}"
    if scheme.items:
        scoring += "；另计加减分：" + "，".join(
            f"{it.label}每次{it.points:+g} 分" + (f"（每次检查累计不超过 {it.max:g} 分）" if it.max is not None else "")
            for it in scheme.items)
    grades = ("等次：" + "，".join(f"{g.min:g} 分及以上为“{g.label}”" for g in scheme.grades) + "。"
              if scheme.grades else "")
    return SchemeRules(scoring + "。", grades, [_period_rule(scheme, p) for p in scheme.periods])


def _period_rule(scheme: Appraisal, p: PeriodScheme) -> str:
    """How one period ranks (its own inspections, or the average of shorter periods) and what it awards."""
    per = PERIOD_NAMES[p.period]
    if p.average_of:
        parts = "、".join(s.name if (s := scheme.period(k)) else PERIOD_NAMES[k] for k in p.average_of)
        how = f"按本{per}内各次{parts}得分的平均分排名（期满后评定）"
    else:
        how = f"按本{per}的检查得分排名"
    awards = ("；" + "，".join(_award_rule(a) for a in p.awards)) if p.awards else ""
    return f"{p.name}（每{per}）：{how}{awards}{'' if p.bulletin else '；不单独发通报'}。"


def _award_rule(a: Award) -> str:
    if a.rule == "top":
        return f"得分最高的 {a.count} 个单位{a.verb}"
    if a.rule == "bottom":
        return f"得分最低的 {a.count} 个单位{a.verb}"
    if a.rule == "at_least":
        return f"得分不低于 {a.score:g} 分的单位{a.verb}"
    if a.rule == "below":
        return f"得分低于 {a.score:g} 分的单位{a.verb}"
    return f"{a.label}由领导决定，通报写明单位和原因"


def content(model: Model, report: Report, web: bool = False) -> dict[str, object]:
    """What a bulletin's text shows besides the report itself (the PDF names every unit; the web
    page a shortlist of each award's units, the ranking names them all)."""
    camp: Campaign = model.campaign
    result = report.result
    own = next((i for i in result.inspections if i.results), None) if result else None

    def line(award: Award, units: list[tuple[str, str]]) -> AwardLine:
        named = [AwardedUnit(model.unit_name(u), reason) for u, reason in units]
        return AwardLine(award, progress.shortlist(named).rows if web else named, len(named))

    return dict(
        held=Held(insp.title_of(own, camp), own.date) if own else None,
        awards=[line(award, units) for award, units in (result.awarded if result else [])],
        sections=[Section(i, insp.title_of(i, camp), KIND_LABELS[i.kind], rk, not any(r.awards for r in rk))
                  for i, rk in report.others])


def _paper(ctx: BuildContext, notice: Notice, values: dict[str, Any]) -> list[PrintJob]:
    """The 通报 as a GB/T 9704 document, its headings numbered."""
    return [officialdoc.print_job(ctx, notice, ctx.render("bulletins/content.html", **values), counted=True)]


def rankings(report: Report) -> dict[str, list[insp.Ranked]]:
    """The rankings of a bulletin by series name: the period's ("ranking") and each other
    inspection's ("check-<its id>")."""
    return {"ranking": report.ranking, **{f"check-{i.id}": rk for i, rk in report.others}}


def cut(p: Paged[insp.Ranked], rows: list[insp.Ranked], anchor: str) -> Cut:
    """The ranking as its bulletin's page shows it: the ends, the criticised units between them, the parts."""
    ends = progress.ends(rows)
    half = len(ends.rows) // 2
    shown = {r.unit for r in ends.rows}
    attention = progress.shortlist([r for r in rows if r.flag == "criticism" and r.unit not in shown],
                                   key=lambda r: r.score)
    return Cut(anchor, len(rows), ends.rows[:half], ends.rows[half:], attention, p.contents(p.src))


class Bulletins(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        if not ctx.model.inspections:
            yield from ctx.no_data({BULLETINS: "督查通报"}, "督查检查")
            return
        reports = ctx.bulletins
        scheme = ctx.model.campaign.appraisal
        rows = [BulletinRow(r, href(BULLETINS, bulletin_uri(r.key))) for r in reversed(reports)]
        yield GeneratedPage(BULLETINS, "督查通报", ctx.render("bulletins/index.html", rows=rows, scheme=scheme,
                                                           rules=scheme_rules(scheme)))
        for r in reports:
            yield from self.bulletin(ctx, r)

    def bulletin(self, ctx: BuildContext, r: Report) -> Iterable[GeneratedPage]:
        """A bulletin's page and, for a ranking or problem list longer than a page, its parts."""
        src = bulletin_uri(r.key)
        link = ctx.links(src)
        values = dict(b=r, ranking=r.ranking, link=link, **content(ctx.model, r))
        notice = officialdoc.bulletin_notice(ctx, r)
        # the lists longer than a page: each ranking (its rows numbered by rank) and the open problems
        lists = rankings(r)
        names = {"ranking": (r.scheme.name if r.scheme else "考评") + "排名",
                 **{f"check-{i.id}": insp.title_of(i, ctx.model.campaign) + "排名" for i, _ in r.others}}
        series = {key: paged(src, key, rows, "名", lambda row: row.rank) for key, rows in lists.items()}
        findings = paged(src, "findings", r.open, "项")
        cuts = {key: cut(p, lists[key], key) for key, p in series.items() if p.cut}
        open_cut = OpenCut(progress.shortlist(r.open).rows, len(r.open), findings.contents(src)) if findings.cut else None
        web = dict(values, **content(ctx.model, r, web=True))
        body = ctx.render("bulletins/bulletin.html", pdf=href(src, f"print/{officialdoc.pdf_name(notice)}.pdf"),
                          cuts=cuts, open_cut=open_cut, **web)
        yield GeneratedPage(src, r.title, body, in_nav=False, prints=ctx.prints_of(_paper, notice, values),
                            meta={"date": r.date.isoformat()})
        for key, p in series.items():
            if p.cut:
                yield from self.parts(ctx, r, p, names[key], "bulletins/ranking_part.html",
                                      parts=r.result.parts if key == "ranking" and r.result else [])
        if findings.cut:
            yield from self.parts(ctx, r, findings, "未销号的问题", "bulletins/findings_part.html")

    def parts(self, ctx: BuildContext, r: Report, p: Paged, what: str, template: str,
              **values: object) -> Iterable[GeneratedPage]:
        for part in p.parts:
            src = p.uri(part.number)
            title = p.title(part, what)
            body = ctx.render(template, b=r, title=title, what=what, heading=p.heading(part), rows=part.rows,
                              pager=p.pager(part, f"{what}分页", "返回通报"), link=ctx.links(src), **values)
            yield GeneratedPage(src, f"{r.title}：{title}", body, in_nav=False)

"""Inspections (督查 / 检查评比), data/inspections/*.yml: the record kinds and
their validation against the appraisal scheme (``campaign.model.appraisal``).
The figures derived from them (scores, grades, rankings with awards, finding
states, trends) are in ``campaign.derive.inspections`` and
``campaign.derive.appraisal``."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Annotated, Literal

from campaign.model.appraisal import Appraisal, PeriodScheme
from campaign.model.campaign import Period
from campaign.model.dates import PERIOD_KINDS, span_of
from campaign.model.ids import Id, UnitRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Range, Record, fld

SAME_PERIOD = {"weekly": "同一周", "monthly": "同一个月", "quarterly": "同一季度", "annual": "同一年"}
KIND_LABELS = {"weekly": "周评", "monthly": "月评", "quarterly": "季度检查", "annual": "年度考评", "special": "专项检查"}


# -- record kinds ------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Deduction(Record):
    item: str = fld(doc="扣分项目（检查表条目）", example="宣传栏未按期更换")
    points: Annotated[float, Range(0, None)] = fld(doc="扣分", example=2)


@dataclass(frozen=True, kw_only=True)
class Finding(Record):
    text: str = fld(doc="发现的问题", example="楼道堆放杂物，消防通道不畅")
    deadline: dt.date = fld(doc="整改期限", example="2026-09-10")
    closed: dt.date | None = fld(None, doc="销号日期（整改完成并复查通过；未销号不填）", example="2026-09-08")
    action: str = fld("", doc="整改措施（公开）")


@dataclass(frozen=True, kw_only=True)
class Adjustment(Record):
    item: str = fld(doc="加减分项目编号（考评办法 appraisal.items 里定义）", example="shenbao")
    times: Annotated[int, Range(1, None)] = fld(1, doc="次数（按项目分值计）", example=1)
    note: str = fld("", doc="说明（如 申报的名称）", example="申报省级健康社区")


@dataclass(frozen=True, kw_only=True)
class Decision(Record):
    award: str = fld(doc="奖惩编号（考评办法里本周期 rule: decision 的一项）", example="black_flag")
    unit: UnitRef = fld(doc="单位编号", example="cgjd")
    reason: str = fld("", doc="原因（写进通报）", example="背街小巷积存垃圾，经督办仍未清运")


@dataclass(frozen=True, kw_only=True)
class UnitResult(Record):
    unit: UnitRef = fld(doc="被检查单位编号", example="cgj")
    score: float | None = fld(None, doc="得分（与 deductions 二选一）", example=92)
    deductions: list[Deduction] = fld(factory=list, doc="扣分表（从满分里扣；与 score 二选一）")
    adjustments: list[Adjustment] = fld(factory=list, doc="加分、减分（按考评办法的 items 计，算入得分）")
    findings: list[Finding] = fld(factory=list, doc="问题清单（每条有整改期限和销号日期）")
    notes: str = fld("", doc="检查组备注（内部）", internal=True)


@dataclass(frozen=True, kw_only=True)
class Inspection(Record):
    id: Id = fld(doc="检查编号（唯一）", example="2026-09-m")
    date: dt.date = fld(doc="检查日期", example="2026-09-26")
    kind: Literal["weekly", "monthly", "quarterly", "annual", "special"] = fld(
        doc="类型：weekly 周评 / monthly 月评 / quarterly 季度检查 / annual 年度考评 / special 专项检查", example="monthly")
    title: str = fld("", doc="标题（不填则自动生成）", example="2026年9月创卫工作月评")
    inspectors: str = fld("", doc="检查组（内部）", internal=True)
    notes: str = fld("", doc="检查组总体备注（内部）", internal=True)
    results: list[UnitResult] = fld(factory=list, doc="各单位得分和问题（只记决定时可不写）")
    decisions: list[Decision] = fld(factory=list, doc="领导决定的奖惩（如 黑旗）：本期的单位和原因")


def add_inspection(into: dict[str, Inspection], insp: Inspection, reg: Registry, problems: Problems) -> None:
    if reg.define("inspection", insp.id, insp.where("id"), problems):
        into[insp.id] = insp


def check_inspections(inspections: dict[str, Inspection], s: Appraisal, period: Period,
                      problems: Problems) -> None:
    periods: dict[tuple[str, str], Inspection] = {}
    for insp in sorted(inspections.values(), key=lambda i: (i.date, i.id)):
        if not (period.start.first <= insp.date <= period.end.last):
            problems.add(insp.where("date"), insp.path("date"), f"检查日期 {insp.date} 不在创建周期之内。")
        if not insp.results and not insp.decisions:
            problems.add(insp.loc, insp.path("results"), "请写各单位得分 results，或本期的决定 decisions。")
        scheme = s.period(insp.kind)
        if insp.kind in PERIOD_KINDS and insp.results and not (scheme and scheme.average_of):
            span = span_of(insp.kind, insp.date)
            first = periods.setdefault((insp.kind, span.key), insp)
            if first is not insp:
                name = scheme.name if scheme else KIND_LABELS[insp.kind]
                problems.add(insp.where("date"), insp.path("date"),
                             f"{SAME_PERIOD[insp.kind]}只能有一次{name}，{first.loc.path}:{first.loc.line} "
                             f"已有{span.label}的“{first.id}”。")
        _check_decisions(insp, scheme, problems)
        seen: dict[str, int] = {}
        for i, r in enumerate(insp.results, 1):
            if r.unit in seen:
                problems.add(r.where("unit"), r.path("unit"),
                             f"单位“{r.unit}”在本次检查中重复出现（第 {seen[r.unit]} 项已有）。")
            else:
                seen[r.unit] = i
            _check_result(r, insp, s, problems)


def _check_decisions(insp: Inspection, scheme: PeriodScheme | None, problems: Problems) -> None:
    """Each decision names an award decided by decision, once per unit."""
    awards = {a.id: a for a in scheme.awards} if scheme else {}
    decided: set[tuple[str, str]] = set()
    for d in insp.decisions:
        award = awards.get(d.award)
        if award is None or award.rule != "decision":
            choices = [a.id for a in awards.values() if a.rule == "decision"]
            if scheme is None:
                why = f"考评办法里没有{KIND_LABELS[insp.kind]}的奖惩（appraisal.periods 里没有 period: {insp.kind}）。"
            elif award is not None:
                why = f"“{award.label}”按规则 {award.rule} 评定，不由决定指定。"
            else:
                why = f"{scheme.name}的奖惩里没有“{d.award}”。"
            tip = f"可用：{'、'.join(choices)}。" if choices else "请在考评办法里加一项 rule: decision 的奖惩。"
            problems.add(d.where("award"), d.path("award"), why + tip)
        if (d.award, d.unit) in decided:
            problems.add(d.where("unit"), d.path("unit"), f"同一奖惩“{d.award}”对单位“{d.unit}”重复决定。")
        decided.add((d.award, d.unit))


def _check_result(r: UnitResult, insp: Inspection, s: Appraisal, problems: Problems) -> None:
    """One unit's result: scored the way the scheme says, within the full score; known items; dated findings."""
    _check_scoring(r, s, problems)
    for a in r.adjustments:
        if s.item(a.item) is None:
            problems.add(a.where("item"), a.path("item"), f"未知的加减分项目“{a.item}”。{_item_tip(a.item, s)}")
    for f in r.findings:
        if f.deadline < insp.date:
            problems.add(f.where("deadline"), f.path("deadline"),
                         f"整改期限 {f.deadline} 早于发现问题的检查日期 {insp.date}。")
        if f.closed is not None and f.closed < insp.date:
            problems.add(f.where("closed"), f.path("closed"),
                         f"销号日期 {f.closed} 早于发现问题的检查日期 {insp.date}。")


def _check_scoring(r: UnitResult, s: Appraisal, problems: Problems) -> None:
    """A score or a table of deductions (one of them, as the scheme says), within the full score."""
    if r.score is None and not r.deductions:
        want = {"score": "请填写得分 score。", "deductions": "请列出扣分表 deductions（考评办法规定按扣分打分）。"}
        problems.add(r.loc, r.path("score"), want.get(s.scoring, "请填写得分 score，或列出扣分表 deductions。"))
    elif r.score is not None and r.deductions:
        problems.add(r.where("deductions"), r.path("deductions"), "得分 score 和扣分表 deductions 只能二选一。")
    elif r.score is not None:
        _check_score(r.score, r, s, problems)
    else:
        _check_deductions(r, s, problems)


def _check_score(score: float, r: UnitResult, s: Appraisal, problems: Problems) -> None:
    if s.scoring == "deductions":
        problems.add(r.where("score"), r.path("score"), "考评办法规定按扣分表打分（scoring: deductions），请改写扣分表 deductions。")
    elif not (0 <= score <= s.full_score):
        problems.add(r.where("score"), r.path("score"), f"得分 {score:g} 超出范围（0～{s.full_score:g}）。")


def _check_deductions(r: UnitResult, s: Appraisal, problems: Problems) -> None:
    if s.scoring == "score":
        problems.add(r.where("deductions"), r.path("deductions"), "考评办法规定直接写得分（scoring: score），请改写得分 score。")
    elif (total := sum(d.points for d in r.deductions)) > s.full_score:
        problems.add(r.where("deductions"), r.path("deductions"), f"扣分合计 {total:g} 超过满分 {s.full_score:g}。")


def _item_tip(item: str, s: Appraisal) -> str:
    """What to write instead of an unknown adjustment item: the nearest id, the ids there are, or where to define them."""
    near = difflib.get_close_matches(item, [it.id for it in s.items], n=1)
    if near:
        return f"是否想写“{near[0]}”？"
    if s.items:
        return "可用：" + "、".join(f"{it.id}（{it.label}）" for it in s.items)
    return "请先在 campaign.yml 的 appraisal.items 里定义加减分项目。"

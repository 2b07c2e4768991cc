"""Inspections (督查 / 检查评比), data/inspections/*.yml: the record kinds and
their validation. The figures derived from them (scores, grades, rankings
with flags, finding states, trends) are in ``campaign.derive.inspections``."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from campaign.model.campaign import InspectionSettings, Period
from campaign.model.ids import Id, UnitRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Range, Record, fld

KIND_LABELS = {"weekly": "周评", "monthly": "月评", "special": "专项检查"}
GRADE_LABELS = {"excellent": "优", "good": "良", "poor": "差"}


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
class UnitResult(Record):
    unit: UnitRef = fld(doc="被检查单位编号", example="cgj")
    score: float | None = fld(None, doc="得分（与 deductions 二选一）", example=92)
    deductions: list[Deduction] = fld(factory=list, doc="扣分表（从满分里扣；与 score 二选一）")
    findings: list[Finding] = fld(factory=list, doc="问题清单（每条有整改期限和销号日期）")
    notes: str = fld("", doc="检查组备注（内部）", internal=True)


@dataclass(frozen=True, kw_only=True)
class Inspection(Record):
    id: Id = fld(doc="检查编号（唯一）", example="2026-09-m")
    date: dt.date = fld(doc="检查日期", example="2026-09-26")
    kind: Literal["weekly", "monthly", "special"] = fld(doc="类型：weekly 周评/monthly 月评/special 专项检查", example="monthly")
    title: str = fld("", doc="标题（不填则自动生成）", example="2026年9月创卫工作月评")
    inspectors: str = fld("", doc="检查组（内部）", internal=True)
    notes: str = fld("", doc="检查组总体备注（内部）", internal=True)
    results: list[UnitResult] = fld(doc="各单位得分和问题")


def add_inspection(into: dict[str, Inspection], insp: Inspection, reg: Registry, problems: Problems) -> None:
    if reg.define("inspection", insp.id, insp.where("id"), problems):
        into[insp.id] = insp


def check_inspections(inspections: dict[str, Inspection], s: InspectionSettings, period: Period,
                      problems: Problems) -> None:
    if not (0 <= s.good <= s.excellent <= s.full_score):
        problems.add(s.where("good"), s.path("good"),
                     f"分数线应满足 0 ≤ 良（{s.good:g}）≤ 优（{s.excellent:g}）≤ 满分（{s.full_score:g}）。")
    for name in ("red_flags", "black_flags"):
        if getattr(s, name) < 0:
            problems.add(s.where(name), s.path(name), "旗数不能为负数。")
    months: dict[tuple[int, int], Inspection] = {}
    for insp in sorted(inspections.values(), key=lambda i: (i.date, i.id)):
        if not (period.start.first <= insp.date <= period.end.last):
            problems.add(insp.where("date"), insp.path("date"), f"检查日期 {insp.date} 不在创建周期之内。")
        if insp.kind == "monthly":
            key = (insp.date.year, insp.date.month)
            if key in months:
                first = months[key]
                problems.add(insp.where("date"), insp.path("date"),
                             f"同一个月只能有一次月评，{first.loc.path}:{first.loc.line} 已有本月月评“{first.id}”。")
            else:
                months[key] = insp
        seen: dict[str, int] = {}
        for i, r in enumerate(insp.results, 1):
            if r.unit in seen:
                problems.add(r.where("unit"), r.path("unit"),
                             f"单位“{r.unit}”在本次检查中重复出现（第 {seen[r.unit]} 项已有）。")
            else:
                seen[r.unit] = i
            if r.score is None and not r.deductions:
                problems.add(r.loc, r.path("score"), "请填写得分 score，或列出扣分表 deductions。")
            elif r.score is not None and r.deductions:
                problems.add(r.where("deductions"), r.path("deductions"), "得分 score 和扣分表 deductions 只能二选一。")
            elif r.score is not None and not (0 <= r.score <= s.full_score):
                problems.add(r.where("score"), r.path("score"),
                             f"得分 {r.score:g} 超出范围（0～{s.full_score:g}）。")
            elif r.deductions and sum(d.points for d in r.deductions) > s.full_score:
                problems.add(r.where("deductions"), r.path("deductions"),
                             f"扣分合计 {sum(d.points for d in r.deductions):g} 超过满分 {s.full_score:g}。")
            for f in r.findings:
                if f.deadline < insp.date:
                    problems.add(f.where("deadline"), f.path("deadline"),
                                 f"整改期限 {f.deadline} 早于发现问题的检查日期 {insp.date}。")
                if f.closed is not None and f.closed < insp.date:
                    problems.add(f.where("closed"), f.path("closed"),
                                 f"销号日期 {f.closed} 早于发现问题的检查日期 {insp.date}。")

"""Inspections (督查 / 检查评比): the record kinds of data/inspections/*.yml,
their validation, and the figures derived from them as pure functions of
(model, as_of): scores, grades (优 / 良 / 差), rankings with flags, findings
and their close-out (销号), monthly score trends.

Ranking rule (documented for authors in the guide and in the bulletin):

* Units are ranked by score, highest first, with *competition ranking*:
  equal scores share a rank and the next rank skips (1, 2, 2, 4).
* Red flags (流动红旗) go to every unit whose rank is within ``red_flags``
  (so units tied at the boundary all get one). Black flags go the same way
  from the bottom: every unit whose rank counted from the bottom is within
  ``black_flags``. A unit never gets both: if the two would meet (very few
  units, or everyone tied), the red flag wins and that unit gets no black flag.
* Flags are awarded by monthly inspections only (月评); weekly and special
  inspections are ranked but carry no flags.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from . import loader
from .model import Id, InspectionSettings, Model, UnitRef
from .notice_records import DocNumber
from .problems import Problems
from .schema import Range, Record, fld

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
    bulletin_number: DocNumber | None = fld(None, doc="本月督查通报的发文字号（写在当月任一次检查上，一般是月评；不填则通报不印发文字号）", example="示卫办〔2026〕18号")
    results: list[UnitResult] = fld(doc="各单位得分和问题")


def _add(model: Model, insp: Inspection, reg: loader.Registry, problems: Problems) -> None:
    if reg.define("inspection", insp.id, insp.where("id"), problems):
        model.extra.setdefault("inspections", {})[insp.id] = insp  # type: ignore[union-attr]


def check(model: Model, reg: loader.Registry, problems: Problems) -> None:
    s = model.campaign.inspection
    if not (0 <= s.good <= s.excellent <= s.full_score):
        problems.add(s.where("good"), s.path("good"),
                     f"分数线应满足 0 ≤ 良（{s.good:g}）≤ 优（{s.excellent:g}）≤ 满分（{s.full_score:g}）。")
    for name in ("red_flags", "black_flags"):
        if getattr(s, name) < 0:
            problems.add(s.where(name), s.path(name), "旗数不能为负数。")
    period = model.campaign.period
    months: dict[tuple[int, int], Inspection] = {}
    for insp in inspections(model):
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


loader.SOURCES.append(loader.Source("inspections/*.yml", Inspection, _add, label="督查检查"))
loader.CHECKS.append(check)
loader._KIND_NAMES.setdefault("inspection", "检查")


# -- derived figures -----------------------------------------------------------
def inspections(model: Model) -> list[Inspection]:
    """Every inspection, oldest first."""
    found: dict[str, Inspection] = model.extra.get("inspections", {})  # type: ignore[assignment]
    return sorted(found.values(), key=lambda i: (i.date, i.id))


def held(model: Model, as_of: dt.date) -> list[Inspection]:
    """Inspections held on or before ``as_of``."""
    return [i for i in inspections(model) if i.date <= as_of]


def score_of(result: UnitResult, settings: InspectionSettings) -> float:
    if result.score is not None:
        return result.score
    return max(0.0, settings.full_score - sum(d.points for d in result.deductions))


def grade(score: float, settings: InspectionSettings) -> str:
    if score >= settings.excellent:
        return "excellent"
    if score >= settings.good:
        return "good"
    return "poor"


@dataclass(frozen=True)
class Ranked:
    unit: str
    score: float
    rank: int
    grade: str
    flag: str | None          # "red" | "black" | None
    result: UnitResult

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]

    @property
    def flag_label(self) -> str:
        return {"red": "流动红旗", "black": "黑旗"}.get(self.flag or "", "")


def competition_ranks(scores: list[float]) -> list[int]:
    """Ranks of scores sorted high to low: equal scores share a rank (1, 2, 2, 4)."""
    ranks, prev = [], None
    for i, sc in enumerate(scores):
        ranks.append(ranks[-1] if prev is not None and sc == prev else i + 1)
        prev = sc
    return ranks


def ranking(insp: Inspection, settings: InspectionSettings) -> list[Ranked]:
    """The units of one inspection, best first, with shared ranks and flags."""
    scored = sorted(((score_of(r, settings), r) for r in insp.results), key=lambda x: -x[0])
    scores = [sc for sc, _ in scored]
    ranks = competition_ranks(scores)
    # rank from the bottom, also competition style
    asc = list(reversed(scores))
    bottom_rev = competition_ranks([-x for x in asc])
    bottom = list(reversed(bottom_rev))
    out = []
    flags = insp.kind == "monthly"
    for (sc, r), rank, brank in zip(scored, ranks, bottom):
        flag = None
        if flags and rank <= settings.red_flags:
            flag = "red"
        elif flags and brank <= settings.black_flags:
            flag = "black"
        out.append(Ranked(r.unit, sc, rank, grade(sc, settings), flag, r))
    return out


@dataclass(frozen=True)
class FindingState:
    finding: Finding
    inspection: Inspection
    unit: str
    closed: bool              # closed on or before as_of
    overdue: bool             # open and past its deadline at as_of

    @property
    def label(self) -> str:
        if self.closed:
            return "已销号"
        return "逾期未整改" if self.overdue else "整改中"


def finding_state(f: Finding, insp: Inspection, unit: str, as_of: dt.date) -> FindingState:
    closed = f.closed is not None and f.closed <= as_of
    return FindingState(f, insp, unit, closed, not closed and as_of > f.deadline)


@dataclass
class UnitInspections:
    """One unit's inspection history at as_of (oldest first) and findings."""

    history: list[tuple[Inspection, Ranked, int]] = field(default_factory=list)  # (insp, ranked, of how many)
    open: list[FindingState] = field(default_factory=list)
    closed: list[FindingState] = field(default_factory=list)

    @property
    def latest_monthly(self) -> tuple[Inspection, Ranked, int] | None:
        for item in reversed(self.history):
            if item[0].kind == "monthly":
                return item
        return None


def by_unit(model: Model, as_of: dt.date) -> dict[str, UnitInspections]:
    """Every unit's inspection history and findings, computed once for all units."""
    settings = model.campaign.inspection
    out: dict[str, UnitInspections] = {}
    for insp in held(model, as_of):
        ranked = ranking(insp, settings)
        for rk in ranked:
            ui = out.setdefault(rk.unit, UnitInspections())
            ui.history.append((insp, rk, len(ranked)))
            for f in rk.result.findings:
                st = finding_state(f, insp, rk.unit, as_of)
                (ui.closed if st.closed else ui.open).append(st)
    return out


def latest_monthly(model: Model, as_of: dt.date) -> Inspection | None:
    monthly = [i for i in held(model, as_of) if i.kind == "monthly"]
    return monthly[-1] if monthly else None


def months(model: Model, as_of: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month with an inspection held by as_of, oldest first."""
    return sorted({(i.date.year, i.date.month) for i in held(model, as_of)})


def month_inspections(model: Model, as_of: dt.date, year: int, month: int) -> list[Inspection]:
    return [i for i in held(model, as_of) if (i.date.year, i.date.month) == (year, month)]


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def score_trend(model: Model, as_of: dt.date) -> tuple[list[tuple[int, int]], dict[str, list[float | None]]]:
    """Monthly scores per unit: (months, {unit: [score or None per month]})."""
    settings = model.campaign.inspection
    monthly = [i for i in held(model, as_of) if i.kind == "monthly"]
    ms = sorted({(i.date.year, i.date.month) for i in monthly})
    index = {m: k for k, m in enumerate(ms)}
    series: dict[str, list[float | None]] = {}
    for insp in monthly:
        k = index[(insp.date.year, insp.date.month)]
        for r in insp.results:
            series.setdefault(r.unit, [None] * len(ms))[k] = score_of(r, settings)
    order = {u: i for i, u in enumerate(model.units)}
    return ms, dict(sorted(series.items(), key=lambda kv: order.get(kv[0], 0)))


def title_of(insp: Inspection) -> str:
    if insp.title:
        return insp.title
    d = insp.date
    if insp.kind == "monthly":
        return f"{d.year}年{d.month}月创卫工作月评"
    return f"{d.year}年{d.month}月{d.day}日{KIND_LABELS[insp.kind]}"

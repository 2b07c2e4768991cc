"""The campaign's record kinds (what authors write in data/) and the Model
that holds one loaded, validated campaign.

Field names are the YAML keys (English, from GLOSSARY.md); ``doc`` is the
Chinese description the authoring guide shows; ``internal=True`` marks what
only the internal staff build may contain.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from .dates import Due
from .schema import Markdown, Pattern, Range, Record, Ref, fld

Id = Annotated[str, Pattern(r"[A-Za-z0-9][A-Za-z0-9_-]*",
                            "编号“{value}”只能用英文字母、数字、- 和 _，且以字母或数字开头。")]
UnitRef = Annotated[str, Ref("unit")]
PersonRef = Annotated[str, Ref("person")]
Percent = Annotated[float, Range(0, 100)]


# -- campaign settings (data/campaign.yml) ---------------------------------
@dataclass(frozen=True, kw_only=True)
class Period(Record):
    start: Due = fld(doc="开始（月份或日期）", example="2026-03")
    end: Due = fld(doc="结束（月份或日期）", example="2027-06")

    def contains(self, d: Due) -> bool:
        return self.start.first <= d.first and d.last <= self.end.last


@dataclass(frozen=True, kw_only=True)
class Target(Record):
    id: Id = fld(doc="指标编号", example="awareness_rate")
    label: str = fld(doc="指标名称", example="健康知识知晓率")
    value: float = fld(doc="目标值", example=80)
    unit: str = fld("%", doc="单位", example="%")
    note: str = fld("", doc="说明")


@dataclass(frozen=True, kw_only=True)
class Hotline(Record):
    name: str = fld(doc="名称", example="政务服务便民热线")
    number: str = fld(doc="号码", example="12345")


@dataclass(frozen=True, kw_only=True)
class InspectionSettings(Record):
    full_score: float = fld(100, doc="检查满分（按扣分表打分时从满分里扣）", example=100)
    excellent: float = fld(90, doc="“优”的最低分", example=90)
    good: float = fld(75, doc="“良”的最低分（低于此分为“差”）", example=75)
    red_flags: int = fld(1, doc="每次月评授予流动红旗的单位数（并列时同分单位都授予）", example=1)
    black_flags: int = fld(1, doc="每次月评挂黑旗的单位数（并列时同分单位都挂）", example=1)
    bulletin_recipients: list[str] = fld(factory=list, doc="月度督查通报的主送机关", example=["县直各单位", "城关街道办事处"])


@dataclass(frozen=True, kw_only=True)
class Campaign(Record):
    name: str = fld(doc="创建工作名称", example="示例县创建国家卫生县城")
    stage: Literal["campaign", "consolidation"] = fld(
        "campaign", doc="阶段：campaign 创建，consolidation 巩固", example="campaign")
    office: str = fld(doc="主办机构（爱卫办/创卫办）全称", example="示例县爱国卫生运动委员会办公室")
    office_unit: UnitRef | None = fld(None, doc="主办机构对应的单位编号", example="awb")
    period: Period = fld(doc="创建周期")
    summary: Markdown = fld("", doc="首页简介（可用 Markdown）")
    categories: list[str] = fld(factory=list, doc="任务分解表的工作类别，按显示顺序", example=["创建宣传氛围", "健康教育"])
    targets: list[Target] = fld(factory=list, doc="量化目标（知晓率等）")
    hotlines: list[Hotline] = fld(factory=list, doc="监督/举报电话（印在公示和禁烟标识上）")
    address: str = fld("", doc="办公地址（公开）")
    phone: str = fld("", doc="办公电话（公开）")
    email: str = fld("", doc="电子邮箱（公开）")
    inspection: InspectionSettings = fld(factory=InspectionSettings, doc="督查评比设置：等次分数线、红旗和黑旗数量")

    def target(self, target_id: str, default: float | None = None) -> float | None:
        for t in self.targets:
            if t.id == target_id:
                return t.value
        return default


# -- units and people (data/units.yml, data/people.yml) ---------------------
UnitKind = Literal["county", "department", "section", "street", "community",
                   "enterprise", "school", "hospital", "other"]


@dataclass(frozen=True, kw_only=True)
class Unit(Record):
    id: Id = fld(doc="单位编号（英文/拼音，唯一）", example="jkj")
    name: str = fld(doc="单位全称", example="示例县卫生健康局")
    short_name: str = fld("", doc="简称（表格里显示）", example="卫健局")
    kind: UnitKind = fld("department", doc="类型：county 县/department 部门/section 科室/street 街道/community 社区/enterprise 企业/school 学校/hospital 医院/other 其他", example="department")
    parent: UnitRef | None = fld(None, doc="上级单位编号（不填即为最上级）", example="county")
    address: str = fld("", doc="地址（公开）")
    contact: PersonRef | None = fld(None, doc="联络员（内部）", internal=True, example="p-wang")
    phone: str = fld("", doc="联系电话（内部）", internal=True, example="0000-1234567")
    note: str = fld("", doc="备注（内部）", internal=True)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    id: Id = fld(doc="人员编号（唯一）", example="p-zhang")
    name: str = fld(doc="姓名", example="张示范")
    title: str = fld("", doc="职务", example="局长")
    unit: UnitRef | None = fld(None, doc="所在单位编号", example="jkj")
    phone: str = fld("", doc="手机（内部）", internal=True, example="13800000000")
    email: str = fld("", doc="邮箱（内部）", internal=True)
    note: str = fld("", doc="备注（内部）", internal=True)


# -- plans (data/plans/*.yml) -------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Goal(Record):
    text: Markdown = fld(doc="目标内容", example="职工健康知识知晓率达到 80% 以上")
    target: str = fld("", doc="量化指标编号（对应 campaign.yml 的 targets）", example="awareness_rate")


@dataclass(frozen=True, kw_only=True)
class LeadershipOffice(Record):
    name: str = fld("领导小组办公室", doc="办公室名称")
    unit: UnitRef | None = fld(None, doc="办公室设在哪个单位/科室", example="bgs")
    head: PersonRef | None = fld(None, doc="办公室主任", example="p-miao")
    staff: list[PersonRef] = fld(factory=list, doc="专干/工作人员")
    duties: Markdown = fld("", doc="办公室职责")


@dataclass(frozen=True, kw_only=True)
class Leadership(Record):
    name: str = fld("创建工作领导小组", doc="领导小组名称")
    leader: list[PersonRef] = fld(doc="组长（可多人）", example=["p-zhang"])
    deputies: list[PersonRef] = fld(factory=list, doc="副组长")
    members: list[PersonRef] = fld(factory=list, doc="成员")
    member_groups: list[str] = fld(factory=list, doc="不列姓名的成员，如“各科室负责人”", example=["各科室负责人"])
    office: LeadershipOffice | None = fld(None, doc="领导小组下设办公室")


@dataclass(frozen=True, kw_only=True)
class Phase(Record):
    name: str = fld(doc="阶段名称", example="宣传发动阶段")
    start: Due | None = fld(None, doc="开始（月份或日期，可不填）", example="2026-03")
    end: Due | None = fld(None, doc="结束（月份或日期，可不填）", example="2026-04")
    text: Markdown = fld("", doc="本阶段工作内容")


@dataclass(frozen=True, kw_only=True)
class Section(Record):
    title: str = fld(doc="小标题", example="加强组织领导")
    text: Markdown = fld(doc="内容")


@dataclass(frozen=True, kw_only=True)
class Plan(Record):
    id: Id = fld(doc="方案编号（唯一，也是网址的一部分）", example="county")
    title: str = fld(doc="方案标题", example="示例县创建国家卫生县城工作实施方案")
    unit: UnitRef = fld(doc="制定单位编号", example="county")
    doc_number: str = fld("", doc="发文字号", example="示卫办〔2026〕3号")
    date: dt.date | None = fld(None, doc="成文日期", example="2026-02-26")
    preamble: Markdown = fld("", doc="开头段落（制定依据）")
    guiding_principle: Markdown = fld("", doc="指导思想")
    goals: list[Goal] = fld(factory=list, doc="工作目标")
    leadership: Leadership | None = fld(None, doc="组织领导")
    phases: list[Phase] = fld(factory=list, doc="实施步骤（各阶段）")
    requirements: list[Section] = fld(factory=list, doc="工作要求 / 保障措施")
    sections: list[Section] = fld(factory=list, doc="其他章节（如“具体工作重点”）")
    internal_note: str = fld("", doc="内部备注", internal=True)


# -- tasks (data/tasks/<plan>.yml) ---------------------------------------------
EvidenceKind = Literal["photo", "minutes", "sign_in", "document", "record", "other"]


@dataclass(frozen=True, kw_only=True)
class Evidence(Record):
    title: str = fld(doc="台账名称", example="动员大会签到表")
    kind: EvidenceKind = fld("document", doc="类型：photo 照片/minutes 会议记录/sign_in 签到表/document 文件/record 记录/other 其他")
    file: str = fld("", doc="存档位置或文件名（内部）", internal=True, example="台账/2026/03/签到表.pdf")
    keeper: PersonRef | None = fld(None, doc="保管人（内部）", internal=True)
    note: str = fld("", doc="备注（内部）", internal=True)


@dataclass(frozen=True, kw_only=True)
class Progress(Record):
    date: dt.date = fld(doc="报告日期", example="2026-03-20")
    percent: Percent = fld(doc="完成百分比（0～100，100 即完成）", example=50)
    text: Markdown = fld("", doc="进展说明")
    evidence: list[Evidence] = fld(factory=list, doc="台账（佐证材料）")
    reporter: PersonRef | None = fld(None, doc="填报人（内部）", internal=True)
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class Task(Record):
    id: Id = fld(doc="任务编号（全站唯一）", example="xc-01")
    category: Annotated[str, Ref("category")] = fld(doc="工作类别（须是 campaign.yml 的 categories 之一）", example="创建宣传氛围")
    requirement: Markdown = fld(doc="具体任务及要求", example="办公场所设置创卫宣传栏。")
    due: Due = fld(doc="完成时限（月份或日期）", example="2026-03")
    leader: PersonRef = fld(doc="责任领导", example="p-jiang")
    units: list[UnitRef] = fld(doc="责任单位/科室（可多个）", example=["bgs"])
    partners: list[UnitRef] = fld(factory=list, doc="配合单位")
    progress: list[Progress] = fld(factory=list, doc="进度报告（按日期）")
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class TaskFile(Record):
    plan: Annotated[str, Ref("plan")] = fld(doc="所属方案编号", example="county")
    tasks: list[Task] = fld(doc="任务分解表")


# -- the whole campaign ----------------------------------------------------
@dataclass
class Model:
    """One validated campaign: records by id, in file order."""

    campaign: Campaign
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    task_plan: dict[str, str] = field(default_factory=dict)  # task id -> plan id
    extra: dict[str, object] = field(default_factory=dict)  # records of later page kinds, by kind
    audience: str = "internal"

    def plan_tasks(self, plan_id: str) -> list[Task]:
        return [t for tid, t in self.tasks.items() if self.task_plan[tid] == plan_id]

    def children(self, unit_id: str | None) -> list[Unit]:
        return [u for u in self.units.values() if u.parent == unit_id]

    def unit_name(self, unit_id: str | None) -> str:
        u = self.units.get(unit_id or "")
        return u.label if u else ""

    def person_name(self, person_id: str | None) -> str:
        p = self.people.get(person_id or "")
        return p.name if p else ""

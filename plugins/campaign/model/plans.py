"""Plans (data/plans/*.yml) and their task breakdowns (data/tasks/<plan>.yml)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from campaign.model.dates import Due
from campaign.model.ids import CategoryRef, Id, Percent, PersonRef, PlanRef, UnitRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Record, fld


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
    category: CategoryRef = fld(doc="工作类别（须是 campaign.yml 的 categories 之一）", example="创建宣传氛围")
    requirement: Markdown = fld(doc="具体任务及要求", example="办公场所设置创卫宣传栏。")
    due: Due = fld(doc="完成时限（月份或日期）", example="2026-03")
    leader: PersonRef = fld(doc="责任领导", example="p-jiang")
    units: list[UnitRef] = fld(doc="责任单位/科室（可多个）", example=["bgs"])
    partners: list[UnitRef] = fld(factory=list, doc="配合单位")
    progress: list[Progress] = fld(factory=list, doc="进度报告（按日期）")
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class TaskFile(Record):
    plan: PlanRef = fld(doc="所属方案编号", example="county")
    tasks: list[Task] = fld(doc="任务分解表")




def add_plan(into: dict[str, Plan], plan: Plan, reg: Registry, problems: Problems) -> None:
    if reg.define("plan", plan.id, plan.where("id"), problems):
        into[plan.id] = plan


def add_tasks(tasks: dict[str, Task], task_plan: dict[str, str], tf: TaskFile, reg: Registry,
              problems: Problems) -> None:
    for t in tf.tasks:
        if reg.define("task", t.id, t.where("id"), problems, t.path("id")):
            tasks[t.id] = t
            task_plan[t.id] = tf.plan


def check_plans(plans: dict[str, Plan], tasks: dict[str, Task], start: Due, end: Due, problems: Problems) -> None:
    """Dues inside the campaign period, progress in date order, phases that end after they start."""
    for task in tasks.values():
        if not (start.first <= task.due.first and task.due.last <= end.last):
            problems.add(task.where("due"), task.path("due"),
                         f"完成时限 {task.due} 不在创建周期（{start}～{end}）之内。")
        last: dt.date | None = None
        for p in task.progress:
            if last and p.date < last:
                problems.add(p.where("date"), p.path("date"), "进度报告应按日期先后排列。")
            last = p.date
    for plan in plans.values():
        for ph in plan.phases:
            if ph.start and ph.end and ph.end.last < ph.start.first:
                problems.add(ph.where("end"), ph.path("end"), f"阶段结束（{ph.end}）早于开始（{ph.start}）。")

"""Plans (data/plans/*.yml) and their task breakdowns (data/tasks/<plan>.yml)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

from campaign.model import limits
from campaign.model.dates import Due
from campaign.model.ids import CategoryRef, Id, Percent, PersonRef, PlanRef, TableName, UnitRef
from campaign.model.numbering import Style
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Record, fld


@dataclass(frozen=True, kw_only=True)
class Goal(Record):
    text: Markdown = fld(doc="目标内容", example="职工健康知识知晓率达到 80% 以上")
    target: str = fld("", doc="量化指标编号（对应 campaign.yml 的 targets）", example="awareness_rate")
    number: str = fld("", doc="文件自己的序号（不填则按顺序编号）", example="（一）")


@dataclass(frozen=True, kw_only=True)
class Role(Record):
    label: str = fld(doc="职务名称，照文件写：组长、常务副组长、副组长、成员、办公室主任……", example="常务副组长")
    people: list[PersonRef] = fld(factory=list, doc="担任这一职务的人员编号（按文件顺序）", example=["p-zhang"])
    units: list[UnitRef] = fld(factory=list, doc="担任这一职务的单位编号（如督导组由几个单位组成）", example=["wjj"])
    others: list[str] = fld(factory=list, doc="不列姓名的成员，照文件原话，如“其他局领导班子成员”、“各科室负责人”",
                            example=["其他局领导班子成员"])


@dataclass(frozen=True, kw_only=True)
class Office(Record):
    name: str = fld(doc="办公室（或下设机构）名称", example="领导小组办公室")
    unit: UnitRef | None = fld(None, doc="办公室设在哪个单位/科室", example="bgs")
    roles: list[Role] = fld(factory=list, doc="办公室的职务和人员（如办公室主任、专干）")
    duties: Markdown = fld("", doc="办公室职责")


@dataclass(frozen=True, kw_only=True)
class Group(Record):
    name: str = fld(doc="工作机构名称：领导小组、督导组、工作专班……", example="创建工作领导小组")
    text: Markdown = fld("", doc="说明（放在名单之前），如成立依据、组成方式")
    roles: list[Role] = fld(factory=list, doc="职务和成员，按文件顺序")
    office: Office | None = fld(None, doc="下设办公室")
    duties: Markdown = fld("", doc="本机构的职责")


@dataclass(frozen=True, kw_only=True)
class DutyList(Record):
    unit: UnitRef | None = fld(None, doc="承担职责的单位编号", example="bgs")
    who: str = fld("", doc="照文件写的承担者，如“各股室”、“各住户”；与 unit 同填时代替单位名称显示（至少填一个）", example="各股室")
    duties: list[Markdown] = fld(doc="职责，按文件顺序（多条时自动编号）", example=["负责机关院内的卫生。"])
    number: str = fld("", doc="文件自己的序号（不填则按顺序编号）")


@dataclass(frozen=True, kw_only=True)
class Phase(Record):
    name: str = fld(doc="阶段名称", example="宣传发动阶段")
    start: Due | None = fld(None, doc="开始（月份或日期，可不填）", example="2026-03")
    end: Due | None = fld(None, doc="结束（月份或日期，可不填）", example="2026-04")
    text: Markdown = fld("", doc="本阶段工作内容")
    number: str = fld("", doc="文件自己的序号（不填则按顺序编号）", example="第一阶段：")


@dataclass(frozen=True, kw_only=True)
class TaskColumns(Record):
    number: str = fld("序号", doc="序号列的表头")
    requirement: str = fld("具体任务及要求", doc="任务列的表头")
    due: str = fld("完成时限", doc="时限列的表头，如“完成进度安排”")
    leader: str = fld("责任领导", doc="责任领导列的表头")
    units: str = fld("责任单位", doc="责任单位列的表头，如“责任科室”")


@dataclass(frozen=True, kw_only=True)
class Content(Record):
    """What a section or an attachment holds, shown in this order: text, goals,
    groups, phases, duties, tasks, then the sub-sections (items)."""

    text: Markdown = fld("", doc="正文（指导思想、说明等自由文字）")
    goals: list[Goal] = fld(factory=list, doc="工作目标（逐条）")
    groups: list[Group] = fld(factory=list, doc="工作机构：领导小组、督导组、工作专班……")
    phases: list[Phase] = fld(factory=list, doc="实施步骤（各阶段及日期）")
    duties: list[DutyList] = fld(factory=list, doc="工作职责（每个单位一组，逐条）")
    tasks: TableName = fld("", doc="在这里列出任务表：all 为本方案的全部任务，或填任务文件里 part 的名称", example="all")
    by_category: bool = fld(True, doc="任务表按工作类别分组显示（任务都有类别时）")
    columns: TaskColumns = fld(factory=TaskColumns, doc="任务表的表头，照文件写（不写的列用默认表头）")
    items: list[Section] = fld(factory=list, doc="下一级小节（要求、措施等），按文件顺序")
    numbering: Style | None = fld(None, doc="下一级的编号样式：一、 （一） 1. 1、 （1） ① 或 none（不编号）；不填则按上一级顺延",
                                  example="1.")

    def walk(self) -> Iterator[Content]:
        """This content and every sub-section under it, in document order."""
        yield self
        for s in self.items:
            yield from s.walk()


@dataclass(frozen=True, kw_only=True)
class Section(Content):
    title: str = fld("", doc="标题，照文件写（不含序号）", example="指导思想")
    number: str = fld("", doc="文件自己的序号（不填则按顺序编号）", example="（十）")


@dataclass(frozen=True, kw_only=True)
class Attachment(Content):
    title: str = fld(doc="附件标题", example="任务分解表")
    label: str = fld("", doc="附件标号（不填：只有一个附件时为“附件”，多个时为“附件1”“附件2”……）", example="附件1")
    preface: Markdown = fld("", doc="附件的前言（标题下、正文前）")


@dataclass(frozen=True, kw_only=True)
class Plan(Record):
    id: Id = fld(doc="方案编号（唯一，也是网址的一部分）", example="county")
    title: str = fld(doc="方案标题", example="某县创建国家卫生县城工作实施方案")
    unit: UnitRef = fld(doc="制定单位编号", example="county")
    doc_number: str = fld("", doc="发文字号", example="某卫办〔2026〕3号")
    addressees: str = fld("", doc="主送（照文件写，如“各科室”）", example="各科室")
    date: dt.date | None = fld(None, doc="成文日期", example="2026-02-26")
    preamble: Markdown = fld("", doc="开头段落（制定依据）")
    numbering: Style = fld("一、", doc="一级标题的编号样式：一、 （一） 1. 1、 （1） ① 或 none", example="一、")
    sections: list[Section] = fld(factory=list, doc="正文各节，按文件顺序；每节可含正文、目标、机构、阶段、职责、任务表和下一级小节")
    signature: str = fld("", doc="署名（照文件写；不填则不署名）", example="某县中小企业服务局")
    attachments: list[Attachment] = fld(factory=list, doc="附件（任务分解表、职责清单、其他文字），按顺序")
    internal_note: str = fld("", doc="内部备注", internal=True)

    # Fields of the earlier fixed skeleton, and what to write instead.
    MOVED: ClassVar[dict[str, str]] = {
        "guiding_principle": "方案正文现在按文件顺序写在 sections 下：改为“- title: 指导思想”加“text: …”一节。",
        "goals": "方案正文现在按文件顺序写在 sections 下：改为“- title: 工作目标”加“goals: …”一节。",
        "leadership": "方案正文现在按文件顺序写在 sections 下：改为“- title: 组织领导”加“groups:”一节，"
                      "组长、副组长、成员写成 roles（每项 label 和 people/units/others）。",
        "phases": "方案正文现在按文件顺序写在 sections 下：改为“- title: 实施步骤”加“phases: …”一节。",
        "requirements": "方案正文现在按文件顺序写在 sections 下：改为“- title: 工作要求”加“items: …”一节。",
    }

    def contents(self) -> Iterator[Content]:
        """Every section, sub-section and attachment, in document order."""
        for s in self.sections:
            yield from s.walk()
        for a in self.attachments:
            yield from a.walk()

    def phases(self) -> list[Phase]:
        return [ph for c in self.contents() for ph in c.phases]

    def attachment_label(self, i: int) -> str:
        a = self.attachments[i]
        return a.label or ("附件" if len(self.attachments) == 1 else f"附件{i + 1}")


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
    text: Markdown = fld("", doc="进展说明", max_chars=limits.CELL_CHARS)
    evidence: list[Evidence] = fld(factory=list, doc="台账（佐证材料）")
    reporter: PersonRef | None = fld(None, doc="填报人（内部）", internal=True)
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class Task(Record):
    id: Id = fld(doc="任务编号（全站唯一）", example="xc-01")
    number: str = fld("", doc="文件自己的序号（不填则按在表中的顺序编号）", example="3")
    category: CategoryRef | None = fld(None, doc="工作类别（须是 campaign.yml 的 categories 之一；文件没有分类可不填）",
                                       example="创建宣传氛围")
    requirement: Markdown = fld(doc="具体任务及要求", example="办公场所设置创卫宣传栏。", max_chars=limits.CELL_CHARS)
    due: Due | None = fld(None, doc="完成时限（月份或日期；不填即长期/持续，不会逾期）", example="2026-03")
    leader: PersonRef | None = fld(None, doc="责任领导（文件没写可不填）", example="p-jiang")
    units: list[UnitRef] = fld(factory=list, doc="责任单位/科室（可多个；文件没写可不填）", example=["bgs"])
    partners: list[UnitRef] = fld(factory=list, doc="配合单位")
    progress: list[Progress] = fld(factory=list, doc="进度报告（按日期）")
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class TaskFile(Record):
    plan: PlanRef = fld(doc="所属方案编号", example="county")
    part: TableName = fld("", doc="任务表名称（一个方案有几张任务表时用，方案里以 tasks: 名称 引用）", example="附件任务")
    tasks: list[Task] = fld(doc="任务，按文件顺序")


def add_plan(into: dict[str, Plan], plan: Plan, reg: Registry, problems: Problems) -> None:
    if reg.define("plan", plan.id, plan.where("id"), problems):
        into[plan.id] = plan


def add_tasks(tasks: dict[str, Task], task_plan: dict[str, str], task_part: dict[str, str], tf: TaskFile,
              reg: Registry, problems: Problems) -> None:
    for t in tf.tasks:
        if reg.define("task", t.id, t.where("id"), problems, t.path("id")):
            tasks[t.id] = t
            task_plan[t.id] = tf.plan
            task_part[t.id] = tf.part


ALL_TASKS = "all"


def shows(content: Content, part: str) -> bool:
    """Whether ``content`` lists the plan's tasks of ``part``."""
    return content.tasks == ALL_TASKS or (bool(content.tasks) and content.tasks == part)


def check_plans(plans: dict[str, Plan], tasks: dict[str, Task], task_plan: dict[str, str],
                task_part: dict[str, str], start: Due, end: Due, problems: Problems) -> None:
    """Dues inside the campaign period, progress in date order, phases that end after
    they start, documents whose parts are complete, every task shown somewhere."""
    for task in tasks.values():
        _check_task(task, start, end, problems)
    parts = _part_counts(task_plan, task_part)
    for plan in plans.values():
        contents = list(plan.contents())
        for c in contents:
            check_content(c, problems)
        for ph in plan.phases():
            if ph.start and ph.end and ph.end.last < ph.start.first:
                problems.add(ph.where("end"), ph.path("end"), f"阶段结束（{ph.end}）早于开始（{ph.start}）。")
        _check_parts(plan, contents, parts.get(plan.id, {}), problems)


def _check_task(task: Task, start: Due, end: Due, problems: Problems) -> None:
    """Its due inside the campaign period, its progress reports in date order."""
    if task.due and not (start.first <= task.due.first and task.due.last <= end.last):
        problems.add(task.where("due"), task.path("due"), f"完成时限 {task.due} 不在创建周期（{start}～{end}）之内。")
    last: dt.date | None = None
    for p in task.progress:
        if last and p.date < last:
            problems.add(p.where("date"), p.path("date"), "进度报告应按日期先后排列。")
        last = p.date


def _part_counts(task_plan: dict[str, str], task_part: dict[str, str]) -> dict[str, dict[str, int]]:
    """plan id -> {part: number of tasks} (part "" for a plan's one table)."""
    parts: dict[str, dict[str, int]] = {}
    for tid, pid in task_plan.items():
        counts = parts.setdefault(pid, {})
        counts[task_part[tid]] = counts.get(task_part[tid], 0) + 1
    return parts


def _check_parts(plan: Plan, contents: list[Content], known: dict[str, int], problems: Problems) -> None:
    """Every table a section lists exists, and every part of the plan's tasks is listed somewhere."""
    for c in contents:
        if c.tasks and c.tasks != ALL_TASKS and c.tasks not in known:
            named = "、".join(p for p in known if p)
            tip = f"任务文件里的 part 有：{named}。" if named else "只有一张任务表时写 all。"
            problems.add(c.where("tasks"), c.path("tasks"), f"方案“{plan.id}”没有名为“{c.tasks}”的任务表。{tip}")
    for part, n in known.items():
        if not any(shows(c, part) for c in contents):
            which = f"（part: {part}）" if part else ""
            problems.add(plan.where("sections"), plan.path("sections"),
                         f"本方案有 {n} 项任务{which}没有在任何一节或附件中列出："
                         f"请在列任务表的那一节（或附件）写 tasks: {part or ALL_TASKS}。")


def check_content(c: Content, problems: Problems) -> None:
    """One section's or attachment's own rules: nothing empty, every member and duty owned."""
    if isinstance(c, Section) and not c.title and not _has_content(c):
        problems.add(c.loc, c.fpath, "这一节既没有标题（title）也没有内容：请补上内容或删除这一节。")
    for g in c.groups:
        if not g.roles and not g.text and not g.office:
            problems.add(g.where("name"), g.path("name"),
                         f"“{g.name}”没有列出职务和成员（roles），也没有说明（text）：请至少写一项。")
        for r in list(g.roles) + (list(g.office.roles) if g.office else []):
            if not (r.people or r.units or r.others):
                problems.add(r.where("label"), r.path("label"),
                             f"职务“{r.label}”下没有人：请填写 people（人员编号）、units（单位编号）"
                             f"或 others（照文件写的说法，如“其他局领导班子成员”）。")
    for d in c.duties:
        if not d.unit and not d.who:
            problems.add(d.loc, d.fpath, "每组职责须写明由谁承担：填 unit（单位编号）或 who（照文件写，如“各股室”）。")


def _has_content(c: Content) -> bool:
    return bool(c.text or c.goals or c.groups or c.phases or c.duties or c.tasks or c.items)

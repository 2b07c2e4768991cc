"""A plan as its reader sees it: every section, item, task row and duty with
its label (一、/（一）/1./（1）, or the document's own number) and, for phases
and tasks, their state at ``as_of``. Pure: (model, plan, as_of) → outline; the
build's task statuses (``progress.UnitIndex.status``, each task's computed once)
may be handed in instead of computed again. Templates walk the outline; they never count."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from campaign.derive import tasks as derive
from campaign.derive.tasks import Completion, TaskStatus
from campaign.model import numbering
from campaign.model.model import Model
from campaign.model.plans import Content, DutyList, Goal, Phase, Plan, Task, TaskColumns
from campaign.model.schema import Markdown


@dataclass(frozen=True)
class TaskRow:
    label: str
    task: Task
    status: TaskStatus
    anchor: str               # "task-<id>" where the task is first shown, else ""


@dataclass(frozen=True)
class TaskGroup:
    label: str                # "一、" before a category, "" when the table is not grouped
    category: str             # "" when not grouped
    rows: list[TaskRow]


@dataclass(frozen=True)
class TaskTable:
    groups: list[TaskGroup]
    completion: Completion
    grouped: bool
    columns: TaskColumns      # the headers the document gives its columns
    has_due: bool             # columns shown only when some row has the value
    has_leader: bool
    has_units: bool
    # False for a plan with more tasks than a page lists (``derive.tasks.lists_tasks``):
    # its page shows ``summary`` (label, category, completion) per group, and each task
    # is listed on its responsible unit's page; the print keeps every row
    listed: bool = True
    summary: list[CategoryCount] = field(default_factory=list)


@dataclass(frozen=True)
class CategoryCount:
    """A group of a task table counted: its label and category ("全部任务" when not grouped)."""

    label: str
    category: str
    completion: Completion


@dataclass(frozen=True)
class LabelledGoal:
    label: str
    goal: Goal
    target: float | None      # the value of the campaign target it names, if any
    target_unit: str


@dataclass(frozen=True)
class LabelledPhase:
    label: str
    phase: Phase
    state: str                # past / current / future / undated at as_of


@dataclass(frozen=True)
class DutyEntry:
    label: str
    duties: DutyList
    items: list[tuple[str, Markdown]]   # (label, duty); labels empty when there is one duty


@dataclass(frozen=True)
class Node:
    label: str                # "三、", "（二）", "1." … or the document's own number; "" for none
    title: str
    level: int                # 1: a heading of the document; 0: an attachment
    anchor: str
    content: Content
    goals: list[LabelledGoal] = field(default_factory=list)
    phases: list[LabelledPhase] = field(default_factory=list)
    duties: list[DutyEntry] = field(default_factory=list)
    tasks: TaskTable | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The heading as the document prints it: label and title."""
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class Outline:
    sections: list[Node]
    attachments: list[Node]   # label "附件1", title the attachment's


def outline(model: Model, plan: Plan, as_of: dt.date, statuses: Mapping[str, TaskStatus] | None = None) -> Outline:
    """``statuses``: every task's status at ``as_of`` by id, when the caller has them."""
    seen: set[str] = set()

    def status(t: Task) -> TaskStatus:
        return statuses[t.id] if statuses is not None else derive.task_status(t, as_of)

    def build(content: Content, label: str, title: str, level: int, style: str, anchor: str) -> Node:
        child = content.numbering or style
        below = numbering.below(child)
        goals = [labelled_goal(numbering.number(child, i, g.number), g) for i, g in enumerate(content.goals, 1)]
        phases = [LabelledPhase(numbering.number(child, i, ph.number), ph, derive.phase_state(ph, as_of))
                  for i, ph in enumerate(content.phases, 1)]
        duty_style = below if below != "none" else "1."
        duties = [DutyEntry(numbering.number(child, i, d.number), d,
                            [(numbering.label(duty_style, j) if len(d.duties) > 1 else "", text)
                             for j, text in enumerate(d.duties, 1)])
                  for i, d in enumerate(content.duties, 1)]
        table = task_table(content, child) if content.tasks else None
        children = [build(s, numbering.number(child, i, s.number), s.title, level + 1,
                          numbering.below(child), f"{anchor}-{i}")
                    for i, s in enumerate(content.items, 1)]
        return Node(label, title, level, anchor, content, goals, phases, duties, table, children)

    def task_table(content: Content, style: str) -> TaskTable:
        tasks = model.plan_tasks(plan.id, content.tasks)
        grouped = content.by_category and bool(tasks) and all(t.category for t in tasks)
        # Rows of a table count 1. 2. … (within each category when grouped) unless
        # the section sets its own style; categories take the section's next level.
        if grouped:
            by_cat: dict[str, list[Task]] = {}
            for t in tasks:  # categories in the order the document first names them
                by_cat.setdefault(t.category or "", []).append(t)
            parts = [(numbering.label(style, i), cat, ts) for i, (cat, ts) in enumerate(by_cat.items(), 1)]
            row_style = "1."
        else:
            parts, row_style = [("", "", tasks)], content.numbering or "1."
        groups = []
        for glabel, cat, ts in parts:
            rows = []
            for i, t in enumerate(ts, 1):
                rows.append(TaskRow(numbering.number(row_style, i, t.number), t, status(t),
                                    "" if t.id in seen else f"task-{t.id}"))
                seen.add(t.id)
            groups.append(TaskGroup(glabel, cat, rows))
        summary = [CategoryCount(g.label, g.category or "全部任务", derive.tally(r.status for r in g.rows))
                   for g in groups]
        return TaskTable(groups, derive.tally(status(t) for t in tasks), grouped, content.columns,
                         any(t.due for t in tasks), any(t.leader for t in tasks), any(t.units for t in tasks),
                         listed, summary)

    def labelled_goal(label: str, goal: Goal) -> LabelledGoal:
        camp = model.campaign
        if not goal.target:
            return LabelledGoal(label, goal, None, "")
        return LabelledGoal(label, goal, camp.target(goal.target),
                            "".join(t.unit for t in camp.targets if t.id == goal.target))

    listed = derive.lists_tasks(model, plan.id)
    top = plan.numbering
    sections = [build(s, numbering.number(top, i, s.number), s.title, 1, numbering.below(top), f"sec-{i}")
                for i, s in enumerate(plan.sections, 1)]
    attachments = [build(a, plan.attachment_label(i), a.title, 0, numbering.TOP, f"att-{i + 1}")
                   for i, a in enumerate(plan.attachments)]
    return Outline(sections, attachments)


def on_page(doc: Outline) -> Outline:
    """The outline a plan's web page shows: a task table with more rows than a page lists
    (``TaskTable.listed`` false) keeps its counts and summary, not its rows, which only the
    print shows (and which would make the page's memo key as large as the plan)."""
    def node(n: Node) -> Node:
        table = n.tasks if n.tasks is None or n.tasks.listed else replace(n.tasks, groups=[])
        return replace(n, tasks=table, children=[node(c) for c in n.children])

    return Outline([node(n) for n in doc.sections], [node(n) for n in doc.attachments])


@dataclass(frozen=True)
class UnitDuties:
    plan: Plan
    heading: str              # the section or attachment the duties stand under
    anchor: str               # where on the plan page
    entry: DutyEntry


def duties_by_unit(model: Model, as_of: dt.date,
                   outlines: Mapping[str, Outline] | None = None) -> dict[str, list[UnitDuties]]:
    """Every unit's duty lists from every plan, in plan and document order, labelled as on the plan
    (``outlines``: the plans' outlines by id, when the caller has made them)."""
    out: dict[str, list[UnitDuties]] = {}

    def visit(plan: Plan, node: Node) -> None:
        for e in node.duties:
            if e.duties.unit:
                out.setdefault(e.duties.unit, []).append(UnitDuties(plan, node.heading, node.anchor, e))
        for c in node.children:
            visit(plan, c)

    for plan in model.plans.values():
        if not any(c.duties for c in plan.contents()):
            continue
        doc = outlines[plan.id] if outlines is not None else outline(model, plan, as_of)
        for node in doc.sections + doc.attachments:
            visit(plan, node)
    return out

"""Plans as documents, without a build: numbering in one place, the outline a
plan page shows, located Chinese errors for bad sections, groups and duties,
and tasks without a due date that are never overdue."""
from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

import pytest

from campaign.derive import calendar, outline, progress
from campaign.derive import tasks as derive
from campaign.export import workbook
from campaign.model import numbering
from campaign.model.dates import Due
from campaign.model.loader import load
from campaign.model.plans import Task
from campaign.model.problems import CampaignError
from campaign.model.schema import Markdown

pytestmark = pytest.mark.unit

AS_OF = dt.date(2026, 6, 10)

CAMPAIGN = """\
name: 甲县创建国家卫生县城
stage: campaign
office: 甲县爱卫办
period: {start: 2026-01, end: 2026-12}
categories: [宣传, 环境]
"""
UNITS = """\
- {id: xian, name: 甲县人民政府}
- {id: bgs, name: 甲县办公室, parent: xian}
- {id: fzg, name: 甲县法制股, parent: xian}
"""
PEOPLE = """\
- {id: p-a, name: 甲一}
- {id: p-b, name: 乙二}
"""
PLAN = """\
id: p
title: 甲县实施方案
unit: xian
sections:
  - title: 指导思想
    text: 以健康为中心。
  - title: 组织领导
    numbering: "1."
    groups:
      - name: 领导小组
        roles:
          - {label: 组长, people: [p-a]}
          - {label: 常务副组长, people: [p-b]}
          - {label: 副组长, others: [其他局领导班子成员]}
      - name: 督导组
        roles:
          - {label: 成员, units: [bgs, fzg]}
  - title: 工作措施
    items:
      - title: 第一项
        items:
          - title: 子项甲
          - title: 子项乙
            items:
              - title: 细项
      - title: 第二项
      - title: 跳号的一项
        number: （十）
      - title: 跳号之后
  - title: 职责
    duties:
      - unit: bgs
        duties: [负责宣传。, 负责台账。]
      - who: 各住户
        duties: [搞好家庭卫生。]
attachments:
  - title: 任务分解表
    tasks: all
  - title: 再列一次
    tasks: all
"""
TASKS = """\
plan: p
tasks:
  - {id: t1, category: 宣传, requirement: 设宣传栏。, due: 2026-03, leader: p-a, units: [bgs]}
  - {id: t2, category: 环境, requirement: 清理死角。, units: [fzg]}
  - {id: t3, category: 宣传, number: "5", requirement: 播放标语。}
"""


def project(tmp_path: Path, plan: str = PLAN, tasks: str | None = TASKS) -> Path:
    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    (data / "tasks").mkdir()
    (tmp_path / "content").mkdir()
    (data / "campaign.yml").write_text(CAMPAIGN, "utf-8")
    (data / "units.yml").write_text(UNITS, "utf-8")
    (data / "people.yml").write_text(PEOPLE, "utf-8")
    (data / "plans" / "p.yml").write_text(plan, "utf-8")
    if tasks is not None:
        (data / "tasks" / "p.yml").write_text(tasks, "utf-8")
    return tmp_path


def load_project(root: Path):
    return load(root, root / "data", root / "content")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(CampaignError) as err:
        load_project(root)
    return [str(p) for p in err.value.problems.items]


# -- numbering ------------------------------------------------------------------

def test_chinese_numerals():
    assert [numbering.cn_numeral(n) for n in (1, 9, 10, 11, 19, 20, 21, 99)] == \
        ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九"]


def test_labels_of_every_style_and_the_level_below():
    assert [numbering.label(s, 12) for s in numbering.STYLES] == \
        ["十二、", "（十二）", "12.", "12、", "（12）", "⑫", ""]
    chain, style = [], numbering.TOP
    for _ in range(5):
        chain.append(style)
        style = numbering.below(style)
    assert chain == ["一、", "（一）", "1.", "（1）", "①"]
    assert numbering.number("（一）", 9, "（十）") == "（十）" and numbering.number("（一）", 9) == "（九）"


def test_templates_hold_no_numerals():
    """The numerals live in numbering.py only: no template keeps its own list."""
    templates = Path(numbering.__file__).parent.parent / "views" / "templates"
    for t in templates.rglob("*.html"):
        text = t.read_text("utf-8")
        assert '"一","二"' not in text and "CN_NUM" not in text and "set CN" not in text, t


# -- the outline of a plan --------------------------------------------------------

def test_outline_numbers_follow_order_and_level(tmp_path):
    model = load_project(project(tmp_path))
    doc = outline.outline(model, model.plans["p"], AS_OF)

    def walk(nodes):
        for n in nodes:
            yield n.heading
            yield from walk(n.children)

    assert list(walk(doc.sections)) == [
        "一、指导思想", "二、组织领导", "三、工作措施", "（一）第一项", "1.子项甲", "2.子项乙", "（1）细项",
        "（二）第二项", "（十）跳号的一项", "（四）跳号之后", "四、职责"]
    # duties: one entry per unit, numbered duties only where there are several
    duties = doc.sections[3].duties
    assert [(e.label, e.duties.unit or e.duties.who, [lab for lab, _ in e.items]) for e in duties] == \
        [("（一）", "bgs", ["1.", "2."]), ("（二）", "各住户", [""])]
    # groups with free role labels and members of three sorts, in the author's order
    g1, g2 = model.plans["p"].sections[1].groups
    assert [(r.label, r.people, r.others) for r in g1.roles] == \
        [("组长", ["p-a"], []), ("常务副组长", ["p-b"], []), ("副组长", [], ["其他局领导班子成员"])]
    assert g2.roles[0].units == ["bgs", "fzg"]


def test_task_table_keeps_the_authors_order_and_numbers(tmp_path):
    model = load_project(project(tmp_path))
    doc = outline.outline(model, model.plans["p"], AS_OF)
    first, again = doc.attachments
    assert [a.label for a in doc.attachments] == ["附件1", "附件2"]
    t = first.tasks
    assert t.grouped and [(g.label, g.category) for g in t.groups] == [("一、", "宣传"), ("二、", "环境")]
    # within a category: the stored order; t3 carries the document's own number
    assert [[(r.label, r.task.id) for r in g.rows] for g in t.groups] == [[("1.", "t1"), ("5", "t3")], [("1.", "t2")]]
    assert t.has_due and t.has_leader and t.has_units
    # a task shown twice has its anchor only where it is first shown
    assert [r.anchor for g in t.groups for r in g.rows] == ["task-t1", "task-t3", "task-t2"]
    assert [r.anchor for g in again.tasks.groups for r in g.rows] == ["", "", ""]


def test_tasks_without_categories_are_one_table_in_stored_order(tmp_path):
    tasks = TASKS.replace("category: 宣传, ", "").replace("category: 环境, ", "")
    model = load_project(project(tmp_path, tasks=tasks))
    t = outline.outline(model, model.plans["p"], AS_OF).attachments[0].tasks
    assert not t.grouped and len(t.groups) == 1 and t.groups[0].category == ""
    assert [(r.label, r.task.id) for r in t.groups[0].rows] == [("1.", "t1"), ("2.", "t2"), ("5", "t3")]


def test_a_units_duties_are_found_for_its_page(tmp_path):
    model = load_project(project(tmp_path))
    found = outline.duties_by_unit(model, AS_OF)
    assert list(found) == ["bgs"]
    (d,) = found["bgs"]
    assert d.heading == "四、职责" and d.anchor == "sec-4" and len(d.entry.items) == 2


# -- located errors ------------------------------------------------------------------

def test_unreadable_plan_parts_are_located_in_chinese(tmp_path):
    plan = textwrap.dedent("""\
        id: p
        title: 甲县实施方案
        unit: xian
        numbering: 壹
        sections:
          - title: 组织领导
            groups:
              - name: 领导小组
                roles:
                  - {label: 副组长, people: [p-x]}
                membres: [p-a]
          - title: 职责
            duties:
              - {unit: bgs}
        attachments:
          - tasks: all
        """)
    got = problems_of(project(tmp_path, plan=plan))
    want = [
        "data/plans/p.yml:4:12: numbering: 取值“壹”不在可选范围内，可选：一、 / （一） / 1. / 1、 / （1） / ① / none。",
        "data/plans/p.yml:11:9: sections[1].groups[1].membres: 未知字段“membres”。",
        "data/plans/p.yml:10:35: sections[1].groups[1].roles[1].people[1]: 未知的人员“p-x”。是否想写“p-b”？",
        "data/plans/p.yml:14:9: sections[2].duties[1].duties: 缺少必填字段“duties”",
        "data/plans/p.yml:16:5: attachments[1].title: 缺少必填字段“title”（附件标题）",
    ]
    for w in want:
        assert any(g.startswith(w) for g in got), (w, got)


def test_incomplete_sections_groups_and_duties_are_located_in_chinese(tmp_path):
    plan = textwrap.dedent("""\
        id: p
        title: 甲县实施方案
        unit: xian
        sections:
          - numbering: none
          - title: 组织领导
            groups:
              - name: 领导小组
                roles:
                  - {label: 组长}
              - name: 空的小组
          - title: 职责
            duties:
              - duties: [负责宣传。]
              - {unit: bgs, who: 局办公室（牵头）, duties: [负责台账。]}
          - title: 任务
            tasks: 第二张表
          - title: 全部任务
            tasks: all
        """)
    got = problems_of(project(tmp_path, plan=plan))
    assert got == [
        "data/plans/p.yml:5:5: sections[1]: 这一节既没有标题（title）也没有内容：请补上内容或删除这一节。",
        "data/plans/p.yml:10:21: sections[2].groups[1].roles[1].label: 职务“组长”下没有人：请填写 people（人员编号）、"
        "units（单位编号）或 others（照文件写的说法，如“其他局领导班子成员”）。",
        "data/plans/p.yml:11:15: sections[2].groups[2].name: “空的小组”没有列出职务和成员（roles），也没有说明（text）：请至少写一项。",
        "data/plans/p.yml:14:9: sections[3].duties[1]: 每组职责须写明由谁承担：填 unit（单位编号）或 who（照文件写，如“各股室”）。",
        "data/plans/p.yml:17:12: sections[4].tasks: 方案“p”没有名为“第二张表”的任务表。只有一张任务表时写 all。",
    ], got


def test_bad_group_stops_the_plan_but_not_the_rest(tmp_path):
    """A group that cannot be read is reported; the other files' problems still are."""
    plan = PLAN.replace("          - {label: 组长, people: [p-a]}\n", "          - 组长: p-a\n")
    root = project(tmp_path, plan=plan, tasks=TASKS.replace("leader: p-a", "leader: p-zz"))
    got = problems_of(root)
    assert any(g.startswith("data/plans/p.yml:12:13: sections[2].groups[1].roles[1].组长: 未知字段“组长”") for g in got), got
    assert any(g.startswith("data/tasks/p.yml:3:") and "未知的人员“p-zz”" in g for g in got), got


def test_tasks_shown_nowhere_are_reported_with_what_to_write(tmp_path):
    plan = PLAN[: PLAN.index("attachments:")]
    got = problems_of(project(tmp_path, plan=plan))
    assert any(g.startswith("data/plans/p.yml:5:3: sections: 本方案有 3 项任务没有在任何一节或附件中列出")
               and "tasks: all" in g for g in got), got


def test_numbering_written_as_a_bare_number_is_read_as_written(tmp_path):
    plan = PLAN.replace('numbering: "1."', "numbering: 1.")
    model = load_project(project(tmp_path, plan=plan))
    assert model.plans["p"].sections[1].numbering == "1."


# -- tasks without a due date --------------------------------------------------------

def task(tid: str, due: Due | None, *reports) -> Task:
    from campaign.model.plans import Progress
    return Task(id=tid, requirement=Markdown("做事"), due=due, units=["bgs"],
                progress=[Progress(date=d, percent=p) for d, p in reports])


def test_no_due_is_never_overdue_nor_due_soon():
    ongoing = task("a", None)
    late = task("b", Due.month(2026, 1))
    for day in (dt.date(2026, 1, 1), dt.date(2030, 12, 31)):
        st = derive.task_status(ongoing, day)
        assert (st.key, st.due_soon, st.days_left) == ("not_started", False, None)
    assert derive.task_status(task("c", None, (dt.date(2026, 2, 1), 40)), dt.date(2029, 1, 1)).key == "in_progress"
    assert derive.task_status(late, dt.date(2026, 6, 1)).key == "overdue"
    assert derive.due_text(None) == "长期/持续" and derive.due_text(Due.month(2026, 3)) == "2026年3月"
    assert sorted([ongoing, late], key=derive.due_order) == [late, ongoing]


def test_no_due_stays_out_of_the_calendar_and_reads_ongoing_in_the_workbook(tmp_path):
    import openpyxl
    model = load_project(project(tmp_path))
    events = calendar.events(model, AS_OF)
    assert [e.uid for e in events if e.kind == "task"] == ["task-t1"]
    ix = progress.unit_index(model, AS_OF)
    assert ix.status["t2"].key == "not_started" and ix.rollup["xian"].counts["overdue"] == 1  # t1 only
    wb = openpyxl.load_workbook(io.BytesIO(workbook.progress_workbook(model, AS_OF, ix)))
    rows = [[c.value for c in r] for ws in wb.worksheets for r in ws.iter_rows()]
    t2 = next(r for r in rows if r and r[0] == "t2")
    assert t2[4] == "长期/持续" and t2[6] == "未开始"


def test_a_plan_in_the_old_fixed_shape_is_told_where_each_part_went(tmp_path):
    plan = textwrap.dedent("""\
        id: p
        title: 甲县实施方案
        unit: xian
        guiding_principle: 以健康为中心。
        leadership:
          name: 领导小组
          leader: [p-a]
        attachments:
          - {title: 任务, tasks: all}
        """)
    got = problems_of(project(tmp_path, plan=plan))
    assert any(g.startswith("data/plans/p.yml:4:1: guiding_principle: 未知字段“guiding_principle”。方案正文现在按文件顺序写在 sections 下")
               and "指导思想" in g for g in got), got
    assert any(g.startswith("data/plans/p.yml:5:1: leadership: 未知字段“leadership”。") and "roles" in g for g in got), got

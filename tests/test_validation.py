"""Every problem in every file is reported at once, located, in Chinese, with
no traceback; the build fails and writes nothing."""
from __future__ import annotations

import pytest

from conftest import campaign_cli, mkdocs_build

TASK = """plan: zxj
tasks:
  - id: t-1
    category: 健康教育
    requirement: 举办一次健康讲座。
    due: {due}
    leader: {leader}
    units: [{unit}]
"""


def task_file(due="2026-05", leader="p-han", unit="zxj-bgs") -> str:
    return TASK.format(due=due, leader=leader, unit=unit)


def check(project, relpath: str, content: str | bytes) -> str:
    target = project / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")
    result = campaign_cli(project, "check")
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


CASES = [
    ("yaml syntax", "data/tasks/extra.yml", "plan: zxj\ntasks:\n  - id: t-1\n   category: x\n",
     "data/tasks/extra.yml:4:", "YAML 语法错误"),
    ("tab indent", "data/tasks/extra.yml", "plan: zxj\ntasks:\n\t- id: t-1\n",
     "data/tasks/extra.yml:3:1: (文件): YAML 语法错误：不能用 Tab 键缩进", ""),
    ("unknown key", "data/tasks/extra.yml", task_file().replace("    due:", "    deu: 2026-05\n    due:"),
     "data/tasks/extra.yml:6:5: tasks[1].deu: 未知字段“deu”。是否想写“due”？", ""),
    ("missing required", "data/tasks/extra.yml", task_file().replace("    requirement: 举办一次健康讲座。\n", ""),
     "data/tasks/extra.yml:3:5: tasks[1].requirement: 缺少必填字段“requirement”", ""),
    ("wrong type", "data/tasks/extra.yml", task_file().replace("units: [zxj-bgs]", "units: {a: 1}"),
     "data/tasks/extra.yml:8:12: tasks[1].units: 应为列表", ""),
    ("wrong number", "data/tasks/extra.yml", task_file() + "    progress:\n      - {date: 2026-05-01, percent: 一半}\n",
     "data/tasks/extra.yml:10:37: tasks[1].progress[1].percent: 应为数字", ""),
    ("out of range", "data/tasks/extra.yml", task_file() + "    progress:\n      - {date: 2026-05-01, percent: 120}\n",
     "tasks[1].progress[1].percent: 数值 120 超出范围（0～100）", ""),
    ("impossible day", "data/tasks/extra.yml", task_file(due="2026-02-30"),
     "data/tasks/extra.yml:6:10: tasks[1].due: 日期不存在：2026-02-30。", ""),
    ("impossible month", "data/tasks/extra.yml", task_file(due="2026-13"),
     "data/tasks/extra.yml:6:10: tasks[1].due: 月份不存在：2026-13", ""),
    ("impossible progress date", "data/tasks/extra.yml", task_file() + "    progress:\n      - {date: 2026-02-29, percent: 10}\n",
     "data/tasks/extra.yml:10:16: tasks[1].progress[1].date: 日期不存在：2026-02-29。", ""),
    ("due outside period", "data/tasks/extra.yml", task_file(due="2029-01"),
     "data/tasks/extra.yml:6:10: tasks[1].due: 完成时限 2029年1月 不在创建周期（2026年1月～2027年12月）之内。", ""),
    ("date far from period", "data/tasks/extra.yml", task_file() + "    progress:\n      - {date: 2090-05-01, percent: 10}\n",
     "data/tasks/extra.yml:10:16: tasks[1].progress[1].date: 日期 2090-05-01 离创建周期（2026年1月～2027年12月）太远：应在 2016～2037 年之间", ""),
    ("unknown unit", "data/tasks/extra.yml", task_file(unit="zxj-bgx"),
     "data/tasks/extra.yml:8:13: tasks[1].units[1]: 未知的单位“zxj-bgx”。是否想写“zxj-bgs”？", ""),
    ("unknown person", "data/tasks/extra.yml", task_file(leader="p-nobody"),
     "data/tasks/extra.yml:7:13: tasks[1].leader: 未知的人员“p-nobody”。", ""),
    ("unknown category", "data/tasks/extra.yml", task_file().replace("健康教育", "健康宣教"),
     "data/tasks/extra.yml:4:15: tasks[1].category: 未知的工作类别“健康宣教”", ""),
    ("duplicate id", "data/tasks/zz.yml", task_file().replace("t-1", "zxj-01"),
     "data/tasks/zz.yml:3:9: tasks[1].id: 编号“zxj-01”重复，已在 data/tasks/zxj.yml:5 定义过。", ""),
    ("bad id", "data/tasks/extra.yml", task_file().replace("t-1", "任务一"),
     "data/tasks/extra.yml:3:9: tasks[1].id: 编号“任务一”只能用英文字母、数字", ""),
    ("gbk", "data/tasks/extra.yml", task_file().encode("gbk"),
     "data/tasks/extra.yml:4:", "文件不是 UTF-8 编码，看起来是 GBK"),
    ("utf-16", "data/tasks/extra.yml", task_file().encode("utf-16"),
     "data/tasks/extra.yml:1:1: (文件): 文件是 UTF-16 编码", ""),
    ("empty", "data/tasks/extra.yml", "",
     "data/tasks/extra.yml:1:1: (文件): 文件是空的", ""),
    ("comments only", "data/tasks/extra.yml", "# 待填写\n",
     "data/tasks/extra.yml:1:1: (文件): 文件里没有内容", ""),
    ("unquoted yes", "data/people.yml", "- {id: p-a, name: yes}\n",
     "data/people.yml:1:19: [1].name: 应为文字；写成 yes 会被当作是/否", ""),
    ("unit cycle", "data/units.yml", "- {id: a, name: 甲, parent: b}\n- {id: b, name: 乙, parent: a}\n",
     "data/units.yml:1:28: [1].parent: 上级单位形成了循环", ""),
    ("phase end before start", "data/plans/zxj.yml",
     None, "data/plans/zxj.yml:", "阶段结束（2026年1月）早于开始（2026年2月）"),
]


@pytest.mark.parametrize("name,relpath,content,expected,also", CASES, ids=[c[0] for c in CASES])
def test_each_problem_is_located(scratch, name, relpath, content, expected, also):
    if content is None:  # edit an existing file in place
        text = (scratch / relpath).read_text("utf-8")
        content = text.replace("        start: 2026-02\n        end: 2026-02\n", "        start: 2026-02\n        end: 2026-01\n", 1)
    output = check(scratch, relpath, content)
    assert expected in output, output
    assert also in output, output


def test_bom_is_accepted(scratch):
    target = scratch / "data/tasks/extra.yml"
    target.write_bytes(b"\xef\xbb\xbf" + task_file().encode("utf-8"))
    result = campaign_cli(scratch, "check")
    assert result.code == 0, result.output
    assert "检查通过" in result.output


def test_every_problem_in_every_file_at_once(scratch):
    (scratch / "data/tasks/extra.yml").write_text(task_file(due="2026-02-30", unit="nowhere"), "utf-8")
    (scratch / "data/people.yml").write_text(
        (scratch / "data/people.yml").read_text("utf-8") + "- {id: p-x, name: 某人, titel: 科员}\n", "utf-8")
    output = campaign_cli(scratch, "check").output
    assert "data/tasks/extra.yml:6:10: tasks[1].due: 日期不存在" in output
    assert "data/tasks/extra.yml:8:13: tasks[1].units[1]: 未知的单位“nowhere”" in output
    assert "data/people.yml:18:23: [17].titel: 未知字段“titel”。是否想写“title”？" in output
    assert "共发现 3 处问题" in output


def test_build_fails_with_the_same_report_and_writes_nothing(scratch):
    (scratch / "data/tasks/extra.yml").write_text(task_file(due="2026-02-30"), "utf-8")
    result = mkdocs_build(scratch, pdf=False)
    assert result.code != 0
    assert "data/tasks/extra.yml:6:10: tasks[1].due: 日期不存在：2026-02-30。" in result.output
    assert "Traceback" not in result.output
    assert not result.site.exists()


def test_sample_data_is_valid(scratch):
    result = campaign_cli(scratch, "check")
    assert result.code == 0, result.output


def test_date_window_is_checked_again_when_it_changes(scratch, monkeypatch):
    """The window check remembers records it passed (a rebuild checks only edited files'
    records), under the window they passed: a narrower window finds them again."""
    from campaign.model import limits
    from campaign.model.guards import check_dates
    from campaign.model.loader import load
    from campaign.model.problems import Problems

    (scratch / "data/tasks/extra.yml").write_text(
        task_file() + "    progress:\n      - {date: 2030-05-01, percent: 10}\n", "utf-8")
    model = load(scratch, scratch / "data", scratch / "content")
    for _ in range(2):  # the second time from what the first remembered
        problems = Problems()
        check_dates(model, problems)
        assert not problems.items
    monkeypatch.setattr(limits, "YEARS_AROUND", 2)
    problems = Problems()
    check_dates(model, problems)
    assert [p.message.split("（")[0] for p in problems.items] == ["日期 2030-05-01 离创建周期"], problems.report()


def test_the_date_check_reads_every_field_that_holds_a_date():
    """``schema.dated_fields`` leaves out only fields whose type cannot hold a date: over the
    sample's records, walking every field finds no date the date check would not see."""
    import dataclasses
    import datetime as dt
    from pathlib import Path

    from campaign.model.dates import Due
    from campaign.model.loader import load
    from campaign.model.schema import Record, dated_fields

    root = Path(__file__).resolve().parent.parent
    model = load(root, root / "data", root / "content")
    seen: set[int] = set()
    found = skipped = 0

    def walk(value, dated: bool) -> None:
        nonlocal found, skipped
        if isinstance(value, (dt.date, Due)):
            assert dated, f"a date in a field the check skips: {value!r}"
            found += 1
        elif isinstance(value, Record) and id(value) not in seen:
            seen.add(id(value))
            names = set(dated_fields(type(value)))
            for f in dataclasses.fields(value):
                if not f.metadata.get("source"):
                    skipped += f.name not in names
                    walk(getattr(value, f.name), dated and f.name in names)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, dated)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v, dated)

    for f in dataclasses.fields(model):
        walk(getattr(model, f.name), True)
    assert found > 50 and skipped > 100

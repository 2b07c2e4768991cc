"""``campaign import tasks FILE.xlsx --plan ID``: a task breakdown table kept in
Excel (the five columns of COLUMNS below, found by their header text; category
cells merged or left blank below the first row, as Word and Excel users make
them) becomes data/tasks/<plan>.yml.

Every row that cannot be mapped (unknown unit or leader, unreadable due date,
unknown category) is reported by row number, all at once, and nothing is
written. The written YAML is checked by loading the whole project again."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from campaign.cli.project import load_project, project_args
from campaign.model.loader import load
from campaign.model.model import Model
from campaign.model.problems import CampaignError
from campaign.model.tables import read_table
from campaign.model.units import UnitNames

COLUMNS = {
    "category": ("工作类别", "类别"),
    "requirement": ("具体任务及要求", "具体任务", "任务及要求", "工作任务"),
    "due": ("完成进度安排", "完成时限", "完成时间", "时限"),
    "leader": ("责任领导", "分管领导"),
    "units": ("责任科室", "责任单位", "牵头单位", "责任部门"),
}
_CAT_NUM = re.compile(r"^\s*[一二三四五六七八九十百]+\s*[、.．]\s*|^\s*[（(][一二三四五六七八九十]+[)）]\s*")
_TASK_NUM = re.compile(r"^\s*(?:\d+\s*[.．、]|[（(]\d+[)）])\s*")
_CN_DUE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?\s*(?:底|前|以前|之前)?\s*$")
_ISO_DUE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\s*$")
_SPLIT = re.compile(r"[、，,;；/\s]+")


def _text(v: object) -> str:
    if v is None:
        return ""
    return str(v).replace("\u3000", " ").strip()


def parse_due(value: object) -> str | None:
    """The due as the YAML writes it (2026-03 or 2026-03-15), or None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    m = _CN_DUE.match(text) or _ISO_DUE.match(text)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]), m[3]
    try:
        if day:
            return dt.date(year, month, int(day)).isoformat()
        dt.date(year, month, 1)
    except ValueError:
        return None
    return f"{year}-{month:02d}"


def _category(model: Model, text: str) -> str | None:
    cats = model.campaign.categories
    bare = _CAT_NUM.sub("", text).strip()
    if bare in cats:
        return bare
    near = [c for c in cats if c in bare or bare in c]
    return near[0] if len(near) == 1 else None


def read_rows(path: Path, sheet: str | None = None):
    """(header row number, column map, [(row number, {field: value})], notes) or raises ValueError."""
    notes: list[str] = []
    table = read_table(path, sheet, fill_merged=True, notes=notes)
    header_row, cols = None, {}
    for n, row in enumerate(table[:20], 1):
        texts = {c: re.sub(r"\s+", "", _text(v)) for c, v in enumerate(row, 1)}
        found = {f: col for f, names in COLUMNS.items() for col, t in texts.items() if t in names}
        if "requirement" in found and len(found) >= 3:
            header_row, cols = n, found
            break
    if header_row is None:
        raise ValueError("找不到表头：工作表前 20 行里没有“具体任务及要求”等列名。")
    missing = [COLUMNS[f][0] for f in COLUMNS if f not in cols]
    if missing:
        raise ValueError(f"表头第 {header_row} 行缺少列：" + "、".join(missing) + "。")
    rows = []
    for r in range(header_row + 1, len(table) + 1):
        row = table[r - 1]
        rows.append((r, {f: (row[c - 1] if c <= len(row) else None) for f, c in cols.items()}))
    return header_row, cols, rows, notes


@dataclass(frozen=True)
class _Names:
    """What a row's names are looked up in: the units (the plan's unit's subtree first) and people by name."""

    model: Model
    units: UnitNames
    within: str | None
    people: dict[str, list[str]]


def convert(model: Model, plan_id: str, rows) -> tuple[list[dict], list[str]]:
    """Rows to task dicts; every problem as a message naming its row."""
    plan = model.plans.get(plan_id)
    people: dict[str, list[str]] = {}
    for p in model.people.values():
        people.setdefault(re.sub(r"\s+", "", p.name), []).append(p.id)
    names = _Names(model, UnitNames(model.units), plan.unit if plan else None, people)
    tasks: list[dict[str, object]] = []
    errors: list[str] = []
    category: str | None = None
    for r, v in rows:
        if _text(v["category"]):
            category = _text(v["category"])
        req = _TASK_NUM.sub("", _text(v["requirement"]))
        if not req and not _text(v["due"]) and not _text(v["units"]):
            continue  # blank row, or a category row of its own
        fields, problems = _task(names, category, req, v)
        errors += [f"第 {r} 行：{p}" for p in problems]
        tasks.append({"id": f"{plan_id}-{len(tasks) + 1:02d}", **fields})
    if not tasks and not errors:
        errors.append("表中没有任务行。")
    return tasks, errors


def _task(names: _Names, category: str | None, req: str, v: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """One row's task fields (category, requirement, due, leader, units) and what is wrong with them."""
    problems: list[str] = []
    cats = names.model.campaign.categories
    cat = _category(names.model, category or "")
    if not req:
        problems.append("“具体任务及要求”为空。")
    if cat is None:
        problems.append(f"工作类别“{category or ''}”不在 campaign.yml 的 categories 里（" + "、".join(cats) + "）。")
    due = _due(names.model, v["due"], problems)
    leader = _leader(names, v["leader"], problems)
    units = _units(names, v["units"], problems)
    return {"category": cat, "requirement": req, "due": due, "leader": leader, "units": units}, problems


def _due(model: Model, value: object, problems: list[str]) -> str | None:
    """The due as written in YAML, inside the campaign period."""
    due = parse_due(value)
    if due is None:
        problems.append(f"完成进度安排“{_text(value)}”无法识别，请写成 2026年3月 或 2026年3月15日。")
        return None
    period = model.campaign.period
    first = dt.date.fromisoformat(due + "-01" if len(due) == 7 else due)
    if not (period.start.first <= first <= period.end.last):
        problems.append(f"完成时限 {due} 不在创建周期（{period.start}～{period.end}）之内。")
    return due


def _leader(names: _Names, value: object, problems: list[str]) -> str | None:
    """The one person of that name."""
    name = re.sub(r"\s+", "", _text(value))
    leader = names.people.get(name, [])
    if len(leader) == 1:
        return leader[0]
    problems.append(f"责任领导“{name}”" + ("在 people.yml 里有重名，请在表中写清楚。" if leader else "不在 people.yml 里。"))
    return None


def _units(names: _Names, value: object, problems: list[str]) -> list[str]:
    """The units named in the cell (full or short names), each once."""
    units: list[str] = []
    for part in [p for p in _SPLIT.split(_text(value)) if p]:
        uid = names.units.find(part, names.within)
        if uid is None:
            problems.append(f"责任科室“{part}”不是已知单位（units.yml 的全称或简称）。")
        elif uid not in units:
            units.append(uid)
    if not _text(value):
        problems.append("“责任科室”为空。")
    return units


def to_yaml(plan_id: str, source: str, tasks: list[dict]) -> str:
    head = f"# 由 campaign import tasks 从 {source} 导入。进度报告（progress）请在下面各任务里补充。\n"
    return head + yaml.safe_dump({"plan": plan_id, "tasks": tasks}, allow_unicode=True, sort_keys=False, width=1000)


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["tasks"], help="导入什么：tasks 任务分解表")
    p.add_argument("file", help="Excel 文件（.xlsx）")
    p.add_argument("--plan", required=True, help="所属方案编号（data/plans/ 里的 id）")
    p.add_argument("--out", help="写到哪个文件，默认 data/tasks/<方案编号>.yml")
    p.add_argument("--sheet", help="工作表名称，默认第一张")
    project_args(p)


def run(args: argparse.Namespace) -> int:
    root = Path(args.project).resolve()
    src = Path(args.file)
    out = Path(args.out) if args.out else root / args.data / "tasks" / f"{args.plan}.yml"
    if not out.is_absolute():
        out = Path.cwd() / out
    model = load_project(args)
    if model is None:
        print("项目现有数据有误（见上），请先修正再导入。", file=sys.stderr)
        return 1
    if args.plan not in model.plans:
        print(f"未知的方案“{args.plan}”，已有：" + "、".join(model.plans), file=sys.stderr)
        return 1
    try:
        _, _, rows, notes = read_rows(src, args.sheet)
    except FileNotFoundError:
        print(f"{src}: 找不到文件。", file=sys.stderr)
        return 1
    except ValueError as err:
        for line in str(err).splitlines():
            print(f"{src}: {line}", file=sys.stderr)
        return 1
    except Exception as err:  # openpyxl raises many kinds on a file that is not .xlsx
        print(f"{src}: 无法读取为 .xlsx 工作簿（{type(err).__name__}）。请用 Excel/WPS 另存为 .xlsx。", file=sys.stderr)
        return 1
    for note in notes:
        print(f"{src}: 注意：{note}", file=sys.stderr)
    tasks, errors = convert(model, args.plan, rows)
    if errors:
        for e in errors:
            print(f"{src}: {e}", file=sys.stderr)
        print(f"共 {len(errors)} 处问题，未写入任何文件。", file=sys.stderr)
        return 1
    old = out.read_bytes() if out.exists() else None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_yaml(args.plan, src.name, tasks), "utf-8")
    try:
        load(root, root / args.data, root / args.docs)
    except CampaignError as err:
        if old is None:
            out.unlink()
        else:
            out.write_bytes(old)
        print("导入后的数据未通过检查，已恢复原文件：\n" + err.problems.report(), file=sys.stderr)
        return 1
    print(f"已从 {src.name} 导入 {len(tasks)} 项任务，写入 {out}。")
    return 0


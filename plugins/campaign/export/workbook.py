"""The progress workbook for meetings (downloads/progress.xlsx): a summary
sheet with one row per unit, a task sheet with every unit's tasks (one row
each, the unit in the first columns, a filter on the header row and the header
kept in view), and, while the campaign has at most ``UNIT_SHEETS`` units, one
sheet per unit with its tasks (to print a unit's list). A province's thousands
of units would be thousands of sheets, which Excel and WPS open slowly and no
one pages through: there the task sheet's filter picks a unit.

Written by our own writer (``xlsx``; openpyxl only reads workbooks): at 1,000
units, 20,000 task rows, openpyxl's write-only mode took 1.6 s of the build.
Every text is written as text: one that begins with = + - @ (or a tab or CR)
would otherwise be a live formula in Excel or WPS (formula injection from a
unit name, a requirement, an imported cell). Such cells are typed as strings
and carry Excel's quote prefix, so even an edit in Excel keeps them text. The
file is dated by the day the figures are for: the same inputs, the same bytes."""
from __future__ import annotations

import datetime as dt
import re

from campaign.derive import tasks
from campaign.derive.progress import UnitIndex
from campaign.export import xlsx
from campaign.model.model import Model
from campaign.model.plans import Task

PATH = "downloads/progress.xlsx"
SUMMARY = "汇总"
TASKS = "任务明细"
UNIT_SHEETS = 60  # a sheet per unit up to this many units
SUMMARY_HEADER = ["单位编号", "单位", "上级单位", "任务数（含下级）", "已完成", "进行中", "未开始", "逾期",
                  "30天内到期", "完成率（%）"]
UNIT_HEADER = ["任务编号", "所属方案", "工作类别", "具体任务及要求", "完成时限", "责任领导", "状态",
               "完成百分比", "最近进度日期"]
TASK_HEADER = ["单位编号", "单位", *UNIT_HEADER]
# column widths (a CJK character is two units wide), for reading the sheets without resizing
SUMMARY_WIDTHS = [12, 28, 28, 16, 8, 8, 8, 8, 11, 11]
UNIT_WIDTHS = [12, 14, 18, 60, 11, 10, 18, 11, 13]
TASK_WIDTHS = [12, 28, *UNIT_WIDTHS]
_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_names(model: Model) -> dict[str, str]:
    """A unique (ignoring case, as Excel does), valid (≤ 31 characters, no ' first or last) sheet
    name for every unit."""
    used = {SUMMARY, TASKS}
    out = {}
    for u in model.units.values():
        base = _BAD.sub("_", u.label)[:28].strip("'") or u.id[:28].strip("'") or "_"
        name, n = base, 2
        while name.casefold() in used:
            name = f"{base[:26]}~{n}"
            n += 1
        used.add(name.casefold())
        out[u.id] = name
    return out


def _task_row(model: Model, ix: UnitIndex, t: Task) -> list[object]:
    st = ix.status[t.id]
    label = st.label + ("（30天内到期）" if st.due_soon else "")
    return [t.id, model.task_plan[t.id], t.category or "", str(t.requirement), t.due.iso if t.due else tasks.ONGOING,
            model.person_name(t.leader), label, st.percent, st.last.date.isoformat() if st.last else ""]


def progress_workbook(model: Model, as_of: dt.date, ix: UnitIndex) -> bytes:
    wb = xlsx.Workbook()
    day = f"{as_of.year}年{as_of.month}月{as_of.day}日"
    ws = wb.sheet(SUMMARY, widths=SUMMARY_WIDTHS)
    ws.append([f"{model.campaign.name} 任务进度（截至 {day}）"])
    ws.append(SUMMARY_HEADER, bold=True)
    for _, uid in ix.tree():
        u, c = model.units[uid], ix.rollup[uid]
        ws.append([uid, u.name, model.unit_name(u.parent), c.total, c.done, c.counts["in_progress"],
                   c.counts["not_started"], c.counts["overdue"], c.due_soon, round(c.percent, 1)])
    rows = {uid: [_task_row(model, ix, t) for t in sorted(ix.own.get(uid, []), key=tasks.due_order)]
            for _, uid in ix.tree()}
    # the title and the header stay in view; the filter's header is row 2, its range every task row
    ws = wb.sheet(TASKS, freeze_rows=2, filter_row=2, widths=TASK_WIDTHS)
    ws.append([f"{model.campaign.name} 各单位任务明细（截至 {day}）"])
    ws.append(TASK_HEADER, bold=True)
    for uid, unit_rows in rows.items():
        name = model.units[uid].name
        for r in unit_rows:
            ws.append([uid, name, *r])
    if len(rows) <= UNIT_SHEETS:
        names = sheet_names(model)
        for uid, unit_rows in rows.items():
            ws = wb.sheet(names[uid], widths=UNIT_WIDTHS)
            ws.append([model.units[uid].name])
            ws.append(UNIT_HEADER, bold=True)
            for r in unit_rows:
                ws.append(r)
    # dated by the day the figures are for, not the time of writing: the same inputs
    # give the same bytes (and the file says when the figures stood)
    return wb.save(dt.datetime.combine(as_of, dt.time()))

"""The progress workbook for meetings (downloads/progress.xlsx): a summary
sheet with one row per unit, a task sheet with every unit's tasks (one row
each, the unit in the first columns, a filter on the header row and the header
kept in view), and, while the campaign has at most ``UNIT_SHEETS`` units, one
sheet per unit with its tasks (to print a unit's list). A province's thousands
of units would be thousands of sheets, which Excel and WPS open slowly and no
one pages through: there the task sheet's filter picks a unit.

Every text is written as text: one that begins with = + - @ (or a tab or CR)
would otherwise be a live formula in Excel or WPS (formula injection from a
unit name, a requirement, an imported cell). Such cells are typed as strings
and carry Excel's quote prefix, so even an edit in Excel keeps them text."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from campaign.derive import tasks
from campaign.derive.progress import UnitIndex
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
_BAD = re.compile(r"[\[\]:*?/\\]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _row(ws, values: list) -> list:
    """A row whose texts stay text: no cell becomes a formula."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for v in values:
        if isinstance(v, str) and v.startswith(FORMULA_START):
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"      # written as <c t="s">, never as <f>
            cell.quotePrefix = True   # and Excel keeps it text when the cell is edited
            out.append(cell)
        else:
            out.append(v)
    return out


def sheet_names(model: Model) -> dict[str, str]:
    """A unique, valid (≤ 31 characters) sheet name for every unit."""
    used = {SUMMARY, TASKS}
    out = {}
    for u in model.units.values():
        base = _BAD.sub("_", u.label)[:28] or u.id[:28]
        name, n = base, 2
        while name in used:
            name = f"{base[:26]}~{n}"
            n += 1
        used.add(name)
        out[u.id] = name
    return out


def _task_row(model: Model, ix: UnitIndex, t: Task) -> list[object]:
    st = ix.status[t.id]
    label = st.label + ("（30天内到期）" if st.due_soon else "")
    return [t.id, model.task_plan[t.id], t.category or "", str(t.requirement), t.due.iso if t.due else tasks.ONGOING,
            model.person_name(t.leader), label, st.percent, st.last.date.isoformat() if st.last else ""]


def progress_workbook(model: Model, as_of: dt.date, ix: UnitIndex) -> bytes:
    from openpyxl import Workbook  # only when the workbook is written (a check never loads it)
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(ws, cells):
        from openpyxl.cell import WriteOnlyCell
        row = []
        for c in cells:
            cell = WriteOnlyCell(ws, value=c)
            cell.font = bold
            row.append(cell)
        ws.append(row)

    ws = wb.create_sheet(SUMMARY)
    ws.append(_row(ws, [f"{model.campaign.name} 任务进度（截至 {as_of.year}年{as_of.month}月{as_of.day}日）"]))
    header(ws, SUMMARY_HEADER)
    for _, uid in ix.tree():
        u, c = model.units[uid], ix.rollup[uid]
        ws.append(_row(ws, [uid, u.name, model.unit_name(u.parent), c.total, c.done, c.counts["in_progress"],
                            c.counts["not_started"], c.counts["overdue"], c.due_soon, round(c.percent, 1)]))
    rows = {uid: [_task_row(model, ix, t) for t in sorted(ix.own.get(uid, []), key=tasks.due_order)]
            for _, uid in ix.tree()}
    ws = wb.create_sheet(TASKS)
    ws.freeze_panes = "A3"  # the title and the header stay in view
    ws.append(_row(ws, [f"{model.campaign.name} 各单位任务明细（截至 {as_of.year}年{as_of.month}月{as_of.day}日）"]))
    header(ws, TASK_HEADER)
    for uid, unit_rows in rows.items():
        for r in unit_rows:
            ws.append(_row(ws, [uid, model.units[uid].name, *r]))
    count = sum(len(r) for r in rows.values())
    ws.auto_filter.ref = f"A2:{get_column_letter(len(TASK_HEADER))}{count + 2}"
    if len(rows) <= UNIT_SHEETS:
        names = sheet_names(model)
        for uid, unit_rows in rows.items():
            ws = wb.create_sheet(names[uid])
            ws.append(_row(ws, [model.units[uid].name]))
            header(ws, UNIT_HEADER)
            for r in unit_rows:
                ws.append(_row(ws, r))
    # openpyxl stamps the file with the time of saving; the day the figures are for
    # makes the same inputs give the same bytes (and says when the figures stood)
    from openpyxl.writer.excel import ExcelWriter

    stamp = dt.datetime.combine(as_of, dt.time())
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    ExcelWriter(wb, _DatedZip(buf, stamp)).save()  # what ``wb.save`` does, into a zip of fixed dates
    return buf.getvalue()


class _DatedZip(zipfile.ZipFile):
    """The workbook's zip: every member dated ``stamp`` (``zipfile`` would date it now, or
    by its temporary file), compressed at the fastest level (a tenth of the time of the
    default level for a file a fifth larger: the task sheet is 20,000 rows at 1,000 units)."""

    def __init__(self, file: io.BytesIO, stamp: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.stamp = stamp.timetuple()[:6]

    def writestr(self, name: str | zipfile.ZipInfo, data: str | bytes,  # type: ignore[override]
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=self.stamp)
            name.external_attr = 0o600 << 16
        super().writestr(name, data, zipfile.ZIP_DEFLATED, 1)

    def write(self, filename: str, arcname: str | None = None,  # type: ignore[override]
              compress_type: int | None = None, compresslevel: int | None = None) -> None:
        with open(filename, "rb") as f:  # a write-only sheet, from openpyxl's temporary file
            self.writestr(arcname or filename, f.read())

"""Reading one worksheet of an .xlsx file an office sends, safely.

An .xlsx is a zip of XML parts. Before openpyxl reads a single cell, the
parts are checked cheaply: the file's size, what the zip inflates to, the
sheet's declared dimension, then one streaming pass over the sheet's XML that
counts rows and merged cells and notes formula cells (memory stays flat; it
stops at the first limit passed). Only then are the values read, with
openpyxl in read-only mode.

- the sheet: the one named, or the first visible one (a hidden first sheet is
  skipped, and the notes say so); a missing name lists the sheets there are;
- a formula cell gives its cached value (what Excel showed); one without a
  cached value (a file written by a program, never opened in Excel) is named
  with its formula, never read as empty.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from campaign.model import limits

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_MAIN = "{{{}}}".format(NS["m"])
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


class SheetError(ValueError):
    """A workbook that cannot be read, with the reason in Chinese."""


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]                      # values, row 1 first (None for empty cells)
    merged: list[tuple[int, int, int, int]]       # (min_row, min_col, max_row, max_col), 1-based
    notes: list[str] = field(default_factory=list)  # what the reader should know (a hidden sheet skipped)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula without a cached value


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _area(ref: str) -> tuple[int, int, int, int] | None:
    """(min_row, min_col, max_row, max_col) of "A2:C4" (or of one cell)."""
    found = [_REF.fullmatch(p.strip()) for p in ref.split(":")]
    if not 1 <= len(found) <= 2 or not all(found):
        return None
    points = [(int(m[2]), column_number(m[1])) for m in found]  # type: ignore[index]
    (r1, c1), (r2, c2) = points[0], points[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _sheets(z: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, state, part path) of every sheet, in workbook order."""
    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        raise SheetError("不是有效的 .xlsx 工作簿（缺少 xl/workbook.xml），请用 Excel/WPS 另存为 .xlsx。") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", NS)}
    out = []
    for s in book.findall("m:sheets/m:sheet", NS):
        target = targets.get(s.get(f"{{{NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((s.get("name", ""), s.get("state", "visible"), part))
    return out


def read(path: Path, sheet: str | None = None) -> Sheet:
    """The sheet's values and merged ranges, or SheetError saying what is wrong and what to do."""
    size = path.stat().st_size
    if size > limits.SHEET_FILE_BYTES:
        raise SheetError(f"文件过大（{limits.size(size)}，上限 {limits.size(limits.SHEET_FILE_BYTES)}），请拆分后分别处理。")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise SheetError("不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件，或旧的 .xls）。"
                         "请用 Excel/WPS 另存为 .xlsx。") from None
    with z:
        inflated = sum(i.file_size for i in z.infolist())
        if inflated > limits.SHEET_UNZIPPED_BYTES:
            raise SheetError(f"工作簿解压后过大（{limits.size(inflated)}，上限 {limits.size(limits.SHEET_UNZIPPED_BYTES)}），"
                             "可能含有大量空行或图片，请只保留需要的工作表和行后另存。")
        sheets = _sheets(z)
        if not sheets:
            raise SheetError("工作簿里没有工作表。")
        notes = []
        if sheet is not None:
            match = [s for s in sheets if s[0] == sheet]
            if not match:
                raise SheetError(f"没有名为“{sheet}”的工作表；这个工作簿里有：" + "、".join(f"“{s[0]}”" for s in sheets) + "。")
            name, _state, part = match[0]
        else:
            visible = [s for s in sheets if s[1] == "visible"]
            if not visible:
                raise SheetError("工作簿里的工作表都是隐藏的，请取消隐藏要读取的那张。")
            name, _state, part = visible[0]
            skipped = [s[0] for s in sheets[: sheets.index(visible[0])]]
            if skipped:
                notes.append("第一张工作表" + "、".join(f"“{s}”" for s in skipped) + f"是隐藏的，已读取第一张可见的工作表“{name}”"
                             "（要读隐藏的那张请用 --sheet 指定）。")
        if part not in z.namelist():
            raise SheetError(f"工作表“{name}”的内容缺失（{part}），文件可能已损坏，请用 Excel/WPS 另存一次。")
        merged, formulas = _scan(z, part, name)
    rows = _values(path, name)
    return Sheet(name, rows, merged, notes, formulas)


def _scan(z: zipfile.ZipFile, part: str, name: str) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """One streaming pass: the declared dimension, rows, merged ranges and formulas without a value."""
    merged: list[tuple[int, int, int, int]] = []
    formulas: dict[tuple[int, int], str] = {}
    covered, rows = 0, 0
    with z.open(part) as f:
        try:
            for _event, el in ET.iterparse(f, events=("end",)):
                tag = el.tag.removeprefix(_MAIN)
                if tag == "dimension":
                    area = _area(el.get("ref", ""))
                    if area:
                        _limit(name, area[2], area[3])
                elif tag == "c" and el.find(_MAIN + "f") is not None:
                    v = el.find(_MAIN + "v")
                    m = _REF.fullmatch(el.get("r", ""))
                    if m and (v is None or v.text is None):
                        formulas[(int(m[2]), column_number(m[1]))] = "=" + (el.find(_MAIN + "f").text or "…")
                elif tag == "row":
                    rows += 1
                    r = int(el.get("r", rows))
                    _limit(name, max(r, rows), 0)
                    el.clear()
                elif tag == "mergeCell":
                    area = _area(el.get("ref", ""))
                    if area:
                        covered += (area[2] - area[0] + 1) * (area[3] - area[1] + 1)
                        if covered > limits.SHEET_MERGED_CELLS or area[2] > limits.SHEET_ROWS \
                                or area[3] > limits.SHEET_COLUMNS:
                            raise SheetError(f"工作表“{name}”的合并单元格过多或过大（如 {el.get('ref')}，合计超过 "
                                             f"{limits.SHEET_MERGED_CELLS:,} 个单元格），请取消多余的合并后另存。")
                        merged.append(area)
                elif tag == "sheetData":
                    el.clear()
        except ET.ParseError:
            raise SheetError(f"工作表“{name}”的内容无法解析，文件可能已损坏，请用 Excel/WPS 另存一次。") from None
    return merged, formulas


def _limit(name: str, rows: int, cols: int) -> None:
    if rows > limits.SHEET_ROWS:
        raise SheetError(f"工作表“{name}”有 {rows:,} 行，超过上限 {limits.SHEET_ROWS:,} 行："
                         "可能是格式一直拉到了表格最后一行。请删除多余的行（或只复制有内容的部分到新文件）后另存。")
    if cols > limits.SHEET_COLUMNS:
        raise SheetError(f"工作表“{name}”有 {cols:,} 列，超过上限 {limits.SHEET_COLUMNS} 列，请删除多余的列后另存。")


def _values(path: Path, name: str) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds on a damaged file
        raise SheetError(f"无法读取为 .xlsx 工作簿（{type(err).__name__}），请用 Excel/WPS 另存为 .xlsx。") from None
    try:
        ws = wb[name]
        ws.reset_dimensions()  # the declared dimension may be wrong; read what is there
        return [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def formula_message(sheet: Sheet, row: int, col: int) -> str:
    """A formula cell without a cached value, as the author finds it in Excel."""
    return (f"单元格 {column_letters(col)}{row} 是公式（{sheet.formulas[(row, col)][:40]}），文件里没有保存计算结果："
            "请在 Excel/WPS 里打开并保存一次，或把公式换成数值。")

"""Tables authors bring from Excel or WPS: an .xlsx sheet or a CSV file, read
into rows of cell values. The one place that knows workbooks, merged cells
and text encodings; ``campaign import`` and ``campaign score`` both read here.

Problems raise ``ValueError`` with a Chinese message saying what to do. Sizes,
rows and merged ranges are checked before a workbook is read (``sheets``); a
hidden first sheet is skipped (``notes`` says so), a formula without a cached
value is named, never read as empty; a CSV in UTF-16 without BOM or with a
UTF-8 BOM in front of GBK is named with the command that converts it."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from campaign.model import limits, sheets
from campaign.model.sources import utf16_without_bom

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_table(path: Path, sheet: str | None = None, fill_merged: bool = False,
               notes: list[str] | None = None) -> list[list[object]]:
    """Every row of the file. From a workbook, cell values as openpyxl gives them
    (numbers, dates, text; None for empty), from the first sheet unless ``sheet`` names
    one; ``fill_merged`` repeats a merged range's value in every cell it covers, as a
    reader of the sheet sees it. From a CSV, text."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _workbook_rows(path, sheet, fill_merged, notes if notes is not None else [])
    size = path.stat().st_size
    if size > limits.SHEET_FILE_BYTES:
        raise ValueError(f"文件过大（{limits.size(size)}，上限 {limits.size(limits.SHEET_FILE_BYTES)}），请拆分后分别处理。")
    return [list(row) for row in _csv_rows(path.read_bytes())]


def cell_text(v: object) -> str:
    """A cell as the text a person reads in it: 1.0 → "1", TRUE → "T", empty → ""."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "T" if v else "F"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _workbook_rows(path: Path, sheet: str | None, fill_merged: bool, notes: list[str]) -> list[list[object]]:
    ws = sheets.read(path, sheet)
    notes.extend(ws.notes)
    if ws.formulas:
        raise ValueError("\n".join(sheets.formula_message(ws, r, c) for r, c in sorted(ws.formulas)))
    rows: list[list[object]] = ws.rows
    if fill_merged:
        for r1, c1, r2, c2 in ws.merged:
            top = rows[r1 - 1][c1 - 1] if r1 <= len(rows) and c1 <= len(rows[r1 - 1]) else None
            for r in range(r1, min(r2, len(rows)) + 1):  # a covered cell shows the range's value
                row = rows[r - 1]
                row.extend([None] * (c2 - len(row)))
                for c in range(c1, c2 + 1):
                    row[c - 1] = top
    return rows


def _csv_rows(raw: bytes) -> list[list[str]]:
    # UTF-16 only with its BOM (Excel "Unicode text"); without one, GB18030 would misread it silently
    if raw[:2] not in (b"\xff\xfe", b"\xfe\xff") and (found := utf16_without_bom(raw)):
        raise ValueError(f"看起来是没有 BOM 的 {found} 编码，请另存为 UTF-8 的 CSV，"
                         f"或运行：iconv -f {found} -t UTF-8 旧文件 > 新文件")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("文件开头有 UTF-8 的 BOM 标记，内容却不是 UTF-8（看起来是 GBK，编码混杂）。请另存为 UTF-8 的 CSV，"
                             "或运行：tail -c +4 旧文件 | iconv -f GBK -t UTF-8 > 新文件") from None
    encodings = ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for enc in encodings:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("文件编码无法识别（既不是 UTF-8，也不是 GBK），请另存为 UTF-8 的 CSV。")
    if text.count("\n") > limits.CSV_ROWS:
        raise ValueError(f"文件超过 {limits.CSV_ROWS:,} 行，请拆分后分别处理。")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel "Unicode text" is tab-separated
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]

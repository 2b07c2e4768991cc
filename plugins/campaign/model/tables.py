"""Tables authors bring from Excel or WPS: an .xlsx sheet or a CSV file, read
into rows of cell values. The one place that knows workbooks, merged cells
and text encodings; ``campaign import`` and ``campaign score`` both read here.

Problems raise ``ValueError`` with a Chinese message saying what to do."""
from __future__ import annotations

import csv
import io
from pathlib import Path

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_table(path: Path, sheet: str | None = None, fill_merged: bool = False) -> list[list[object]]:
    """Every row of the file. From a workbook, cell values as openpyxl gives them
    (numbers, dates, text; None for empty), from the first sheet unless ``sheet`` names
    one; ``fill_merged`` repeats a merged range's value in every cell it covers, as a
    reader of the sheet sees it. From a CSV, text."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _workbook_rows(path, sheet, fill_merged)
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


def _workbook_rows(path: Path, sheet: str | None, fill_merged: bool) -> list[list[object]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=not fill_merged, data_only=True)
    except Exception as err:  # zipfile/openpyxl raise many kinds on a file that is not .xlsx
        raise ValueError(f"不是有效的 .xlsx 工作簿（{type(err).__name__}），可能是改了扩展名的其他文件。"
                         "请用 Excel/WPS 另存为 .xlsx 或 UTF-8 的 CSV。") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise ValueError(f"工作簿里没有名为“{sheet}”的工作表（现有：{'、'.join(wb.sheetnames)}）。")
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows: list[list[object]] = [list(row) for row in ws.iter_rows(values_only=True)]
        if fill_merged:
            for rng in ws.merged_cells.ranges:
                top = rows[rng.min_row - 1][rng.min_col - 1]
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        if rows[r - 1][c - 1] is None:
                            rows[r - 1][c - 1] = top
        return rows
    finally:
        wb.close()


def _csv_rows(raw: bytes) -> list[list[str]]:
    # UTF-16 only with its BOM (Excel "Unicode text"); without one, GB18030 would misread it silently
    encodings = ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for enc in encodings:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("文件编码无法识别，请另存为 UTF-8 的 CSV。")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel "Unicode text" is tab-separated
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]

"""Our .xlsx writer (``campaign.export.xlsx``), checked by independent readers:
openpyxl (values, types, styles, frozen panes, the filter) and ElementTree (every
part well-formed, every part listed and linked). Hostile texts stay texts, never
formulas; what XML cannot carry is written as Excel's ``_xHHHH_``, so Excel reads
the text back as it was; the same rows and stamp give the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from campaign.export import workbook, xlsx

STAMP = dt.datetime(2026, 11, 20)
NS = {"m": xlsx.MAIN}
FORMULAS = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1:A2)", "\tTAB", "\rCR", "-", "="]
TEXTS = ["a & b < c > d \"q\" 'a'", "  leading and trailing  ", " ", "😀 emoji 汉字 𠀀 ĳ", "line1\nline2\r\nline3",
         "tab\tinside", "]]>", "&amp; stays as typed", "<f>1</f>", "x" * 100]
LONG = "长" * 40_000
ILLEGAL = ["bell\x07", "\x00nul", "vt\x0bff\x0c", "esc\x1b[0m", "lone \ud800 surrogate", "non\ufffechar\uffff"]
NUMBERS = [0, -3, 2**40, 40.0, 66.7, 1e-05, -0.5, 12345.678]


def excel_text(raw: str) -> str:
    """A shared string as Excel reads it: ``_xHHHH_`` is the UTF-16 unit HHHH, left to right."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), raw)


def shared_strings(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{xlsx.MAIN}}}t")) for si in sst.findall("m:si", NS)]


def hostile_book() -> tuple[bytes, list[list[object]]]:
    rows: list[list[object]] = [[f"=TITLE {i}" if i == 0 else None for i in range(1)],
                                ["标题", "=header", "数值", None, "末列"]]
    rows += [[v, "same", None, "", i] for i, v in enumerate(FORMULAS + TEXTS + [LONG])]
    rows += [[n, n, True, False] for n in NUMBERS]
    wb = xlsx.Workbook()
    ws = wb.sheet("数据 R&D 'x' 表", freeze_rows=2, filter_row=2, widths=[12, 40])
    for i, r in enumerate(rows):
        ws.append(r, bold=i == 1)
    other = wb.sheet("<二>")
    other.append(ILLEGAL)
    return wb.save(STAMP), rows


def test_values_types_styles_view_and_filter_read_back_with_openpyxl():
    data, rows = hostile_book()
    wb = load_workbook(io.BytesIO(data))  # not read-only: the styles are read too
    assert wb.sheetnames == ["数据 R&D 'x' 表", "<二>"]
    ws = wb["数据 R&D 'x' 表"]
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            if value is None or value == "":
                assert cell.value is None, (r, c)  # no cell written
                continue
            if isinstance(value, str):
                assert cell.value == value[:32_767] and cell.data_type == "s", (r, c, cell.value)
                assert bool(cell.quotePrefix) == value.startswith(("=", "+", "-", "@", "\t", "\r")), (r, c)
            else:
                # 40.0 is written 40, as Excel writes it (and openpyxl wrote this workbook): read as an int
                want = int(value) if isinstance(value, float) and value.is_integer() else value
                assert cell.value == want and type(cell.value) is type(want), (r, c, cell.value)
                assert cell.data_type in ("n", "b") and not cell.quotePrefix
            assert bool(cell.font.b) == (r == 2), (r, c)
    assert ws.cell(1, 1).value == "=TITLE 0" and ws.cell(1, 1).data_type == "s" and ws.cell(1, 1).quotePrefix
    assert ws.cell(2, 2).value == "=header" and ws.cell(2, 2).quotePrefix and ws.cell(2, 2).font.b
    assert ws.cell(len(FORMULAS) + len(TEXTS) + 3, 1).value == LONG[:32_767]  # Excel's limit, as openpyxl cuts
    assert ws.cell(len(rows) - 4, 3).value is True and ws.cell(len(rows) - 4, 4).value is False
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == f"A2:E{len(rows)}"
    assert ws.column_dimensions["B"].width == 40
    assert wb.properties.created == wb.properties.modified == STAMP
    # openpyxl leaves _xHHHH_ as it is: the illegal characters arrive as their escapes, nothing else is lost
    assert [c.value for c in wb["<二>"][1]] == [re.sub(r"[\x00-\x1f\ud800-\udfff\ufffe\uffff]",
                                                      lambda m: f"_x{ord(m.group()):04X}_", s) for s in ILLEGAL]


def test_excel_reads_every_text_as_it_was_and_no_cell_is_a_formula():
    data, rows = hostile_book()
    strings = shared_strings(data)
    assert {excel_text(s) for s in strings} == {v[:32_767] for r in rows for v in r if isinstance(v, str) and v} | \
        set(ILLEGAL)
    assert len(strings) == len(set(strings))  # each text once: "same" is in many rows
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        styles = ET.fromstring(z.read("xl/styles.xml"))
    assert all("<f>" not in s and "<f " not in s for s in sheets)
    xfs = styles.findall("m:cellXfs/m:xf", NS)
    for c in ET.fromstring(sheets[0]).iter(f"{{{xlsx.MAIN}}}c"):
        v = c.find("m:v", NS)
        if c.get("t") == "s" and strings[int(v.text)].startswith(("=", "+", "-", "@", "\t", "&#13;", "\r")):
            assert xfs[int(c.get("s", 0))].get("quotePrefix") == "1", c.attrib
    assert sst.get("count") == str(sum(s.count('t="s"') for s in sheets)) and sst.get("uniqueCount") == str(len(strings))
    spaced = [si for si in sst if (si[0].text or "").strip() != (si[0].text or "")]
    assert spaced and all(si[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for si in spaced)


@given(st.text(st.characters(exclude_categories=()), max_size=60))
def test_any_text_round_trips_as_excel_reads_it(s):
    wb = xlsx.Workbook()
    wb.sheet("s").append([s, f"_x0041_{s}"])
    data = wb.save(STAMP)
    assert [excel_text(t) for t in shared_strings(data)] == [v for v in (s, f"_x0041_{s}") if v]


def test_every_part_is_well_formed_listed_and_linked():
    data, _ = hostile_book()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        parts = {n: ET.fromstring(z.read(n)) for n in z.namelist()}  # raises on anything not well-formed
        infos = z.infolist()
    assert {i.date_time for i in infos} == {(2026, 11, 20, 0, 0, 0)}
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert set(parts) == {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml",
                          "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                          "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
    listed = {o.get("PartName") for o in parts["[Content_Types].xml"]}
    assert listed == {"/" + n for n in parts if not n.endswith(".rels") and n != "[Content_Types].xml"} | {None}
    assert {r.get("Target") for r in parts["_rels/.rels"]} == {"xl/workbook.xml", "docProps/core.xml"}
    assert {"xl/" + r.get("Target") for r in parts["xl/_rels/workbook.xml.rels"]} == \
        {n for n in parts if n.startswith("xl/") and "rels" not in n and n != "xl/workbook.xml"}
    book = parts["xl/workbook.xml"]
    names = book.findall("m:definedNames/m:definedName", NS)
    assert [(d.get("name"), d.get("localSheetId"), d.get("hidden"), d.text) for d in names] == \
        [("_xlnm._FilterDatabase", "0", "1", f"'数据 R&D ''x'' 表'!$A$2:$E${len(hostile_book()[1])}")]
    sheet = parts["xl/worksheets/sheet1.xml"]
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    assert pane is not None and pane.attrib == {"ySplit": "2", "topLeftCell": "A3", "activePane": "bottomLeft",
                                                "state": "frozen"}
    assert sheet.find("m:dimension", NS).get("ref") == f"A1:E{len(hostile_book()[1])}"
    assert re.search(r"<dcterms:created[^>]*>2026-11-20T00:00:00Z</dcterms:created>",
                     zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode())


def test_same_rows_and_stamp_same_bytes():
    assert hostile_book()[0] == hostile_book()[0]
    wb = xlsx.Workbook()
    wb.sheet("a").append(["x"])
    other = wb.save(STAMP + dt.timedelta(days=1))
    assert zipfile.ZipFile(io.BytesIO(other)).infolist()[0].date_time == (2026, 11, 21, 0, 0, 0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), dt.date(2026, 1, 1), b"bytes", object()])
def test_a_value_that_is_neither_text_nor_number_is_an_error(value):
    with pytest.raises(ValueError, match="neither a text nor a finite number"):
        xlsx.Workbook().sheet("a").append([1, value])


@pytest.mark.parametrize("name", ["", "x" * 32, "a:b", "a/b", "[a]", "a*", "a?", "A\\b", "SAME", "'a", "a'",
                                  "bell\x07", "\ud800"])
def test_a_sheet_name_excel_would_refuse_is_an_error(name):
    wb = xlsx.Workbook()
    wb.sheet("same")
    with pytest.raises(ValueError, match="sheet name"):
        wb.sheet(name)


def test_unit_sheet_names_differ_ignoring_case():
    labels = (("a", "Abc"), ("b", "abc"), ("c", "ABC"), ("d", "'引号'"), ("e", "'"), ("f", "a/b:c"))
    units = {i: SimpleNamespace(id=i, label=label) for i, label in labels}
    names = workbook.sheet_names(SimpleNamespace(units=units))
    assert len({n.casefold() for n in names.values()}) == len(labels)
    assert names["d"] == "引号" and names["e"] == "e" and names["f"] == "a_b_c"
    wb = xlsx.Workbook()
    for n in names.values():
        wb.sheet(n)  # accepted by the writer

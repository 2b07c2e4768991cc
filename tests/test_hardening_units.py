"""The hardening pieces on their own (no build): the sanitizer, the print fetcher, the
exports' escaping, the sheet reader's limits."""
from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import pytest

from campaign.export import atom, ics
from campaign.export import quiz as quiz_export
from campaign.model import limits, sheets
from campaign.model.quizzes import Question, Quiz
from campaign.print import fetcher as print_fetcher
from campaign.render import sanitize

pytestmark = pytest.mark.unit

PAYLOADS = [
    "<script>alert(1)</script>", '<iframe src="https://x/"></iframe>', '<object data="x"></object>',
    '<svg onload="alert(1)"><circle/></svg>', '<a href="javascript:alert(1)">x</a>', '<a href=" JaVaScRiPt:x">x</a>',
    '<form action="/x"><input name="q"></form>', '<meta http-equiv="refresh" content="0;url=https://x/">',
    '<base href="https://x/">', '<img src="x.png" onerror="alert(1)">', '<img src="data:image/png;base64,AAAA">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<p style="color:red" onclick="x()">t</p>',
    '<a href="people.yml" rel="attachment">名单</a>', "<!-- 联系人 139 -->", '<img src="http://127.0.0.1:8765/x.png">',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitizer_removes_and_names(payload):
    clean, removed = sanitize.clean(f"<p>前</p>{payload}<p>后</p>")
    low = clean.lower()
    for bad in ("<script", "<iframe", "<object", "<svg", "javascript:", "<form", "<input", "<meta", "<base",
                "onerror", "onload", "onclick", "style=", "rel=", "<!--", "data:", "127.0.0.1"):
        assert bad not in low, (payload, clean)
    assert "前" in clean and "后" in clean
    assert removed, payload  # each removal is named for the author


def test_sanitizer_keeps_what_markdown_makes():
    html = ('<h2 id="a">标题<a class="headerlink" href="#a" title="本节链接">¶</a></h2><table><thead><tr><th>表</th>'
            '</tr></thead><tbody><tr><td colspan="2">格</td></tr></tbody></table><div class="admonition note">'
            '<p class="admonition-title">注意</p></div><img alt="图" src="files/a.png"><a href="https://x.cn/">链</a>')
    clean, removed = sanitize.clean(html)
    assert removed == {} and clean == html


def test_fetcher_reads_only_regular_files_of_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "files").mkdir(parents=True)
    (site / "files" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret")
    (site / "files" / "link.png").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(site / "files" / "pipe.png")
    real = Path(os.path.realpath(site))
    assert print_fetcher.refusal(real, (site / "files" / "a.png").as_uri()) == ""
    assert print_fetcher.refusal(real, "data:image/png;base64,AAAA") == ""
    assert print_fetcher.refusal(real, (tmp_path / "secret.txt").as_uri()) == "文件不在网站之内。"
    assert print_fetcher.refusal(real, (site / "files" / "link.png").as_uri()) == "文件不在网站之内。"
    assert print_fetcher.refusal(real, (site / "files" / "pipe.png").as_uri()) == "不是普通文件。"
    assert print_fetcher.refusal(real, (site / "files" / ".." / ".." / "secret.txt").as_uri()) == "文件不在网站之内。"
    for url in ("http://127.0.0.1:8765/x.png", "https://example.com/", "ftp://x/y", "file://host/etc/passwd",
                "data:text/html,<script>alert(1)</script>"):
        assert print_fetcher.refusal(real, url), url


def test_fetcher_in_weasyprint_embeds_nothing_from_outside(tmp_path):
    import weasyprint

    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "people.yml").write_text("phone: 13800000000\n")
    html = ('<p><a rel="attachment" href="../people.yml">名单</a><img src="../people.yml">'
            '<img src="http://127.0.0.1:9/x.png"></p>')
    pdf = weasyprint.HTML(string=html, base_url=str(site) + "/",
                          url_fetcher=print_fetcher.confined(site)).write_pdf()
    assert b"13800000000" not in pdf and b"/EmbeddedFile" not in pdf


def _question(text: str, options: list[str]) -> Question:
    return Question(id="q-1", type="single", text=text, options=options, answer="A")


def test_gift_escapes_everything_gift_reads():
    q = _question("题干：有 50% 的人\n第二行 {x} [html]", ["%100%错误选项", "a~b=c#d", "对\\错"])
    text = quiz_export.gift(Quiz(id="t", title="测[试]", pass_mark=80), [q])
    assert "\\%100\\%错误选项" in text and "a\\~b\\=c\\#d" in text and "对\\\\错" in text
    assert "题干：有 50\\% 的人\\n第二行 \\{x\\} \\[html\\]" in text


def test_moodle_and_atom_carry_only_xml_characters():
    from lxml import etree

    q = _question("题\x0b干\x01", ["甲\x1f", "乙"])
    etree.fromstring(quiz_export.moodle_xml(Quiz(id="t", title="测\x0c试", pass_mark=80), [q]))
    feed = atom.feed("https://x/\n", "标\x0b题", "https://x/", "https://x/f.xml",
                     [atom.Entry(id="https://x/a\nb/", title="t\x08", url="https://x/", published=dt.date(2026, 1, 1))],
                     author="办\x07")
    etree.fromstring(feed)


@pytest.mark.parametrize("text", ["", "short", "a" * 75, "a" * 76, "创卫" * 40, "é" * 80, "😀" * 30,
                                  "任务：" + "x;y,z" * 30 + "卫生" * 20])
def test_ics_lines_fold_at_75_octets_between_characters(text):
    """RFC 5545 3.1: no line longer than 75 octets, a continuation starts with one space,
    and a character's UTF-8 bytes are never split; unfolding gives the line back."""
    folded = ics._fold(text)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    for p in parts:
        p.decode("utf-8")  # whole characters on every line
    assert folded.replace("\r\n ", "") == text
    if len(text.encode("utf-8")) > 75:
        assert len(parts) > 1 and len(parts[0]) >= 72  # filled (a 4-octet character may not fit), not folded early


def test_ics_uid_from_clean_ids():
    assert ics._uid("task-a\nb;c,d") == "task-a-b-c-d"
    assert "\x0b" not in ics._escape("a\x0bb")


def _xlsx(path: Path, sheet_xml: str) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["a"])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            z.writestr(n, d)


def test_sheet_limits_before_reading(tmp_path):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    big = tmp_path / "big.xlsx"
    _xlsx(big, f'<worksheet {ns}><dimension ref="A1:B1048576"/><sheetData/></worksheet>')
    with pytest.raises(sheets.SheetError, match="1,048,576 行"):
        sheets.read(big)
    merged = tmp_path / "merged.xlsx"
    _xlsx(merged, f'<worksheet {ns}><sheetData/><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells></worksheet>')
    with pytest.raises(sheets.SheetError, match="合并单元格过多或过大"):
        sheets.read(merged)


def test_limits_are_listed_for_the_guide():
    listed = dict(limits.listed())
    assert listed["一个 YAML 数据文件或 content/ 里的一个 Markdown 页面"] == "2 MB"
    assert len(listed) >= 10


def test_printed_links_never_point_into_the_build_folder():
    from campaign.print.pdf import paper_links

    html = ('<a href="../../units/cgj/">城管局</a> <a class="x" href=\'/etc/passwd\'>p</a> '
            '<a href="https://cwb.example.gov.cn/">站</a> <a href="tel:12345">12345</a> <a href="#f1">注</a>')
    out = paper_links(html)
    assert "units/cgj" not in out and "/etc/passwd" not in out
    assert '<a>城管局</a>' in out and '<a class="x">p</a>' in out
    for kept in ('href="https://cwb.example.gov.cn/"', 'href="tel:12345"', 'href="#f1"'):
        assert kept in out

"""Notices (通知 / 公示 / 通报): web pages, the 公示 status at as_of, the index,
the Atom feed, and the GB/T 9704 PDFs checked with poppler."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import mkdocs_build, seed_pdf_cache

NOTICES = {
    "2026-plan-issued": ("关于印发《示例县创建国家卫生县城工作实施方案》的通知", "示卫办〔2026〕3号", "2026-02-28"),
    "2026-smoke-free-units": ("2026年示例县无烟党政机关拟命名单位公示", "", "2026-11-16"),
    "2026-first-health-units": ("示例县第一批县级卫生单位拟命名名单公示", "", "2026-09-01"),
    "2026-10-inspection": ("关于2026年10月创卫台账和背街小巷专项检查情况的通报", "示卫办〔2026〕21号", "2026-11-05"),
}


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pages_of(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


def text_of(pdf: Path, page: int | None = None, layout: bool = True) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + (["-f", str(page), "-l", str(page)] if page else [])
    return run(*args, str(pdf), "-")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- PDFs ------------------------------------------------------------------------
@pytest.mark.parametrize("nid", sorted(NOTICES))
def test_notice_pdf_is_a4_with_embedded_fonts_and_chinese_text(built, nid):
    pdf = built["public"] / "print" / "notices" / f"{nid}.pdf"
    info = run("pdfinfo", str(pdf))
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        # name type encoding emb sub uni ...: every font embedded
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), line
    title, doc_number, _ = NOTICES[nid]
    whole = squeeze(text_of(pdf))
    assert squeeze(title) in whole
    if doc_number:
        assert doc_number in whole
    n = pages_of(pdf)
    last = squeeze(text_of(pdf, n))
    assert "印发" in last and "示例县爱国卫生运动委员会办公室" in last
    for page in range(1, n + 1):
        assert re.search(rf"—\s*{page}\s*—", text_of(pdf, page)), f"page {page} has no — {page} —"


def test_imprint_block_lists_cc_and_printer_on_the_last_page_only(built):
    pdf = built["public"] / "print" / "notices" / "2026-plan-issued.pdf"
    n = pages_of(pdf)
    assert n >= 2
    last = squeeze(text_of(pdf, n))
    assert "抄送：县委办公室，县人大常委会办公室，县政协办公室。" in last
    assert "2026年3月2日印发" in last
    for page in range(1, n):
        assert "抄送" not in squeeze(text_of(pdf, page)) and not re.search(r"\d日印发", squeeze(text_of(pdf, page)))


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) from pdftotext -bbox."""
    html = run("pdftotext", "-bbox", str(pdf), "-")
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', line)
        if m:
            out.append((page, *map(float, m.groups()[:4]), m.group(5)))
    return out


def test_page_numbers_sit_below_the_type_area_odd_right_even_left(built):
    pdf = built["public"] / "print" / "notices" / "2026-plan-issued.pdf"
    words = _words(pdf)
    type_bottom = (297 - 35) / 25.4 * 72  # 742.7 pt
    for page in (1, 2):
        num = [w for w in words if w[0] == page and re.fullmatch(rf"—?{page}—?", w[5])]
        assert num, f"no page number on page {page}"
        _, x0, y0, x1, y1, _ = num[0]
        assert y0 > type_bottom, "page number must be outside (below) the type area"
        if page % 2:
            assert x0 > 595.28 / 2 and x1 <= 595.28 - 26 / 25.4 * 72 + 1  # right, within the right edge of the type area
        else:
            assert x1 < 595.28 / 2 and x0 >= 28 / 25.4 * 72 - 1         # left


def test_imprint_is_at_the_foot_of_the_last_page(built):
    pdf = built["public"] / "print" / "notices" / "2026-plan-issued.pdf"
    n = pages_of(pdf)
    words = [w for w in _words(pdf) if w[0] == n]
    printed = [w for w in words if "印发" in w[5]]
    assert printed and printed[-1][4] > 680, printed  # near the bottom of the 225 mm type area (ends at 742.7 pt)
    dated = [w for w in _words(pdf) if "2026年2月28日" in w[5]]  # the date under the signature
    assert dated and dated[-1][0] < n  # the attachments are bound in between the signature and the 版记


LONG = """---
kind: circular
title: 关于版心行数字数的测试通知
doc_number: 示卫办〔2026〕99号
issuer: 示例县爱国卫生运动委员会办公室
date: 2026-03-01
recipients: [县直各单位]
---

{text}
"""


def test_a_full_page_holds_22_lines_of_28_characters(scratch, sample_pdfs):
    text = "创建国家卫生县城需要全体居民共同参与人人动手清洁家园" * 60
    (scratch / "content" / "notices" / "long.md").write_text(LONG.format(text=text), "utf-8")
    result = mkdocs_build(scratch)
    assert result.ok, result.output
    pdf = result.site / "print" / "notices" / "long.pdf"
    assert pages_of(pdf) >= 3
    lines = [squeeze(line) for line in text_of(pdf, 2).splitlines() if line.strip()]
    body = [line for line in lines if not re.fullmatch(r"—\d+—", line)]
    assert len(body) == 22, body
    assert all(len(line) == 28 for line in body), [len(line) for line in body]


def test_second_build_reuses_cached_pdfs(scratch, built, monkeypatch):
    monkeypatch.delenv("CAMPAIGN_CACHE_DIR", raising=False)  # this test watches the project's own cache
    # the project's cache as an earlier build of the sample left it; one notice has changed since
    cache = seed_pdf_cache(scratch / ".cache" / "campaign") / "print"
    seeded = {p.name for p in cache.glob("*.pdf")}
    assert len(seeded) >= 4
    notice = scratch / "content" / "notices" / "2026-plan-issued.md"
    notice.write_text(notice.read_text("utf-8") + "\n请各单位认真贯彻执行。\n", "utf-8")
    first = mkdocs_build(scratch)
    assert first.ok, first.output
    m = re.search(r"campaign: (\d+) PDF（新生成 (\d+)，沿用缓存 (\d+)）", first.output)
    assert m and int(m.group(2)) >= 1, first.output
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert len(set(before) - seeded) == int(m.group(2))  # what it rendered went into the project's cache
    second = mkdocs_build(scratch)
    assert second.ok, second.output
    m = re.search(r"campaign: (\d+) PDF（新生成 (\d+)，沿用缓存 (\d+)）", second.output)
    assert m and m.group(2) == "0" and m.group(3) == m.group(1), second.output
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert after == before
    assert (second.site / "print" / "notices" / "2026-plan-issued.pdf").exists()
    assert "请各单位认真贯彻执行" in squeeze(text_of(second.site / "print" / "notices" / "2026-plan-issued.pdf"))


# -- web pages --------------------------------------------------------------------
def test_notice_page_shows_doc_number_date_issuer_recipients_and_attachments(built):
    site = built["public"]
    html = (site / "notices" / "2026-plan-issued" / "index.html").read_text("utf-8")
    for text in ("示卫办〔2026〕3号", "2026年2月28日", "示例县爱国卫生运动委员会办公室文件",
                 "各乡镇人民政府、街道办事处、县直各单位：", "抄送：县委办公室", "2026年3月2日印发",
                 "逐项对照任务分解表"):
        assert text in html, text
    assert '<a href="../../plans/county/">示例县创建国家卫生县城工作实施方案</a>' in html
    assert '<a href="../files/2026-liaison-form.csv">创卫联络员信息回执表</a>' in html
    assert (site / "notices" / "files" / "2026-liaison-form.csv").is_file()
    assert (site / "plans" / "county" / "index.html").is_file()
    link = re.search(r'<a class="md-button" href="([^"]+)" download>下载打印版 PDF</a>', html)
    assert link and link.group(1) == "../../print/notices/2026-plan-issued.pdf"
    assert (site / "print" / "notices" / "2026-plan-issued.pdf").is_file()
    assert 'href="../../assets/campaign/print/gbt9704.css" media="print"' in html


def _status(html: str) -> str:
    m = re.search(r'<p class="cs-notice-status cs-notice-status--(\w+)[^"]*"><strong>([^<]+)</strong>', html)
    return f"{m.group(1)}:{m.group(2)}" if m else ""


def test_public_notice_status_at_the_sample_as_of(built):
    site = built["public"]
    current = (site / "notices" / "2026-smoke-free-units" / "index.html").read_text("utf-8")
    ended = (site / "notices" / "2026-first-health-units" / "index.html").read_text("utf-8")
    assert _status(current) == "open:公示中（剩余6天）"  # 11-20 … 11-25, both days counted
    assert _status(ended) == "closed:已结束"
    circular = (site / "notices" / "2026-plan-issued" / "index.html").read_text("utf-8")
    assert _status(circular) == ""


@pytest.mark.parametrize("as_of, expected", [
    ("2026-11-15", "upcoming:未开始"),
    ("2026-11-25", "open:公示中（剩余1天）"),
    ("2026-11-26", "closed:已结束"),
])
def test_public_notice_status_on_both_sides_of_the_end(scratch, as_of, expected):
    # a notice is published from its date on (scheduled notices): dated before the 公示 starts, it is "upcoming"
    notice = scratch / "content" / "notices" / "2026-smoke-free-units.md"
    notice.write_text(notice.read_text("utf-8").replace("date: 2026-11-16", "date: 2026-11-10", 1), "utf-8")
    result = mkdocs_build(scratch, as_of=as_of, pdf=False)
    assert result.ok, result.output
    html = (result.site / "notices" / "2026-smoke-free-units" / "index.html").read_text("utf-8")
    assert _status(html) == expected
    index = (result.site / "notices" / "index.html").read_text("utf-8")
    assert ('id="current"' in index) == expected.startswith("open")


def test_index_lists_current_public_notices_first_then_kinds_by_year(built):
    html = (built["public"] / "notices" / "index.html").read_text("utf-8")
    main = html[html.index('<article class="md-content__inner'):]
    h2 = re.findall(r"<h2 id=\"h-[\w]+\">([^<]+)(?:<a class=\"headerlink\"[^>]*>¶</a>)?</h2>", main)
    assert h2 == ["正在公示", "通知", "公示", "通报"]
    current = main[main.index('id="current"'):main.index('id="circular"')]
    assert "2026年示例县无烟党政机关拟命名单位公示" in current
    assert "示例县第一批县级卫生单位拟命名名单公示" not in current
    assert re.search(r'<h3 id="public_notice-2026">2026年(<a class="headerlink"[^>]*>¶</a>)?</h3>', main)
    for nid, (title, _, _) in NOTICES.items():
        assert f'href="../notices/{nid}/"' in main or f'href="{nid}/"' in main, nid
    assert '<a href="feed.xml" type="application/atom+xml">订阅通知公告（Atom）</a>' in main
    nav = html[html.index('class="md-tabs"'):]
    assert "通知公告" in nav


def test_home_page_links_to_notices(built):
    html = (built["public"] / "index.html").read_text("utf-8")
    assert re.search(r'<a href="notices/">通知公告</a>', html)


def test_atom_feed_parses_and_lists_every_notice_with_its_date(built):
    import feedparser

    hosts = {"public": "https://cwb.example.gov.cn/", "internal": "https://internal.cwb.example.gov.cn/"}
    for audience, host in hosts.items():
        feed = feedparser.parse((built[audience] / "notices" / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10"
        assert feed.feed.title == "示例县创建国家卫生县城：通知公告"
        by_link = {e.link: e for e in feed.entries}
        # the hand-written notices and the monthly bulletins generated from inspections
        bulletins = {f"{host}bulletins/2026-{m}/" for m in ("08", "09", "10", "11")}
        assert len(feed.entries) == len(NOTICES) + len(bulletins)
        assert bulletins <= set(by_link)
        assert "2026年10月" in by_link[f"{host}bulletins/2026-10/"].title
        for nid, (title, _, day) in NOTICES.items():
            entry = by_link[f"{host}notices/{nid}/"]
            assert title in entry.title
            assert "%04d-%02d-%02d" % tuple(entry.published_parsed[:3]) == day  # in UTC too
            assert entry.published.startswith(day)
            assert entry.summary


# -- front-matter errors --------------------------------------------------------
GOOD = """---
kind: public_notice
title: 测试公示
issuer: 示例县爱国卫生运动委员会办公室
date: 2026-11-01
notice_period:
  start: 2026-11-01
  end: 2026-11-07
contact:
  phone: 0000-7654321
attachments:
  - title: 附表
    file: files/2026-liaison-form.csv
---

正文。
"""

ERRORS = {
    "doc_number": (GOOD.replace("issuer:", "doc_number: 示卫办[2026]3号\nissuer:"),
                   "content/notices/bad.md:4:13: doc_number: 发文字号“示卫办[2026]3号”格式不对"),
    "end_before_start": (GOOD.replace("end: 2026-11-07", "end: 2026-10-07"),
                         "content/notices/bad.md:8:8: notice_period.end: 公示截止日期（2026-10-07）早于开始日期（2026-11-01）"),
    "no_period": (GOOD.replace("notice_period:\n  start: 2026-11-01\n  end: 2026-11-07\n", ""),
                  "content/notices/bad.md:2:1: notice_period: 公示须写明公示期"),
    "no_contact": (GOOD.replace("contact:\n  phone: 0000-7654321\n", ""),
                   "content/notices/bad.md:2:1: contact: 公示须写明意见受理方式"),
    "contact_without_phone_or_email": (GOOD.replace("  phone: 0000-7654321\n", "  name: 县爱卫办\n"),
                                       "content/notices/bad.md:10:3: contact: 意见受理方式须有电话"),
    "missing_attachment": (GOOD.replace("files/2026-liaison-form.csv", "files/nope.xlsx"),
                           "content/notices/bad.md:13:11: attachments[1].file: 附件文件“files/nope.xlsx”不存在"),
    "escaping_attachment": (GOOD.replace("files/2026-liaison-form.csv", "../../etc/passwd"),
                            "content/notices/bad.md:13:11: attachments[1].file: 附件“../../etc/passwd”指向网站文件夹（content/）之外"),
    "absolute_attachment": (GOOD.replace("files/2026-liaison-form.csv", "/etc/passwd"),
                            "content/notices/bad.md:13:11: attachments[1].file: 附件“/etc/passwd”是绝对路径"),
    "symlink_attachment": (GOOD.replace("files/2026-liaison-form.csv", "files/outside.txt"),
                           "content/notices/bad.md:13:11: attachments[1].file: 附件“files/outside.txt”是指向网站文件夹之外的链接"),
    "unknown_plan": (GOOD.replace("file: files/2026-liaison-form.csv", "plan: countyy"),
                     "content/notices/bad.md:13:11: attachments[1].plan: 未知的方案“countyy”"),
    "kind": (GOOD.replace("kind: public_notice", "kind: 公示"),
             "content/notices/bad.md:2:7: kind: 取值“公示”不在可选范围内"),
    "circular_without_doc_number": (GOOD.replace("kind: public_notice", "kind: circular")
                                    .replace("notice_period:\n  start: 2026-11-01\n  end: 2026-11-07\n", "")
                                    .replace("contact:\n  phone: 0000-7654321\n", ""),
                                    "content/notices/bad.md:2:1: doc_number: 通知须有发文字号"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_front_matter_error_fails_the_build_with_file_line_and_field(scratch, case):
    text, expected = ERRORS[case]
    if case == "symlink_attachment":
        secret = scratch.parent / "secret.txt"
        secret.write_text("secret", "utf-8")
        (scratch / "content" / "notices" / "files" / "outside.txt").symlink_to(secret)
    (scratch / "content" / "notices" / "bad.md").write_text(text, "utf-8")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert expected in result.output, result.output
    assert "Traceback" not in result.output


def test_first_page_has_a_red_banner_and_a_red_rule_across_the_type_area(built, tmp_path):
    from PIL import Image

    pdf = built["public"] / "print" / "notices" / "2026-plan-issued.pdf"
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    im = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    w, h = im.size

    def red(p):
        return p[0] > 150 and p[1] < 120 and p[2] < 120

    counts = [sum(red(im.getpixel((x, y))) for x in range(w)) for y in range(h // 2)]
    type_width = 156 / 25.4 * 100
    rule = [y for y, c in enumerate(counts) if c > 0.9 * type_width]
    assert rule, "no red rule as wide as the type area"
    banner = [y for y, c in enumerate(counts[: rule[0]]) if c > 5]
    assert banner and banner[0] >= 37 / 25.4 * 100 - 2  # red banner text, inside the 37 mm top margin

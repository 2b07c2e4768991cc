"""Topics, tobacco control, no-smoking signs, publicity boards and the
campaign calendar (issue 6)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

A4, A5 = (595.28, 841.89), (419.53, 595.28)
A3, A2 = (841.89, 1190.55), (1190.55, 1683.78)
SITE_URL = "https://cwb.example.gov.cn/"


def sample_model(audience: str = "internal"):
    from campaign.model.audience import for_audience
    from campaign.model.loader import load

    return for_audience(load(ROOT, ROOT / "data", ROOT / "content"), audience)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_size(path: Path) -> tuple[float, float]:
    m = re.match(r"\s*([\d.]+) x ([\d.]+) pts", pdfinfo(path)["Page size"])
    return float(m[1]), float(m[2])


def assert_fonts_embedded(path: Path) -> None:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, f"{path}: no fonts"
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"{path}: font not embedded: {row}"


def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


# -- topics ---------------------------------------------------------------------
def test_sample_has_ten_topics_in_five_categories():
    from campaign.derive.topics import by_category

    model = sample_model()
    assert len(model.topics) >= 10
    assert len(by_category(model)) >= 5
    assert {"疾病预防", "病媒生物防制", "食品安全", "心理健康", "控烟"} <= {c for c, _ in by_category(model)}


def test_topic_index_groups_by_category_and_links_every_topic(built):
    html = (built["public"] / "topics" / "index.html").read_text("utf-8")
    cats = re.findall(r'<h2 id="cat-\d+">([^<]+)', html)
    assert cats[:5] == ["疾病预防", "慢性病防治", "病媒生物防制", "食品安全", "心理健康"]
    for md in (ROOT / "content" / "topics").glob("*.md"):
        assert f'href="{md.stem}/"' in html, md.stem


def test_topic_page_keeps_the_author_body_and_shows_key_points(built):
    html = (built["public"] / "topics" / "hand-washing" / "index.html").read_text("utf-8")
    assert "怎样才算洗干净" in html          # the author's Markdown body
    assert "核心要点" in html and "搓洗不少于 20 秒" in html
    assert "适用人群：居民、学生、职工" in html


def test_questions_for_a_topic_are_those_naming_it():
    from campaign.derive.topics import questions_for

    model = sample_model()
    assert [q.id for q in questions_for(model, "secondhand-smoke")] == ["kz-01", "kz-02", "kz-13"]
    assert [q.id for q in questions_for(model, "hand-washing")] == ["sy-07"]
    assert questions_for(model, "healthy-sleep") == []


def test_topic_without_key_points_fails_with_file_and_field(scratch):
    path = scratch / "content" / "topics" / "hand-washing.md"
    path.write_text(re.sub(r"key_points:\n(  - .*\n)+", "", path.read_text("utf-8")), "utf-8")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert re.search(r"content/topics/hand-washing\.md:2:1: key_points: 缺少必填字段", result.output), result.output


# -- tobacco control ---------------------------------------------------------------
def test_rules_page_has_places_requirements_and_hotline(built):
    html = (built["public"] / "tobacco" / "index.html").read_text("utf-8")
    for text in ("示例县党政机关控烟工作规定", "会议室、报告厅", "电子烟同样禁止", 'href="tel:12320"', "吸烟劝导员"):
        assert text in html, text


def test_compliance_table_keeps_persuader_names_internal(built):
    public = (built["public"] / "tobacco" / "units" / "index.html").read_text("utf-8")
    internal = (built["internal"] / "tobacco" / "units" / "index.html").read_text("utf-8")
    row = re.search(r'<tr id="unit-zxj">(.*?)</tr>', public, re.S).group(1)
    assert "2 / 3" in row and "2 人" in row and "创建中" in row and "未达标" in row
    assert "宋立新" not in public and "白若雪" not in public
    assert "宋立新" in internal and "白若雪" in internal
    assert 'href="../../print/tobacco/signs-zxj-a4.pdf"' in public


def test_unit_compliance_is_a_pure_function_of_the_model():
    from campaign.derive.tobacco import compliance

    model = sample_model("public")
    awb = compliance(model).get("awb")
    assert (awb.signs_required, awb.signs_posted, awb.persuaders_appointed, awb.status) == (3, 3, 1, "certified")
    assert awb.ok and awb.date == dt.date(2026, 5, 31) and awb.persuader_ids == ()
    cgj = compliance(model).get("cgj")
    assert not cgj.ok and not cgj.persuaders_ok and cgj.signs_ok
    assert compliance(model).get("jyj") is None
    assert compliance(sample_model("internal"))["zxj"].persuader_ids == ("p-song", "p-bai")


def test_hotline_must_be_a_campaign_hotline(scratch):
    path = scratch / "data" / "tobacco.yml"
    path.write_text(path.read_text("utf-8").replace('hotline: "12320"', 'hotline: "12399"'), "utf-8")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert re.search(r"data/tobacco\.yml:\d+:\d+: hotline: 监督电话“12399”不在 campaign\.yml", result.output), result.output


@pytest.mark.parametrize("size,expected", [("a4", A4), ("a5", A5)])
def test_signs_have_exact_size_one_page_per_place_and_nothing_else(built, size, expected):
    model = sample_model()
    for u in model.tobacco.units:
        pdf = built["public"] / "print" / "tobacco" / f"signs-{u.unit}-{size}.pdf"
        w, h = page_size(pdf)
        assert (round(w, 2), round(h, 2)) == expected, pdf
        assert int(pdfinfo(pdf)["Pages"]) == len(u.places)
        assert_fonts_embedded(pdf)
        pages = pdftext(pdf).split("\f")
        for place, page in zip(u.places, pages):  # each page names the place it is for, and nothing else
            lines = {line.strip() for line in page.splitlines() if line.strip()}
            assert lines == {"禁止吸烟（含电子烟）", "NO SMOKING", model.units[u.unit].name, "监督电话：12320",
                             f"张贴位置：{place.name}"}, lines


def test_no_smoking_symbol_is_our_own_svg():
    from campaign.print.symbols import RED, SYMBOL

    assert SYMBOL.startswith("<svg") and "<image" not in SYMBOL and "href" not in SYMBOL
    assert f'stroke="{RED}"' in SYMBOL and "<circle" in SYMBOL and "<line" in SYMBOL  # ring and bar
    assert "e-cigarette" in SYMBOL and "cigarette" in SYMBOL


# -- boards -------------------------------------------------------------------------
BOARDS = {"2026-06": A3, "2026-08": A2, "2026-10": (3401.57, 2551.18)}  # 1200×900 mm


@pytest.mark.parametrize("board,expected", sorted(BOARDS.items()))
def test_board_pdf_exact_size_fonts_and_chinese_text(built, board, expected):
    pdf = built["public"] / "print" / "boards" / f"{board}.pdf"
    w, h = page_size(pdf)
    assert (round(w, 2), round(h, 2)) == expected
    assert pdfinfo(pdf)["Pages"].strip() == "1"
    assert_fonts_embedded(pdf)
    text = pdftext(pdf)
    model = sample_model()
    b = model.boards[board]
    assert b.title in text and "示例县爱国卫生运动委员会办公室" in text


@pytest.mark.parametrize("board", sorted(BOARDS))
def test_board_qr_codes_decode_to_the_topic_pages(built, board, tmp_path):
    import zxingcpp
    from PIL import Image

    pdf = built["public"] / "print" / "boards" / f"{board}.pdf"
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", str(pdf), str(tmp_path / "b")], check=True)
    found = sorted(r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "b.png")))
    b = sample_model().boards[board]
    assert found == sorted(f"{SITE_URL}topics/{p.topic}/" for p in b.panels)


def test_board_preview_page_and_schedule(built):
    page = (built["public"] / "boards" / "2026-10" / "index.html").read_text("utf-8")
    assert "知血压 少吃盐 防慢病" in page and 'href="../../print/boards/2026-10.pdf"' in page
    assert page.count('class="cs-qr"') == 4
    index = (built["public"] / "boards" / "index.html").read_text("utf-8")
    current = re.search(r'<section aria-labelledby="current">(.*?)</section>', index, re.S).group(1)
    assert "知血压 少吃盐 防慢病" in current
    assert "cs-board-warning" not in index  # staff warning: internal build only
    internal = (built["internal"] / "boards" / "index.html").read_text("utf-8")
    assert "宣传栏即将到期更换" in internal and "2026年12月1日" in internal


def test_schedule_states_over_time():
    from campaign.derive.boards import schedule

    model = sample_model()
    assert schedule(model, dt.date(2026, 7, 10)).state == "ok"          # next issue registered
    s = schedule(model, dt.date(2026, 11, 20))
    assert (s.state, s.due, s.days) == ("due", dt.date(2026, 12, 1), 11)
    s = schedule(model, dt.date(2026, 12, 5))
    assert (s.state, s.current, s.days) == ("late", None, 4)


def _write_board(scratch: Path, name: str, text: str) -> None:
    (scratch / "data" / "boards" / name).write_text(text, "utf-8")


def test_overlapping_board_issue_fails_with_file_line_field(scratch):
    _write_board(scratch, "2026-07.yml", "title: 临时一期\nperiod: {start: 2026-07-15, end: 2026-08-10}\n"
                                         "panels:\n  - topic: hand-washing\n")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert re.search(r"data/boards/2026-0[78]\.yml:2:9: period: 展出时间.*重叠", result.output), result.output


def test_panel_naming_unknown_topic_fails_with_file_line_field(scratch):
    _write_board(scratch, "2027-01.yml", "title: 新一期\nperiod: {start: 2027-01, end: 2027-02}\n"
                                         "panels:\n  - topic: hand-washng\n")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert "data/boards/2027-01.yml:4:12: panels[1].topic: 未知的健康主题“hand-washng”。是否想写“hand-washing”？" in result.output


@pytest.mark.parametrize("size", ["大号", "A9", "0×600", "1200 x"])
def test_size_that_is_not_a_size_fails_with_file_line_field(scratch, size):
    _write_board(scratch, "2027-01.yml", f"title: 新一期\nperiod: {{start: 2027-01, end: 2027-02}}\nsize: {size}\n"
                                         "panels:\n  - topic: hand-washing\n")
    result = mkdocs_build(scratch, pdf=False)
    assert not result.ok
    assert re.search(r"data/boards/2027-01\.yml:3:7: size: 尺寸“[^”]+”不是有效的尺寸", result.output), result.output


def test_parse_size_accepts_papers_and_millimetres():
    from campaign.model.boards import parse_size

    assert parse_size("A3") == (297, 420) and parse_size("a2") == (420, 594)
    assert parse_size("1200×900") == (1200, 900) and parse_size("900 x 600 mm") == (900, 600)
    assert parse_size("大号") is None


# -- calendar -----------------------------------------------------------------------
def test_ics_parses_and_has_every_day_phase_and_deadline(built):
    import icalendar

    cal = icalendar.Calendar.from_ical((built["public"] / "calendar.ics").read_bytes())
    events = {}
    for ev in cal.walk("VEVENT"):
        events.setdefault(str(ev["SUMMARY"]), []).append(ev.decoded("DTSTART"))
    def starts(name):
        return events.get(name, [])
    assert dt.date(2026, 5, 31) in starts("世界无烟日") and dt.date(2027, 5, 31) in starts("世界无烟日")
    assert dt.date(2026, 6, 5) in starts("世界环境日")
    assert dt.date(2026, 10, 8) in starts("全国高血压日")
    assert dt.date(2026, 4, 1) in starts("爱国卫生月")
    model = sample_model()
    for plan in model.plans.values():
        for ph in plan.phases():
            if ph.start:
                assert ph.start.first in starts(f"{plan.title}：{ph.name}"), ph.name
    uids = {str(ev["UID"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}
    for tid, task in model.tasks.items():
        assert uids[f"task-{tid}"].decoded("DTSTART") == task.due.last
    for bid, b in model.boards.items():
        assert uids[f"board-{bid}"].decoded("DTSTART") == b.period.start.first
    assert uids["board-due-2026-12-01"].decoded("DTSTART") == dt.date(2026, 12, 1)


def test_calendar_page_lists_events_by_month(built):
    html = (built["public"] / "calendar" / "index.html").read_text("utf-8")
    assert 'href="../calendar.ics"' in html
    may = re.search(r'<h2 id="m-2026-5">.*?</table>', html, re.S).group(0)
    assert "世界无烟日" in may and "2026年5月31日" in may

"""Boards, no-smoking signs and quiz papers measured from their PDFs.

Boards (at their physical size): nothing printed for a missing picture, ink in
the lower fifth of the sheet, every QR code decodes from a 100 dpi rendering
with a module of at least 0.9 mm on A3 (and the code scaled with the sheet),
a short URL printed, and body characters whose ink meets the viewing-distance
rule (8.5 mm per metre of 2.2 × the short side). Signs after GB 2894: white
text on a red panel, the symbol clear of the text, one page per place with the
place printed. Quiz papers: whole-number points summing to 100 on the paper
and the key, never a last page with one stray question.
"""
from __future__ import annotations

import re

import pymupdf
import pytest
from tests.pdf_geometry import MM, lines, spans
from tests.test_health_education import SITE_URL, sample_model

pytestmark = pytest.mark.pdf

BOARDS = ("2026-06", "2026-08", "2026-10")


def _render(page: pymupdf.Page, dpi: int):
    from PIL import Image

    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


@pytest.mark.parametrize("board", BOARDS)
def test_board_fills_the_sheet_without_placeholders(built, board):
    pdf = built["public"] / "print" / "boards" / f"{board}.pdf"
    doc = pymupdf.open(pdf)
    assert len(doc) == 1
    page = doc[0]
    text = page.get_text()
    for word in ("插图位置", "插图", "https://", "http://"):
        assert word not in text, f"{board}: “{word}” printed"
    img = _render(page, 30).convert("L")
    w, h = img.size
    lower = [img.getpixel((x, y)) for y in range(int(h * 0.8), h) for x in range(w)]
    ink = sum(1 for v in lower if v < 200) / len(lower)
    assert ink > 0.02, f"{board}: lower fifth nearly empty ({ink:.1%} ink)"
    # the text reaches down too, not only frames: some text line starts in the lower fifth
    assert any(ln.base > page.rect.height / MM * 0.8 for ln in lines(doc, 0)), board


@pytest.mark.parametrize("board", BOARDS)
def test_board_qr_codes_decode_at_100_dpi_and_are_big_enough(built, board):
    import zxingcpp

    from campaign.model.boards import PAPER, parse_size

    b = sample_model().boards[board]
    size = parse_size(b.size)
    doc = pymupdf.open(built["public"] / "print" / "boards" / f"{board}.pdf")
    img = _render(doc[0], 100)
    found = zxingcpp.read_barcodes(img)
    assert sorted(r.text for r in found) == sorted(f"{SITE_URL}topics/{p.topic}/" for p in b.panels)
    px_mm = 25.4 / 100
    scale = min(size) / PAPER["A3"][0]
    for r in found:
        pos = r.position
        side = ((pos.top_right.x - pos.top_left.x) ** 2 + (pos.top_right.y - pos.top_left.y) ** 2) ** 0.5 * px_mm
        modules = 17 + 4 * int(r.extra["Version"])
        assert side >= 30 * max(1.0, scale) - 1, f"{board}: QR {side:.1f} mm"
        assert side / modules >= 0.9 * max(1.0, scale) - 0.05, f"{board}: module {side / modules:.2f} mm"
    short = {f"{SITE_URL}topics/{p.topic}/".removeprefix("https://").rstrip("/") for p in b.panels}
    text = doc[0].get_text().replace("\n", "")
    assert all(u in text for u in short), (short, text[:200])


@pytest.mark.parametrize("board", BOARDS)
def test_board_body_text_meets_the_viewing_distance_rule(built, board):
    from campaign.model.boards import parse_size

    b = sample_model().boards[board]
    size = parse_size(b.size)
    need = min(size) * 2.2 / 1000 * 8.5        # mm of ink: 8.5 mm per metre of viewing distance
    doc = pymupdf.open(built["public"] / "print" / "boards" / f"{board}.pdf")
    points = [k for p in b.panels for k in (p.key_points or sample_model().topics[p.topic].key_points)]
    body = [s for s in spans(doc, 0) if any(s.text and s.text[:6] in re.sub(r"[*`]", "", k) for k in points)]
    assert body, board
    for s in body[:6]:
        # the ink of a line of Chinese: render the line's box and measure the dark rows
        from tests.pdf_geometry import ink_rows

        rows = ink_rows(doc, 0, s.x0, s.x1, s.top - s.size * 0.2 * 25.4 / 72, s.bottom + s.size * 0.1 * 25.4 / 72,
                        dpi=max(150, int(600 * 297 / min(size))))
        assert rows is not None
        assert rows[1] - rows[0] >= need - 0.3, f"{board}: body ink {rows[1] - rows[0]:.1f} mm < {need:.1f} mm"


def test_board_size_rule_is_stated_in_the_guide(built):
    guide = (built["project"] / "content" / "guide" / "health-education.md").read_text("utf-8")
    assert "视距" in guide and "8.5" in guide


# -- no-smoking signs ---------------------------------------------------------------------------------
def test_signs_white_text_on_red_symbol_clear_one_place_per_page(built):
    model = sample_model()
    checked = 0
    for u in model.tobacco.units:
        for size in ("a4", "a5"):
            doc = pymupdf.open(built["public"] / "print" / "tobacco" / f"signs-{u.unit}-{size}.pdf")
            assert len(doc) == len(u.places)
            for pno, place in enumerate(u.places):
                page = doc[pno]
                sp = spans(doc, pno)
                zh = next(s for s in sp if s.text == "禁止吸烟（含电子烟）")
                en = next(s for s in sp if s.text == "NO SMOKING")
                for s in (zh, en):
                    assert min(s.color) > 0.95, f"{s.text} not white: {s.color}"
                    # the panel under the text is red
                    img = page.get_pixmap(dpi=72, clip=pymupdf.Rect(s.x0 * MM - 6, s.top * MM - 2, s.x0 * MM - 2,
                                                                     s.bottom * MM))
                    r, g, b = img.pixel(img.width // 2, img.height // 2)
                    assert r > 180 and g < 60 and b < 80, (s.text, (r, g, b))
                assert any(s.text == f"张贴位置：{place.name}" for s in sp), [s.text for s in sp]
                # the symbol ends above the red panel (clear of the text)
                symbol_bottom = max(d["rect"].y1 for d in page.get_drawings()
                                    if d.get("color") and d["color"][0] > 0.7 and d["color"][1] < 0.2) / MM
                assert symbol_bottom + 3 < zh.top, (symbol_bottom, zh.top)
                checked += 1
    assert checked


def test_no_smoking_pictogram_stays_inside_the_ring():
    """Every part of the cigarette, e-cigarette, smoke and vapour is inside the ring's inner edge (r 76)."""
    from campaign.print.symbols import SYMBOL

    group = SYMBOL.split("<g>")[1].split("</g>")[0]
    pts = []
    for m in re.finditer(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', group):
        x, y, w, h = map(float, m.groups())
        pts += [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    for m in re.finditer(r'd="M([\d.]+) ([\d.]+) q(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+)'
                         r'(?: q(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+))?', group):
        v = [float(x) if x else 0.0 for x in m.groups()]
        x, y = v[0], v[1]
        pts += [(x, y), (x + v[2], y + v[3]), (x + v[4], y + v[5])]
        x, y = x + v[4], y + v[5]
        pts += [(x + v[6], y + v[7]), (x + v[8], y + v[9])]
    assert pts
    for x, y in pts:
        assert ((x - 100) ** 2 + (y - 100) ** 2) ** 0.5 <= 74, (x, y)


# -- quiz papers ----------------------------------------------------------------------------------------
def test_quiz_points_are_whole_numbers_summing_to_100_on_paper_and_key(built):
    from campaign.derive.quizzes import questions_of

    model = sample_model()
    for quiz in model.quizzes.values():
        qs = questions_of(model, quiz)
        for kind in ("paper", "key"):
            doc = pymupdf.open(built["public"] / "print" / "quizzes" / f"{quiz.id}-{kind}.pdf")
            text = "".join(p.get_text() for p in doc).replace("\n", "")
            marks = [int(x) for x in re.findall(r"（(\d+)分）", text)]
            assert len(marks) == len(qs) and sum(marks) == 100, (kind, marks)
            assert max(marks) - min(marks) <= 1
            assert "6.67" not in text and "每题分值相同" not in text
            if kind == "paper" and len(doc) > 1:
                last = doc[-1].get_text()
                starts = re.findall(r"^\d+\.", last, re.M)
                assert len(starts) != 1, f"{quiz.id}: a stray question alone on the last page"


def test_points_favour_harder_questions():
    from types import SimpleNamespace

    from campaign.derive.quizzes import points

    qs = [SimpleNamespace(type=t) for t in ["true_false"] * 5 + ["single"] * 6 + ["multiple"] * 4]
    got = points(qs)
    assert sum(got) == 100 and set(got) == {6, 7}
    assert all(p == 7 for p in got[11:]) and all(p == 6 for p in got[:5])

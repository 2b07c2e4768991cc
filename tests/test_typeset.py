"""typeset.py: Chinese line joins, tel: links, table cells labelled for phones."""
from __future__ import annotations

import markdown
import pytest

from campaign.render.typeset import CjkText, label_cells, tables

pytestmark = pytest.mark.unit


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["tables", CjkText()]).convert(text)


def test_line_breaks_between_chinese_characters_are_dropped():
    out = convert("公开创卫工作的**方案、进度和通知**，\n普及健康知识，\n**接受**群众监督。")
    assert out == "<p>公开创卫工作的<strong>方案、进度和通知</strong>，普及健康知识，<strong>接受</strong>群众监督。</p>"


def test_english_lines_and_code_keep_their_breaks():
    out = convert("English\nline 中文\n\n    代码\n    中文")
    assert "English\nline 中文" in out
    assert "<code>代码\n中文" in out


def test_hotlines_become_tel_links_but_not_inside_links_or_code():
    out = convert("请拨打 **12345** 或 0000-1234567，戒烟热线 400-888-5531。[12320](https://example.org/) `12315` 2026年")
    assert '<strong><a class="cs-tel" href="tel:12345">12345</a></strong>' in out
    assert 'href="tel:00001234567">0000-1234567</a>' in out
    assert 'href="tel:4008885531"' in out
    assert 'tel:12320' not in out and 'tel:12315' not in out and "tel:2026" not in out


def test_cells_get_their_column_header():
    html = ('<div class="cs-table-wrap"><table class="cs-table"><caption>任务 &amp; 进度</caption>'
            '<thead><tr><th scope="col">序号</th><th scope="col" colspan="2">责任<br>单位</th><th>进度</th></tr></thead>'
            '<tbody><tr class="cs-category"><th colspan="4">一、类别</th></tr>'
            '<tr><td>1</td><td class="x">甲</td><td>乙</td><td>完成</td></tr></tbody></table></div>')
    out = tables(html)
    assert '<th colspan="4">一、类别</th>' in out  # a row spanning every column stays a heading
    assert '<td data-label="序号">1</td><td class="x" data-label="责任单位">甲</td>' in out
    assert '<td data-label="责任单位">乙</td><td data-label="进度">完成</td>' in out
    assert 'role="region" tabindex="0" aria-label="表格：任务 &amp; 进度（可左右滑动）"' in out
    assert label_cells("<p>no table</p>") == "<p>no table</p>"

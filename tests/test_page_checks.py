"""The page checks in isolation: which Markdown links MkDocs would check (outside code and
comments), where they point, and which nav entries a section without data loses."""
from __future__ import annotations

import pytest

from campaign.mkdocs.links import link_target, markdown_links, nav_problems, prune_nav

pytestmark = pytest.mark.unit


def test_links_outside_code_and_comments_with_their_columns():
    text = ("[^1]: 见 a.md\n[r]: b.md \"t\"\n`[x](c.md)`\n```\n[y](d.md)\n```\n<!-- [z](e.md)\n[q](q.md) -->\n"
            "![i](img/f.png) 和 [w](g.md#h)\n")
    assert list(markdown_links(text)) == [(2, 6, "b.md"), (9, 6, "img/f.png"), (9, 23, "g.md#h")]


@pytest.mark.parametrize(("src", "url", "target"), [
    ("index.md", "plans/index.md", "plans/index.md"),
    ("guide/index.md", "../notices/index.md#top", "notices/index.md"),
    ("guide/index.md", "errors.md", "guide/errors.md"),
    ("notices/a.md", "files/%E8%A1%A8.csv", "notices/files/表.csv"),
    ("index.md", "https://example.org/a.md", None),
    ("index.md", "/plans/index.md", None),       # absolute: MkDocs leaves it (info only)
    ("index.md", "#anchor", None),
    ("index.md", "plans/", None),                 # no file extension: not checked by MkDocs either
    ("index.md", "mailto:a@b.cn", None),
])
def test_link_targets_resolve_like_mkdocs(src, url, target):
    assert link_target(src, url) == target


def test_sections_without_data_leave_the_nav_and_empty_sections_go():
    nav = [{"首页": "index.md"}, {"工作进度": ["dashboard/index.md", {"单位进度": "units/index.md"}]},
           {"控烟": ["tobacco/index.md", {"各单位控烟情况": "tobacco/units.md"}]}, {"外链": "https://example.org/"}]
    assert prune_nav(nav, {"index.md", "units/index.md"}) == [
        {"首页": "index.md"}, {"工作进度": [{"单位进度": "units/index.md"}]}, {"外链": "https://example.org/"}]


def test_a_missing_nav_entry_is_located_in_the_file_that_holds_the_nav(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - 首页: index.md\n  - 指南:\n      - guide/gone.md\n",
                                         "utf-8")
    (tmp_path / "mkdocs.internal.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: si\n", "utf-8")
    nav = [{"首页": "index.md"}, {"指南": ["guide/gone.md"]}]
    problems = nav_problems(nav, {"index.md"}, tmp_path / "mkdocs.internal.yml", tmp_path)
    assert [str(p) for p in problems.items] == [
        "mkdocs.yml:5:9: nav: 导航里的“guide/gone.md”不存在（应是 content/ 下的文件）。"
        "请检查文件名和路径（相对于 content/，区分大小写），或从 nav 删去这一行。"]

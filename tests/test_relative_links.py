"""Relative links between pages (``views.base.href``): its own relpath gives what
``posixpath.relpath`` gives for every site path, without asking the system for the
working folder on each of a build's tens of thousands of links."""
from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from campaign.views.base import _relpath, href

PART = st.sampled_from(["units", "u-1", "plans", "a", "b", ".", "..", "", "x.css", "index.html", "单位"])
PATH = st.lists(PART, max_size=5).map("/".join).filter(lambda p: not p.startswith("/")).map(lambda p: p or ".")


@settings(deadline=None)
@given(PATH, PATH)
def test_relpath_is_posixpaths(path: str, start: str):
    assert _relpath(path, start) == posixpath.relpath(path, start)


def test_links_between_pages():
    assert href("units/a.md", "units/b.md") == "../b/"
    assert href("units/a.md", "units/b.md", "task-1") == "../b/#task-1"
    assert href("index.md", "plans/county.md") == "plans/county/"
    assert href("plans/county.md", "index.md") == "../../"
    assert href("units/a.md", "units/a.md") == "./"
    assert href("units/index.md", "downloads/progress.xlsx") == "../downloads/progress.xlsx"
    assert href("bulletins/2026-08/ranking/1.md", "units/a.md") == "../../../../units/a/"

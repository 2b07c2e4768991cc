"""The primary navigation and the tabs are rendered once for the pages the navigation does not
list that share their links (``theme_cache.OutsideNav``): on every page of the site, listed or
not, in any folder, their links lead to the same pages, and the pages the navigation does not
list have no entry marked as current."""
from __future__ import annotations

import posixpath
from pathlib import Path

import lxml.html
import pytest

pytestmark = pytest.mark.build


NAVS = {"navigation": '//nav[contains(concat(" ", @class, " "), " md-nav--primary ")]',
        "tabs": '//nav[contains(concat(" ", @class, " "), " md-tabs ")]'}
ACTIVE = {"navigation": '//a[contains(concat(" ", @class, " "), " md-nav__link--active ")]',
          "tabs": '//li[contains(concat(" ", @class, " "), " md-tabs__item--active ")]'}


def _nav_targets(page: Path, site: Path, which: str = "navigation") -> tuple[list[str], int]:
    """(the site paths the navigation's (or the tabs') links lead to, in order; its active entries)."""
    tree = lxml.html.fromstring(page.read_bytes())
    [nav] = tree.xpath(NAVS[which])
    folder = posixpath.dirname(page.relative_to(site).as_posix())
    targets = []
    for a in nav.xpath(".//a[@href]"):
        if a.get("href").startswith("#"):  # the current page's own headings (its table of contents)
            continue
        href = a.get("href").split("#")[0]
        if "://" in href:
            targets.append(href)
            continue
        path = posixpath.normpath(posixpath.join(folder, href or "."))
        targets.append("" if path == "." else path.removesuffix("/index.html"))
    active = len(nav.xpath("." + ACTIVE[which]))
    return targets, active


@pytest.mark.parametrize("which", list(NAVS))
def test_navigation_leads_to_the_same_pages_from_every_page(built, which):
    for audience in ("public", "internal"):
        site = built[audience]
        pages = sorted(site.rglob("index.html"))
        first, _ = _nav_targets(site / "index.html", site, which)
        listed = {posixpath.normpath(posixpath.join(t, "index.html")) for t in first if "://" not in t}
        folders, unlisted = set(), 0
        for page in pages:
            if page.parent.name == "search" or not page.read_bytes().count(b"md-nav--primary"):
                continue
            targets, active = _nav_targets(page, site, which)
            assert targets == first, f"{audience}: {page.relative_to(site)} 的{which}链接指向不同的页面"
            if which == "navigation" and page.relative_to(site).as_posix() not in listed:
                assert active == 0, f"{audience}: {page.relative_to(site)} 不在导航中，却有标为当前的导航项"
                unlisted += 1
            folders.add(page.parent.parent)
        # unit pages, notices, bulletins: folders of several pages the navigation does not list
        assert len([f for f in folders if sum(1 for p in pages if p.parent.parent == f) > 3]) >= 3
        assert which != "navigation" or unlisted > 10

"""The primary navigation is rendered once for the pages it does not list that share its links
(``theme_cache.OutsideNav``): on every page of the site, listed or not, in any folder, its links
lead to the same pages, and the pages it does not list have no entry marked as current."""
from __future__ import annotations

import posixpath
from pathlib import Path

import lxml.html
import pytest

pytestmark = pytest.mark.build


def _nav_targets(page: Path, site: Path) -> tuple[list[str], int]:
    """(the site paths the primary navigation's links lead to, in order; its active links)."""
    tree = lxml.html.fromstring(page.read_bytes())
    [nav] = tree.xpath('//nav[contains(concat(" ", @class, " "), " md-nav--primary ")]')
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
    active = len(nav.xpath('.//a[contains(concat(" ", @class, " "), " md-nav__link--active ")]'))
    return targets, active


def test_navigation_leads_to_the_same_pages_from_every_page(built):
    for audience in ("public", "internal"):
        site = built[audience]
        pages = sorted(site.rglob("index.html"))
        first, _ = _nav_targets(site / "index.html", site)
        folders = set()
        for page in pages:
            if page.parent.name == "search" or not page.read_bytes().count(b"md-nav--primary"):
                continue
            targets, active = _nav_targets(page, site)
            assert targets == first, f"{audience}: {page.relative_to(site)} 的导航链接指向不同的页面"
            folders.add(page.parent.parent)
        # unit pages, notices, bulletins: folders of several pages the navigation does not list
        assert len([f for f in folders if sum(1 for p in pages if p.parent.parent == f) > 3]) >= 3

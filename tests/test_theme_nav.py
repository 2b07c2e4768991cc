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


def test_shared_theme_parts_link_to_the_sites_own_files_from_every_page(built):
    """The theme's parts rendered once per depth (``theme_cache.Shared``: styles, scripts, the
    config, the search box, the logo): from every page their links lead to files of the site,
    and the config's base leads to the site's root."""
    import json

    for audience in ("public", "internal"):
        site = built[audience]
        for page in sorted(site.rglob("*.html")):
            rel = page.relative_to(site).as_posix()
            if rel.startswith(("print/", "assets/")):
                continue
            tree = lxml.html.fromstring(page.read_bytes())
            folder = posixpath.dirname(rel)
            links = tree.xpath('//link[@rel="stylesheet"]/@href') + tree.xpath("//script/@src")
            links += tree.xpath('//header//a[contains(@class, "md-logo")]//img/@src')
            config = tree.xpath('//script[@id="__config"]/text()')
            if config:
                data = json.loads(config[0])
                links.append(data["search"])
                root = posixpath.normpath(posixpath.join(folder, data["base"]))
                assert root in (".", "/"), f"{audience}: {rel} 的 base 指向 {root}"  # 404.html: from the root
            assert links, rel
            for href in links:
                if "://" in href:
                    continue
                # relative, so the site works under any path (MkDocs' 404 page alone links from the root)
                assert rel == "404.html" or not href.startswith("/"), f"{audience}: {rel} 的链接 {href} 不是相对的"
                target = site / posixpath.normpath(posixpath.join(folder, href.split("?")[0])).lstrip("/")
                assert target.is_file(), f"{audience}: {rel} 链接到不存在的 {href}"

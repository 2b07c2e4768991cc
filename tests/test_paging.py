"""Pages that stay small (issue 15): every list that grows with the units (a bulletin's ranking
and open problems, the units index) is cut into numbered pages by one rule (derive.paging), linked
by an accessible pager; the largest page of each kind does not grow with the number of units; the
printed 通报 still ranks every unit.

The synthetic campaigns are built with a bound of 20 rows a page (tests/paged_build.py), so 140
and 240 units already make several pages without a slow build."""
from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from campaign.derive import paging
from campaign.derive.paging import Part, part_of, parts, window
from campaign.views.pager import paged, part_uri
from conftest import AS_OF, BIN, ROOT, campaign_cli

ROWS = 20
# 140 units already fill every shortlist of a bulletin's page (35 open problems > 30 shown)
SMALL, LARGE = 140, 240
UNPAGED = 60   # units under the default bound: one page each, as the sample
TOLERANCE = 0.05


# -- the rule ------------------------------------------------------------------------------------

@pytest.mark.unit
@pytest.mark.parametrize("n", [0, 1, 99, 100, 101, 250, 10_000])
def test_parts_cover_every_row_once_in_order_and_none_is_over_the_bound(n):
    rows = list(range(n))
    cut = parts(rows)
    assert [r for p in cut for r in p.rows] == rows
    assert all(0 < len(p.rows) <= paging.ROWS_PER_PAGE for p in cut)
    assert [p.number for p in cut] == list(range(1, len(cut) + 1))
    assert all(p.count == len(cut) and p.rows[0] == p.first - 1 and p.rows[-1] == p.last - 1 for p in cut)
    assert all(part_of(r) == p.number for p in cut for r in p.rows)
    assert len(cut) == (1 if 0 < n <= paging.ROWS_PER_PAGE else len(cut))  # a short list is one page


@pytest.mark.unit
def test_a_part_says_which_part_it_is():
    p = parts(list(range(250)))[1]
    assert p.heading("名") == "第 2 页（第 101–200 名）"
    ranks = [1, 2, 2, 4]
    tied = Part(1, 1, 1, 4, ranks)
    assert tied.heading("名", number=lambda r: r) == "第 1 页（第 1–4 名）"


@pytest.mark.unit
@pytest.mark.parametrize("count", [1, 2, 5, 7, 8, 100, 10_000])
def test_the_pager_window_is_bounded_and_holds_first_last_and_neighbours(count):
    for number in {1, min(2, count), count // 2 or 1, count - 1 or 1, count}:
        shown = window(number, count)
        pages = [n for n in shown if n is not None]
        assert len(shown) <= 2 * paging.PAGER_AROUND + 5
        assert pages == sorted(set(pages)) and {1, count, number} <= set(pages)
        assert all(n in pages for n in range(max(1, number - 2), min(count, number + 2) + 1))
        # a gap stands for two or more numbers left out, never for one
        for i, n in enumerate(shown):
            if n is None:
                assert shown[i + 1] - shown[i - 1] > 2


@pytest.mark.unit
def test_parts_live_under_their_page_and_link_back():
    assert part_uri("bulletins/2026-10.md", "ranking", 2) == "bulletins/2026-10/ranking/2.md"
    assert part_uri("units/index.md", "page", 3) == "units/page/3.md"
    p = paged("units/index.md", "page", list(range(250)), "个单位")
    assert p.cut and len(p.parts) == 3
    pager = p.pager(p.parts[1], "单位分页", "返回")
    assert pager.up == "../../" and pager.prev == "../1/" and pager.next == "../3/"
    assert [(i.number, i.current) for i in pager.items] == [(1, False), (2, True), (3, False)]
    assert not paged("units/index.md", "page", list(range(100)), "个单位").cut


# -- a built campaign at two sizes ---------------------------------------------------------------

def build(tmp: Path, units: int, rows: int, pdf: str | None = None, flat: bool = False) -> Path:
    out = tmp / f"s{units}-{rows}{'-flat' if flat else ''}"
    r = campaign_cli(ROOT, "synth", "--units", str(units), "--tasks-per-unit", "12", "--out", str(out),
                     "--project", str(ROOT))
    assert r.ok, r.output
    if flat:  # every unit directly below the county
        path = out / "data" / "units.yml"
        path.write_text(re.sub(r"parent: u\d+", "parent: u0000", path.read_text("utf-8")), "utf-8")
    env = dict(os.environ, CAMPAIGN_AS_OF=AS_OF, NO_MKDOCS_2_WARNING="1", CAMPAIGN_PDF="1" if pdf else "0")
    proc = subprocess.run([str(BIN / "python"), str(Path(__file__).parent / "paged_build.py"), str(rows),
                           *([pdf] if pdf else [])], cwd=out, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("paging")
    return {"small": build(tmp, SMALL, ROWS), "large": build(tmp, LARGE, ROWS),
            "unpaged": build(tmp, UNPAGED, paging.ROWS_PER_PAGE)}


def kind(rel: str) -> str:
    """A page's kind: its path with every number made '#' (units/u0004 and units/u0123 alike)."""
    return re.sub(r"\d+", "#", rel)


def largest(site: Path) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for f in site.rglob("*.html"):
        rel = f.relative_to(site).as_posix()
        size = f.stat().st_size
        if size > out.get(kind(rel), (0, ""))[0]:
            out[kind(rel)] = (size, rel)
    return out


class Links(HTMLParser):
    """The links of a page: every href, the pager navs' (label, [(href, current)]), data-unit rows."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.navs: list[tuple[str, list[tuple[str, bool]]]] = []
        self.units: list[str] = []
        self._nav: list[tuple[str, bool]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and "cs-pager" in (a.get("class") or ""):
            self._nav = []
            self.navs.append((a.get("aria-label") or "", self._nav))
        elif tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if self._nav is not None:
                self._nav.append((a["href"], a.get("aria-current") == "page"))
        elif tag == "tr" and a.get("data-unit"):
            self.units.append(a["data-unit"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav = None


def parse(page: Path) -> Links:
    p = Links()
    p.feed(page.read_text("utf-8"))
    return p


def target(page: Path, href: str) -> Path:
    """The file a relative directory link of ``page`` (…/index.html) opens."""
    path = href.split("#")[0]
    return (page.parent / path / "index.html").resolve() if path else page


@pytest.mark.build
def test_the_largest_page_of_each_kind_does_not_grow_with_units(sites):
    small, large = largest(sites["small"]), largest(sites["large"])
    grown = {k: (small[k], large[k]) for k in small.keys() & large.keys()
             if large[k][0] > small[k][0] * (1 + TOLERANCE)}
    assert not grown, grown
    # the lists that grow are paged: more parts, not bigger ones
    assert len(list((sites["large"] / "units" / "page").iterdir())) == -(-LARGE // ROWS)
    assert len(list((sites["large"] / "bulletins" / "2026-10" / "ranking").iterdir())) == -(-(LARGE - 1) // ROWS)
    assert len(list((sites["large"] / "bulletins" / "2026-10" / "findings").iterdir())) == 3  # 60 open problems


@pytest.mark.build
def test_every_unit_is_in_exactly_one_ranking_part_of_each_bulletin(sites):
    site = sites["large"]
    units = {f"u{i:04d}" for i in range(1, LARGE)}   # the county is not ranked
    bulletins = sorted(d for d in (site / "bulletins").iterdir() if (d / "ranking").is_dir())
    assert [b.name for b in bulletins] == ["2026-08", "2026-09", "2026-10"]
    for b in bulletins:
        seen = Counter(u for part in sorted((b / "ranking").iterdir()) for u in parse(part / "index.html").units)
        assert set(seen) == units and set(seen.values()) == {1}, b.name
        # the main page keeps the top and the bottom of the ranking, not all of it
        main = parse(b / "index.html").units
        assert 0 < len(main) <= paging.ROWS_PER_PAGE < len(units)
        assert len(main) <= 2 * 15 + 30


@pytest.mark.build
def test_pagers_are_labelled_mark_the_current_page_and_their_links_resolve(sites):
    site = sites["large"]
    part_pages = [*site.glob("units/page/*/index.html"), *site.glob("bulletins/*/ranking/*/index.html"),
                  *site.glob("bulletins/*/findings/*/index.html")]
    assert len(part_pages) > 20
    for page in part_pages:
        html = page.read_text("utf-8")
        number = int(page.parent.name)
        assert re.search(rf"<h[12][^>]*>[^<]*第 {number} 页（第 \d+(–\d+)? (名|个单位|项)）", html), page
        navs = parse(page).navs
        assert len(navs) == 1 and navs[0][0], page
        links = navs[0][1]
        assert len(links) <= 2 * paging.PAGER_AROUND + 5 + 3
        assert [target(page, h) for h, current in links if current] == [page.resolve()]
        for href, _ in links:
            assert target(page, href).is_file(), (page, href)
    # every link of a main page's contents opens a part
    for main in [site / "units" / "index.html", *site.glob("bulletins/*/index.html")]:
        for label, links in parse(main).navs:
            assert label and links
            for href, _ in links:
                assert target(main, href).is_file(), (main, href)


@pytest.mark.build
def test_every_unit_page_is_two_clicks_from_the_units_index(sites):
    site = sites["large"]
    index = site / "units" / "index.html"
    first = [target(index, h) for h in parse(index).hrefs if not h.startswith(("#", "http"))]
    second = {target(p, h) for p in first if p.is_file() for h in parse(p).hrefs if not h.startswith(("#", "http"))}
    reached = {p.parent.name for p in [*first, *second] if re.fullmatch(r"u\d{4}", p.parent.name)}
    assert reached == {f"u{i:04d}" for i in range(LARGE)}


@pytest.mark.build
def test_search_indexes_the_parts(sites):
    site = sites["large"]
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    for part in [*site.glob("units/page/*/index.html"), *site.glob("bulletins/*/ranking/*/index.html")]:
        assert part.parent.relative_to(site).as_posix() + "/" in locations, part


@pytest.mark.build
def test_a_list_that_fits_is_one_page_without_a_pager(sites):
    site = sites["unpaged"]
    assert not list(site.glob("units/page")) and not list(site.glob("bulletins/*/ranking"))
    assert not [f for f in site.rglob("*.html") if 'class="cs-pager' in f.read_text("utf-8")]
    assert {target(site / "units" / "index.html", h).parent.name for h in parse(site / "units" / "index.html").hrefs
            if h.startswith("u")} == {f"u{i:04d}" for i in range(UNPAGED)}
    assert len(parse(site / "bulletins" / "2026-10" / "index.html").units) == UNPAGED - 1


@pytest.mark.build
def test_a_flat_tree_pages_the_index_and_the_parents_children(tmp_path):
    site = build(tmp_path, SMALL, ROWS, flat=True)
    index = (site / "units" / "index.html").read_text("utf-8")
    assert "这里列出前 1 级单位" in index and len(list((site / "units" / "page").iterdir())) == SMALL // ROWS
    county = site / "units" / "u0000" / "index.html"
    html = county.read_text("utf-8")
    children = html[html.index('id="children"'):]
    children = children[:children.index("</table>")]
    assert len(re.findall(r'<th scope="row"[^>]*><a href="\.\./u\d{4}/">', children)) == ROWS
    more = re.search(rf'共 {SMALL - 1} 个下级单位，这里列出前 {ROWS} 个；[^<]*<a href="([^"]+)">', html)
    assert more and target(county, more[1]) == (site / "units" / "page" / "2" / "index.html").resolve()
    # the first child not listed on the county's page opens that page of the index
    assert 'href="../../u0021/"' in target(county, more[1]).read_text("utf-8")


@pytest.mark.pdf
def test_the_printed_bulletin_still_ranks_every_unit(tmp_path):
    import pymupdf

    site = build(tmp_path, LARGE, ROWS, pdf="notices/bulletins/2026-10")
    doc = pymupdf.open(site / "print" / "notices" / "bulletins" / "2026-10.pdf")
    text = "".join(page.get_text() for page in doc)
    named = set(re.findall(r"单位(\d+)(?!\d)", text))
    assert {str(i) for i in range(1, LARGE)} <= named
    assert "第 2 页" not in text  # print is a document: not paged like the web


# -- in a browser ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_pager_pages_pass_axe_and_fit_a_phone(sites, serve, browser):
    from test_readers import AXE, AXE_RUN, PHONE, PHONE_CHECK

    base = serve(sites["large"])
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(AXE)
    context.route("**/search/search_index.json", lambda route: route.abort())
    page = context.new_page()
    try:
        for path in ("units/", "units/page/6/", "bulletins/2026-10/", "bulletins/2026-10/ranking/6/"):
            page.goto(base + path)
            assert page.evaluate(AXE_RUN, True) == [], path
            fit = page.evaluate(PHONE_CHECK)
            assert fit["scroll"] <= 0 and not fit["wide"], (path, fit)
            sizes = page.evaluate("""() => [...document.querySelectorAll('.cs-pager a')].map(a => {
                const r = a.getBoundingClientRect();
                return [a.textContent.trim(), r.width, r.height, parseFloat(getComputedStyle(a).fontSize)]; })""")
            assert sizes, path
            small = [s for s in sizes if s[1] < 44 or s[2] < 44 or s[3] < 16]
            assert not small, (path, small)
        # the keyboard reaches the pager and follows it
        page.goto(base + "bulletins/2026-10/ranking/6/")
        page.locator(".cs-pager a[rel=next]").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/ranking/7/")
        assert "".join(page.locator(".cs-pager a[aria-current=page]").text_content().split()) == "第7页"
    finally:
        context.close()

"""Readers (issue 14): residents on phones and staff who must not leak.

Every page of both sites in real headless Chromium at 390 × 844 and 1366 × 900:
axe-core (vendored, tests/axe.min.js), nothing wider than a phone, no table
cell one character a line, the plan page not a scroll marathon; the staff copy
marked on screen, in print and to search engines; keyboard and large text."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from test_site import search

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "axe.min.js").read_text("utf-8")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def pages(site: Path) -> list[str]:
    """Every HTML page of a site as a URL path ('' for the home page)."""
    out = []
    for f in sorted(site.rglob("index.html")):
        rel = f.relative_to(site).parent.as_posix()
        if rel.startswith(("print", "assets", "search")):
            continue
        out.append("" if rel == "." else rel + "/")
    return out


AXE_RUN = """async (preload) => {
  const r = await axe.run(document, {resultTypes: ['violations'], preload});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


PHONE_CHECK = """() => {
  const vw = document.documentElement.clientWidth;
  // off-screen by design: the closed drawer and search, a visually hidden table header (cards label their cells)
  const skip = el => el.closest('.md-sidebar, .md-search, .md-overlay, .md-skip, .md-tabs, .cs-sr, table.cs-table > thead, .md-typeset__table > table > thead, [hidden], details:not([open]) > :not(summary)');
  const wide = [];
  for (const el of document.querySelectorAll('.md-container *, .md-header *')) {
    if (skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const inScroller = el.closest('.cs-table-wrap--scrolls');
    if (!inScroller && (r.right > vw + 1 || r.left < -1)) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  const perChar = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (skip(cell)) continue;
    const text = cell.innerText.trim();
    if (text.length < 2) continue;
    const r = cell.getBoundingClientRect();
    const fs = parseFloat(getComputedStyle(cell).fontSize);
    // one character a line: a cell no wider than about one character, taller than two lines
    if (r.width > 0 && r.width < 1.9 * fs && r.height > 2.5 * fs) perChar.push(text.slice(0, 20));
  }
  return {scroll: document.documentElement.scrollWidth - vw, wide: wide.slice(0, 5), perChar: perChar.slice(0, 5)};
}"""



@pytest.fixture(scope="module")
def sweep(built, serve, browser):
    """Every page of both sites opened once: at 390 × 844 the phone checks and axe-core, then
    the same page resized to 1366 × 900 and axe-core again. {audience: {"axe": …, "phone": …}}."""
    out = {}
    for audience in ("public", "internal"):
        base = serve(built[audience])
        context = browser.new_context(viewport=PHONE)
        context.add_init_script(AXE)
        # the search index loads in a worker on every page; nothing here searches
        context.route("**/search/search_index.json", lambda route: route.abort())
        page = context.new_page()
        axe, phone, count = {}, {}, 0
        for path in pages(built[audience]):
            page.set_viewport_size(PHONE)
            page.goto(base + path)
            count += 1
            result = page.evaluate(PHONE_CHECK)
            if result["scroll"] > 0 or result["wide"] or result["perChar"]:
                phone["/" + path] = result
            for viewport in (PHONE, DESKTOP):
                page.set_viewport_size(viewport)
                # the stylesheets axe preloads (orientation lock) are the same at both widths
                problems = page.evaluate(AXE_RUN, viewport is PHONE)
                if problems:
                    axe[f"{viewport['width']}px /{path}"] = problems
        context.close()
        out[audience] = {"axe": axe, "phone": phone, "pages": count}
    return out


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_axe_every_page_at_phone_and_desktop_width(sweep, audience):
    assert sweep[audience]["pages"] > 40
    assert not sweep[audience]["axe"], json.dumps(sweep[audience]["axe"], ensure_ascii=False, indent=1)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_page_fits_a_phone(sweep, audience):
    """Nothing wider than 390 px, no table cell one character a line."""
    assert not sweep[audience]["phone"], json.dumps(sweep[audience]["phone"], ensure_ascii=False, indent=1)


def test_plan_page_on_a_phone_is_under_twice_its_desktop_height(built, serve, browser):
    base = serve(built["public"])
    heights = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base + "plans/county/")
        heights[name] = page.evaluate("document.documentElement.scrollHeight")
        if name == "phone":  # the task table is cards: every cell says which column it is
            label = page.evaluate(
                "getComputedStyle(document.querySelector('.cs-tasks td[data-label=\"责任单位\"]'), '::before').content")
            assert "：" in label
        context.close()
    assert heights["phone"] < 2 * heights["desktop"], heights


def test_nothing_under_16px(built, serve, browser):
    base = serve(built["public"])
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    small = {}
    for path in ("", "plans/county/", "quizzes/tobacco/", "topics/hypertension/", "dashboard/", "calendar/"):
        page.goto(base + path)
        found = page.evaluate("""() => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!node.textContent.trim() || !el || el.closest('svg, [hidden], .md-search, .md-sidebar, .md-skip, script, style')) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const fs = parseFloat(getComputedStyle(el).fontSize);
            if (fs < 16) out.push(el.tagName + '.' + el.className + ' ' + fs + 'px ' + node.textContent.trim().slice(0, 15));
          }
          return out.slice(0, 8);
        }""")
        if found:
            small["/" + path] = found
    context.close()
    assert not small, json.dumps(small, ensure_ascii=False, indent=1)


def test_chart_labels_are_body_size_and_grow_in_large_text(built, serve, browser):
    base = serve(built["public"])
    sizes = {}
    for mode in ("0", "1"):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(base + f"dashboard/?large={mode}")
        sizes[mode] = page.evaluate("""() => {
          const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize);
          const label = document.querySelector('svg.cs-chart text').getBoundingClientRect().height;
          return {body, label};
        }""")
        context.close()
    for mode, s in sizes.items():
        assert s["label"] >= 0.8 * s["body"], sizes
    assert sizes["1"]["label"] > 1.2 * sizes["0"]["label"], sizes


def test_staff_page_prints_the_marking_on_every_page(built, serve, browser, tmp_path):
    base = serve(built["internal"])
    page = browser.new_page()
    page.goto(base + "plans/county/")
    pdf = tmp_path / "staff.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert count >= 3  # a long page, so "every page" means something
    for n in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "内部资料" in text, f"page {n} of {count} has no 内部 marking"
    # the public copy prints without it
    public = serve(built["public"])
    page = browser.new_page()
    page.goto(public + "plans/county/")
    page.pdf(path=str(tmp_path / "public.pdf"), format="A4")
    page.close()
    text = subprocess.run(["pdftotext", str(tmp_path / "public.pdf"), "-"], capture_output=True, text=True).stdout
    assert "内部资料" not in text


def test_staff_banner_on_screen(built, serve, browser):
    base = serve(built["internal"])
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in ("", "units/", "plans/county/"):
        page.goto(base + path)
        banner = page.locator(".cs-staff-banner")
        assert banner.is_visible() and "内部资料 注意保密" in banner.inner_text()
        page.evaluate("window.scrollTo(0, 2000)")
        assert page.locator(".md-header .cs-staff-mark").first.is_visible()  # still marked after scrolling
    context.close()


def test_closed_drawer_takes_no_focus_and_skip_link_comes_first(built, serve, browser):
    base = serve(built["public"])
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "quizzes/tobacco/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
    assert "md-skip" in first
    in_drawer = []
    for n in range(25):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const a = document.activeElement;
            return a.closest('.md-sidebar--primary, .md-search__inner') ? a.outerHTML.slice(0, 80) : ''; }""")
        if where:
            in_drawer.append(where)
    assert not in_drawer, in_drawer
    # the skip link lands on the content
    page.goto(base + "quizzes/tobacco/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") in ("#cs-content", "#__skip") or page.evaluate(
        "document.activeElement.id") == "cs-content"
    context.close()


def test_large_text_link_without_javascript_and_as_a_toggle(built, serve, browser):
    base = serve(built["public"])
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "plans/county/")
    link = page.locator("a.cs-textsize")
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert link.get_attribute("href") == "?large=1"
    context.close()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "units/?large=1")  # the link's target, followed with JavaScript on
    assert page.evaluate("document.documentElement.classList.contains('cs-large')")
    assert "large" not in page.url  # the flag is taken out of the address and remembered
    page.goto(base + "plans/county/")
    assert page.evaluate("document.documentElement.classList.contains('cs-large')")
    context.close()


def test_search_ranks_the_topic_first_and_shows_clean_titles(built, serve, browser):
    base = serve(built["public"])
    page = browser.new_page()
    hits = search(page, base, "高血压")
    titles = page.eval_on_selector_all(".md-search-result__item h1, .md-search-result__item h2",
                                       "els => els.map(e => e.textContent)")
    page.close()
    assert hits and hits[0].split("?")[0].split("#")[0] == base + "topics/hypertension/", hits[:5]
    assert titles and not any("\u200b" in t for t in titles)

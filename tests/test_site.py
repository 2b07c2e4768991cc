"""The public site as readers meet it: Chinese search, large text, the
government footer, AA contrast, and no internal data."""
from __future__ import annotations

import json
import re

import pytest


def search(page, base: str, query: str) -> list[str]:
    """Type a query into material's search box; the index loads in a worker,
    so the query is typed again until the worker answers."""
    page.goto(base)
    box = page.locator(".md-search__input")
    box.click()
    for _ in range(20):
        box.fill(query)
        box.press("End")  # material searches on keyup
        try:
            page.wait_for_function(
                "() => /符合条件|没有/.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
                timeout=1000)
            break
        except Exception:
            continue
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("word,page_path", [
    ("监督", "/"),          # inside 群众监督 on the home page
    ("门缝", "plans/zxj/"),  # inside 库房门缝未封堵 in a progress report
    ("劝导员", "plans/zxj/"),
])
def test_search_finds_a_word_inside_a_sentence(built, serve, browser, word, page_path):
    base = serve(built["public"])
    page = browser.new_page()
    hits = search(page, base, word)
    page.close()
    assert any(h.split("?")[0].split("#")[0] == base + page_path.lstrip("/") for h in hits), hits


def test_large_text_mode_toggles_and_is_remembered(built, serve, browser):
    base = serve(built["public"])
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base + "plans/zxj/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    normal = size()
    button = page.locator(".cs-textsize")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")  # keyboard works, not only the mouse
    assert size() > normal * 1.15
    assert button.get_attribute("aria-pressed") == "true"
    page.goto(base + "units/")
    assert size() > normal * 1.15  # remembered on the next page
    page.reload()
    assert size() > normal * 1.15
    page.locator(".cs-textsize").click()
    assert size() == normal
    context.close()


def test_government_footer(built):
    html = (built["public"] / "index.html").read_text("utf-8")
    footer = html[html.index('<footer class="md-footer">'):]
    for text in ("主办单位：示例县爱国卫生运动委员会办公室", "联系方式：", "网站标识码：0000000000"):
        assert text in footer
    assert re.search(r'<a href="https://beian\.miit\.gov\.cn/"[^>]*>示ICP备00000000号-1</a>', footer)
    assert re.search(r'<a href="https://beian\.mps\.gov\.cn/[^"]*"[^>]*>示公网安备 00000000000000号</a>', footer)


def test_chinese_and_no_google_fonts(built):
    html = (built["public"] / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in html
    for site in (built["public"], built["internal"]):
        for f in site.rglob("*.html"):
            text = f.read_text("utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, f


CONTRAST_JS = """
() => {
  const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
      const a = c.match(/[\\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255,255,255)'; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el); if (st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
    let fg = st.color; const a = fg.match(/[\\d.]+/g);
    const b = bg(el);
    if (a.length === 4) { const bb = b.match(/[\\d.]+/g).map(Number); const al = Number(a[3]);
      fg = 'rgb(' + [0,1,2].map(i => Math.round(Number(a[i]) * al + bb[i] * (1 - al))).join(',') + ')'; }
    const L1 = lum(fg), L2 = lum(b); const ratio = (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
    const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push([el.tagName, el.className, el.textContent.trim().slice(0, 30), fg, b, ratio.toFixed(2)]);
  }
  return out;
}
"""


@pytest.mark.parametrize("path", ["", "plans/zxj/", "units/", "units/zxj/", "topics/hypertension/", "dashboard/", "notices/",
                                  "notices/2026-smoke-free-units/", "bulletins/2026-10/", "quizzes/tobacco/",
                                  "quizzes/tobacco-results/", "topics/", "tobacco/units/", "boards/2026-10/",
                                  "calendar/"])
def test_text_meets_wcag_aa_contrast(built, serve, browser, path):
    base = serve(built["public"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + path)
    failures = page.evaluate(CONTRAST_JS)
    page.close()
    assert failures == [], failures


def test_internal_fields_only_in_internal_build(built):
    # phone numbers and notes of people, units and plans are internal
    markers = ["13900000010", "创卫资料室", "台账目录以县创卫办", "钥匙由宋立新保管"]
    public = "".join(p.read_text("utf-8", errors="ignore") for p in built["public"].rglob("*") if p.is_file()
                     and p.suffix in (".html", ".json", ".xml", ".js", ".txt"))
    internal = "".join(p.read_text("utf-8", errors="ignore") for p in built["internal"].rglob("*.html"))
    for m in markers:
        assert m not in public, m
        assert m in internal, m
    index = json.loads((built["public"] / "search" / "search_index.json").read_text("utf-8"))
    assert not any("13900000010" in d["text"] for d in index["docs"])

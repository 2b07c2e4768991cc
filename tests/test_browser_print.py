"""The browser's own print of a notice page uses the same GB/T 9704 print CSS:
A4, the site's chrome hidden, the red banner, doc number and imprint printed."""
from __future__ import annotations

import subprocess


def test_browser_print_of_a_notice_is_a_gbt9704_page(built, serve, browser, tmp_path):
    base = serve(built["public"])
    page = browser.new_page()
    page.goto(base + "notices/2026-plan-issued/")
    page.emulate_media(media="print")
    banner = page.locator(".cs-doc__banner").first
    assert banner.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.cs-doc__banner')).color") == "rgb(230, 0, 18)"
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "pts (A4)" in info, info  # Chromium rounds A4 to 594.96 × 841.92 pt
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "示卫办〔2026〕3号" in text.replace(" ", "")
    assert "示例县爱国卫生运动委员会办公室文件" in text.replace(" ", "")
    assert "印发" in text
    for chrome in ("大字版", "编辑指南", "主办单位："):  # header, navigation and footer are not printed
        assert chrome not in text, chrome

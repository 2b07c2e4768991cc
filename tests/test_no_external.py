"""No request leaves the site: every page of the public build, opened in
headless Chromium from a loopback server, asks only that server for anything,
and the console stays free of errors."""
from __future__ import annotations

from urllib.parse import urlsplit


def test_every_page_loads_only_from_the_site(built, serve, browser):
    site = built["public"]
    base = serve(site)
    origin = urlsplit(base).netloc
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) >= 10
    requests: list[tuple[str, str]] = []
    problems: list[str] = []
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort() if urlsplit(route.request.url).netloc != origin
                  else route.continue_())  # never actually reach another host
    # one tab goes from page to page (a new tab per page costs a renderer each); the listeners name the
    # page being visited
    page, current = context.new_page(), [""]
    page.on("request", lambda r: requests.append((current[0], r.url)))
    page.on("console", lambda m: m.type == "error" and problems.append(f"{current[0]}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{current[0]}: {e}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{current[0]}: {r.status} {r.url}"))
    for rel in pages:
        current[0] = rel
        page.goto(base + rel, wait_until="load")
        page.wait_for_timeout(150)  # let deferred scripts (search worker) start
    context.close()
    outside = [(rel, url) for rel, url in requests
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert not outside, outside
    assert not problems, problems
    assert len(requests) > len(pages)  # pages did load their assets (the listener works)

"""Page kinds: each module takes the build context and yields pages.

A page kind is a module with ``pages(ctx) -> Iterable[GeneratedPage]`` and,
optionally, ``outputs(ctx) -> Iterable[Output]`` for files written after the
build (exports, feeds, calendars). ``KINDS`` lists them in build order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from ..model import Model


@dataclass(frozen=True)
class PrintJob:
    """A page to render to PDF after the build: ``print/<name>.pdf``."""

    name: str                 # path under print/, without .pdf
    html: str                 # the article to print (the same markup as on the web page)
    stylesheets: tuple[str, ...] = ("print/base.css",)
    title: str = ""


@dataclass
class GeneratedPage:
    src_uri: str              # e.g. "plans/county.md"
    title: str
    body: str                 # HTML of the page content
    in_nav: bool = True       # False: reachable by links, kept out of the navigation
    meta: dict[str, Any] = field(default_factory=dict)
    prints: list[PrintJob] = field(default_factory=list)


@dataclass(frozen=True)
class Output:
    """A file written into the site after the build (relative to site_dir)."""

    path: str
    data: bytes


# Where each kind of record has its page: kind -> fn(model, id) -> (src_uri, anchor).
# Page-kind modules add their own routes; links are made with BuildContext.link.
ROUTES: dict[str, Callable[[Model, str], tuple[str, str]]] = {}


@dataclass
class BuildContext:
    model: Model
    as_of: dt.date
    env: jinja2.Environment
    site_url: str
    docs_dir: Path
    project_dir: Path
    memo: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """A derived value computed once per build and shared by the page kinds."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def link(self, from_src: str, kind: str, key: str) -> str:
        """Relative URL from page ``from_src`` to the page of record ``key`` of ``kind``."""
        src, anchor = ROUTES[kind](self.model, key)
        return href(from_src, src, anchor)

    def render(self, template: str, **values: Any) -> str:
        return self.env.get_template(template).render(
            model=self.model, campaign=self.model.campaign, as_of=self.as_of, **values)


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page (directory URLs): plans/a.md -> plans/a/."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one page to another, so the site works under any path."""
    import posixpath

    here = page_url(from_src) or "."
    there = page_url(to_src) if to_src.endswith(".md") else to_src
    rel = posixpath.relpath(there or ".", here)
    if to_src.endswith(".md") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")

"""The page-kind protocol and what every page kind works with.

A page kind is a subclass of ``PageKind``; each method has a default that
adds nothing, so a kind implements only what it makes:

- ``pages(ctx)``   generated pages (``GeneratedPage``: path, title, HTML body, prints);
- ``dress(ctx, src_uri, html)``  the HTML of an author's content page it dresses
  (notices get their header and imprint);
- ``outputs(ctx)`` files written into the site after the build (feeds, exports);
- ``prints(ctx)``  PDFs not tied to one generated page (signs, notices).

``views.kinds.KINDS`` lists the kinds in build order; the MkDocs adapter calls
them. Kinds never import each other: they share figures through ``derive``
(memoized once per build on the ``BuildContext``) and link through
``BuildContext.link`` (``views.routes``)."""
from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from campaign.derive import appraisal, awareness, bulletins, inspections, outline, progress, tobacco
from campaign.model.model import Model
from campaign.print.job import PrintJob
from campaign.render.memo import Memo
from campaign.views.routes import ROUTES, SECTIONS

__all__ = ["BuildContext", "GeneratedPage", "Output", "PageKind", "PrintJob", "href", "page_url"]


@dataclass
class GeneratedPage:
    src_uri: str              # e.g. "plans/county.md"
    title: str
    body: str                 # HTML of the page content
    in_nav: bool = True       # False: reachable by links, kept out of the navigation
    meta: dict[str, Any] = field(default_factory=dict)
    prints: list[PrintJob] = field(default_factory=list)
    # its headings as toc tokens, once the adapter has finished the body (anchors, table labels)
    toc: list[dict[str, Any]] | None = None
    anchors: frozenset[str] = frozenset()  # the ids in the finished body

    # Pickled (the build cache) with the body as UTF-8 made here: pickling the str itself makes
    # CPython keep a UTF-8 copy inside it for as long as the page lives, its size again.
    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "body": self.body.encode("utf-8", "surrogatepass")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, body=state["body"].decode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class Output:
    """A file written into the site after the build (relative to site_dir)."""

    path: str
    data: bytes


@dataclass
class BuildContext:
    """One build: the (audience-filtered) model, the day, templates and where things are."""

    model: Model
    as_of: dt.date
    env: jinja2.Environment
    site_url: str
    docs_dir: Path
    project_dir: Path
    # ``campaign check``: the pages are listed (their paths), not rendered
    listing_only: bool = False
    # PDFs are made this build (never for ``campaign check``): only then are print jobs laid out
    printing: bool = True
    # renderings kept across builds under what they read (None: render every time)
    memo: Memo | None = None
    # the unit index of the process's previous build (``mkdocs serve``), whose objects an
    # unchanged task keeps (``progress.unit_index``)
    earlier: progress.UnitIndex | None = None

    # -- figures several kinds show, computed once per build ------------------
    @functools.cached_property
    def unit_index(self) -> progress.UnitIndex:
        index = progress.unit_index(self.model, self.as_of, self.earlier)
        self.earlier = None  # nor its model: no longer needed
        return index

    def made_unit_index(self) -> progress.UnitIndex | None:
        """The unit index, if this build needed it (its pages were not all kept whole)."""
        return self.__dict__.get("unit_index")

    @functools.cached_property
    def inspections_by_unit(self) -> dict[str, inspections.UnitInspections]:
        return inspections.by_unit(self.model, self.as_of)

    @functools.cached_property
    def bulletins(self) -> list[bulletins.Report]:
        """Every bulletin (通报) at as_of, oldest first."""
        return bulletins.reports(self.model, self.as_of)

    @functools.cached_property
    def unit_awards(self) -> dict[str, list]:
        return appraisal.unit_awards(self.model, self.as_of)

    @functools.cached_property
    def compliance(self) -> dict[str, tobacco.Compliance]:
        return tobacco.compliance(self.model)

    @functools.cached_property
    def outlines(self) -> dict[str, outline.Outline]:
        """Every plan as its reader sees it, by plan id: its page, its print and the units'
        duty lists share one."""
        return {p.id: outline.outline(self.model, p, self.as_of, self.unit_index.status)
                for p in self.model.plans.values()}

    @functools.cached_property
    def duties_by_unit(self) -> dict[str, list[outline.UnitDuties]]:
        return outline.duties_by_unit(self.model, self.as_of, self.outlines)

    @functools.cached_property
    def awareness(self) -> dict[str, awareness.Awareness]:
        return awareness.unit_awareness(self.model)

    # -- links and rendering ----------------------------------------------------
    def link(self, from_src: str, kind: str, key: str) -> str:
        """Relative URL from page ``from_src`` to the page of record ``key`` of ``kind``."""
        src, anchor = ROUTES[kind](self.model, key)
        return href(from_src, src, anchor)

    def links(self, from_src: str) -> Links:
        """``link(kind, key)`` for one page, as templates call it."""
        return Links(self, from_src)

    def render(self, template: str, **values: Any) -> str:
        if self.listing_only:
            return ""
        values = {"campaign": self.model.campaign, "as_of": self.as_of, **values}

        def make(context: dict[str, Any]) -> str:
            return self.env.get_template(template).render(context)

        if self.memo is None:
            return make({"model": self.model, **values})
        return self.memo.render(template, values, {"model": self.model}, make)

    def prints_of(self, make: Callable[..., list[PrintJob]], *args: Any) -> list[PrintJob]:
        """A page's PDFs: ``make(self, *args)`` when this build makes PDFs, none otherwise
        (laying out a plan of 20,000 tasks for a PDF nobody renders costs as much as its page)."""
        return make(self, *args) if self.printing else []

    def no_data(self, pages: dict[str, str], what: str) -> Iterable[GeneratedPage]:
        """A section with no data yet (``pages``: src_uri -> title). The public site leaves it
        out (no page; the plugin drops its navigation entries); the staff site shows where its
        data goes."""
        if self.model.audience != "internal":
            return
        for src, title in pages.items():
            yield GeneratedPage(src, title, self.render("partials/empty.html", title=title, what=what,
                                                         where=SECTIONS[src]))


@dataclass(frozen=True)
class Links:
    ctx: BuildContext
    src: str

    def __call__(self, kind: str, key: str) -> str:
        return self.ctx.link(self.src, kind, key)


class PageKind:
    """Base of every page kind (see the module docstring)."""

    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        return ()

    def dress(self, ctx: BuildContext, src_uri: str, html: str) -> str:
        return html

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        return ()

    def prints(self, ctx: BuildContext) -> Iterable[PrintJob]:
        return ()


def page_url(src_uri: str) -> str:
    """The site-relative URL of a page (directory URLs): plans/a.md -> plans/a/."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


@functools.lru_cache(maxsize=1 << 17)
def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one page to another, so the site works under any path
    (a pure function of its arguments: kept, since a unit page links the same plans
    and tasks on every build)."""
    here = page_url(from_src) or "."
    there = page_url(to_src) if to_src.endswith(".md") else to_src
    rel = _relpath(there or ".", here)
    if to_src.endswith(".md") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for site paths, without its two calls to ``os.getcwd`` (a unit page
    links twenty tasks: tens of thousands of links a build). A path with ``..`` goes to posixpath."""
    if ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."

"""Generated pages in the navigation.

mkdocs.yml names each page kind's index page as a section; the kind's other
pages marked ``in_nav`` (plans, topics, quizzes) join that section here, so a
new plan appears in the navigation without editing mkdocs.yml. Pages marked
not in nav (thousands of units) never do; MkDocs would make them ordinary pages
and convert their empty Markdown (a Markdown instance per page), so the plugin
makes them ``HtmlPage``s first: pages whose HTML comes whole from their page kind.
"""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from campaign.views.base import GeneratedPage


def _folder(src_uri: str) -> str:
    return src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""


def attach(nav: Navigation, files: Files, generated: dict[str, GeneratedPage]) -> Navigation:
    sections = {_folder(p.file.src_uri): p.parent for p in nav.pages
                if p.file.src_uri.endswith("index.md") and p.parent is not None}
    listed = {p.file.src_uri for p in nav.pages}
    for uri, page in generated.items():
        section = sections.get(_folder(uri))
        file = files.get_file_from_path(uri)
        if not page.in_nav or uri in listed or section is None or file is None or file.page is None:
            continue
        file.page.parent = section
        section.children.append(file.page)
        last = max(i for i, p in enumerate(nav.pages) if p.parent is section)
        nav.pages.insert(last + 1, file.page)
    return nav


class HtmlPage(Page):
    """A generated page out of the navigation: nothing to convert (its body, table of
    contents and anchors are set by the plugin's ``on_page_content``)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def without(nav: list[Any] | None, prefix: str) -> list[Any] | None:
    """mkdocs.yml's nav without the entries under ``prefix`` (and sections left empty)."""
    if nav is None:
        return None
    out: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if not item.startswith(prefix):
                out.append(item)
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            kept = without(value, prefix)
            if kept:
                out.append({title: kept})
        elif not str(value).startswith(prefix):
            out.append(item)
    return out

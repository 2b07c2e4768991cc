"""Presentation helpers: the Jinja environment of the page kinds and the
Markdown pipeline for free text that comes from data files.

Free text from data goes through the site's own Markdown extensions, but raw
HTML in it is shown as text and links may only point to http(s), mailto, tel
or within the site: a spreadsheet cell cannot smuggle a script onto a page.
The result then passes the allow-list of ``sanitize`` (no ``rel=attachment``,
no image from outside the site); HTML comments are removed before Markdown.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from campaign.model.cache import read_pickle, write_pickle
from campaign.model.dates import Due, cn_date, cn_month, due_text
from campaign.render import sanitize

_SAFE_URL = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\.{0,2}/|[^:/?#]*(?:[/?#]|$))", re.I)


_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster")


def safe_url(url: str) -> bool:
    """http(s), mailto, tel or within the site, after entities are decoded as a browser does."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    return bool(_SAFE_URL.match(plain))


class _SafeLinks(Treeprocessor):
    """No script from data: unsafe URLs and event/style attributes (attr_list) are dropped."""

    def run(self, root: Element) -> None:
        for el in root.iter():
            for attr in list(el.attrib):
                name = attr.lower()
                if name.startswith("on") or name in ("style", "srcdoc", "formaction") or (
                        name in _URL_ATTRS and not safe_url(el.get(attr, ""))):
                    del el.attrib[attr]


_FULL_WIDTH = {ord("<"): "＜", ord(">"): "＞", ord("&"): "＆"}


def plain_title(text: str) -> str:
    """A page title from data, safe wherever a theme puts it (nav, <title>, search):
    MkDocs themes treat titles as HTML, so markup characters become their full-width forms."""
    return str(text).translate(_FULL_WIDTH)


class _SafeExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        for name in ("html_block",):
            if name in md.preprocessors:
                md.preprocessors.deregister(name)
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "campaign_safe_links", 0)


_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    """A line broken between two Chinese characters is one line: in Chinese a soft
    line break is not a space (browsers and PDFs would show one). Headings and
    table rows keep their line ends."""
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if (prev and line.strip() and not prev.lstrip().startswith(("#", "|")) and not line.lstrip().startswith("|")
                and _SOFT_BREAK.search(prev.rstrip() + "\n" + line.lstrip())):
            out[-1] = prev.rstrip() + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


class DataMarkdown:
    """Renders Markdown from data with the site's extensions, safely."""

    def __init__(self, extensions: list | None = None, configs: dict | None = None,
                 locate: sanitize.Locate | None = None):
        exts = [e for e in (extensions or []) if e != "toc"] + [_SafeExtension()]
        self._md = markdown.Markdown(extensions=exts, extension_configs=configs or {})
        self._cache: dict[str, Markup] = {}
        self._locate = locate or (lambda text: "")
        self._reported: set[str] = set()

    def __call__(self, text: str | None, inline: bool = False) -> Markup:
        if not text:
            return Markup("")
        key = ("i:" if inline else "b:") + text
        if key not in self._cache:
            source, had_comment = sanitize.strip_comments(str(text))
            html, removed = sanitize.clean(self._md.reset().convert(join_cjk_lines(source)))
            if had_comment:
                removed = {"HTML 注释 <!-- … -->": "<!--", **removed}
            if removed and str(text) not in self._reported:
                self._reported.add(str(text))
                sanitize.report(self._locate(str(text)) or "（数据字段）", removed)
            if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = html[3:-4]
            self._cache[key] = Markup(html)
        return self._cache[key]


def show_date(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Due):
        return str(value)
    if isinstance(value, dt.datetime):
        return cn_date(value.date())
    if isinstance(value, dt.date):
        return cn_date(value)
    return str(value)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the process: each build (and ``campaign check``, and every
    ``mkdocs serve`` rebuild) makes a new environment; Jinja recompiles only a changed source
    (it checks each source's checksum). One per kind of environment (ours; the theme's, which
    MkDocs makes anew for every build). With a folder (``keep_in``: the project's cache
    folder) they are kept across processes too, so a rebuild compiles nothing."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def keep_in(self, folder: Path | None) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None and self.folder is not None:
            stored = read_pickle(self.folder / f"{bucket.key}.pickle")
            if isinstance(stored, bytes):
                data = self.store[bucket.key] = stored
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            write_pickle(self.folder / f"{bucket.key}.pickle", data)


_COMPILED = CompiledTemplates()


def environment(md: DataMarkdown, templates: Path, overrides: Path | None = None,
                compiled_in: Path | None = None) -> jinja2.Environment:
    """Templates from ``templates``; a project may override any of them in ``<overrides>/campaign/``.
    ``compiled_in``: where compiled templates are kept across processes."""
    _COMPILED.keep_in(compiled_in)
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and (overrides / "campaign").is_dir():
        loaders.append(jinja2.FileSystemLoader(overrides / "campaign"))
    loaders.append(jinja2.FileSystemLoader(templates))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["md"] = md
    env.filters["md_inline"] = lambda text: md(text, inline=True)
    env.filters["cn_date"] = show_date
    env.filters["cn_month"] = lambda d: cn_month(d) if d else ""
    env.filters["due"] = due_text
    env.filters["pct"] = lambda x: f"{x:.0f}%" if x is not None else "—"
    return env

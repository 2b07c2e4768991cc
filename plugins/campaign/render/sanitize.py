"""Content HTML on an allow-list: what Markdown makes of an author's text
passes through nh3 (the Ammonia sanitizer) before it reaches a page, the
search index or a PDF.

Allowed: the tags Markdown and its extensions produce (headings, lists,
tables, admonitions, definition lists, images), a few attributes (id, class,
title, href, src, alt, table spans), links to http(s), mailto, tel or within
the site, images only from within the site. Removed: scripts and styles with
their content, iframes, objects, forms, base, meta, every event handler, every
``rel`` (so no ``rel=attachment`` can make the PDF renderer embed a file),
``javascript:``/``data:`` URLs and HTML comments.

``clean`` returns the clean HTML and, in Chinese, what was removed, so the
build can name it with the place it came from (``report``).
"""
from __future__ import annotations

import dataclasses
import html.parser
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nh3

log = logging.getLogger("campaign")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr",
}
# removed together with everything inside them
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select",
                     "title", "xmp", "noembed", "noframes", "svg", "math", "applet", "frameset", "frame"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"}, "li": {"value"},
    "abbr": {"title"}, "time": {"datetime"}, "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _external(url: str) -> bool:
    u = re.sub(r"[\x00-\x20]", "", url).lower()
    return "://" in u or u.startswith("//") or (":" in u.split("/", 1)[0])


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    # images only from the site itself: no request leaves the site, at build or view time
    if tag == "img" and attr == "src" and _external(value):
        return None
    return value


def _clean(html_text: str) -> str:
    return nh3.clean(html_text, tags=TAGS, clean_content_tags=DROP_WITH_CONTENT, attributes=ATTRIBUTES,
                     attribute_filter=_attribute_filter, strip_comments=True, link_rel=None,
                     url_schemes=URL_SCHEMES)


class _Removed(html.parser.HTMLParser):
    """What the allow-list takes out, named for the author (the cleaning itself is nh3's)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}   # description -> the source snippet to locate it by
        self._skip = 0

    def _add(self, what: str, needle: str) -> None:
        self.found.setdefault(what, needle)

    def handle_starttag(self, tag, attrs):
        if self._skip:
            if tag in DROP_WITH_CONTENT:
                self._skip += 1
            return
        if tag in DROP_WITH_CONTENT:
            self._add(f"<{tag}> 及其内容", f"<{tag}")
            self._skip = 1
        elif tag not in TAGS:
            self._add(f"<{tag}> 标签", f"<{tag}")
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"事件属性 {name}", name)
            elif name in _URL_ATTRS and value and tag in TAGS and name in allowed:
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = plain.split(":", 1)[0] if ":" in plain.split("/", 1)[0] else ""
                if scheme and scheme not in URL_SCHEMES:
                    self._add(f"{scheme}: 链接", value.strip()[:40])
                elif tag == "img" and _external(value):
                    self._add(f"站外图片 {value.strip()[:60]}", value.strip()[:40])
            elif tag in TAGS and name not in allowed:
                self._add(f"{name} 属性", name)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROP_WITH_CONTENT and self._skip:
            self._skip -= 1

    def handle_endtag(self, tag):
        if self._skip and tag in DROP_WITH_CONTENT:
            self._skip -= 1

    def handle_comment(self, data):
        self._add("HTML 注释 <!-- … -->", "<!--")

    def handle_decl(self, decl):
        self._add("<!…> 声明", "<!")

    def handle_pi(self, data):
        self._add("<?…> 指令", "<?")


def clean(html_text: str) -> tuple[str, dict[str, str]]:
    """(clean HTML, {what was removed: a snippet of the source to find it by})."""
    scan = _Removed()
    scan.feed(html_text)
    scan.close()
    return _clean(html_text), scan.found


def strip_comments(text: str) -> tuple[str, bool]:
    """Markdown source without its HTML comments (never shown, printed or indexed)."""
    out = _COMMENT.sub("", text)
    return out, out != text


def position(source: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in ``source`` (1, 1 when not found)."""
    i = source.find(needle)
    if i < 0:
        i = source.lower().find(needle.lower())
    if i < 0:
        return 1, 1
    return source.count("\n", 0, i) + 1, i - (source.rfind("\n", 0, i) + 1) + 1


def report(where: str, removed: dict[str, str] | list[str]) -> None:
    """One located warning naming what was removed (it does not stop the build)."""
    if removed:
        log.warning(f"{where}: 已删除不允许的内容：{'、'.join(removed)}。网页、搜索和打印版都不含这些内容；"
                    "如需嵌入视频、表单等，请改为链接。")


def report_page(src_path: Path | None, shown: str, removed: dict[str, str]) -> None:
    """Warnings for a content page, each at the line of the first removed thing of its kind."""
    if not removed:
        return
    try:
        source = src_path.read_text("utf-8-sig") if src_path else ""
    except OSError:
        source = ""
    by_line: dict[tuple[int, int], list[str]] = {}
    for what, needle in removed.items():
        by_line.setdefault(position(source, needle), []).append(what)
    for (line, col), whats in sorted(by_line.items()):
        report(f"{shown}:{line}:{col}", whats)


def locator(model: Any) -> Locate:
    """Where a Markdown text of the model is written ("path:line:col: field"; "" if unknown).
    The index of every field is made the first time something is cut (rarely: nothing is
    looked up in a clean build); a part of a field (a notice's summary) finds its field."""
    index: dict[str, str] | None = None

    def locate(text: str) -> str:
        nonlocal index
        if index is None:
            index = field_index([getattr(model, f.name) for f in dataclasses.fields(model)])
        return index.get(text) or next((where for whole, where in index.items() if text in whole), "")

    return locate


def field_index(value: Any, out: dict[str, str] | None = None) -> dict[str, str]:
    """{Markdown text: "path:line:col: field"} of every Markdown field of every record under ``value``."""
    from campaign.model.schema import Markdown, Record

    out = {} if out is None else out
    stack = [value]
    seen: set[int] = set()
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        if isinstance(v, Record):
            body = getattr(v, "body", None)  # a content page's Markdown kept on its record
            if isinstance(body, str) and body.strip():
                out.setdefault(body, f"{v.loc.path}:1:1: (正文)")
            for f in dataclasses.fields(v):
                if f.metadata.get("source"):
                    continue
                x = getattr(v, f.name)
                items = x if isinstance(x, list) else [x]
                for i, item in enumerate(items):
                    if isinstance(item, Markdown) and str(item) not in out:
                        loc = v.where(f.name)
                        name = v.path(f.name) + (f"[{i + 1}]" if isinstance(x, list) else "")
                        out[str(item)] = f"{loc.path}:{loc.line}:{loc.col}: {name}"
                    elif not isinstance(item, (str, int, float)) and item is not None:
                        stack.append(item)
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return out


Locate = Callable[[str], str]

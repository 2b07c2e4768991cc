"""A page's search sections, as material's search ``Parser`` divides them, without html.parser.

material's search plugin feeds every page's HTML to ``Parser`` (an ``html.parser.HTMLParser``) to cut
it into sections (one per h1-h6 with an id, plus a preface), keeping a few tags (p, code, pre, li,
ol, ul, sub, sup), skipping script/style/object and elements marked ``data-search-exclude`` or
``class="linenodiv"``, collapsing whitespace and escaping text. At 1,000 units that parsing was the
largest single cost of a build (12 MB of pages, 4.5-5 CPU s, more in garbage): html.parser tokenizes
in Python, one regular expression and a few method calls per tag and per attribute, and material's
handlers allocate an element, a dict and a list on every tag. This module reads the same pages in
about 1.3 CPU s.

``sections(html)`` gives the same list of ``Section`` objects (material's own classes, so
``SearchIndex.create_entry_for_section`` makes the entries unchanged). It tokenizes with one
compiled expression (text, start tags, end tags; comments, doctypes, CDATA and processing
instructions skipped) and runs material's state machine (``_Sections`` mirrors ``Parser`` method by
method). Attributes are parsed only where material reads them: headings (id), ``a`` (a permalink's
class), and tags whose attributes could hold ``data-search-exclude`` or ``class="linenodiv"``.

The tokenizer accepts only markup it reads exactly as html.parser does (this module is checked
against the installed one by tests/test_search_sections.py). Anything else in a page - a ``<`` that
starts no tag, an unterminated tag or comment, an attribute html.parser splits another way,
script or style content it might end elsewhere, elements newer Pythons parse as raw text, a
closing tag material cannot match - makes ``sections`` hand the whole page to material's
``Parser``, so the sections are always material's. Set ``CAMPAIGN_SEARCH_PARSER=material`` to use
material's parser for every page (to compare the two).
"""
from __future__ import annotations

import os
import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any

from material.plugins.search.plugin import Element, Parser, Section
from material.plugins.search.plugin import void as VOID

WS = "[ \t\n\r\f]"  # html.parser's separators; other Unicode spaces would end its names elsewhere
# An attribute html.parser reads the same way: a plain name, an optional value quoted or bare
# (a bare value ends at whitespace or '>', where html.parser ends it too; \Z: when the attributes
# alone are read again).
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_VALUE = "\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`/]+(?=[ \t\n\r\f>]|\\Z)"
ATTR = re.compile(f"{WS}+({_NAME})(?:{WS}*={WS}*({_VALUE}))?")  # (name, value or '')

TOKEN = re.compile(
    "(?P<text>[^<]+)"
    f"|<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:{WS}+{_NAME}(?:{WS}*={WS}*(?:{_VALUE}))?)*)"
    f"{WS}*(?P<close>/?)>"
    f"|</(?P<end>[a-zA-Z][-.a-zA-Z0-9:_]*){WS}*>"
    "|<!--(?P<comment>.*?)-->"
    "|<!(?i:doctype)[^>]*>"
    "|<\\?[^>]*>"
    "|<!\\[CDATA\\[[^\\]>]*\\]\\]>",
    re.S,
)
TEXT, TAG, ATTRS, CLOSE, END, COMMENT = (TOKEN.groupindex[name] for name in
                                         ("text", "tag", "attrs", "close", "end", "comment"))
HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
RAW_TEXT = frozenset(("script", "style"))
RAW_END = re.compile("</\\s*(?:script|style)", re.I)
RAW_CLOSE = re.compile(f"</(script|style){WS}*>", re.I)
# Newer html.parsers (with RCDATA_CONTENT_ELEMENTS) read more elements as raw text: there a page
# holding one goes to material's parser. The one this module mirrors reads only script and style so.
_RAW_ELSEWHERE = ("textarea", "title", "plaintext", "xmp", "iframe", "noembed", "noframes", "noscript")
OTHER_PARSING = frozenset() if (
    set(HTMLParser.CDATA_CONTENT_ELEMENTS) == RAW_TEXT and not hasattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS")
) else frozenset(_RAW_ELSEWHERE) | frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS) - RAW_TEXT


NO_ATTRS: dict[str, str | None] = {}  # shared, never changed


class Fallback(Exception):
    """The page holds markup this module does not read exactly as html.parser does."""


def sections(html: str) -> list[Section]:
    """The sections material's ``Parser`` makes of ``html``."""
    if os.environ.get("CAMPAIGN_SEARCH_PARSER") != "material":
        try:
            return fast_sections(html)
        except Fallback:
            pass
    return material_sections(html)


def material_sections(html: str) -> list[Section]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def fast_sections(html: str) -> list[Section]:
    """``sections`` by the tokenizer alone; raises ``Fallback`` where it cannot be sure."""
    state = _Sections()
    start, end, text = state.start, state.end, state.text
    match = TOKEN.match
    pos, n = 0, len(html)
    while pos < n:
        m = match(html, pos)
        if m is None:
            raise Fallback(pos)
        pos = m.end()
        kind = m.lastindex  # the alternative's last group: TEXT, CLOSE (a start tag), END, COMMENT, or None
        if kind == TEXT:
            data = m[TEXT]
            text(unescape(data) if "&" in data else data)
        elif kind == CLOSE:
            tag = m[TAG].lower()
            if tag in OTHER_PARSING:
                raise Fallback(pos)
            attrs = m[ATTRS]
            if attrs and (tag in HEADINGS or _needs_attrs(attrs)):
                attrs = {name.lower(): _value(value) for name, value in ATTR.findall(attrs)}
            else:
                attrs = NO_ATTRS
            if tag in RAW_TEXT:  # html.parser skips to the first matching closing tag
                if m[CLOSE]:
                    raise Fallback(pos)
                closing = RAW_END.search(html, pos)
                ends = RAW_CLOSE.match(html, closing.start()) if closing else None
                if ends is None or ends[1].lower() != tag or html.find("<!--", pos, ends.start()) >= 0:
                    raise Fallback(pos)
                start(tag, attrs)
                end(tag)
                pos = ends.end()
                continue
            start(tag, attrs)
            if m[CLOSE]:
                end(tag)
        elif kind == END:
            end(m[END].lower())
        elif kind == COMMENT:  # one that every html.parser version ends at the same place
            comment = m[COMMENT]
            if "--" in comment or comment.startswith((">", "->")) or comment.endswith("-"):
                raise Fallback(pos)
    return state.data


def _needs_attrs(attrs: str) -> bool:
    """Whether a tag's attributes hold what material reads: ``data-search-exclude`` (any case),
    ``class="linenodiv"`` or ``"headerlink"``, or either behind a character reference."""
    return "&" in attrs or "linenodiv" in attrs or "headerlink" in attrs or "data-search-exclude" in attrs.lower()


def _value(raw: str) -> str | None:
    """An attribute's value as html.parser gives it: None without '=', unquoted, references resolved."""
    if not raw:
        return None  # findall gives '' for a missing group; a quoted empty value is '""'
    if raw[0] in "\"'":
        raw = raw[1:-1]
    return unescape(raw) if raw else raw


class _Sections:
    """material's ``Parser`` handlers on plain tag names (material's ``Element`` compares by tag
    name, so its sets and lists of elements behave as sets and lists of names)."""

    def __init__(self) -> None:
        self.skip = {"object", "script", "style"}
        self.context: list[str] = []
        self.permalinks: list[int] = []  # depths of open <a class="headerlink">
        self.section: Any = None
        self.data: list[Section] = []

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in VOID:
            return
        context = self.context
        context.append(tag)
        if tag == "a" and attrs.get("class") == "headerlink":
            self.permalinks.append(len(context))
        if tag in HEADINGS:
            depth = len(context)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = Section(Element("hx"), depth)
                    self.data.append(self.section)
                self.section = Section(Element(tag, attrs), depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(context):
            section = self.section
            (section.title if section.el.tag in context else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        context = self.context
        if not context or context[-1] != tag:
            return
        if self.section.depth > len(context):
            for section in reversed(self.data):
                if section.depth <= len(context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        if self.permalinks and self.permalinks[-1] == len(context):
            self.permalinks.pop()
        context.pop()
        if tag in self.skip:
            if tag not in RAW_TEXT and tag != "object":
                self.skip.remove(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(context):
            section = self.section
            data = section.title if section.el.tag in context else section.text
            try:
                index = data.index(f"<{tag}>")
            except ValueError:  # material's parser fails here; let it, the same way
                raise Fallback(tag) from None
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        context = self.context
        if not self.skip.isdisjoint(context):
            return
        pre = "pre" in context
        blank = data.isspace()
        if not pre:
            data = " " if blank else data.replace("\n", " ")
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        section = self.section
        if section.el.tag in context:
            if not self.permalinks:
                section.title.append(escape(data, quote=False))
        elif blank:
            text = section.text
            if not text or pre or not text[-1].isspace():
                text.append(data)
        else:
            section.text.append(escape(data, quote=False) if "&" in data or "<" in data or ">" in data else data)

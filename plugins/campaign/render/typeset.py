"""Typesetting for readers: what every page's HTML needs to read well.

- ``CjkText``, a Markdown extension for the site's pages and for text from
  data: a line break inside a Chinese paragraph is not a space (Markdown turns
  source line breaks into spaces, which show as gaps after Chinese
  punctuation), and service hotlines and phone numbers become ``tel:`` links
  that a phone dials with one tap.
- ``label_cells``: every data cell of a table carries its column header as
  ``data-label``, so campaign.css can show a wide table as stacked cards on a
  phone ("责任单位：县爱卫办") instead of squeezing six columns into 355 px.
"""
from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

# Han, CJK punctuation, full-width forms and the quotes and dashes Chinese text uses
CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
_SEP = "\x00"     # between text slots while joining
_BARRIER = "\x01"  # code: never joined across
_JOIN = re.compile(rf"(?<=[{CJK}])((?:[ \t\n]|{_SEP})*\n(?:[ \t\n]|{_SEP})*)(?=(?:{_SEP})*[{CJK}])")
# service hotlines (12345, 12320, 12315 …), 400 numbers and fixed-line numbers (0000-0000000)
PHONE = re.compile(r"(?<![\d\-./:])(12\d{3}|400-\d{3}-\d{4}|0\d{2,3}-\d{7,8})(?![\d\-/])")
_VERBATIM = {"pre", "code", "script", "style", "kbd", "samp"}


def join_cjk_lines(root: Element) -> None:
    """Drop the line breaks (and spaces around them) between two CJK characters, across inline tags."""
    slots: list[tuple[Element, str] | None] = []

    def walk(el: Element) -> None:
        if el.tag in _VERBATIM:
            slots.append(None)
            return
        slots.append((el, "text"))
        for child in el:
            walk(child)
            slots.append((child, "tail"))

    walk(root)
    texts = [_BARRIER if s is None else (getattr(s[0], s[1]) or "") for s in slots]
    joined = _JOIN.sub(lambda m: m.group(1).count(_SEP) * _SEP, _SEP.join(texts))
    for slot, old, new in zip(slots, texts, joined.split(_SEP)):
        if slot is not None and new != old:
            setattr(slot[0], slot[1], new)


def link_phones(root: Element) -> None:
    """Hotlines as tel: links (not inside links or code)."""
    def split(text: str) -> tuple[str, list[Element]]:
        parts = PHONE.split(text)
        links = []
        for i in range(1, len(parts), 2):
            a = Element("a", {"href": "tel:" + parts[i].replace("-", ""), "class": "cs-tel"})
            a.text = parts[i]
            a.tail = parts[i + 1]
            links.append(a)
        return parts[0], links

    def walk(el: Element) -> None:
        if el.tag in _VERBATIM or el.tag == "a":
            return
        for child in list(el):
            walk(child)
        if el.text and PHONE.search(el.text):
            el.text, links = split(el.text)
            for n, a in enumerate(links):
                el.insert(n, a)
        for child in list(el):
            if child.tail and PHONE.search(child.tail):
                child.tail, links = split(child.tail)
                at = list(el).index(child) + 1
                for n, a in enumerate(links):
                    el.insert(at + n, a)

    walk(root)


class _Typeset(Treeprocessor):
    def run(self, root: Element) -> None:
        join_cjk_lines(root)
        link_phones(root)


class CjkText(markdown.Extension):
    """After inline parsing (priority 20), before the output is serialized."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Typeset(md), "campaign_typeset", 5)


# -- tables --------------------------------------------------------------------
_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_CELL = re.compile(r"<(td|th)\b([^>]*)>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_SPAN = re.compile(r'colspan="(\d+)"')


def _headers(head: str) -> list[str]:
    labels: list[str] = []
    row = _ROW.search(head)
    for m in re.finditer(r"<th\b([^>]*)>(.*?)</th>", row.group(2) if row else head, re.S):
        text = " ".join(html.unescape(_TAGS.sub("", m.group(2))).split())
        span = _SPAN.search(m.group(1))
        labels += [text] * (int(span.group(1)) if span else 1)
    return labels


def _label_row(row: re.Match, labels: list[str]) -> str:
    """The row's cells, each with its column's label (``labels``: escaped; a cell spanning
    columns, or labelled already, as it is)."""
    parts = _CELL.split(row.group(2))  # text, then per cell: tag, attributes, the text after it
    out, col = [row.group(1), parts[0]], 0
    for i in range(1, len(parts), 3):
        tag, attrs = parts[i], parts[i + 1]
        span = _SPAN.search(attrs) if "colspan" in attrs else None
        label = labels[col] if col < len(labels) else ""
        col += int(span.group(1)) if span else 1
        if not label or "data-label=" in attrs or (span and int(span.group(1)) > 1):
            out.append(f"<{tag}{attrs}>")
        else:
            out.append(f'<{tag}{attrs} data-label="{label}">')
        out.append(parts[i + 2])
    out.append(row.group(3))
    return "".join(out)


def _label_table(m: re.Match) -> str:
    table = m.group(0)
    head = _HEAD.search(table)
    if not head or "data-labelled" in table[:table.find(">")]:  # its template labelled the cells
        return table
    labels = [html.escape(label) for label in _headers(head.group(1))]
    body = table[head.end():]
    return table[:head.end()] + _ROW.sub(lambda r: _label_row(r, labels), body)


def label_cells(page_html: str) -> str:
    """Every body cell of a table with a header row gets ``data-label`` = its column's header (a table
    marked ``data-labelled`` has them from its template)."""
    if "<table" not in page_html:
        return page_html
    return _TABLE.sub(_label_table, page_html)


_WRAP = re.compile(r'<div class="cs-table-wrap">(\s*<table\b.*?</table>)', re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)


def _region(m: re.Match) -> str:
    caption = _CAPTION.search(m.group(1))
    name = " ".join(html.unescape(_TAGS.sub("", caption.group(1))).split()) if caption else ""
    label = f"表格：{name}（可左右滑动）" if name else "表格（可左右滑动）"
    # focusable so a keyboard can scroll it; campaign.js drops the tab stop where nothing scrolls
    return (f'<div class="cs-table-wrap" role="region" tabindex="0" aria-label="{html.escape(label)}">'
            + m.group(1))


def tables(page_html: str) -> str:
    """Tables of a page made for phones: labelled cells, focusable named scroll regions."""
    if "<table" not in page_html:
        return page_html
    return _WRAP.sub(_region, label_cells(page_html))

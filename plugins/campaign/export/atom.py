"""Atom feeds (RFC 4287): one small writer any page kind can use."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = "http://www.w3.org/2005/Atom"
CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Entry:
    id: str                 # a permanent IRI (the entry's absolute URL)
    title: str
    url: str                # absolute URL of the page
    published: dt.date
    updated: dt.date | None = None
    summary: str = ""
    author: str = ""
    category: str = ""


def stamp(day: dt.date) -> str:
    """A day as an Atom date: 09:00 Beijing time, so readers in UTC still see the same day."""
    return dt.datetime.combine(day, dt.time(9), CHINA).isoformat()


def feed(feed_id: str, title: str, site_url: str, self_url: str, entries: Iterable[Entry],
         author: str, subtitle: str = "") -> bytes:
    entries = sorted(entries, key=lambda e: (e.updated or e.published, e.id), reverse=True)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}feed", {"xml:lang": "zh-CN"})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(root, "id", feed_id)
    sub(root, "title", title)
    if subtitle:
        sub(root, "subtitle", subtitle)
    newest = max((e.updated or e.published for e in entries), default=dt.date(2000, 1, 1))
    sub(root, "updated", stamp(newest))
    sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(root, "link", rel="alternate", type="text/html", href=site_url)
    sub(sub(root, "author"), "name", author)
    sub(root, "generator", "campaign-site")
    for e in entries:
        item = sub(root, "entry")
        sub(item, "id", e.id)
        sub(item, "title", e.title)
        sub(item, "link", rel="alternate", type="text/html", href=e.url)
        sub(item, "published", stamp(e.published))
        sub(item, "updated", stamp(e.updated or e.published))
        if e.author:
            sub(sub(item, "author"), "name", e.author)
        if e.category:
            sub(item, "category", term=e.category, label=e.category)
        if e.summary:
            sub(item, "summary", e.summary, type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")

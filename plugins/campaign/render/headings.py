"""Anchors and a table of contents for HTML the page kinds generate, the way
Python-Markdown's ``toc`` extension gives them to authors' pages: every h2/h3
gets an id (the same slugify and uniqueness rule) and a permalink, and the
headings come back as toc tokens for the theme's side navigation."""
from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from typing import Any

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique

_HEADING = re.compile(r"<h([23])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
_ID = re.compile(r"""\sid=["']([^"']*)["']""")
_TAGS = re.compile(r"<[^>]+>")


def anchor_headings(body: str, slugify: Callable[[str, str], str] = default_slugify, separator: str = "-",
                    permalink: str = "", permalink_title: str = "") -> tuple[str, list[dict[str, Any]]]:
    """(body with ids and permalinks on h2/h3, toc tokens)."""
    ids: set[str] = set()
    tokens: list[dict[str, Any]] = []

    def one(m: re.Match[str]) -> str:
        level, attrs, inner = int(m[1]), m[2], m[3]
        name = htmllib.unescape(_TAGS.sub("", inner)).strip()
        found = _ID.search(attrs)
        if found:
            anchor = found[1]
            ids.add(anchor)
        else:
            anchor = unique(slugify(name, separator), ids)
            attrs = f' id="{anchor}"{attrs}'
        link = (f'<a class="headerlink" href="#{anchor}" title="{htmllib.escape(permalink_title)}">'
                f"{permalink}</a>") if permalink else ""
        token: dict[str, Any] = {"level": level, "id": anchor, "name": htmllib.escape(name), "children": []}
        if level == 3 and tokens and tokens[-1]["level"] == 2:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
        return f"<h{level}{attrs}>{inner}{link}</h{level}>"

    return _HEADING.sub(one, body), tokens

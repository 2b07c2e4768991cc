"""material's search index, segmented once and cached by page content.

Chinese words inside longer words: material segments Chinese with jieba's
precise mode, so 群众监督 is one token and a reader who types 监督 finds
nothing. Every entry therefore gets a ``terms`` field holding the shorter words
jieba's search mode finds inside the long ones (监督 in 群众监督, 卫生 in 爱国卫生);
material's search worker indexes every field named in the index's config and
segments the query against the index's vocabulary, so those words now match.
The ``text`` shown in results is unchanged.

Titles are shown as result headings, so they lose material's segmentation
marks (zero-width spaces); their words move to a ``heading`` field, weighted
as material weighs titles, so a word of a title still ranks as before.

Doing nothing twice: a campaign's text repeats (thousands of task rows, few
distinct phrases), so every Han run is segmented once per process (``Segmenter``,
whose results also persist across builds) and the search mode's sub-words are
derived from the same precise cut, the way jieba's ``cut_for_search`` does. A
page's entries are kept under a digest of everything they are made of (URL,
HTML, title, toc, search meta); a page whose digest is unchanged is not parsed
again, so a rebuild only parses and segments the pages that changed. The pages
that are parsed are divided into sections by ``search_sections`` (material's
sections without html.parser's cost).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex

from campaign.mkdocs.search_sections import sections
from campaign.model.cache import Pieces, kept, read_pickle, write_pickle

HAN = re.compile(r"[\u4e00-\u9fff]{3,}")
# the expression material segments by (its _segment_chinese)
try:
    from backrefs import bre

    HAN_RUN: Any = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
except ImportError:  # pragma: no cover - material depends on backrefs
    HAN_RUN = re.compile(r"([\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")

TERMS_FIELD = {"boost": 1.0}
CACHE_FILE = "search.pickle"


class Segmenter:
    """jieba's precise cut and search-mode sub-words of a Han run, each run cut once."""

    def __init__(self) -> None:
        self.cuts: dict[str, tuple[str, ...]] = {}
        self.searches: dict[str, tuple[str, ...]] = {}
        self.marked: dict[str, str] = {}  # a run as ``segment`` writes it (not kept: made from ``cuts``)

    def cut(self, run: str) -> tuple[str, ...]:
        words = self.cuts.get(run)
        if words is None:
            import jieba

            words = self.cuts[run] = tuple(jieba.cut(run))
        return words

    def for_search(self, run: str) -> tuple[str, ...]:
        """What ``jieba.cut_for_search(run)`` yields, from the memoized precise cut."""
        found = self.searches.get(run)
        if found is not None:
            return found
        import jieba

        jieba.dt.check_initialized()  # the cut may come from the memo: the dictionary is loaded lazily
        freq = jieba.dt.FREQ
        out: list[str] = []
        for w in self.cut(run):
            for n in (2, 3):
                if len(w) > n:
                    out.extend(g for g in (w[i:i + n] for i in range(len(w) - n + 1)) if freq.get(g))
            out.append(w)
        self.searches[run] = found = tuple(out)
        return found

    def segment(self, data: str) -> str:
        """material's ``_segment_chinese``: Han runs split into words by zero-width spaces."""
        return HAN_RUN.sub(self._marked, data).strip("\u200b")

    def _marked(self, m: re.Match[str]) -> str:
        run = m.group(0)
        marked = self.marked.get(run)
        if marked is None:
            marked = self.marked[run] = "\u200b" + "\u200b".join(self.cut(run)) + "\u200b"
        return marked

    def inner_words(self, text: str) -> list[str]:
        words: dict[str, None] = {}
        for run in HAN.findall(text.replace("\u200b", "")):
            for word in self.for_search(run):
                if len(word) >= 2 and word != run:
                    words[word] = None
        return list(words)


class IndexCache:
    """Entries per page URL under the digest of what made them, and the segmenter's
    cuts; in memory for the life of the process, pickled under the cache folder."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / CACHE_FILE if folder is not None else None
        self.pages: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self.segmenter = Segmenter()
        self.seen: set[str] = set()
        self.changed = False
        # the cuts, the sub-words, then per page (url, digest, its entries as UTF-8 JSON: pickling
        # the strings would leave a UTF-8 copy cached inside each for the rest of the build)
        stored = read_pickle(self.file, pieces=True)
        if isinstance(stored, list) and len(stored) >= 2 and all(isinstance(part, dict) for part in stored[:2]):
            self.segmenter.cuts, self.segmenter.searches = stored[0], stored[1]
            try:
                self.pages = {url: (key, json.loads(entries.decode("utf-8", "surrogatepass")))
                              for url, key, entries in stored[2:]}
            except (ValueError, TypeError, AttributeError):  # foreign: the cache starts empty
                self.pages = {}

    def begin(self) -> None:
        self.seen = set()
        self.hits = self.misses = 0

    def save(self) -> None:
        for url in [u for u in self.pages if u not in self.seen]:  # pages gone since
            del self.pages[url]
            self.changed = True
        if self.file is None or not self.changed:
            return
        write_pickle(self.file, self._stored, pieces=True)
        self.changed = False

    def _stored(self) -> Pieces:
        pages = ((url, key, json.dumps(entries, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass"))
                 for url, (key, entries) in self.pages.items())
        return Pieces(2 + len(self.pages), itertools.chain([self.segmenter.cuts, self.segmenter.searches], pages))


def cache_for(folder: Path | None) -> IndexCache:
    return IndexCache(None) if folder is None else kept("search", folder, lambda: IndexCache(folder))


def _page_digest(page: Any) -> str:
    h = hashlib.sha256()
    toc = [(item.id, item.url) for item in _toc_items(page.toc or [])]
    for part in (page.url, page.content or "", str(page.title), repr(page.meta.get("title")),
                 repr(page.meta.get("search")), repr(page.meta.get("tags")), repr(toc)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _toc_items(items: Any) -> list[Any]:
    out = []
    for item in items:
        out.append(item)
        out.extend(_toc_items(item.children))
    return out


class CampaignSearchIndex(SearchIndex):
    """material's index with cached entries, memoized segmentation and ``terms``."""

    entries: list[dict[str, Any]]  # material's, made in its ``__init__``

    def __init__(self, cache: IndexCache, **config: Any) -> None:
        super().__init__(**config)
        self.cache = cache

    def add_entry_from_context(self, page: Any) -> None:
        key = _page_digest(page)
        self.cache.seen.add(page.url)
        known = self.cache.pages.get(page.url)
        if known is not None and known[0] == key:
            self.cache.hits += 1
            self.entries.extend(known[1])
            return
        self.cache.misses += 1
        start = len(self.entries)
        self._add_sections(page)
        for entry in self.entries[start:]:
            title = entry.get("title", "")
            if "\u200b" in title:  # a result heading without segmentation marks; its words in ``heading``
                entry["heading"] = title
                entry["title"] = title.replace("\u200b", "")
            words = self.cache.segmenter.inner_words(title + " " + entry.get("text", ""))
            if words:
                entry["terms"] = "\u200b".join(words)
        self.cache.pages[page.url] = (key, self.entries[start:])
        self.cache.changed = True

    def _add_sections(self, page: Any) -> None:
        """material's ``add_entry_from_context``, its HTML divided by ``search_sections``."""
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in sections(page.content):
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)

    def _segment_chinese(self, data: str) -> str:
        return self.cache.segmenter.segment(data)

    def generate_search_index(self, prev: Any) -> str:
        """material's index, its text written as UTF-8 instead of ``\\uXXXX`` escapes: a Chinese
        character is 3 bytes instead of 6, so the file a phone downloads and the memory it takes
        to write are about half. ``prev`` (``mkdocs serve --dirty``) is merged as material does."""
        entries = self.entries
        if prev and entries:  # the entries of one page, rebuilt: the previous index's others
            path = entries[0]["location"]
            entries = [e for e in prev.entries if not e["location"].startswith(path)] + entries
        elif prev:
            entries = prev.entries
        self.entries = entries
        config = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        return json.dumps({"config": config, "docs": entries}, separators=(",", ":"), default=str,
                          ensure_ascii=False)


def install(search_plugin: Any, cache: IndexCache) -> None:
    """Swap material's index for ours (after material's on_config made its own) and
    name the ``terms`` field in the index's config so the worker indexes it."""
    if search_plugin is None or not getattr(search_plugin.config, "enabled", True):
        return
    cache.begin()
    fields = search_plugin.config.fields
    fields.setdefault("terms", dict(TERMS_FIELD))
    fields.setdefault("heading", {"boost": fields.get("title", {}).get("boost", 1e3)})
    search_plugin.search_index = CampaignSearchIndex(cache, **search_plugin.config)


def inner_words(text: str) -> list[str]:
    """The sub-words of ``text`` (jieba's search mode inside longer words)."""
    return Segmenter().inner_words(text)


def read_index(index_file: Path) -> dict[str, Any]:
    return json.loads(index_file.read_text("utf-8"))

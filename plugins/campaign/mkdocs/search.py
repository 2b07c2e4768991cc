"""Chinese words inside longer words, for material's search.

material segments Chinese with jieba's precise mode, so 群众监督 is one token
and a reader who types 监督 finds nothing. After material has written its
index, every page gets a ``terms`` field holding the shorter words jieba's
search mode finds inside the long ones (监督 in 群众监督, 卫生 in 爱国卫生);
material's search worker indexes every field named in the index's config
and segments the query against the index's vocabulary, so those words now
match. The ``text`` shown in results is unchanged.

Titles are shown as result headings, so they lose material's segmentation
marks (zero-width spaces); their words move to a ``heading`` field, weighted
as material weighs titles, so a word of a title still ranks as before.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HAN = re.compile(r"[\u4e00-\u9fff]{3,}")


def inner_words(text: str) -> list[str]:
    import jieba

    words: dict[str, None] = {}
    for run in HAN.findall(text.replace("\u200b", "")):
        for word in jieba.cut_for_search(run):
            if len(word) >= 2 and word != run:
                words[word] = None
    return list(words)


def add_terms(index_file: Path) -> None:
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text("utf-8"))
    fields = index["config"].setdefault("fields", {})
    fields.setdefault("terms", {"boost": 1.0})
    fields.setdefault("heading", {"boost": fields.get("title", {}).get("boost", 1e3)})
    for doc in index["docs"]:
        title = doc.get("title", "")
        if "\u200b" in title:
            doc["heading"] = title
            doc["title"] = title.replace("\u200b", "")
        words = inner_words(title + " " + doc.get("text", ""))
        if words:
            doc["terms"] = "\u200b".join(words)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")

"""Links, navigation entries and front matter the build would reject or misread,
found before MkDocs looks and reported like data errors (``path:line:col: field:
message`` in Chinese).

MkDocs warns in English, without a line, about a ``nav`` entry or a Markdown link
whose page does not exist; with ``--strict`` the build then fails. The plugin
checks both itself once the pages are known (``on_files``), so an author reads
where to fix it; ``campaign check`` runs the same checks without building. A page's
front matter that is not valid YAML MkDocs shows as text, silently: reported too
(the front matter of notices and topics is read, with its fields, by the loader).

A section page the plugin makes only when it has data (``routes.SECTIONS``: the
tobacco page without data/tobacco.yml, ...) is dropped from the navigation
quietly; a link to it from an author's page is reported, saying which data it
waits for.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from campaign.model.problems import Loc, Problems
from campaign.model.reader import rel
from campaign.model.sources import FAST_LOADER, compose, split_front_matter
from campaign.views.routes import SECTIONS

# -- navigation ------------------------------------------------------------------


def _entry_path(value: Any) -> str | None:
    """The page a nav entry names (a Markdown file or another documentation file), or None
    for a section (a list) or an external URL."""
    if not isinstance(value, str):
        return None
    scheme, netloc, *_ = urlsplit(value)
    if scheme or netloc or value.startswith(("/", "\\")):
        return None
    return posixpath.normpath(value)


def prune_nav(nav: Any, present: set[str]) -> Any:
    """The nav without entries for the plugin's section pages that were not made
    (no data), and without sections left empty by that."""
    if isinstance(nav, list):
        out = []
        for item in nav:
            kept = prune_nav(item, present)
            if kept is not _DROP:
                out.append(kept)
        return out if out or not nav else _DROP
    if isinstance(nav, dict):
        out_d = {}
        for title, value in nav.items():
            kept = prune_nav(value, present)
            if kept is not _DROP:
                out_d[title] = kept
        return out_d if out_d else _DROP
    path = _entry_path(nav)
    if path is not None and path in SECTIONS and path not in present:
        return _DROP
    return nav


_DROP = object()


def nav_problems(nav: Any, present: set[str], config_file: Path, root: Path) -> Problems:
    """Every nav entry naming a page that does not exist, located in the config file
    that holds the nav (following INHERIT)."""
    problems = Problems()
    missing = [p for p in _nav_paths(nav) if p not in present]
    if not missing:
        return problems
    where, marks = _nav_marks(config_file)
    shown = rel(where, root) if where is not None else rel(config_file, root)
    for path in missing:
        line, col = marks.get(path, (1, 1))
        hint = _missing_hint(path, "请检查文件名和路径（相对于 content/，区分大小写），或从 nav 删去这一行。")
        problems.add(Loc(shown, line, col), "nav",
                     f"导航里的“{path}”不存在（应是 content/ 下的文件）。{hint}")
    return problems


def _nav_paths(nav: Any) -> Iterator[str]:
    if isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
    else:
        path = _entry_path(nav)
        if path is not None:
            yield path


def _nav_marks(config_file: Path, depth: int = 0) -> tuple[Path | None, dict[str, tuple[int, int]]]:
    """(the file whose ``nav`` is used, page path -> (line, col) of its entry there)."""
    try:
        node = yaml.compose(config_file.read_text("utf-8"), Loader=FAST_LOADER or yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, {}
    if not isinstance(node, yaml.MappingNode):
        return None, {}
    keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    if "nav" in keys:
        marks: dict[str, tuple[int, int]] = {}
        stack = [keys["nav"]]
        while stack:
            n = stack.pop()
            if isinstance(n, yaml.ScalarNode):
                path = _entry_path(n.value)
                if path is not None:
                    marks.setdefault(path, (n.start_mark.line + 1, n.start_mark.column + 1))
            elif isinstance(n, yaml.SequenceNode):
                stack.extend(reversed(n.value))
            elif isinstance(n, yaml.MappingNode):
                stack.extend(reversed([v for _, v in n.value]))
        return config_file, marks
    parent = keys.get("INHERIT")
    if isinstance(parent, yaml.ScalarNode) and depth < 10:
        return _nav_marks((config_file.parent / parent.value).resolve(), depth + 1)
    return None, {}


def _missing_hint(path: str, fix: str) -> str:
    data = SECTIONS.get(path)
    if data is not None:
        return f"这个栏目页由数据生成，目前还没有数据（{data}），网站暂不显示该栏目。有了数据再链接它，或删去这一处。"
    return fix


# -- links in Markdown -----------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(r"\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
_REFDEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*(<[^>\n]*>|\S+)")  # not footnotes [^1]:


def markdown_links(text: str) -> Iterator[tuple[int, int, str]]:
    """(1-based line, column, target) of every Markdown link and image, outside code."""
    fence = ""
    text = _COMMENT.sub(lambda c: re.sub(r"[^\n]", " ", c.group(0)), text)  # HTML comments are not links
    for n, line in enumerate(text.split("\n"), 1):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        visible = _CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)
        d = _REFDEF.match(visible)
        if d:
            yield n, d.start(1) + 1, d.group(1).strip("<>")
            continue
        for m in _INLINE.finditer(visible):
            yield n, m.start(1) + 1, m.group(1).strip("<>")


def link_target(src_uri: str, url: str) -> str | None:
    """The documentation file a relative link points to, as MkDocs resolves it; None
    for what MkDocs does not check as a file (URLs, anchors, absolute paths, folders)."""
    scheme, netloc, path, _query, _anchor = urlsplit(url)
    if scheme or netloc or not path or url.startswith(("/", "\\")):
        return None
    path = unquote(path)
    if not posixpath.splitext(path)[1]:
        return None  # MkDocs leaves "unrecognized" links (no file extension) alone
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))


def page_problems(pages: dict[str, Path], present: set[str], root: Path, read: set[Path]) -> Problems:
    """Every link in the authors' Markdown pages (src_uri -> file) to a file that is not in
    the site, at its line and column; the front matter of pages the loader does not read
    (``read``: files it does) that is not valid YAML or not a set of fields."""
    problems = Problems()
    for src_uri, file in sorted(pages.items()):
        try:
            text = file.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            problems.add(Loc(rel(file, root)), "", "无法读取：页面应是 UTF-8 编码的文字文件，请用编辑器另存为 UTF-8。")
            continue
        front, offset, body = split_front_matter(text)
        skipped = text[: len(text) - len(body)].count("\n") if front is not None else 0
        shown = rel(file, root)
        if file.resolve() not in read:
            _front_matter(text, front, offset, shown, problems)
        for line, col, url in markdown_links(body):
            target = link_target(src_uri, url)
            if target is None or target in present:
                continue
            fix = "请检查文件名和路径（相对于这个文件所在的文件夹，区分大小写），或删去这个链接。"
            problems.add(Loc(shown, line + skipped, col), "链接",
                         f"“{url}”指向的“{target}”不存在。{_missing_hint(target, fix)}")
    return problems


def _front_matter(text: str, front: str | None, offset: int, shown: str, problems: Problems) -> None:
    if front is None:
        if text.startswith("---") and text[3:4] in ("\n", "\r", " ", "\t", ""):
            problems.add(Loc(shown), "", "front matter 没有结尾：开头的 --- 之后找不到结束它的 --- 行。")
        return
    node = compose(front, shown, problems, line_offset=offset, allow_empty=True)
    if node is not None and not isinstance(node, yaml.MappingNode):
        problems.add(Loc(shown, node.start_mark.line + 1, node.start_mark.column + 1), "",
                     "front matter 应是一组“字段: 值”，例如 title: 首页")

"""Reading one source file into a typed value: a YAML file or the front matter
of a Markdown file, with every problem located in the author's file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from campaign.model.problems import Loc, Problems
from campaign.model.registry import Registry
from campaign.model.schema import read_file_node
from campaign.model.sources import compose, read_text, split_front_matter


def rel(path: Path, root: Path) -> str:
    """The path as the author sees it in the project (links not followed)."""
    for p, r in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return p.relative_to(r).as_posix()
        except ValueError:
            continue
    return path.as_posix()


EMPTY = object()  # what ``read_yaml(..., allow_empty=True)`` returns for a file with nothing but comments


def read_yaml(file: Path, tp: Any, root: Path, problems: Problems, reg: Registry,
              allow_empty: bool = False) -> Any:
    """The file as a value of ``tp``, or None after adding its problems; with
    ``allow_empty``, ``EMPTY`` when the file is empty or holds only comments."""
    path = rel(file, root)
    text = read_text(file, path, problems)
    if text is None:
        return None
    before = len(problems)
    node = compose(text, path, problems, allow_empty=allow_empty)
    if node is None:
        return EMPTY if allow_empty and len(problems) == before else None
    value, reader = read_file_node(node, tp, path, problems)
    reg.take(reader)
    return value


def read_front_matter(file: Path, tp: Any, root: Path, problems: Problems, reg: Registry) -> Any:
    """The front matter as a record of ``tp``; the Markdown body below it is kept on
    the record (``body``, when the record has that field) so nobody reads the file twice."""
    path = rel(file, root)
    text = read_text(file, path, problems)
    if text is None:
        return None
    front, offset, body = split_front_matter(text)
    if front is None and text.lstrip("\ufeff").startswith("---"):
        problems.add(Loc(path), "", "front matter 没有结尾：开头的 --- 之后找不到结束它的 --- 行。")
        return None
    if front is None:
        problems.add(Loc(path), "", "缺少开头的 front matter（以 --- 开始、--- 结束的 YAML 字段区）。")
        return None
    node = compose(front, path, problems, line_offset=offset)
    if node is None:
        return None
    value, reader = read_file_node(node, tp, path, problems)
    reg.take(reader)
    if value is not None:
        object.__setattr__(value, "src_file", file)
        if "body" in getattr(type(value), "__dataclass_fields__", {}):
            object.__setattr__(value, "body", body)
    return value

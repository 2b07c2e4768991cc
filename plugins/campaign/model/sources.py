"""Reading author files: encodings, YAML with positions, front matter.

Everything here turns a bad file into Problems, never into a traceback.
"""
from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from campaign.model import limits
from campaign.model.problems import Loc, Problems

# libyaml composes several times faster and keeps line and column marks; any file
# it rejects (or nests suspiciously deep) is composed again by PyYAML, whose
# errors are the ones explained to authors.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
MAX_FAST_DEPTH = 100
MAX_BYTES = limits.TEXT_FILE_BYTES  # a campaign YAML file is kilobytes; 2 MB means a mistake

# One constructor for every scalar; ``scalar`` empties its memo of built nodes after
# each value, so it never holds on to the node trees of earlier builds.
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class InvalidScalar:
    """A scalar YAML typed (e.g. as a date) but could not build: 2018-02-30."""

    text: str
    reason: str


def utf16_without_bom(data: bytes) -> str:
    """"UTF-16LE"/"UTF-16BE" when ``data`` looks like UTF-16 text without its BOM, else ""."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 8:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for name, zeros, other in (("UTF-16LE", odd, even), ("UTF-16BE", even, odd)):
        if zeros > 2 * other:
            try:
                data[: len(data) // 2 * 2].decode(name.lower().replace("utf-16", "utf-16-"))
                return name
            except UnicodeDecodeError:
                pass
    return ""


def decode(data: bytes, path: str, problems: Problems) -> str | None:
    """Bytes to text; UTF-8 (with or without BOM) only, with advice otherwise."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(Loc(path), "", "文件是 UTF-16 编码，本工具只读 UTF-8。请在编辑器中“另存为”UTF-8 编码后再构建。")
        return None
    if found := utf16_without_bom(data):
        problems.add(Loc(path), "", f"文件含有空字符：看起来是没有 BOM 的 {found} 编码，本工具只读 UTF-8。"
                                    f"请在编辑器中“另存为”UTF-8，或运行：iconv -f {found} -t UTF-8 旧文件 > 新文件")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        col = len(data[line_start: err.start].decode("utf-8")) + 1  # characters, as editors count
        hint = "文件不是 UTF-8 编码"
        line_end = data.find(b"\n", err.start)
        try:  # a GBK character can pass for UTF-8 by chance: point at the line's first one
            data[line_start: None if line_end < 0 else line_end].decode("gb18030")
            first = next(i for i in range(line_start, err.start + 1) if data[i] >= 0x80)
            col = len(data[line_start:first].decode("utf-8")) + 1
        except (UnicodeDecodeError, StopIteration):
            pass
        try:
            data.decode("gb18030")
            hint += "，看起来是 GBK/GB18030（Windows 记事本、WPS 常用）"
        except UnicodeDecodeError:
            pass
        if bom:  # an editor added a UTF-8 mark in front of text it then saved as GBK
            problems.add(Loc(path, line, col), "",
                         hint + "，但文件开头却有 UTF-8 的 BOM 标记（编码混杂）。请用编辑器“另存为”UTF-8，"
                         "或运行：tail -c +4 旧文件 | iconv -f GBK -t UTF-8 > 新文件")
            return None
        problems.add(
            Loc(path, line, col), "",
            hint + "。请用编辑器“另存为”UTF-8，或运行：iconv -f GBK -t UTF-8 旧文件 > 新文件",
        )
        return None
    if "\x00" in text:
        problems.add(Loc(path), "", "文件含有空字符（\\0），可能是 UTF-16 或二进制文件，请另存为 UTF-8 文本。")
        return None
    return text


def read_text(file: Path, path: str, problems: Problems) -> str | None:
    data = read_bytes(file, path, problems)
    return None if data is None else decode(data, path, problems)


def read_bytes(file: Path, path: str, problems: Problems) -> bytes | None:
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the build, a device never ends
            problems.add(Loc(path), "", "不是普通文件（可能是管道、设备或套接字），不予读取，请删除或换成普通文件。")
            return None
        size = info.st_size
        if size > MAX_BYTES:
            problems.add(Loc(path), "", f"文件过大（{size // 1024} KB，上限 {MAX_BYTES // 1024} KB），请拆分成多个文件。")
            return None
        data = file.read_bytes()
    except OSError as err:
        problems.add(Loc(path), "", f"无法读取文件：{err.strerror or err}")
        return None
    return data


def compose(text: str, path: str, problems: Problems, line_offset: int = 0,
            allow_empty: bool = False) -> yaml.Node | None:
    """YAML text to a node tree that keeps line and column of every value."""
    if not text.strip():
        if not allow_empty:
            problems.add(Loc(path, 1 + line_offset), "", "文件是空的，请填写内容或删除此文件。")
        return None
    try:
        documents = _compose_all(text)
    except yaml.MarkedYAMLError as err:
        line, col, message = _locate(err, text)
        problems.add(Loc(path, line + line_offset, col), "", "YAML 语法错误：" + message)
        return None
    except yaml.reader.ReaderError as err:  # control characters and the like
        line = text.count("\n", 0, err.position) + 1 + line_offset
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        problems.add(Loc(path, line, col), "",
                     f"文件含有不可见的控制字符（U+{ord(char[:1] or chr(0)):04X}），常见于从网页或聊天软件复制的文字，请删除后重新输入这几个字。")
        return None
    except yaml.YAMLError as err:
        problems.add(Loc(path, 1 + line_offset), "", f"YAML 无法读取：{err}")
        return None
    except RecursionError:
        problems.add(Loc(path, 1 + line_offset), "", "嵌套层次过深（方括号或花括号层层嵌套），请检查是否成对。")
        return None
    found = [d for d in documents if d is not None]
    if not found:
        if not allow_empty:
            problems.add(Loc(path, 1 + line_offset), "", "文件里没有内容（只有注释或空行）。")
        return None
    if len(found) > 1:
        mark = found[1].start_mark
        problems.add(Loc(path, mark.line + 1 + line_offset, 1), "", "一个文件只能有一个 YAML 文档，请删除多余的 “---” 分隔线。")
        return None
    node = found[0]
    if line_offset:
        _shift(node, line_offset, set())
    return node


def _compose_all(text: str) -> list[yaml.Node | None]:
    if FAST_LOADER is not None:
        try:
            documents: list[yaml.Node | None] = list(yaml.compose_all(text, Loader=FAST_LOADER))
            if all(_depth(d) <= MAX_FAST_DEPTH for d in documents if d is not None):
                return documents
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _depth(root: yaml.Node) -> int:
    """How deep the tree nests (a scalar at the top is 1). Only collections are walked: a
    scalar child ends its branch, and most nodes are scalars (a third of the time)."""
    deepest, stack, seen = 1, [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if node.__class__ is yaml.ScalarNode or id(node) in seen:
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)  # an empty list ends its branch too
        depth += 1
        children = [v for kv in node.value for v in kv] if node.__class__ is yaml.MappingNode else node.value
        for child in children:
            if child.__class__ is not yaml.ScalarNode:
                stack.append((child, depth))
            elif depth > deepest:
                deepest = depth
    return deepest


def _shift(node: yaml.Node, lines: int, seen: set[int]) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    node.start_mark = _Mark(node.start_mark.line + lines, node.start_mark.column)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _shift(k, lines, seen)
            _shift(v, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _shift(v, lines, seen)


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


_EXPLAIN = [
    ("found character '\\t' that cannot start any token", "不能用 Tab 键缩进，请改用空格。"),
    ("mapping values are not allowed here", "这里不能出现“: ”。如果文字里有英文冒号，请给整段文字加引号，或改用中文冒号“：”。"),
    ("could not find expected ':'", "缺少“: ”，每一项应写成“键: 值”。"),
    ("did not find expected key", "缩进不对齐，或上一行的引号没有闭合。"),
    ("found undefined alias", "引用了不存在的锚点（*名称）。"),
    ("found unexpected end of stream", "文件意外结束，可能是引号或括号没有闭合。"),
    ("expected <block end>, but found", "缩进不对齐：同一层的项目要左对齐。"),
    ("found duplicate anchor", "锚点名重复。"),
    ("while scanning a quoted scalar", "引号没有闭合。"),
    ("found unknown escape character", "双引号里的反斜杠 \\ 不合法，可改用单引号。"),
]


FULL_WIDTH_COLON = "："


def _locate(err: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(1-based line, column, Chinese message) of a syntax error, at the line the author
    must change. A key written with the full-width colon (``kind：circular``) is one plain
    text to YAML, which then fails on a later line; the error is moved back to that key."""
    lines = text.split("\n")
    mark = err.problem_mark or err.context_mark
    line = mark.line if mark else 0
    col = mark.column if mark else 0
    raw = " ".join(str(x) for x in (err.context, err.problem) if x)
    if "while scanning a simple key" in raw and err.context_mark is not None:
        line, col = err.context_mark.line, err.context_mark.column  # the key that has no ":"
    suspects = [line] + ([line - 1] if "mapping values are not allowed here" in raw else [])
    for n in suspects:
        if 0 <= n < len(lines) and _full_width_key(lines[n]):
            at = lines[n].index(FULL_WIDTH_COLON)
            key = lines[n][:at].strip().lstrip("-").strip()
            return n + 1, at + 1, (f"“{key}”后面用了中文冒号“：”。字段名和值之间要用英文冒号加一个空格，"
                                   f"例如 {key}: 值")
    return line + 1, col + 1, _explain(err)


def _full_width_key(line: str) -> bool:
    """``kind：circular`` or ``- name：某某``: a field name, then the full-width colon, no ": " before it."""
    head = line.split(FULL_WIDTH_COLON, 1)[0] if FULL_WIDTH_COLON in line else None
    return head is not None and ": " not in head and not head.rstrip().endswith(":") \
        and re.fullmatch(r"\s*(-\s+)?[A-Za-z_][\w-]*\s*", head) is not None


def _explain(err: yaml.MarkedYAMLError) -> str:
    raw = " ".join(str(x) for x in (err.context, err.problem) if x)
    for needle, chinese in _EXPLAIN:
        if needle in raw:
            return chinese
    return f"无法解析（{err.problem or err.context}）。"


def loc_of(node: yaml.Node, path: str) -> Loc:
    mark = node.start_mark
    return Loc(path, mark.line + 1, mark.column + 1)


def scalar(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, or InvalidScalar when it cannot be built."""
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        value = _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as err:
        return InvalidScalar(node.value, str(err))
    finally:
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """(front matter YAML or None, line offset of its first line, body)."""
    m = _FRONT.match(text)
    if not m:
        return None, 0, text
    return m.group(1) or "", 1, text[m.end():]

"""Typed records from YAML nodes: one converter driven by dataclass type hints.

A record kind is a frozen, keyword-only dataclass. Its fields say everything
the loader needs: the YAML key (the field name), the type, whether it is
required (no default), whether it is internal (``internal=True``: dropped
from the public build) and a Chinese description for the authoring guide.
Cross references are ``Annotated[str, Ref("unit")]``; they are collected here
and checked once every file is read.
"""
from __future__ import annotations

import copyreg
import dataclasses
import datetime as dt
import difflib
import functools
import math
import operator
import re
import struct
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml

from campaign.model import limits
from campaign.model.dates import Due, parse_due
from campaign.model.problems import Loc, Problems
from campaign.model.sources import InvalidScalar, loc_of, scalar

MAX_NODES = 200_000


@dataclass(frozen=True)
class Ref:
    """The value names a record of another kind: unit, person, plan, …"""

    kind: str


@dataclass(frozen=True)
class Range:
    lo: float | None = None
    hi: float | None = None


@dataclass(frozen=True)
class Pattern:
    regex: str
    message: str


class Markdown(str):
    """Marker type: free text rendered through the site's Markdown pipeline."""


def fld(default: Any = dataclasses.MISSING, *, doc: str = "", internal: bool = False,
        example: Any = None, factory: Any = dataclasses.MISSING, max_chars: int | None = None) -> Any:
    """A record field. ``max_chars`` tightens the length limit of a text field (limits.py)."""
    meta = {"doc": doc, "internal": internal, "example": example, "max_chars": max_chars}
    if factory is not dataclasses.MISSING:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record kind: where it stands in its file."""

    loc: Loc = field(default=Loc("?"), compare=False, repr=False, metadata={"source": True})
    # where each field's value stands: 8 bytes per field in the order of the record's fields,
    # line and column packed (``pack_locs``); zero for a field not written. A dict of Loc
    # objects took twelve times the memory: at 10,000 units, hundreds of megabytes.
    locs: bytes = field(default=b"", compare=False, repr=False, metadata={"source": True})
    fpath: str = field(default="", compare=False, repr=False, metadata={"source": True})
    src_file: Path | None = field(default=None, compare=False, repr=False, metadata={"source": True})  # its file

    def where(self, name: str) -> Loc:
        """Where the value of field ``name`` stands (the record's start if absent)."""
        i = _field_index(type(self)).get(name)
        packed = _LOC.unpack_from(self.locs, 8 * i)[0] if i is not None and 8 * i < len(self.locs) else 0
        return Loc(self.loc.path, packed >> _COL_BITS, packed & _COL_MASK) if packed else self.loc

    # Pickled as the tuple of its fields' values. The default pickles the instance's
    # ``__dict__``, and Python (3.11+) then makes and keeps a dict for every record it
    # pickles or unpickles, which at 20,000 tasks is tens of megabytes for nothing.
    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return copyreg.__newobj__, (type(self),), _values(type(self))(self)  # type: ignore[attr-defined]

    def __setstate__(self, state: Sequence[Any]) -> None:
        for name, value in zip(_field_names(type(self)), state):
            object.__setattr__(self, name, value)

    def replaced(self, **changes: Any) -> Any:
        """A copy with ``changes``: ``dataclasses.replace`` without calling ``__init__`` again
        (the values are this record's own, already checked; a third of the time)."""
        tp = type(self)
        state = list(_values(tp)(self))
        index = _field_index(tp)
        for name, value in changes.items():
            state[index[name]] = value
        copy = tp.__new__(tp)
        copy.__setstate__(state)
        return copy

    def path(self, name: str) -> str:
        """The field path of ``name`` as errors show it: ``tasks[3].due``."""
        return f"{self.fpath}.{name}" if self.fpath else name


_COL_BITS = 16
_COL_MASK = (1 << _COL_BITS) - 1
_LOC = struct.Struct("<Q")


def pack_locs(tp: type, marks: dict[str, yaml.Mark]) -> bytes:
    """The start marks of a record's field values as ``Record.locs`` holds them."""
    index = _field_index(tp)
    packed = [0] * len(index)
    for name, mark in marks.items():
        packed[index[name]] = (mark.line + 1) << _COL_BITS | min(mark.column + 1, _COL_MASK)
    return _packer(len(packed)).pack(*packed)


@functools.cache
def _packer(fields: int) -> struct.Struct:
    return struct.Struct(f"<{fields}Q")


_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _values(tp: type) -> Callable[[Any], tuple[Any, ...]]:
    """The function giving a record's field values, in field order, as a tuple."""
    values = _VALUES.get(tp)
    if values is None:
        names = _field_names(tp)
        get = operator.attrgetter(*names)
        values = _VALUES[tp] = get if len(names) > 1 else lambda record: (get(record),)
    return values


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_FIELD_INDEX: dict[type, dict[str, int]] = {}


def _field_names(tp: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(tp)
    if names is None:
        names = _FIELD_NAMES[tp] = tuple(f.name for f in dataclasses.fields(tp))
    return names


def _field_index(tp: type) -> dict[str, int]:
    index = _FIELD_INDEX.get(tp)
    if index is None:
        index = _FIELD_INDEX[tp] = {name: i for i, name in enumerate(_field_names(tp))}
    return index


INVALID = object()


@dataclass(slots=True)
class RefUse:
    kind: str
    value: str
    loc: Loc
    field: str

    def __reduce__(self) -> tuple[type[RefUse], tuple[str, str, Loc, str]]:  # pickled as its values
        return RefUse, (self.kind, self.value, self.loc, self.field)


@dataclass
class Reader:
    """Converts one file's nodes; collects problems and references."""

    path: str
    problems: Problems
    refs: list[RefUse] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    budget: int = MAX_NODES
    max_chars: int | None = None      # the field being read has a tighter length limit (fld(max_chars=…))

    def error(self, node: yaml.Node, fpath: str, message: str) -> Any:
        self.problems.add(loc_of(node, self.path), fpath, message)
        return INVALID

    def read(self, node: yaml.Node, tp: Any, fpath: str = "") -> Any:
        """The node as a value of the type hint ``tp``, or INVALID after recording why."""
        return self.value(node, _plan(tp), fpath)

    def value(self, node: yaml.Node, plan: _Plan, fpath: str) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.error(node, fpath, "内容展开后过大（可能滥用了锚点 & 和别名 *），已停止读取。")
            return INVALID
        if node.tag == NULL and isinstance(node, yaml.ScalarNode):
            if plan.optional:
                return None
            if plan.tp is not type(None):
                return self.error(node, fpath, "不能为空，请填写内容（或删除这一项）。")
        kind = plan.kind
        if kind is _LEAF:
            value = self.leaf(node, plan.tp, fpath)
            if value is INVALID or not plan.meta:
                return value
            return self.check(node, value, plan.meta, fpath)
        if kind is _RECORD:
            return self.record(node, plan.tp, fpath)
        if kind is _LIST:
            return self.sequence(node, plan.arg, fpath)
        if kind is _DICT:
            return self.mapping(node, plan.arg, fpath)
        return self.choice(node, plan.arg, fpath)

    # -- containers -------------------------------------------------------
    def record(self, node: yaml.Node, tp: type, fpath: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, fpath, f"应为“键: 值”形式的一组字段，这里是{_describe(node)}。")
        fields, plans, max_chars = _shape(tp)
        values: dict[str, Any] = {}
        marks: dict[str, yaml.Mark] = {}
        ok = True
        for knode, vnode in node.value:
            key = knode.value if knode.tag == STR and isinstance(knode, yaml.ScalarNode) else _key(knode)
            sub = f"{fpath}.{key}" if fpath else key
            if key not in fields or key in values or knode.tag == MERGE:
                self._misplaced(knode, tp, fields, key, sub)
                ok = False
                continue
            marks[key] = vnode.start_mark
            self.max_chars = max_chars[key]
            value = self.value(vnode, plans[key], sub)
            self.max_chars = None
            if value is INVALID:
                ok = False
            values[key] = value
        for name, f in fields.items():
            if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                sub = f"{fpath}.{name}" if fpath else name
                doc = f.metadata.get("doc")
                self.error(node, sub, f"缺少必填字段“{name}”" + (f"（{doc}）。" if doc else "。"))
                ok = False
        if not ok:
            if isinstance(values.get("id"), str):
                self.broken.add(values["id"])  # known, though broken: no "unknown id" noise
            return INVALID
        return tp(loc=loc_of(node, self.path), locs=pack_locs(tp, marks), fpath=fpath, **values)

    def _misplaced(self, knode: yaml.Node, tp: type, fields: dict[str, Any], key: str, sub: str) -> None:
        """A key a record cannot take: the merge key, an unknown field, a field given twice."""
        if knode.tag == MERGE:
            self.error(knode, sub, "这里不能用合并键“<<”（把另一组字段并进来）：请把要用的字段直接写出来。")
        elif key not in fields:
            near = difflib.get_close_matches(key, list(fields), n=1)
            tip = f"是否想写“{near[0]}”？" if near else "可用的字段：" + "、".join(fields)
            tip = getattr(tp, "MOVED", {}).get(key, tip)  # a field an older version had: where it went
            self.error(knode, sub, f"未知字段“{key}”。{tip}")
        else:
            self.error(knode, sub, f"字段“{key}”重复出现。")

    def sequence(self, node: yaml.Node, item: _Plan, fpath: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and item.leaf:
            value = self.value(node, item, f"{fpath}[1]")
            return INVALID if value is INVALID else [value]
        if not isinstance(node, yaml.SequenceNode):
            return self.error(node, fpath, f"应为列表（每项以“- ”开头），这里是{_describe(node)}。")
        # Items that fail are left out (their problems are recorded), so one bad
        # item does not hide its siblings from the cross-reference checks.
        out = []
        for i, sub in enumerate(node.value, 1):
            value = self.value(sub, item, f"{fpath}[{i}]")
            if value is not INVALID:
                out.append(value)
        return out

    def mapping(self, node: yaml.Node, item: _Plan, fpath: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, fpath, f"应为“键: 值”形式，这里是{_describe(node)}。")
        out, ok = {}, True
        for knode, vnode in node.value:
            key = _key(knode)
            if knode.tag == MERGE:
                self.error(knode, f"{fpath}.{key}", "这里不能用合并键“<<”（把另一组字段并进来）：请把要用的字段直接写出来。")
                ok = False
                continue
            value = self.value(vnode, item, f"{fpath}.{key}")
            if value is INVALID:
                ok = False
            else:
                out[key] = value
        return out if ok else INVALID

    def choice(self, node: yaml.Node, options: tuple[Any, ...], fpath: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = scalar(node)
            if value in options:
                return value
            if not node.style and node.value in options:  # `1.` reads as a number, meant as written
                return node.value
        sep = " / " if any("、" in str(o) for o in options) else "、"  # numbering styles hold 、 themselves
        allowed = sep.join(str(o) for o in options)
        return self.error(node, fpath, f"取值“{getattr(node, 'value', '?')}”不在可选范围内，可选：{allowed}。")

    # -- leaves ------------------------------------------------------------
    def leaf(self, node: yaml.Node, tp: Any, fpath: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self.error(node, fpath, f"应为{_TYPE_NAMES.get(tp, '单个值')}，这里是{_describe(node)}。")
        value = scalar(node)
        if tp in (str, Markdown):
            return self.text(node, value, tp, fpath)
        if isinstance(value, InvalidScalar):
            return self.error(node, fpath, f"日期不存在：{value.text}。")
        if tp is bool:
            if isinstance(value, bool):
                return value
            return self.error(node, fpath, f"应为 true（是）或 false（否），这里是“{node.value}”。")
        if isinstance(value, float) and not math.isfinite(value):
            return self.error(node, fpath, f"应为{_TYPE_NAMES.get(tp, '数字')}，这里是“{node.value}”（不是一个确定的数）。")
        if tp is Due:
            due, message = parse_due(value, node.value)
            return due if due else self.error(node, fpath, message)
        if tp not in _PLAIN_LEAVES:
            raise TypeError(f"schema: unsupported type {tp!r}")
        convert, wanted = _PLAIN_LEAVES[tp]
        converted = convert(value)
        return self.error(node, fpath, f"{wanted}，这里是“{node.value}”。") if converted is None else converted

    def text(self, node: yaml.ScalarNode, value: Any, tp: type, fpath: str) -> Any:
        """A text field: not a yes/no, not empty, no control characters, within its length limits."""
        if isinstance(value, bool):
            return self.error(node, fpath, f"应为文字；写成 {node.value} 会被当作是/否，请加引号：\"{node.value}\"。")
        if isinstance(value, InvalidScalar):
            value = value.text
        text = value if isinstance(value, str) else node.value
        if not text.strip():
            return self.error(node, fpath, "不能为空字符串。")
        if bad := limits.CONTROL.search(text):
            return self.error(node, fpath, f"文字中有不可见的控制字符（U+{ord(bad[0]):04X}，第 {bad.start() + 1} 个字），"
                                           "常见于从网页或聊天软件复制的文字（或双引号里的 \\a、\\v 等转义），请删除后重新输入。")
        if self.max_chars and len(text) > self.max_chars:
            return self.error(node, fpath, f"文字过长（{len(text):,} 字，这一项上限 {self.max_chars:,} 字）："
                                           "表格里放不下这么长的内容，请精简，详细内容可写进方案的章节或通知正文。")
        most = limits.MARKDOWN_CHARS if tp is Markdown else limits.TEXT_CHARS
        if len(text) > most:
            return self.error(node, fpath, f"文字过长（{len(text):,} 字，上限 {most:,} 字），请精简或拆分。")
        return tp(text)

    def check(self, node: yaml.Node, value: Any, meta: tuple[Any, ...], fpath: str) -> Any:
        for m in meta:
            if isinstance(m, Ref):
                self.refs.append(RefUse(m.kind, str(value), loc_of(node, self.path), fpath))
            elif isinstance(m, Range):
                if (m.lo is not None and value < m.lo) or (m.hi is not None and value > m.hi):
                    lo = "" if m.lo is None else _num(m.lo)
                    hi = "" if m.hi is None else _num(m.hi)
                    return self.error(node, fpath, f"数值 {_num(value)} 超出范围（{lo}～{hi}）。")
            elif isinstance(m, Pattern):
                if not re.fullmatch(m.regex, str(value)):
                    return self.error(node, fpath, m.message.format(value=value))
        return value


def _as_int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _as_date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


# a leaf type -> (its value from a scalar, None when it is not one; what was wanted)
_PLAIN_LEAVES: dict[Any, tuple[Callable[[object], object], str]] = {
    int: (_as_int, "应为整数"), float: (_as_float, "应为数字"), dt.date: (_as_date, "应为日期，格式 2018-03-15")}


@functools.cache
def _shape(tp: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, _Plan], dict[str, int | None]]:
    """A record type's author-facing fields, how to read each and their length limits
    (worked out once per type)."""
    fields = {f.name: f for f in dataclasses.fields(tp) if not f.metadata.get("source")}
    hints = typing.get_type_hints(tp, include_extras=True)
    return fields, {name: _plan(hints[name]) for name in fields}, \
        {name: f.metadata.get("max_chars") for name, f in fields.items()}


_DATED: dict[type, tuple[str, ...]] = {}


def dated_fields(tp: type) -> tuple[str, ...]:
    """The author-facing fields of a record type that can hold a date (a date, a ``Due``, or a
    record, list or dict that can), by their type hints: the date checks look at no others."""
    names = _DATED.get(tp)
    if names is None:
        names = _DATED[tp] = tuple(name for name, plan in _shape(tp)[1].items() if _may_hold_date(plan))
    return names


def _may_hold_date(plan: _Plan) -> bool:
    if plan.kind is _CHOICE:
        return False
    if plan.kind is _LEAF:
        return plan.tp not in (str, Markdown, int, float, bool)
    if plan.kind is _LIST or plan.kind is _DICT:
        return _may_hold_date(plan.arg)
    return True  # a record


NULL, STR, MERGE = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge"
_RECORD, _LIST, _DICT, _CHOICE, _LEAF = "record", "list", "dict", "choice", "leaf"


@dataclass(frozen=True, slots=True)
class _Plan:
    """How ``Reader.value`` reads values of one type hint, worked out once per hint."""

    optional: bool          # ``X | None``: a null is None
    kind: str               # _RECORD, _LIST, _DICT, _CHOICE or _LEAF
    tp: Any                 # the hint without ``| None`` and ``Annotated``
    leaf: bool              # a single value (text, number, date…): a list of it may be written as one
    arg: Any = None         # a list's or a dict's item plan; a ``Literal``'s options
    meta: tuple[Any, ...] = ()  # ``Annotated``'s Ref, Range and Pattern


@functools.cache
def _plan(hint: Any) -> _Plan:
    tp, leaf = hint, _is_leaf(hint)
    optional = get_origin(tp) in (Union, types.UnionType)
    if optional:
        tp = next(a for a in get_args(tp) if a is not type(None))
    meta: tuple[Any, ...] = ()
    if get_origin(tp) is Annotated:
        tp, *rest = get_args(tp)
        meta = tuple(rest)
    origin = get_origin(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp) and tp not in _TYPE_NAMES:
        return _Plan(optional, _RECORD, tp, leaf)
    if origin is list:
        return _Plan(optional, _LIST, tp, leaf, _plan(get_args(tp)[0]))
    if origin is dict:
        return _Plan(optional, _DICT, tp, leaf, _plan(get_args(tp)[1]))
    if origin is Literal:
        return _Plan(optional, _CHOICE, tp, leaf, get_args(tp))
    return _Plan(optional, _LEAF, tp, leaf, meta=meta)


_TYPE_NAMES = {str: "文字", Markdown: "文字", int: "整数", float: "数字", bool: "true 或 false",
               dt.date: "日期（2018-03-15）", Due: "月份（2018-03）或日期（2018-03-15）"}


def _is_leaf(tp: Any) -> bool:
    if get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp in _TYPE_NAMES


def _key(knode: yaml.Node) -> str:
    """A mapping key as the author wrote it."""
    if not isinstance(knode, yaml.ScalarNode):
        return "?"
    value = scalar(knode)
    return knode.value if isinstance(value, InvalidScalar) else str(value)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "一组“键: 值”"
    if isinstance(node, yaml.SequenceNode):
        return "一个列表"
    return f"“{node.value}”"


def read_file_node(node: yaml.Node, tp: type, path: str, problems: Problems) -> tuple[Any, Reader]:
    """The file's value (None when it is unusable) and the reader with its refs."""
    reader = Reader(path, problems)
    value = reader.read(node, tp)
    return (None if value is INVALID else value), reader


def is_internal(f: dataclasses.Field[Any]) -> bool:
    return bool(f.metadata.get("internal"))

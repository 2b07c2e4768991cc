"""The authoring guide's field reference, generated from the record kinds
themselves, so it can never drift from what the loader accepts."""
from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from campaign.model import limits
from campaign.model.campaign import Campaign
from campaign.model.dates import Due
from campaign.model.ids import KIND_NAMES
from campaign.model.loader import SOURCES
from campaign.model.schema import Markdown, Ref
from campaign.views.base import BuildContext, GeneratedPage, PageKind
from campaign.views.routes import GUIDE_FIELDS

_NAMES = {str: "文字", Markdown: "文字（可用 Markdown）", int: "整数", float: "数字", bool: "true/false",
          Due: "月份或日期"}


def type_name(tp: Any) -> tuple[str, list[type]]:
    """A Chinese name for a field type, and the record types nested in it."""
    import datetime as dt

    meta: tuple[Any, ...] = ()
    if get_origin(tp) is Annotated:
        tp, *rest = get_args(tp)
        meta = tuple(rest)
    for m in meta:
        if isinstance(m, Ref):
            name = KIND_NAMES.get(m.kind, m.kind)
            return (name if m.kind == "category" else f"{name}编号"), []
    origin = get_origin(tp)
    if origin in (Union, typing.Union) or str(origin) == "<class 'types.UnionType'>":
        inner = [a for a in get_args(tp) if a is not type(None)]
        return type_name(inner[0])
    if origin is list:
        name, nested = type_name(get_args(tp)[0])
        return f"{name}的列表", nested
    if origin is dict:
        name, nested = type_name(get_args(tp)[1])
        return f"键 → {name}", nested
    if origin is Literal:
        return "取值之一：" + " / ".join(map(str, get_args(tp))), []
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return f"一组字段（{tp.__name__}）", [tp]
    if tp is dt.date:
        return "日期", []
    return _NAMES.get(tp, getattr(tp, "__name__", str(tp))), []


@dataclass(frozen=True)
class Field:
    key: str
    type: str                 # its type in words
    required: bool
    internal: bool            # in the staff copy only
    doc: str
    example: Any              # None: no example


@dataclass(frozen=True)
class Table:
    """The fields of one record type."""

    name: str
    rows: list[Field]


@dataclass(frozen=True)
class SourceFile:
    """Where a kind of record is written, and its tables of fields."""

    where: str                # data/… or content/…, a glob pattern
    label: str
    tables: list[Table]

    @property
    def anchor(self) -> str:
        return self.where.replace("/", "-").replace("*", "x").replace(".", "-")


@dataclass(frozen=True)
class Limit:
    what: str
    most: str


def describe(root: type) -> list[Table]:
    """Tables of fields: the root record, then every record nested in it."""
    out, queue, seen = [], [root], set()
    while queue:
        tp = queue.pop(0)
        if tp in seen:
            continue
        seen.add(tp)
        hints = typing.get_type_hints(tp, include_extras=True)
        rows = []
        for f in dataclasses.fields(tp):
            if f.metadata.get("source"):
                continue
            name, nested = type_name(hints[f.name])
            queue.extend(nested)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            rows.append(Field(f.name, name, required, bool(f.metadata.get("internal")), f.metadata.get("doc", ""),
                              f.metadata.get("example")))
        out.append(Table(tp.__name__, rows))
    return out


class Guide(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        # the editors' guide is in the staff copy only, and only in a project that has one
        if ctx.model.audience != "internal" or not (ctx.docs_dir / "guide").is_dir():
            return
        files = [SourceFile("data/campaign.yml", "创建工作总设置", describe(Campaign))]
        for s in SOURCES:
            where = f"content/{s.pattern}" if s.front_matter else f"data/{s.pattern}"
            files.append(SourceFile(where, s.label + ("（文件内是列表，每项如下）" if s.many else ""), describe(s.root)))
        yield GeneratedPage(GUIDE_FIELDS, "数据字段", ctx.render(
            "guide/fields.html", files=files, limits=[Limit(what, most) for what, most in limits.listed()]))

"""Plant values into every free-text field of a scratch project's data.

Walks the data files of every loader Source (data YAML and content front
matter) guided by the record dataclasses' type hints, so record kinds added
later by page-kind modules are covered without touching this file.
Used by the hostile-input corpus (script in every free-text field) and by the
leak check (a marker in every internal field).
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml

from campaign.model import loader, schema
from campaign.model.campaign import Campaign
from campaign.model.sources import split_front_matter

# Plain-text fields whose value must match another record (not free text).
KEYS = {("Task", "category"), ("Campaign", "categories"), ("Goal", "target"),
        ("Attachment", "file"), ("Question", "answer"), ("Question", "tags"), ("Quiz", "tags"),
        ("TobaccoRules", "hotline"), ("Hotline", "number")}

Make = Callable[[type, str, bool], str]      # (record type, field name, internal) -> value
Select = Callable[[type, dataclasses.Field], bool]


def _free_text(tp: Any) -> bool:
    return tp in (str, schema.Markdown)


def _unwrap(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        opts = [a for a in get_args(tp) if a is not type(None)]
        tp = opts[0]
    return tp


def _ref_kind(tp: Any) -> str | None:
    tp = _unwrap(tp)
    if get_origin(tp) is Annotated:
        for m in get_args(tp)[1:]:
            if isinstance(m, schema.Ref):
                return m.kind
    return None


def walk(value: Any, tp: Any, make: Make, select: Select, planted: set,
         refs: dict[str, str] | None = None) -> Any:
    tp = _unwrap(tp)
    if get_origin(tp) is Annotated or get_origin(tp) is Literal:
        return value
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = typing.get_type_hints(tp, include_extras=True)
        for f in dataclasses.fields(tp):
            if f.metadata.get("source") or (tp.__name__, f.name) in KEYS:
                continue
            hint = _unwrap(hints[f.name])
            if _free_text(hint) and select(tp, f):
                value[f.name] = make(tp, f.name, schema.is_internal(f))
                planted.add((tp.__name__, f.name))
            elif get_origin(hint) is list and _free_text(_unwrap(get_args(hint)[0])) and select(tp, f) \
                    and value.get(f.name):
                value[f.name] = [make(tp, f.name, schema.is_internal(f)) + str(i)
                                 for i, _ in enumerate(value[f.name])]
                planted.add((tp.__name__, f.name))
            elif refs and _ref_kind(hint) in refs and select(tp, f):
                value[f.name] = refs[_ref_kind(hint)]
                planted.add((tp.__name__, f.name))
            elif f.name in value and value[f.name] is not None:
                value[f.name] = walk(value[f.name], hint, make, select, planted, refs)
        return value
    if get_origin(tp) is list and isinstance(value, list):
        (item,) = get_args(tp)
        return [walk(v, item, make, select, planted, refs) for v in value]
    if get_origin(tp) is dict and isinstance(value, dict):
        _, item = get_args(tp)
        return {k: walk(v, item, make, select, planted, refs) for k, v in value.items()}
    return value


def sources() -> list[tuple[str, Any, bool]]:
    """(glob, type of one file, front matter?) for every data source."""
    out = [("campaign.yml", Campaign, False)]
    for s in loader.SOURCES:
        out.append((s.pattern, list[s.root] if s.many else s.root, s.front_matter))
    return out


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def plant(project: Path, make: Make, select: Select,
          refs: dict[str, str] | None = None) -> set[tuple[str, str]]:
    """Rewrite the project's data with planted values; returns (record, field) planted.

    ``refs`` {kind: id}: selected reference fields of that kind are pointed at ``id``."""
    planted: set[tuple[str, str]] = set()
    for pattern, tp, front in sources():
        base = project / ("content" if front else "data")
        for file in sorted(base.glob(pattern)):
            text = file.read_text("utf-8-sig")
            if front:
                fm, _, body = split_front_matter(text)
                if fm is None:
                    continue
                data = walk(yaml.safe_load(fm), tp, make, select, planted, refs)
                file.write_text("---\n" + _dump(data) + "---\n" + body, "utf-8")
            else:
                data = walk(yaml.safe_load(text), tp, make, select, planted, refs)
                file.write_text(_dump(data), "utf-8")
    return planted


def every_record_type() -> set[type]:
    """Every record dataclass reachable from the sources' root types."""
    seen: set[type] = set()

    def visit(tp: Any) -> None:
        tp = _unwrap(tp)
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        if get_origin(tp) in (list, dict):
            for a in get_args(tp):
                visit(a)
            return
        if isinstance(tp, type) and issubclass(tp, schema.Record) and tp not in seen:
            seen.add(tp)
            hints = typing.get_type_hints(tp, include_extras=True)
            for f in dataclasses.fields(tp):
                if not f.metadata.get("source"):
                    visit(hints[f.name])

    for _, tp, _ in sources():
        visit(tp)
    return seen


def internal_fields(ref_kinds: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    """(record, field) of every internal free-text field (and reference of ``ref_kinds``)
    of every record kind."""
    out = set()
    for tp in every_record_type():
        hints = typing.get_type_hints(tp, include_extras=True)
        for f in dataclasses.fields(tp):
            if schema.is_internal(f) and (_free_text(_unwrap(hints[f.name]))
                                          or _ref_kind(hints[f.name]) in ref_kinds):
                out.add((tp.__name__, f.name))
    return out

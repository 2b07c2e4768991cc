"""The audience filter: the public build gets a model without internal fields.

Applied once, right after loading. Templates never decide what is internal:
a public build simply has no internal data to leak.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from pathlib import PurePath
from typing import Any

from campaign.model.model import Model
from campaign.model.schema import Record, is_internal

ATOMS = (str, int, float, bool, type(None))  # values with nothing inside to strip

# Per record type: (the fields to look into, the internal fields with how to make their default)
_PLANS: dict[type, tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]] = {}
# Types whose values hold nothing but text, numbers and dates (a field of one is not looked into)
PLAIN_TYPES = (str, int, float, bool, type(None), dt.date, PurePath)
_HOLDS: dict[Any, bool] = {}


def _plan(kind: type) -> tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]:
    plan = _PLANS.get(kind)
    if plan is None:
        hints = typing.get_type_hints(kind)
        fields = [f for f in dataclasses.fields(kind) if not f.metadata.get("source")]
        plan = _PLANS[kind] = (
            tuple(f.name for f in fields if not is_internal(f) and holds_internal(hints.get(f.name, Any))),
            tuple((f.name, f.default_factory if f.default_factory is not dataclasses.MISSING else (lambda d=f.default: d))
                  for f in fields if is_internal(f)))
    return plan


def holds_internal(hint: Any) -> bool:
    """Whether a value of type ``hint`` can hold an internal field (by its annotations; a type
    it cannot tell, such as ``Any``, can)."""
    known = _HOLDS.get(hint)
    if known is not None:
        return known
    _HOLDS[hint] = True  # while it is being found out (a type that holds itself): can
    args = typing.get_args(hint)
    if args:  # list[X], dict[K, V], X | None, tuple[...]
        found = any(holds_internal(a) for a in args if a is not Ellipsis)
    elif isinstance(hint, type) and dataclasses.is_dataclass(hint):
        inner = typing.get_type_hints(hint)
        found = any(is_internal(f) or (not f.metadata.get("source") and holds_internal(inner.get(f.name, Any)))
                    for f in dataclasses.fields(hint))
    else:
        found = not (isinstance(hint, type) and issubclass(hint, PLAIN_TYPES))
    _HOLDS[hint] = found
    return found


def strip(value: Any) -> Any:
    """A copy of ``value`` with every internal field reset to its default."""
    kind = type(value)
    if kind in ATOMS:
        return value
    if kind is list:
        new = [strip(v) for v in value]
        return new if any(a is not b for a, b in zip(new, value)) else value
    if kind is dict:
        new_items = {k: strip(v) for k, v in value.items()}
        return new_items if any(new_items[k] is not value[k] for k in value) else value
    if hasattr(kind, "__dataclass_fields__"):
        look, internal = _plan(kind)
        changes = {}
        for name, default in internal:
            empty = default()
            if getattr(value, name) != empty:  # already empty: the record needs no copy for it
                changes[name] = empty
        for name in look:
            current = getattr(value, name)
            if type(current) not in ATOMS:
                new_value = strip(current)
                if new_value is not current:
                    changes[name] = new_value
        if not changes:
            return value
        return value.replaced(**changes) if isinstance(value, Record) else dataclasses.replace(value, **changes)
    return value


# The records of the previous filter in this process: id(record) -> (record, its stripped copy).
# A record read again from an unchanged file is the same object, so it gets the same copy: under
# ``mkdocs serve`` the filter costs nothing for what did not change.
_STRIPPED: dict[int, tuple[Any, Any]] = {}


def _strip_kept(value: Any, kept: dict[int, tuple[Any, Any]]) -> Any:
    known = _STRIPPED.get(id(value))
    result = known[1] if known is not None and known[0] is value else strip(value)
    kept[id(value)] = (value, result)
    return result


def _strip_field(value: Any, kept: dict[int, tuple[Any, Any]]) -> Any:
    if isinstance(value, dict):
        new = {k: _strip_kept(v, kept) for k, v in value.items()}
        return new if any(new[k] is not value[k] for k in value) else value
    return _strip_kept(value, kept) if dataclasses.is_dataclass(value) else strip(value)


def for_audience(model: Model, audience: str) -> Model:
    if audience == "internal":
        return model
    kept: dict[int, tuple[Any, Any]] = {}
    stripped = {f.name: _strip_field(getattr(model, f.name), kept) for f in dataclasses.fields(model)
                if f.name != "audience"}
    _STRIPPED.clear()
    _STRIPPED.update(kept)  # only this model's records: memory stays flat over rebuilds
    return Model(**stripped, audience=audience)

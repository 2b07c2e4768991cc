"""The audience filter: the public build gets a model without internal fields.

Applied once, right after loading. Templates never decide what is internal:
a public build simply has no internal data to leak.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from campaign.model.model import Model
from campaign.model.schema import is_internal


def strip(value: Any) -> Any:
    """A copy of ``value`` with every internal field reset to its default."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.metadata.get("source"):
                continue
            current = getattr(value, f.name)
            if is_internal(f):
                changes[f.name] = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            else:
                new = strip(current)
                if new is not current:
                    changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, list):
        new = [strip(v) for v in value]
        return new if any(a is not b for a, b in zip(new, value)) else value
    if isinstance(value, dict):
        new = {k: strip(v) for k, v in value.items()}
        return new if any(new[k] is not value[k] for k in value) else value
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

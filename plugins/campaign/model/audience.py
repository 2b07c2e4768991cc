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


def for_audience(model: Model, audience: str) -> Model:
    if audience == "internal":
        return model
    stripped = {f.name: strip(getattr(model, f.name)) for f in dataclasses.fields(model) if f.name != "audience"}
    return Model(**stripped, audience=audience)

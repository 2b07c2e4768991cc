"""Tobacco-control compliance per unit: pure functions of the model."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from campaign.model.model import Model
from campaign.model.tobacco import STATUS_LABELS, Place


@dataclass(frozen=True)
class Compliance:
    unit_id: str
    signs_required: int
    signs_posted: int
    persuaders_required: int
    persuaders_appointed: int
    persuader_ids: tuple[str, ...]       # empty in the public build
    status: str
    status_label: str
    date: dt.date | None
    places: tuple[Place, ...]

    @property
    def signs_ok(self) -> bool:
        return self.signs_posted >= self.signs_required

    @property
    def persuaders_ok(self) -> bool:
        return self.persuaders_appointed >= self.persuaders_required

    @property
    def ok(self) -> bool:
        return self.signs_ok and self.persuaders_ok and self.status == "certified"


def compliance(model: Model) -> dict[str, Compliance]:
    """Every listed unit's tobacco-control compliance, by unit id (one pass over tobacco.yml)."""
    r = model.tobacco
    if r is None:
        return {}
    return {u.unit: Compliance(
        unit_id=u.unit, signs_required=u.signs_required or 0, signs_posted=u.signs_posted,
        persuaders_required=r.persuaders_required, persuaders_appointed=u.persuaders_appointed or 0,
        persuader_ids=tuple(u.persuaders), status=u.smoke_free.status,
        status_label=STATUS_LABELS[u.smoke_free.status], date=u.smoke_free.date, places=tuple(u.places))
        for u in r.units}


def hotline(model: Model) -> tuple[str, str]:
    """(name, number) of the hotline printed on signs."""
    r = model.tobacco
    number = r.hotline if r else (model.campaign.hotlines[0].number if model.campaign.hotlines else "")
    for h in model.campaign.hotlines:
        if h.number == number:
            return h.name, h.number
    return "", number

"""Tobacco control (控烟): the public rules page, the compliance table of every
listed unit, and printable no-smoking signs (A4 and A5) for every unit and place."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from campaign.derive.tobacco import Compliance, hotline
from campaign.model.tobacco import UnitTobacco
from campaign.print.symbols import symbol
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href
from campaign.views.routes import TOBACCO, TOBACCO_UNITS

SIGN_SIZES = ("A4", "A5")


def sign_name(unit_id: str, size: str) -> str:
    return f"tobacco/signs-{unit_id}-{size.lower()}"


@dataclass(frozen=True)
class SignLink:
    size: str                 # A4 / A5
    url: str


@dataclass(frozen=True)
class UnitRow:
    """A unit in the compliance table: its figures, its persuaders by name (internal build only)
    and its signs to download (none for a unit without places)."""

    unit: UnitTobacco
    name: str
    url: str
    compliance: Compliance
    persuaders: list[str]
    signs: list[SignLink]


class Tobacco(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        r = model.tobacco
        if r is None:
            yield from ctx.no_data({TOBACCO: "控烟", TOBACCO_UNITS: "各单位控烟情况"}, "控烟规定")
            return
        name, number = hotline(model)
        yield GeneratedPage(TOBACCO, "控烟", ctx.render(
            "tobacco/index.html", rules=r, hotline_name=name, hotline=number,
            units_page=href(TOBACCO, TOBACCO_UNITS), symbol=symbol()))
        rows = []
        for u in r.units:
            c = ctx.compliance[u.unit]
            signs = [SignLink(size, href(TOBACCO_UNITS, f"print/{sign_name(u.unit, size)}.pdf"))
                     for size in SIGN_SIZES] if u.places else []
            rows.append(UnitRow(u, model.unit_name(u.unit), ctx.link(TOBACCO_UNITS, "unit", u.unit), c,
                                [model.person_name(pid) for pid in c.persuader_ids], signs))
        yield GeneratedPage(TOBACCO_UNITS, "各单位控烟情况", ctx.render("tobacco/units.html", rows=rows))

    def prints(self, ctx: BuildContext) -> Iterable[PrintJob]:
        model = ctx.model
        r = model.tobacco
        if r is None:
            return
        _, number = hotline(model)
        for u in r.units:
            if not u.places:
                continue
            unit = model.units[u.unit]
            for size in SIGN_SIZES:
                html = ctx.render("tobacco/sign.html", unit=unit, places=u.places, size=size.lower(),
                                  hotline=number, symbol=symbol())
                yield PrintJob(sign_name(u.unit, size), html, ("print/sign.css",), f"禁止吸烟 {unit.name}")

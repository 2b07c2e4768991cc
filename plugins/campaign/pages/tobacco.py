"""Tobacco control (控烟): the rule set in data/tobacco.yml, each unit's
compliance (signs, persuaders, smoke-free status), the public rules page,
the compliance table, and printable no-smoking signs (A4 and A5) for every
unit and place.

``compliance(model)`` (all units at once) is the pure function the unit pages use.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Literal

from .. import loader
from ..model import Id, Model, PersonRef, UnitRef
from ..nosmoking import symbol
from ..problems import Problems
from ..schema import Markdown, Record, fld
from . import ROUTES, BuildContext, GeneratedPage, PrintJob, href

INDEX = "tobacco/index.md"
UNITS = "tobacco/units.md"
SIGN_SIZES = ("A4", "A5")
SmokeFreeStatus = Literal["certified", "applying", "not_started"]
STATUS_LABELS = {"certified": "已建成无烟单位", "applying": "创建中", "not_started": "未启动"}
PlaceKind = Literal["meeting_room", "office", "lobby", "corridor", "stairs", "toilet", "canteen", "reception", "other"]


@dataclass(frozen=True, kw_only=True)
class Place(Record):
    id: Id = fld(doc="场所编号（本单位内唯一）", example="room-301")
    name: str = fld(doc="场所名称", example="三楼会议室")
    kind: PlaceKind = fld("other", doc="类型：meeting_room 会议室/office 办公室/lobby 大厅/corridor 走廊/stairs 楼梯间/toilet 卫生间/canteen 食堂/reception 接待室/other 其他", example="meeting_room")


@dataclass(frozen=True, kw_only=True)
class SmokeFree(Record):
    status: SmokeFreeStatus = fld("not_started", doc="无烟单位状态：certified 已建成/applying 创建中/not_started 未启动", example="certified")
    date: dt.date | None = fld(None, doc="建成（或启动创建）日期", example="2026-05-31")


@dataclass(frozen=True, kw_only=True)
class UnitTobacco(Record):
    unit: UnitRef = fld(doc="单位编号", example="zxj")
    places: list[Place] = fld(factory=list, doc="须张贴禁烟标识的场所（每处生成一张标识）")
    signs_required: int | None = fld(None, doc="应张贴标识数（不填则等于场所数）", example=6)
    signs_posted: int = fld(0, doc="已张贴标识数", example=6)
    persuaders: list[PersonRef] = fld(factory=list, doc="吸烟劝导员（姓名只在内部工作版显示）", internal=True, example=["p-song"])
    persuaders_appointed: int | None = fld(None, doc="已任命劝导员人数（公开；不填则按劝导员名单人数）", example=2)
    smoke_free: SmokeFree = fld(factory=SmokeFree, doc="无烟单位创建情况")
    note: str = fld("", doc="内部备注", internal=True)


@dataclass(frozen=True, kw_only=True)
class TobaccoRules(Record):
    title: str = fld("控烟工作规定", doc="规定标题", example="示例县党政机关控烟工作规定")
    intro: Markdown = fld("", doc="开头说明（可用 Markdown）")
    hotline: str = fld(doc="印在禁烟标识上的监督电话号码（须是 campaign.yml 的 hotlines 之一）", example="12320")
    smoke_free_places: list[str] = fld(doc="全面禁烟的场所", example=["会议室", "办公室"])
    requirements: list[Markdown] = fld(doc="对每个单位的要求")
    persuaders_required: int = fld(1, doc="每个单位至少任命的劝导员人数", example=1)
    units: list[UnitTobacco] = fld(factory=list, doc="各单位控烟情况")


def _add_rules(model: Model, rules: TobaccoRules, reg: loader.Registry, problems: Problems) -> None:
    units = []
    for u in rules.units:
        changes = {}
        if u.persuaders_appointed is None:
            changes["persuaders_appointed"] = len(u.persuaders)
        if u.signs_required is None:
            changes["signs_required"] = len(u.places)
        units.append(dataclasses.replace(u, **changes) if changes else u)
    model.extra["tobacco"] = dataclasses.replace(rules, units=units)


def _check(model: Model, reg: loader.Registry, problems: Problems) -> None:
    rules = model.extra.get("tobacco")
    if not isinstance(rules, TobaccoRules):
        return
    numbers = [h.number for h in model.campaign.hotlines]
    if rules.hotline not in numbers:
        problems.add(rules.where("hotline"), rules.path("hotline"),
                     f"监督电话“{rules.hotline}”不在 campaign.yml 的 hotlines 里（现有：{'、'.join(numbers) or '无'}），请先在那里登记。")
    seen: dict[str, UnitTobacco] = {}
    for u in rules.units:
        if u.unit in seen:
            problems.add(u.where("unit"), u.path("unit"), f"单位“{u.unit}”已在第 {seen[u.unit].loc.line} 行写过。")
        seen[u.unit] = u
        ids: set[str] = set()
        for p in u.places:
            if p.id in ids:
                problems.add(p.where("id"), p.path("id"), f"场所编号“{p.id}”在本单位内重复。")
            ids.add(p.id)
        if u.smoke_free.status == "certified" and u.smoke_free.date is None:
            problems.add(u.smoke_free.where("status"), u.smoke_free.path("date"), "已建成无烟单位，请填写建成日期 date。")
        if u.persuaders_appointed is not None and u.persuaders and u.persuaders_appointed != len(u.persuaders):
            problems.add(u.where("persuaders_appointed"), u.path("persuaders_appointed"),
                         f"劝导员人数写的是 {u.persuaders_appointed}，名单里却有 {len(u.persuaders)} 人。")


loader.SOURCES.append(loader.Source("tobacco.yml", TobaccoRules, _add_rules, label="控烟规定"))
loader.CHECKS.append(_check)
ROUTES["tobacco"] = lambda model, key: (UNITS, f"unit-{key}")


# -- derived: pure functions of the model -------------------------------------
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


def rules(model: Model) -> TobaccoRules | None:
    r = model.extra.get("tobacco")
    return r if isinstance(r, TobaccoRules) else None


def compliance(model: Model) -> dict[str, Compliance]:
    """Every listed unit's tobacco-control compliance, by unit id (one pass over tobacco.yml)."""
    r = rules(model)
    if r is None:
        return {}
    return {u.unit: Compliance(
        unit_id=u.unit, signs_required=u.signs_required or 0, signs_posted=u.signs_posted,
        persuaders_required=r.persuaders_required, persuaders_appointed=u.persuaders_appointed or 0,
        persuader_ids=tuple(u.persuaders), status=u.smoke_free.status,
        status_label=STATUS_LABELS[u.smoke_free.status], date=u.smoke_free.date, places=tuple(u.places))
        for u in r.units}


def unit_compliance(model: Model, unit_id: str) -> Compliance | None:
    """A unit's compliance, or None when tobacco.yml does not list it."""
    return compliance(model).get(unit_id)


def hotline(model: Model) -> tuple[str, str]:
    """(name, number) of the hotline printed on signs."""
    r = rules(model)
    number = r.hotline if r else (model.campaign.hotlines[0].number if model.campaign.hotlines else "")
    for h in model.campaign.hotlines:
        if h.number == number:
            return h.name, h.number
    return "", number


def sign_name(unit_id: str, size: str) -> str:
    return f"tobacco/signs-{unit_id}-{size.lower()}"


# -- pages and prints ---------------------------------------------------------
def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model = ctx.model
    r = rules(model)
    if r is None:  # no data yet: the pages stay, so the navigation does not break
        yield GeneratedPage(INDEX, "控烟", ctx.render("partials/empty.html", title="控烟", what="控烟规定",
                                                    where="data/tobacco.yml"))
        yield GeneratedPage(UNITS, "各单位控烟情况", ctx.render("partials/empty.html", title="各单位控烟情况",
                                                          what="各单位控烟情况", where="data/tobacco.yml"))
        return
    name, number = hotline(model)
    yield GeneratedPage(INDEX, "控烟", ctx.render("tobacco/index.html", rules=r, hotline_name=name,
                                                   hotline=number, units_page=href(INDEX, UNITS), symbol=symbol()))
    rows = []
    by_unit = compliance(model)
    for u in r.units:
        c = by_unit[u.unit]
        pdfs = [(size, href(UNITS, f"print/{sign_name(u.unit, size)}.pdf")) for size in SIGN_SIZES] if u.places else []
        unit_link = ctx.link(UNITS, "unit", u.unit) if "unit" in ROUTES else None
        rows.append((u, c, pdfs, unit_link))
    yield GeneratedPage(UNITS, "各单位控烟情况", ctx.render("tobacco/units.html", rules=r, rows=rows,
                                                          labels=STATUS_LABELS))


def prints(ctx: BuildContext) -> Iterable[PrintJob]:
    model = ctx.model
    r = rules(model)
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

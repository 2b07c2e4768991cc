"""Tobacco control (控烟), data/tobacco.yml: the rule set and each unit's
places, signs, persuaders and smoke-free status."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from campaign.model.campaign import Hotline
from campaign.model.ids import Id, PersonRef, UnitRef
from campaign.model.problems import Problems
from campaign.model.schema import Markdown, Record, fld

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
    title: str = fld("控烟工作规定", doc="规定标题", example="某县党政机关控烟工作规定")
    intro: Markdown = fld("", doc="开头说明（可用 Markdown）")
    hotline: str = fld(doc="印在禁烟标识上的监督电话号码（须是 campaign.yml 的 hotlines 之一）", example="12320")
    smoke_free_places: list[str] = fld(doc="全面禁烟的场所", example=["会议室", "办公室"])
    requirements: list[Markdown] = fld(doc="对每个单位的要求")
    persuaders_required: int = fld(1, doc="每个单位至少任命的劝导员人数", example=1)
    units: list[UnitTobacco] = fld(factory=list, doc="各单位控烟情况")


def complete_rules(rules: TobaccoRules) -> TobaccoRules:
    """Counts left out default to the lists given (places, persuaders)."""
    units = [dataclasses.replace(
        u, persuaders_appointed=len(u.persuaders) if u.persuaders_appointed is None else u.persuaders_appointed,
        signs_required=len(u.places) if u.signs_required is None else u.signs_required) for u in rules.units]
    return dataclasses.replace(rules, units=units)


def check_tobacco(rules: TobaccoRules | None, hotlines: list[Hotline], problems: Problems) -> None:
    if rules is None:
        return
    numbers = [h.number for h in hotlines]
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

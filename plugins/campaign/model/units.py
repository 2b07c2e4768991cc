"""Units and people (data/units.yml, data/people.yml), and finding a unit by
the name an author or a spreadsheet writes for it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from campaign.model.ids import Id, PersonRef, UnitRef
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Record, fld

UnitKind = Literal["county", "department", "section", "street", "community",
                   "enterprise", "school", "hospital", "other"]


@dataclass(frozen=True, kw_only=True)
class Unit(Record):
    id: Id = fld(doc="单位编号（英文/拼音，唯一）", example="jkj")
    name: str = fld(doc="单位全称", example="某县卫生健康局")
    short_name: str = fld("", doc="简称（表格里显示）", example="卫健局")
    kind: UnitKind = fld("department", doc="类型：county 县/department 部门/section 科室/street 街道/community 社区/enterprise 企业/school 学校/hospital 医院/other 其他", example="department")
    parent: UnitRef | None = fld(None, doc="上级单位编号（不填即为最上级）", example="county")
    address: str = fld("", doc="地址（公开）")
    contact: PersonRef | None = fld(None, doc="联络员（内部）", internal=True, example="p-wang")
    phone: str = fld("", doc="联系电话（内部）", internal=True, example="0000-1234567")
    note: str = fld("", doc="备注（内部）", internal=True)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    id: Id = fld(doc="人员编号（唯一）", example="p-zhang")
    name: str = fld(doc="姓名", example="张示范")
    title: str = fld("", doc="职务", example="局长")
    unit: UnitRef | None = fld(None, doc="所在单位编号", example="jkj")
    phone: str = fld("", doc="手机（内部）", internal=True, example="13800000000")
    email: str = fld("", doc="邮箱（内部）", internal=True)
    note: str = fld("", doc="备注（内部）", internal=True)




def add_units(into: dict[str, Unit], units: list[Unit], reg: Registry, problems: Problems) -> None:
    for u in units:
        if reg.define("unit", u.id, u.where("id"), problems, u.path("id")):
            into[u.id] = u


def add_people(into: dict[str, Person], people: list[Person], reg: Registry, problems: Problems) -> None:
    for p in people:
        if reg.define("person", p.id, p.where("id"), problems, p.path("id")):
            into[p.id] = p


def check_units(units: dict[str, Unit], problems: Problems) -> None:
    """A parent chain must end."""
    for unit in units.values():
        seen, cur = {unit.id}, unit.parent
        while cur and cur in units:
            if cur in seen:
                problems.add(unit.where("parent"), unit.path("parent"), f"上级单位形成了循环（{unit.id} → … → {cur}）。")
                break
            seen.add(cur)
            cur = units[cur].parent


class UnitNames:
    """Finds a unit by its id, full name or short name, as authors and spreadsheets write them.

    A name that several units share is ambiguous: ``find`` returns None for it unless a
    ``within`` unit is given and exactly one unit of that unit's subtree carries the name
    (or ends with it: "办公室" in a department's own table means its section "局办公室")."""

    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = units
        self.exact: dict[str, list[str]] = {}
        self.kids: dict[str | None, list[str]] = {}
        for u in units.values():
            for name in dict.fromkeys((u.id, u.name.strip(), u.short_name.strip())):
                if name:
                    self.exact.setdefault(name, []).append(u.id)
            self.kids.setdefault(u.parent, []).append(u.id)

    def subtree(self, unit_id: str) -> list[str]:
        out, stack = [], [unit_id]
        while stack:
            cur = stack.pop()
            out.append(cur)
            stack.extend(self.kids.get(cur, []))
        return out

    def find(self, name: str, within: str | None = None) -> str | None:
        name = name.strip()
        hits = list(dict.fromkeys(self.exact.get(name, [])))
        if len(hits) == 1:
            return hits[0]
        if not within or not name:
            return None
        below = self.subtree(within)
        pool = [uid for uid in below if uid in hits] or [
            uid for uid in below
            if self.units[uid].name.endswith(name) or (self.units[uid].short_name or "").endswith(name)]
        return pool[0] if len(pool) == 1 else None

    def why_not(self, name: str) -> str:
        """Why ``find`` gave no unit for a name, in words for the author."""
        name = name.strip()
        if not name:
            return "没有填写单位"
        if len(self.exact.get(name, [])) > 1:
            return f"单位“{name}”有重名（{'、'.join(self.exact[name])}），请写单位编号或全称"
        return f"单位“{name}”不在 data/units.yml 中"

"""The campaign's settings (data/campaign.yml): name, place, stage, office,
period, targets, hotlines and the appraisal scheme (``campaign.model.appraisal``).

The words the site says about the campaign itself (全县 / 全区, 创建 / 巩固 /
复审, 创卫 / 巩卫) are the properties below, worded from these fields."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from campaign.model.appraisal import Appraisal
from campaign.model.dates import Due
from campaign.model.ids import Id, UnitRef
from campaign.model.problems import Problems
from campaign.model.schema import Markdown, Record, fld


@dataclass(frozen=True, kw_only=True)
class Period(Record):
    start: Due = fld(doc="开始（月份或日期）", example="2026-03")
    end: Due = fld(doc="结束（月份或日期）", example="2027-06")


@dataclass(frozen=True, kw_only=True)
class Target(Record):
    id: Id = fld(doc="指标编号", example="awareness_rate")
    label: str = fld(doc="指标名称", example="健康知识知晓率")
    value: float = fld(doc="目标值", example=80)
    unit: str = fld("%", doc="单位", example="%")
    note: str = fld("", doc="说明")


@dataclass(frozen=True, kw_only=True)
class Hotline(Record):
    name: str = fld(doc="名称", example="政务服务便民热线")
    number: str = fld(doc="号码", example="12345")


STAGE_LABELS = {"campaign": "创建", "consolidation": "巩固", "review": "复审"}
STAGE_SHORT = {"campaign": "创卫", "consolidation": "巩卫", "review": "复审"}


@dataclass(frozen=True, kw_only=True)
class Campaign(Record):
    name: str = fld(doc="创建工作名称", example="某县创建国家卫生县城")
    stage: Literal["campaign", "consolidation", "review"] = fld(
        "campaign", doc="阶段：campaign 创建，consolidation 巩固，review 复审", example="campaign")
    place: str = fld("", doc="地名（县、区、市），用于自动生成的标题和说明", example="某区")
    scope: str = fld("", doc="辖区的说法；不填为“全”加地名的最后一个字（全县、全区、全市）", example="全区")
    short_name: str = fld("", doc="工作简称，用于通报和检查的标题；不填按阶段：创卫、巩卫、复审", example="巩卫")
    office: str = fld(doc="主办机构（爱卫办/创卫办）全称", example="某县爱国卫生运动委员会办公室")
    office_unit: UnitRef | None = fld(None, doc="主办机构对应的单位编号", example="awb")
    period: Period = fld(doc="创建周期")
    summary: Markdown = fld("", doc="首页简介（可用 Markdown）")
    categories: list[str] = fld(factory=list, doc="任务分解表的工作类别，按显示顺序", example=["创建宣传氛围", "健康教育"])
    targets: list[Target] = fld(factory=list, doc="量化目标（知晓率等）")
    hotlines: list[Hotline] = fld(factory=list, doc="监督/举报电话（印在公示和禁烟标识上）")
    address: str = fld("", doc="办公地址（公开）")
    phone: str = fld("", doc="办公电话（公开）")
    email: str = fld("", doc="电子邮箱（公开）")
    appraisal: Appraisal = fld(factory=Appraisal, doc="考评办法：打分方式、等次、考评周期和各自的奖惩、加减分项目、通报的主送抄送")

    @property
    def stage_label(self) -> str:
        """创建 / 巩固 / 复审."""
        return STAGE_LABELS[self.stage]

    @property
    def short(self) -> str:
        """The campaign's short name in titles: 创卫 / 巩卫 / 复审, or the author's own."""
        return self.short_name or STAGE_SHORT[self.stage]

    @property
    def whole(self) -> str:
        """The whole area as titles say it: 全县 / 全区 (empty when no place is given)."""
        return self.scope or (f"全{self.place[-1]}" if self.place else "")

    def target(self, target_id: str, default: float | None = None) -> float | None:
        for t in self.targets:
            if t.id == target_id:
                return t.value
        return default


def check_period(period: Period, problems: Problems) -> None:
    if period.end.last < period.start.first:
        problems.add(period.where("end"), period.path("end"), "结束时间早于开始时间。")

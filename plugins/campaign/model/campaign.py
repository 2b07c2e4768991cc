"""The campaign's settings (data/campaign.yml): name, stage, office, period,
targets, hotlines and the inspection settings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from campaign.model.dates import Due
from campaign.model.ids import Id, UnitRef
from campaign.model.problems import Problems
from campaign.model.schema import Markdown, Record, fld


@dataclass(frozen=True, kw_only=True)
class Period(Record):
    start: Due = fld(doc="开始（月份或日期）", example="2026-03")
    end: Due = fld(doc="结束（月份或日期）", example="2027-06")

    def contains(self, d: Due) -> bool:
        return self.start.first <= d.first and d.last <= self.end.last


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


@dataclass(frozen=True, kw_only=True)
class InspectionSettings(Record):
    full_score: float = fld(100, doc="检查满分（按扣分表打分时从满分里扣）", example=100)
    excellent: float = fld(90, doc="“优”的最低分", example=90)
    good: float = fld(75, doc="“良”的最低分（低于此分为“差”）", example=75)
    red_flags: int = fld(1, doc="每次月评授予流动红旗的单位数（并列时同分单位都授予）", example=1)
    black_flags: int = fld(1, doc="每次月评挂黑旗的单位数（并列时同分单位都挂）", example=1)


@dataclass(frozen=True, kw_only=True)
class Campaign(Record):
    name: str = fld(doc="创建工作名称", example="示例县创建国家卫生县城")
    stage: Literal["campaign", "consolidation"] = fld(
        "campaign", doc="阶段：campaign 创建，consolidation 巩固", example="campaign")
    office: str = fld(doc="主办机构（爱卫办/创卫办）全称", example="示例县爱国卫生运动委员会办公室")
    office_unit: UnitRef | None = fld(None, doc="主办机构对应的单位编号", example="awb")
    period: Period = fld(doc="创建周期")
    summary: Markdown = fld("", doc="首页简介（可用 Markdown）")
    categories: list[str] = fld(factory=list, doc="任务分解表的工作类别，按显示顺序", example=["创建宣传氛围", "健康教育"])
    targets: list[Target] = fld(factory=list, doc="量化目标（知晓率等）")
    hotlines: list[Hotline] = fld(factory=list, doc="监督/举报电话（印在公示和禁烟标识上）")
    address: str = fld("", doc="办公地址（公开）")
    phone: str = fld("", doc="办公电话（公开）")
    email: str = fld("", doc="电子邮箱（公开）")
    inspection: InspectionSettings = fld(factory=InspectionSettings, doc="督查评比设置：等次分数线、红旗和黑旗数量")

    def target(self, target_id: str, default: float | None = None) -> float | None:
        for t in self.targets:
            if t.id == target_id:
                return t.value
        return default




def check_period(period: Period, problems: Problems) -> None:
    if period.end.last < period.start.first:
        problems.add(period.where("end"), period.path("end"), "结束时间早于开始时间。")

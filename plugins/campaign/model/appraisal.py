"""The appraisal scheme (考评办法) in data/campaign.yml and the bulletins (通报)
in data/bulletins/*.yml: the record kinds and their checks.

A scheme says how units are scored (by score, by deductions from full marks,
plus bonus and penalty items), which periods are appraised (weekly, monthly,
quarterly, annual) and what each period awards: top N, bottom N, a score
line, or a decision naming a unit with its reason. A period's scores are its
own inspections' (``kind`` equal to the period) or the average of shorter
periods' scores within it (a quarterly cup from the quarter's monthly
scores). Every label comes from here; the defaults are documented on the
fields. The figures are derived in ``campaign.derive.appraisal``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from campaign.model.dates import PERIOD_KINDS, PERIOD_NAMES, Span, parse_span
from campaign.model.ids import Id
from campaign.model.notices import DocNumber
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Pattern, Range, Record, fld

PeriodKind = Literal["weekly", "monthly", "quarterly", "annual"]
RULE_LABELS = {"top": "得分最高", "bottom": "得分最低", "at_least": "得分不低于分数线",
               "below": "得分低于分数线", "decision": "由决定指定"}
DEFAULT_PERIOD_LABELS = {"weekly": "周评", "monthly": "月评", "quarterly": "季度考评", "annual": "年度考评"}
PeriodKey = Annotated[str, Pattern(r"\d{4}(-?[QqWw]\d{1,2}|-\d{1,2})?",
                                   "考评期“{value}”格式不对：月写作 2026-10，季度写作 2026-Q3，年度写作 2026，周写作 2026-W42。")]


@dataclass(frozen=True, kw_only=True)
class Grade(Record):
    label: str = fld(doc="等次名称", example="优")
    min: Annotated[float, Range(0, None)] = fld(doc="该等次的最低分（含）", example=90)


@dataclass(frozen=True, kw_only=True)
class Award(Record):
    id: Id = fld(doc="奖惩编号（在本考评办法内唯一；决定 decisions 用它指明奖惩）", example="red_flag")
    label: str = fld(doc="名称，原样出现在通报、排名表和单位页上", example="流动红旗")
    rule: Literal["top", "bottom", "at_least", "below", "decision"] = fld(
        doc="规则：top 得分最高的 count 个单位；bottom 得分最低的 count 个单位（同分并列在分界线上的都算）；"
            "at_least 得分不低于 score；below 得分低于 score；decision 由领导决定，在检查记录的 decisions 里写明单位和原因",
        example="top")
    count: Annotated[int, Range(1, None)] | None = fld(None, doc="名额（top、bottom 必填）", example=1)
    score: float | None = fld(None, doc="分数线（at_least、below 必填）", example=60)
    tone: Literal["honour", "criticism"] | None = fld(
        None, doc="性质：honour 表彰 / criticism 批评；不填：top、at_least 为表彰，bottom、below 为批评（decision 必填）",
        example="honour")
    action: str = fld("", doc="通报里的说法；不填：表彰为“授予”加名称，批评为“给予”加名称", example="挂黑旗")

    @property
    def kind(self) -> str:
        """honour or criticism (checked: a decision award names its tone)."""
        return self.tone or ("criticism" if self.rule in ("bottom", "below") else "honour")

    @property
    def verb(self) -> str:
        return self.action or (("授予" if self.kind == "honour" else "给予") + self.label)


@dataclass(frozen=True, kw_only=True)
class PeriodScheme(Record):
    period: PeriodKind = fld(doc="考评周期：weekly 每周 / monthly 每月 / quarterly 每季度 / annual 每年", example="monthly")
    label: str = fld("", doc="名称；不填：周评、月评、季度考评、年度考评", example="月评")
    average_of: list[PeriodKind] = fld(
        factory=list, doc="分数来源：不填取本周期自己的检查（kind 与 period 相同，每期一次）；"
                          "填较短的周期（如 monthly）则取本期内这些周期得分的平均分（缺评的不计）",
        example=["monthly"])
    awards: list[Award] = fld(factory=list, doc="本周期的奖惩，按列出的顺序评定")
    bulletin: bool = fld(True, doc="是否每期发通报", example=True)

    @property
    def name(self) -> str:
        return self.label or DEFAULT_PERIOD_LABELS[self.period]


@dataclass(frozen=True, kw_only=True)
class Item(Record):
    id: Id = fld(doc="加减分项目编号（检查记录的 adjustments 用它）", example="shenbao")
    label: str = fld(doc="项目名称", example="申报健康细胞")
    points: float = fld(doc="每次的分值：正数加分，负数减分", example=2)
    max: Annotated[float, Range(0, None)] | None = fld(None, doc="每次检查中本项累计的上限（绝对值；不填不限）", example=6)

    @property
    def kind_label(self) -> str:
        return "加分" if self.points >= 0 else "减分"


def _default_periods() -> list[PeriodScheme]:
    return [PeriodScheme(period="monthly", awards=[Award(id="red_flag", label="流动红旗", rule="top", count=1)])]


@dataclass(frozen=True, kw_only=True)
class Appraisal(Record):
    name: str = fld("", doc="考评办法名称（通报开头引用）", example="《城区爱国卫生工作考评办法》")
    full_score: Annotated[float, Range(0, None)] = fld(100, doc="满分（按扣分表打分时从满分里扣）", example=100)
    scoring: Literal["either", "score", "deductions"] = fld(
        "either", doc="打分方式：score 直接写得分 / deductions 列扣分表 / either 两者任选其一", example="either")
    grades: list[Grade] = fld(factory=list, doc="等次（如 优、良、差），按分数从高到低；不填则不评等次、不显示等次列")
    periods: list[PeriodScheme] = fld(
        factory=_default_periods, doc="考评周期及各自的奖惩；不填：每月月评，得分最高的 1 个单位授予流动红旗")
    items: list[Item] = fld(factory=list, doc="加分、减分项目（如 申报 加分、被上级通报 减分），在检查记录里按次计")
    recipients: list[str] = fld(factory=list, doc="通报的主送机关（每期通报可在 data/bulletins/ 里另写）",
                                example=["各乡镇人民政府、街道办事处", "县直各单位"])
    cc: list[str] = fld(factory=list, doc="通报的抄送机关", example=["县委办公室", "县政府办公室"])

    def period(self, kind: str) -> PeriodScheme | None:
        return next((p for p in self.periods if p.period == kind), None)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def grade(self, score: float) -> Grade | None:
        return next((g for g in sorted(self.grades, key=lambda g: -g.min) if score >= g.min), None)


@dataclass(frozen=True, kw_only=True)
class Bulletin(Record):
    period: PeriodKey = fld(doc="通报的考评期：月 2026-10，季度 2026-Q3，年度 2026，周 2026-W42", example="2026-10")
    title: str = fld("", doc="标题；不填按地名、阶段和考评期生成，如“关于2026年10月全区巩卫工作检查情况的通报”",
                     example="关于2026年10月全区巩卫工作检查情况的通报")
    doc_number: DocNumber | None = fld(None, doc="发文字号", example="区爱卫办〔2026〕21号")
    recipients: list[str] = fld(factory=list, doc="主送机关；不填用考评办法的 recipients", example=["各街道办事处", "区直各单位"])
    cc: list[str] = fld(factory=list, doc="抄送机关；不填用考评办法的 cc", example=["区委办公室"])
    opening: Markdown = fld("", doc="开头一段（可用 Markdown）；不填自动生成")
    date: dt.date | None = fld(None, doc="成文日期，不早于考评期的最后一天；不填为统计截止日", example="2026-11-03")

    @property
    def span(self) -> Span:
        span, _ = parse_span(self.period)
        assert span is not None  # checked
        return span


def add_bulletin(into: dict[str, Bulletin], b: Bulletin, reg: Registry, problems: Problems) -> None:
    span, message = parse_span(b.period)
    if span is None:
        problems.add(b.where("period"), b.path("period"), message)
        return
    if reg.define("bulletin", span.key, b.where("period"), problems, "period"):
        into[span.key] = b


# -- checks ----------------------------------------------------------------
def check_scheme(s: Appraisal, problems: Problems) -> None:
    _check_grades(s, problems)
    _check_periods(s, problems)
    _check_items(s, problems)


def _check_grades(s: Appraisal, problems: Problems) -> None:
    """Grades within the full score, highest first."""
    last = None
    for g in s.grades:
        if g.min > s.full_score:
            problems.add(g.where("min"), g.path("min"), f"等次“{g.label}”的最低分 {g.min:g} 高于满分 {s.full_score:g}。")
        if last is not None and g.min >= last.min:
            problems.add(g.where("min"), g.path("min"),
                         f"等次应按分数从高到低排列：“{g.label}”（{g.min:g}）不低于上一等次“{last.label}”（{last.min:g}）。")
        last = g


def _check_periods(s: Appraisal, problems: Problems) -> None:
    """Each period once, averaging only shorter ones; award ids unique across the scheme."""
    ids: dict[str, str] = {}
    seen_periods: dict[str, PeriodScheme] = {}
    for p in s.periods:
        if p.period in seen_periods:
            first = seen_periods[p.period]
            problems.add(p.where("period"), p.path("period"),
                         f"考评周期“{p.period}”重复（{first.loc.path}:{first.loc.line} 已有），同一周期的奖惩请写在一处。")
        seen_periods.setdefault(p.period, p)
        _check_average_of(p, problems)
        for a in p.awards:
            if a.id in ids:
                problems.add(a.where("id"), a.path("id"), f"奖惩编号“{a.id}”重复（{ids[a.id]}已有），决定里无法区分。")
            ids.setdefault(a.id, p.name)
            _check_award_fields(a, problems)
            _check_award_reachable(a, s, problems)


def _check_average_of(p: PeriodScheme, problems: Problems) -> None:
    order = PERIOD_KINDS.index(p.period)
    for k in p.average_of:
        if PERIOD_KINDS.index(k) >= order:
            problems.add(p.where("average_of"), p.path("average_of"),
                         f"{p.name}的分数只能取更短周期的平均分；“{k}”（{PERIOD_NAMES[k]}）不比“{p.period}”"
                         f"（{PERIOD_NAMES[p.period]}）短。")


def _check_award_fields(a: Award, problems: Problems) -> None:
    """The fields an award's rule needs, and none it does not use."""
    if a.rule in ("top", "bottom") and a.count is None:
        problems.add(a.loc, a.path("count"), f"“{a.label}”按{RULE_LABELS[a.rule]}评定，须写名额 count。")
    if a.rule in ("at_least", "below") and a.score is None:
        problems.add(a.loc, a.path("score"), f"“{a.label}”按{RULE_LABELS[a.rule]}评定，须写分数线 score。")
    if a.rule not in ("top", "bottom") and a.count is not None:
        problems.add(a.where("count"), a.path("count"),
                     f"名额 count 只用于 top、bottom；“{a.label}”的规则是 {a.rule}（{RULE_LABELS[a.rule]}）。")
    if a.rule not in ("at_least", "below") and a.score is not None:
        problems.add(a.where("score"), a.path("score"),
                     f"分数线 score 只用于 at_least、below；“{a.label}”的规则是 {a.rule}（{RULE_LABELS[a.rule]}）。")


def _check_award_reachable(a: Award, s: Appraisal, problems: Problems) -> None:
    """Score lines some unit can meet, and a tone for awards given by decision."""
    if a.rule == "at_least" and a.score is not None and a.score > s.full_score and not s.items:
        problems.add(a.where("score"), a.path("score"),
                     f"“{a.label}”的分数线 {a.score:g} 高于满分 {s.full_score:g}，又没有加分项目，永远评不出。")
    if a.rule == "below" and a.score is not None and a.score <= 0:
        problems.add(a.where("score"), a.path("score"),
                     f"“{a.label}”要求得分低于 {a.score:g}，而得分最低为 0，永远评不出。")
    if a.rule == "decision" and a.tone is None:
        problems.add(a.loc, a.path("tone"),
                     f"由决定指定的“{a.label}”须写明性质 tone：honour（表彰）或 criticism（批评）。")


def _check_items(s: Appraisal, problems: Problems) -> None:
    items: set[str] = set()
    for it in s.items:
        if it.id in items:
            problems.add(it.where("id"), it.path("id"), f"加减分项目编号“{it.id}”重复。")
        items.add(it.id)
        if it.points == 0:
            problems.add(it.where("points"), it.path("points"), f"“{it.label}”的分值为 0：加分写正数，减分写负数。")


def check_bulletins(bulletins: dict[str, Bulletin], s: Appraisal, start: dt.date, end: dt.date,
                    problems: Problems) -> None:
    for b in bulletins.values():
        span = b.span
        scheme = s.period(span.kind)
        if span.kind != "monthly" and (scheme is None or not scheme.bulletin):
            have = "、".join(p.name for p in s.periods if p.bulletin) or "无"
            problems.add(b.where("period"), b.path("period"),
                         f"考评办法里没有发通报的{PERIOD_NAMES[span.kind]}考评（现有：{have}），"
                         f"请先在 campaign.yml 的 appraisal.periods 里加上 period: {span.kind}。")
        elif scheme is not None and not scheme.bulletin:
            problems.add(b.where("period"), b.path("period"),
                         f"考评办法写明{scheme.name}不发通报（bulletin: false），这份通报设置用不上。")
        if span.last < start or span.first > end:
            problems.add(b.where("period"), b.path("period"), f"考评期 {span.label} 不在创建周期之内。")
        if b.date is not None and b.date < span.last:
            problems.add(b.where("date"), b.path("date"),
                         f"通报日期 {b.date} 早于它通报的考评期的最后一天（{span.last}）；通报应在考评期结束后成文。")

"""Appraisal schemes as data: award rules (ties, top / bottom N, score lines,
decisions), periods scored by averages (quarterly and annual cups), bonus and
penalty items, bulletins worded from data, and located errors for bad schemes.
Small models built here; figures computed by hand."""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from campaign.derive import appraisal as apr
from campaign.derive import bulletins
from campaign.derive import inspections as insp
from campaign.model import inspections as rec
from campaign.model.appraisal import Appraisal, Award, Bulletin, Item, PeriodScheme
from campaign.model.campaign import Campaign, Period
from campaign.model.dates import Due, parse_span, span_of
from campaign.model.loader import load
from campaign.model.model import Model
from campaign.model.problems import CampaignError
from campaign.model.units import Unit

pytestmark = pytest.mark.unit

AS_OF = dt.date(2026, 11, 20)
RED = Award(id="red", label="流动红旗", rule="top", count=1)
CRIT = Award(id="crit", label="通报批评", rule="bottom", count=3)
BLACK = Award(id="black", label="黑旗", rule="decision", tone="criticism", action="挂黑旗")


def monthly(*awards: Award) -> PeriodScheme:
    return PeriodScheme(period="monthly", awards=list(awards))


def labels(ranked: list[insp.Ranked]) -> dict[str, list[str]]:
    return {r.unit: [g.award.label for g in r.awards] for r in ranked}


def rank(scores: dict[str, float], *awards: Award, decisions=()) -> list[insp.Ranked]:
    scheme = Appraisal(periods=[monthly(*awards)])
    return insp.rank(list(scores.items()), scheme, scheme.periods[0], decisions)


# -- award rules ---------------------------------------------------------------
def test_top_and_bottom_n_with_ties_at_the_boundary():
    ranked = rank({"a": 95, "b": 90, "c": 90, "d": 80, "e": 70, "f": 70, "g": 60}, RED, CRIT)
    assert [(r.unit, r.rank) for r in ranked] == [("a", 1), ("b", 2), ("c", 2), ("d", 4), ("e", 5), ("f", 5), ("g", 7)]
    got = labels(ranked)
    # bottom 3: g (7th from the top = 1st from the bottom), e and f tied at 2nd from the bottom; d is 4th
    assert [u for u, ls in got.items() if "通报批评" in ls] == ["e", "f", "g"]
    assert [u for u, ls in got.items() if "流动红旗" in ls] == ["a"]
    # a tie at the top boundary gives both
    got = labels(rank({"a": 90, "b": 90, "c": 80}, RED))
    assert got == {"a": ["流动红旗"], "b": ["流动红旗"], "c": []}
    # three tied at the bottom boundary of bottom-2: all three
    got = labels(rank({"a": 99, "b": 70, "c": 70, "d": 70}, Award(id="x", label="末位", rule="bottom", count=2)))
    assert [u for u, ls in got.items() if ls] == ["b", "c", "d"]


def test_an_honour_by_score_wins_over_a_criticism_by_score():
    # four units, bottom 3 would reach the top unit: the red flag wins, the criticism skips it
    got = labels(rank({"a": 95, "b": 80, "c": 70, "d": 60}, CRIT, RED))  # listed criticism first on purpose
    assert got == {"a": ["流动红旗"], "b": ["通报批评"], "c": ["通报批评"], "d": ["通报批评"]}
    # everyone tied: all honoured, nobody criticised
    assert labels(rank({"a": 80, "b": 80}, RED, CRIT)) == {"a": ["流动红旗"], "b": ["流动红旗"]}


def test_score_lines():
    good = Award(id="ok", label="达标", rule="at_least", score=85)
    poor = Award(id="low", label="约谈", rule="below", score=60)
    got = labels(rank({"a": 85, "b": 84.9, "c": 60, "d": 59.5}, good, poor))
    assert got == {"a": ["达标"], "b": [], "c": [], "d": ["约谈"]}
    assert poor.kind == "criticism" and good.kind == "honour" and good.verb == "授予达标" and poor.verb == "给予约谈"


def test_decisions_name_a_unit_with_its_reason_and_always_stand():
    decisions = [rec.Decision(award="black", unit="a", reason="群众投诉整改不力")]
    ranked = rank({"a": 95, "b": 80, "c": 70}, RED, CRIT, BLACK, decisions=decisions)
    a = next(r for r in ranked if r.unit == "a")
    # the decided black flag stands next to the red flag earned by score, in the scheme's order
    assert [(g.award.label, g.reason) for g in a.awards] == [("流动红旗", ""), ("黑旗", "群众投诉整改不力")]
    assert BLACK.verb == "挂黑旗" and a.flag == "honour" and a.flag_label == "流动红旗、黑旗"


def test_decided_unit_that_was_not_scored_still_gets_its_award():
    m = model(Appraisal(periods=[monthly(RED, BLACK)]))
    m.inspections = {"m": rec.Inspection(
        id="m", date=dt.date(2026, 10, 28), kind="monthly",
        results=[rec.UnitResult(unit="a", score=90), rec.UnitResult(unit="b", score=80)],
        decisions=[rec.Decision(award="black", unit="c", reason="未参加月评")])}
    (res,) = apr.period_results(m, AS_OF, "monthly")
    assert [(a.label, units) for a, units in res.awarded] == [("流动红旗", [("a", "")]), ("黑旗", [("c", "未参加月评")])]


# -- bonus and penalty items -----------------------------------------------------
def test_bonus_and_penalty_items_count_into_the_score():
    scheme = Appraisal(items=[Item(id="shenbao", label="申报", points=2, max=5),
                              Item(id="tongbao", label="被上级通报", points=-5)])
    r = rec.UnitResult(unit="b", score=88, adjustments=[rec.Adjustment(item="shenbao", times=2)])
    assert insp.score_of(r, scheme) == 92
    capped = rec.UnitResult(unit="a", score=88, adjustments=[rec.Adjustment(item="shenbao", times=2),
                                                             rec.Adjustment(item="shenbao", times=2)])
    assert insp.adjustment(capped, scheme) == 5 and insp.score_of(capped, scheme) == 93
    penalised = rec.UnitResult(unit="a", deductions=[rec.Deduction(item="x", points=97)],
                               adjustments=[rec.Adjustment(item="tongbao")])
    assert insp.base_score(penalised, scheme) == 3 and insp.score_of(penalised, scheme) == 0  # never below 0
    # a bonus can overtake a higher base score
    insp_ = rec.Inspection(id="m", date=dt.date(2026, 10, 1), kind="monthly", results=[
        rec.UnitResult(unit="a", score=90), r])
    ranked = insp.ranking(insp_, Appraisal(items=scheme.items, periods=[monthly(RED)]))
    assert [(x.unit, x.score, [g.award.label for g in x.awards]) for x in ranked] == [
        ("b", 92, ["流动红旗"]), ("a", 90, [])]


# -- periods scored by averages ------------------------------------------------------
def model(scheme: Appraisal, **campaign) -> Model:
    camp = Campaign(name="测试", office="测试区爱卫办", place="测试区", stage="consolidation",
                    period=Period(start=Due.month(2026, 1), end=Due.month(2027, 12)), appraisal=scheme, **campaign)
    m = Model(campaign=camp)
    for uid in "abcd":
        m.units[uid] = Unit(id=uid, name=f"单位{uid}")
    return m


def month(day: dt.date, decisions=(), **scores) -> rec.Inspection:
    return rec.Inspection(id=f"m{day}", date=day, kind="monthly", decisions=list(decisions),
                          results=[rec.UnitResult(unit=u, score=s) for u, s in scores.items()])


CUP = Award(id="cup", label="季度流动杯", rule="top", count=1)
YEAR_CUP = Award(id="year", label="年度流动杯", rule="top", count=1)


def cup_model(as_of_months=((7, dict(a=90, b=80)), (8, dict(a=70, b=90)), (9, dict(b=85)),
                            (10, dict(a=95, b=60)))) -> Model:
    scheme = Appraisal(periods=[monthly(RED),
                                PeriodScheme(period="quarterly", average_of=["monthly"], awards=[CUP]),
                                PeriodScheme(period="annual", average_of=["quarterly"], awards=[YEAR_CUP])])
    m = model(scheme)
    for mo, scores in as_of_months:
        i = month(dt.date(2026, mo, 25), **scores)
        m.inspections[i.id] = i
    return m


def test_quarterly_cup_from_the_quarters_monthly_scores():
    m = cup_model()
    results = apr.period_results(m, AS_OF, "quarterly")
    # Q3 ended; Q4 is still running at 2026-11-20: no cup for it yet
    assert [r.span.key for r in results] == ["2026-Q3"]
    q3 = results[0]
    # a: (90 + 70) / 2 = 80 (September not scored, not counted); b: (80 + 90 + 85) / 3 = 85
    assert [(r.unit, r.score, r.parts) for r in q3.ranking] == [("b", 85, (80, 90, 85)), ("a", 80, (90, 70, None))]
    assert [(a.label, units) for a, units in q3.awarded] == [("季度流动杯", [("b", "")])]
    assert [s.label for s in q3.parts] == ["2026年7月", "2026年8月", "2026年9月"]
    # after the quarter ends, Q4 gets its cup from October alone
    later = apr.period_results(m, dt.date(2027, 1, 5), "quarterly")
    assert [r.span.key for r in later] == ["2026-Q3", "2026-Q4"] and later[1].awarded[0][1] == [("a", "")]


def test_annual_cup_from_quarterly_averages():
    m = cup_model()
    assert apr.period_results(m, AS_OF, "annual") == []  # the year is not over
    (year,) = apr.period_results(m, dt.date(2027, 1, 10), "annual")
    # Q3: a 80, b 85; Q4: a 95, b 60 -> a 87.5, b 72.5
    assert [(r.unit, r.score) for r in year.ranking] == [("a", 87.5), ("b", 72.5)]
    assert year.awarded[0][0].label == "年度流动杯" and year.awarded[0][1] == [("a", "")]
    # the unit page's list of awards, oldest first
    awards = apr.unit_awards(m, dt.date(2027, 1, 10))
    assert [(res.span.key, a.label) for res, a, _ in awards["a"]] == [
        ("2026-07", "流动红旗"), ("2026-10", "流动红旗"), ("2026-Q4", "季度流动杯"), ("2026", "年度流动杯")]


# -- bulletins ------------------------------------------------------------------------
def test_bulletins_worded_from_place_and_stage_dated_on_the_cutoff():
    m = cup_model()
    reps = bulletins.reports(m, AS_OF)
    assert [r.key for r in reps] == ["2026-07", "2026-08", "2026-09", "2026-Q3", "2026-10"]
    oct_ = reps[-1]
    assert oct_.title == "关于2026年10月全区巩卫工作检查情况的通报"
    assert oct_.date == oct_.cutoff == dt.date(2026, 10, 31) and oct_.doc_number is None
    q3 = next(r for r in reps if r.key == "2026-Q3")
    assert q3.title == "关于2026年第三季度全区巩卫工作考评情况的通报" and q3.date == dt.date(2026, 9, 30)
    assert "季度流动杯：单位b" in q3.summary and "平均分" in q3.opening
    # a month still running is reported up to as_of, never dated before it
    m.inspections["n"] = month(dt.date(2026, 11, 12), a=80, b=81)
    nov = bulletins.reports(m, AS_OF)[-1]
    assert nov.key == "2026-11" and nov.date == nov.cutoff == AS_OF
    # review stage, county: 全县 … 复审
    r = bulletins.reports(_review(), AS_OF)[0]
    assert r.title == "关于2026年10月全县复审工作检查情况的通报"


def _review() -> Model:
    m = model(Appraisal())
    m.campaign = Campaign(name="测试", office="某办", place="某县", stage="review",
                          period=m.campaign.period, appraisal=Appraisal())
    m.inspections = {"x": month(dt.date(2026, 10, 5), a=90)}
    return m


def test_bulletin_settings_from_data():
    m = cup_model()
    m.campaign = Campaign(**{**{f: getattr(m.campaign, f) for f in ("name", "office", "place", "stage", "period")},
                             "appraisal": Appraisal(periods=m.campaign.appraisal.periods,
                                                    recipients=["各街道办事处"], cc=["区委办公室"])})
    m.bulletins["2026-10"] = Bulletin(period="2026-10", title="关于十月考评的通报", doc_number="测爱卫办〔2026〕9号",
                                      recipients=["区直各单位"], opening="十月份开头。", date=dt.date(2026, 11, 3))
    reps = {r.key: r for r in bulletins.reports(m, AS_OF)}
    oct_ = reps["2026-10"]
    assert (oct_.title, oct_.doc_number, oct_.recipients, oct_.cc, oct_.opening, oct_.date, oct_.cutoff) == (
        "关于十月考评的通报", "测爱卫办〔2026〕9号", ["区直各单位"], ["区委办公室"], "十月份开头。",
        dt.date(2026, 11, 3), dt.date(2026, 10, 31))
    assert reps["2026-09"].recipients == ["各街道办事处"]  # the scheme's default addressees


def test_no_grades_unless_the_scheme_has_them():
    reps = bulletins.reports(cup_model(), AS_OF)
    assert not any(r.grades for r in reps)


def test_period_keys():
    assert [parse_span(t)[0].key for t in ("2026-10", "2026-Q3", "2026q3", "2026", "2026-W42")] == [
        "2026-10", "2026-Q3", "2026-Q3", "2026", "2026-W42"]
    assert parse_span("2026-13")[1] == "月份不存在：2026-13（月份应为 1～12）。"
    assert "无法识别的考评期" in parse_span("十月")[1]
    w = span_of("weekly", dt.date(2026, 10, 16))
    assert (w.first, w.last, w.label) == (dt.date(2026, 10, 12), dt.date(2026, 10, 18), "2026年第42周")
    assert span_of("quarterly", dt.date(2026, 12, 31)).label == "2026年第四季度"


# -- located errors for bad schemes ------------------------------------------------------
CAMPAIGN = """\
name: 测试区巩固国家卫生城区
place: 测试区
stage: consolidation
office: 测试区爱国卫生运动委员会办公室
period:
  start: 2026-01
  end: 2027-12
"""


def project(tmp_path: Path, appraisal: str, files: dict[str, str] | None = None) -> str:
    data = tmp_path / "data"
    (data / "inspections").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    (data / "campaign.yml").write_text(CAMPAIGN + textwrap.dedent(appraisal), "utf-8")
    (data / "units.yml").write_text("- id: a\n  name: 甲街道\n- id: b\n  name: 乙街道\n", "utf-8")
    (data / "people.yml").write_text("[]\n", "utf-8")
    for name, text in (files or {}).items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(textwrap.dedent(text), "utf-8")
    try:
        load(tmp_path, data, tmp_path / "content")
    except CampaignError as err:
        return err.problems.report()
    return ""


def test_a_good_scheme_loads(tmp_path):
    assert project(tmp_path, """\
        appraisal:
          periods:
            - period: monthly
              awards:
                - {id: red, label: 流动红旗, rule: top, count: 1}
                - {id: black, label: 黑旗, rule: decision, tone: criticism}
            - period: quarterly
              average_of: [monthly]
              awards:
                - {id: cup, label: 季度流动杯, rule: top, count: 1}
                - {id: qblack, label: 季度黑旗, rule: decision, tone: criticism}
        """, {"inspections/q.yml": """\
        id: q3
        date: 2026-09-30
        kind: quarterly
        decisions:
          - {award: qblack, unit: a, reason: 季度内三次垫底}
        """}) == ""


def test_unknown_period_is_located(tmp_path):
    out = project(tmp_path, """\
        appraisal:
          periods:
            - period: montly
        """)
    assert ("data/campaign.yml:10:15: appraisal.periods[1].period: 取值“montly”不在可选范围内，"
            "可选：weekly、monthly、quarterly、annual。") in out


def test_scheme_rule_errors(tmp_path):
    out = project(tmp_path, """\
        appraisal:
          grades:
            - {label: 良, min: 75}
            - {label: 优, min: 90}
          periods:
            - period: quarterly
              average_of: [annual]
              awards:
                - {id: cup, label: 季度流动杯, rule: top}
                - {id: line, label: 达标, rule: at_least, count: 2}
                - {id: black, label: 黑旗, rule: decision}
          items:
            - {id: sb, label: 申报, points: 0}
        """)
    assert "data/campaign.yml:11:23: appraisal.grades[2].min: 等次应按分数从高到低排列：“优”（90）不低于上一等次“良”（75）。" in out
    assert "data/campaign.yml:14:19: appraisal.periods[1].average_of: 季度考评的分数只能取更短周期的平均分；“annual”（年度）不比“quarterly”（季度）短。" in out
    assert "data/campaign.yml:16:11: appraisal.periods[1].awards[1].count: “季度流动杯”按得分最高评定，须写名额 count。" in out
    assert "appraisal.periods[1].awards[2].score: “达标”按得分不低于分数线评定，须写分数线 score。" in out
    assert "appraisal.periods[1].awards[2].count: 名额 count 只用于 top、bottom" in out
    assert "appraisal.periods[1].awards[3].tone: 由决定指定的“黑旗”须写明性质 tone" in out
    assert "data/campaign.yml:20:35: appraisal.items[1].points: “申报”的分值为 0" in out


def test_score_lines_that_can_never_apply(tmp_path):
    out = project(tmp_path, """\
        appraisal:
          periods:
            - period: monthly
              awards:
                - {id: a, label: 满分奖, rule: at_least, score: 101}
                - {id: b, label: 负分批评, rule: below, score: 0}
        """)
    assert "data/campaign.yml:12:54: appraisal.periods[1].awards[1].score: “满分奖”的分数线 101 高于满分 100，又没有加分项目，永远评不出。" in out
    assert "data/campaign.yml:13:52: appraisal.periods[1].awards[2].score: “负分批评”要求得分低于 0，而得分最低为 0，永远评不出。" in out


def test_scoring_mode_is_enforced(tmp_path):
    out = project(tmp_path, """\
        appraisal:
          scoring: deductions
        """, {"inspections/m.yml": """\
        id: m10
        date: 2026-10-28
        kind: monthly
        results:
          - unit: a
            score: 90
          - unit: b
            deductions:
              - {item: 积存垃圾, points: 5}
        """})
    assert "data/inspections/m.yml:6:12: results[1].score: 考评办法规定按扣分表打分（scoring: deductions），请改写扣分表 deductions。" in out
    assert "results[2]" not in out


def test_bad_decisions_adjustments_and_bulletins(tmp_path):
    out = project(tmp_path, """\
        appraisal:
          periods:
            - period: monthly
              awards:
                - {id: red, label: 流动红旗, rule: top, count: 1}
                - {id: black, label: 黑旗, rule: decision, tone: criticism}
          items:
            - {id: shenbao, label: 申报, points: 2}
        """, {"inspections/m.yml": """\
        id: m10
        date: 2026-10-28
        kind: monthly
        results:
          - unit: a
            score: 90
            adjustments:
              - item: shenbao2
          - unit: b
            score: 80
        decisions:
          - award: black
            unit: nosuch
            reason: 不整改
          - award: red
            unit: a
        """, "inspections/q.yml": """\
        id: q3
        date: 2026-09-30
        kind: quarterly
        decisions:
          - {award: black, unit: a}
        """, "bulletins/2026-10.yml": """\
        period: 2026-10
        date: 2026-10-20
        """, "bulletins/2026-09.yml": """\
        period: 2026-09
        doc_number: 测爱卫办(2026)3号
        """, "bulletins/q.yml": """\
        period: 2026-Q3
        """})
    assert "data/inspections/m.yml:8:15: results[1].adjustments[1].item: 未知的加减分项目“shenbao2”。是否想写“shenbao”？" in out
    assert "data/inspections/m.yml:13:11: decisions[1].unit: 未知的单位“nosuch”" in out
    assert "data/inspections/m.yml:15:12: decisions[2].award: “流动红旗”按规则 top 评定，不由决定指定。可用：black。" in out
    assert "data/inspections/q.yml:5:13: decisions[1].award: 考评办法里没有季度检查的奖惩" in out
    assert "data/bulletins/2026-09.yml:2:13: doc_number: 发文字号“测爱卫办(2026)3号”格式不对" in out
    assert "data/bulletins/2026-10.yml:2:7: date: 通报日期 2026-10-20 早于它通报的考评期的最后一天（2026-10-31）" in out
    assert "data/bulletins/q.yml:1:9: period: 考评办法里没有发通报的季度考评（现有：月评）" in out


def test_weekly_bulletins_when_the_scheme_says_so():
    scheme = Appraisal(periods=[monthly(RED), PeriodScheme(period="weekly", awards=[
        Award(id="wk", label="周红榜", rule="top", count=1)])])
    m = model(scheme)
    w = rec.Inspection(id="w", date=dt.date(2026, 10, 16), kind="weekly",
                       results=[rec.UnitResult(unit="a", score=80), rec.UnitResult(unit="b", score=90)])
    m.inspections = {"w": w, "m": month(dt.date(2026, 10, 28), a=90, b=80)}
    reps = {r.key: r for r in bulletins.reports(m, AS_OF)}
    assert list(reps) == ["2026-W42", "2026-10"]
    week = reps["2026-W42"]
    assert week.title == "关于2026年第42周全区巩卫工作检查情况的通报" and week.date == dt.date(2026, 10, 18)
    assert week.result is not None and [(a.label, u) for a, u in week.result.awarded] == [("周红榜", [("b", "")])]
    # the weekly inspection has its own bulletin: the month's bulletin does not repeat it
    assert reps["2026-10"].others == [] and "流动红旗：单位a" in reps["2026-10"].summary
    # without weekly bulletins it is reported in the month, ranked with the weekly awards it carries
    m.campaign = Campaign(name="测试", office="某办", place="测试区", stage="consolidation", period=m.campaign.period,
                          appraisal=Appraisal(periods=[monthly(RED), PeriodScheme(period="weekly", bulletin=False)]))
    (oct_,) = bulletins.reports(m, AS_OF)
    assert [i.id for i, _ in oct_.others] == ["w"]


def test_documented_schemes_load(tmp_path):
    """The scheme examples authors copy (the guide's and the new project's) are valid as written."""
    root = Path(__file__).resolve().parent.parent
    guide = (root / "content" / "guide" / "appraisal.md").read_text("utf-8")
    example = re.search(r"```yaml\n(appraisal:\n.*?)```", guide, re.S)[1]
    assert project(tmp_path / "guide", example) == ""
    skeleton = (root / "plugins" / "campaign" / "cli" / "skeleton" / "data" / "campaign.yml").read_text("utf-8")
    block = skeleton[skeleton.index("# appraisal:"):]
    uncommented = "\n".join(line[2:] for line in block.splitlines() if line.startswith("# "))
    assert "count: 3" in uncommented and project(tmp_path / "skeleton", uncommented + "\n") == ""

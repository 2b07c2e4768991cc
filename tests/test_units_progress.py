"""Per-unit progress, inspections, rankings and flags against hand-computed
figures on small models built here (as_of pinned to 2026-11-20)."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign.derive import inspections as insp
from campaign.derive import progress
from campaign.model import inspections as rec
from campaign.model.appraisal import Appraisal, Award, Grade, PeriodScheme
from campaign.model.campaign import Campaign, Period
from campaign.model.dates import Due
from campaign.model.model import Model
from campaign.model.plans import Progress, Task
from campaign.model.schema import Markdown
from campaign.model.units import Unit

AS_OF = dt.date(2026, 11, 20)


def task(tid, units, due, *reports):
    return Task(id=tid, category="环境卫生" if tid < "t4" else "控烟", requirement=Markdown(f"任务{tid}"), due=due,
                leader="p", units=units, progress=[Progress(date=d, percent=p) for d, p in reports])


def scheme(red=1, black=1, full_score=100.0, excellent=90.0, good=75.0) -> Appraisal:
    """The sample's scheme: grades 优 / 良 / 差, monthly red flags at the top and black flags at the bottom."""
    return Appraisal(
        full_score=full_score,
        grades=[Grade(label="优", min=excellent), Grade(label="良", min=good), Grade(label="差", min=0)],
        periods=[PeriodScheme(period="monthly", awards=[
            Award(id="red", label="流动红旗", rule="top", count=red),
            Award(id="black", label="黑旗", rule="bottom", count=black, action="挂黑旗")])])


def flag(r) -> str | None:
    return {"流动红旗": "red", "黑旗": "black"}.get(r.flag_label)


def small_model(**settings) -> Model:
    camp = Campaign(name="测试", office="测试办", period=Period(start=Due.month(2026, 1), end=Due.month(2027, 12)),
                    categories=["环境卫生", "控烟"], appraisal=scheme(**settings))
    m = Model(campaign=camp)
    for uid, parent in (("r", None), ("a", "r"), ("b", "r"), ("a1", "a")):
        m.units[uid] = Unit(id=uid, name=f"单位{uid}", parent=parent)
    tasks = [
        task("t1", ["a"], Due.month(2026, 10), (dt.date(2026, 10, 1), 100)),           # done
        task("t2", ["a"], Due.month(2026, 10), (dt.date(2026, 9, 1), 50)),             # overdue
        task("t3", ["a1"], Due.month(2027, 3), (dt.date(2026, 11, 1), 20)),            # in progress
        task("t4", ["a1"], Due.day(dt.date(2026, 12, 10))),                             # not started, due soon
        task("t5", ["b"], Due.day(dt.date(2026, 12, 15)), (dt.date(2026, 11, 2), 30)),  # in progress, due soon
        task("t6", ["a", "a1"], Due.month(2026, 6), (dt.date(2026, 5, 1), 100)),        # done, shared
        task("t7", ["b"], Due.month(2027, 1), (dt.date(2026, 12, 1), 100)),             # report after as_of
    ]
    for t in tasks:
        m.tasks[t.id] = t
        m.task_plan[t.id] = "p"
    return m


def test_each_status_at_as_of():
    ix = progress.unit_index(small_model(), AS_OF)
    st = {k: (v.key, v.due_soon) for k, v in ix.status.items()}
    assert st == {"t1": ("done", False), "t2": ("overdue", False), "t3": ("in_progress", False),
                  "t4": ("not_started", True), "t5": ("in_progress", True), "t6": ("done", False),
                  "t7": ("not_started", False)}
    assert ix.status["t4"].days_left == 20 and ix.status["t5"].days_left == 25


def test_percentages_and_rollups():
    ix = progress.unit_index(small_model(), AS_OF)
    # a1 leads t3, t4, t6: one of three done
    assert ix.rollup["a1"].total == 3 and ix.rollup["a1"].done == 1
    assert ix.rollup["a1"].percent == pytest.approx(100 / 3)
    # a: own t1, t2, t6 plus a1's t3, t4 (t6 shared, counted once) -> 2 of 5
    assert ix.rollup["a"].total == 5 and ix.rollup["a"].percent == pytest.approx(40.0)
    assert ix.rollup["a"].counts == {"not_started": 1, "in_progress": 1, "done": 2, "overdue": 1}
    assert ix.own_completion("a").percent == pytest.approx(200 / 3)
    assert ix.rollup["b"].percent == 0 and ix.rollup["b"].due_soon == 1
    assert ix.rollup["r"].total == 7 and ix.rollup["r"].percent == pytest.approx(200 / 7)
    assert ix.rollup["r"].due_soon == 2
    assert ix.tree() == [(0, "r"), (1, "a"), (2, "a1"), (1, "b")]


def inspection(kind="monthly", day=dt.date(2026, 10, 28), **scores):
    results = []
    for uid, sc in scores.items():
        if isinstance(sc, list):
            results.append(rec.UnitResult(unit=uid, deductions=[rec.Deduction(item=f"项{i}", points=p) for i, p in enumerate(sc)]))
        else:
            results.append(rec.UnitResult(unit=uid, score=sc))
    return rec.Inspection(id=f"{kind}-{day}", date=day, kind=kind, results=results)


def test_grades_from_the_scheme():
    s = scheme()
    assert [s.grade(x).label for x in (100, 90, 89.5, 75, 74.9, 0)] == ["优", "优", "良", "良", "差", "差"]
    assert scheme(excellent=80, good=60).grade(80).label == "优"
    # no grades in the scheme: no grade at all
    assert Appraisal().grade(95) is None
    assert all(r.grade is None and r.grade_label == "" for r in insp.ranking(inspection(x=95, y=60), Appraisal()))


def test_ranking_ties_and_flags():
    s = scheme()
    ranked = insp.ranking(inspection(x=95, y=88, z=88, w=70, v=70), s)
    assert [(r.unit, r.rank) for r in ranked] == [("x", 1), ("y", 2), ("z", 2), ("w", 4), ("v", 4)]
    assert {r.unit: flag(r) for r in ranked} == {"x": "red", "y": None, "z": None, "w": "black", "v": "black"}
    assert [r.grade_label for r in ranked] == ["优", "良", "良", "差", "差"]
    assert [r.grade_level for r in ranked] == ["top", "", "", "bottom", "bottom"]
    # two red flags: y and z tie at the boundary, both get one
    ranked = insp.ranking(inspection(x=95, y=88, z=88, w=70, v=60), scheme(red=2))
    assert [r.unit for r in ranked if flag(r) == "red"] == ["x", "y", "z"]
    assert [r.unit for r in ranked if flag(r) == "black"] == ["v"]
    # everyone tied: red wins, nobody gets both
    ranked = insp.ranking(inspection(x=80, y=80), s)
    assert [flag(r) for r in ranked] == ["red", "red"]
    # weekly inspections rank but give no flags
    ranked = insp.ranking(inspection("weekly", x=95, y=60), s)
    assert [r.rank for r in ranked] == [1, 2] and all(r.flag is None for r in ranked)
    assert insp.competition_ranks([9, 9, 9, 5, 4, 4, 1]) == [1, 1, 1, 4, 5, 5, 7]


def test_deductions_score_from_full_marks():
    ranked = insp.ranking(inspection(x=[6, 4], y=91), scheme())
    assert [(r.unit, r.score, r.grade_label) for r in ranked] == [("y", 91, "优"), ("x", 90, "优")]
    assert insp.score_of(ranked[1].result, scheme(full_score=50)) == 40


def test_findings_open_closed_overdue_and_history():
    m = small_model()
    day = dt.date(2026, 10, 28)
    fs = [rec.Finding(text="已销号", deadline=dt.date(2026, 11, 10), closed=dt.date(2026, 11, 8)),
          rec.Finding(text="逾期", deadline=dt.date(2026, 11, 15)),
          rec.Finding(text="整改中", deadline=dt.date(2026, 11, 30)),
          rec.Finding(text="as_of 之后才销号", deadline=dt.date(2026, 11, 10), closed=dt.date(2026, 11, 25))]
    oct_ = rec.Inspection(id="m10", date=day, kind="monthly",
                           results=[rec.UnitResult(unit="a", score=80, findings=fs), rec.UnitResult(unit="b", score=92)])
    sep = inspection(day=dt.date(2026, 9, 25), a=95, b=85)
    dec = inspection(day=dt.date(2026, 12, 5), a=50, b=50)  # after as_of: not held yet
    m.inspections = {i.id: i for i in (oct_, sep, dec)}
    ui = insp.by_unit(m, AS_OF)
    assert [f.finding.text for f in ui["a"].closed] == ["已销号"]
    assert [(f.finding.text, f.overdue, f.label) for f in ui["a"].open] == [
        ("逾期", True, "逾期未整改"), ("整改中", False, "整改中"), ("as_of 之后才销号", True, "逾期未整改")]
    assert [(i.date.month, r.score, r.rank, flag(r)) for i, r, n in ui["a"].history] == [(9, 95, 1, "red"), (10, 80, 2, "black")]
    latest = ui["b"].latest_monthly
    assert latest[0] is oct_ and latest[1].rank == 1 and flag(latest[1]) == "red"
    months, trend = insp.score_trend(m, AS_OF)
    assert months == [(2026, 9), (2026, 10)] and trend == {"a": [95, 80], "b": [85, 92]}

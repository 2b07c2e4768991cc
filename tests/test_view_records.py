"""View records: what the page kinds hand their templates, worded and resolved in the view
so that templates only present. The sample covers few of the appraisal scheme's branches;
these build the sentences of the bulletins index for every rule and check them word for word."""
from __future__ import annotations

import pytest

from campaign.model.appraisal import Appraisal, Award, Grade, Item, PeriodScheme
from campaign.views.bulletins import SchemeRules, scheme_rules

pytestmark = pytest.mark.unit


def test_scheme_rules_word_every_award_rule_items_grades_and_averages():
    scheme = Appraisal(
        scoring="deductions",
        items=[Item(id="sb", label="申报", points=2), Item(id="tb", label="被通报", points=-1.5, max=3)],
        grades=[Grade(label="优", min=90), Grade(label="良", min=75.5)],
        periods=[
            PeriodScheme(period="monthly", awards=[
                Award(id="red", label="流动红旗", rule="top", count=1),
                Award(id="black", label="黑旗", rule="bottom", count=2),
                Award(id="warn", label="约谈", rule="decision", tone="criticism")]),
            PeriodScheme(period="quarterly", label="季度流动杯", average_of=["monthly", "weekly"], bulletin=False,
                         awards=[Award(id="cup", label="流动杯", rule="at_least", score=92.5),
                                 Award(id="low", label="通报批评", rule="below", score=60, action="予以通报批评")]),
        ])
    assert scheme_rules(scheme) == SchemeRules(
        scoring="满分 100 分，按扣分表从满分里扣分；另计加减分：申报每次+2 分，被通报每次-1.5 分（每次检查累计不超过 3 分）。",
        grades="等次：90 分及以上为“优”，75.5 分及以上为“良”。",
        periods=[
            "月评（每月）：按本月的检查得分排名；得分最高的 1 个单位授予流动红旗，得分最低的 2 个单位给予黑旗，"
            "约谈由领导决定，通报写明单位和原因。",
            # a period the scheme does not define is named by its length (周)
            "季度流动杯（每季度）：按本季度内各次月评、周得分的平均分排名（期满后评定）；"
            "得分不低于 92.5 分的单位授予流动杯，得分低于 60 分的单位予以通报批评；不单独发通报。",
        ])


def test_scheme_rules_without_items_grades_or_awards():
    rules = scheme_rules(Appraisal(scoring="score", periods=[PeriodScheme(period="monthly")]))
    assert rules == SchemeRules("满分 100 分，直接打分。", "", ["月评（每月）：按本月的检查得分排名。"])

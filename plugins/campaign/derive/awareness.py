"""Derived awareness figures (健康知识知晓率): pure functions of the model.

``campaign score`` writes each quiz's results into data/quiz_results/; the
loader reads them into the model. Here they are combined per unit for the
unit progress pages and compared with the campaign target ``awareness_rate``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from campaign.model.model import Model
from campaign.model.quizzes import Question, QuestionFigures

TARGET_ID = "awareness_rate"


@dataclass(frozen=True)
class QuizFigures:
    quiz: str
    title: str
    respondents: int
    passed: int
    mean_score: float
    awareness_rate: float


@dataclass(frozen=True)
class Awareness:
    """One unit's awareness over every quiz its staff took."""

    respondents: int
    passed: int
    awareness_rate: float                 # share of respondents at or above the pass mark, %
    target: float | None                  # the campaign's awareness_rate target, %; None: no target set
    by_quiz: dict[str, QuizFigures] = field(default_factory=dict)

    @property
    def meets_target(self) -> bool:
        return self.target is not None and self.respondents > 0 and self.awareness_rate >= self.target


def target(model: Model) -> float | None:
    """The campaign's awareness target (%), or None when campaign.yml sets none:
    then no page claims a target or says 达标/未达标."""
    value = model.campaign.target(TARGET_ID)
    return None if value is None else float(value)


def unit_awareness(model: Model) -> dict[str, Awareness]:
    """unit id -> figures, for every unit with respondents (its own staff only;
    a parent's page can add its children's respondents and passes)."""
    goal = target(model)
    per_unit: dict[str, dict[str, QuizFigures]] = {}
    for res in model.quiz_results.values():
        quiz = model.quizzes.get(res.quiz)
        title = quiz.title if quiz else res.quiz
        for u in res.units:
            per_unit.setdefault(u.unit, {})[res.quiz] = QuizFigures(
                res.quiz, title, u.respondents, u.passed, u.mean_score, u.awareness_rate)
    out: dict[str, Awareness] = {}
    for uid in model.units:
        figs = per_unit.get(uid)
        if not figs:
            continue
        n = sum(f.respondents for f in figs.values())
        k = sum(f.passed for f in figs.values())
        out[uid] = Awareness(n, k, round(100.0 * k / n, 1) if n else 0.0, goal, figs)
    return out


def hardest_first(model: Model, quiz_id: str) -> list[tuple[Question, QuestionFigures]]:
    """A quiz's questions with their correct rates, lowest rate first (ties in quiz order)."""
    res = model.quiz_results.get(quiz_id)
    if res is None:
        return []
    qs = model.questions
    rows = [(qs[f.question], f) for f in res.questions if f.question in qs]
    return sorted(rows, key=lambda r: r[1].correct_rate)

"""Which questions a quiz asks, and which quiz asks a question: pure functions of the model."""
from __future__ import annotations

from campaign.model import quizzes
from campaign.model.model import Model
from campaign.model.quizzes import Question, Quiz


def questions_of(model: Model, quiz: Quiz) -> list[Question]:
    """The questions a quiz asks, in order (a fixed draw when the quiz draws)."""
    return quizzes.select(quiz, model.questions, model.quiz_banks)


def quiz_of_question(model: Model, question_id: str) -> str | None:
    """The first quiz that asks a question (where a topic page links it)."""
    for quiz in model.quizzes.values():
        if any(q.id == question_id for q in questions_of(model, quiz)):
            return quiz.id
    return None


def in_test(model: Model, question_id: str) -> bool:
    """A question some test (``mode: test``) asks: its answer is shown nowhere in the public copy."""
    return any(quiz.mode == "test" and any(q.id == question_id for q in questions_of(model, quiz))
               for quiz in model.quizzes.values())


def answer_text(q: Question) -> str:
    """The correct answer as read aloud: 'B. 选项' or '对'."""
    if q.type == "true_false":
        return q.correct[0]
    opts = dict(zip(q.keys, q.options))
    return "；".join(f"{k}. {opts[k]}" for k in q.correct)


HARDER_FIRST = ("multiple", "single", "true_false")


def points(qs: list[Question], total: int = 100) -> list[int]:
    """Whole-number points per question summing to ``total`` (the printed paper and its key): every
    question gets the same share, and the points left over go one each to the harder questions first
    (多选, then 单选, then 判断; in paper order within a type)."""
    if not qs:
        return []
    base, extra = divmod(total, len(qs))
    order = sorted(range(len(qs)), key=lambda i: (HARDER_FIRST.index(qs[i].type), i))
    bonus = set(order[:extra])
    return [base + (1 if i in bonus else 0) for i in range(len(qs))]

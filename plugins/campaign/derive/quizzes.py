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

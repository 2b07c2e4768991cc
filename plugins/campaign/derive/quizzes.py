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

"""Quiz pages (知识测试): one page per quiz, a results page per quiz with
results, the paper and answer key as PDFs, and the LMS exports.

Without JavaScript a quiz page is a study sheet: every question with its
answer and explanation behind a disclosure. quiz.js turns it into a form that
scores itself; the answer key is in the page (a study quiz, graded in the
browser) as a JSON script tag.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable

from ..model import Model

from .. import awareness, quiz_export, quizzes
from ..quizzes import Question, Quiz
from . import ROUTES, BuildContext, GeneratedPage, Output, PrintJob, href, topics

INDEX = "quizzes/index.md"
STYLES = ("print/base.css", "print/quiz.css")


def quiz_uri(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}.md"


def results_uri(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}-results.md"


ROUTES["quiz"] = lambda model, key: (quiz_uri(key), "")
ROUTES["quiz_results"] = lambda model, key: (results_uri(key), "")
ROUTES["question"] = lambda model, key: (quiz_uri(quiz_of_question(model, key) or ""), f"q-{key}")


def quiz_of_question(model: Model, question_id: str) -> str | None:
    """The first quiz that asks a question (where a topic page links it)."""
    for quiz in quizzes.quizzes(model).values():
        if any(q.id == question_id for q in quizzes.select(model, quiz)):
            return quiz.id
    return None


def answer_text(q: Question) -> str:
    """The correct answer as read aloud: 'B. 选项' or '对'."""
    if q.type == "true_false":
        return q.correct[0]
    opts = dict(zip(q.keys, q.options))
    return "；".join(f"{k}. {opts[k]}" for k in q.correct)


def key_data(quiz: Quiz, qs: list[Question]) -> dict:
    """What quiz.js needs to grade in the browser."""
    return {"id": quiz.id, "pass_mark": quiz.pass_mark, "questions": [
        {"id": q.id, "type": q.type, "keys": q.keys, "options": q.choices, "answer": q.correct}
        for q in qs]}


def files(quiz_id: str) -> dict[str, str]:
    """Site paths of a quiz's downloads."""
    return {"paper": f"print/quizzes/{quiz_id}-paper.pdf", "key": f"print/quizzes/{quiz_id}-key.pdf",
            "gift": f"quizzes/{quiz_id}.gift.txt", "moodle": f"quizzes/{quiz_id}.moodle.xml",
            "template": f"quizzes/{quiz_id}-responses-template.csv"}


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model = ctx.model
    all_quizzes = quizzes.quizzes(model)
    all_results = quizzes.results(model)
    goal = awareness.target(model)
    titles = {tid: t.title for tid, t in topics.topics(model).items()}
    rows = []
    for quiz in all_quizzes.values():
        res = all_results.get(quiz.id)
        rows.append((quiz, len(quizzes.select(model, quiz)), res, href(INDEX, quiz_uri(quiz.id)),
                     href(INDEX, results_uri(quiz.id)) if res else None))
    yield GeneratedPage(INDEX, "知识测试", ctx.render("quizzes/index.html", rows=rows, target=goal))
    for quiz in all_quizzes.values():
        src = quiz_uri(quiz.id)
        qs = quizzes.select(model, quiz)
        res = all_results.get(quiz.id)
        links = {k: href(src, v) for k, v in files(quiz.id).items()}
        body = ctx.render("quizzes/quiz.html", quiz=quiz, questions=qs, answer_text=answer_text,
                          topic_link=lambda tid, src=src: ctx.link(src, "topic", tid), topic_titles=titles,
                          key=key_data(quiz, qs), links=links,
                          results=href(src, results_uri(quiz.id)) if res else None,
                          script=href(src, "assets/campaign/quiz.js"))
        marks = quizzes.points(qs)
        paper = ctx.render("quizzes/paper.html", quiz=quiz, questions=qs, points=marks)
        answers = ctx.render("quizzes/key.html", quiz=quiz, questions=qs, answer_text=answer_text, points=marks)
        yield GeneratedPage(src, quiz.title, body, in_nav=True, prints=[
            PrintJob(f"quizzes/{quiz.id}-paper", paper, STYLES, f"{quiz.title}（试卷）"),
            PrintJob(f"quizzes/{quiz.id}-key", answers, STYLES, f"{quiz.title}（答案）"),
        ])
        if res is not None:
            rsrc = results_uri(quiz.id)
            units = sorted(res.units, key=lambda u: (-u.awareness_rate, list(model.units).index(u.unit)))
            body = ctx.render("quizzes/results.html", quiz=quiz, res=res, units=units, target=goal,
                              hardest=awareness.hardest_first(model, quiz.id), answer_text=answer_text,
                              quiz_link=href(rsrc, src),
                              link=lambda kind, key, s=rsrc: ctx.link(s, kind, key))
            yield GeneratedPage(rsrc, f"{quiz.title}：结果与知晓率", body, in_nav=False)


def response_template(quiz: Quiz, qs: list[Question]) -> bytes:
    """A CSV to collect answers: the header and two example rows (UTF-8 with BOM for Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["单位", *[q.id for q in qs]])
    for _ in range(2):
        w.writerow(["", *["" for _ in qs]])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def outputs(ctx: BuildContext) -> Iterable[Output]:
    for quiz in quizzes.quizzes(ctx.model).values():
        qs = quizzes.select(ctx.model, quiz)
        f = files(quiz.id)
        yield Output(f["gift"], quiz_export.gift(quiz, qs).encode("utf-8"))
        yield Output(f["moodle"], quiz_export.moodle_xml(quiz, qs))
        yield Output(f["template"], response_template(quiz, qs))

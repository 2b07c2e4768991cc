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
from collections.abc import Iterable
from typing import Any

from campaign.derive import awareness
from campaign.derive.quizzes import points, questions_of
from campaign.export import quiz as quiz_export
from campaign.model.quizzes import Question, Quiz
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, PrintJob, href
from campaign.views.routes import QUIZZES, quiz_results_uri, quiz_uri

STYLES = ("print/base.css", "print/quiz.css")


def answer_text(q: Question) -> str:
    """The correct answer as read aloud: 'B. 选项' or '对'."""
    if q.type == "true_false":
        return q.correct[0]
    opts = dict(zip(q.keys, q.options))
    return "；".join(f"{k}. {opts[k]}" for k in q.correct)


def key_data(quiz: Quiz, qs: list[Question]) -> dict[str, Any]:
    """What quiz.js needs to grade in the browser."""
    return {"id": quiz.id, "pass_mark": quiz.pass_mark, "questions": [
        {"id": q.id, "type": q.type, "keys": q.keys, "options": q.choices, "answer": q.correct}
        for q in qs]}


def files(quiz_id: str) -> dict[str, str]:
    """Site paths of a quiz's downloads."""
    return {"paper": f"print/quizzes/{quiz_id}-paper.pdf", "key": f"print/quizzes/{quiz_id}-key.pdf",
            "gift": f"quizzes/{quiz_id}.gift.txt", "moodle": f"quizzes/{quiz_id}.moodle.xml",
            "template": f"quizzes/{quiz_id}-responses-template.csv"}


def response_template(quiz: Quiz, qs: list[Question]) -> bytes:
    """A CSV to collect answers: the header and two example rows (UTF-8 with BOM for Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["单位", *[q.id for q in qs]])
    for _ in range(2):
        w.writerow(["", *["" for _ in qs]])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


class Quizzes(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        goal = awareness.target(model)
        titles = {tid: t.title for tid, t in model.topics.items()}
        rows = []
        for quiz in model.quizzes.values():
            res = model.quiz_results.get(quiz.id)
            rows.append((quiz, len(questions_of(model, quiz)), res, href(QUIZZES, quiz_uri(quiz.id)),
                         href(QUIZZES, quiz_results_uri(quiz.id)) if res else None))
        yield GeneratedPage(QUIZZES, "知识测试", ctx.render("quizzes/index.html", rows=rows, target=goal))
        for quiz in model.quizzes.values():
            src = quiz_uri(quiz.id)
            qs = questions_of(model, quiz)
            res = model.quiz_results.get(quiz.id)
            links = {k: href(src, v) for k, v in files(quiz.id).items()}
            body = ctx.render("quizzes/quiz.html", quiz=quiz, questions=qs, answer_text=answer_text,
                              link=ctx.links(src), topic_titles=titles,
                              key=key_data(quiz, qs), links=links,
                              results=href(src, quiz_results_uri(quiz.id)) if res else None,
                              script=href(src, "assets/campaign/quiz.js"))
            marks = points(qs)
            paper = ctx.render("quizzes/paper.html", quiz=quiz, questions=qs, points=marks)
            answers = ctx.render("quizzes/key.html", quiz=quiz, questions=qs, answer_text=answer_text, points=marks)
            yield GeneratedPage(src, quiz.title, body, in_nav=True, prints=[
                PrintJob(f"quizzes/{quiz.id}-paper", paper, STYLES, f"{quiz.title}（试卷）"),
                PrintJob(f"quizzes/{quiz.id}-key", answers, STYLES, f"{quiz.title}（答案）"),
            ])
            if res is not None:
                rsrc = quiz_results_uri(quiz.id)
                order = list(model.units)
                units = sorted(res.units, key=lambda u: (-u.awareness_rate, order.index(u.unit)))
                body = ctx.render("quizzes/results.html", quiz=quiz, res=res, units=units, target=goal,
                                  hardest=awareness.hardest_first(model, quiz.id), answer_text=answer_text,
                                  quiz_link=href(rsrc, src), link=ctx.links(rsrc))
                yield GeneratedPage(rsrc, f"{quiz.title}：结果与知晓率", body, in_nav=False)

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        for quiz in ctx.model.quizzes.values():
            qs = questions_of(ctx.model, quiz)
            f = files(quiz.id)
            yield Output(f["gift"], quiz_export.gift(quiz, qs).encode("utf-8"))
            yield Output(f["moodle"], quiz_export.moodle_xml(quiz, qs))
            yield Output(f["template"], response_template(quiz, qs))

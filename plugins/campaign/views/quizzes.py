"""Quiz pages (知识测试): one page per quiz, a results page per quiz with
results, the paper and answer key as PDFs, and the LMS exports.

A practice quiz (``mode: practice``) without JavaScript is a study sheet:
every question with its answer and explanation behind a disclosure. quiz.js
turns it into a form that scores itself; the answer key is in the page (a
study quiz, graded in the browser) as a JSON script tag.

A test (``mode: test``) keeps its answers out of the public copy: not in the
page, its data, the topic pages, the results page or any download; the answer
key PDF and the LMS exports are made for the staff copy only. quiz.js takes
one submission and points to the results page.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from campaign.derive import awareness
from campaign.derive.quizzes import answer_text, points, questions_of
from campaign.export import quiz as quiz_export
from campaign.model.model import Model
from campaign.model.quizzes import Question, Quiz
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, PrintJob, href
from campaign.views.routes import QUIZZES, quiz_results_uri, quiz_uri

STYLES = ("print/base.css", "print/quiz.css")


def answers_shown(model: Model, quiz: Quiz) -> bool:
    """Practice quizzes show their answers; a test's answers are for the staff copy only."""
    return quiz.mode != "test" or model.audience == "internal"


def key_data(quiz: Quiz, qs: list[Question], results: str | None = None) -> dict[str, Any]:
    """What quiz.js needs: in practice mode the key to grade in the browser; in test mode
    only the questions (one submission, no answers in the page)."""
    test = quiz.mode == "test"
    return {"id": quiz.id, "pass_mark": quiz.pass_mark, "mode": quiz.mode, "results": results, "questions": [
        {"id": q.id, "type": q.type, "keys": q.keys, "options": q.choices, **({} if test else {"answer": q.correct})}
        for q in qs]}


def files(quiz_id: str, with_answers: bool = True) -> dict[str, str]:
    """Site paths of a quiz's downloads; the key and the LMS exports carry the answers."""
    out = {"paper": f"print/quizzes/{quiz_id}-paper.pdf", "template": f"quizzes/{quiz_id}-responses-template.csv"}
    if with_answers:
        out |= {"key": f"print/quizzes/{quiz_id}-key.pdf", "gift": f"quizzes/{quiz_id}.gift.txt",
                "moodle": f"quizzes/{quiz_id}.moodle.xml"}
    return out


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
        if not model.quizzes:
            yield from ctx.no_data({QUIZZES: "知识测试"}, "知识测试")
            return
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
            shown = answers_shown(model, quiz)
            links = {k: href(src, v) for k, v in files(quiz.id, shown).items()}
            results = href(src, quiz_results_uri(quiz.id)) if res else None
            body = ctx.render("quizzes/quiz.html", quiz=quiz, questions=qs, answer_text=answer_text,
                              link=ctx.links(src), topic_titles=titles,
                              key=key_data(quiz, qs, results), links=links, answers=shown, results=results,
                              script=href(src, "assets/campaign/quiz.js"))
            marks = points(qs)
            paper = ctx.render("quizzes/paper.html", quiz=quiz, questions=qs, points=marks)
            answers = ctx.render("quizzes/key.html", quiz=quiz, questions=qs, answer_text=answer_text, points=marks)
            prints = [PrintJob(f"quizzes/{quiz.id}-paper", paper, STYLES, f"{quiz.title}（试卷）")]
            if shown:
                prints.append(PrintJob(f"quizzes/{quiz.id}-key", answers, STYLES, f"{quiz.title}（答案）"))
            yield GeneratedPage(src, quiz.title, body, in_nav=True, prints=prints)
            if res is not None:
                rsrc = quiz_results_uri(quiz.id)
                order = list(model.units)
                units = sorted(res.units, key=lambda u: (-u.awareness_rate, order.index(u.unit)))
                body = ctx.render("quizzes/results.html", quiz=quiz, res=res, units=units, target=goal,
                                  hardest=awareness.hardest_first(model, quiz.id), answer_text=answer_text,
                                  answers=shown,
                                  quiz_link=href(rsrc, src), link=ctx.links(rsrc))
                yield GeneratedPage(rsrc, f"{quiz.title}：结果与知晓率", body, in_nav=False)

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        for quiz in ctx.model.quizzes.values():
            qs = questions_of(ctx.model, quiz)
            f = files(quiz.id, answers_shown(ctx.model, quiz))
            if "gift" in f:
                yield Output(f["gift"], quiz_export.gift(quiz, qs).encode("utf-8"))
                yield Output(f["moodle"], quiz_export.moodle_xml(quiz, qs))
            yield Output(f["template"], response_template(quiz, qs))

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
from dataclasses import dataclass
from typing import Any

from campaign.derive import awareness
from campaign.derive.quizzes import answer_text, points, questions_of
from campaign.export import quiz as quiz_export
from campaign.model.model import Model
from campaign.model.quizzes import Question, QuestionFigures, Quiz, QuizResults, UnitFigures
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


@dataclass(frozen=True)
class QuizRow:
    """A quiz in the index: its page, its number of questions, its results and their page."""

    quiz: Quiz
    questions: int
    results: QuizResults | None
    url: str
    results_url: str | None


@dataclass(frozen=True)
class Item:
    """A question as the quiz page, the paper and the key show it."""

    number: int               # 1, 2, … in paper order
    question: Question
    points: int               # on the printed paper
    answer: str               # shown only where the quiz's answers are (``answers_shown``)
    topic_title: str
    topic_url: str


@dataclass(frozen=True)
class UnitRow:
    """A unit's figures on the results page; ``met``: the target reached (None without a target)."""

    figures: UnitFigures
    name: str
    url: str
    met: bool | None


@dataclass(frozen=True)
class Hardest:
    question: Question
    figures: QuestionFigures
    answer: str


def items(ctx: BuildContext, src: str, qs: list[Question]) -> list[Item]:
    marks = points(qs)
    return [Item(n, q, marks[n - 1], answer_text(q), ctx.model.topics[q.topic].title if q.topic else "",
                 ctx.link(src, "topic", q.topic) if q.topic else "")
            for n, q in enumerate(qs, 1)]


def met(rate: float, goal: float | None) -> bool | None:
    return None if goal is None else rate >= goal


def unit_rows(ctx: BuildContext, src: str, res: QuizResults, goal: float | None) -> list[UnitRow]:
    """The units by awareness rate, highest first (ties in the order of the units)."""
    order = list(ctx.model.units)
    units = sorted(res.units, key=lambda u: (-u.awareness_rate, order.index(u.unit)))
    return [UnitRow(u, ctx.model.unit_name(u.unit), ctx.link(src, "unit", u.unit), met(u.awareness_rate, goal))
            for u in units]


def papers(ctx: BuildContext, quiz: Quiz, listed: list[Item], total: float, shown: bool) -> list[PrintJob]:
    """The paper and, where answers are public, its key."""
    jobs = [PrintJob(f"quizzes/{quiz.id}-paper", ctx.render("quizzes/paper.html", quiz=quiz, items=listed, total=total),
                     STYLES, f"{quiz.title}（试卷）")]
    if shown:
        jobs.append(PrintJob(f"quizzes/{quiz.id}-key", ctx.render("quizzes/key.html", quiz=quiz, items=listed, total=total),
                             STYLES, f"{quiz.title}（答案）"))
    return jobs


class Quizzes(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        if not model.quizzes:
            yield from ctx.no_data({QUIZZES: "知识测试"}, "知识测试")
            return
        goal = awareness.target(model)
        rows = []
        for quiz in model.quizzes.values():
            res = model.quiz_results.get(quiz.id)
            rows.append(QuizRow(quiz, len(questions_of(model, quiz)), res, href(QUIZZES, quiz_uri(quiz.id)),
                                href(QUIZZES, quiz_results_uri(quiz.id)) if res else None))
        yield GeneratedPage(QUIZZES, "知识测试", ctx.render("quizzes/index.html", rows=rows, target=goal))
        for quiz in model.quizzes.values():
            src = quiz_uri(quiz.id)
            qs = questions_of(model, quiz)
            res = model.quiz_results.get(quiz.id)
            shown = answers_shown(model, quiz)
            links = {k: href(src, v) for k, v in files(quiz.id, shown).items()}
            results = href(src, quiz_results_uri(quiz.id)) if res else None
            listed = items(ctx, src, qs)
            total = sum(i.points for i in listed)
            body = ctx.render("quizzes/quiz.html", quiz=quiz, items=listed,
                              key=key_data(quiz, qs, results), links=links, answers=shown, results=results,
                              script=href(src, "assets/campaign/quiz.js"))
            prints = ctx.prints_of(papers, quiz, listed, total, shown)
            yield GeneratedPage(src, quiz.title, body, in_nav=True, prints=prints)
            if res is not None:
                rsrc = quiz_results_uri(quiz.id)
                hardest = [Hardest(q, f, answer_text(q)) for q, f in awareness.hardest_first(model, quiz.id)]
                body = ctx.render("quizzes/results.html", quiz=quiz, res=res, units=unit_rows(ctx, rsrc, res, goal),
                                  target=goal, met=met(res.overall.awareness_rate, goal), hardest=hardest,
                                  answers=shown, quiz_link=href(rsrc, src))
                yield GeneratedPage(rsrc, f"{quiz.title}：结果与知晓率", body, in_nav=False)

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        for quiz in ctx.model.quizzes.values():
            qs = questions_of(ctx.model, quiz)
            f = files(quiz.id, answers_shown(ctx.model, quiz))
            if "gift" in f:
                yield Output(f["gift"], quiz_export.gift(quiz, qs).encode("utf-8"))
                yield Output(f["moodle"], quiz_export.moodle_xml(quiz, qs))
            yield Output(f["template"], response_template(quiz, qs))

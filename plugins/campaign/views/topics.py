"""Health-education topics (健康知识): each topic page keeps the author's
Markdown body under a header from its front matter; an index groups topics by
category."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from campaign.derive.quizzes import answer_text, in_test, quiz_of_question
from campaign.derive.topics import by_category, questions_for
from campaign.model.quizzes import Question
from campaign.model.topics import Topic
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import TOPICS, topic_uri

SEARCH_BOOST = 4  # material's per-page search weight: a topic ranks above boards and notices on its subject


@dataclass(frozen=True)
class TopicLink:
    topic: Topic
    url: str


@dataclass(frozen=True)
class Category:
    name: str
    topics: list[TopicLink]


@dataclass(frozen=True)
class Ask:
    """A quiz question on a topic page (考考你): its answer unless a test keeps it out of this copy,
    and the quiz that asks it."""

    question: Question
    answer: str | None        # None: a test's question in the public copy
    quiz_url: str | None
    quiz_title: str


def asks(ctx: BuildContext, src: str, topic: Topic) -> list[Ask]:
    model = ctx.model
    out = []
    for q in questions_for(model, topic.id or ""):
        hidden = in_test(model, q.id) and model.audience != "internal"
        quiz_id = quiz_of_question(model, q.id)
        out.append(Ask(q, None if hidden else answer_text(q),
                       ctx.link(src, "question", q.id) if quiz_id else None,
                       model.quizzes[quiz_id].title if quiz_id else ""))
    return out


class Topics(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        if not model.topics:
            yield from ctx.no_data({TOPICS: "健康知识"}, "健康知识主题")
            return
        groups = [Category(cat, [TopicLink(t, href(TOPICS, topic_uri(t.id or ""))) for t in ts])
                  for cat, ts in by_category(model)]
        yield GeneratedPage(TOPICS, "健康知识", ctx.render("topics/index.html", groups=groups))
        for t in model.topics.values():
            src = topic_uri(t.id or "")
            body = ctx.render("topics/topic.html", topic=t, questions=asks(ctx, src, t), index=href(src, TOPICS))
            yield GeneratedPage(src, t.title, body, in_nav=True, meta={"search": {"boost": SEARCH_BOOST}})

"""Health-education topics (健康知识): each topic page keeps the author's
Markdown body under a header from its front matter; an index groups topics by
category."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive.quizzes import quiz_of_question
from campaign.derive.topics import by_category, questions_for
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import TOPICS, topic_uri


class Topics(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        groups = [(cat, [(t, href(TOPICS, topic_uri(t.id or ""))) for t in ts]) for cat, ts in by_category(model)]
        yield GeneratedPage(TOPICS, "健康知识", ctx.render("topics/index.html", groups=groups))
        for t in model.topics.values():
            src = topic_uri(t.id or "")
            qs = [(q, ctx.link(src, "question", q.id) if quiz_of_question(model, q.id) else None)
                  for q in questions_for(model, t.id or "")]
            body = ctx.render("topics/topic.html", topic=t, questions=qs, index=href(src, TOPICS))
            yield GeneratedPage(src, t.title, body, in_nav=True)

"""Health-education topics (健康知识): each topic page keeps the author's
Markdown body under a header from its front matter; an index groups topics by
category."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive.quizzes import answer_text, in_test, quiz_of_question
from campaign.derive.topics import by_category, questions_for
from campaign.views.base import BuildContext, GeneratedPage, PageKind, href
from campaign.views.routes import TOPICS, topic_uri

SEARCH_BOOST = 4  # material's per-page search weight: a topic ranks above boards and notices on its subject


class Topics(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model = ctx.model
        if not model.topics:
            yield from ctx.no_data({TOPICS: "健康知识"}, "健康知识主题")
            return
        groups = [(cat, [(t, href(TOPICS, topic_uri(t.id or ""))) for t in ts]) for cat, ts in by_category(model)]
        yield GeneratedPage(TOPICS, "健康知识", ctx.render("topics/index.html", groups=groups))
        for t in model.topics.values():
            src = topic_uri(t.id or "")
            qs = [(q, ctx.link(src, "question", q.id) if quiz_of_question(model, q.id) else None)
                  for q in questions_for(model, t.id or "")]
            quiz_titles = {}
            for q, url in qs:
                quiz_id = quiz_of_question(model, q.id) if url else None
                if quiz_id:
                    quiz_titles[q.id] = model.quizzes[quiz_id].title
            body = ctx.render("topics/topic.html", topic=t, questions=qs, index=href(src, TOPICS),
                              answer_text=answer_text, quiz_titles=quiz_titles,
                              test_mode=lambda q: in_test(model, q.id) and model.audience != "internal")
            yield GeneratedPage(src, t.title, body, in_nav=True, meta={"search": {"boost": SEARCH_BOOST}})

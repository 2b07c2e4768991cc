"""Health-education topics (健康知识): Markdown pages under content/topics/
whose front matter says what the topic is (category, summary, key points,
audience, sources). The author's Markdown body is kept; the page gets a
header from the front matter, and an index groups topics by category.

Other kinds link to a topic with ``Annotated[str, Ref("topic")]`` and
``ctx.link(src, "topic", id)``.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Iterable

from .. import quizzes
from .. import loader
from ..model import Id, Model
from ..problems import Problems
from ..schema import Markdown, Record, fld
from ..sources import read_text, split_front_matter
from .quizzes import answer_text, in_test, quiz_of_question
from . import ROUTES, BuildContext, GeneratedPage, href

INDEX = "topics/index.md"
SEARCH_BOOST = 4  # material's per-page search weight (boards get less: boards.SEARCH_BOOST)
# Categories shown first, in this order; others follow in order of appearance.
CATEGORY_ORDER = ["疾病预防", "慢性病防治", "病媒生物防制", "食品安全", "心理健康", "控烟", "环境卫生", "健康生活方式"]


@dataclass(frozen=True, kw_only=True)
class Topic(Record):
    id: Id | None = fld(None, doc="主题编号（不填则用文件名，如 hand-washing.md → hand-washing）", example="hand-washing")
    title: str = fld(doc="标题", example="勤洗手，防疾病")
    category: str = fld(doc="分类（疾病预防、病媒生物防制、食品安全、心理健康、控烟……）", example="疾病预防")
    summary: Markdown = fld(doc="一两句话的摘要（显示在目录和宣传栏上）")
    key_points: list[Markdown] = fld(doc="核心要点（宣传栏和测试都从这里取材）", example=["饭前便后要洗手"])
    audience: list[str] = fld(factory=list, doc="适用人群", example=["居民", "学生"])
    sources: list[Markdown] = fld(factory=list, doc="依据和参考资料（可用 Markdown 链接）")
    # not a YAML key: the Markdown body below the front matter, kept by the loader
    body: str = dataclasses.field(default="", compare=False, repr=False, metadata={"source": True})


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


ROUTES["topic"] = lambda model, key: (topic_uri(key), "")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _add_topic(model: Model, topic: Topic, reg: loader.Registry, problems: Problems) -> None:
    file = getattr(topic, "source", None)
    body = ""
    if file is not None:
        text = read_text(file, topic.loc.path, Problems())
        body = split_front_matter(text or "")[2]
    key = topic.id or (file.stem if file is not None else "")
    if not topic.id and not _ID.fullmatch(key):
        problems.add(topic.loc, "id", f"文件名“{key}”不能直接作编号（只能用英文字母、数字、- 和 _），请在 front matter 里写 id。")
        return
    if key == "index":
        problems.add(topic.loc, "id", "“index”留给健康知识目录页，请给这个主题换一个编号或文件名。")
        return
    topic = dataclasses.replace(topic, id=key, body=body)
    if reg.define("topic", key, topic.where("id"), problems, "id"):
        model.extra.setdefault("topic", {})[key] = topic  # type: ignore[union-attr]


loader.SOURCES.append(loader.Source("topics/*.md", Topic, _add_topic, front_matter=True, label="健康知识主题", kind="topic"))


def topics(model: Model) -> dict[str, Topic]:
    return model.extra.get("topic", {})  # type: ignore[return-value]


def by_category(model: Model) -> list[tuple[str, list[Topic]]]:
    groups: dict[str, list[Topic]] = {}
    for t in topics(model).values():
        groups.setdefault(t.category, []).append(t)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    keys = sorted(groups, key=lambda c: (order.get(c, len(order)), list(groups).index(c)))
    return [(c, groups[c]) for c in keys]


def questions_for(model: Model, topic_id: str) -> list[quizzes.Question]:
    """The quiz questions that test a topic."""
    return [q for q in quizzes.questions(model).values() if q.topic == topic_id]


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model = ctx.model
    groups = [(cat, [(t, href(INDEX, topic_uri(t.id or ""))) for t in ts]) for cat, ts in by_category(model)]
    yield GeneratedPage(INDEX, "健康知识", ctx.render("topics/index.html", groups=groups))
    for t in topics(model).values():
        src = topic_uri(t.id or "")
        qs = [(q, ctx.link(src, "question", q.id) if quiz_of_question(model, q.id) else None)
              for q in questions_for(model, t.id or "")]
        body = ctx.render("topics/topic.html", topic=t, questions=qs, index=href(src, INDEX),
                          answer_text=answer_text, test_mode=lambda q: in_test(model, q.id) and model.audience != "internal",
                          quiz_titles={q.id: quizzes.quizzes(model)[quiz_of_question(model, q.id)].title
                                       for q, url in qs if url})
        # a topic ranks above boards and notices that mention its subject
        yield GeneratedPage(src, t.title, body, in_nav=True, meta={"search": {"boost": SEARCH_BOOST}})

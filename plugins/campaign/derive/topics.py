"""Topics grouped for the index, and the quiz questions that test a topic."""
from __future__ import annotations

from campaign.model.model import Model
from campaign.model.quizzes import Question
from campaign.model.topics import Topic

# Categories shown first, in this order; others follow in order of appearance.
CATEGORY_ORDER = ["疾病预防", "慢性病防治", "病媒生物防制", "食品安全", "心理健康", "控烟", "环境卫生", "健康生活方式"]


def by_category(model: Model) -> list[tuple[str, list[Topic]]]:
    groups: dict[str, list[Topic]] = {}
    for t in model.topics.values():
        groups.setdefault(t.category, []).append(t)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    keys = sorted(groups, key=lambda c: (order.get(c, len(order)), list(groups).index(c)))
    return [(c, groups[c]) for c in keys]


def questions_for(model: Model, topic_id: str) -> list[Question]:
    """The quiz questions that test a topic."""
    return [q for q in model.questions.values() if q.topic == topic_id]

"""Where every page of the site is: the one table of page paths (src_uri, relative
to content/) by record kind, so a page kind links to another kind's records
through ``BuildContext.link`` and never imports that kind."""
from __future__ import annotations

from collections.abc import Callable

from campaign.derive.quizzes import quiz_of_question
from campaign.model.model import Model

PLANS = "plans/index.md"
NOTICES = "notices/index.md"
NOTICE_FEED = "notices/feed.xml"
UNITS = "units/index.md"
DASHBOARD = "dashboard/index.md"
BULLETINS = "bulletins/index.md"
QUIZZES = "quizzes/index.md"
TOPICS = "topics/index.md"
TOBACCO = "tobacco/index.md"
TOBACCO_UNITS = "tobacco/units.md"
BOARDS = "boards/index.md"
CALENDAR = "calendar/index.md"
CALENDAR_ICS = "calendar.ics"
GUIDE_FIELDS = "guide/fields.md"

# The section pages made only when their data exists: src_uri -> where that data goes.
# Without data a section is left out of the public site (navigation entries dropped).
SECTIONS: dict[str, str] = {
    PLANS: "data/plans/", NOTICES: "content/notices/", UNITS: "data/units.yml",
    DASHBOARD: "data/tasks/ 或 data/inspections/", BULLETINS: "data/inspections/",
    QUIZZES: "data/quizzes/", TOPICS: "content/topics/", TOBACCO: "data/tobacco.yml",
    TOBACCO_UNITS: "data/tobacco.yml", BOARDS: "data/boards/", CALENDAR: "data/campaign.yml 的 period",
    GUIDE_FIELDS: "content/guide/",
}


def plan_uri(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def bulletin_uri(key: str) -> str:
    return f"bulletins/{key}.md"


def quiz_uri(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}.md"


def quiz_results_uri(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}-results.md"


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def board_uri(board_id: str) -> str:
    return f"boards/{board_id}.md"


Route = Callable[[Model, str], tuple[str, str]]


def _question(model: Model, key: str) -> tuple[str, str]:
    return quiz_uri(quiz_of_question(model, key) or ""), f"q-{key}"


# record kind -> fn(model, id) -> (src_uri, anchor)
ROUTES: dict[str, Route] = {
    "plan": lambda model, key: (plan_uri(key), ""),
    "task": lambda model, key: (plan_uri(model.task_plan[key]), f"task-{key}"),
    "unit": lambda model, key: (unit_uri(key), ""),
    "notice": lambda model, key: (model.notices[key].src_uri, ""),
    "bulletin": lambda model, key: (bulletin_uri(key), ""),
    "quiz": lambda model, key: (quiz_uri(key), ""),
    "quiz_results": lambda model, key: (quiz_results_uri(key), ""),
    "question": _question,
    "topic": lambda model, key: (topic_uri(key), ""),
    "tobacco": lambda model, key: (TOBACCO_UNITS, f"unit-{key}"),
    "board": lambda model, key: (board_uri(key), ""),
    "boards": lambda model, key: (BOARDS, ""),
}

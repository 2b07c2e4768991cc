"""Identifiers: the one pattern every record id and id-like file name follows,
and the reference types that name a record of another kind."""
from __future__ import annotations

import re
from typing import Annotated

from campaign.model.schema import Pattern, Range, Ref

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]*"
ID_MESSAGE = "编号“{value}”只能用英文字母、数字、- 和 _，且以字母或数字开头。"
_ID = re.compile(ID_PATTERN)

Id = Annotated[str, Pattern(ID_PATTERN, ID_MESSAGE)]
UnitRef = Annotated[str, Ref("unit")]
PersonRef = Annotated[str, Ref("person")]
PlanRef = Annotated[str, Ref("plan")]
TaskRef = Annotated[str, Ref("task")]
TopicRef = Annotated[str, Ref("topic")]
QuizRef = Annotated[str, Ref("quiz")]
QuestionRef = Annotated[str, Ref("question")]
CategoryRef = Annotated[str, Ref("category")]
Percent = Annotated[float, Range(0, 100)]
# The name of a plan's task table (a key that joins a task file to a plan's section, not free text).
TableName = Annotated[str, Pattern(r"[^\n\r]{1,40}", "任务表名称“{value}”须写在一行内、不超过 40 个字。")]

# The Chinese name of each kind of record, for messages ("未知的单位“x”").
KIND_NAMES = {"unit": "单位", "person": "人员", "plan": "方案", "category": "工作类别", "task": "任务",
              "notice": "通知公告", "topic": "健康主题", "quiz": "测试", "question": "题目",
              "quiz_bank": "题库", "inspection": "检查", "board": "宣传栏"}


def is_id(text: str) -> bool:
    """Whether ``text`` can serve as an id (and so as part of a URL)."""
    return bool(_ID.fullmatch(text))


def file_id(path: str) -> str:
    """The id a record takes from its file name when it has none: ``boards/2026-06.yml`` → ``2026-06``."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]

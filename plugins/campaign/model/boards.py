"""Publicity boards (宣传栏), data/boards/*.yml: one file per board issue with
its period, physical size and panels built from topics."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Annotated

from campaign.model.campaign import Period
from campaign.model.ids import Id, QuizRef, TopicRef, file_id, is_id
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Markdown, Pattern, Record, fld

PAPER = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}
_SIZE = re.compile(r"\s*(?:(?P<paper>[Aa][0-5])|(?P<w>\d+(?:\.\d+)?)\s*(?:mm)?\s*[x×X*]\s*(?P<h>\d+(?:\.\d+)?)\s*(?:mm)?)\s*")
Size = Annotated[str, Pattern(_SIZE.pattern, "尺寸“{value}”不是有效的尺寸：请写 A3、A2 等纸张规格，或“宽×高”的毫米数，如 1200×900。")]


@dataclass(frozen=True, kw_only=True)
class Panel(Record):
    topic: TopicRef = fld(doc="主题编号（content/topics/ 下的文件）", example="hand-washing")
    title: str = fld("", doc="板块标题（不填则用主题标题）")
    key_points: list[Markdown] = fld(factory=list, doc="要点（不填则用主题的核心要点）")
    illustration: str = fld("", doc="插图位置：写明要放的图（文件名或说明），版面上留出位置", example="七步洗手法示意图")
    quiz: QuizRef | None = fld(None, doc="二维码改为指向这个测试（不填则指向主题页面）")


@dataclass(frozen=True, kw_only=True)
class Board(Record):
    id: Id | None = fld(None, doc="期编号（不填则用文件名）", example="2026-06")
    title: str = fld(doc="本期标题", example="夏季防病 从我做起")
    number: int | None = fld(None, doc="期数", example=1)
    period: Period = fld(doc="展出时间（start 开始、end 结束，月份或日期）")
    size: Size = fld("A3", doc="版面尺寸：A3、A2 等，或“宽×高”毫米数，如 1200×900", example="A2")
    panels: list[Panel] = fld(doc="板块（每块取材于一个健康知识主题）")
    contact: Markdown = fld("", doc="联系方式（不填则用 campaign.yml 的主办机构和电话）")
    note: str = fld("", doc="内部备注", internal=True)


def parse_size(text: str) -> tuple[float, float] | None:
    """(width, height) in mm, or None when the text is not a size."""
    m = _SIZE.fullmatch(text)
    if not m:
        return None
    if m["paper"]:
        return tuple(map(float, PAPER[m["paper"].upper()]))  # type: ignore[return-value]
    return float(m["w"]), float(m["h"])


def add_board(into: dict[str, Board], board: Board, reg: Registry, problems: Problems) -> None:
    """A board's id is its file name unless the file gives one."""
    stem = file_id(board.loc.path)
    key = board.id or stem
    if not board.id and not is_id(key):
        problems.add(board.loc, "id", f"文件名“{stem}”不能直接作编号，请在文件里写 id。")
        return
    board = dataclasses.replace(board, id=key)
    if reg.define("board", key, board.where("id"), problems):
        into[key] = board


def check_boards(boards: dict[str, Board], problems: Problems) -> None:
    items = sorted(boards.values(), key=lambda b: (b.period.start.first, b.loc))
    for b in items:
        size = parse_size(b.size)
        if size is not None and not all(20 <= x <= 5000 for x in size):
            problems.add(b.where("size"), b.path("size"),
                         f"尺寸“{b.size}”不是有效的尺寸：宽和高都应在 20～5000 毫米之间。")
        if b.period.end.last < b.period.start.first:
            problems.add(b.period.where("end"), b.period.path("end"), "结束时间早于开始时间。")
        if not b.panels:
            problems.add(b.where("panels"), b.path("panels"), "至少要有一个板块。")
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if b.period.start.first <= a.period.end.last and a.period.start.first <= b.period.end.last:
                problems.add(b.where("period"), b.path("period"),
                             f"展出时间（{b.period.start}～{b.period.end}）与 {a.loc.path} 的“{a.title}”"
                             f"（{a.period.start}～{a.period.end}）重叠，同一时间只能展出一期。")

"""Publicity boards (宣传栏): one file per board issue in data/boards/. Each
issue has a period, a physical size and panels built from topics, with a QR
code to the topic (or quiz) page on the hosted site. A web preview and a PDF
at the exact physical size per issue; a schedule page with the current
issue, and in the internal build a warning when the next issue is due or late
(the rhythm is one issue every two months).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Iterable, Literal
from urllib.parse import urljoin

from .. import loader
from ..model import Id, Model, Period
from ..problems import Problems
from ..qr import qr_svg
from ..schema import Markdown, Pattern, Record, Ref, fld
from . import ROUTES, BuildContext, GeneratedPage, PrintJob, href, page_url
from .topics import Topic, topics

INDEX = "boards/index.md"
RHYTHM_MONTHS = 2          # the seeds: a new issue every two months, six a year
WARN_DAYS = 14             # the internal build warns this many days before the next issue is due
PAPER = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420), "A4": (210, 297), "A5": (148, 210)}
_SIZE = re.compile(r"\s*(?:(?P<paper>[Aa][0-5])|(?P<w>\d+(?:\.\d+)?)\s*(?:mm)?\s*[x×X*]\s*(?P<h>\d+(?:\.\d+)?)\s*(?:mm)?)\s*")
Size = Annotated[str, Pattern(_SIZE.pattern, "尺寸“{value}”不是有效的尺寸：请写 A3、A2 等纸张规格，或“宽×高”的毫米数，如 1200×900。")]
TopicRef = Annotated[str, Ref("topic")]
QuizRef = Annotated[str, Ref("quiz")]


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


def _add_board(model: Model, board: Board, reg: loader.Registry, problems: Problems) -> None:
    stem = board.loc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    key = board.id or stem
    if not board.id and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", key):
        problems.add(board.loc, "id", f"文件名“{stem}”不能直接作编号，请在文件里写 id。")
        return
    board = dataclasses.replace(board, id=key)
    if reg.define("board", key, board.where("id"), problems):
        model.extra.setdefault("board", {})[key] = board  # type: ignore[union-attr]


def _check(model: Model, reg: loader.Registry, problems: Problems) -> None:
    items = sorted(boards(model).values(), key=lambda b: (b.period.start.first, b.loc))
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


loader.SOURCES.append(loader.Source("boards/*.yml", Board, _add_board, label="宣传栏"))
loader.CHECKS.append(_check)


def board_uri(board_id: str) -> str:
    return f"boards/{board_id}.md"


ROUTES["board"] = lambda model, key: (board_uri(key), "")


# -- derived: pure functions of (model, as_of) -------------------------------
def boards(model: Model) -> dict[str, Board]:
    return model.extra.get("board", {})  # type: ignore[return-value]


def in_order(model: Model) -> list[Board]:
    return sorted(boards(model).values(), key=lambda b: b.period.start.first)


def add_months(d: dt.date, n: int) -> dt.date:
    import calendar

    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Schedule:
    current: Board | None
    next: Board | None
    due: dt.date | None        # when the next issue must be up
    state: Literal["ok", "due", "late", "none"]
    days: int                  # days left (due) or days late (late)


def schedule(model: Model, as_of: dt.date) -> Schedule:
    items = in_order(model)
    if not items:
        return Schedule(None, None, None, "none", 0)
    current = next((b for b in items if b.period.start.first <= as_of <= b.period.end.last), None)
    started = [b for b in items if b.period.start.first <= as_of]
    later = [b for b in items if b.period.start.first > as_of]
    nxt = later[0] if later else None
    if current is not None:
        due = min(current.period.end.last + dt.timedelta(days=1),
                  add_months(current.period.start.first, RHYTHM_MONTHS))
    elif started:
        due = started[-1].period.end.last + dt.timedelta(days=1)
    else:
        return Schedule(None, nxt, nxt.period.start.first if nxt else None, "ok", 0)
    if nxt is not None and nxt.period.start.first <= due:
        return Schedule(current, nxt, due, "ok", (due - as_of).days)
    if as_of >= due:
        return Schedule(current, nxt, due, "late", (as_of - due).days)
    if (due - as_of).days <= WARN_DAYS:
        return Schedule(current, nxt, due, "due", (due - as_of).days)
    return Schedule(current, nxt, due, "ok", (due - as_of).days)


def qr_target(model: Model, panel: Panel) -> str:
    """The page a panel's QR code opens, as a site-relative src_uri."""
    if panel.quiz and "quiz" in ROUTES:
        return ROUTES["quiz"](model, panel.quiz)[0]
    return ROUTES["topic"](model, panel.topic)[0]


def absolute_url(site_url: str, src_uri: str) -> str:
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url(src_uri))


@dataclass(frozen=True)
class PanelView:
    panel: Panel
    topic: Topic
    title: str
    key_points: list[str]
    url: str
    qr: str
    link: str

    @property
    def short_url(self) -> str:
        """The URL as printed under the code: no scheme, no trailing slash."""
        return re.sub(r"^https?://", "", self.url).rstrip("/")


# -- print sizes by viewing distance --------------------------------------------------------
# A board is read from about 2.2 times its short side (an A3 sheet at 0.66 m, A2 at 0.93 m, a
# 1200 × 900 mm board at 2 m). Body text needs an ink height of 8.5 mm per metre of that distance
# (the signage rule of about 1/118 of the distance: 17 mm at 2 m); Chinese characters' ink is about
# 0.86 of the type size. The QR code is 30 mm on A3 and grows with the sheet (scanned from farther).
READ_DISTANCE_PER_MM = 2.2 / 1000      # m of viewing distance per mm of the short side
INK_MM_PER_M = 8.5
INK_RATIO = 0.86
QR_A3_MM = 30.0
QR_MODULE_A3_MM = 1.0                  # a module (dot) on A3: scannable from about 1 m with a phone's preview


def viewing_distance(size: tuple[float, float]) -> float:
    return round(min(size) * READ_DISTANCE_PER_MM, 2)


def body_pt(size: tuple[float, float]) -> float:
    """Type size (pt) whose characters' ink meets the rule at the board's viewing distance."""
    ink = viewing_distance(size) * INK_MM_PER_M
    return round(ink / INK_RATIO / (25.4 / 72), 1)


def qr_mm(size: tuple[float, float]) -> tuple[float, float]:
    """(least width of the code, least module) in mm: the A3 values, scaled up with the sheet."""
    scale = max(1.0, min(size) / PAPER["A3"][0])
    return round(QR_A3_MM * scale, 1), round(QR_MODULE_A3_MM * scale, 2)


def panel_views(ctx: BuildContext, board: Board, src: str,
                qr_size: tuple[float, float] | None = None) -> list[PanelView]:
    all_topics = topics(ctx.model)
    out = []
    for p in board.panels:
        t = all_topics[p.topic]
        target = qr_target(ctx.model, p)
        url = absolute_url(ctx.site_url, target)
        out.append(PanelView(p, t, p.title or t.title, list(p.key_points or t.key_points), url,
                             qr_svg(url, p.title or t.title, *(qr_size or (None, 0.0))), href(src, target)))
    return out


def contact(model: Model, board: Board) -> str:
    if board.contact:
        return board.contact
    c = model.campaign
    parts = [c.office] + ([f"电话 {c.phone}"] if c.phone else []) + ([f"地址 {c.address}"] if c.address else [])
    return "　".join(parts)


def _layout(size: tuple[float, float], panels: int) -> dict:
    """Page size, body type size (by viewing distance), QR size and columns of a board."""
    w, h = size
    cols = min(max(panels, 1), 4) if w > h * 1.2 else (1 if panels == 1 else 2)
    qr = qr_mm(size)
    # room kept at a panel's foot for the code (with its quiet zone) and two lines of small text under it
    qr_room = round(qr[0] * 1.35 + 2 * 0.72 * 1.4 * body_pt(size) * 25.4 / 72 + 4, 1)
    return {"w": w, "h": h, "font": body_pt(size), "cols": cols, "qr": qr, "qr_room": qr_room,
            "distance": viewing_distance(size)}


# -- pages and prints ---------------------------------------------------------
def _article(ctx: BuildContext, board: Board, src: str, css_page: bool) -> str:
    layout = _layout(parse_size(board.size) or PAPER["A3"], len(board.panels))
    return ctx.render("boards/board.html", board=board,
                      panels=panel_views(ctx, board, src, layout["qr"] if css_page else None),
                      contact=contact(ctx.model, board), layout=layout, css_page=css_page)


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    model, as_of = ctx.model, ctx.as_of
    items = in_order(model)
    if not items:  # no data yet: the page stays, so the navigation does not break
        yield GeneratedPage(INDEX, "宣传栏", ctx.render("partials/empty.html", title="宣传栏", what="宣传栏",
                                                     where="data/boards/"))
        return
    sched = schedule(model, as_of)
    # The warning is for staff: only the internal build has it.
    warning = sched if model.audience == "internal" and sched.state in ("due", "late") else None
    rows = [(b, href(INDEX, board_uri(b.id or "")), href(INDEX, f"print/boards/{b.id}.pdf")) for b in items]
    yield GeneratedPage(INDEX, "宣传栏", ctx.render("boards/index.html", rows=rows, schedule=sched, warning=warning,
                                                  rhythm=RHYTHM_MONTHS))
    for b in items:
        src = board_uri(b.id or "")
        body = ctx.render("boards/page.html", board=b, article=_article(ctx, b, src, False),
                          pdf=href(src, f"print/boards/{b.id}.pdf"), index=href(src, INDEX),
                          link=lambda kind, key, src=src: ctx.link(src, kind, key))
        yield GeneratedPage(src, b.title, body, in_nav=False,
                            prints=[PrintJob(f"boards/{b.id}", _article(ctx, b, src, True), ("print/board.css",), b.title)])

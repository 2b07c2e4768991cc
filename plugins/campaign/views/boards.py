"""Publicity boards (宣传栏): a web preview and a PDF at the exact physical size
per board issue, with a QR code per panel to its topic (or quiz) page on the
hosted site; a schedule page with the current issue, and in the internal build a
warning when the next issue is due or late."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from campaign.derive.boards import RHYTHM_MONTHS, body_pt, in_order, qr_mm, schedule, viewing_distance
from campaign.model.boards import PAPER, Board, Panel, parse_size
from campaign.model.model import Model
from campaign.model.topics import Topic
from campaign.print.qr import qr_svg
from campaign.views.base import BuildContext, GeneratedPage, PageKind, PrintJob, href, page_url
from campaign.views.routes import BOARDS, ROUTES, board_uri


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


def panel_views(ctx: BuildContext, board: Board, src: str,
                qr_size: tuple[float, float] | None = None) -> list[PanelView]:
    out = []
    for p in board.panels:
        t = ctx.model.topics[p.topic]
        target = ROUTES["quiz"](ctx.model, p.quiz)[0] if p.quiz else ROUTES["topic"](ctx.model, p.topic)[0]
        url = absolute_url(ctx.site_url, target)
        out.append(PanelView(p, t, p.title or t.title, list(p.key_points or t.key_points), url,
                             qr_svg(url, p.title or t.title, *(qr_size or (None, 0.0))), href(src, target)))
    return out


@dataclass(frozen=True)
class BoardRow:
    """One issue in the index: its page, its PDF, and whether it is up now."""

    board: Board
    url: str
    pdf: str
    current: bool


@dataclass(frozen=True)
class TopicLink:
    """A panel's title and the topic page it is about."""

    title: str
    url: str


@dataclass(frozen=True)
class Layout:
    """A board's page size (mm), body type size (pt), columns, QR size and room kept for it (mm)."""

    w: float
    h: float
    font: float
    cols: int
    qr: tuple[float, float]
    qr_room: float
    distance: float            # metres it is read from

    @property
    def orientation(self) -> str:
        return "portrait" if self.h > self.w else "landscape"


def contact(model: Model, board: Board) -> str:
    if board.contact:
        return board.contact
    c = model.campaign
    parts = [c.office] + ([f"电话 {c.phone}"] if c.phone else []) + ([f"地址 {c.address}"] if c.address else [])
    return "　".join(parts)


def _layout(size: tuple[float, float], panels: int) -> Layout:
    """Page size, body type size (by viewing distance), QR size and columns of a board."""
    w, h = size
    cols = min(max(panels, 1), 4) if w > h * 1.2 else (1 if panels == 1 else 2)
    qr = qr_mm(size)
    # room kept at a panel's foot for the code (with its quiet zone) and two lines of small text under it
    qr_room = round(qr[0] * 1.35 + 2 * 0.72 * 1.4 * body_pt(size) * 25.4 / 72 + 4, 1)
    return Layout(w, h, body_pt(size), cols, qr, qr_room, viewing_distance(size))


def _article(ctx: BuildContext, board: Board, src: str, css_page: bool) -> str:
    if ctx.listing_only:
        return ""  # no QR codes to draw for a check
    layout = _layout(parse_size(board.size) or PAPER["A3"], len(board.panels))
    return ctx.render("boards/board.html", board=board,
                      panels=panel_views(ctx, board, src, layout.qr if css_page else None),
                      contact=contact(ctx.model, board), layout=layout, css_page=css_page)


def _paper(ctx: BuildContext, board: Board, src: str) -> list[PrintJob]:
    return [PrintJob(f"boards/{board.id}", _article(ctx, board, src, True), ("print/board.css",), board.title)]


class Boards(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        model, as_of = ctx.model, ctx.as_of
        items = in_order(model)
        if not items:
            yield from ctx.no_data({BOARDS: "宣传栏"}, "宣传栏")
            return
        sched = schedule(model, as_of)
        # The warning is for staff: only the internal build has it.
        warning = sched if model.audience == "internal" and sched.state in ("due", "late") else None
        rows = [BoardRow(b, href(BOARDS, board_uri(b.id or "")), href(BOARDS, f"print/boards/{b.id}.pdf"),
                         b is sched.current) for b in items]
        yield GeneratedPage(BOARDS, "宣传栏", ctx.render("boards/index.html", rows=rows, current=[r for r in rows if r.current],
                                                      warning=warning, rhythm=RHYTHM_MONTHS))
        for b in items:
            src = board_uri(b.id or "")
            body = ctx.render("boards/page.html", board=b, article=_article(ctx, b, src, False),
                              pdf=href(src, f"print/boards/{b.id}.pdf"), index=href(src, BOARDS),
                              topics=[TopicLink(p.title or model.topics[p.topic].title, ctx.link(src, "topic", p.topic))
                                      for p in b.panels])
            yield GeneratedPage(src, b.title, body, in_nav=False, prints=ctx.prints_of(_paper, b, src))

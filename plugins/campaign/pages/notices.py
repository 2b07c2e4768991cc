"""Notices (通知 / 公示 / 通报): the header and imprint around each notice page,
the notice index, the Atom feed and the GB/T 9704 PDFs.

Notices are Markdown pages the authors write (content/notices/**.md, front
matter checked by ``notice_records``); MkDocs renders their body and
``page_content`` dresses it: doc number, date, issuer, addressees, the 公示
status at ``as_of``, attachments and the PDF link.

For other page kinds (monthly 通报 generated from inspections, say): a
function ``fn(ctx) -> Iterable[Notice]`` appended with ``add_provider`` puts
its notices (records built in code, ``src_uri`` their generated page) into
the index and the feed; ``web_html`` and ``print_job`` give them the same
web header and the same PDF layout.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import quote
from typing import Callable, Iterable

from markupsafe import Markup

from .. import atom
from ..notice_records import KIND_LABELS, KIND_ORDER, Notice, attachment_target, notices
from . import ROUTES, BuildContext, GeneratedPage, Output, PrintJob, href, page_url

INDEX = "notices/index.md"
FEED = "notices/feed.xml"
STYLESHEETS = ("print/gbt9704.css",)

ROUTES["notice"] = lambda model, key: (notices(model)[key].src_uri, "")

# Other page kinds add notices of their own: fn(ctx) -> Iterable[Notice].
PROVIDERS: list[Callable[[BuildContext], Iterable[Notice]]] = []


def add_provider(fn: Callable[[BuildContext], Iterable[Notice]]) -> None:
    PROVIDERS.append(fn)


def all_notices(ctx: BuildContext) -> list[Notice]:
    out = list(notices(ctx.model).values())
    for fn in PROVIDERS:
        out.extend(fn(ctx))
    return out


def scheduled(model, as_of: dt.date) -> list[Notice]:
    """Notices dated after ``as_of``: not yet to be published."""
    return [n for n in notices(model).values() if n.date > as_of]


def withhold(model, as_of: dt.date) -> list[Notice]:
    """Scheduled notices: one dated after ``as_of`` leaves the (public) model, so no page, index
    entry, feed entry or PDF has it; the first build on or after its date publishes it."""
    held = scheduled(model, as_of)
    if held:
        model.extra["notices"] = {k: n for k, n in notices(model).items() if n.date <= as_of}
    return held


# -- the 公示 status at as_of ------------------------------------------------
@dataclass(frozen=True)
class Status:
    key: str          # upcoming | open | closed
    label: str        # 未开始 / 公示中（剩余N天）/ 已结束
    days_left: int = 0


def status(notice: Notice, as_of: dt.date) -> Status | None:
    """Where a 公示 stands on ``as_of``; days left count the end day itself."""
    p = notice.notice_period
    if notice.kind != "public_notice" or p is None:
        return None
    if as_of < p.start:
        return Status("upcoming", "未开始")
    if as_of > p.end:
        return Status("closed", "已结束")
    left = (p.end - as_of).days + 1
    return Status("open", f"公示中（剩余{left}天）", left)


# -- pieces shared by the web page, the index, the feed and the PDF ---------
def pdf_name(notice: Notice) -> str:
    return f"notices/{notice.id}"


def banner(notice: Notice) -> tuple[str, int]:
    """The 发文机关标志 and a whole size (pt, 12–36) that keeps it on one line of the type area;
    the print CSS has a class per size (no inline styles: the site's CSP forbids them)."""
    text = notice.banner or (notice.issuer if notice.kind == "public_notice" else f"{notice.issuer}文件")
    return text, max(12, min(36, int(436 / max(len(text), 1))))


def attachment_links(ctx: BuildContext, notice: Notice) -> list[tuple[str, str]]:
    links = []
    for att in notice.attachments:
        if att.file:
            url = href(notice.src_uri, attachment_target(notice, att))
        elif att.plan:
            url = ctx.link(notice.src_uri, "plan", att.plan)
        else:
            url = ctx.link(notice.src_uri, "task", att.task or "")
        links.append((att.title, url))
    return links


def summary(ctx: BuildContext, notice: Notice) -> str:
    if notice.summary:
        return notice.summary
    for block in re.split(r"\n\s*\n", notice.body):
        block = block.strip()
        if block and not block.startswith(("#", "|", "!!!", "<", "---")) and not block.endswith(("：", ":")):
            text = re.sub(r"<[^>]+>", "", str(ctx.env.filters["md_inline"](block)))
            return re.sub(r"\s+", "", text)[:120]
    return ""


def web_html(ctx: BuildContext, notice: Notice, body_html: str) -> str:
    """The notice page: header, the author's body, signature, attachments, imprint."""
    name, size = banner(notice)
    return ctx.render("notices/notice.html", n=notice, body=Markup(body_html), status=status(notice, ctx.as_of),
                      banner=name, banner_size=size, attachments=attachment_links(ctx, notice),
                      pdf=href(notice.src_uri, f"print/{pdf_name(notice)}.pdf"),
                      index=href(notice.src_uri, INDEX),
                      css=href(notice.src_uri, "assets/campaign/print/gbt9704.css"))


def print_job(ctx: BuildContext, notice: Notice, body_html: str | None = None) -> PrintJob:
    """The GB/T 9704 PDF of a notice (``print/notices/<id>.pdf``)."""
    if body_html is None:
        body_html = str(ctx.env.filters["md"](notice.body))
    name, size = banner(notice)
    article = ctx.render("notices/print.html", n=notice, body=Markup(body_html), banner=name, banner_size=size,
                         attachments=[title for title, _ in attachment_links(ctx, notice)])
    return PrintJob(pdf_name(notice), article, STYLESHEETS, notice.title)


# -- the page kind -------------------------------------------------------------
def _order(as_of: dt.date):
    def key(n: Notice):
        return (-n.date.toordinal(), n.title)
    return key


def pages(ctx: BuildContext) -> Iterable[GeneratedPage]:
    items = all_notices(ctx)
    rows = {n.id: (n, status(n, ctx.as_of), href(INDEX, n.src_uri)) for n in items}
    current = sorted((n for n in items if (s := status(n, ctx.as_of)) and s.key == "open"),
                     key=lambda n: (n.notice_period.end, n.title))  # type: ignore[union-attr]
    groups = []
    for kind in KIND_ORDER:
        of_kind = sorted((n for n in items if n.kind == kind), key=_order(ctx.as_of))
        years = [(year, [rows[n.id] for n in ns]) for year, ns in groupby(of_kind, key=lambda n: n.year)]
        if years:
            groups.append((kind, KIND_LABELS[kind], years))
    body = ctx.render("notices/index.html", current=[rows[n.id] for n in current], groups=groups,
                      feed=href(INDEX, FEED), total=len(items))
    yield GeneratedPage(INDEX, "通知公告", body, meta={"feed": FEED})


def page_content(ctx: BuildContext, src_uri: str, html: str) -> str:
    """A content page that is a notice gets its header and imprint around the body."""
    notice = next((n for n in notices(ctx.model).values() if n.src_uri == src_uri), None)
    return html if notice is None else web_html(ctx, notice, html)


def prints(ctx: BuildContext) -> Iterable[PrintJob]:
    for notice in notices(ctx.model).values():
        yield print_job(ctx, notice)


def outputs(ctx: BuildContext) -> Iterable[Output]:
    base = ctx.site_url.rstrip("/") + "/"
    entries = [atom.Entry(id=base + quote(page_url(n.src_uri)), title=f"【{n.kind_label}】{n.title}",
                          url=base + quote(page_url(n.src_uri)), published=n.date, summary=summary(ctx, n),
                          author=n.issuer, category=n.kind_label)
               for n in all_notices(ctx)]
    campaign = ctx.model.campaign
    data = atom.feed(base + page_url(INDEX), f"{campaign.name}：通知公告", base + page_url(INDEX),
                     base + FEED, entries, author=campaign.office,
                     subtitle="通知、公示、通报，按成文日期排列。")
    yield Output(FEED, data)

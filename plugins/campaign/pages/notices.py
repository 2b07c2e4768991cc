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
from typing import Callable, Iterable

from markupsafe import Markup

from .. import atom, titles
from ..notice_records import KIND_LABELS, KIND_ORDER, Notice, attachment_target, notices
from . import ROUTES, BuildContext, GeneratedPage, Output, PrintJob, href, page_url, plans

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


# A 2号 (22 pt) title line holds 20 characters of the 156 mm type area.
TITLE_EM = 20


@dataclass(frozen=True)
class Annex:
    """An attachment bound into the PDF after the body (GB/T 9704 7.3.6)."""

    label: str                # 附件 / 附件1
    title_lines: tuple[str, ...]
    html: Markup


def annexes(ctx: BuildContext, notice: Notice) -> list[Annex]:
    """The attachments that are documents: plans (their 公文 text) and tables or texts filed with the notice.
    Other files (spreadsheets, pictures) and task links stay in the 附件说明 only."""
    out: list[tuple[int, str, Markup]] = []
    for number, att in enumerate(notice.attachments, 1):
        html: str | None = None
        if att.plan and att.plan in ctx.model.plans:
            html = plans.print_body(ctx, ctx.model.plans[att.plan])
        elif att.file:
            html = _file_html(ctx, ctx.docs_dir / attachment_target(notice, att))
        if html is not None:
            out.append((number, att.title, Markup(html)))
    many = len(notice.attachments) > 1
    return [Annex(f"附件{number}" if many else "附件", titles.lines(title, TITLE_EM), html)
            for number, title, html in out]


def _file_html(ctx: BuildContext, path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".csv" and path.is_file():
        return ctx.render("notices/annex_table.html", rows=_csv_rows(path))
    if suffix in (".md", ".markdown") and path.is_file():
        return str(ctx.env.filters["md"](path.read_text("utf-8")))
    return None


def _csv_rows(path) -> list[list[str]]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.reader(f)]


CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals, as headings number them: 一, 十, 十一, 二十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else "") + (CN_DIGITS[ones] if ones else "")


def number_headings(html: str) -> str:
    """Number the h2 and h3 of generated text as a 公文 does: 一、 and （一）."""
    counts = [0, 0]

    def heading(m: re.Match) -> str:
        level = int(m.group(1)) - 2
        counts[level] += 1
        if level == 0:
            counts[1] = 0
        mark = f"{cn_number(counts[0])}、" if level == 0 else f"（{cn_number(counts[1])}）"
        return m.group(0) + mark
    return re.sub(r"<h([23])\b[^>]*>", heading, html)


def _em(text: str) -> float:
    """Advance of a line of 三号 仿宋 in em: Chinese characters one em, numerals half, each 0.25 pt tighter."""
    return sum((0.5 if ord(ch) < 0x2000 else 1.0) - 0.25 / 16 for ch in text)


@dataclass(frozen=True)
class Signature:
    """署名 and 成文日期 as printed, with their right offsets in em (GB/T 9704 7.3.5).

    Unsealed (7.3.5.2): the signature 右空二字, the date starting two characters right of the signature's
    first character; a date longer than that stands 右空二字 and the signature moves left with it.
    Sealed (7.3.5.1): the date 右空四字, the signature centred on the date."""

    signer: str
    date: dt.date | None
    sealed: bool = False

    @property
    def offsets(self) -> tuple[float, float]:
        from ..dates import cn_date

        s, d = _em(self.signer), _em(cn_date(self.date)) if self.date else 0.0
        if self.sealed:
            signer, date = 4 + (d - s) / 2, 4.0
            if signer < 0:      # a signature far longer than the date: both move left
                signer, date = 0.0, date - signer
        elif s >= d + 2:
            signer, date = 2.0, s - d
        else:
            signer, date = 4 + d - s, 2.0
        return round(signer, 3), round(date, 3)

    @property
    def signer_right(self) -> float:
        return self.offsets[0]

    @property
    def date_right(self) -> float:
        return self.offsets[1]


def print_job(ctx: BuildContext, notice: Notice, body_html: str | None = None, *, counted: bool = False) -> PrintJob:
    """The GB/T 9704 PDF of a notice (``print/notices/<id>.pdf``); ``counted``: number the headings 一、（一）."""
    if body_html is None:
        body_html = str(ctx.env.filters["md"](notice.body))
    if counted:
        body_html = number_headings(body_html)
    name, size = banner(notice)
    article = ctx.render("notices/print.html", n=notice, body=Markup(body_html), banner=name, banner_size=size,
                         title_lines=titles.lines(notice.title, TITLE_EM),
                         signature=Signature(notice.signatory or notice.issuer, notice.date, notice.sealed),
                         attachments=[title for title, _ in attachment_links(ctx, notice)],
                         annexes=annexes(ctx, notice))
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
    entries = [atom.Entry(id=base + page_url(n.src_uri), title=f"【{n.kind_label}】{n.title}",
                          url=base + page_url(n.src_uri), published=n.date, summary=summary(ctx, n),
                          author=n.issuer, category=n.kind_label)
               for n in all_notices(ctx)]
    campaign = ctx.model.campaign
    data = atom.feed(base + page_url(INDEX), f"{campaign.name}：通知公告", base + page_url(INDEX),
                     base + FEED, entries, author=campaign.office,
                     subtitle="通知、公示、通报，按成文日期排列。")
    yield Output(FEED, data)

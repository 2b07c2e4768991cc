"""Notices (通知 / 公示 / 通报): the header and imprint around each notice page,
the notice index, the Atom feed and the GB/T 9704 PDFs.

Notices are Markdown pages the authors write (content/notices/**.md, front
matter checked by ``model.notices``); MkDocs renders their body and ``dress``
puts it in its 公文 frame: doc number, date, issuer, addressees, the 公示
status at ``as_of``, attachments and the PDF link. The monthly bulletins join
the index and the feed as 通报 (``officialdoc.all_notices``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import quote

from campaign.derive.notices import Status, status
from campaign.export import atom
from campaign.model.notices import KIND_LABELS, KIND_ORDER, Notice
from campaign.views import officialdoc
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, PrintJob, href, page_url
from campaign.views.routes import NOTICE_FEED, NOTICES


@dataclass(frozen=True)
class NoticeRow:
    """A notice in the index: its 公示 status at as_of (None for other kinds) and its page."""

    notice: Notice
    status: Status | None
    url: str


@dataclass(frozen=True)
class Year:
    year: int
    rows: list[NoticeRow]


@dataclass(frozen=True)
class KindGroup:
    """The notices of one kind, newest year first."""

    kind: str
    label: str
    years: list[Year]


def kind_groups(items: list[Notice], rows: dict[str, NoticeRow]) -> list[KindGroup]:
    groups = []
    for kind in KIND_ORDER:
        of_kind = sorted((n for n in items if n.kind == kind), key=lambda n: (-n.date.toordinal(), n.title))
        years = [Year(year, [rows[n.id] for n in ns]) for year, ns in groupby(of_kind, key=lambda n: n.year)]
        if years:
            groups.append(KindGroup(kind, KIND_LABELS[kind], years))
    return groups


class Notices(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        items = officialdoc.all_notices(ctx)
        if not items:
            yield from ctx.no_data({NOTICES: "通知公告"}, "通知公告")
            return
        rows = {n.id: NoticeRow(n, status(n, ctx.as_of), href(NOTICES, n.src_uri)) for n in items}
        current = sorted((n for n in items if (s := status(n, ctx.as_of)) and s.key == "open"),
                         key=lambda n: (n.notice_period.end, n.title))  # type: ignore[union-attr]
        body = ctx.render("notices/index.html", current=[rows[n.id] for n in current],
                          groups=kind_groups(items, rows), feed=href(NOTICES, NOTICE_FEED), total=len(items))
        yield GeneratedPage(NOTICES, "通知公告", body, meta={"feed": NOTICE_FEED})

    def dress(self, ctx: BuildContext, src_uri: str, html: str) -> str:
        """A content page that is a notice gets its header and imprint around the body."""
        notice = _by_src(ctx, src_uri)
        return html if notice is None else officialdoc.web_html(ctx, notice, html)

    def prints(self, ctx: BuildContext) -> Iterable[PrintJob]:
        for notice in ctx.model.notices.values():
            yield officialdoc.print_job(ctx, notice)

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        base = ctx.site_url.rstrip("/") + "/"
        entries = [atom.Entry(id=base + quote(page_url(n.src_uri)), title=f"【{n.kind_label}】{n.title}",
                              url=base + quote(page_url(n.src_uri)), published=n.date,
                              summary=officialdoc.summary(ctx, n), author=n.issuer, category=n.kind_label)
                   for n in officialdoc.all_notices(ctx)]
        campaign = ctx.model.campaign
        data = atom.feed(base + page_url(NOTICES), f"{campaign.name}：通知公告", base + page_url(NOTICES),
                         base + NOTICE_FEED, entries, author=campaign.office,
                         subtitle="通知、公示、通报，按成文日期排列。")
        yield Output(NOTICE_FEED, data)


def _by_src(ctx: BuildContext, src_uri: str) -> Notice | None:
    return next((n for n in ctx.model.notices.values() if n.src_uri == src_uri), None)

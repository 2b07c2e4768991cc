"""The campaign calendar (日历): every dated event of the campaign
(``derive.calendar``) as a page by month and as an iCalendar file
(calendar.ics) that calendar programs import. With thousands of tasks the page
counts task deadlines per plan and day (the .ics still has each one)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from campaign.derive import paging
from campaign.derive.calendar import KIND_LABELS, Event, events, summarized
from campaign.export import ics
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, href, page_url
from campaign.views.routes import CALENDAR, CALENDAR_ICS, ROUTES


def _target(ctx: BuildContext, e: Event) -> tuple[str, str]:
    """(src_uri, anchor) of the page an event links to, ("", "") for none."""
    return ROUTES[e.ref[0]](ctx.model, e.ref[1]) if e.ref else ("", "")


@dataclass(frozen=True)
class Entry:
    """An event as the page lists it: its kind's label and the page it links to ("" for none)."""

    event: Event
    label: str
    url: str


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    current: bool             # the month of as_of
    entries: list[Entry]

    @property
    def anchor(self) -> str:
        return f"m-{self.year}-{self.month}"


def months(ctx: BuildContext, evs: list[Event]) -> list[Month]:
    """The events by month, in order, each linked to its page."""
    by_month: dict[tuple[int, int], list[Entry]] = {}
    for e in summarized(ctx.model, evs, paging.rows_per_page()):
        src, anchor = _target(ctx, e)
        url = href(CALENDAR, src, anchor) if src else ""
        by_month.setdefault((e.start.year, e.start.month), []).append(Entry(e, KIND_LABELS[e.kind], url))
    current = (ctx.as_of.year, ctx.as_of.month)
    return [Month(y, m, (y, m) == current, entries) for (y, m), entries in sorted(by_month.items())]


class Calendar(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        evs = events(ctx.model, ctx.as_of)
        if not evs:
            yield from ctx.no_data({CALENDAR: "日历"}, "有日期的工作（方案阶段、任务、检查、通知）")
            return
        # the page opens at the current month (as_of); past months are folded below
        current = (ctx.as_of.year, ctx.as_of.month)
        ordered = months(ctx, evs)
        past = [m for m in ordered if (m.year, m.month) < current]
        coming = [m for m in ordered if (m.year, m.month) >= current]
        yield GeneratedPage(CALENDAR, "日历", ctx.render("calendar/index.html", past=past, coming=coming,
                                                        ics=href(CALENDAR, CALENDAR_ICS)))

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        def url(e: Event) -> str:
            src, anchor = _target(ctx, e)
            return (page_url(src) + (f"#{anchor}" if anchor else "")) if src else ""

        data = ics.ics(events(ctx.model, ctx.as_of), ctx.as_of, ctx.site_url, ctx.model.campaign.name + " 日历", url)
        yield Output(CALENDAR_ICS, data)

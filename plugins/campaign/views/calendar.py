"""The campaign calendar (日历): every dated event of the campaign
(``derive.calendar``) as a page by month and as an iCalendar file
(calendar.ics) that calendar programs import."""
from __future__ import annotations

from collections.abc import Iterable

from campaign.derive.calendar import KIND_LABELS, Event, events
from campaign.export import ics
from campaign.views.base import BuildContext, GeneratedPage, Output, PageKind, href, page_url
from campaign.views.routes import CALENDAR, CALENDAR_ICS, ROUTES


def _target(ctx: BuildContext, e: Event) -> tuple[str, str]:
    """(src_uri, anchor) of the page an event links to, ("", "") for none."""
    return ROUTES[e.ref[0]](ctx.model, e.ref[1]) if e.ref else ("", "")


class Calendar(PageKind):
    def pages(self, ctx: BuildContext) -> Iterable[GeneratedPage]:
        months: dict[tuple[int, int], list[tuple[Event, str]]] = {}
        evs = events(ctx.model, ctx.as_of)
        if not evs:
            yield from ctx.no_data({CALENDAR: "日历"}, "有日期的工作（方案阶段、任务、检查、通知）")
            return
        for e in evs:
            src, anchor = _target(ctx, e)
            url = href(CALENDAR, src, anchor) if src else ""
            months.setdefault((e.start.year, e.start.month), []).append((e, url))
        # the page opens at the current month (as_of); past months are folded below
        current = (ctx.as_of.year, ctx.as_of.month)
        ordered = sorted(months.items())
        past = [m for m in ordered if m[0] < current]
        coming = [m for m in ordered if m[0] >= current]
        yield GeneratedPage(CALENDAR, "日历", ctx.render("calendar/index.html", past=past, coming=coming,
                                                        current=current, labels=KIND_LABELS,
                                                        ics=href(CALENDAR, CALENDAR_ICS)))

    def outputs(self, ctx: BuildContext) -> Iterable[Output]:
        def url(e: Event) -> str:
            src, anchor = _target(ctx, e)
            return (page_url(src) + (f"#{anchor}" if anchor else "")) if src else ""

        data = ics.ics(events(ctx.model, ctx.as_of), ctx.as_of, ctx.site_url, ctx.model.campaign.name + " 日历", url)
        yield Output(CALENDAR_ICS, data)

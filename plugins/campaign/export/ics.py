"""The calendar as iCalendar (RFC 5545), for calendar programs to import."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from urllib.parse import urljoin

from campaign.derive.calendar import KIND_LABELS, Event

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UID_BAD = re.compile(r"[^A-Za-z0-9._-]")


def _uid(uid: str) -> str:
    """A UID from ids: letters, digits and . _ - only (nothing a calendar program could misread)."""
    return _UID_BAD.sub("-", uid)


def _escape(text: str) -> str:
    text = _CONTROL.sub("", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never inside a
    character's UTF-8 bytes)."""
    if len(line) <= 18:  # at most 4 octets a character: surely short enough
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, room = [], 0, 75
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        parts.append(data[start:end])
        start, room = end, 74  # a continuation line begins with the space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def ics(events: Iterable[Event], as_of: dt.date, site_url: str, name: str,
        url: Callable[[Event], str]) -> bytes:
    """The events as an iCalendar file; ``url(event)`` is the site-relative URL of its page ("" for none)."""
    host = (site_url.split("//", 1)[-1].split("/", 1)[0] or "campaign.invalid")
    stamp = as_of.strftime("%Y%m%dT000000Z")  # reproducible: the build's as_of, not the clock
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//campaign-site//calendar//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}", "X-WR-TIMEZONE:Asia/Shanghai"]
    base = site_url if site_url.endswith("/") else site_url + "/"
    pages: dict[str, str] = {}
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{_uid(e.uid)}@{_uid(host)}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.start.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(e.end + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_escape(e.title)}", f"CATEGORIES:{_escape(KIND_LABELS[e.kind])}",
                  "TRANSP:TRANSPARENT"]
        if e.text:
            lines.append(f"DESCRIPTION:{_escape(e.text)}")
        link = url(e)
        if link and site_url:
            page, mark, anchor = link.partition("#")  # many events on one page: its URL joined once
            joined = pages.get(page)
            if joined is None:
                joined = pages[page] = urljoin(base, page)
            lines.append(f"URL:{joined}{mark}{anchor}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")

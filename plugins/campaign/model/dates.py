"""Dates as authors write them (a month ``2018-03`` or a day ``2018-03-15``)
and as readers see them (``2018年3月15日``)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Due:
    """A month or a day. Orders by its last day, so a month is due at its end."""

    last: dt.date
    first: dt.date
    is_month: bool = False

    @classmethod
    def day(cls, d: dt.date) -> Due:
        return cls(d, d, False)

    @classmethod
    def month(cls, year: int, month: int) -> Due:
        first, last = month_span(year, month)
        return cls(last, first, True)

    def __str__(self) -> str:
        return cn_month(self.first) if self.is_month else cn_date(self.first)

    @property
    def iso(self) -> str:
        return self.first.strftime("%Y-%m") if self.is_month else self.first.isoformat()


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_due(value: object, raw: str) -> tuple[Due | None, str]:
    """(Due, "") or (None, Chinese message)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Due.day(value), ""
    text = str(raw).strip()
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return Due.month(year, month), ""
        return None, f"月份不存在：{text}（月份应为 1～12）。"
    if m := _DAY.fullmatch(text):
        try:
            return Due.day(dt.date(int(m[1]), int(m[2]), int(m[3]))), ""
        except ValueError:
            return None, f"日期不存在：{text}。"
    return None, f"无法识别的时间“{text}”：月份写作 2018-03，具体日期写作 2018-03-15。"


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def month_end(year: int, month: int) -> dt.date:
    return month_span(year, month)[1]


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day ``n`` months later (or the month's last day when it is shorter)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"

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
    def day(cls, d: dt.date) -> "Due":
        return cls(d, d, False)

    @classmethod
    def month(cls, year: int, month: int) -> "Due":
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, last), dt.date(year, month, 1), True)

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
        if not 1 <= month <= 12:
            return None, f"月份不存在：{text}（月份应为 1～12）。"
        if not 1 <= year <= 9999:
            return None, f"年份不存在：{text}（公历没有 0 年）。"
        return Due.month(year, month), ""
    if m := _DAY.fullmatch(text):
        try:
            return Due.day(dt.date(int(m[1]), int(m[2]), int(m[3]))), ""
        except ValueError:
            return None, f"日期不存在：{text}。"
    return None, f"无法识别的时间“{text}”：月份写作 2018-03，具体日期写作 2018-03-15。"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month(d: dt.date) -> str:
    return f"{d.year}年{d.month}月"

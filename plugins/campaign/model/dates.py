"""Dates as authors write them (a month ``2018-03`` or a day ``2018-03-15``)
and as readers see them (``2018年3月15日``)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Due:
    """A month or a day. Orders by its last day, so a month is due at its end."""

    last: dt.date
    first: dt.date
    is_month: bool = False

    def __reduce__(self) -> tuple[type[Due], tuple[dt.date, dt.date, bool]]:  # pickled as its values
        return Due, (self.last, self.first, self.is_month)

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


# How a due date that is not set reads: the work goes on, it is never overdue.
ONGOING = "长期/持续"


def due_text(due: Due | None) -> str:
    """A due date as readers see it: 2026年3月, 2026年3月15日, or 长期/持续 when there is none."""
    return str(due) if due else ONGOING


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


# -- appraisal periods (周 / 月 / 季度 / 年度) ----------------------------------
PERIOD_KINDS = ("weekly", "monthly", "quarterly", "annual")   # shortest first
PERIOD_NAMES = {"weekly": "周", "monthly": "月", "quarterly": "季度", "annual": "年度"}
_QUARTERS = "一二三四"


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """One appraisal period: its kind, key (``2026-10``, ``2026-Q3``, ``2026``, ``2026-W42``),
    first and last day. Orders by its first day."""

    first: dt.date
    last: dt.date
    kind: str
    key: str

    def __reduce__(self) -> tuple[type[Span], tuple[dt.date, dt.date, str, str]]:  # pickled as its values
        return Span, (self.first, self.last, self.kind, self.key)

    @property
    def label(self) -> str:
        """The period as a reader says it: 2026年10月, 2026年第三季度, 2026年, 2026年第42周."""
        if self.kind == "monthly":
            return cn_month(self.first)
        if self.kind == "quarterly":
            return f"{self.first.year}年第{_QUARTERS[(self.first.month - 1) // 3]}季度"
        if self.kind == "annual":
            return f"{self.first.year}年"
        year, week, _ = self.first.isocalendar()
        return f"{year}年第{week}周"

    def contains(self, d: dt.date) -> bool:
        return self.first <= d <= self.last


def span_of(kind: str, d: dt.date) -> Span:
    """The period of ``kind`` that holds day ``d``."""
    if kind == "monthly":
        first, last = month_span(d.year, d.month)
        return Span(first, last, kind, f"{d.year}-{d.month:02d}")
    if kind == "quarterly":
        q = (d.month - 1) // 3
        first, last = dt.date(d.year, 3 * q + 1, 1), month_end(d.year, 3 * q + 3)
        return Span(first, last, kind, f"{d.year}-Q{q + 1}")
    if kind == "annual":
        return Span(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), kind, str(d.year))
    if kind == "weekly":
        year, week, weekday = d.isocalendar()
        first = d - dt.timedelta(days=weekday - 1)
        return Span(first, first + dt.timedelta(days=6), kind, f"{year}-W{week:02d}")
    raise ValueError(kind)


_KEYS = (
    ("quarterly", re.compile(r"(\d{4})-?Q([1-4])", re.I)),
    ("weekly", re.compile(r"(\d{4})-?W(\d{1,2})", re.I)),
    ("monthly", re.compile(r"(\d{4})-(\d{1,2})")),
    ("annual", re.compile(r"(\d{4})")),
)


def parse_span(text: str) -> tuple[Span | None, str]:
    """A period as authors write it: 2026-10 (月), 2026-Q3 (季度), 2026 (年度), 2026-W42 (周);
    (Span, "") or (None, Chinese message)."""
    text = str(text).strip()
    for kind, pattern in _KEYS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        year = int(m[1])
        if kind == "monthly":
            if not 1 <= int(m[2]) <= 12:
                return None, f"月份不存在：{text}（月份应为 1～12）。"
            return span_of(kind, dt.date(year, int(m[2]), 1)), ""
        if kind == "quarterly":
            return span_of(kind, dt.date(year, 3 * int(m[2]) - 2, 1)), ""
        if kind == "weekly":
            try:
                return span_of(kind, dt.date.fromisocalendar(year, int(m[2]), 1)), ""
            except ValueError:
                return None, f"周次不存在：{text}（{year} 年没有第 {int(m[2])} 周）。"
        return span_of(kind, dt.date(year, 1, 1)), ""
    return None, f"无法识别的考评期“{text}”：月写作 2026-10，季度写作 2026-Q3，年度写作 2026，周写作 2026-W42。"

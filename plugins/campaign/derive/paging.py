"""Paging: the one rule for lists that grow with the campaign (a ranking of every
unit, every unit in the index, every open problem, a plan's task breakdown).

A web page shows at most ``ROWS_PER_PAGE`` rows of such a list. A longer list is
cut into numbered parts of ``ROWS_PER_PAGE`` rows, each its own page, linked by a
pager that shows a bounded window of page numbers, so no page grows with the
number of units. (A table of contents of the parts has one row per part: with
``ROWS_PER_PAGE`` rows that holds ``ROWS_PER_PAGE ** 2`` rows, 10,000 units at 100.)
Print is a document: PDFs keep every row.

Pure: lists in, parts out; the bound is read when called, so a test may lower it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

ROWS_PER_PAGE = 100
# page numbers the pager shows on each side of the current one (besides the first and the last)
PAGER_AROUND = 2


def rows_per_page() -> int:
    return ROWS_PER_PAGE


def fits(rows: Sequence[object]) -> bool:
    """Whether a list is shown whole on one page."""
    return len(rows) <= rows_per_page()


@dataclass(frozen=True)
class Part(Generic[T]):
    """Part ``number`` of ``count`` of a list: its rows ``first``–``last`` (1-based, inclusive)."""

    number: int
    count: int
    first: int
    last: int
    rows: list[T]

    def span(self, noun: str, number: Callable[[T], int] | None = None) -> str:
        """第 101–200 项 (noun: 名, 个单位, 项 …); ``number(row)``: the rows' own numbers (a ranking's
        ranks, where tied units share one) instead of their positions."""
        first, last = (number(self.rows[0]), number(self.rows[-1])) if number else (self.first, self.last)
        return f"第 {first}–{last} {noun}" if first != last else f"第 {first} {noun}"

    def heading(self, noun: str, number: Callable[[T], int] | None = None) -> str:
        """第 2 页（第 101–200 名）: which part this is, for a title and its heading."""
        return f"第 {self.number} 页（{self.span(noun, number)}）"


def parts(rows: Sequence[T]) -> list[Part[T]]:
    """The list cut into parts of ``ROWS_PER_PAGE`` rows (one part when it fits, none when empty)."""
    size = rows_per_page()
    count = (len(rows) + size - 1) // size
    return [Part(n + 1, count, n * size + 1, min((n + 1) * size, len(rows)), list(rows[n * size:(n + 1) * size]))
            for n in range(count)]


def part_of(position: int) -> int:
    """The number of the part holding row ``position`` (0-based)."""
    return position // rows_per_page() + 1


def window(number: int, count: int) -> list[int | None]:
    """The page numbers a pager shows on page ``number`` of ``count``: the first, the last and
    ``PAGER_AROUND`` on each side of the current one; ``None`` where numbers are left out.
    At most ``2 * PAGER_AROUND + 5`` entries, however many pages there are."""
    shown = sorted({1, count, *range(max(1, number - PAGER_AROUND), min(count, number + PAGER_AROUND) + 1)})
    out: list[int | None] = []
    prev = 0
    for n in shown:
        if n - prev == 2:
            out.append(prev + 1)          # one number left out: show it rather than a gap
        elif prev and n - prev > 2:
            out.append(None)
        out.append(n)
        prev = n
    return out

"""The pages of a long list (cut by ``derive.paging``): where each part lives, the
pager that links them and the contents that list them, for every page kind alike.

A list ``series`` of page ``src`` has its parts at ``<src without .md>/<series>/<n>.md``
(bulletins/2026-10.md -> bulletins/2026-10/ranking/2.md; units/index.md ->
units/page/2.md), out of the navigation; the page itself keeps what a reader
looks at first and links the parts."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from campaign.derive import paging
from campaign.derive.paging import Part
from campaign.views.base import href

T = TypeVar("T")


def part_uri(src: str, series: str, number: int) -> str:
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    return f"{stem}/{series}/{number}.md" if stem else f"{series}/{number}.md"


@dataclass(frozen=True)
class PagerItem:
    number: int | None        # None: page numbers left out here
    url: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """The links of one part: back to the main page, previous / next and a window of page numbers."""

    label: str                # the nav's accessible name, e.g. "排名分页"
    items: list[PagerItem]
    prev: str                 # "" on the first part
    next: str                 # "" on the last part
    up: str                   # the main page
    up_title: str


@dataclass(frozen=True)
class Entry:
    """A part as the main page's contents list it."""

    heading: str              # 第 2 页（第 101–200 名）
    url: str
    first: str                # the first and last row's name ("" when the rows have none)
    last: str


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A list cut into parts: each part's page (src_uri, title, rows, pager) and the contents."""

    series: str
    src: str                  # the main page
    noun: str                 # what a row counts as: 名, 个单位, 项
    parts: list[Part[T]]
    number: Callable[[T], int] | None = None   # the rows' own numbers (ranks), else their positions

    @property
    def cut(self) -> bool:
        """More than one page's worth: the main page shows a selection and links the parts."""
        return len(self.parts) > 1

    def uri(self, number: int) -> str:
        return part_uri(self.src, self.series, number)

    def title(self, part: Part[T], what: str) -> str:
        """The title of a part's page: <what> 第 2 页（第 101–200 名）."""
        return f"{what} {self.heading(part)}"

    def heading(self, part: Part[T]) -> str:
        return part.heading(self.noun, self.number)

    def url_of(self, from_src: str, position: int) -> str:
        """The link from ``from_src`` to the part holding row ``position`` (0-based)."""
        return href(from_src, self.uri(paging.part_of(position)))

    def contents(self, from_src: str, name: Callable[[T], str] | None = None) -> list[Entry]:
        """The parts as the main page lists them (``name(row)``: the rows' names for a range)."""
        return [Entry(self.heading(p), href(from_src, self.uri(p.number)),
                      name(p.rows[0]) if name else "", name(p.rows[-1]) if name else "")
                for p in self.parts]

    def pager(self, part: Part[T], label: str, up_title: str) -> Pager:
        here = self.uri(part.number)
        link = lambda n: href(here, self.uri(n))  # noqa: E731
        items = [PagerItem(n, link(n) if n else "", n == part.number) for n in paging.window(part.number, part.count)]
        return Pager(label, items, link(part.number - 1) if part.number > 1 else "",
                     link(part.number + 1) if part.number < part.count else "", href(here, self.src), up_title)


def paged(src: str, series: str, rows: Sequence[T], noun: str, number: Callable[[T], int] | None = None) -> Paged[T]:
    return Paged(series, src, noun, paging.parts(rows), number)

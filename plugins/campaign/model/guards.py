"""Guards on the whole model: ids that would take a page the build makes itself, and dates
outside a sane window around the campaign period (limits.py has the numbers)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from campaign.model import limits
from campaign.model.campaign import Period
from campaign.model.dates import Due
from campaign.model.ids import KIND_NAMES
from campaign.model.model import Model
from campaign.model.problems import Problems
from campaign.model.registry import Registry
from campaign.model.schema import Record, dated_fields

# -- ids that would take a page kind's own page ---------------------------------
# kind -> {reserved id: the page it would replace}; ids ending in a suffix a kind uses for its own pages
RESERVED_IDS: dict[str, dict[str, str]] = {
    kind: {"index": "目录页"} for kind in ("unit", "plan", "quiz", "board", "topic", "notice")}
RESERVED_SUFFIXES: dict[str, dict[str, str]] = {"quiz": {"-results": "测试结果页（编号-results）"}}
_KIND_FILES = {"plan": "data/plans/", "board": "data/boards/", "topic": "content/topics/",
               "notice": "content/notices/"}


def check_reserved(model: Model, reg: Registry, problems: Problems) -> None:
    """An id may not name a page the build makes itself (units/index, quizzes/x-results, …)."""
    for kind, ids in reg.ids.items():
        reserved, suffixes = RESERVED_IDS.get(kind, {}), RESERVED_SUFFIXES.get(kind, {})
        for key, loc in ids.items():
            leaf = key.rsplit("/", 1)[-1]
            what = reserved.get(leaf) or next((w for suf, w in suffixes.items() if leaf.endswith(suf)), "")
            if what:
                name = KIND_NAMES.get(kind, kind)
                where = f"（{_KIND_FILES[kind]}里的文件名也是编号）" if kind in _KIND_FILES else ""
                problems.add(loc, "id", f"编号“{key}”留给{name}的{what}，会让那一页被替换；请换一个编号{where}。")


# -- dates inside a sane window around the campaign period ----------------------
def check_dates(model: Model, problems: Problems) -> None:
    """The period within FIRST_YEAR..LAST_YEAR and PERIOD_YEARS long; every other date within
    YEARS_AROUND of it (a year typed 9999 would make a calendar of 100,000 events)."""
    import dataclasses

    period = model.campaign.period
    if not _period_sane(period, problems):
        return
    lo = dt.date(period.start.first.year - limits.YEARS_AROUND, 1, 1)
    hi = dt.date(period.end.last.year + limits.YEARS_AROUND, 12, 31)
    roots: list[object] = [getattr(model, f.name) for f in dataclasses.fields(model) if f.name != "campaign"]
    roots.append([getattr(model.campaign, f.name) for f in dataclasses.fields(model.campaign) if f.name != "period"])
    for record, name, value, _ in _out_of_window(roots, lo, hi):
        problems.add(record.where(name), record.path(name),
                     f"日期 {value} 离创建周期（{period.start}～{period.end}）太远：应在 {lo.year}～{hi.year} 年之间，"
                     "请检查年份是否写错。")


def _period_sane(period: Period, problems: Problems) -> bool:
    """The campaign period's years within the limits (reported when not)."""
    start, end = period.start.first, period.end.last
    if start.year < limits.FIRST_YEAR or end.year > limits.LAST_YEAR:
        which = "end" if end.year > limits.LAST_YEAR else "start"
        problems.add(period.where(which), period.path(which),
                     f"创建周期（{period.start}～{period.end}）的年份应在 {limits.FIRST_YEAR}～{limits.LAST_YEAR} 之间。")
        return False
    if end.year - start.year > limits.PERIOD_YEARS:
        problems.add(period.where("end"), period.path("end"),
                     f"创建周期（{period.start}～{period.end}）超过 {limits.PERIOD_YEARS} 年，请检查年份是否写错。")
        return False
    return True


def _day(value: object) -> dt.date | None:
    """The day a date field names (a month's first day for a month), None for other values."""
    if isinstance(value, Due):
        return value.first
    return value if isinstance(value, dt.date) else None


ATOMS = (str, int, float, bool, type(None))  # values the walk never enters
Dated = tuple[Record, str, object, dt.date]  # (record, field, value, day)

# Each record's earliest and latest day (its own dates and its records'), found once per object,
# and the window it was last found inside: records are immutable, and a rebuild under ``mkdocs
# serve`` gets unchanged files' records again (only the edited file's are checked again). A record
# with a day outside the window is walked again for its fields (a build that then stops).
_DATED: dict[int, tuple[Record, dt.date | None, dt.date | None, tuple[dt.date, dt.date] | None]] = {}


def _out_of_window(roots: list[object], lo: dt.date, hi: dt.date) -> Iterator[Dated]:
    """(record, field, value, day) of every date field outside ``lo``..``hi`` in the records
    reachable from ``roots``, each once (source fields skipped)."""
    global _DATED
    walked: dict[int, tuple[Record, dt.date | None, dt.date | None, tuple[dt.date, dt.date] | None]] = {}
    seen: set[tuple[int, str]] = set()
    for record in _records(roots):
        known = _DATED.get(id(record))
        if known is None or known[0] is not record:
            days = [item[3] for item in _own_dates(record)]
            known = (record, min(days, default=None), max(days, default=None), None)
        first, last = known[1], known[2]
        if known[3] != (lo, hi):
            if first is None or last is None or lo <= first <= last <= hi:
                known = (record, first, last, (lo, hi))
            else:
                for item in _own_dates(record):
                    if not lo <= item[3] <= hi and (id(item[0]), item[1]) not in seen:
                        seen.add((id(item[0]), item[1]))
                        yield item
        walked[id(record)] = known
    _DATED = walked  # records no longer loaded are let go


def _records(roots: list[object]) -> Iterator[Record]:
    """The outermost records inside ``roots`` (dicts, lists and tuples of them), each once."""
    stack, seen = list(roots), set()
    while stack:
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        if isinstance(v, Record):
            yield v
        elif isinstance(v, dict):
            stack.extend(x for x in v.values() if type(x) not in ATOMS)
        elif isinstance(v, (list, tuple)):
            stack.extend(x for x in v if type(x) not in ATOMS)


def _own_dates(record: Record) -> list[Dated]:
    """The dated fields of a record and of the records inside it."""
    out: list[Dated] = []
    for name in dated_fields(type(record)):
        x = getattr(record, name)
        if type(x) in ATOMS:
            continue
        day = _day(x)
        if day is not None:
            out.append((record, name, x, day))
        else:
            for inner in _records([x]):
                out.extend(_own_dates(inner))
    return out

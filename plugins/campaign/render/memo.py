"""Template output kept under what it read, so an unchanged page is not rendered again.

A page kind renders a template with values (records, figures) and the model.
The memo keys one rendering by the template's name and a digest of its values;
what the template reads beyond them (``model.unit_name(u)``, ``link('task', t)``,
``model.people[p]``, a helper function the view passed) goes through small
recording stand-ins, and the memo keeps each read with a digest of its answer.
A later rendering with the same key is answered from the memo only when every
recorded read still gives the same answer against the current model: the
output is then the same, byte for byte, as rendering again would make it.

A rendering that logged a warning (a data field the sanitizer cut) is not
kept, so the warning is given again by every build. Values that cannot be
digested (a helper nested inside a record) render every time.

``settings`` names everything else the output depends on (our code and
templates, the project's template overrides, the day, the audience, the site's
URL and Markdown settings); a change of settings empties the memo. In memory
for the life of the process (``mkdocs serve``; a separate ``mkdocs build`` with
nothing changed takes its pages whole from ``mkdocs.build_cache``); entries no
build used are dropped when it ends."""
from __future__ import annotations

import hashlib
import io
import logging
import pickle
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

from campaign.model.cache import kept

T = TypeVar("T")
Read = tuple[tuple[Any, ...], Any]  # (where: source, name, arguments), the answer (or its digest)


PLAIN = (str, int, float, bool, type(None))


class _Token(tuple):
    """What a shared record stands as inside a pickled key: its digest."""


def _with_subclasses(kinds: tuple[type, ...]) -> list[type]:
    out, stack = [], list(kinds)
    while stack:
        kind = stack.pop()
        out.append(kind)
        stack.extend(kind.__subclasses__())
    return out


class Digests:
    """Digests of values for one build. Records of the ``shared`` types (and their
    subclasses: every loaded record, immutable, and derived records many pages hold,
    such as a bulletin) are digested once per object and stand as their digest inside
    whatever holds them (a record's own digest is made of its fields, its records
    standing as theirs); everything else is pickled as it is (in C: a page's key costs
    far less than rendering it). ``before``: the previous build's digests, by object: a
    record the loader gave again (its file unchanged: the same object) is not digested
    again."""

    def __init__(self, shared: tuple[type, ...] = (), before: dict[int, tuple[object, bytes]] | None = None) -> None:
        self.done: dict[int, tuple[object, bytes]] = {}  # id -> (the record, kept alive; its digest)
        self.before = before or {}
        self.table = {t: self._stand for t in _with_subclasses(shared)}

    def _stand(self, obj: Any) -> tuple[Any, ...]:
        return (_Token, ((self._digest(obj),),))

    def _digest(self, obj: Any) -> bytes:
        """A shared record's digest, made once per object (or kept from the previous build)."""
        known = self.done.get(id(obj))
        if known is None:
            known = self.before.get(id(obj))
            if known is None or known[0] is not obj:
                # its class and fields (``__reduce_ex__``), not itself: it would stand for itself
                known = (obj, self.of((type(obj).__module__, type(obj).__qualname__, obj.__reduce_ex__(5)[2:])))
            self.done[id(obj)] = known
        return known[1]

    def of(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = self.table  # C pickle honours a mapping
        pickler.dump(value)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()

    def answer(self, value: Any) -> Any:
        """What a read's answer is compared by: a plain value itself, a shared record its
        digest (made once per object), anything else the digest of its pickle."""
        kind = type(value)
        if kind in PLAIN:
            return value
        if kind in self.table:
            return self._digest(value)
        return self.of(value)


class _Recorder:
    def __init__(self, digests: Digests) -> None:
        self.reads: list[Read] = []
        self.digests = digests

    def note(self, where: tuple[Any, ...], answer: Any) -> Any:
        self.reads.append((where, self.digests.answer(answer)))
        return answer


class _Calls:
    """A callable whose calls are recorded: ``where`` + arguments -> answer."""

    def __init__(self, fn: Callable[..., Any], where: tuple[Any, ...], rec: _Recorder) -> None:
        self.fn, self.where, self.rec = fn, where, rec

    def __call__(self, *args: Any) -> Any:
        return self.rec.note((*self.where, "()", *args), self.fn(*args))


class _Mapping:
    """A mapping whose lookups are recorded one key at a time (whole when iterated)."""

    def __init__(self, data: Mapping[Any, Any], where: tuple[Any, ...], rec: _Recorder) -> None:
        self.data, self.where, self.rec = data, where, rec

    def __getitem__(self, key: Any) -> Any:
        return self.rec.note((*self.where, "[]", key), self.data[key])

    def get(self, key: Any, default: Any = None) -> Any:
        return self.rec.note((*self.where, "get", key, default), self.data.get(key, default))

    def __contains__(self, key: Any) -> bool:
        return bool(self.rec.note((*self.where, "in", key), key in self.data))

    def _whole(self) -> Mapping[Any, Any]:
        return self.rec.note((*self.where, "all"), self.data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()


class _Source:
    """An object (the model) whose attributes are recorded as they are read."""

    def __init__(self, obj: Any, where: tuple[Any, ...], rec: _Recorder) -> None:
        self._obj, self._where, self._rec = obj, where, rec

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        where = (*self._where, name)
        if callable(value):
            return _Calls(value, where, self._rec)
        if isinstance(value, Mapping):
            return _Mapping(value, where, self._rec)
        return self._rec.note(where, value)


def _stand_in(value: Any, where: tuple[Any, ...], rec: _Recorder) -> Any:
    if isinstance(value, Mapping):
        return _Mapping(value, where, rec)
    if callable(value) and not isinstance(value, type):
        return _Calls(value, where, rec)
    return _Source(value, where, rec)


def _answer(where: tuple[Any, ...], sources: dict[str, Any]) -> Any:
    """What the read ``where`` answers now."""
    value = sources[where[0]]
    i = 1
    while i < len(where):
        step = where[i]
        if step == "()":
            return value(*where[i + 1:])
        if step == "[]":
            return value[where[i + 1]]
        if step == "get":
            return value.get(where[i + 1], where[i + 2])
        if step == "in":
            return where[i + 1] in value
        if step == "all":
            return value
        value = getattr(value, step)
        i += 1
    return value


class Warnings(logging.Handler):
    """Counts the warnings logged while it is open (``with Warnings() as w: ...; w.count``):
    what logged one is not kept, so every build gives the warning again. It listens on
    MkDocs' logger (a handler: the plugin's loggers are below it) and filters ours
    (``campaign``, which has no handler of its own: a handler there would swallow what
    Python prints for it)."""

    LOGGERS = ("mkdocs", "campaign")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        pass  # counted by ``filter``, which a handler runs first

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            self.count += 1
        return True

    def __enter__(self) -> Warnings:
        logging.getLogger("mkdocs").addHandler(self)
        logging.getLogger("campaign").addFilter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
        logging.getLogger("campaign").removeFilter(self)


class Memo:
    """Renderings under (template, values) with the reads that make them valid."""

    def __init__(self) -> None:
        self.settings = ""
        self.entries: dict[bytes, tuple[tuple[Read, ...], str]] = {}
        self.used: set[bytes] = set()
        self.hits = self.misses = 0
        self.digests = Digests()
        self.finished: dict[str, Any] = {}  # a body -> what the adapter made of it (``after``)
        self.finished_used: set[str] = set()

    def begin(self, settings: str, shared: tuple[type, ...] = ()) -> None:
        """A new build with these settings (a change empties the memo); ``shared``: the
        record types digested once per object (``Digests``; the previous build's digests
        are kept for the records given again)."""
        if settings != self.settings:
            self.settings, self.entries, self.finished = settings, {}, {}
        self.used = set()
        self.hits = self.misses = 0
        self.digests = Digests(shared, self.digests.done)

    def render(self, template: str, values: dict[str, Any], sources: dict[str, Any],
               make: Callable[[dict[str, Any]], str]) -> str:
        """``make(values)`` remembered. ``sources`` are what the template may read beyond
        the values (by name: the model); they are passed to ``make`` as recording
        stand-ins, and so are the values that are tables of a source (a unit page gets the
        model's task -> plan table) and the values that are callables (the page's links)."""
        everything = {**sources, **values}
        shared = {id(v) for source in sources.values() for v in vars(source).values() if isinstance(v, Mapping)}
        standing = {name for name, v in everything.items()  # the model, its own tables, the page's helpers
                    if name in sources or id(v) in shared or (callable(v) and not isinstance(v, type))}
        try:  # a value that cannot be pickled (a helper function inside a record): render every time
            key = self.digests.of((template, [(name, f"@{name}" if name in standing else v)
                                              for name, v in sorted(values.items())]))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self.misses += 1
            return make(everything)
        self.used.add(key)
        known = self.entries.get(key)
        if known is not None and self._still(known[0], everything):
            self.hits += 1
            return known[1]
        self.misses += 1
        rec = _Recorder(self.digests)
        stand_ins = {name: _stand_in(v, (name,), rec) if name in standing else v for name, v in everything.items()}
        with Warnings() as warned:
            html = make(stand_ins)
        if warned.count == 0:
            self.entries[key] = (tuple(rec.reads), html)
        else:
            self.entries.pop(key, None)
        return html

    def after(self, body: str, make: Callable[[str], T]) -> T:
        """``make(body)`` kept under the body: what is done to a page once it is rendered
        (anchors, table labels) is not done again to a body the memo gave again (the same
        string: its hash is kept, the lookup costs nothing)."""
        self.finished_used.add(body)
        if body not in self.finished:
            self.finished[body] = make(body)
        return cast(T, self.finished[body])

    def end(self) -> None:
        """The build is done: entries it did not use are dropped (a build that rendered
        nothing, its pages whole from the build cache, leaves the memo as it was)."""
        if self.hits or self.misses:
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
            self.finished = {k: v for k, v in self.finished.items() if k in self.finished_used}
        self.finished_used = set()

    def _still(self, reads: tuple[Read, ...], sources: dict[str, Any]) -> bool:
        try:
            return all(self.digests.answer(_answer(where, sources)) == answer for where, answer in reads)
        except Exception:  # a read that fails now (a key gone): render again
            return False


def for_folder(folder: Path | None) -> Memo | None:
    """The project's memo (kept in memory by the process), or None when caching is off."""
    return None if folder is None else kept("memo", folder, Memo)

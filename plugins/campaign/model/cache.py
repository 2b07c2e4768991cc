"""Reading each source file once: the typed value of a file, with the references
it makes, kept per file and keyed by the file's bytes.

A file whose bytes did not change since the last build is not parsed and not
validated again; a changed file is. Only clean results are kept (a file with
problems is read again every time, so its problems are reported every time).

Inside one process (``mkdocs serve``) the results stay in memory, one entry per
file (an edited file replaces its entry, so memory stays flat); across
processes they are pickled under the project's cache folder. The pickle's name
carries a digest of the model layer's own code, so a changed reader never
serves results of the old one. The cache folder belongs to the project like its
code does: it is read only from there and only written by this build."""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from campaign.model.schema import RefUse

MODEL_DIR = Path(__file__).resolve().parent
T = TypeVar("T")


def _code_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(MODEL_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


CODE = _code_digest()


@dataclass(frozen=True)
class Entry:
    digest: str               # sha256 of the file's bytes
    value: Any                # the typed value (a record or list of records)
    refs: tuple[RefUse, ...]  # references the file makes, checked after every file is read
    broken: frozenset[str]    # ids of records that failed to read


class LoadCache:
    """Per-file results: (file, type) -> Entry; and ``passed``, the digest of every file
    of the last load that had no problems (checks that read only the records, such as
    the dates' range, need not run again on the same files)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = folder / f"load-{CODE}.pickle" if folder is not None else None
        self.entries: dict[tuple[str, str], Entry] = {}
        self.passed = ""
        self.changed = False
        self.begin()
        stored = read_pickle(self.file, pieces=True)
        if isinstance(stored, list) and stored and isinstance(stored[0], str):
            self.passed, self.entries = stored[0], dict(stored[1:])

    def begin(self) -> None:
        """A new load: files not read during it are forgotten when it is saved."""
        self.seen: set[tuple[str, str]] = set()
        self.hits = self.misses = 0

    def get(self, key: tuple[str, str], digest: str) -> Entry | None:
        self.seen.add(key)
        entry = self.entries.get(key)
        if entry is not None and entry.digest == digest:
            self.hits += 1
            return entry
        self.misses += 1
        return None

    def put(self, key: tuple[str, str], entry: Entry) -> None:
        self.entries[key] = entry
        self.changed = True

    def inputs(self) -> str:
        """Digest of every file read in this load (path, type, bytes)."""
        h = hashlib.sha256()
        for key in sorted(self.seen):
            entry = self.entries.get(key)
            h.update(repr((key, entry.digest if entry is not None else None)).encode())
        return h.hexdigest()

    def passes(self) -> None:
        """This load had no problems."""
        inputs = self.inputs()
        if inputs != self.passed:
            self.passed, self.changed = inputs, True

    def save(self) -> None:
        """Forget files not read in this load (deleted, renamed), then write the pickle."""
        for key in [k for k in self.entries if k not in self.seen]:
            del self.entries[key]
            self.changed = True
        if self.file is None or not self.changed:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for old in self.file.parent.glob("load-*.pickle"):  # results of an older reader
            if old != self.file:
                old.unlink(missing_ok=True)
        write_pickle(self.file, [self.passed, *self.entries.items()], pieces=True)
        self.changed = False


# While a process keeps its caches in memory across builds (``mkdocs serve``), writing them
# after every rebuild only costs the editor seconds: they are written when it stops.
_deferred: dict[Path, tuple[Any, bool]] | None = None  # file -> (its value or the function making it, pieces)


def defer_writes() -> None:
    """From now on ``write_pickle`` only notes what to write; ``flush_writes`` writes it."""
    global _deferred
    if _deferred is None:
        _deferred = {}


def flush_writes() -> None:
    global _deferred
    pending, _deferred = _deferred or {}, None
    for file, (value, pieces) in pending.items():
        write_pickle(file, value, pieces=pieces)


@dataclass(frozen=True)
class Pieces:
    """``count`` items for ``write_pickle(..., pieces=True)``, made one by one as they are written
    (the search entries of 10,000 pages as JSON would otherwise be 90 MB at once)."""

    count: int
    items: Iterable[Any]

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


def write_pickle(file: Path, value: Any, pieces: bool = False) -> None:
    """``value`` pickled into ``file`` at once: a reader sees the old file or the new one, never half.
    ``value`` may be a function that makes it: called only when the file is written (under
    ``mkdocs serve``, once, when the server stops; not after every rebuild).

    With ``pieces``, ``value`` is a list pickled item after item: the pickler remembers every
    object it wrote until it is done, and for the loaded records of 10,000 units that memory
    would be most of a gigabyte at once; per item it is the largest file's. It may be ``Pieces``,
    whose items are made as they are written."""
    if _deferred is not None:
        _deferred[file] = (value, pieces)
        return
    if callable(value):
        value = value()
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-")
    with os.fdopen(fd, "wb") as f:
        if pieces:
            pickle.dump(len(value), f, protocol=pickle.HIGHEST_PROTOCOL)
            for item in value:
                pickle.dump(item, f, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, file)


def read_pickle(file: Path | None, pieces: bool = False) -> Any:
    """The value pickled in ``file`` (``pieces``: the list ``write_pickle`` wrote item by item);
    None when there is none, or it is torn or foreign (a cache then starts empty: it is only a cache)."""
    if file is None or not file.exists():
        return None
    collecting = gc.isenabled()
    gc.disable()  # what a cache holds is long-lived: collecting while it is unpickled only costs time
    try:              # (at 1,000 units 1.6 of the 2.2 s the loaded records took)
        with file.open("rb") as f:
            if not pieces:
                return pickle.load(f)
            count = pickle.load(f)
            return [pickle.load(f) for _ in range(count)] if isinstance(count, int) else None
    except Exception:
        return None
    finally:
        if collecting:
            gc.enable()


_KEPT: dict[tuple[str, str], Any] = {}


def kept(kind: str, folder: Path, make: Callable[[], T]) -> T:
    """The ``kind`` cache of one project's cache folder, made once and kept in memory for the
    life of the process (``mkdocs serve`` rebuilds reuse it)."""
    key = (kind, str(folder.resolve()))
    if key not in _KEPT:
        _KEPT[key] = make()
    return cast(T, _KEPT[key])


def for_folder(folder: Path) -> LoadCache:
    """The cache of one project's cache folder, kept in memory for the life of the process."""
    return kept("load", folder, lambda: LoadCache(folder))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

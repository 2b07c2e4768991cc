"""Pages and exports made once per set of inputs.

The page kinds' pages and exports are pure functions of the loaded files, the
day (``as_of``), the audience, a few settings and our own code and templates.
``fingerprint`` digests all of these; while it stays the same (a rebuild with
nothing changed, or a change only to an author's content page), the pages and
exports of the previous build are used again instead of being made again. In
memory for the life of the process, pickled under the cache folder across
processes; one set per project, replaced when the inputs change."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from campaign.model.cache import LoadCache, kept, read_pickle, write_pickle
from campaign.render.memo import Warnings

PACKAGE = Path(__file__).resolve().parent.parent
CACHE_FILE = "made.pickle"


def _tree_digest(*folders: Path) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


CODE = _tree_digest(PACKAGE)


def settings(as_of: dt.date, audience: str, site_url: str, docs_dir: str, markdown: str,
             overrides: Path | None = None, *, printing: bool = True) -> str:
    """Digest of everything the page kinds' output depends on besides the loaded files:
    our code and templates, the project's overrides, the day, the site's settings and
    whether PDFs are made (the pages' print jobs are laid out only then)."""
    h = hashlib.sha256()
    for part in (CODE, as_of.isoformat(), audience, site_url, docs_dir, markdown, str(printing)):
        h.update(part.encode())
        h.update(b"\0")
    if overrides is not None and overrides.is_dir():
        h.update(_tree_digest(overrides).encode())
    return h.hexdigest()


def fingerprint(files: LoadCache | None, settings: str) -> str | None:
    """Digest of every input of the page kinds, or None when the loaded files are not known."""
    if files is None:
        return None
    h = hashlib.sha256(settings.encode())
    for key in sorted(files.seen):
        entry = files.entries.get(key)
        if entry is None:  # a file read with problems (the build stops anyway)
            return None
        h.update(repr(key).encode())
        h.update(entry.digest.encode())
    return h.hexdigest()


class Made:
    """The pages and outputs made for one fingerprint."""

    def __init__(self, folder: Path | None, key: str | None) -> None:
        self.file = folder / CACHE_FILE if folder is not None else None
        self.key = key
        self.stored: dict[str, Any] = _unflatten(read_pickle(self.file, pieces=True))
        self.changed = False

    def _get(self, name: str, make: Callable[[], list[Any]]) -> list[Any]:
        if self.has(name):
            return self.stored[name]
        with Warnings() as warned:
            made = make()
        if self.key is not None and warned.count == 0:  # what warned is made again, and warns again
            if self.stored.get("key") != self.key:
                self.stored = {"key": self.key}
            self.stored[name] = made
            self.changed = True
        return made

    def has(self, name: str) -> bool:
        """Whether ``name`` (pages, outputs) is kept for the current inputs."""
        return self.key is not None and self.stored.get("key") == self.key and name in self.stored

    def pages(self, make: Callable[[], list[Any]]) -> list[Any]:
        return self._get("pages", make)

    def outputs(self, make: Callable[[], list[Any]]) -> list[Any]:
        return self._get("outputs", make)

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        write_pickle(self.file, _flatten(self.stored), pieces=True)
        self.changed = False


KINDS = ("pages", "outputs")


def _flatten(stored: dict[str, Any]) -> list[Any]:
    """``stored`` as one list, pickled item by item: the key, how many of each kind, the items."""
    lists = [stored.get(kind) for kind in KINDS]
    return [stored.get("key"), [len(x) if x is not None else -1 for x in lists], *(i for x in lists for i in x or ())]


def _unflatten(flat: Any) -> dict[str, Any]:
    if not isinstance(flat, list) or len(flat) < 2 or not isinstance(flat[1], list) or len(flat[1]) != len(KINDS):
        return {}
    stored, at = {"key": flat[0]}, 2
    for kind, count in zip(KINDS, flat[1]):
        if count >= 0:
            stored[kind], at = flat[at:at + count], at + count
    return stored


def for_build(folder: Path | None, key: str | None) -> Made:
    """The project's Made, in memory if this process built it before, else from the cache folder."""
    if folder is None:
        return Made(None, None)
    made = kept("made", folder, lambda: Made(folder, key))
    made.key = key
    return made

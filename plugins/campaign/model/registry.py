"""What the loader keeps while reading: every id seen (to find duplicates and
unknown references) and the description of a kind of source file."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaign.model.problems import Loc, Problems
from campaign.model.schema import Reader, RefUse


@dataclass
class Registry:
    """Ids of every kind seen so far, with where each was defined."""

    ids: dict[str, dict[str, Loc]] = field(default_factory=dict)
    refs: list[RefUse] = field(default_factory=list)
    root: Path | None = None          # the project (for messages)
    docs_dir: Path | None = None      # content/: files a front-matter record may point to
    broken: set[str] = field(default_factory=set)  # ids of records that failed to read
    # kinds with a file that could not be read: references to them are not checked,
    # so one bad file gives its own errors, not one "unknown" per reference to it
    incomplete: set[str] = field(default_factory=set)

    def take(self, reader: Reader) -> None:
        self.refs.extend(reader.refs)
        self.broken |= reader.broken

    def define(self, kind: str, key: str, loc: Loc, problems: Problems, field_path: str = "id") -> bool:
        seen = self.ids.setdefault(kind, {})
        if key in seen:
            first = seen[key]
            problems.add(loc, field_path, f"编号“{key}”重复，已在 {first.path}:{first.line} 定义过。")
            return False
        seen[key] = loc
        return True


@dataclass(frozen=True)
class Source:
    """Files holding one record kind. ``add(model, value, registry, problems)``
    puts one file's value into the model (the loader's table says how)."""

    pattern: str                      # glob under data/ (or docs/ when front_matter)
    root: type                        # type of one file's content
    add: Callable[[Any, Any, Registry, Problems], None]
    many: bool = False                # the file holds a list of ``root``
    required: bool = False
    front_matter: bool = False        # Markdown files in docs_dir: read their front matter
    label: str = ""
    kind: str = ""                    # the Ref kind its records define ("unit"), if any

    @property
    def optional_empty(self) -> bool:
        """A file of fixed name (units.yml, tobacco.yml) may be left empty or hold only
        comments, meaning no records yet; a file in a folder (plans/*.yml) may not."""
        return "*" not in self.pattern

"""Problems found in the author's input, reported all at once as
``path:line:col: field.path: message`` with the message in Chinese."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True, slots=True)
class Loc:
    """Where a value stands in a source file (1-based line and column)."""

    path: str
    line: int = 1
    col: int = 1

    def __reduce__(self) -> tuple[type[Loc], tuple[str, int, int]]:  # pickled as its values: a slotted
        return Loc, (self.path, self.line, self.col)                # dataclass's own way costs 4x more

    def shifted(self, lines: int) -> Loc:
        return Loc(self.path, self.line + lines, self.col)


@dataclass(frozen=True, order=True)
class Problem:
    loc: Loc
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.loc.path}:{self.loc.line}:{self.loc.col}"
        return f"{where}: {self.field or '(文件)'}: {self.message}"


@dataclass
class Problems:
    """A collector: every loader appends here, nobody raises on the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, loc: Loc, field_path: str, message: str) -> None:
        self.items.append(Problem(loc, field_path, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self) -> str:
        lines = [str(p) for p in sorted(set(self.items))]
        lines.append(f"共发现 {len(lines)} 处问题，请逐条修改后重新构建。")
        return "\n".join(lines)


class CampaignError(Exception):
    """Raised once, after loading, when there are problems to report."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.report())

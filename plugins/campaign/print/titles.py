"""Titles of printed documents broken between words into balanced lines.

GB/T 9704-2012 7.3.1: a title that needs several lines is broken where the
meaning allows (词意完整) and arranged in a balanced shape (梯形或菱形). The
words come from jieba (the segmenter the site's search already uses); a line
never starts with closing punctuation nor ends with opening punctuation, no
line holds a single word when the title has more, and among the breaks that
fit, the one with the most even line lengths wins (ties: longer lines first).
"""
from __future__ import annotations

import math
from functools import lru_cache
from itertools import combinations, pairwise

OPENING = "《（(“‘〔【"
CLOSING = "》）)”’〕】，、。；：？！,.;:?!"


def width(text: str) -> float:
    """Width in em: Chinese characters one, ASCII digits and letters about half."""
    return sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in text)


@lru_cache(maxsize=512)
def words(text: str) -> tuple[str, ...]:
    import jieba

    jieba.setLogLevel(60)
    out: list[str] = []
    for word in jieba.cut(text, HMM=True):
        # punctuation sticks to its word: closing to the one before, opening to the one after
        if out and (word[0] in CLOSING or out[-1][-1] in OPENING):
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


@lru_cache(maxsize=512)
def lines(text: str, em_per_line: float) -> tuple[str, ...]:
    """The title in lines of at most ``em_per_line`` em, broken between words, balanced."""
    if width(text) <= em_per_line:
        return (text,)
    ws = words(text)
    total = width(text)
    for strict in (True, False):
        found = _best(ws, total, em_per_line, strict)
        if found:
            return found
    return (text,)


def _best(ws: tuple[str, ...], total: float, em_per_line: float, strict: bool) -> tuple[str, ...] | None:
    best: tuple[tuple[float, ...], tuple[str, ...]] | None = None
    for n in range(max(2, math.ceil(total / em_per_line)), min(len(ws), 6) + 1):
        for cuts in combinations(range(1, len(ws)), n - 1):
            bounds = (0, *cuts, len(ws))
            parts = tuple("".join(ws[a:b]) for a, b in pairwise(bounds))
            sizes = [width(p) for p in parts]
            if max(sizes) > em_per_line:
                continue
            if any(b - a == 1 and (strict or len(ws[a]) < 2) for a, b in pairwise(bounds)):
                continue  # a word alone on a line
            score = (max(sizes) - min(sizes), *(-s for s in sizes))
            if best is None or score < best[0]:
                best = (score, parts)
        if best is not None:
            return best[1]
    return None

"""Numbering of a document's headings and items, the one place the numerals live.

Chinese official documents number their levels 一、 → （一） → 1. → （1）;
authors choose the style of a level (``numbering:``) and may give any single
item its own number (``number:``) where the document skips or repeats one.
"""
from __future__ import annotations

from typing import Literal

Style = Literal["一、", "（一）", "1.", "1、", "（1）", "①", "none"]
STYLES: tuple[str, ...] = ("一、", "（一）", "1.", "1、", "（1）", "①", "none")
# The style of the level below a level of each style.
NEXT: dict[str, str] = {"一、": "（一）", "（一）": "1.", "1.": "（1）", "1、": "（1）", "（1）": "①", "①": "none",
                        "none": "none"}
TOP: str = "一、"

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (and plain digits from 100)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def label(style: str, n: int) -> str:
    """The label of the ``n``-th item (from 1) of a level in ``style``."""
    if style == "一、":
        return f"{cn_numeral(n)}、"
    if style == "（一）":
        return f"（{cn_numeral(n)}）"
    if style == "1.":
        return f"{n}."
    if style == "1、":
        return f"{n}、"
    if style == "（1）":
        return f"（{n}）"
    if style == "①":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else f"（{n}）"
    return ""


def below(style: str) -> str:
    """The default style of the level below ``style``."""
    return NEXT.get(style, "none")


def number(style: str, n: int, own: str = "") -> str:
    """An item's label: the document's own number when it has one, else by position."""
    return own or label(style, n)

"""Geometry read back from a PDF with PyMuPDF, in millimetres from the page's top left.

A line's characters are placed by their baseline and size: the ideographic
em box of a Chinese character runs from 0.88 em above the baseline to 0.12 em
below it, so ``top``/``bottom`` are where the character's body (字身) is,
whatever ascent and descent the face declares. Rules are drawings: filled
rectangles or stroked lines, with their colour and thickness.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf

MM = 72 / 25.4
PT = 1 / MM                     # one point in mm
PITCH = 28.9 * PT               # the 公文 grid: 22 lines in the 225 mm type area
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0   # the type area (版心) of A4 after GB/T 9704
TOL = 0.5


@dataclass(frozen=True)
class Line:
    page: int                   # 1-based
    text: str
    size: float                 # pt
    font: str
    color: tuple[float, float, float]
    x0: float
    x1: float
    base: float

    @property
    def top(self) -> float:
        return self.base - 0.88 * self.size * PT

    @property
    def bottom(self) -> float:
        return self.base + 0.12 * self.size * PT

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Rule:
    page: int
    y: float                    # centre of the stroke
    x0: float
    x1: float
    thickness: float
    color: tuple[float, float, float]

    @property
    def red(self) -> bool:
        r, g, b = self.color
        return r > 0.75 and g < 0.25 and b < 0.25

    @property
    def black(self) -> bool:
        return max(self.color) < 0.2


def _rgb(value: int) -> tuple[float, float, float]:
    return ((value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255)


def lines(doc: pymupdf.Document, pno: int) -> list[Line]:
    """Every text line of a page, split where the size or font changes, top to bottom."""
    out: list[Line] = []
    raw = doc[pno].get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                chars = [c for c in span["chars"]]
                text = "".join(c["c"] for c in chars)
                if not text.strip():
                    continue
                visible = [c for c in chars if c["c"].strip()]
                out.append(Line(pno + 1, text.strip(), round(span["size"], 2), span["font"], _rgb(span["color"]),
                                visible[0]["bbox"][0] / MM, visible[-1]["bbox"][2] / MM, span["origin"][1] / MM))
    # one visual line may come as several spans (a heading and its text): merge same-baseline spans of one size
    out.sort(key=lambda ln: (round(ln.base, 1), ln.x0))
    merged: list[Line] = []
    for ln in out:
        prev = merged[-1] if merged else None
        if prev and abs(prev.base - ln.base) < 0.2 and prev.size == ln.size and ln.x0 >= prev.x1 - 0.5 \
                and ln.x0 - prev.x1 < 12:
            merged[-1] = Line(prev.page, prev.text + ln.text, prev.size, prev.font, prev.color,
                              prev.x0, ln.x1, prev.base)
        else:
            merged.append(ln)
    return merged


def spans(doc: pymupdf.Document, pno: int) -> list[Line]:
    """Like ``lines`` but without merging: one entry per run of one font."""
    out = []
    raw = doc[pno].get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                visible = [c for c in span["chars"] if c["c"].strip()]
                if visible:
                    out.append(Line(pno + 1, "".join(c["c"] for c in span["chars"]).strip(), round(span["size"], 2),
                                    span["font"], _rgb(span["color"]), visible[0]["bbox"][0] / MM,
                                    visible[-1]["bbox"][2] / MM, span["origin"][1] / MM))
    return out


def rules(doc: pymupdf.Document, pno: int, min_width: float = 20.0) -> list[Rule]:
    """Horizontal rules at least ``min_width`` mm long: thin filled rectangles or stroked lines."""
    out = []
    for d in doc[pno].get_drawings():
        rects = [item[1] for item in d["items"] if item[0] == "re"]
        fill = d.get("fill")
        if fill is not None and len(rects) == 2 and len(d["items"]) == 2:
            # a border drawn as the area between two nested rectangles: its top and bottom bands
            outer, inner = sorted(rects, key=lambda r: -r.height)
            for y0, y1 in ((outer.y0, inner.y0), (inner.y1, outer.y1)):
                if 0 < (y1 - y0) / MM < 2 and outer.width / MM >= min_width:
                    out.append(Rule(pno + 1, (y0 + y1) / 2 / MM, outer.x0 / MM, outer.x1 / MM, (y1 - y0) / MM,
                                    tuple(fill)))
            continue
        for item in d["items"]:
            if item[0] == "re":
                r, fill = item[1], d.get("fill")
                if fill is not None and r.height / MM < 2 and r.width / MM >= min_width:
                    out.append(Rule(pno + 1, (r.y0 + r.y1) / 2 / MM, r.x0 / MM, r.x1 / MM, r.height / MM, tuple(fill)))
            elif item[0] == "qu":
                r = item[1].rect
                fill = d.get("fill")
                if fill is not None and r.height / MM < 2 and r.width / MM >= min_width:
                    out.append(Rule(pno + 1, (r.y0 + r.y1) / 2 / MM, r.x0 / MM, r.x1 / MM, r.height / MM, tuple(fill)))
            elif item[0] == "l":
                p1, p2 = item[1], item[2]
                if abs(p1.y - p2.y) < 0.01 and abs(p2.x - p1.x) / MM >= min_width and d.get("color") is not None:
                    out.append(Rule(pno + 1, p1.y / MM, min(p1.x, p2.x) / MM, max(p1.x, p2.x) / MM,
                                    (d.get("width") or 0) / MM, tuple(d["color"])))
    return sorted(out, key=lambda r: (r.y, r.x0))


def joined(rs: list[Rule]) -> list[Rule]:
    """Collinear segments (a table's border drawn cell by cell) joined into one rule."""
    out: list[Rule] = []
    for r in sorted(rs, key=lambda r: (round(r.y, 1), r.x0)):
        prev = out[-1] if out else None
        if prev and abs(prev.y - r.y) < 0.3 and r.x0 <= prev.x1 + 0.5 and prev.color == r.color:
            thick = prev if prev.thickness >= r.thickness else r     # a hairline drawn over a filled rule
            out[-1] = Rule(prev.page, thick.y, prev.x0, max(prev.x1, r.x1), thick.thickness, prev.color)
        else:
            out.append(r)
    return out


def ink_rows(doc: pymupdf.Document, pno: int, x0: float, x1: float, y0: float, y1: float,
             dpi: int = 1200) -> tuple[float, float] | None:
    """Top and bottom (mm) of the ink inside a box of the page, from a rendering at ``dpi``."""
    clip = pymupdf.Rect(x0 * MM, y0 * MM, x1 * MM, y1 * MM)
    pix = doc[pno].get_pixmap(dpi=dpi, clip=clip, colorspace=pymupdf.csGRAY)
    samples = pix.samples  # a copy of the pixels on every access: read it once
    rows = [y for y in range(pix.height)
            if min(samples[y * pix.stride:y * pix.stride + pix.width]) < 128]
    if not rows:
        return None
    scale = 25.4 / dpi
    return y0 + rows[0] * scale, y0 + (rows[-1] + 1) * scale


def pdffonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


def near(a: float, b: float, tol: float = TOL) -> bool:
    return abs(a - b) <= tol


PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")

"""Small inline SVG charts (horizontal bars, lines) drawn by hand: no script,
nothing loaded from outside. Every chart is ``role="img"`` with a <title>
and <desc>; the page puts a table with the same figures next to it."""
from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

from markupsafe import Markup

# Colours with ≥ 3:1 contrast on white for graphics (WCAG 1.4.11); lines also differ by dash.
PALETTE = ["#b71c1c", "#0d47a1", "#1b5e20", "#6a1b9a", "#e65100", "#006064", "#4e342e", "#37474f"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]


def _chart_id(title: str, desc: str) -> str:
    """An id from what the chart shows: the same in every build (``mkdocs serve`` rebuilds in one
    process), and two charts of one page differ in their title."""
    return "chart-" + hashlib.blake2b(f"{title}\0{desc}".encode(), digest_size=4).hexdigest()
# Drawn 18 text-heights wide: campaign.css shows a chart at most 18em wide (100% of a narrower
# column), so its labels are the size of the body text, on a phone and in 大字版 alike.
WIDTH, FONT = 324, 18


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(items: list[tuple[str, float]], *, title: str, desc: str, maximum: float = 100.0,
              suffix: str = "%", width: int = WIDTH) -> Markup:
    """Horizontal bars, one per (label, value): the label above its bar, the value at the bar's end."""
    n = _chart_id(title, desc)
    row, pad = 56, 64
    height = row * len(items) + 6
    plot = width - pad
    parts = [f'<svg class="cs-chart" role="img" aria-labelledby="{n}-t {n}-d" '
             f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{n}-t">{escape(title)}</title><desc id="{n}-d">{escape(desc)}</desc>']
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = 0 if maximum <= 0 else max(0.0, min(value, maximum)) / maximum * plot
        short = label if len(label) <= 17 else label[:16] + "…"
        parts.append(f'<text x="0" y="{y + 18}" font-size="{FONT}" fill="#212121">{escape(short)}</text>')
        parts.append(f'<rect x="0" y="{y + 26}" width="{plot}" height="22" fill="#eceff1"/>')
        parts.append(f'<rect x="0" y="{y + 26}" width="{w:.1f}" height="22" fill="{PALETTE[1]}"/>')
        parts.append(f'<text x="{w + 4:.1f}" y="{y + 43}" font-size="{FONT}" fill="#212121">{_fmt(value)}{escape(suffix)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(xlabels: list[str], series: list[tuple[str, list[float | None]]], *, title: str, desc: str,
               lo: float = 0.0, hi: float = 100.0, width: int = WIDTH, height: int = 240) -> Markup:
    """One line per series over the x labels; gaps where a value is missing; a legend below."""
    n = _chart_id(title, desc)
    left, right, top, bottom = 44, 14, 12, 30
    per_row = 2  # legend entries per line
    legend_rows = (len(series) + per_row - 1) // per_row
    total_h = height + legend_rows * 26
    # x labels every ``every`` points so that they do not overlap (about 3 characters each)
    every = max(1, -(-len(xlabels) * 3 * FONT // (width - left - right)))
    pw, ph = width - left - right, height - top - bottom
    step = pw / max(1, len(xlabels) - 1)

    def x(i: int) -> float:
        return left + (i * step if len(xlabels) > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph - (v - lo) / (hi - lo or 1) * ph

    parts = [f'<svg class="cs-chart" role="img" aria-labelledby="{n}-t {n}-d" '
             f'viewBox="0 0 {width} {total_h}" width="100%" preserveAspectRatio="xMinYMin meet" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{n}-t">{escape(title)}</title><desc id="{n}-d">{escape(desc)}</desc>']
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#cfd8dc"/>')
        parts.append(f'<text x="{left - 4}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="{FONT}" fill="#424242">{_fmt(v)}</text>')
    for i, lab in enumerate(xlabels):
        if i % every == 0 or i == len(xlabels) - 1:
            anchor = "start" if i == 0 else "end" if i == len(xlabels) - 1 else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{height - 6}" text-anchor="{anchor}" font-size="{FONT}" fill="#424242">{escape(lab)}</text>')
    for s, (name, values) in enumerate(series):
        colour, dash = PALETTE[s % len(PALETTE)], DASHES[(s // len(PALETTE) + s) % len(DASHES)]
        segs: list[list[tuple[float, float]]] = []
        cur: list[tuple[float, float]] = []
        for i, val in enumerate(values):
            if val is None:
                if cur:
                    segs.append(cur)
                cur = []
            else:
                cur.append((x(i), y(val)))
        if cur:
            segs.append(cur)
        for seg in segs:
            pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in seg)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
            for a, b in seg:
                parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.5" fill="{colour}"/>')
        lx, ly = (s % per_row) * (width / per_row), height + 10 + (s // per_row) * 26
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx:.1f}" x2="{lx + 24:.1f}" y1="{ly:.1f}" y2="{ly:.1f}" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        parts.append(f'<text x="{lx + 30:.1f}" y="{ly + 5:.1f}" font-size="{FONT}" fill="#212121">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))

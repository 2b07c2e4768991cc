"""The no-smoking symbol, drawn here as our own SVG: a red ring and diagonal
bar over a lit cigarette and an e-cigarette, so the sign covers both."""
from __future__ import annotations

from markupsafe import Markup

RED = "#c8102e"

SYMBOL = f"""<svg class="cs-nosmoking" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="禁止吸烟（含电子烟）标志">
<title>禁止吸烟（含电子烟）</title>
<circle cx="100" cy="100" r="92" fill="#fff"/>
<g>
  <!-- cigarette: filter, body, glowing tip and smoke -->
  <rect x="34" y="72" width="22" height="18" fill="#d9822b" stroke="#000" stroke-width="2"/>
  <rect x="56" y="72" width="92" height="18" fill="#fff" stroke="#000" stroke-width="2"/>
  <rect x="148" y="72" width="10" height="18" fill="#e85d1a" stroke="#000" stroke-width="2"/>
  <path d="M150 64 q-8 -10 0 -20 q8 -10 0 -20" fill="none" stroke="#000" stroke-width="3" stroke-linecap="round"/>
  <!-- e-cigarette: mouthpiece, battery body, button and vapour -->
  <rect x="40" y="116" width="14" height="14" rx="3" fill="#000"/>
  <rect x="54" y="112" width="96" height="22" rx="5" fill="#444" stroke="#000" stroke-width="2"/>
  <circle cx="128" cy="123" r="4" fill="#fff"/>
  <path d="M36 112 q-6 -6 -2 -12 M30 118 q-8 -4 -8 -10" fill="none" stroke="#000" stroke-width="2.5" stroke-linecap="round"/>
</g>
<circle cx="100" cy="100" r="84" fill="none" stroke="{RED}" stroke-width="16"/>
<line x1="40.6" y1="40.6" x2="159.4" y2="159.4" stroke="{RED}" stroke-width="16"/>
</svg>"""


def symbol() -> Markup:
    return Markup(SYMBOL)

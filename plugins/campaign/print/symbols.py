"""The no-smoking symbol, drawn here as our own SVG: a red ring and diagonal
bar over a lit cigarette and an e-cigarette, so the sign covers both (GB 2894
禁止标志: red ring and bar, black pictogram on white, the pictogram clear of
the ring)."""
from __future__ import annotations

from markupsafe import Markup

RED = "#c8102e"

SYMBOL = f"""<svg class="cs-nosmoking" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" role="img" aria-label="禁止吸烟（含电子烟）标志">
<title>禁止吸烟（含电子烟）</title>
<circle cx="100" cy="100" r="92" fill="#fff"/>
<g>
  <!-- every part inside r = 72 (the ring's inside edge is at r = 76), so nothing touches the ring -->
  <!-- cigarette: filter, body, glowing tip and a short plume of smoke -->
  <rect x="44" y="66" width="20" height="16" fill="#d9822b" stroke="#000" stroke-width="2"/>
  <rect x="64" y="66" width="76" height="16" fill="#fff" stroke="#000" stroke-width="2"/>
  <rect x="140" y="66" width="10" height="16" fill="#e85d1a" stroke="#000" stroke-width="2"/>
  <path d="M146 60 q-5 -4 0 -8 q5 -4 0 -8" fill="none" stroke="#000" stroke-width="3" stroke-linecap="round"/>
  <!-- e-cigarette: mouthpiece, battery body, button and a little vapour -->
  <rect x="46" y="115" width="12" height="12" rx="3" fill="#000"/>
  <rect x="58" y="112" width="86" height="18" rx="5" fill="#444" stroke="#000" stroke-width="2"/>
  <circle cx="126" cy="121" r="4" fill="#fff"/>
  <path d="M44 110 q-4 -4 -1 -9 M38 114 q-6 -3 -6 -8" fill="none" stroke="#000" stroke-width="2.5" stroke-linecap="round"/>
</g>
<circle cx="100" cy="100" r="84" fill="none" stroke="{RED}" stroke-width="16"/>
<line x1="40.6" y1="40.6" x2="159.4" y2="159.4" stroke="{RED}" stroke-width="16"/>
</svg>"""


def symbol() -> Markup:
    return Markup(SYMBOL)

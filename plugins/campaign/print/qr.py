"""QR codes as inline SVG, made by the ``qrcode`` library (error correction M)."""
from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape


@functools.lru_cache(maxsize=4096)  # pure; a build, a check and every serve rebuild draw the same codes
def qr_svg(url: str, label: str = "", symbol_mm: float | None = None, module_mm: float = 0.0) -> Markup:
    """The QR code of ``url``; sized by CSS, or with ``symbol_mm`` the code itself (without its 4-module
    quiet zone) at least that wide in print, and wider if needed for modules of ``module_mm``."""
    import qrcode
    import qrcode.image.svg

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                       image_factory=qrcode.image.svg.SvgPathImage)
    qr.add_data(url)
    qr.make(fit=True)
    svg = qr.make_image().to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    size = ""
    if symbol_mm:
        symbol_mm = max(symbol_mm, module_mm * qr.modules_count)
        whole = symbol_mm * (qr.modules_count + 8) / qr.modules_count
        size = f' width="{whole:.2f}mm" height="{whole:.2f}mm"'
    # a white background so the quiet zone survives any panel colour
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"',
                 f'<svg class="cs-qr"{size} role="img" aria-label="二维码：{escape(label or url)}"', svg)
    svg = re.sub(r'\s*id="qr-path"', "", svg)  # four codes on a page: no duplicate ids
    svg = svg.replace(">", '><rect width="100%" height="100%" fill="#fff"/>', 1)
    return Markup(svg)

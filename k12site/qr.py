"""A QR code of a page's own address, for the printed county page: made by `segno`, inline SVG
(no image file, no request), scaled by the stylesheet."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` as an ``<svg>`` element whose ``<title>`` is ``title``."""
    code = segno.make(url, error="m")
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None, title=title))

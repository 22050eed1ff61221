"""A QR code of a page's own address, made by `segno`: inline SVG on the printed county page (no
image file, no request), scaled by the stylesheet; the same code as files for county offices (`kit`)."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup


def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url``: the printed county page's, and the county offices' files' (`kit`)."""
    return segno.make(url, error="m")


# Kept for the life of the process: the printed county page and the county offices' page draw the
# same code, and `serve` draws them again on every save; a code depends on its address and title alone.
@functools.lru_cache(maxsize=4096)
def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` as an ``<svg>`` element whose ``<title>`` is ``title``."""
    code = qr_code(url)
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None, title=title))

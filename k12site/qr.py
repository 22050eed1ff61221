"""A QR code of a page's own address, made by `segno`: inline SVG on the printed county page (no
image file, no request), scaled by the stylesheet; the same code as files for county offices (`kit`)."""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup


# Made once per address for the life of the process (encoding is most of a code's cost): the
# printed county page, its office's page and its office's files show the same code, and `serve`
# shows them again on every save. A code depends on its address alone; nothing changes one.
@functools.lru_cache(maxsize=4096)
def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url``: the printed county page's, and the county offices' files' (`kit`)."""
    return segno.make(url, error="m")


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` as an ``<svg>`` element whose ``<title>`` is ``title``."""
    code = qr_code(url)
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None, title=title))

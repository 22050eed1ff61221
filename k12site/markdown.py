"""Markdown prose from content/: CommonMark through markdown-it-py, raw HTML off, safe links only."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES = ("https:", "mailto:", "tel:", "webcal:")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def is_safe_link(href: str) -> bool:
    """https:, mailto:, tel:, webcal: or a relative link that stays under the site's sub-path.

    Root-relative (``/x``) and protocol-relative (``//host``) links are refused: the first
    breaks when the site lives under a sub-path, the second reaches another host.
    """
    href = href.strip()
    scheme = _SCHEME.match(href)
    if scheme:
        return scheme.group(0).lower() in SAFE_SCHEMES
    return not href.startswith(("/", "\\"))


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False})
    # markdown-it-py's documented way to change the link rule; an unsafe link is rendered as plain text
    parser.validateLink = is_safe_link  # type: ignore[method-assign, assignment]
    return parser


_PARSER = _parser()


def render(text: str) -> Markup:
    """HTML for a Markdown text; raw HTML in the source comes out escaped."""
    return Markup(_PARSER.render(text))

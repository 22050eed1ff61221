"""Pages written in Markdown: ``content/<year>/<name>.<lang>.md``, a front matter, then the text.

::

    ---
    title: 常見問題
    menu: 1
    description: 報名、連線與簽到的常見問題
    ---
    ## 報名
    …

The front matter is YAML read like a data file (`read_yaml`, then a pydantic model that forbids
unknown keys), so its problems are located in the file like a data file's. ``home`` is the year
page's introduction: its front matter is optional and may hold only a description.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from . import models
from .i18n import LANGS
from .problems import Problem
from .project import HOME, ContentPage
from .sourcefile import SourceError
from .validate import validate_file
from .yamlfile import YamlFile, read_yaml

FENCE = "---"
NO_FRONT_MATTER = (
    "a page starts with its front matter: a '---' line, 'title: …' (and 'menu: …', 'description: …' "
    "if wanted), then another '---' line"
)
UNCLOSED = "the front matter that starts here has no closing '---' line"
TITLE_HEADING = "a '#' heading would be a second title on the page; start the text's headings at '##'"


FrontMatter = models.HomeFrontMatter | models.PageFrontMatter


def front_matter_model(page: str) -> type[FrontMatter]:
    return models.HomeFrontMatter if page == HOME else models.PageFrontMatter


def read_page(text: str, name: str, page: str) -> tuple[YamlFile | None, FrontMatter | None, str, list[Problem]]:
    """A page's front matter (as parsed, and validated or None) and its Markdown, with every problem.

    The Markdown keeps the front matter's lines as blank lines, so a problem found in the text
    later is reported on the file's own line.
    """
    model = front_matter_model(page)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != FENCE:
        if page == HOME:
            return None, models.HomeFrontMatter(), text, []
        return None, None, text, [Problem(name, 1, 1, "(file)", NO_FRONT_MATTER)]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == FENCE), None)
    if end is None:
        return None, None, text, [Problem(name, 1, 1, "(file)", UNCLOSED)]
    body = "\n" * (end + 1) + "".join(lines[end + 1 :])
    try:  # the opening '---' starts the YAML document, so its lines are the file's lines
        source = read_yaml("".join(lines[:end]).encode("utf-8"), name)
    except SourceError as exc:
        return None, None, body, [exc.problem]
    matter, problems = validate_file(model, source)
    return source, matter, body, problems


Read = dict[tuple[str, str], tuple[YamlFile | None, FrontMatter, str]]  # (page, lang) -> source, front matter, text


def content_pages(read: Read) -> tuple[dict[str, ContentPage], list[Problem]]:
    """The pages whose files were read in every language, by name; and where their menus disagree."""
    pages, problems = {}, []
    for page in sorted({page for page, _ in read}):
        if not all((page, lang) in read for lang in LANGS):
            continue  # the missing translation is reported by itself
        matter = {lang: read[(page, lang)][1] for lang in LANGS}
        text = {lang: read[(page, lang)][2] for lang in LANGS}
        if page == HOME:
            pages[page] = ContentPage(page, text, description={lang: m.description for lang, m in matter.items()})
            continue
        fronts = [m for m in matter.values() if isinstance(m, models.PageFrontMatter)]  # all, by the file names
        first, second = (m.menu for m in fronts)
        source = read[(page, LANGS[1])][0]
        if first != second and source is not None:
            message = (
                f"{page}.{LANGS[0]}.md has {_place(first)} and this file {_place(second)}; "
                "a page has one place in the menu, the same in both languages"
            )
            problems.append(source.problem(("menu",), message))
        title = {lang: m.title for lang, m in zip(LANGS, fronts, strict=True)}
        description = {lang: m.description for lang, m in matter.items()}
        pages[page] = ContentPage(page, text, title, description, first)
    return pages, problems


def _place(menu: int | None) -> str:
    return "no menu" if menu is None else f"menu {menu}"


_PARSER = MarkdownIt("commonmark")


def title_headings(name: str, body: str) -> list[Problem]:
    """A '#' heading in a page's text would be a second title: the page's own is its only h1."""
    return [
        Problem(name, token.map[0] + 1 if token.map else 1, 1, "(markdown)", TITLE_HEADING)
        for token in _PARSER.parse(body)
        if token.type == "heading_open" and token.tag == "h1"
    ]

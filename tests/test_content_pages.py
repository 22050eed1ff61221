"""Pages by files alone: content/<year>/<name>.<lang>.md with a front matter becomes /<lang>/<year>/<name>/.

Every test works on a copy of the seed project; the messages are what `build.py check` prints.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from helpers import soup

from k12site.builder import build
from k12site.cli import main
from k12site.kinds import PAGE_KINDS
from k12site.loader import load_project
from k12site.urls import reserved_names

FAQ = {
    "zh-tw": "---\ntitle: 常見問題\nmenu: 2\ndescription: 報名、連線與簽到的常見問題\n---\n## 報名\n\n請至[研習網](https://example.org/)報名。\n",
    "en": "---\ntitle: Questions and answers\nmenu: 2\ndescription: Registering, joining and signing in\n---\n"
    "## Registering\n\nRegister on the [training site](https://example.org/).\n",
}
DOWNLOADS = {
    "zh-tw": "---\ntitle: 下載\nmenu: 1\n---\n手冊請至學籍系統下載。\n",
    "en": "---\ntitle: Downloads\nmenu: 1\n---\nDownload the handbooks from the Registration System.\n",
}
CONTACT = {  # no menu: a page of the year, but not in the menu
    "zh-tw": "---\ntitle: 聯絡我們\n---\n請來信。\n",
    "en": "---\ntitle: Contact us\n---\nPlease write to us.\n",
}


def add_page(root: Path, name: str, texts: dict[str, str], year: int = 114) -> None:
    for lang, body in texts.items():
        (root / f"content/{year}/{name}.{lang}.md").write_text(body, encoding="utf-8")


def target(rel: str, href: str) -> str:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
    return (path + "/index.html") if href.endswith("/") or href in ("", ".") else path


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check", "--root", str(root)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.strip().splitlines()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from seed import copy_seed_project

    root = copy_seed_project(tmp_path_factory.mktemp("faq") / "real")
    add_page(root, "faq", FAQ)
    add_page(root, "downloads", DOWNLOADS)
    add_page(root, "contact", CONTACT)
    out = root.parent / "out"
    build(root, out)
    return out


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_a_content_page_is_built_in_both_languages_with_its_title_and_description(built: Path, lang: str) -> None:
    page = soup(built, f"{lang}/114/faq/index.html")
    title, _, description = (FAQ[lang].split("\n")[i].split(": ", 1)[1] for i in (1, 2, 3))
    assert page.h1.get_text() == title
    assert page.title.get_text().startswith(title + " | ")
    assert page.select_one('meta[name="description"]')["content"] == description
    assert page.select_one("main h2").get_text() in ("報名", "Registering")
    assert page.select_one("main a[href='https://example.org/']")
    switch = page.select_one("a.lang-switch")
    other = "en" if lang == "zh-tw" else "zh-tw"
    assert target(f"{lang}/114/faq/index.html", switch["href"]) == f"{other}/114/faq/index.html"


@pytest.mark.parametrize("lang", ["zh-tw", "en"])
def test_content_pages_are_in_the_menu_of_every_page_of_their_year_after_the_built_in_entries(
    built: Path, lang: str
) -> None:
    pages = sorted(p.relative_to(built).as_posix() for p in (built / lang / "114").rglob("index.html"))
    year = load_project(built.parent / "real").years[0]
    # home, sessions, process, on-site and changes pages, then one a thing (two a county: its page, its office's)
    assert len(pages) == 5 + len(year.tracks) + 2 * len(year.counties) + len(year.notices) + len(year.pages)
    titles = [re.search(r"title: (.*)", texts[lang])[1] for texts in (DOWNLOADS, FAQ)]
    for rel in pages:
        menu = soup(built, rel).select("nav a")
        labels = [a.get_text() for a in menu][:-1]  # the search page closes every menu
        assert labels[-2:] == titles, rel  # menu 1, then menu 2; the page without a menu is not there
        targets = [target(rel, a["href"]) for a in menu[-3:-1]]
        assert targets == [f"{lang}/114/downloads/index.html", f"{lang}/114/faq/index.html"], rel
    current = soup(built, f"{lang}/114/faq/index.html").select('nav a[aria-current="page"]')
    assert [a.get_text() for a in current] == titles[1:]


def test_content_pages_are_in_the_sitemap_with_their_counterparts(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    for name in ("faq", "downloads", "contact"):
        assert {f"zh-tw/114/{name}/", f"en/114/{name}/"} <= locs
    assert '<xhtml:link rel="alternate" hreflang="en" href="en/114/contact/"/>' in sitemap


def test_the_home_page_may_have_a_front_matter_with_a_description(seed_project: Path, tmp_path: Path) -> None:
    home = seed_project / "content/114/home.en.md"
    home.write_text("---\ndescription: The training, in short\n---\n" + home.read_text(encoding="utf-8"))
    build(seed_project, tmp_path / "out")
    page = soup(tmp_path / "out", "en/114/index.html")
    assert page.select_one('meta[name="description"]')["content"] == "The training, in short"
    assert not page.select_one(".prose").find(string=re.compile("description"))


def test_built_in_page_paths_are_reserved_names() -> None:
    assert reserved_names() == [
        "agenda",
        "assets",
        "calendars",
        "changes",
        "counties",
        "data",
        "notice",
        "onsite",
        "process",
        "sessions",
    ]
    assert PAGE_KINDS["content"].path == "{slug}/"


# --- located errors ------------------------------------------------------------------------------


def test_a_missing_translation_of_a_page_is_located(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_page(seed_project, "faq", {"zh-tw": FAQ["zh-tw"]})
    assert check(seed_project, capsys) == [
        "content/114/faq.zh-tw.md:1:1: (file): the translation faq.en.md is missing",
        "1 problem found; nothing was written.",
    ]


BROKEN = [
    (
        "---\ntitel: FAQ\nmenu: 2\n---\nText.\n",
        [
            "content/114/faq.en.md:2:1: titel: unknown key 'titel'; did you mean 'title'?",
            "content/114/faq.en.md:2:1: title: required key 'title' is missing",
        ],
    ),
    (
        "---\ntitle: FAQ\nmenu: second\n---\nText.\n",
        ["content/114/faq.en.md:3:7: menu: 'second' is not a whole number"],
    ),
    (
        "---\ntitle: FAQ\nmenu: 3\n---\nText.\n",
        [
            "content/114/faq.en.md:3:7: menu: faq.zh-tw.md has menu 2 and this file menu 3; "
            "a page has one place in the menu, the same in both languages"
        ],
    ),
    (
        "---\ntitle: [FAQ\nmenu: 2\n---\nText.\n",
        [
            "content/114/faq.en.md:3:5: (file): YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 2, column 8)"
        ],
    ),
    (
        "---\ntitle: FAQ\nmenu: 2\nText.\n",
        ["content/114/faq.en.md:1:1: (file): the front matter that starts here has no closing '---' line"],
    ),
    (
        "Text without a front matter.\n",
        [
            "content/114/faq.en.md:1:1: (file): a page starts with its front matter: a '---' line, "
            "'title: …' (and 'menu: …', 'description: …' if wanted), then another '---' line"
        ],
    ),
    ("---\n---\nText.\n", ["content/114/faq.en.md:2:1: title: required key 'title' is missing"]),
    (
        "---\ntitle: FAQ\nmenu: 0\n---\nText.\n",
        ["content/114/faq.en.md:3:7: menu: '0': input should be greater than 0"],
    ),
]


@pytest.mark.parametrize("front, messages", BROKEN, ids=lambda v: "" if isinstance(v, list) else v.split("\n")[1])
def test_a_bad_front_matter_is_located(
    seed_project: Path, capsys: pytest.CaptureFixture[str], front: str, messages: list[str]
) -> None:
    add_page(seed_project, "faq", {"zh-tw": FAQ["zh-tw"], "en": front})
    assert check(seed_project, capsys) == [
        *messages,
        f"{len(messages)} problem{'s' if len(messages) > 1 else ''} found; nothing was written.",
    ]


def test_a_markdown_link_below_a_front_matter_is_located_on_its_own_line(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_page(
        seed_project, "faq", {"zh-tw": FAQ["zh-tw"], "en": FAQ["en"].replace("https://example.org/", "javascript:x()")}
    )
    assert check(seed_project, capsys)[0] == (
        "content/114/faq.en.md:8:1: (markdown): link 'javascript:x()' is not allowed; "
        "use https:, mailto:, tel:, webcal: or a relative link (not starting with /)"
    )


def test_a_title_heading_in_a_pages_text_is_located(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_page(seed_project, "faq", {"zh-tw": FAQ["zh-tw"], "en": FAQ["en"].replace("## Registering", "# Registering")})
    assert check(seed_project, capsys)[0] == (
        "content/114/faq.en.md:6:1: (markdown): a '#' heading would be a second title on the page; "
        "start the text's headings at '##'"
    )


@pytest.mark.parametrize("name", ["sessions", "counties", "calendars", "data", "assets", "changes"])
def test_a_page_named_like_a_built_in_page_is_refused(
    seed_project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    add_page(seed_project, name, CONTACT)
    taken = "agenda, assets, calendars, changes, counties, data, notice, onsite, process, sessions"
    assert check(seed_project, capsys) == [
        f"content/114/{name}.en.md:1:1: (file): '{name}' is a path the site uses for its own pages "
        f"({taken}); give the page another name",
        f"content/114/{name}.zh-tw.md:1:1: (file): '{name}' is a path the site uses for its own pages "
        f"({taken}); give the page another name",
        "2 problems found; nothing was written.",
    ]

"""URLs are promises, enforced: data/urls.yaml records every URL the site has published; a build
that would stop producing one fails and names it, unless `moved:` says where it went; `check`
catches all of it, as it renders the whole site in memory."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import errors
from tiny import FILES

from k12site import ledger, urls
from k12site.builder import render
from k12site.cli import main
from k12site.dates import build_date
from k12site.i18n import OTHER
from k12site.ledger import HEADER
from k12site.loader import load_project
from k12site.output import Output
from k12site.templating import environment

REPO = Path(__file__).resolve().parent.parent
FILES_URLS = [line[4:] for line in FILES["data/urls.yaml"].splitlines() if line.startswith("  - ")]  # the tiny ledger
BETA_NOTICE = ["en/114/notice/beta-city/", "zh-tw/114/notice/beta-city/"]


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def site_bytes(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# --- check renders the whole site in memory, as build renders it --------------------------------


def test_check_reports_a_template_mistake_exactly_as_build_does(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the notice page is the only page that uses this template: data checks alone never see it
    replace(
        seed_project,
        "templates/notice.html",
        '<p class="translation-note">',
        '<p class="translation-note">{% endblok %}',
    )
    checked = errors(["check", "--root", str(seed_project)], capsys)
    assert checked == (
        1,
        [
            "templates/notice.html:7:1: (template): Encountered unknown tag 'endblok'. Jinja was looking for the "
            "following tags: 'endblock'. The innermost block that needs to be closed is 'block'.",
            "1 problem found; nothing was written.",
        ],
    )
    assert errors(["build", "--root", str(seed_project)], capsys) == checked


def test_check_writes_no_site(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors(["check", "--root", str(seed_project)], capsys)[0] == 0
    assert sorted(p.name for p in seed_project.iterdir()) == [".cache", "content", "data", "templates"]
    assert sorted(p.name for p in (seed_project / ".cache").iterdir()) == ["templates"]  # compiled templates only


def test_a_project_without_templates_is_a_located_problem_not_a_crash(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "templates/base.html").unlink()
    assert errors(["check", "--root", str(tiny)], capsys) == (
        1,
        [
            "templates/base.html:1:1: (file): this file is missing; the site's templates live in templates/",
            "1 problem found; nothing was written.",
        ],
    )


# --- which outputs are published URLs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("zh-tw/114/counties/pingtung/index.html", "zh-tw/114/counties/pingtung/"),
        ("en/114/index.html", "en/114/"),
        ("en/114/calendars/counties/pingtung.ics", "en/114/calendars/counties/pingtung.ics"),
        ("en/114/data/sessions.csv", "en/114/data/sessions.csv"),  # what is not furniture is a promise
        ("index.html", None),
        ("404.html", None),
        ("sitemap.xml", None),
        ("robots.txt", None),
        ("favicon.ico", None),
        ("assets/style.css", None),
    ],
)
def test_pages_and_calendars_are_published_urls_and_the_sites_furniture_is_not(path: str, url: str | None) -> None:
    assert urls.published_url(path) == url
    if url is not None:
        assert urls.url_file(url) == path


def test_the_real_ledger_records_every_url_the_real_site_publishes_in_both_languages() -> None:
    project = load_project(REPO)
    output = Output()
    render(project, output, environment(REPO / "templates"), today=build_date())
    recorded = project.ledger.model.urls
    assert recorded == sorted(set(recorded)), "sorted, each once, as build.py urls --record writes it"
    assert set(recorded) == ledger.published(output.names)
    assert project.ledger.model.moved == {}
    pages = [url for url in recorded if url.endswith("/")]
    calendars = [url for url in recorded if url.endswith(".ics")]
    data = [url for url in recorded if url.split("/")[2:3] == ["data"]]  # the open data of each year and language
    feeds = [url for url in recorded if url.endswith(".atom")]  # the changes of each year and language
    kits = [url for url in recorded if url.split("/")[-2:-1] == ["letter"] and not url.endswith("/")]
    assert len(pages) + len(calendars) + len(data) + len(feeds) + len(kits) == len(recorded)
    assert len(data) == 3 * 2 * len(project.years)
    assert len(feeds) == 2 * len(project.years)
    # each county office's QR code (SVG, PNG) and draft letter, per year and language
    assert len(kits) == 3 * 2 * sum(len(year.counties) for year in project.years)
    assert len(pages) == sum(1 for name in output.names if name.endswith("/index.html"))
    for url in recorded:
        lang, _, rest = url.partition("/")
        assert f"{OTHER[lang]}/{rest}" in recorded


# --- a published URL that is no longer built ------------------------------------------------------


def ledger_line(root: Path, url: str) -> tuple[int, int]:
    """The line of ``url`` in the ledger, and its index under urls:."""
    lines = (root / "data/urls.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index(f"  - {url}") + 1
    return line, line - lines.index("urls:") - 2


def gone(root: Path, url: str) -> str:
    line, index = ledger_line(root, url)
    return (
        f"data/urls.yaml:{line}:5: urls[{index}]: {url} is no longer built; if it moved, add it under 'moved:' "
        "with its new URL; if it is gone for good, add it there with the URL that best replaces it, so that links "
        "already published still lead somewhere"
    )


def test_a_notice_that_is_no_longer_built_fails_the_build_naming_its_urls_and_keeps_the_site(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert errors(["build", "--root", str(seed_project)], capsys)[0] == 0
    before = site_bytes(seed_project)
    (seed_project / "data/114/notices/pingtung.yaml").unlink()
    assert errors(["build", "--root", str(seed_project)], capsys) == (
        1,
        [
            gone(seed_project, "en/114/notice/pingtung/"),
            gone(seed_project, "zh-tw/114/notice/pingtung/"),
            "2 problems found; nothing was written.",
        ],
    )
    assert site_bytes(seed_project) == before


def move(root: Path, *pairs: tuple[str, str], record: tuple[str, ...] = ()) -> None:
    """Add ``old: new`` under moved: (and ``record`` under urls:, as if published once)."""
    moved = "moved:\n" + "".join(f"  {old}: {new}\n" for old, new in pairs)
    replace(root, "data/urls.yaml", "moved: {}\n", "".join(f"  - {url}\n" for url in record) + moved)


def test_a_moved_page_leaves_a_redirect_page_in_both_languages_at_its_old_url(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_project / "data/114/notices/pingtung.yaml").unlink()
    move(
        seed_project,
        ("en/114/notice/pingtung/", "en/114/counties/pingtung/"),
        ("zh-tw/114/notice/pingtung/", "zh-tw/114/counties/pingtung/"),
    )
    assert errors(["build", "--strict", "--root", str(seed_project)], capsys) == (0, [])
    site = seed_project / "site"
    for lang, html_lang, other in (("en", "en", "zh-Hant-TW"), ("zh-tw", "zh-Hant-TW", "en")):
        soup = BeautifulSoup((site / f"{lang}/114/notice/pingtung/index.html").read_bytes(), "html.parser")
        assert soup.html["lang"] == html_lang
        assert soup.select_one('link[rel="canonical"]')["href"] == "../../counties/pingtung/"
        assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../../counties/pingtung/"
        links = soup.select("main a")
        assert [a["href"] for a in links] == ["../../counties/pingtung/"] * 2
        assert [a.get_text() for a in links] == [f"{lang}/114/counties/pingtung/"] * 2
        assert [p.get("lang") for p in soup.select("main p")] == [None, other]
        assert soup.select_one("h1 span")["lang"] == other
        assert (site / f"{lang}/114/notice/pingtung/../../counties/pingtung/index.html").is_file()
        stylesheet = soup.select_one('link[rel="stylesheet"]')["href"]
        assert (site / f"{lang}/114/notice/pingtung" / stylesheet).resolve().is_file()
    assert "notice/pingtung" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_redirect_page_names_the_new_address_in_full_when_the_site_address_is_known(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_project / "data/114/notices/pingtung.yaml").unlink()
    move(
        seed_project,
        ("en/114/notice/pingtung/", "en/114/counties/pingtung/"),
        ("zh-tw/114/notice/pingtung/", "zh-tw/114/"),
    )
    base = "https://example.org/training/"
    assert errors(["build", "--root", str(seed_project), "--base-url", base], capsys)[0] == 0
    soup = BeautifulSoup((seed_project / "site/zh-tw/114/notice/pingtung/index.html").read_bytes(), "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == base + "zh-tw/114/"
    assert soup.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../../"  # works on a mirror too
    assert {a.get_text() for a in soup.select("main a")} == {base + "zh-tw/114/"}


def test_a_moved_calendar_holds_the_new_calendars_bytes_at_its_old_url(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar app subscribed to the old URL cannot follow a page: it gets the calendar itself."""
    old, new = "en/114/calendars/tracks/hr-network.ics", "en/114/calendars/tracks/hr.ics"
    move(seed_project, (old, new), record=(old,))
    assert errors(["build", "--strict", "--root", str(seed_project)], capsys) == (0, [])
    assert (seed_project / "site" / old).read_bytes() == (seed_project / "site" / new).read_bytes()


def test_a_project_without_a_ledger_has_nothing_recorded_and_says_so_once(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "data/urls.yaml").unlink()
    missing = (
        "data/urls.yaml:1:1: (file): this file is missing; it records every URL the site has published, so that "
        "no build can drop one: create it with build.py urls --record"
    )
    assert errors(["build", "--root", str(tiny)], capsys) == (0, [missing.replace("(file)", "warning: (file)")])
    assert errors(["check", "--strict", "--root", str(tiny)], capsys) == (
        1,
        [missing + " (--strict)", "1 problem found; nothing was written."],
    )


def test_a_new_url_is_a_warning_and_an_error_under_strict(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notices = tiny / "data/114/notices"
    (notices / "beta-city.yaml").write_text((notices / "alpha.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    new = "data/urls.yaml:2:1: warning: urls: {} is new; record it with build.py urls --record, so that no later build can drop it"
    assert errors(["check", "--root", str(tiny)], capsys) == (
        0,
        [new.format("en/114/notice/beta-city/"), new.format("zh-tw/114/notice/beta-city/")],
    )
    strict = [
        line.replace("warning: ", "") + " (--strict)" for line in errors(["build", "--root", str(tiny)], capsys)[1]
    ]
    assert errors(["build", "--strict", "--root", str(tiny)], capsys) == (
        1,
        [*strict, "2 problems found; nothing was written."],
    )


# --- mistakes in the ledger -----------------------------------------------------------------------

LEDGER_MISTAKES = [
    pytest.param(
        "  - en/114/\n",
        "  - /en/114/\n",
        [
            "data/urls.yaml:4:5: urls[1]: '/en/114/' is not a URL of this site as data/urls.yaml writes them: lowercase, relative to the site's address, e.g. en/114/counties/pingtung/"
        ],
        id="leading_slash",
    ),
    pytest.param(
        "  - en/114/\n",
        "  - https://example.org/site/en/114/\n",
        [
            "data/urls.yaml:4:5: urls[1]: 'https://example.org/site/en/114/' is not a URL of this site as data/urls.yaml writes them: lowercase, relative to the site's address, e.g. en/114/counties/pingtung/"
        ],
        id="absolute",
    ),
    pytest.param(
        "  - en/114/\n",
        "  - en/114/index.html\n",
        [
            "data/urls.yaml:4:5: urls[1]: 'en/114/index.html' names a page's file; write the page by its folder: 'en/114/'"
        ],
        id="page_file",
    ),
    pytest.param(
        "  - en/114/\n",
        "  - en/114/\n  - assets/style.css\n",
        [
            "data/urls.yaml:5:5: urls[2]: 'assets/style.css' is never recorded: it is part of the site's furniture (assets/, pagefind/, index.html, 404.html, sitemap.xml, robots.txt, favicon.ico), not a published URL"
        ],
        id="furniture",
    ),
    pytest.param(
        "  - en/114/\n",
        "  - en/114/\n  - en/114/\n",
        ["data/urls.yaml:5:5: urls[2]: en/114/ is listed twice (also urls[1])"],
        id="twice",
    ),
    pytest.param(
        "  - en/114/onsite/\n",
        "  - en/114/onsite/\n  - en/114/on-site/\n",
        [
            "data/urls.yaml:35:5: urls[32]: en/114/on-site/ is no longer built; if it moved, add it under 'moved:' with its new URL; if it is gone for good, add it there with the URL that best replaces it, so that links already published still lead somewhere"
        ],
        id="gone",
    ),
    pytest.param(
        "moved: {}\n",
        "moved:\n  en/114/onsite/: en/114/process/\n",
        [
            "data/urls.yaml:74:3: moved.en/114/onsite/: en/114/onsite/ is still built, so it cannot have moved; take it out of 'moved:'"
        ],
        id="moved_but_built",
    ),
    pytest.param(
        "moved: {}\n",
        "moved:\n  en/114/on-site/: en/114/onsite/\n",
        [
            "data/urls.yaml:74:3: moved.en/114/on-site/: en/114/on-site/ is not under 'urls:'; only a URL the site has published can move (is it spelled as there?)"
        ],
        id="moved_not_recorded",
    ),
    pytest.param(
        "  - zh-tw/search/\nmoved: {}\n",
        "  - zh-tw/search/\n  - en/114/on-site/\nmoved:\n  en/114/on-site/: en/114/onsite-sessions/\n",
        [
            "data/urls.yaml:75:20: moved.en/114/on-site/: en/114/onsite-sessions/, where en/114/on-site/ moved, is not built by this site; write a URL the build produces"
        ],
        id="moved_to_nothing",
    ),
    pytest.param(
        "  - zh-tw/search/\nmoved: {}\n",
        "  - zh-tw/search/\n  - en/114/on-site/\n  - en/114/field/\nmoved:\n  en/114/field/: en/114/on-site/\n  en/114/on-site/: en/114/onsite/\n",
        [
            "data/urls.yaml:76:18: moved.en/114/field/: en/114/on-site/, where en/114/field/ moved, has itself moved to en/114/onsite/; write en/114/onsite/ here"
        ],
        id="moved_twice",
    ),
    pytest.param(
        "  - zh-tw/search/\nmoved: {}\n",
        "  - zh-tw/search/\n  - en/114/on-site/\nmoved:\n  en/114/on-site/: en/114/calendars/all.ics\n",
        [
            "data/urls.yaml:75:20: moved.en/114/on-site/: en/114/on-site/ cannot move to en/114/calendars/all.ics: a page moves to a page (a URL ending in '/'), and any other file to a file of its own kind (a .ics calendar to a .ics calendar)"
        ],
        id="page_to_calendar",
    ),
    pytest.param(
        "moved: {}\n",
        "moved:\n  en/114/onsite: /en/114/onsite/\n",
        [
            "data/urls.yaml:74:18: moved.en/114/onsite: '/en/114/onsite/' is not a URL of this site as data/urls.yaml writes them: lowercase, relative to the site's address, e.g. en/114/counties/pingtung/"
        ],
        id="moved_to_a_path",
    ),
    pytest.param(
        "moved: {}\n",
        "moved: [en/114/onsite/]\n",
        ["data/urls.yaml:73:8: moved: should be a mapping of keys and values, not a list"],
        id="moved_a_list",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), LEDGER_MISTAKES)
def test_a_mistake_in_the_ledger_is_located_and_fails_check_and_build_alike(
    tiny: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: list[str]
) -> None:
    replace(tiny, "data/urls.yaml", old, new)
    count = len(expected)
    result = (1, [*expected, f"{count} problem{'s' if count > 1 else ''} found; nothing was written."])
    assert errors(["check", "--root", str(tiny)], capsys) == result
    assert errors(["build", "--root", str(tiny)], capsys) == result
    assert not (tiny / "site").exists()


# --- check --strict fails exactly where build --strict fails ----------------------------------


def _remove_notice(root: Path) -> None:
    (root / "data/114/notices/pingtung.yaml").unlink()


def _add_notice(root: Path) -> None:
    notices = root / "data/114/notices"
    (notices / "kaohsiung.yaml").write_text((notices / "pingtung.yaml").read_text(encoding="utf-8"), encoding="utf-8")


def _move_notice(root: Path) -> None:
    _remove_notice(root)
    move(
        root,
        ("en/114/notice/pingtung/", "en/114/counties/pingtung/"),
        ("zh-tw/114/notice/pingtung/", "zh-tw/114/counties/pingtung/"),
    )


def _move_to_nothing(root: Path) -> None:
    _remove_notice(root)
    move(root, ("en/114/notice/pingtung/", "en/114/notice/ping-tung/"))


@pytest.mark.parametrize(
    ("change", "code"),
    [(_remove_notice, 1), (_add_notice, 1), (_move_notice, 0), (_move_to_nothing, 1), (lambda root: None, 0)],
    ids=["gone", "new", "moved", "moved-to-nothing", "unchanged"],
)
def test_check_strict_fails_exactly_where_build_strict_fails(
    seed_project: Path, capsys: pytest.CaptureFixture[str], change, code: int
) -> None:
    change(seed_project)
    checked = errors(["check", "--strict", "--root", str(seed_project)], capsys)
    assert checked[0] == code
    assert errors(["build", "--strict", "--root", str(seed_project)], capsys) == checked


# --- nothing outside the project ------------------------------------------------------------------


def test_redirect_pages_and_copied_calendars_mention_nothing_outside_the_project(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _move_notice(seed_project)
    old, new = "zh-tw/114/calendars/tracks/hr-network.ics", "zh-tw/114/calendars/tracks/hr.ics"
    replace(seed_project, "data/urls.yaml", "moved:\n", f"  - {old}\nmoved:\n  {old}: {new}\n")
    assert errors(["build", "--root", str(seed_project)], capsys)[0] == 0
    for rel in ("en/114/notice/pingtung/index.html", "zh-tw/114/notice/pingtung/index.html", old):
        text = (seed_project / "site" / rel).read_text(encoding="utf-8")
        assert str(seed_project.parent) not in text and "/tmp" not in text
        for url in re.findall(r'(?:href|url)="?=?([^" >]+)', text):
            assert "://" not in url and not url.startswith("/"), url


def test_a_move_whose_old_url_clashes_with_a_built_file_is_refused_by_check_and_build_alike(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A redirect page at all.ics/ would need a folder where the calendar file is."""
    move(seed_project, ("en/114/calendars/all.ics/", "en/114/"), record=("en/114/calendars/all.ics/",))
    expected = (
        1,
        [
            "error: refusing to write 'en/114/calendars/all.ics/index.html': a file and a folder of the site "
            "would have the same name; the last good site was left as it was"
        ],
    )
    assert errors(["check", "--root", str(seed_project)], capsys) == expected
    assert errors(["build", "--root", str(seed_project)], capsys) == expected
    assert not (seed_project / "site").exists()


# --- build.py urls: every URL's state, and --record ------------------------------------------------


def add_notice(root: Path, slug: str, like: str) -> None:
    notices = root / "data/114/notices"
    (notices / f"{slug}.yaml").write_text((notices / f"{like}.yaml").read_text(encoding="utf-8"), encoding="utf-8")


def out(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_urls_lists_every_url_with_its_state(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_notice(tiny, "beta-city", like="alpha")
    (tiny / "data/114/notices/alpha.yaml").unlink()
    replace(
        tiny,
        "data/urls.yaml",
        "moved: {}\n",
        "  - en/114/on-site/\nmoved:\n  zh-tw/114/notice/alpha/: zh-tw/114/counties/alpha/\n",
    )
    code, lines, err = out(["urls", "--root", str(tiny)], capsys)
    assert (code, err) == (0, [])
    recorded = [url for url in FILES_URLS if "/notice/alpha/" not in url]
    assert lines == [
        *sorted(
            [f"recorded  {url}" for url in recorded]
            + [
                "new       en/114/notice/beta-city/",
                "new       zh-tw/114/notice/beta-city/",
                "gone      en/114/notice/alpha/",
                "moved     zh-tw/114/notice/alpha/ → zh-tw/114/counties/alpha/",
                "gone      en/114/on-site/",
            ],
            key=lambda line: line[10:],
        ),
        f"{len(recorded) + 5} URLs: {len(recorded)} recorded, 2 new, 1 moved, 2 gone",
    ]


def test_record_adds_the_new_urls_sorted_and_then_strict_passes(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (tiny / "data/urls.yaml").read_text(encoding="utf-8")
    add_notice(tiny, "beta-city", like="alpha")
    assert errors(["check", "--strict", "--root", str(tiny)], capsys)[0] == 1

    assert out(["urls", "--record", "--root", str(tiny)], capsys) == (
        0,
        [
            "recorded 2 new URLs in data/urls.yaml:",
            "  en/114/notice/beta-city/",
            "  zh-tw/114/notice/beta-city/",
        ],
        [],
    )
    after = (tiny / "data/urls.yaml").read_text(encoding="utf-8")
    added = "  - en/114/notice/beta-city/\n", "  - zh-tw/114/notice/beta-city/\n"
    assert after == before.replace("  - en/114/onsite/\n", added[0] + "  - en/114/onsite/\n").replace(
        "  - zh-tw/114/onsite/\n", added[1] + "  - zh-tw/114/onsite/\n"
    )
    assert errors(["check", "--strict", "--root", str(tiny)], capsys) == (0, [])
    assert errors(["build", "--strict", "--root", str(tiny)], capsys) == (0, [])
    assert out(["urls", "--record", "--root", str(tiny)], capsys) == (
        0,
        ["nothing new to record: data/urls.yaml lists every URL the site publishes"],
        [],
    )
    assert (tiny / "data/urls.yaml").read_text(encoding="utf-8") == after


def test_record_keeps_the_comments_at_the_top_and_the_moves_and_sorts_the_rest(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tiny / "data/urls.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "# yaml-language-server: $schema=../schemas/urls.schema.json\n# Two lines of comment.\n\n"
    moves = "moved:\n  zh-tw/114/on-site/: zh-tw/114/onsite/\n  en/114/on-site/: en/114/onsite/\n"
    shuffled = [*reversed(lines[2:42]), "  - zh-tw/114/on-site/\n", "  - en/114/on-site/\n"]
    path.write_text(header + "urls:\n" + "".join(shuffled) + moves, encoding="utf-8")
    add_notice(tiny, "beta-city", like="alpha")

    assert out(["urls", "--record", "--root", str(tiny)], capsys)[0] == 0

    recorded = sorted([*FILES_URLS, "en/114/on-site/", "zh-tw/114/on-site/", *BETA_NOTICE])
    assert path.read_text(encoding="utf-8") == (
        header
        + "urls:\n"
        + "".join(f"  - {url}\n" for url in recorded)
        + "moved:\n  en/114/on-site/: en/114/onsite/\n  zh-tw/114/on-site/: zh-tw/114/onsite/\n"
    )
    assert load_project(tiny).ledger.model.urls == recorded


def test_record_refuses_while_a_recorded_url_is_missing_and_writes_nothing(
    seed_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (seed_project / "data/urls.yaml").read_bytes()
    add_notice(seed_project, "kaohsiung", like="pingtung")
    (seed_project / "data/114/notices/pingtung.yaml").unlink()
    assert out(["urls", "--record", "--root", str(seed_project)], capsys) == (
        1,
        [],
        [
            gone(seed_project, "en/114/notice/pingtung/"),
            gone(seed_project, "zh-tw/114/notice/pingtung/"),
            "2 problems found; nothing was written.",
        ],
    )
    assert (seed_project / "data/urls.yaml").read_bytes() == before


def test_record_creates_a_missing_ledger_with_its_schema_line(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "data/urls.yaml").unlink()
    code, lines, err = out(["urls", "--record", "--root", str(tiny)], capsys)
    assert (code, lines[0], err) == (0, "recorded 70 new URLs in data/urls.yaml:", [])
    text = (tiny / "data/urls.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/urls.schema.json\n# ")
    assert text.endswith("urls:\n" + "".join(f"  - {url}\n" for url in FILES_URLS) + "moved: {}\n")
    assert errors(["check", "--strict", "--root", str(tiny)], capsys) == (0, [])


def test_the_real_ledger_is_what_record_writes(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (seed_project / "data/urls.yaml").read_bytes()
    assert before.decode("utf-8").startswith(f"# yaml-language-server: $schema=../schemas/urls.schema.json\n{HEADER}")
    (seed_project / "data/urls.yaml").write_bytes(before.replace(b"  - en/114/onsite/\n", b""))
    assert out(["urls", "--record", "--root", str(seed_project)], capsys)[1] == [
        "recorded 1 new URL in data/urls.yaml:",
        "  en/114/onsite/",
    ]
    assert (seed_project / "data/urls.yaml").read_bytes() == before


def test_record_never_writes_through_a_link_and_replaces_the_file_whole(
    tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linked = tiny / "kept/urls.yaml"  # inside the project, so that the ledger is read through the link
    linked.parent.mkdir()
    linked.write_text((tiny / "data/urls.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = linked.read_bytes()
    (tiny / "data/urls.yaml").unlink()
    (tiny / "data/urls.yaml").symlink_to("../kept/urls.yaml")
    add_notice(tiny, "beta-city", like="alpha")
    assert out(["urls", "--record", "--root", str(tiny)], capsys) == (
        1,
        [],
        [
            "data/urls.yaml:1:1: (file): is a symbolic link (to ../kept/urls.yaml); build.py urls --record writes "
            "no file through a link: replace the link with the file itself",
            "1 problem found; nothing was written.",
        ],
    )
    assert linked.read_bytes() == before

    outside = tmp_path / "outside.yaml"
    outside.write_bytes(before)

    (tiny / "data/urls.yaml").unlink()
    os.link(outside, tiny / "data/urls.yaml")  # another name of the same file, outside the project
    assert out(["urls", "--record", "--root", str(tiny)], capsys)[0] == 0
    assert outside.read_bytes() == before
    assert "beta-city" in (tiny / "data/urls.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tiny / "data").iterdir()) == ["114", "counties.yaml", "site.yaml", "urls.yaml"]


def test_record_goes_with_the_urls_verb_only(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--record", "--root", str(tiny)])
    assert "--record goes with the urls verb: build.py urls --record" in capsys.readouterr().err


def test_the_ledger_mentions_nothing_outside_the_project(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "data/urls.yaml").unlink()
    assert out(["urls", "--record", "--root", str(tiny), "--base-url", "https://example.org/x/"], capsys)[0] == 0
    text = (tiny / "data/urls.yaml").read_text(encoding="utf-8")
    assert str(tiny.parent) not in text and "example.org" not in text and "/tmp" not in text
    for line in text.splitlines():
        assert line.startswith(("#", "urls:", "  - ", "moved:")), line

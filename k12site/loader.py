"""Load and validate the whole project: every file, every cross-check, every problem at once.

Layout::

    data/site.yaml, data/counties.yaml
    data/<year>/{year,joining,districts,tracks,sessions,process,onsite}.yaml
    data/<year>/changes.yaml (optional: what changed, that readers must know)
    data/<year>/notices/<county>.yaml
    data/urls.yaml (the URL ledger: every URL the site has published)
    content/<year>/<page>.<lang>.md
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import checks, models
from .content import FrontMatter, Read, content_pages, read_page, title_headings
from .datafiles import OPTIONAL_YEAR_FILES, YEAR_FILES, Loaded, YearModels
from .i18n import LANGS
from .problems import Problem, display_path, settle
from .project import ContentPage, Ledger, Project, Year
from .sourcefile import SourceError, decode_source, read_source
from .urls import reserved_names
from .validate import validate_file
from .yamlfile import YamlFile, read_yaml

LEDGER = "urls.yaml"  # in data/

CONTENT_NAME = (
    "name a content file <page>.zh-tw.md or <page>.en.md, <page> being lowercase letters and digits "
    "with single hyphens between them, e.g. faq or sign-in"
)

FileCache = dict[Path, tuple[bytes, "YamlFile | None", Any, list[Problem]]]


class Loader:
    """Reads files and collects their problems; ``cache`` lets a rebuild skip unchanged files."""

    def __init__(self, root: Path, cache: FileCache | None = None):
        self.root = root
        self.problems: list[Problem] = []
        self.cache: FileCache = {} if cache is None else cache

    def file(self, path: Path, model: type[BaseModel], into: Loaded, key: str) -> None:
        name = display_path(path, self.root)
        try:
            raw = read_source(path, self.root)
        except SourceError as exc:
            self.problems.append(exc.problem)
            into.models[key] = None
            return
        cached = self.cache.get(path)
        if cached is None or cached[0] != raw:
            cached = (raw, *self._parse(path, raw, name, model))
            self.cache[path] = cached
        _, source, obj, problems = cached
        if source is not None:
            into.sources[key] = source
        self.problems.extend(problems)
        into.models[key] = obj

    @staticmethod
    def _parse(path: Path, raw: bytes, name: str, model: type[BaseModel]) -> tuple[YamlFile | None, Any, list[Problem]]:
        try:
            source = read_yaml(raw, name)
        except SourceError as exc:
            return None, None, [exc.problem]
        obj, problems = validate_file(model, source)
        return source, obj, problems

    def unread(
        self, folder: Path, names: list[str], *, folders: list[str] | None = None, pattern: str = "", suffix: str = ""
    ) -> None:
        """Report each file in ``folder`` that the build would not read, with the name it expected:
        a changes.yml or a tainan.yml is otherwise never published, and nothing says why.

        ``names`` are the files read there; ``suffix`` says any file ending so is read too (a
        notice, a page), and ``pattern`` is how the message spells such a name. ``folders`` are
        the folders read there (None: folders are another check's). Hidden files (an editor's
        .swp, a .DS_Store) are left alone.
        """
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            name, is_folder = path.name, path.is_dir()
            if name.startswith(".") or name in names or (is_folder and (folders is None or name in folders)):
                continue  # read, and refused with its own message if it is not a regular file or folder
            if suffix and name.endswith(suffix):
                continue
            expected = [f"{f}/" for f in folders or []] if is_folder else names
            close = difflib.get_close_matches(name, expected, n=1, cutoff=0.6)
            if not close and suffix and not is_folder:
                close = [_with_suffix(name, suffix)]
            read = ", ".join([*names, *(f"{f}/" for f in folders or []), *([pattern] if pattern else [])])
            hint = f"did you mean {close[0]}?" if close else f"the build reads {read} here"
            what = "a folder" if is_folder else "a file"
            message = f"is {what} the build does not read, so nothing of it is published; {hint}"
            where = "(folder)" if is_folder else "(file)"
            self.problems.append(Problem(display_path(path, self.root), 1, 1, where, message))

    def content(self, year: int) -> dict[str, ContentPage]:
        """The year's pages written in Markdown (content/<year>/), by name."""
        folder = self.root / "content" / str(year)
        read: Read = {}
        present = set()  # every page file found, readable or not: a refused file is not a missing one
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            key = self._content_name(path)
            if key is None:
                continue
            present.add(key)
            page = self._content_file(path, key[0])
            if page is not None:
                read[key] = page
        self.unread(folder, [], folders=[], pattern="<page>.zh-tw.md or <page>.en.md", suffix=".md")
        for stem, lang in sorted(present):
            for other in LANGS:
                if (stem, other) not in present:
                    name = display_path(folder / f"{stem}.{lang}.md", self.root)
                    self.problems.append(Problem(name, 1, 1, "(file)", f"the translation {stem}.{other}.md is missing"))
        pages, problems = content_pages(read)
        self.problems.extend(problems)
        return pages

    def _content_name(self, path: Path) -> tuple[str, str] | None:
        """(page, language) of a content file, or None when its name is refused."""
        name = display_path(path, self.root)
        # <page> is a slug, as every segment of a URL the ledger records must be: a page named
        # -dash- would build, be recorded, then fail every build on the ledger's own line.
        match = re.fullmatch(rf"(?P<page>{models.SLUG_PATTERN.strip('^$')})\.(?P<lang>zh-tw|en)\.md", path.name)
        if not match:
            self.problems.append(Problem(name, 1, 1, "(file)", CONTENT_NAME))
            return None
        if match["page"] in reserved_names():
            message = (
                f"'{match['page']}' is a path the site uses for its own pages ({', '.join(reserved_names())}); "
                "give the page another name"
            )
            self.problems.append(Problem(name, 1, 1, "(file)", message))
            return None
        return match["page"], match["lang"]

    def _content_file(self, path: Path, page: str) -> tuple[YamlFile | None, FrontMatter, str] | None:
        """A content file's front matter and text, or None when it cannot be used."""
        name = display_path(path, self.root)
        try:
            text = decode_source(read_source(path, self.root), name)
        except SourceError as exc:
            self.problems.append(exc.problem)
            return None
        source, matter, body, problems = read_page(text, name, page)
        self.problems.extend(problems)
        self.problems.extend(checks.markdown_links(name, body))
        self.problems.extend(title_headings(name, body))
        return None if matter is None else (source, matter, body)


def load_project(
    root: Path, *, base_url: str | None = None, strict: bool = False, cache: FileCache | None = None
) -> Project:
    """Read and check everything under ``root``; raise `DataError` listing every problem.

    ``base_url`` overrides data/site.yaml's; ``strict`` turns warnings into errors; ``cache``
    (a dict kept between calls) reuses the parsed and validated form of unchanged files.
    """
    loader = Loader(root, cache)
    data = root / "data"
    shared = Loaded()
    loader.file(data / "site.yaml", models.Site, shared, "site")
    site = shared.model("site", models.Site)
    if base_url is not None and site is not None:
        shared.models["site"] = site.model_copy(update={"base_url": base_url})
    loader.problems.extend(checks.check_site(shared))
    loader.file(data / "counties.yaml", models.CountiesFile, shared, "counties")
    loader.problems.extend(checks.check_counties(shared))
    loader.unread(data, ["site.yaml", "counties.yaml", LEDGER, "README.md"])
    year_dirs = _year_folders(loader, data)
    if not year_dirs:
        loader.problems.append(
            Problem(display_path(data, root), 1, 1, "(folder)", "no academic year folder such as data/114/")
        )
    years = [_load_year(loader, shared, folder) for folder in year_dirs]
    loader.unread(root / "content", [], folders=[folder.name for folder in year_dirs])
    if (data / LEDGER).exists():  # none yet: nothing is recorded, and the build says so
        loader.file(data / LEDGER, models.UrlLedger, shared, "urls")
    warnings = settle(loader.problems, strict=strict)
    # Past `settle`, every file validated: a problem of any would have stopped the build there.
    site, counties = shared.model("site", models.Site), shared.model("counties", models.CountiesFile)
    recorded = shared.model("urls", models.UrlLedger)
    assert site is not None and counties is not None and None not in years
    return Project(
        root=root,
        site=site,
        counties=counties.counties,
        years=[year for year in years if year is not None],
        warnings=warnings,
        ledger=Ledger(shared.sources["urls"], recorded) if recorded is not None else None,
    )


def _with_suffix(name: str, suffix: str) -> str:
    """``name`` with its last extension (if any) replaced by ``suffix``: tainan.yml -> tainan.yaml."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem + suffix


def _counties_of(districts: list[models.District], counties: list[models.County]) -> list[models.County]:
    """The counties a year's districts list, in the order of data/counties.yaml: a year has pages
    and calendars for these only."""
    listed = {slug for district in districts for slug in district.counties}
    return [county for county in counties if county.slug in listed]


YEAR_FOLDER = re.compile(r"[0-9]{3}")  # an ROC academic year: data/114/


def _year_folders(loader: Loader, data: Path) -> list[Path]:
    """The academic year folders of data/, in order; any other folder there is reported."""
    folders = []
    for path in sorted(data.iterdir()) if data.is_dir() else []:
        if path.name.startswith(".") or not path.is_dir():
            continue
        if YEAR_FOLDER.fullmatch(path.name):
            folders.append(path)
        else:
            message = "is not an academic year folder: name it with the year's three digits, e.g. data/114/"
            loader.problems.append(Problem(display_path(path, loader.root), 1, 1, "(folder)", message))
    return folders


def _load_year(loader: Loader, shared: Loaded, folder: Path) -> Year | None:
    loaded = Loaded()
    for key, model in YEAR_FILES.items():
        loader.file(folder / f"{key}.yaml", model, loaded, key)
    for key, model in OPTIONAL_YEAR_FILES.items():
        if (folder / f"{key}.yaml").exists():
            loader.file(folder / f"{key}.yaml", model, loaded, key)
    loader.unread(folder, [f"{key}.yaml" for key in [*YEAR_FILES, *OPTIONAL_YEAR_FILES]], folders=["notices"])
    notices = folder / "notices"
    for path in sorted(notices.glob("*.yaml")):
        loader.file(path, models.NoticeFile, loaded, f"notices/{path.stem}")
    loader.unread(notices, [], folders=[], pattern="<county-slug>.yaml", suffix=".yaml")
    content = loader.content(int(folder.name))
    loader.problems.extend(checks.check_year(int(folder.name), shared, loaded))
    files, counties = YearModels.of(loaded), shared.model("counties", models.CountiesFile)
    info, joining, districts, tracks = files.year, files.joining, files.districts, files.tracks
    sessions, process, onsite = files.sessions, files.process, files.onsite
    letters = {slug: notice for slug, notice in files.notices.items() if notice is not None}
    if (
        info is None
        or joining is None
        or districts is None
        or tracks is None
        or sessions is None
        or process is None
        or onsite is None
        or counties is None
        or files.changes_failed
        or len(letters) < len(files.notices)
    ):
        return None  # the file's own problems are reported, and the build stops at `settle`
    return Year(
        number=int(folder.name),
        info=info,
        joining=joining,
        districts=districts.districts,
        tracks=tracks.tracks,
        sessions=sessions.sessions,
        process=process,
        onsite=onsite,
        notices=letters,
        counties=_counties_of(districts.districts, counties.counties),
        content=content,
        changes=files.changes.changes if files.changes is not None else [],
    )

"""What a county's office needs to forward the plan in its own letter (函): the kit behind
``<lang>/<year>/counties/<county>/letter/``.

- the addresses to cite: the county's page in each language and its calendar, written out in full;
- the county page's QR code as files to download (SVG and PNG): the code its printed sheet carries;
- a ready 說明 in the style of an official letter: 一、 cites the organizer's letter (the year's
  ``plan_letter``, held once), 二、 gives the county's district and its online sessions (date,
  track, parts and times; the Webex details by reference to the page), 三、 the page's address;
- the same letter as a DI draft (`di.write_di`, marked as a draft) for the office's document
  system to import: 主旨 from the plan's title, 發文機關 the county government's name where the
  data has it (the county's own letter), and everything an office's system assigns (受文者,
  發文日期, 發文字號) left empty.

The 說明 and the draft are in Chinese only, as official letters are. Everything comes from the
year's data and the county's district: nothing here names a year, a county or a count.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from . import dates, di, models, urls
from .i18n import LANGS, fill
from .letter import Letter, Point
from .output import Output
from .project import Project, Year, part_times
from .qr import qr_code
from .urls import Page
from .views import item_marker, zh_number

ZH = "zh-tw"  # official letters are in Chinese
# The letter's fixed phrasing: the forms every official letter uses, filled from the data.
SUBJECT = "轉知{organizer}辦理{title}，請查照。"
CITATION = "依據{organizer}{date}{reference}函辦理。"
DISTRICT = "本{kind}屬第{district}區，線上簡報場如下（Webex 會議連結、會議號碼及密碼請見說明{page_item}網頁）："
SESSION = "{track}：{date}（{weekday}）{parts}。"
PART = "{label} {opens}開放簽到，{start}至{end}"  # when sign-in opens, then the content
PAGE = "各場次議程、Webex 會議連結及密碼、應攜帶設備及最新異動，請參閱本研習網站{county}頁面：{address}"
# What an office's own system or staff fills in; each is empty in the draft.
TO_FILL = ("機關代碼", "地址", "承辦人及聯絡方式", "受文者", "發文日期", "發文字號", "速別", "正本", "副本", "署名")
SENDER = "發文機關"
CITATION_MISSING = "說明：依據之來文"  # without the year's plan_letter, the office cites the letter it received


def address(base_url: str, path: str) -> str:
    """A site path's address to cite: absolute when the site's address is known, else the path from the site's root."""
    return urls.absolute(base_url, path) if base_url else "/" + path


@dataclass(frozen=True)
class Kit:
    """One county's kit in one year, in the words of both languages where the page needs them."""

    year: Year
    county: models.County
    base_url: str

    @property
    def district(self) -> models.District:
        return self.year.district_of(self.county.slug)

    def county_page(self, lang: str) -> str:
        return address(self.base_url, Page("county", lang, self.year.number, self.county.slug).dir)

    def calendar(self, lang: str) -> str:
        return address(self.base_url, urls.calendar(lang, self.year.number, "county", self.county.slug))

    def file_name(self, kind: str) -> str:
        """The file's name in the page's folder (the page links it so)."""
        return fill(urls.KIT_FILES[kind], slug=self.county.slug, year=self.year.number)

    @property
    def sender(self) -> str | None:
        """The county government's name, where the data has it: its own letter's sender."""
        notice = self.year.notice(self.county.slug)
        return notice.sender.zh if notice else None

    @property
    def letter(self) -> Letter:
        """The forwarding letter's draft: 主旨 and 說明, in Chinese."""
        info = self.year.info
        organizer = info.organizer.name.zh
        items = []
        if info.plan_letter is not None:
            cited = info.plan_letter
            date = dates.plain_date(cited.date, ZH)
            items.append(Point("", fill(CITATION, organizer=organizer, date=date, reference=cited.reference), 0))
        page_item = len(items) + 2
        kind = self.county.name.zh[-1]  # 本縣 or 本市, as the county's name ends
        district = self.district.number
        sessions = Point("", fill(DISTRICT, kind=kind, district=district, page_item=zh_number(page_item)), 0)
        sessions.items = [
            Point("", self._session(session), 0) for session in self.year.district_sessions(self.district)
        ]
        items.append(sessions)
        items.append(Point("", fill(PAGE, county=self.county.name.zh, address=self.county_page(ZH)), 0))
        return Letter(
            sender=self.sender,
            subject=fill(SUBJECT, organizer=organizer, title=info.title.zh),
            items=_numbered(items),
        )

    def _session(self, session: models.Session) -> str:
        parts = "；".join(
            fill(PART, label=part.label.zh, **self._times(part)) for part in self.year.session_parts(session)
        )
        return fill(
            SESSION,
            track=self.year.track(session.track).name.zh,
            date=dates.plain_date(session.date, ZH),
            weekday=dates.weekday(session.date, ZH),
            parts=parts,
        )

    @staticmethod
    def _times(part: models.Part) -> dict[str, str]:
        opens, start, end = part_times(part)
        return {"opens": opens, "start": start, "end": end}

    @property
    def paragraph(self) -> list[tuple[int, str]]:
        """The 說明 as lines to paste, each with its depth: 說明：, then 一、… and (一)…"""
        lines = [(0, "說明：")]

        def walk(points: list[Point], depth: int) -> None:
            for point in points:
                lines.append((depth + 1, point.marker + point.text))
                walk(point.items, depth + 1)

        walk(self.letter.items, 0)
        return lines

    @property
    def to_fill(self) -> list[str]:
        """What the office still fills in: the draft leaves these empty."""
        citation = [] if self.year.info.plan_letter else [CITATION_MISSING]
        return [*citation, *([] if self.sender else [SENDER]), *TO_FILL]

    def draft(self) -> bytes:
        return di.write_di(self.letter, draft=True)


def _numbered(points: list[Point], depth: int = 0) -> list[Point]:
    """The points with the markers of their places: 一、 二、, then (一) (二), then 1、 2、."""
    for n, point in enumerate(points, 1):
        point.marker = item_marker(depth, n, ZH)
        _numbered(point.items, depth + 1)
    return points


def render_kit(project: Project, output: Output) -> None:
    """Add each county's QR code files and letter draft, in each language's folder, to ``output``."""
    base_url = project.site.base_url
    for year in project.years:
        for county in year.counties:
            one = Kit(year, county, base_url)
            draft = one.draft()
            for lang in LANGS:
                svg, png = qr_files(one.county_page(lang), county.name[lang])
                output.add(urls.kit_file(lang, year.number, county.slug, "qr_svg"), svg)
                output.add(urls.kit_file(lang, year.number, county.slug, "qr_png"), png)
                output.add(urls.kit_file(lang, year.number, county.slug, "di"), draft)


# Kept for the life of the process: `serve` rebuilds on every save, and a code's files depend on
# its address and title alone (writing the PNG is most of the kit's time).
@functools.lru_cache(maxsize=4096)
def qr_files(address: str, title: str) -> tuple[bytes, bytes]:
    """The QR code of ``address`` as an SVG file (titled ``title``) and a PNG file."""
    code = qr_code(address)
    svg, png = io.BytesIO(), io.BytesIO()
    code.save(svg, kind="svg", scale=8, border=4, title=title, xmldecl=True)
    code.save(png, kind="png", scale=8, border=4)
    return svg.getvalue(), png.getvalue()

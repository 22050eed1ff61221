"""A project of another shape than the seed, made from a copy of the seed project (tests/fixtures/seed).

The site tests run against this project as well as the real one, so a test that pins one of the
seed's counts or names (five districts, three tracks, one year, Pingtung's letter) fails here.
Its shape, as a maintainer could give it with data alone:

- two academic years, 114 and 115, each with its own districts.yaml;
- six districts: the 22 counties reassigned; 115 leaves Lienchiang out, so it has 21 county pages;
- two tracks: the HR Network under another slug (``staff``: a full day of two parts) and the
  Funding System with a single part (mornings only); no Student Network;
- a county's own letter (with its priority note), never Pingtung's: Hualien's in 114 (no attachment, no leave), Kinmen's
  in 115 (two attachments: the first not transcribed, the second quoted as written);
- a letter just imported, as `build.py letter import` writes it: Taitung's memo in 115
  (tests/sources/second-letter.txt), with no English yet (every quoted text `translation: pending`)
  and no instructions;
- in 115, a page written in Markdown (an FAQ) and an on-site session;
- the organizer's route for scheduling: 114's without a website, 115's in other words with another
  website; and another maintainers' address in site.yaml;
- its own URL ledger, recorded with ``build.py urls --record`` (the real ledger is not its own).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml
from seed import copy_seed_project

from k12site.cli import main

# year -> district -> its counties
DISTRICTS = {
    114: {
        1: ["taipei", "new-taipei", "keelung", "yilan"],
        2: ["taoyuan", "hsinchu-county", "hsinchu-city", "miaoli"],
        3: ["taichung", "changhua", "nantou"],
        4: ["yunlin", "chiayi-county", "chiayi-city", "tainan"],
        5: ["kaohsiung", "pingtung", "penghu"],
        6: ["hualien", "taitung", "kinmen", "lienchiang"],
    },
    115: {
        1: ["taipei", "keelung", "yilan"],
        2: ["new-taipei", "taoyuan"],
        3: ["hsinchu-county", "hsinchu-city", "miaoli", "taichung"],
        4: ["changhua", "nantou", "yunlin", "chiayi-county", "chiayi-city"],
        5: ["tainan", "kaohsiung", "pingtung", "penghu"],
        6: ["hualien", "taitung", "kinmen"],
    },
}
# 114's session dates, one weekday per district in order; 115's are 52 weeks later (same weekdays)
DATES = {
    "staff": ["2025-08-06", "2025-08-07", "2025-08-08", "2025-08-11", "2025-08-12", "2025-08-13"],
    "funding": ["2025-08-14", "2025-08-15", "2025-08-18", "2025-08-19", "2025-08-20", "2025-08-21"],
}
WINDOWS = {"staff": ("2025-08-06", "2025-08-13"), "funding": ("2025-08-14", "2025-08-21")}
NEXT_YEAR = dt.timedelta(weeks=52)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # write shared texts out in full
        return True


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def later(value: Any, delta: dt.timedelta) -> Any:
    """``value`` with every date and time in it moved by ``delta``."""
    if isinstance(value, dict):
        return {key: later(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [later(item, delta) for item in value]
    if isinstance(value, dt.date):  # a datetime too
        return value + delta
    return value


def districts(year: int) -> dict:
    rows = []
    for number, counties in DISTRICTS[year].items():
        row = {
            "number": number,
            "counties": counties,
            "schools": 100 * number + year % 100,
            "webex": {
                "url": f"https://example.webex.com/shape/j.php?MTID=m{year}d{number}",
                "meeting_number": f"2500 {year} {number:04d}",
                "password": f"shape{year}d{number}",
            },
        }
        rows.append(row)
    return {"districts": rows}


def tracks(real: dict) -> dict:
    """The HR Network as ``staff`` (both parts); the Funding System with its morning part alone."""
    by_slug = {track["slug"]: track for track in real["tracks"]}
    staff = {**by_slug["hr"], "slug": "staff"}
    funding = {**by_slug["funding"], "parts": by_slug["funding"]["parts"][:1]}
    for track in (staff, funding):
        start, end = WINDOWS[track["slug"]]
        track["window"] = {"start": dt.date.fromisoformat(start), "end": dt.date.fromisoformat(end)}
    return {"tracks": [staff, funding]}


def sessions() -> dict:
    rows = [
        {"district": number, "track": track, "date": dt.date.fromisoformat(day), "period": period, "sequence": 0}
        for track, period in (("staff", "full_day"), ("funding", "morning"))
        for number, day in enumerate(DATES[track], 1)
    ]
    return {"sessions": rows}


def letter(county: str, sender: tuple[str, str], district: int, reference: str, day: str) -> dict:
    """A county's letter forwarding the plan: the registration, hours for its district's sessions."""
    zh, en = sender
    return {
        "sender": {"zh": zh, "en": en},
        "address": {"zh": f"{zh}地址1號", "en": f"No. 1, {en} Rd."},
        "contact": {
            "name": {"zh": "林小華", "en": "Lin Xiao-hua"},
            "phone": "03-8227171#301",
            "email": f"training@{county}.example.gov.tw",
        },
        "addressee": {"zh": "所屬各國民中小學", "en": "The county's elementary and junior high schools"},
        "date": dt.date.fromisoformat(day),
        "reference": reference,
        "priority": {"zh": "普通件", "en": "Normal"},
        "subject": {"zh": f"轉知學籍系統教育訓練（{county}）。", "en": f"Forwarding the training ({county})."},
        "items": [
            {"text": {"zh": "請各校派員參加。", "en": "Each school is asked to send its staff."}},
            {
                "text": {"zh": f"請至{zh}研習系統報名。", "en": f"Register on the {en} training system."},
                "items": [{"text": {"zh": "全程參與者核給研習時數。", "en": "Hours for attending the whole."}}],
            },
        ],
        "recipients": [{"zh": "所屬各國民中小學", "en": "The county's schools"}],
        "instructions": {
            "priority": {
                "text": {
                    "zh": f"{zh}學校請優先參與下列本區場次。",
                    "en": f"{en} schools: preferably attend the sessions below.",
                },
                "item": 1,
            },
            "registration": {
                "text": {
                    "zh": f"{zh}的學校請至{county}研習系統報名。",
                    "en": f"{en}: register on the {county} system.",
                },
                "item": 2,
            },
            "hours": {
                "text": {"zh": f"{zh}核給研習時數：", "en": f"{en} grants these hours:"},
                "item": 2,
                "sessions": [
                    {"district": district, "track": "staff", "part": "morning", "hours": 3},
                    {"district": district, "track": "staff", "part": "afternoon", "hours": 2},
                    {"district": district, "track": "funding", "part": "morning", "hours": 1},
                ],
            },
            "other": [
                {
                    "label": {"zh": f"{zh}交通費", "en": f"{en} travel costs"},
                    "text": {"zh": f"{county}學校得報支交通費。", "en": f"{county} schools may claim travel costs."},
                }
            ],
        },
    }


def kinmens_letter() -> dict:
    notice = letter("kinmen", ("金門縣政府", "Kinmen County Government"), 6, "府教字第1150000002號", "2026-07-22")
    notice["instructions"]["leave"] = {
        "text": {"zh": "金門縣同意核予參加人員公假。", "en": "Kinmen grants its attendees official leave."},
        "item": 1,
    }
    notice["instructions"]["other"].append(
        {
            "label": {"zh": "金門縣登入", "en": "Kinmen sign-in"},
            "text": {"zh": "請以金門縣帳號登入。", "en": "Sign in with a Kinmen account."},
            "attachment": "kinmen-sign-in",
        }
    )
    notice["attachments"] = [
        {"label": {"zh": "如說明一", "en": "See item 1"}, "file": "kinmen-1150000002-0.pdf"},  # not transcribed
        {
            "label": {"zh": "如說明二", "en": "See item 2"},
            "file": "kinmen-1150000002-1.pdf",
            "text": {
                "heading": [{"zh": "金門縣研習說明", "en": "Kinmen's training notes"}],
                "passages": [
                    {
                        "marker": "壹、",
                        "text": {"zh": "報到", "en": "Arrival"},
                        "items": [
                            {
                                "marker": "一、",
                                "slug": "kinmen-sign-in",
                                "text": {"zh": "以金門縣帳號登入。", "en": "Sign in with a Kinmen account."},
                            },
                            {
                                "marker": "二、",
                                "text": {"zh": "場次表", "en": "Sessions"},
                                "omitted": {
                                    "page": "sessions",
                                    "note": {"zh": "見場次頁", "en": "See the sessions page"},
                                },
                            },
                        ],
                    },
                    {
                        "marker": "貳、",
                        "text": {"zh": "時程", "en": "Times"},
                        "table": {
                            "columns": [{"zh": "時間", "en": "Time"}, {"zh": "內容", "en": "What"}],
                            "rows": [
                                {
                                    "cells": [
                                        [{"text": {"zh": "09:00~", "en": "09:00~"}}],
                                        [{"marker": "▪", "text": {"zh": "課程", "en": "Course"}}],
                                    ]
                                }
                            ],
                        },
                    },
                ],
            },
        },
    ]
    return notice


HOME = {
    "zh-tw": "{year} 學年度的另一種形狀：分區、課程與公文都和真實資料不同。\n\n請在下方找到您所在的縣市。\n",
    "en": "Academic year {year} in another shape: its districts, tracks and letters differ from the real data.\n\n"
    "Find your county below.\n",
}
FAQ = {
    "zh-tw": "---\ntitle: 常見問題\nmenu: 1\ndescription: 報名與連線\n---\n## 報名\n\n請依縣市公文報名。\n",
    "en": "---\ntitle: Questions and answers\nmenu: 1\ndescription: Registering and joining\n---\n"
    "## Registering\n\nRegister as your county's letter says.\n",
}
ONSITE_115 = {
    "county": "kinmen",
    "kind": "hands_on",
    "date": dt.date(2026, 9, 2),
    "start": "09:00",
    "end": "16:00",
    "venue": {"zh": "金門縣教育處", "en": "Kinmen County Education Department"},
    "sequence": 0,
}


SCHEDULING_115 = {
    "zh": "115學年度起，實體簡報場與駐點實機場請向主辦機關申請。",
    "en": "From academic year 2026–27, ask the organizer for in-person briefing and on-site hands-on sessions.",
}


def write_year_114(root: Path) -> None:
    folder = root / "data/114"
    year = read(folder / "year.yaml")
    del year["organizer"]["website"]  # the route for scheduling, without a link
    write(folder / "year.yaml", year)
    write(folder / "districts.yaml", districts(114))
    write(folder / "tracks.yaml", tracks(read(folder / "tracks.yaml")))
    write(folder / "sessions.yaml", sessions())
    (folder / "notices/pingtung.yaml").unlink()
    hualien = ("花蓮縣政府", "Hualien County Government")
    write(folder / "notices/hualien.yaml", letter("hualien", hualien, 6, "府教字第1140000001號", "2025-07-23"))
    for lang, text in HOME.items():
        (root / f"content/114/home.{lang}.md").write_text(text.format(year=114), encoding="utf-8")


def move_a_session_115(root: Path) -> None:
    """District 1's staff session a day later, as MAINTAINING.md says: sequence raised, `updated`
    set and a change record naming it (so the site tests meet a changed session too)."""
    sessions = read(root / "data/115/sessions.yaml")
    [moved] = [s for s in sessions["sessions"] if s["district"] == 1 and s["track"] == "staff"]
    moved |= {
        "date": moved["date"] + dt.timedelta(days=1),
        "sequence": 1,
        "updated": dt.datetime(2026, 7, 30, 1, 0, tzinfo=dt.UTC),
    }
    write(root / "data/115/sessions.yaml", sessions)
    record = {
        "date": dt.datetime(2026, 7, 30, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        "text": {"zh": "第1區人事場次延後一天", "en": "The District 1 staff session moved a day later"},
        "sessions": [{"district": 1, "track": "staff"}],
    }
    write(root / "data/115/changes.yaml", {"changes": [record]})


def write_year_115(root: Path) -> None:
    """Year 115 from 114 as a maintainer starts it (see MAINTAINING.md), 52 weeks on, then reshaped."""
    shutil.copytree(root / "data/114", root / "data/115")
    for path in (root / "data/115").rglob("*.yaml"):
        write(path, later(read(path), NEXT_YEAR))
    year = read(root / "data/115/year.yaml")
    year["academic_year"] = 115
    year["organizer"] |= {"scheduling": SCHEDULING_115, "website": "https://organizer.example.gov.tw/sessions/"}
    for key in ("title", "short_title"):
        year[key] = {lang: text.replace("114", "115").replace("2025–26", "2026–27") for lang, text in year[key].items()}
    write(root / "data/115/year.yaml", year)
    write(root / "data/115/districts.yaml", districts(115))
    onsite = read(root / "data/115/onsite.yaml")
    write(root / "data/115/onsite.yaml", {**onsite, "sessions": [ONSITE_115]})
    move_a_session_115(root)
    (root / "data/115/notices/hualien.yaml").unlink()
    write(root / "data/115/notices/kinmen.yaml", kinmens_letter())
    (root / "content/115").mkdir(parents=True)
    for lang in HOME:
        (root / f"content/115/home.{lang}.md").write_text(HOME[lang].format(year=115), encoding="utf-8")
        (root / f"content/115/faq.{lang}.md").write_text(FAQ[lang], encoding="utf-8")


def write_other_shape(root: Path) -> Path:
    """The project described above, written into ``root`` (which must not exist yet)."""
    copy_seed_project(root)
    site = read(root / "data/site.yaml")
    site["maintainers"]["email"] = "site-team@example.org"
    write(root / "data/site.yaml", site)
    write_year_114(root)
    write_year_115(root)
    letter = Path(__file__).parent / "sources" / "second-letter.txt"
    assert main(["letter", "import", str(letter), "--county", "taitung", "--year", "115", "--root", str(root)]) == 0
    (root / "data/urls.yaml").unlink()  # the seed site's promises are not this project's
    assert main(["urls", "--record", "--root", str(root)]) == 0
    return root

"""A tiny but complete project, written into tmp_path by tests that break it on purpose.

Line numbers in the tests' expected messages refer to these texts: edit with care.
"""

from __future__ import annotations

from pathlib import Path

FILES: dict[str, str] = {}

FILES["data/site.yaml"] = """\
title: {zh: 測試站, en: Test site}
description: {zh: 測試說明, en: Test description}
base_url: "https://example.org/site/"
maintainers:
  name: {zh: 維護團隊, en: the maintainers}
  email: team@example.org
"""

FILES["data/counties.yaml"] = """\
counties:
  - slug: alpha
    name: {zh: 甲縣, en: Alpha County}
  - slug: beta-city
    name: {zh: 乙市, en: Beta City}
"""

FILES["data/114/year.yaml"] = """\
academic_year: 114
title: {zh: 114學年度教育訓練, en: Training for academic year 2025}
short_title: {zh: 教育訓練, en: Training}
organizer: {name: {zh: 主辦機關, en: The Organiser},
  scheduling: {zh: 實體場次請洽主辦機關安排。, en: Ask the Organiser to arrange an in-person session.}}
systems:
  hr:
    name: {zh: 人力網, en: the HR Network}
  funding:
    name: {zh: 經費系統, en: Funding System}
summary: {zh: 摘要, en: Summary}
published: 2025-07-21T00:00:00Z
handbook: {zh: 無紙本手冊, en: No printed handbook}
"""

FILES["data/114/joining.yaml"] = """\
software: Webex
capacity: 1000
open_to_other_districts: true
display_name:
  format: {zh: "{county}+校名+職稱+姓名", en: "county + school + title + name"}
  example: {zh: "{county}○○國中註冊組長王○○", en: "{county}○○國中註冊組長王○○"}
  rule: {zh: 輸入不全不予核准, en: Incomplete names are not admitted}
audio_check_intro: {zh: 請確認音訊設備, en: Check your audio}
audio_check:
  - {zh: 選取喇叭, en: Choose speakers}
"""

FILES["data/114/districts.yaml"] = """\
districts:
  - number: 1
    counties: [alpha]
    schools: 10
    webex:
      url: https://example.webex.com/j.php?MTID=one
      meeting_number: "2515 928 8798"
      password: pass0806
  - number: 2
    counties: [beta-city]
    schools: 20
    notes: []
    webex:
      url: https://example.webex.com/j.php?MTID=two
      meeting_number: "2513 932 7005"
      password: pass0807
"""

FILES["data/114/tracks.yaml"] = """\
tracks:
  - slug: hr
    system: hr
    name: {zh: 人力網, en: HR Network}
    audience: {zh: 人事業務, en: Personnel staff}
    topics: {zh: 主題, en: Topics}
    window: {start: 2025-08-06, end: 2025-08-12}
    parts:
      - slug: day
        period: full_day
        label: {zh: 全天, en: Whole day}
        slots:
          - {start: "08:30", end: "09:00", kind: sign_in, audio_check: steps}
          - start: "09:00"
            end: "10:30"
            kind: talk
            title: {zh: 課程, en: Session}
            speaker: {zh: 系統管理團隊, en: system management team}
          - {start: "10:30", end: "12:00", kind: talk, title: {zh: 課程二, en: Part two}}
          - {start: "12:00", kind: sign_out, title: {zh: 簽退, en: Sign out}}
  - slug: funding
    system: funding
    name: {zh: 經費系統, en: Funding System}
    audience: {zh: 經費業務, en: Funding staff}
    topics: {zh: 主題, en: Topics}
    window: {start: 2025-08-20, end: 2025-08-22}
    parts:
      - slug: morning
        period: morning
        label: {zh: 上午場, en: Morning}
        slots:
          - {start: "09:00", end: "09:30", kind: sign_in}
          - {start: "09:30", end: "12:00", kind: talk, title: {zh: 課程, en: Session}}
          - {start: "12:00", kind: sign_out}
      - slug: afternoon
        period: afternoon
        label: {zh: 下午場, en: Afternoon}
        slots:
          - {start: "13:00", end: "13:30", kind: sign_in}
          - {start: "13:30", end: "16:00", kind: talk, title: {zh: 課程, en: Session}}
          - {start: "16:00", kind: sign_out}
"""

FILES["data/114/sessions.yaml"] = """\
sessions:
  - {district: 1, track: hr, date: 2025-08-06, period: full_day}
  - {district: 2, track: hr, date: 2025-08-07, period: full_day}
  - {district: 1, track: funding, date: 2025-08-20, period: morning}
  - {district: 2, track: funding, date: 2025-08-20, period: afternoon}
"""

FILES["data/114/process.yaml"] = """\
title: {zh: 流程說明, en: Process description}
issuer: {zh: 主辦機關, en: The Organiser}
purposes:
  - text: {zh: 目的, en: Purpose}
method: {zh: 線上辦理, en: Held online}
online_window: {start: 2025-08-06, end: 2025-08-22}
onsite_application_window: {start: 2025-08-25, end: 2025-09-26}
notes:
  - text: {zh: 附註, en: Note}
online_intro: {zh: 線上簡報場, en: Online briefing sessions}
"""

FILES["data/114/onsite.yaml"] = """\
title: {zh: 駐點實機操作問題排除, en: On-site hands-on troubleshooting}
when: {zh: 依縣市申請日期, en: On the dates counties apply for}
where: {zh: 縣市安排, en: Arranged by the county}
bring_intro: {zh: 請攜帶, en: Please bring}
checklist:
  - slug: aa-account
    condition: {zh: AA 帳號持有者, en: AA account holders}
    bring: {zh: XCA 憑證及讀卡機, en: XCA certificate and card reader}
slots:
  - {start: "08:30", end: "09:00", kind: sign_in, title: {zh: 簽到, en: Sign in}}
  - {start: "09:00", end: "16:00", kind: talk, title: {zh: 實機操作, en: Hands-on}}
  - {start: "16:00", kind: sign_out, title: {zh: 賦歸, en: Close}}
"""

FILES["data/114/notices/alpha.yaml"] = """\
sender: {zh: 甲縣政府, en: Alpha County Government}
address: {zh: 甲縣某路1號, en: "No. 1, Some Rd."}
contact:
  name: {zh: 王小明, en: Wang Xiao-ming}
  phone: "08-7320415#3613"
  email: someone@example.org
addressee: {zh: 甲國中, en: Alpha Junior High School}
date: 2025-07-21
reference: 甲府教字第1號
priority: {zh: 普通件, en: normal}
subject: {zh: 主旨, en: Subject}
items:
  - text: {zh: 說明一, en: Item one}
    items:
      - text: {zh: 子項, en: Sub-item}
recipients:
  - {zh: 各國中, en: All junior high schools}
attachments:
  - label: {zh: 如說明一, en: See item 1}
    file: alpha-1.pdf
    text:
      heading: [{zh: 流程說明, en: Process description}]
      passages:
        - marker: 壹、
          text: {zh: 議程, en: Agenda}
          items:
            - {marker: 一、, slug: sign-in, text: {zh: 請以甲縣帳號登入, en: Sign in with an Alpha account}}
            - marker: 二、
              text: {zh: 場次表, en: Sessions}
              omitted: {page: sessions, note: {zh: 見場次頁, en: See the sessions page}}
          table:
            columns: [{zh: 時間, en: Time}, {zh: 課程, en: Course}]
            rows:
              - cells: [[{text: {zh: "09:00~", en: "09:00~"}}], [{marker: ▪, text: {zh: 課程, en: Course}}]]
instructions:
  registration: {text: {zh: 請至甲縣研習網報名, en: Register on the Alpha County site}, item: 1}
  hours:
    text: {zh: 全程參與者發給研習時數, en: Those who attend the whole part receive hours}
    sessions:
      - {district: 1, track: hr, part: day, hours: 5}
      - {district: 1, track: funding, part: morning, hours: 3}
  other:
    - {label: {zh: 登入, en: Signing in}, text: {zh: 用甲縣帳號, en: Use an Alpha account}, attachment: sign-in}
"""

FILES["content/114/home.zh-tw.md"] = "歡迎參加[教育訓練](https://example.org/)。\n"
FILES["content/114/home.en.md"] = "Welcome to the [training](https://example.org/).\n"

FILES["data/urls.yaml"] = """\
# Every URL the tiny project publishes (tests/test_ledger.py counts these lines).
urls:
  - en/
  - en/114/
  - en/114/agenda/funding/
  - en/114/agenda/hr/
  - en/114/calendars/all.ics
  - en/114/calendars/counties/alpha.ics
  - en/114/calendars/counties/beta-city.ics
  - en/114/calendars/districts/district-1.ics
  - en/114/calendars/districts/district-2.ics
  - en/114/calendars/sessions/district-1-funding.ics
  - en/114/calendars/sessions/district-1-hr.ics
  - en/114/calendars/sessions/district-2-funding.ics
  - en/114/calendars/sessions/district-2-hr.ics
  - en/114/calendars/tracks/funding.ics
  - en/114/calendars/tracks/hr.ics
  - en/114/changes.atom
  - en/114/changes/
  - en/114/counties/alpha/
  - en/114/counties/alpha/letter/
  - en/114/counties/alpha/letter/alpha-114-qr.png
  - en/114/counties/alpha/letter/alpha-114-qr.svg
  - en/114/counties/alpha/letter/alpha-114.di
  - en/114/counties/beta-city/
  - en/114/counties/beta-city/letter/
  - en/114/counties/beta-city/letter/beta-city-114-qr.png
  - en/114/counties/beta-city/letter/beta-city-114-qr.svg
  - en/114/counties/beta-city/letter/beta-city-114.di
  - en/114/data/sessions.csv
  - en/114/data/sessions.json
  - en/114/data/sessions.schema.json
  - en/114/notice/alpha/
  - en/114/onsite/
  - en/114/process/
  - en/114/sessions/
  - en/search/
  - zh-tw/
  - zh-tw/114/
  - zh-tw/114/agenda/funding/
  - zh-tw/114/agenda/hr/
  - zh-tw/114/calendars/all.ics
  - zh-tw/114/calendars/counties/alpha.ics
  - zh-tw/114/calendars/counties/beta-city.ics
  - zh-tw/114/calendars/districts/district-1.ics
  - zh-tw/114/calendars/districts/district-2.ics
  - zh-tw/114/calendars/sessions/district-1-funding.ics
  - zh-tw/114/calendars/sessions/district-1-hr.ics
  - zh-tw/114/calendars/sessions/district-2-funding.ics
  - zh-tw/114/calendars/sessions/district-2-hr.ics
  - zh-tw/114/calendars/tracks/funding.ics
  - zh-tw/114/calendars/tracks/hr.ics
  - zh-tw/114/changes.atom
  - zh-tw/114/changes/
  - zh-tw/114/counties/alpha/
  - zh-tw/114/counties/alpha/letter/
  - zh-tw/114/counties/alpha/letter/alpha-114-qr.png
  - zh-tw/114/counties/alpha/letter/alpha-114-qr.svg
  - zh-tw/114/counties/alpha/letter/alpha-114.di
  - zh-tw/114/counties/beta-city/
  - zh-tw/114/counties/beta-city/letter/
  - zh-tw/114/counties/beta-city/letter/beta-city-114-qr.png
  - zh-tw/114/counties/beta-city/letter/beta-city-114-qr.svg
  - zh-tw/114/counties/beta-city/letter/beta-city-114.di
  - zh-tw/114/data/sessions.csv
  - zh-tw/114/data/sessions.json
  - zh-tw/114/data/sessions.schema.json
  - zh-tw/114/notice/alpha/
  - zh-tw/114/onsite/
  - zh-tw/114/process/
  - zh-tw/114/sessions/
  - zh-tw/search/
moved: {}
"""


def write_tiny(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

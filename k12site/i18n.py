"""The site's languages and its interface strings.

Every heading, label, button text and calendar phrase of the site lives in `UI`, as a
(zh-TW, English) pair, so a string can never exist in one language only; pages and calendars
alike take their words from here. English follows the team's glossary (shared/GLOSSARY.md,
kept beside this repository). A ``{name}`` placeholder is filled by `fill`, the one way to fill
one: it never hands text to ``str.format``, so a brace in data is only a brace.

No string says how many districts, sessions or tracks there are: a string that counts has two
forms, ``<key>_one`` and ``<key>_other``, and `plural` picks one for the number the data holds
and fills its ``{n}``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

LANGS = ("zh-tw", "en")  # Traditional Chinese first
HTML_LANG = {"zh-tw": "zh-Hant-TW", "en": "en"}
OTHER = {"zh-tw": "en", "en": "zh-tw"}
OG_LOCALE = {"zh-tw": "zh_TW", "en": "en_US"}  # Open Graph writes locales with an underscore

UI: dict[str, tuple[str, str]] = {
    # page frame
    "skip_link": ("跳到主要內容", "Skip to main content"),
    "other_language": ("English", "繁體中文"),
    "other_language_label": ("English version of this page", "本頁的繁體中文版"),
    "nav_label": ("本學年度各頁", "Pages of this academic year"),
    "menu": ("選單", "Menu"),
    "nav_home": ("首頁", "Home"),
    "nav_sessions": ("線上簡報場", "Online sessions"),
    "nav_agenda": ("議程：{title}", "Agenda: {title}"),
    "nav_onsite": ("駐點實機場", "On-site sessions"),
    "nav_process": ("流程說明", "Process description"),
    "organized_by": ("主辦：{organizer}", "Organized by the {organizer}"),
    "page_address": ("本頁網址：", "This page's address: "),
    "last_updated": ("資料更新：", "Last updated: "),
    "qr_title": ("本頁網址的 QR 碼", "QR code of this page's address"),
    "footer_source_plan": (
        "資料來源：{organizer}教育訓練流程說明。",
        "Source: the process description of the training by the {organizer}.",
    ),
    "footer_source": (
        "資料來源：{sender}函（{reference}）及其附件流程說明。",
        "Source: the {sender}'s official letter ({reference}) and its attachment, the process description.",
    ),
    # the footer: how to schedule, a county letter's contact (its own pages only), reporting an error
    "footer_scheduling": (
        "安排實體簡報場或駐點實機場：{text}",
        "To schedule an in-person briefing session or an on-site hands-on session: {text}",
    ),
    "organizer_website": ("{organizer}網站", "{organizer} website"),
    "footer_county_contact": (
        "{sender}函的聯絡人：{name}，電話 {phone}，電子信箱 {email}",
        "Contact for the {sender}'s official letter: {name}, phone {phone}, email {email}",
    ),
    "footer_report": (
        "發現本頁有誤？請寫電子郵件給{maintainers}（不需要 GitHub 帳號）：{email}",
        "Found an error on this page? E-mail {maintainers} (no GitHub account needed): {email}",
    ),
    "report_subject": ("網站錯誤回報：{title}（{url}）", "Error on the site: {title} ({url})"),
    # general labels
    "district_n": ("第 {n} 區", "District {n}"),
    "sessions_in_all_one": ("總計 {n} 場次", "one session in all"),
    "sessions_in_all_other": ("總計 {n} 場次", "{n} sessions in all"),
    "list_sep": ("、", ", "),
    # between a letter's recipients, whose English names hold commas of their own
    "recipient_sep": ("、", "; "),
    "colon": ("：", ": "),
    "paren": ("（{text}）", " ({text})"),
    "labelled": ("{label}：{text}", "{label}: {text}"),
    "range_sep": ("至", " to "),
    "kind_sign_in": ("簽到", "Sign in"),
    "kind_talk": ("課程", "Session"),
    "kind_break": ("中場休息", "Break"),
    "kind_sign_out": ("簽退", "Sign out"),
    "period_full_day": ("全天", "All day"),
    "period_morning": ("上午", "Morning"),
    "period_afternoon": ("下午", "Afternoon"),
    "open_to_others": ("開放跨區參與", "Open to participants from other districts"),
    "meeting_facts_one": (
        "線上會議軟體使用 {software}，每場上限 {n} 人。",
        "The online meetings use {software}; each session takes one person at most. ",
    ),
    "meeting_facts_other": (
        "線上會議軟體使用 {software}，每場上限 {n} 人。",
        "The online meetings use {software}; each session takes up to {n} people. ",
    ),
    "meeting_open": ("開放跨區參與。", "Sessions are open to participants from other districts."),
    "agenda_link": ("{track}議程", "{track} agenda"),
    # time slots and agendas
    "col_start": ("開始", "Start"),
    "col_end": ("結束", "End"),
    "col_duration": ("時長", "Duration"),
    "minutes_one": ("{n} 分鐘", "{n} min"),  # how long a slot lasts (`dates.duration`)
    "minutes_other": ("{n} 分鐘", "{n} min"),
    "hours_one": ("{n} 小時", "{n} hour"),  # professional development hours (`dates.hours`)
    "hours_other": ("{n} 小時", "{n} hours"),
    "col_topic": ("課程", "Topic"),
    "col_speaker": ("講者", "Speaker"),
    "agenda_title": ("{track}線上簡報議程", "{track}: online briefing session agenda"),
    "agenda_caption": ("{track}{part}議程", "{track} agenda, {part}"),
    "who_attends": ("誰該參加", "Who should attend"),
    "topics": ("課程內容", "What it covers"),
    "dates_and_sessions": ("日期與場次", "Dates and sessions"),
    "track_sessions_caption": ("{track}各分區場次", "{track} sessions by district"),
    "col_date": ("日期", "Date"),
    "col_district": ("分區", "District"),
    "col_counties": ("縣市", "Counties and cities"),
    "col_times": ("時間", "Times"),
    "col_calendar": ("加入行事曆", "Add to calendar"),
    "county_rules_pointer": (
        "縣市政府轉知公文對所屬學校另外的規定（例如報名、公假、研習時數），列在各縣市的頁面。",
        "What a county's official letter adds for its own schools (such as registration, official leave "
        "and professional development hours) is on that county's page.",
    ),
    "agenda_heading": ("議程", "Agenda"),
    "signin_title": ("簽到與音訊設備確認", "Signing in and checking your audio"),
    "signin_intro": (
        "線上會議於簽到時間開放進入；請於課程開始前簽到並測試麥克風，結束時請務必簽退。",
        "The online meeting opens when sign-in starts; sign in and test your microphone before the "
        "content starts, and be sure to sign out at the end.",
    ),
    # sessions page
    "sessions_title": ("線上簡報場分區場次表", "Online briefing sessions by district"),
    "sessions_caption": ("分區辦理場次表", "Sessions by district"),
    "col_schools": ("總校數", "Total schools"),
    "col_sessions": ("辦理時間", "Sessions"),
    "col_meeting": ("線上會議連結", "Online meeting"),
    "col_notes": ("注意事項", "Notes"),
    "total": ("合計", "Total"),
    "meeting_number": ("會議號", "Meeting number"),
    "password": ("密碼", "Password"),
    "meeting_link": ("會議連結", "Meeting link"),
    # calendars
    "calendars": ("行事曆", "Calendars"),
    "calendar_download": ("下載行事曆檔（.ics）", "Download the calendar file (.ics)"),
    "calendar_subscribe": ("訂閱網址", "Subscription address"),
    "calendar_subscribe_apple": ("在 Apple 行事曆或 iPhone 訂閱", "Subscribe in Apple Calendar or on an iPhone"),
    "calendar_all": ("全部場次", "All sessions"),
    "calendar_county_one": ("{county}的 {n} 場線上簡報場", "{county}'s online session"),
    "calendar_county_other": ("{county}的 {n} 場線上簡報場", "{county}'s {n} online sessions"),
    "calendar_track": ("{track}全部場次", "All {track} sessions"),
    "calendar_district": ("第 {n} 區全部場次", "All District {n} sessions"),
    "google_add": ("加入 Google 日曆", "Add to Google Calendar"),
    "outlook_365": ("加入 Outlook（Microsoft 365）", "Add to Outlook (Microsoft 365)"),
    "outlook_personal": ("加入 Outlook.com", "Add to Outlook.com"),
    "calendar_help": ("如何訂閱行事曆", "How to subscribe in your calendar app"),
    "subscribe_intro": (
        "建議訂閱：場次若有異動，您的行事曆會自動更新。請複製上面的訂閱網址，依您使用的行事曆操作：",
        "Subscribing is best: if a session changes, your calendar updates itself. Copy the subscription "
        "address above, then, in the calendar you use:",
    ),
    "subscribe_later": (
        "訂閱網址會在正式網站上列出；預覽時請用下載的 .ics 檔。",
        "The subscription addresses are listed on the published site; in a preview, use the downloaded .ics file.",
    ),
    "help_google": (
        "Google 日曆（電腦版）：左側「其他日曆」旁按「＋」→「以網址新增」，貼上訂閱網址，按「新增日曆」。",
        "Google Calendar (on a computer): next to “Other calendars”, click “+” → “From URL”, paste the "
        "address and click “Add calendar”.",
    ),
    "help_outlook": (
        "Outlook：在行事曆中選「新增行事曆」→「從網路訂閱」，貼上訂閱網址，按「匯入」。",
        "Outlook: in Calendar, choose “Add calendar” → “Subscribe from web”, paste the address and choose “Import”.",
    ),
    "help_apple": (
        "Apple 行事曆（iPhone、iPad、Mac）：按「在 Apple 行事曆或 iPhone 訂閱」，"
        "或在 Mac 選「檔案」→「新增行事曆訂閱」並貼上訂閱網址。",
        "Apple Calendar (iPhone, iPad, Mac): tap “Subscribe in Apple Calendar or on an iPhone”, or on a Mac "
        "choose File → New Calendar Subscription and paste the address.",
    ),
    "help_phone": (
        "Android 手機：在電腦版 Google 日曆訂閱（見上），訂閱的行事曆會同步到手機。",
        "Android phones: subscribe in Google Calendar on a computer (above); the calendar then shows on your phone.",
    ),
    "help_one_calendar": (
        "只訂閱一個行事曆、一種語言：同一場次若在您訂閱的兩個行事曆中（例如縣市與課程，或中英兩種語言），會顯示兩次。",
        "Subscribe to one calendar, in one language: a session that is in two calendars you subscribe to (your "
        "county's and a track's, or both languages) shows twice.",
    ),
    "help_refresh": (
        "訂閱的行事曆更新較慢（Google 日曆可能要一天），研習當天請再查看縣市頁面。",
        "Subscribed calendars refresh slowly (Google Calendar can take a day): on the day, check your county's page.",
    ),
    "help_import": (
        "其次：下載 .ics 檔匯入一次（之後不會自動更新），或用各場次旁的「加入 Google 日曆」「加入 Outlook」連結。",
        "Second choice: download the .ics file and import it once (it will not update), or use the “Add to "
        "Google Calendar” and “Add to Outlook” links beside each session.",
    ),
    # county page
    "county_title": ("{county}學校承辦人", "For staff at {county} schools"),
    "county_district": ("{county}屬於第 {n} 區（{counties}）。", "{county} is in District {n} ({counties})."),
    "your_sessions_one": ("您的 {n} 場線上簡報場", "Your online session"),
    "your_sessions_other": ("您的 {n} 場線上簡報場", "Your {n} online sessions"),
    "your_sessions_intro": (
        "依業務參加所屬課程；若無法參加本區場次，也可參加其他分區的同一課程。",
        "Attend the track for your duties; if you cannot attend your district's session, you may join "
        "the same track in another district.",
    ),
    # where sessions stand on the build's date
    "mark_ended": ("已結束", "Ended"),
    "mark_today": ("今天", "Today"),
    "today_sessions_one": ("今天的 {n} 場線上簡報場", "Today's online session"),
    "today_sessions_other": ("今天的 {n} 場線上簡報場", "Today's {n} online sessions"),
    "today_onsite_one": (
        "今天的 {n} 場實體簡報場或駐點實機場",
        "Today's in-person briefing or on-site hands-on session",
    ),
    "today_onsite_other": (
        "今天的 {n} 場實體簡報場或駐點實機場",
        "Today's {n} in-person briefing or on-site hands-on sessions",
    ),
    "join_link": ("如何加入（連結、會議號、密碼、顯示名稱）", "How to join (link, number, password, name)"),
    "next_session": ("接下來的場次：{track} {date}", "Next: {track}, {date}"),
    "next_session_district": ("接下來的場次：{date} {track}（第 {n} 區）", "Next: {track}, {date} (District {n})"),
    "training_over": (
        "本學年度的線上簡報場均已結束，以下資料保留備查。",
        "This academic year's online sessions have all ended; the details stay here for reference.",
    ),
    "sign_in_opens": ("開放簽到", "Sign-in opens"),
    "content_starts": ("課程開始", "Content starts"),
    "ends": ("結束（請簽退）", "Ends (sign out)"),
    "how_to_join": ("如何加入線上會議", "How to join the online meeting"),
    "display_name": ("加入會議時的顯示名稱", "Your display name in the meeting"),
    "display_name_format": ("格式：{format}", "Format: {format}"),
    "display_name_example": ("範例：", "Example: "),
    "display_name_in_chinese": (
        "請以中文輸入。",
        "Type it in Chinese, in the form of this example. Your county's name in Chinese: ",
    ),
    "audio_check": ("音訊設備確認", "Checking your audio"),
    "prepare": ("研習前準備", "What to prepare"),
    "prepare_handbook": ("手冊", "Handbook"),
    # a county's own letter, on that county's page only
    "letter_heading": ("{sender}函的規定", "From the {sender}'s official letter"),
    "letter_intro": (
        "{sender}函（{reference}）對{county}學校另外規定如下（本站摘要，只適用{county}的學校）：",
        "The {sender}'s official letter ({reference}) adds the following for {county} schools "
        "(the site's summary; it applies to {county} schools only):",
    ),
    "letter_read": ("公文原文：{link}", "The letter as written: {link}"),
    "letter_item": ("說明{n}", "Details, item {n}"),
    "letter_no_instructions": (
        "本站尚未整理這份公文對{county}學校另外的規定；在此之前，請直接閱讀公文：",
        "The site has not yet summarised what this letter adds for {county} schools; until it does, "
        "read the letter itself:",
    ),
    "letter_subject": ("主旨：{subject}", "Subject: {subject}"),
    "instruction_registration": ("報名", "Registration"),
    "instruction_leave": ("公假", "Official leave"),
    "instruction_hours": ("研習時數", "Professional development hours"),
    "session_hours": ("{date}{track}：{parts}", "{date}, {track}: {parts}"),
    "part_hours": ("{part} {hours}", "{part} {hours}"),
    "county_no_letter_heading": ("縣市政府公文", "Your county's official letter"),
    "county_no_letter": (
        "{county}政府轉知本研習的公文尚未在本站發布。發布後，公文對{county}學校另外的規定"
        "（例如報名、公假、研習時數）會列在本頁此處，並連結公文全文；在此之前，本頁只列出國教署對所有縣市的辦理方式。",
        "The {county} government's official letter forwarding this training is not yet published on this "
        "site. Once it is, what it adds for {county} schools (such as registration, official leave and "
        "professional development hours) will be listed here, with a link to the full letter; until then, "
        "this page shows only the K-12 Education Administration's plan for every county.",
    ),
    "more_links": ("相關頁面", "Related pages"),
    # the county offices' page (counties/<county>/letter/), linked from the county page's end
    "kit_link": (
        "縣市承辦人：轉知公文可引用的網址、QR code 與公文草稿",
        "For the county's office: addresses, QR code and a draft letter to forward this training",
    ),
    "kit_title": ("{county}轉知公文用資料", "For the {county} government's office: forwarding this training"),
    "kit_intro": (
        "{county}政府以公文轉知本研習給所屬學校時，可直接引用本頁的網址、QR code 與說明文字，"
        "或把公文草稿匯入公文系統。",
        "When the {county} government forwards this training to its schools in an official letter, it can "
        "cite the addresses, QR code and 說明 (details) on this page, or import the draft letter into its "
        "document system.",
    ),
    "kit_addresses": ("可引用的網址", "Addresses to cite"),
    "kit_county_page_zh": ("{county}頁面（中文）", "The {county} page, in Chinese"),
    "kit_county_page_en": ("{county}頁面（英文）", "The {county} page, in English"),
    "kit_calendar": ("{county}場次行事曆（.ics）", "The {county} sessions calendar (.ics)"),
    "kit_no_base_url": (
        "這次建置沒有設定網站位址，下列網址只有路徑；正式發布的網站會列出完整網址。",
        "This build does not know the site's address, so the addresses below are paths only; the "
        "published site gives them in full.",
    ),
    "kit_copy": ("複製", "Copy"),
    "kit_copy_paragraph": ("複製說明", "Copy the 說明"),
    "kit_copied": ("已複製", "Copied"),
    "kit_qr": ("QR code", "QR code"),
    "kit_qr_intro": (
        "{county}頁面的 QR code，與列印頁面上的相同，可放進公文或海報：",
        "The QR code of the {county} page in English, the same as on the printed page, for a letter or a "
        "poster (the Chinese version of this page gives the Chinese page's code):",
    ),
    "kit_qr_alt": ("QR code：{address}", "QR code: {address}"),
    "kit_qr_svg": ("下載 SVG 檔（向量圖，放大不失真）：{file}", "Download the SVG file (scales without blur): {file}"),
    "kit_qr_png": ("下載 PNG 檔（圖片）：{file}", "Download the PNG file (an image): {file}"),
    "kit_paragraph": ("公文說明（可直接貼上）", "A 說明 (details) to paste into your letter"),
    "kit_paragraph_intro": (
        "依公文格式寫好的說明，列出貴縣市所屬分區的線上簡報場與本站網址：",
        "Written in the form of an official letter, in Chinese only, as official letters are: it gives your "
        "county's district, its online sessions and this site's address.",
    ),
    "kit_draft": ("公文系統匯入檔（DI 草稿）", "A draft letter for your document system (DI file)"),
    "kit_draft_intro": (
        "下載後匯入公文系統：主旨與說明已寫好，檔案標示為草稿。",
        "Download it and import it into your document system: its subject and 說明 are written (in "
        "Chinese only, as official letters are), and it is marked as a draft.",
    ),
    "kit_draft_link": ("下載公文草稿：{file}", "Download the draft letter: {file}"),
    "kit_to_fill": (
        "草稿留空、由貴府填寫或由公文系統編號的欄位：",
        "What the draft leaves for your office or its system to fill in:",
    ),
    "kit_back": ("回到{county}頁面", "Back to the {county} page"),
    "notice_link": ("{sender}函（{date}）", "{sender}'s official letter ({date})"),
    "all_counties": ("所有縣市", "All counties and cities"),
    # year home
    "find_your_county": ("找到您的縣市", "Find your county"),
    "find_your_county_intro_one": (
        "線上簡報場分 {n} 區辦理；點選您的縣市，查看場次、會議連結與準備事項。",
        "The online briefing sessions are held in one district; choose your county or city to see "
        "its sessions, meeting link and what to prepare.",
    ),
    "find_your_county_intro_other": (
        "線上簡報場分 {n} 區辦理；點選您的縣市，查看場次、會議連結與準備事項。",
        "The online briefing sessions are held in {n} districts; choose your county or city to see "
        "its sessions, meeting link and what to prepare.",
    ),
    "track_who": ("哪個課程該由誰參加", "Who should attend which track"),
    "key_dates": ("重要日期", "Key dates"),
    "online_window": ("線上簡報場", "Online briefing sessions"),
    "onsite_window": (
        "實體簡報場／駐點實機場申請期間",
        "Applications for in-person briefing and on-site hands-on sessions",
    ),
    "notices": ("縣市公文", "Official letters from counties"),
    # notice
    "notice_heading": ("{sender} {kind}", "{sender}: {kind}"),
    "kind_letter": ("函", "official letter"),  # a notice's kind (NoticeFile.kind_key)
    "kind_memo": ("書函", "official memo"),
    "with_attachments": ("含附件", "with the attachments"),
    # a county letter published before its English is written (translation: pending)
    "translation_pending": (
        "本函部分內容尚待翻譯。",
        "Translation pending: parts of this letter are not yet translated into English. Until they are, "
        "they are shown in Chinese, as written, underlined with dots.",
    ),
    "f_address": ("地址", "Address"),
    "f_contact": ("聯絡人", "Contact person"),
    "f_phone": ("聯絡電話", "Phone"),
    "f_email": ("電子信箱", "Email"),
    "f_addressee": ("受文者", "Addressee"),
    "f_date": ("發文日期", "Date issued"),
    "f_reference": ("發文字號", "Reference number"),
    "f_priority": ("速別", "Priority"),
    "f_classification": ("密等及解密條件或保密期限", "Classification and declassification terms"),
    "f_attachment": ("附件", "Attachment"),
    "f_blank": ("（空白）", "(blank)"),
    "subject": ("主旨", "Subject"),
    "details": ("說明", "Details"),
    "recipients": ("正本", "Original recipients"),
    "copies": ("副本", "Copied to"),
    "notice_translation": (
        "框內逐字引用公文及其附件（錯字照錄）；框外的文字由本站所加。",
        "Inside the frames: the official letter and its attachment, rendered in English (the Chinese original "
        "is authoritative). Outside them: the site's own text.",
    ),
    "letter_source": (
        "出處：{sender}函（{date}，{reference}）",
        "Source: the {sender}'s official letter ({date}, {reference})",
    ),
    "attachment_heading": ("附件：{file}", "Attachment: {file}"),
    "attachment_source": (
        "出處：{sender}函（{reference}）附件",
        "Source: the attachment to the {sender}'s official letter ({reference})",
    ),
    "attachment_continued": ("（續）", " (continued)"),
    "site_note": ("本站說明", "The site's note"),
    "from_attachment": ("附件", "attachment"),
    # process
    "process_intro": (
        "本頁由本站依國教署的流程說明整理，是全國各縣市共同的辦理方式。縣市政府轉知的公文及其附件，"
        "以原文列在各縣市的頁面。",
        "This page is the site's account of the K-12 Education Administration's process description: "
        "the plan every county shares. A county government's official letter and its attachment are "
        "quoted as written on that county's page.",
    ),
    "purposes": ("研習目的", "Purposes"),
    "method": ("辦理方式", "How the training is held"),
    "notes": ("注意事項", "Notes"),
    "online_sessions": ("線上簡報場", "Online briefing sessions"),
    "schedule_summary": ("辦理時間", "When they are held"),
    "display_name_rule": (
        "請學校承辦人加入線上會議時輸入「{format}」（例：{example}），{rule}",
        "When joining, enter “{format}” (for example {example}). {rule}",
    ),
    "county_placeholder": ("縣市", "county"),
    # display names are typed in Chinese, so the English example stays Chinese too
    "example_county": ("○○縣", "○○縣"),
    "see_sessions": (
        "各分區場次、會議連結及密碼見「線上簡報場」。",
        "Each district's sessions, meeting links and passwords are on the “Online sessions” page.",
    ),
    # on-site
    "application_window": ("申請期間", "When to apply"),
    # the application window, as it stands on the build's date (see APPLICATION)
    "application_upcoming": (
        "縣市可於 {span} 申請（尚未開始受理）。",
        "Counties may apply from {span} (not open yet).",
    ),
    "application_open": (
        "縣市可於 {span} 申請，現正受理。",
        "Counties may apply from {span}: applications are open now.",
    ),
    "application_closed": (
        "申請期間（{span}）已結束。",
        "Applications have closed: they were open from {span}.",
    ),
    "when_where": ("時間與地點", "When and where"),
    "when": ("辦理時間", "When"),
    "where": ("辦理地點", "Where"),
    "checklist": ("應攜帶設備", "What to bring"),
    "checklist_hint": ("可列印本頁，逐項勾選。", "Print this page and tick each item."),
    "scheduled": ("已排定場次", "Scheduled sessions"),
    "scheduled_caption": ("已排定的實體簡報場與駐點實機場", "Scheduled in-person and on-site sessions"),
    "county_onsite": (
        "本縣市的實體簡報場與駐點實機場",
        "In-person briefing sessions and on-site hands-on sessions in this county",
    ),
    "county_onsite_none": (
        "目前尚未排定；實體簡報場與駐點實機場由縣市申請，排定後會列於此。",
        "None scheduled yet; counties apply for in-person briefing sessions and on-site hands-on sessions, "
        "which are listed here once set.",
    ),
    "none_scheduled": (
        "目前尚未排定任何場次；縣市排定後會公布於此。",
        "No session is scheduled yet; sessions will be listed here once counties set them.",
    ),
    "col_county": ("縣市", "County"),
    "col_kind": ("類型", "Type"),
    "col_venue": ("地點", "Venue"),
    "onsite_briefing": ("實體簡報場", "In-person briefing session"),
    "onsite_hands_on": ("駐點實機場", "On-site hands-on session"),
    # open data: the list of files on the sessions and county pages, and the CSV's column headers
    "open_data": ("開放資料", "Open data"),
    "open_data_intro": (
        "本學年度全部線上簡報場的資料，可供試算表或程式使用；場次異動時隨之更新。",
        "All of this year's online sessions as data, for spreadsheets and programs; "
        "updated whenever a session changes.",
    ),
    "open_data_csv": ("場次表（CSV，可用 Excel 開啟）", "Sessions table (CSV, opens in Excel)"),
    "open_data_json": ("場次資料（JSON）", "Sessions data (JSON)"),
    "open_data_schema": ("JSON 資料格式說明（JSON Schema）", "Format of the JSON data (JSON Schema)"),
    # changes: the changes page, the feed, and "changed on" where a changed fact appears
    "nav_changes": ("異動公告", "What changed"),
    "changes_title": ("已公告資料的異動", "What changed"),
    "changes_intro": (
        "已公告的資料若有異動（例如場次改期、新的會議連結或密碼），列於本頁，由新到舊。",
        "When a published fact changes (a session moves, a meeting has a new link or password), it is "
        "listed here, newest first.",
    ),
    "changes_none": ("目前沒有異動。", "Nothing has changed yet."),
    "changes_feed": ("訂閱異動（Atom）", "Follow the changes (Atom feed)"),
    "changes_feed_help": (
        "將此連結加入 RSS 或 Atom 閱讀器，有新的異動時即會看到。",
        "Add this link to a feed reader to be told of each new change.",
    ),
    "changes_feed_title": ("{title}：異動公告", "{title}: what changed"),
    "change_concerns": ("相關：", "Concerns: "),
    "change_session": ("第 {n} 區{track}場次", "the {track} session of district {n}"),
    "changed_on": ("異動於 {date}", "Changed on {date}"),
    "changed_on_link": ("看異動說明", "what changed"),
    "data_district": ("分區", "District"),
    "data_counties": ("縣市", "Counties and cities"),
    "data_track": ("課程", "Track"),
    "data_part": ("時段", "Part"),
    "data_date": ("日期", "Date"),
    "data_sign_in": ("開放簽到", "Sign-in opens"),
    "data_start": ("課程開始", "Content starts"),
    "data_end": ("結束", "Ends"),
    "data_webex": ("Webex 會議連結", "Webex link"),
    "data_meeting_number": ("會議號", "Meeting number"),
    "data_password": ("密碼", "Password"),
    # root, each language's front page, 404, and the pages of earlier years
    "earlier_years": ("先前學年度", "Earlier academic years"),
    "older_year_note": (
        "這是 {year} 學年度的頁面；最新的是 {latest} 學年度。",
        "This is the page of academic year {year}; the newest is {latest}.",
    ),
    "older_year_same": ("{latest} 學年度的本頁", "This page in academic year {latest}"),
    "older_year_home": ("{latest} 學年度首頁", "The home page of academic year {latest}"),
    "enter": ("進入中文網站", "Enter the English site"),
    "not_found_title": ("找不到這個頁面", "Page not found"),
    "not_found_text": (
        "網址可能有誤，或頁面已移動。請從首頁找到您的縣市。",
        "The address may be mistyped, or the page has moved. Start from the home page to find your county.",
    ),
    "go_home": ("回到首頁", "Go to the home page"),
    # the page left at a moved page's old URL
    "moved_title": ("此網頁已移動", "This page has moved"),
    "moved_text": ("此網頁已移到新的網址：", "This page has moved to a new address: "),
    # calendar files and "add to calendar" links
    "ics_training": ("{track}教育訓練", "{track} training"),
    "ics_part": ("・{part}", " – {part}"),
    "ics_district": ("（第{number}區）", " (district {number})"),
    "ics_onsite_summary": ("{county}{kind}", "{kind} – {county}"),
    "ics_when": ("時間：{date} {start}–{end}（臺北時間）", "When: {date}, {start}–{end} Taipei time (UTC+8)"),
    "ics_starts": (
        "本行事曆活動從開放簽到時起算：{start} 開放進入並簽到，{content} 開始上課，{end} 簽退後結束。",
        "This calendar entry starts when sign-in opens: sign-in opens at {start}, the content starts at "
        "{content}, and it ends with sign-out at {end}.",
    ),
    "ics_webex": ("Webex 會議連結：{url}", "Webex link: {url}"),
    "ics_meeting_number": ("會議號：{value}", "Meeting number: {value}"),
    "ics_password": ("密碼：{value}", "Password: {value}"),
    "ics_display_name": ("加入會議時的顯示名稱：{format}", "Display name when you join: {format}"),
    "ics_examples": ("範例：", "Examples, by county:"),
    "ics_example": ("{example}", "{county}: {example}"),
    "ics_venue": ("地點：{venue}", "Venue: {venue}"),
    "ics_agenda": ("議程：{url}", "Agenda: {url}"),
    "ics_county_rules": (
        "縣市政府對所屬學校另外的規定（例如報名、公假、研習時數），請見本研習網站上您所屬縣市的頁面。",
        "Your county's own instructions to its schools (such as registration, official leave and professional "
        "development hours) are on your county's page of this training's website.",
    ),
    "ics_county_rules_at": (
        "縣市政府對所屬學校另外的規定（例如報名、公假、研習時數），請見您所屬縣市的頁面：{url}",
        "Your county's own instructions to its schools (such as registration, official leave and professional "
        "development hours) are on your county's page: {url}",
    ),
    "ics_county_page_at": ("研習當天請再查看縣市頁面：{url}", "On the day, check your county's page: {url}"),
    "ics_check_on_the_day": (
        "研習當天請再查看縣市頁面：時間或連結若有異動，以頁面為準。",
        "On the day, check your county's page: if a time or a link changes, the page has the latest.",
    ),
    "ics_name": ("{title}：{scope}", "{title}: {scope}"),
    "ics_all": ("全部場次", "all sessions"),
    "ics_district_name": ("第{number}區", "district {number}"),
    "ics_session_name": ("{track}（第{number}區）", "{track} (district {number})"),
    # the search page (/<lang>/search/), which runs Pagefind's index of every year's pages
    "nav_search": ("搜尋", "Search"),
    "search_title": ("搜尋本站", "Search this site"),
    "search_intro": (
        "搜尋各學年度的所有網頁，例如輸入縣市名稱、課程或日期。",
        "Search every page of every academic year: type a county's name, a track or a date, for example.",
    ),
    "search_label": ("搜尋字詞", "Search for"),
    "search_button": ("搜尋", "Search"),
    "search_found_one": ("找到 {n} 頁。", "{n} page found."),
    "search_found_other": ("找到 {n} 頁。", "{n} pages found."),
    "search_none": ("找不到符合的網頁。", "No page matches."),
    "search_year": ("{year} 學年度", "Academic year {year}"),
    "search_needs_script": (
        "搜尋需要 JavaScript；也可從選單或各學年度首頁找到所有網頁。",
        "Search needs JavaScript; every page can also be reached from the menu and each year's home page.",
    ),
    "search_unbuilt": (
        "搜尋只能在建置好的網站上使用：請執行 build.py（預覽用的 build.py serve 不建立搜尋索引）。",
        "Search works on the built site; run build.py (the preview, build.py serve, does not build the search index).",
    ),
}


# Interface strings named by a data value, spelled out so that every key can be found by a search
# (a test checks that each table covers every value its model allows).
SLOT_KIND = {"sign_in": "kind_sign_in", "talk": "kind_talk", "break": "kind_break", "sign_out": "kind_sign_out"}
ONSITE_KIND = {"briefing": "onsite_briefing", "hands_on": "onsite_hands_on"}
APPLICATION = {"upcoming": "application_upcoming", "open": "application_open", "closed": "application_closed"}
PERIOD = {"full_day": "period_full_day", "morning": "period_morning", "afternoon": "period_afternoon"}
PAGE_NAME = {"sessions": "nav_sessions", "onsite": "nav_onsite", "process": "nav_process"}

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders in ``text``."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, /, **values: object) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]``; nothing else in it is read.

    A placeholder with no value is a `KeyError` (data placeholders are checked when loading).
    """

    def value(match: re.Match[str]) -> str:
        return str(values[match[1]])

    return PLACEHOLDER.sub(value, text)


def plural_key(key: str, n: int) -> str:
    """The form of the counted string ``key`` for ``n`` things: ``<key>_one`` for one, else ``<key>_other``.

    English needs both forms ("one district", "5 districts"); Chinese has no plural, so its two
    forms usually read alike, and both say the number (分 1 區, 分 5 區).
    """
    return f"{key}_one" if n == 1 else f"{key}_other"


def plural(lang: str, key: str, n: int, /, **values: object) -> str:
    """The counted string ``key`` for ``n`` things in ``lang``: ``{n}`` is the number, the rest ``values``."""
    return fill(strings(lang)[plural_key(key, n)], n=f"{n:,}", **values)


def fill_markup(text: str, /, **values: object) -> Markup:
    """`fill` for HTML: the text and each value are escaped, markup from a macro stays."""
    return Markup(fill(escape(text), **{name: escape(value) for name, value in values.items()}))


class Strings(dict[str, str]):
    """The interface strings of one language, by name: ``t["name"]``, or ``t.name`` in templates.

    Each is an attribute too, so Jinja's ``t.name`` finds it at once rather than after a failed
    attribute lookup (pages look up hundreds). No name may shadow a dict method.
    """

    def __init__(self, pairs: dict[str, str]) -> None:
        clash = sorted(set(pairs) & set(dir(dict)))
        if clash:
            raise ValueError(f"interface string names clash with dict methods: {clash}")
        super().__init__(pairs)
        self.__dict__.update(pairs)

    if TYPE_CHECKING:  # for the type checker only: at run time a missing name stays an AttributeError

        def __getattr__(self, name: str) -> str: ...


@cache
def strings(lang: str) -> Strings:
    """All interface strings in one language, keyed by name."""
    index = LANGS.index(lang)
    return Strings({key: pair[index] for key, pair in UI.items()})

"""A county's official letter (函) as its DI file (電子公文交換 XML): read and written.

Agencies' document systems exchange a letter as a DI file: XML in the National Archives
Administration's format (文書及檔案管理電腦化作業規範, appendix 5, 104 edition; the DTD of a 函 is
``104_2_utf8.dtd``; UTF-8). Its root ``<函>`` holds, in the order `ORDER` fixes: 發文機關 (全銜,
機關代碼), 函類別 (代碼 函 or 書函), 地址, a 聯絡方式 a line (承辦人：…, 電話：…, 電子信箱：…), 受文者
(全銜, or the text of a 交換表), 發文日期 (年月日 as 中華民國114年7月21日), 發文字號 (字, then 文號 of
年度 流水號 支號: 屏府教管字第1145124742號), 速別 (代碼), 密等及解密條件或保密期限, 附件 (文字, and
附件檔名 附件名="ATTCH1 ATTCH2"), 主旨 (文字), 段落 段名="說明：" with its 條列 序號="一、" nested as
written (序號 (一) then 1、), 正本 and 副本 (a 全銜 each; 副本 perhaps 含附件), 署名. An attachment's
file is named by an unparsed entity of the DOCTYPE's internal subset,
``<!ENTITY ATTCH1 SYSTEM "376530000A114512474200-1.pdf" NDATA DI>``, never opened here. A 文字's
line breaks and indentation are the file's layout, not the letter's: each line is stripped and
the lines are joined without a space (Chinese text).

`read_di` gives the `Letter` that `letter.read_text` gives for the letter's text; what it
cannot place (another 段落 than 說明, an element it does not know or one out of `ORDER`, a
contact line of another kind) goes to ``letter.unplaced`` with the element's path. `write_di`
writes a `Letter` as a DI file (``read_di(write_di(letter))`` is the same letter, but for its
line numbers and what was unplaced, which no element holds).

Safety: a DI file comes from outside. Reading expands no entity, loads no DTD and opens no
file or URL (lxml's parser with ``resolve_entities=False, load_dtd=False, no_network=True``),
and refuses, naming the line, a file over `MAX_BYTES`, one that is not well-formed XML, one
whose DOCTYPE names a remote DTD (http:, file:, …), one that declares any entity but an
attachment's unparsed (NDATA) one (an external entity such as ``SYSTEM "file:///etc/passwd"``,
or text entities such as an expansion bomb's) or that holds an entity reference, one whose
root is not 函 (or 書函), an attachment named by no declared entity or by a path or URL rather
than a file name, and a letter with no 主旨.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from . import dates
from .i18n import fill
from .letter import DATE_PROBLEM, MAX_BYTES, Attached, Letter, LetterError, Point, Unplaced, issued_on

# The root's children in the order the format fixes; 聯絡方式 and 段落 may repeat. The reader
# places each by this table (one out of it, or out of order, is unplaced) and the writer
# writes in it.
ORDER: tuple[str, ...] = (
    "發文機關",
    "函類別",
    "地址",
    "聯絡方式",
    "受文者",
    "發文日期",
    "發文字號",
    "速別",
    "密等及解密條件或保密期限",
    "附件",
    "主旨",
    "段落",
    "正本",
    "副本",
    "署名",
)
REPEATED = frozenset({"聯絡方式", "段落"})
ROOTS = ("函", "書函")  # document systems write <函> with <函類別 代碼="書函"/>; a few root <書函>
DTD = "104_2_utf8.dtd"
NOTATION = "DI"
ENTITY_PREFIX = "ATTCH"
DETAILS = "說明："  # the 段名 of the 段落 whose 條列 are the letter's items
DRAFT_NOTE = " 草稿：尚未發文，不是正式公文 (a draft, not a letter sent) "
PARSER = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
}

CONTACTS = {
    "承辦人": "contact_name",
    "聯絡人": "contact_name",
    "電話": "phone",
    "聯絡電話": "phone",
    "電子信箱": "email",
    "電子郵件": "email",
}
CONTACT_LINE = re.compile(r"^(?P<name>[^：:]{1,14}?)\s*[：:]\s*(?P<value>.*)$")
ADDRESSEE = ("全銜", "單位名", "總稱", "交換表", "姓名", "職稱")
NAMES = ("全銜", "單位名", "總稱", "姓名")  # one recipient each in 正本 and 副本
CODES = ("機關代碼", "單位代碼")  # agency codes: the letter names agencies by their 全銜
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # http:, https:, file:, ftp:, …
REFERENCE = re.compile(r"^(?P<word>.*)第(?P<number>[0-9]+)(?P<branch>[^0-9第號]*)號$")
LITERAL = r"(?:\"[^\"]*\"|'[^']*')"
ENTITY_DECL = re.compile(rf"<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s%\"'>]+)(?P<rest>(?:[^\"'>]|{LITERAL})*)>")
NDATA_DECL = re.compile(rf"^\s+(?:SYSTEM|PUBLIC\s+{LITERAL})\s+{LITERAL}\s+NDATA\s+\S+\s*$")
FILE_NAME_BAD = set("\"'<>&%]/\\:")
LINE_SUFFIX = re.compile(r",\s*line \d+, column \d+$")


def is_di(raw: bytes) -> bool:
    """Whether ``raw`` is XML (a DI file) rather than a letter's text, by its content alone."""
    head = raw.removeprefix(b"\xef\xbb\xbf").lstrip()[:16]
    if head.startswith((b"<?xml", b"<!DOCTYPE")):
        return True
    return head.startswith(b"<") and head[1:5].decode("utf-8", errors="ignore")[:1].isalpha()


def read_di(raw: bytes, name: str) -> Letter:
    """The letter in the DI file ``raw`` (named ``name`` in problems)."""
    if len(raw) > MAX_BYTES:
        raise LetterError(name, 1, f"is over {MAX_BYTES:,} bytes; a letter is a few kB: is this the right file?")
    root = _parse(raw, name)
    tree = root.getroottree()
    source = _Source(raw, tree.docinfo.encoding)
    _check_doctype(tree, source, name)
    files = _attachment_entities(tree, source, name)
    reference = next(root.iter(etree.Entity), None)
    if reference is not None:
        raise LetterError(name, reference.sourceline or 1, f"holds the entity reference &{reference.name};, unread")
    if root.tag not in ROOTS:
        raise LetterError(
            name, root.sourceline or 1, f"has the root element <{root.tag}>, not <函>: is this a letter's DI file?"
        )
    letter = _Reader(name, tree, files).read(root)
    if letter.subject is None:
        raise LetterError(name, root.sourceline or 1, "has no 主旨 (subject): is this a letter's DI file?", where="/函")
    return letter


@dataclass
class _Source:
    """The file's text, to find a declaration's line (lxml gives none for a DTD's)."""

    raw: bytes
    encoding: str | None

    def text(self) -> str:
        try:
            return self.raw.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:
            return self.raw.decode("utf-8", errors="replace")

    def line_of(self, needle: bytes) -> int:
        at = self.raw.find(needle)
        return self.raw[:at].count(b"\n") + 1 if at >= 0 else 1

    def declarations(self) -> dict[str, _Declaration]:
        """Each entity declared in the text, as written."""
        text = self.text()
        found: dict[str, _Declaration] = {}
        line, at = 1, 0
        for match in ENTITY_DECL.finditer(text):
            line, at = line + text.count("\n", at, match.start()), match.start()
            rest = match["rest"].strip()
            literals = [literal[1:-1] for literal in re.findall(LITERAL, rest)]
            external = rest.startswith(("SYSTEM", "PUBLIC"))
            found.setdefault(
                match["name"],
                _Declaration(
                    line=line,
                    ndata=not match["pe"] and bool(NDATA_DECL.match(match["rest"])),
                    system=literals[-1] if external and literals else None,
                    content=literals[0] if not external and literals else None,
                ),
            )
        return found


@dataclass
class _Declaration:
    line: int
    ndata: bool  # an unparsed entity's: <!ENTITY ATTCH1 SYSTEM "file.pdf" NDATA DI>
    system: str | None
    content: str | None


def _parse(raw: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(raw, etree.XMLParser(**PARSER))
    except etree.XMLSyntaxError as exc:
        # An expansion bomb stops libxml2 (its amplification limit) before lxml returns a tree:
        # name the entity declaration that caused it, rather than the parser's position.
        for entity, declared in _Source(raw, None).declarations().items():
            if not declared.ndata:
                problem = _entity_problem(entity, declared.system, declared.content)
                raise LetterError(name, declared.line, problem, where=f"<!ENTITY {entity}>") from None
        message = LINE_SUFFIX.sub("", str(exc.msg or exc))
        line, column = exc.position if exc.position else (exc.lineno or 1, 1)
        raise LetterError(name, line or 1, f"is not well-formed XML: {message}", column=max(column or 1, 1)) from None


def _check_doctype(tree: etree._ElementTree, source: _Source, name: str) -> None:
    url = tree.docinfo.system_url
    if url and SCHEME.match(url):
        raise LetterError(
            name,
            source.line_of(b"<!DOCTYPE"),
            f"names a remote DTD ({url}); a DI file names its DTD by file name ({DTD}), and none is fetched",
            where="<!DOCTYPE>",
        )


def _attachment_entities(tree: etree._ElementTree, source: _Source, name: str) -> dict[str, str]:
    """The attachments' files the DOCTYPE declares, by entity name; any other entity is refused."""
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return {}
    declared = source.declarations()
    files: dict[str, str] = {}
    for entity in dtd.iterentities():
        written = declared.get(entity.name)
        line = written.line if written else source.line_of(b"<!DOCTYPE")
        where = f"<!ENTITY {entity.name}>"
        # lxml shows an unparsed entity as its system id and, as its content, its notation;
        # the declaration as written must say NDATA too.
        ndata = written is not None and written.ndata
        if not (ndata and entity.system_url and entity.content and entity.orig is None):
            raise LetterError(name, line, _entity_problem(entity.name, entity.system_url, entity.content), where=where)
        problem = file_name_problem(entity.system_url)
        if problem:
            raise LetterError(
                name, line, f"names the attachment file {entity.system_url!r}, which {problem}", where=where
            )
        files[entity.name] = entity.system_url
    return files


def _entity_problem(entity: str, system: str | None, content: str | None) -> str:
    if system:
        kind = f"the external entity {entity} (SYSTEM {system!r})"
    elif content is not None:
        kind = f"the text entity {entity}"
    else:
        kind = f"the entity {entity}"
    return (
        f"declares {kind}: a DI file declares only its attachments' files "
        f'(<!ENTITY ATTCH1 SYSTEM "file.pdf" NDATA DI>), so this file is not read'
    )


def file_name_problem(file: str) -> str | None:
    """What makes ``file`` no attachment's file name (a name alone, in a DOCTYPE), or None."""
    if not file.strip():
        return "is empty"
    if file in (".", ".."):
        return "is no file's name"
    bad = sorted(set(file) & FILE_NAME_BAD)
    if bad:
        return f"holds {''.join(bad)!r}: an attachment is named by its file name alone, no path or URL"
    if re.search("[\x00-\x1f\x7f]", file):
        return "holds a control character"
    return None


def _clean(text: str) -> str:
    """A 文字's words: each line stripped of the file's indentation, the lines joined."""
    return "".join(line.strip() for line in text.splitlines())


def _text(element: etree._Element) -> str:
    return _clean("".join(element.itertext()))


def _child_text(element: etree._Element | None, tag: str) -> str:
    if element is None:
        return ""
    child = element.find(tag)
    return _text(child) if child is not None else ""


def _words(element: etree._Element) -> str:
    """An element's text for a person to read: each 文字 a line, after its 條列's 序號."""
    lines = []
    for node in element.iter("文字"):
        parent = node.getparent()
        marker = parent.get("序號", "") if parent is not None and parent.tag == "條列" else ""
        if marker or _text(node):
            lines.append(marker + _text(node))
    return "\n".join(lines) if lines else _text(element)


class _Reader:
    """Reads the root's children, in `ORDER`, into a `Letter`."""

    def __init__(self, name: str, tree: etree._ElementTree, files: dict[str, str]) -> None:
        self.name = name
        self.tree = tree
        self.files = files
        self.letter = Letter(kind=tree.getroot().tag)
        self.details_read = False

    def read(self, root: etree._Element) -> Letter:
        at = 0
        seen: set[str] = set()
        for child in root:
            if not isinstance(child.tag, str):  # a processing instruction
                continue
            index = ORDER.index(child.tag) if child.tag in ORDER else -1
            if index < at or (child.tag in seen and child.tag not in REPEATED):
                self.unplace(child)
                continue
            at = index
            seen.add(child.tag)
            READERS[child.tag](self, child)
        return self.letter

    def unplace(self, element: etree._Element, where: str | None = None) -> None:
        text = _words(element)
        if text:
            path = where or self.tree.getpath(element)
            self.letter.unplaced.append(Unplaced(element.sourceline or 1, path, text))

    def rest(self, element: etree._Element, known: tuple[str, ...]) -> None:
        """Unplace the children of ``element`` that are not ``known``."""
        for child in element:
            if isinstance(child.tag, str) and child.tag not in known:
                self.unplace(child)

    def mark(self, key: str, element: etree._Element) -> None:
        self.letter.lines[key] = element.sourceline or 1

    def sender(self, element: etree._Element) -> None:
        self.mark("sender", element)
        self.letter.sender = _child_text(element, "全銜") or None
        self.rest(element, ("全銜", *CODES))

    def kind(self, element: etree._Element) -> None:
        code = (element.get("代碼") or _text(element)).strip()
        if code:
            self.letter.kind = code

    def address(self, element: etree._Element) -> None:
        self.mark("address", element)
        self.letter.address = _text(element) or None

    def contact(self, element: etree._Element) -> None:
        text = _text(element)
        match = CONTACT_LINE.match(text)
        key = CONTACTS.get(match["name"].strip()) if match else None
        if match is None or key is None:
            self.unplace(element)
            return
        self.mark(key, element)
        if match["value"].strip():
            setattr(self.letter, key, match["value"].strip())

    def addressee(self, element: etree._Element) -> None:
        self.mark("addressee", element)
        parts = [_text(child) for child in element if child.tag in ADDRESSEE and _text(child)]
        self.letter.addressee = "、".join(parts) or _clean(element.text or "") or None
        self.rest(element, (*ADDRESSEE, *CODES, "含附件"))

    def date(self, element: etree._Element) -> None:
        self.mark("date", element)
        value = _text(element)
        if not value:
            return
        day = issued_on(value)
        if day is None:
            raise LetterError(
                self.name,
                element.sourceline or 1,
                fill(DATE_PROBLEM, value=repr(value)),
                where=self.tree.getpath(element),
            )
        self.letter.date = day

    def reference(self, element: etree._Element) -> None:
        self.mark("reference", element)
        number = element.find("文號")
        self.letter.reference = reference(
            _child_text(element, "字"),
            _child_text(number, "年度"),
            _child_text(number, "流水號"),
            _child_text(number, "支號"),
        )

    def priority(self, element: etree._Element) -> None:
        self.mark("priority", element)
        self.letter.priority = (element.get("代碼") or _text(element)).strip() or None

    def classification(self, element: etree._Element) -> None:
        self.mark("classification", element)
        level = element.find("密等")
        parts = [
            _child_text(element, "密等") or (level.get("代碼", "").strip() if level is not None else ""),
            _child_text(element, "解密條件或保密期限"),
        ]
        self.letter.classification = "，".join(part for part in parts if part) or None

    def attachments(self, element: etree._Element) -> None:
        self.mark("attachments", element)
        label = _child_text(element, "文字")
        found = []
        for names in element.iter("附件檔名"):
            for entity in (names.get("附件名") or "").split():
                if entity not in self.files:
                    raise LetterError(
                        self.name,
                        names.sourceline or 1,
                        f"附件名 {entity} names no attachment: the DOCTYPE declares no "
                        f'<!ENTITY {entity} SYSTEM "file" NDATA DI>',
                        where=self.tree.getpath(names),
                    )
                found.append(Attached(label, self.files[entity]))
        self.letter.attachments += found or ([Attached(label, "")] if label else [])
        self.rest(element, ("文字", "附件檔名"))

    def subject(self, element: etree._Element) -> None:
        self.mark("subject", element)
        words = [_text(child) for child in element if child.tag == "文字"]
        self.letter.subject = "".join(words) if words else _text(element)
        self.rest(element, ("文字",))

    def paragraph(self, element: etree._Element) -> None:
        title = (element.get("段名") or "").strip()
        if self.details_read or title.rstrip("：:").strip() != DETAILS.rstrip("："):
            self.unplace(element, where=f'<段落 段名="{title}">')
            return
        self.details_read = True
        self.mark("items", element)
        for child in element:
            if child.tag == "條列":
                self.letter.items.append(self.point(child))
            elif child.tag == "文字" and _text(child):  # a 說明 of one paragraph: an item with no number
                self.letter.items.append(Point("", _text(child), child.sourceline or 1))
            elif isinstance(child.tag, str):
                self.unplace(child)

    def point(self, element: etree._Element) -> Point:
        words = "".join(_text(child) for child in element if child.tag == "文字")
        items = [self.point(child) for child in element if child.tag == "條列"]
        self.rest(element, ("文字", "條列"))
        return Point((element.get("序號") or "").strip(), words, element.sourceline or 1, items)

    def recipients(self, element: etree._Element) -> None:
        self.mark("recipients", element)
        self.letter.recipients += [_text(child) for child in element if child.tag in NAMES and _text(child)]
        self.rest(element, (*NAMES, *CODES))

    def copies(self, element: etree._Element) -> None:
        self.mark("copies", element)
        self.letter.copies += [_text(child) for child in element if child.tag in NAMES and _text(child)]
        for flag in element.iter("含附件"):
            if "含附件" in _text(flag) and not _text(flag).startswith("不"):
                self.letter.copies_with_attachments = True
        self.rest(element, (*NAMES, *CODES, "含附件"))

    def signature(self, element: etree._Element) -> None:
        self.unplace(element)  # the letter keeps no signature; one written is shown, not lost


READERS: dict[str, Callable[[_Reader, etree._Element], None]] = {
    "發文機關": _Reader.sender,
    "函類別": _Reader.kind,
    "地址": _Reader.address,
    "聯絡方式": _Reader.contact,
    "受文者": _Reader.addressee,
    "發文日期": _Reader.date,
    "發文字號": _Reader.reference,
    "速別": _Reader.priority,
    "密等及解密條件或保密期限": _Reader.classification,
    "附件": _Reader.attachments,
    "主旨": _Reader.subject,
    "段落": _Reader.paragraph,
    "正本": _Reader.recipients,
    "副本": _Reader.copies,
    "署名": _Reader.signature,
}


def reference(word: str, year: str, serial: str, branch: str) -> str | None:
    """The 發文字號 as a letter prints it: 屏府教管字 + 第 + 114 + 5124742 + 支號 + 號."""
    if not (year or serial or branch):
        return word or None  # no number yet (a draft): the 字 alone
    return f"{word}第{year}{serial}{branch}號"


def reference_parts(value: str | None, day: dt.date | None) -> tuple[str, str, str, str]:
    """屏府教管字第1145124742號 as its 字, 年度, 流水號 and 支號; one that is not so, as its 字."""
    match = REFERENCE.match(value or "")
    if not match or match["word"].endswith("第"):
        return value or "", "", "", ""
    number = match["number"]
    roc_year = str(day.year - 1911) if day else ""
    if roc_year and number.startswith(roc_year) and len(number) > len(roc_year):
        cut = len(roc_year)
    else:
        cut = 3 if len(number) >= 10 else 2 if len(number) >= 9 else 0
    return match["word"], number[:cut], number[cut:], match["branch"]


# --- writing ---------------------------------------------------------------------------------


def write_di(letter: Letter, *, draft: bool = False) -> bytes:
    """The DI file of ``letter``; ``draft`` marks it, in a comment, as a draft not sent.

    A field that is None is written empty, for the document system to fill (發文日期, 發文字號).
    Raises ValueError for attachments no DI file can name (see `file_name_problem`).
    """
    _, files = _attachments(letter)  # checked before a line is written
    root = etree.Element("函")
    if draft:
        root.append(etree.Comment(DRAFT_NOTE))
    for tag in ORDER:
        WRITERS[tag](root, letter)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype=_doctype(files), pretty_print=True)


def _attachments(letter: Letter) -> tuple[str, list[str]]:
    """The letter's one 附件 label and its attachments' files, each a file name a DOCTYPE can hold."""
    labels = {attached.label for attached in letter.attachments}
    if len(labels) > 1:
        raise ValueError(f"attachments with different labels {sorted(labels)} do not fit one 附件 field")
    files = [attached.file for attached in letter.attachments if attached.file]
    if files and len(files) != len(letter.attachments):
        raise ValueError("an attachment with no file among attachments with files")
    for file in files:
        problem = file_name_problem(file)
        if problem:
            raise ValueError(f"the attachment file {file!r} {problem}")
    return (labels.pop() if labels else ""), files


def _doctype(files: list[str]) -> str:
    """The DOCTYPE, its internal subset declaring each file: built from checked file names only."""
    for file in files:
        if file_name_problem(file):
            raise ValueError(f"the attachment file {file!r} cannot be written in a DOCTYPE")
    lines = [
        f'<!ENTITY {ENTITY_PREFIX}{number} SYSTEM "{file}" NDATA {NOTATION}>' for number, file in enumerate(files, 1)
    ]
    lines.append(f'<!NOTATION {NOTATION} SYSTEM "">')
    return f'<!DOCTYPE 函 SYSTEM "{DTD}" [\n' + "\n".join(lines) + "\n]>"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def _write_sender(root: etree._Element, letter: Letter) -> None:
    sender = _sub(root, "發文機關")
    _sub(sender, "全銜", letter.sender)
    _sub(sender, "機關代碼")


def _write_kind(root: etree._Element, letter: Letter) -> None:
    _sub(root, "函類別", 代碼=letter.kind)


def _write_address(root: etree._Element, letter: Letter) -> None:
    _sub(root, "地址", letter.address)


def _write_contacts(root: etree._Element, letter: Letter) -> None:
    lines = [
        f"{label}：{value}"
        for label, value in (("承辦人", letter.contact_name), ("電話", letter.phone), ("電子信箱", letter.email))
        if value is not None
    ]
    for line in lines or [""]:
        _sub(root, "聯絡方式", line)


def _write_addressee(root: etree._Element, letter: Letter) -> None:
    addressee = _sub(root, "受文者")
    if letter.addressee:
        _sub(addressee, "全銜", letter.addressee)


def _write_date(root: etree._Element, letter: Letter) -> None:
    _sub(_sub(root, "發文日期"), "年月日", dates.letter_date(letter.date, "zh-tw") if letter.date else None)


def _write_reference(root: etree._Element, letter: Letter) -> None:
    word, year, serial, branch = reference_parts(letter.reference, letter.date)
    element = _sub(root, "發文字號")
    _sub(element, "字", word)
    number = _sub(element, "文號")
    _sub(number, "年度", year)
    _sub(number, "流水號", serial)
    _sub(number, "支號", branch)


def _write_priority(root: etree._Element, letter: Letter) -> None:
    if letter.priority:
        _sub(root, "速別", 代碼=letter.priority)
    else:
        _sub(root, "速別")


def _write_classification(root: etree._Element, letter: Letter) -> None:
    level, _, condition = (letter.classification or "").partition("，")
    if not (level and condition):
        level, condition = letter.classification or "", ""
    element = _sub(root, "密等及解密條件或保密期限")
    _sub(element, "密等", level)
    _sub(element, "解密條件或保密期限", condition)


def _write_attachments(root: etree._Element, letter: Letter) -> None:
    label, files = _attachments(letter)
    element = _sub(root, "附件")
    _sub(element, "文字", label)
    if files:
        _sub(element, "附件檔名", 附件名=" ".join(f"{ENTITY_PREFIX}{number}" for number in range(1, len(files) + 1)))


def _write_subject(root: etree._Element, letter: Letter) -> None:
    _sub(_sub(root, "主旨"), "文字", letter.subject)


def _write_items(root: etree._Element, letter: Letter) -> None:
    if not letter.items:
        return
    details = _sub(root, "段落", 段名=DETAILS)
    _sub(details, "文字")
    for point in letter.items:
        _write_point(details, point)


def _write_point(parent: etree._Element, point: Point) -> None:
    element = _sub(parent, "條列", 序號=point.marker)
    _sub(element, "文字", point.text)
    for item in point.items:
        _write_point(element, item)


def _write_recipients(root: etree._Element, letter: Letter) -> None:
    element = _sub(root, "正本")
    for recipient in letter.recipients:
        _sub(element, "全銜", recipient)


def _write_copies(root: etree._Element, letter: Letter) -> None:
    element = _sub(root, "副本")
    for copy in letter.copies:
        _sub(element, "全銜", copy)
    if letter.copies_with_attachments:
        _sub(element, "含附件", "含附件")


def _write_signature(root: etree._Element, letter: Letter) -> None:
    _sub(root, "署名")


WRITERS: dict[str, Callable[[etree._Element, Letter], None]] = {
    "發文機關": _write_sender,
    "函類別": _write_kind,
    "地址": _write_address,
    "聯絡方式": _write_contacts,
    "受文者": _write_addressee,
    "發文日期": _write_date,
    "發文字號": _write_reference,
    "速別": _write_priority,
    "密等及解密條件或保密期限": _write_classification,
    "附件": _write_attachments,
    "主旨": _write_subject,
    "段落": _write_items,
    "正本": _write_recipients,
    "副本": _write_copies,
    "署名": _write_signature,
}

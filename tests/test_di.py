"""The DI file of an official letter (k12site/di.py): read as its text reads, written back, never trusted.

The seed's Pingtung letter and a second letter of another shape (a 書函 with no attachment) are
each held twice in tests/sources/, as the text of its PDF and as its DI file: both readers must
give the same letter. A DI file comes from outside: each hostile one ends in one located problem,
with nothing read from the files or addresses it names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree

from k12site import di
from k12site.letter import MAX_BYTES, Attached, Letter, LetterError, Point, read_text
from k12site.letterimport import read_letter

SOURCES = Path(__file__).parent / "sources"
LETTERS = ["pingtung-1145124742", "second-letter"]
FIELDS = [f.name for f in dataclasses.fields(Letter) if f.name not in ("lines", "unplaced")]


def text_of(stem: str) -> Letter:
    return read_text((SOURCES / f"{stem}.txt").read_text(encoding="utf-8"), f"{stem}.txt")


def di_of(stem: str) -> Letter:
    return di.read_di((SOURCES / f"{stem}.di").read_bytes(), f"{stem}.di")


def points(items: list[Point]) -> list[tuple[str, str, list]]:
    """The items as written, without the lines they came from (which differ between the two forms)."""
    return [(p.marker, p.text, points(p.items)) for p in items]


def fields(letter: Letter) -> dict[str, object]:
    """Every field of the letter but its line numbers and what was unplaced."""
    found = {name: getattr(letter, name) for name in FIELDS}
    found["items"] = points(letter.items)
    return found


def problem(error: pytest.ExceptionInfo[LetterError]) -> tuple[int, str]:
    (only,) = error.value.problems
    return only.line, only.message


def line_of(document: str, needle: str) -> int:
    return document[: document.index(needle)].count("\n") + 1


# --- the two forms of one letter ---------------------------------------------------------------


@pytest.mark.parametrize("stem", LETTERS)
def test_the_di_file_reads_to_the_letter_its_text_reads_to(stem: str) -> None:
    from_text, from_di = text_of(stem), di_of(stem)
    for name in FIELDS:
        assert fields(from_di)[name] == fields(from_text)[name], name
    assert from_text.unplaced == [] and from_di.unplaced == []
    assert from_di.lines.keys() == from_text.lines.keys()


def test_the_pingtung_di_file_holds_every_field() -> None:
    letter = di_of("pingtung-1145124742")
    assert (letter.kind, letter.sender, letter.date) == ("函", "屏東縣政府", dt.date(2025, 7, 21))
    assert letter.reference == "屏府教管字第1145124742號"
    assert (letter.contact_name, letter.phone, letter.email) == ("李宛璇", "08-7320415#3613", "a002664@oa.pthg.gov.tw")
    assert letter.attachments == [Attached("如說明九", "376530000A114512474200-1.pdf")]
    assert letter.classification is None and letter.priority == "普通件"
    assert [p.marker for p in letter.items] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
    assert letter.copies == ["本府教育處特殊及學前教育科", "本府教育處學務管理科"]
    assert not letter.copies_with_attachments
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    assert letter.lines["subject"] == line_of(source, "<主旨>")
    assert letter.items[3].items[0].line == line_of(source, '<條列 序號="(一)">')


def test_the_second_letter_is_of_another_shape() -> None:
    letter = di_of("second-letter")
    assert (letter.kind, letter.sender, letter.attachments) == ("書函", "臺東縣政府", [])
    assert letter.copies == ["本府教育處學務管理科"] and letter.copies_with_attachments
    first = letter.items[0]
    assert [p.marker for p in first.items] == ["(一)", "(二)"]
    assert [p.marker for p in first.items[0].items] == ["1、", "2、"]
    # a 文字 laid out over indented lines is one text, its lines joined without a space
    assert letter.items[1].text.startswith("請各校依校內業務分工") and "資訊網報名；" in letter.items[1].text
    assert letter.subject is not None and letter.subject.endswith("一案，請查照。")


def test_the_text_reader_reads_the_pingtung_letter() -> None:
    letter = text_of("pingtung-1145124742")
    assert letter.subject is not None and letter.subject.startswith("有關教育部國民及學前教育署辦理114學年度")
    assert letter.date == dt.date(2025, 7, 21)
    assert letter.reference == "屏府教管字第1145124742號"
    assert len(letter.items) == 9
    fourth = letter.items[3]
    assert fourth.marker == "四、" and [p.marker for p in fourth.items] == ["(一)", "(二)", "(三)"]
    assert [p.text for p in fourth.items[0].items] == [
        "114年8月12日(二)全天人力網。",
        "114年8月19日(二)全天學生網。",
        "114年8月22日(五)上午人力網經費系統。",
    ]
    assert letter.lines["subject"] == 18


def test_a_text_with_no_subject_is_refused() -> None:
    text = (SOURCES / "pingtung-1145124742.txt").read_text(encoding="utf-8").replace("主旨：", "旨意：")
    with pytest.raises(LetterError) as error:
        read_text(text, "letter.txt")
    assert "主旨" in problem(error)[1]


def test_a_file_is_told_a_di_file_by_its_content_never_its_name(tmp_path: Path) -> None:
    raw = (SOURCES / "pingtung-1145124742.di").read_bytes()
    assert di.is_di(raw) and di.is_di(b"\xef\xbb\xbf \n" + raw)
    assert di.is_di(b"<!DOCTYPE \xe5\x87\xbd>") and di.is_di("\n  <函/>".encode())
    assert not di.is_di((SOURCES / "pingtung-1145124742.txt").read_bytes())
    assert not di.is_di(b"<1> is not a tag") and not di.is_di(b"")
    renamed = tmp_path / "letter.txt"
    renamed.write_bytes(raw)
    assert fields(read_letter(renamed, "letter.txt")) == fields(di_of("pingtung-1145124742"))
    as_di = tmp_path / "letter.di"
    as_di.write_bytes((SOURCES / "second-letter.txt").read_bytes())
    assert fields(read_letter(as_di, "letter.di")) == fields(text_of("second-letter"))


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("read", [text_of, di_of], ids=["from-text", "from-di"])
@pytest.mark.parametrize("stem", LETTERS)
def test_a_written_di_file_reads_back_to_the_same_letter(stem: str, read: Callable[[str], Letter]) -> None:
    letter = read(stem)
    for draft in (False, True):
        back = di.read_di(di.write_di(letter, draft=draft), "written.di")
        assert fields(back) == fields(letter)
        assert back.unplaced == []


def test_a_letter_without_date_or_number_is_written_with_them_empty() -> None:
    letter = Letter(kind="書函", sender="臺東縣政府", subject="請查照。", items=[Point("一、", "依據辦理。", 1)])
    written = di.write_di(letter)
    root = etree.fromstring(written)
    assert root.find("發文日期/年月日").text is None and root.find("發文字號/字").text is None
    assert fields(di.read_di(written, "draft.di")) == fields(letter)


def test_a_written_di_file_keeps_the_formats_order_and_declares_its_attachments() -> None:
    letter = text_of("pingtung-1145124742")
    letter.attachments.append(Attached("如說明九", "流程說明.odt"))
    written = di.write_di(letter)
    assert written.startswith(b"<?xml") and b'<!DOCTYPE \xe5\x87\xbd SYSTEM "104_2_utf8.dtd" [' in written
    root = etree.fromstring(written, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    tags = [child.tag for child in root]
    assert len(set(tags) - set(di.ORDER)) == 0
    assert [di.ORDER.index(tag) for tag in tags] == sorted(di.ORDER.index(tag) for tag in tags)
    entities = {e.name: e.system_url for e in root.getroottree().docinfo.internalDTD.iterentities()}
    assert entities == {"ATTCH1": "376530000A114512474200-1.pdf", "ATTCH2": "流程說明.odt"}
    assert root.find("附件/附件檔名").get("附件名") == "ATTCH1 ATTCH2"
    assert di.read_di(written, "written.di").attachments == letter.attachments


def test_a_draft_says_so_in_a_comment_right_after_the_roots_start() -> None:
    letter = di_of("second-letter")
    comments = etree.XMLParser(remove_comments=False, resolve_entities=False, load_dtd=False, no_network=True)
    draft = etree.fromstring(di.write_di(letter, draft=True), comments)
    assert isinstance(draft[0], etree._Comment) and "草稿" in draft[0].text
    sent = etree.fromstring(di.write_di(letter), comments)
    assert not any(isinstance(node, etree._Comment) for node in sent.iter())


@pytest.mark.parametrize("file", ['a".pdf', "a<b.pdf", "a>b.pdf", "a&b.pdf", "a%b.pdf", "a].pdf", "../a.pdf", ""])
def test_an_attachment_no_doctype_can_name_is_refused(file: str) -> None:
    letter = Letter(subject="請查照。", attachments=[Attached("如文", "ok.pdf"), Attached("如文", file)])
    with pytest.raises(ValueError):
        di.write_di(letter)


# --- what the reader cannot place ---------------------------------------------------------------


def test_what_the_reader_cannot_place_is_unplaced_with_its_path() -> None:
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    source = source.replace("<聯絡方式>電話", "<聯絡方式>傳真：08-7320000</聯絡方式>\n  <聯絡方式>電話", 1)
    source = source.replace("  <正本>", '  <段落 段名="辦法：">\n    <文字>請依限辦理。</文字>\n  </段落>\n  <正本>', 1)
    source = source.replace("  <署名/>", "  <蓋章>縣長</蓋章>\n  <地址>另一個地址</地址>\n  <署名/>", 1)
    letter = di.read_di(source.encode(), "letter.di")
    assert [(u.line, u.where, u.text) for u in letter.unplaced] == [
        (line_of(source, "<聯絡方式>傳真"), "/函/聯絡方式[2]", "傳真：08-7320000"),
        (line_of(source, '<段落 段名="辦法：">'), '<段落 段名="辦法：">', "請依限辦理。"),
        (line_of(source, "<蓋章>"), "/函/蓋章", "縣長"),
        (line_of(source, "<地址>另一個"), "/函/地址[2]", "另一個地址"),
    ]
    assert fields(letter) == fields(di_of("pingtung-1145124742"))


# --- hostile files ------------------------------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
BODY = '<函>\n  <函類別 代碼="函"/>\n  <主旨><文字>{subject}</文字></主旨>\n</函>\n'


def hostile(subset: str = "", subject: str = "請查照。", doctype: str = "<!DOCTYPE 函") -> str:
    dtd = f"{doctype} [\n{subset}]>\n" if subset else f"{doctype}>\n"
    return HEAD + dtd + BODY.format(subject=subject)


def refused(document: str | bytes) -> tuple[int, str]:
    raw = document.encode() if isinstance(document, str) else document
    with pytest.raises(LetterError) as error:
        di.read_di(raw, "evil.di")
    return problem(error)


@contextmanager
def listening() -> Iterator[tuple[int, socket.socket]]:
    """A port on this machine that no one serves: whether anything connected is asked after."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    try:
        yield server.getsockname()[1], server
    finally:
        server.close()


def connected(server: socket.socket) -> bool:
    server.setblocking(False)
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


def test_an_external_entity_is_refused_and_never_read() -> None:
    document = hostile('<!ENTITY x SYSTEM "file:///etc/passwd">\n', subject="&x;")
    line, message = refused(document)
    assert line == line_of(document, "<!ENTITY x")
    assert "external entity x" in message and "root:" not in message


@contextmanager
def watched(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A named pipe and whether anything opened it: a reader that opens it waits for its writer,
    so a thread that tries, all the time, to open it for writing sees every reader."""
    pipe = tmp_path / "secret.fifo"
    os.mkfifo(pipe)
    opened: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:  # ENXIO: no reader has it open
                    opened.append(f"the watcher failed: {exc}")
                    return
                time.sleep(0.001)
                continue
            opened.append("opened")  # before the reader can read to the end: it reads until we close
            os.write(fd, b"SECRET-WORDS")
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield pipe, opened
    finally:
        stop.set()
        thread.join(5)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
@pytest.mark.parametrize("kind", ["general", "parameter"])
def test_an_external_entity_of_a_local_file_is_never_opened(tmp_path: Path, kind: str) -> None:
    with watched(tmp_path) as (pipe, opened):
        if kind == "general":
            document = hostile(f'<!ENTITY x SYSTEM "{pipe.as_uri()}">\n', subject="前&x;後")
        else:
            document = hostile(f'<!ENTITY % x SYSTEM "{pipe.as_uri()}">\n%x;\n', subject="&leak;")
        with pytest.raises(LetterError) as error:
            di.read_di(document.encode(), "evil.di")
    assert opened == []
    assert problem(error)[0] == 3 and "SECRET-WORDS" not in str(error.value)


def test_an_external_entity_on_the_network_is_never_fetched() -> None:
    with listening() as (port, server):
        document = hostile(f'<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">\n', subject="&x;")
        assert refused(document)[0] == 3
        assert not connected(server)


def test_an_entity_expansion_bomb_is_refused() -> None:
    levels = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 11))
    document = hostile('<!ENTITY lol0 "lol">\n' + levels, subject="&lol10;")
    line, message = refused(document)
    assert line == line_of(document, "<!ENTITY lol0")
    assert "entity lol0" in message and "lol" * 10 not in message


def test_a_single_text_entity_is_refused_too() -> None:
    line, message = refused(hostile('<!ENTITY name "屏東縣政府">\n', subject="&name;"))
    assert line == 3 and "text entity name" in message


def test_a_remote_dtd_is_refused_and_never_fetched() -> None:
    with listening() as (port, server):
        document = hostile(doctype=f'<!DOCTYPE 函 SYSTEM "http://127.0.0.1:{port}/104_2_utf8.dtd"')
        line, message = refused(document)
        assert line == 2 and "remote DTD" in message
        assert not connected(server)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE 函 SYSTEM "https://example.gov.tw/104_2_utf8.dtd"',
        '<!DOCTYPE 函 PUBLIC "-//NAA//DTD letter//ZH" "file:///etc/104_2_utf8.dtd"',
        '<!DOCTYPE 函 SYSTEM "ftp://example.gov.tw/104_2_utf8.dtd"',
    ],
)
def test_a_dtd_named_by_any_url_is_refused(doctype: str) -> None:
    line, message = refused(hostile(doctype=doctype))
    assert line == 2 and "remote DTD" in message


def test_a_file_over_the_bound_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.di"
    big.write_bytes(HEAD.encode() + b"<\xe5\x87\xbd>" + b" " * (10 * 1024 * 1024) + b"</\xe5\x87\xbd>")
    with pytest.raises(LetterError) as error:
        read_letter(big, "big.di")
    assert problem(error)[0] == 1 and f"{MAX_BYTES:,} bytes" in problem(error)[1]
    line, message = refused(big.read_bytes())
    assert line == 1 and "bytes" in message


def test_a_root_that_is_not_a_letter_is_refused() -> None:
    document = HEAD + "\n<html>\n  <body><p>主旨</p></body>\n</html>\n"
    line, message = refused(document)
    assert line == 3 and "<html>" in message


def test_a_di_file_with_no_subject_is_refused() -> None:
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    without = re.sub(r"  <主旨>.*?</主旨>\n", "", source, flags=re.S)
    assert "<主旨>" not in without
    line, message = refused(without)
    assert line == line_of(without, "<函>") and "主旨" in message


def test_malformed_xml_is_refused_at_its_line() -> None:
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    broken = source.replace("<地址>900219屏東縣屏東市自由路527號</地址>", "<地址>900219屏東縣屏東市自由路527號</住址>")
    line, message = refused(broken)
    assert line == line_of(broken, "</住址>") and "not well-formed XML" in message


def test_an_attachment_no_entity_declares_is_refused() -> None:
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    broken = source.replace('附件名="ATTCH1"', '附件名="ATTCH1 ATTCH2"')
    line, message = refused(broken)
    assert line == line_of(broken, "<附件檔名") and "ATTCH2" in message


@pytest.mark.parametrize("file", ["../../etc/passwd", "/etc/passwd", "http://example.gov.tw/a.pdf"])
def test_an_attachment_named_by_a_path_or_url_is_refused(file: str) -> None:
    source = (SOURCES / "pingtung-1145124742.di").read_text(encoding="utf-8")
    broken = source.replace("376530000A114512474200-1.pdf", file)
    line, message = refused(broken)
    assert line == 3 and file in message

"""A seeded generator of hostile inputs for the seeds folder: damaged and malicious .docx, PDF and
.xlsx files, zip and stream bombs, XML entity tricks, stray bytes and odd encodings, and names
and links meant to mislead. Each comes with what the build must make of it.

    inputs = hostile_inputs(seed=16)       # the same files for the same seed
    write_inputs(project / "seeds", inputs)

The bombs are sized against LOW_LIMITS, which the tests write into tracker.toml. The files are the
same bytes on every run: zip parts get a fixed date, and PDFs are made in reportlab's invariant mode.
"""

from __future__ import annotations

import io
import os
import random
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.helpers.documents import fixture_docx as _fixture_docx
from tests.helpers.documents import fixture_pdf as _fixture_pdf

# [limits] for the tests: small, so bombs of a few megabytes are over them.
LOW_LIMITS = {"max_file_mb": 2, "max_unpacked_mb": 8, "max_ratio": 50, "max_parts": 200}
MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    """One hostile input. `name` is its path under seeds/ as bytes (names need not be UTF-8);
    `listed` how documents.json lists it; `expect` is "skipped" (a problem), "ignored" (listed,
    not a problem) or "read"; `says` is in the reason (skipped, ignored) or in a build warning
    (read); `unit` a unit whose record a read file must give."""

    name: bytes
    kind: str
    expect: str
    says: str = ""
    data: bytes | None = None
    link: str | None = None       # a symbolic link to this, instead of a file
    fifo: bool = False
    listed: str | None = None
    unit: str | None = None

    @property
    def shown(self) -> str:
        return self.listed if self.listed is not None else self.name.decode("utf-8")


def policy_text(number: int, unit: str = "白银高新区") -> str:
    """A short policy text of our own whose figure names `number`, so each copy is distinct."""
    return (f"{unit}2024年工作要点\n今年，{unit}将力争高新技术企业总量达到{100 + number}家，"
            f"技术合同成交额超过{number % 9 + 1}亿元。\n")


BIG5_TEXT = "白銀高新區2024年工作要點\n今年，白銀高新區將力爭高新技術企業總量達到150家，技術合同成交額超過6億元。\n"
# Big5-HKSCS adds Hong Kong characters (嘅, 㗎) to Big5.
HKSCS_TEXT = "蘭州新區2024年工作要點（嘅）\n今年，蘭州新區將力爭高新技術企業總量達到160家，技術合同成交額超過7億元。\n"


def write_inputs(seeds: Path, inputs: list[Hostile]) -> None:
    for item in inputs:
        path = Path(os.fsdecode(os.path.join(os.fsencode(seeds), item.name)))
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.link is not None:
            os.symlink(item.link, path)
        elif item.fifo:
            os.mkfifo(path)
        else:
            assert item.data is not None, item.kind
            path.write_bytes(item.data)


def hostile_inputs(seed: int = 16) -> list[Hostile]:
    rng = random.Random(seed)
    inputs = [*_damaged_docx(rng), *_bombs(), *_xml_tricks(), *_damaged_pdf(rng), *_damaged_xlsx(rng),
              *_text(rng), *_names(), *_links()]
    assert len({item.name for item in inputs}) == len(inputs)
    return inputs


# --- .docx ---------------------------------------------------------------------------------------

DAMAGED_DOCX = "a damaged .docx file ("


ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def fixture_docx() -> bytes:
    """The shared fixture .docx, with the same bytes every time."""
    return rezip(members(_fixture_docx()))


def fixture_pdf() -> bytes:
    """The shared fixture PDF, with the same bytes every time."""
    from reportlab import rl_config

    before, rl_config.invariant = rl_config.invariant, 1
    try:
        return _fixture_pdf()
    finally:
        rl_config.invariant = before


def members(docx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def rezip(parts: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts:
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, compress_type=method)
    return buffer.getvalue()


def replaced(docx: bytes, part: str, data: bytes | None) -> bytes:
    """`docx` with `part` replaced by `data` (left out for None, added when missing)."""
    parts = [(name, old) for name, old in members(docx) if name != part]
    return rezip(parts + ([(part, data)] if data is not None else []))


def patched_central(docx: bytes, part: str, **fields: int) -> bytes:
    """`docx` with fields of `part`'s central directory entry overwritten (what zipfile trusts)."""
    offsets = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"), "packed": (20, "<I"),
               "size": (24, "<I")}
    data = bytearray(docx)
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length].decode() == part:
            break
        at += 4
    for name, value in fields.items():
        offset, fmt = offsets[name]
        struct.pack_into(fmt, data, at + offset, value)
    return bytes(data)


def _document_xml(docx: bytes) -> bytes:
    return dict(members(docx))["word/document.xml"]


def _damaged_docx(rng: random.Random) -> list[Hostile]:
    docx = fixture_docx()
    central = docx.rindex(b"PK\x01\x02")
    found = []
    for number, cut in enumerate(sorted(rng.sample(range(30, central), 8))):
        found.append(Hostile(f"docx/truncated-{number}.docx".encode(), "docx: truncated", "skipped",
                             DAMAGED_DOCX + "its zip structure is broken", docx[:cut]))
    start = docx.index(b"word/document.xml") + len("word/document.xml")
    packed = zipfile.ZipFile(io.BytesIO(docx)).getinfo("word/document.xml").compress_size
    for number in range(8):
        garbled = bytearray(docx)
        at = start + rng.randrange(packed // 2)
        garbled[at:at + 16] = rng.randbytes(16)
        found.append(Hostile(f"docx/garbled-{number}.docx".encode(), "docx: compressed data garbled (zlib, CRC)",
                             "skipped", DAMAGED_DOCX + "its compressed data is damaged: Error -3", bytes(garbled)))
    eocd = docx.rindex(b"PK\x05\x06")
    found += [
        Hostile(b"docx/no-directory.docx", "docx: end of central directory destroyed", "skipped",
                DAMAGED_DOCX + "its zip structure is broken", docx[:eocd] + b"XX\x05\x06" + docx[eocd + 4:]),
        Hostile(b"docx/bad-crc.docx", "docx: wrong CRC", "skipped", "Bad CRC-32",
                patched_central(docx, "word/document.xml", crc=0)),
        Hostile(b"docx/method-99.docx", "docx: unknown compression method (NotImplementedError)", "skipped",
                "a .docx packed with AES encryption (a password) (word/document.xml), which Word never uses", patched_central(docx, "word/document.xml", method=99)),
        Hostile(b"docx/bzip2.docx", "docx: bzip2 parts", "skipped", "a .docx packed with bzip2 ([Content_Types].xml), which Word never uses",
                rezip(members(docx), zipfile.ZIP_BZIP2)),
        Hostile(b"docx/lzma.docx", "docx: LZMA parts", "skipped", "a .docx packed with LZMA ([Content_Types].xml), which Word never uses",
                rezip(members(docx), zipfile.ZIP_LZMA)),
        Hostile(b"docx/encrypted-flag.docx", "docx: zip encryption flag", "skipped", "a password-protected (encrypted) zip",
                patched_central(docx, "word/document.xml", flags=1)),
        Hostile(b"docx/password.docx", "docx: a password-protected Office file (OLE with EncryptedPackage)", "skipped",
                "a password-protected Office file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200)
                + "EncryptedPackage".encode("utf-16-le") + bytes(300)),
        Hostile(b"docx/half-xml.docx", "docx: document.xml cut in the middle (XMLSyntaxError)", "skipped",
                DAMAGED_DOCX + "word/document.xml is not well-formed XML: unclosed token",
                replaced(docx, "word/document.xml", _document_xml(docx)[:700])),
        Hostile(b"docx/empty-xml.docx", "docx: empty document.xml", "skipped",
                DAMAGED_DOCX + "word/document.xml is not well-formed XML", replaced(docx, "word/document.xml", b"")),
        Hostile(b"docx/not-xml.docx", "docx: document.xml is not XML", "skipped",
                DAMAGED_DOCX + "word/document.xml is not well-formed XML", replaced(docx, "word/document.xml", rng.randbytes(500))),
        Hostile(b"docx/bad-content-types.docx", "docx: malformed [Content_Types].xml", "skipped",
                DAMAGED_DOCX + "its XML is not well-formed",
                replaced(docx, "[Content_Types].xml", b"<?xml version='1.0'?><Types><Default")),
        Hostile(b"docx/no-content-types.docx", "docx: [Content_Types].xml missing (KeyError)", "skipped",
                DAMAGED_DOCX, replaced(docx, "[Content_Types].xml", None)),
        Hostile(b"docx/no-rels.docx", "docx: _rels/.rels missing", "skipped", DAMAGED_DOCX,
                replaced(docx, "_rels/.rels", None)),
        Hostile(b"docx/wrong-root.docx", "docx: document.xml of another vocabulary (AttributeError)", "skipped",
                DAMAGED_DOCX, replaced(docx, "word/document.xml", "<?xml version='1.0'?><root><p>300家</p></root>".encode())),
        Hostile(b"docx/deep.docx", "docx: elements nested 100000 deep", "skipped", DAMAGED_DOCX,
                replaced(docx, "word/document.xml", b"<a>" * 100000 + b"</a>" * 100000)),
        Hostile(b"docx/no-document.docx", "docx: a zip without word/document.xml", "skipped",
                "a zip archive, not a document", replaced(docx, "word/document.xml", None)),
        Hostile(b"docx/just-magic.docx", "docx: nothing after the zip signature", "skipped",
                DAMAGED_DOCX + "its zip structure is broken", b"PK\x03\x04"),
        Hostile(b"docx/word.doc", "an old .doc (OLE)", "skipped", "an old Office file (.doc/.xls/.wps)",
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
    ]
    return found


BOMB = 400 * MB  # what the bombs unpack to: far past any limit, and enough to exhaust memory if unpacked


def _deflated_spaces(size: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """`head`, `size` spaces and `tail`, deflated a megabyte at a time (never all in memory)."""
    packer = zlib.compressobj(9)
    chunks = [packer.compress(head)]
    block = b" " * MB
    for _ in range(size // MB):
        chunks.append(packer.compress(block))
    chunks += [packer.compress(tail), packer.flush()]
    return b"".join(chunks)


def _bomb_docx(size: int) -> bytes:
    """The fixture .docx whose document.xml is one text run of `size` spaces: a zip bomb."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
            b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members(fixture_docx()):
            if name != "word/document.xml":
                archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("word/document.xml", ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(head)
            block = b" " * MB
            for _ in range(size // MB):
                part.write(block)
            part.write(tail)
    return buffer.getvalue()


def _bombs() -> list[Hostile]:
    docx = fixture_docx()
    many = members(docx) + [(f"word/media/part{i}.bin", b"") for i in range(LOW_LIMITS["max_parts"] + 1)]
    return [
        Hostile(b"bombs/document-xml-400mb.docx", "zip bomb: document.xml unpacks to 400 MB", "skipped",
                "a .docx whose parts unpack to 400", _bomb_docx(BOMB)),
        Hostile(b"bombs/ratio.docx", "zip bomb: one part compressed past max_ratio", "skipped",
                "a .docx whose part word/media/image1.png unpacks", replaced(docx, "word/media/image1.png", bytes(3 * MB))),
        Hostile(b"bombs/declared-4gb.docx", "zip bomb: a part declared 4 GB", "skipped", "a .docx whose parts unpack to",
                patched_central(docx, "word/document.xml", size=0xFFFFFFF0)),
        Hostile(b"bombs/many-parts.docx", "zip bomb: more parts than max_parts", "skipped",
                f"a zip file of {len(many)} parts, more than the {LOW_LIMITS['max_parts']} allowed", rezip(many)),
        Hostile(b"bombs/pdf-stream.pdf", "PDF bomb: a page's content stream unpacks to 400 MB", "skipped",
                "a PDF whose compressed streams unpack to more than 8 MB",
                _pdf_with_stream(b"", packed=_deflated_spaces(BOMB, b"BT /F1 12 Tf 50 800 Td ("))),
        Hostile(b"bombs/pdf-ratio.pdf", "PDF bomb: a stream compressed past max_ratio", "skipped",
                "a PDF with a stream that unpacks", _pdf_with_stream(bytes(3 * MB))),
        Hostile(b"bombs/large.txt", "a text file over max_file_mb", "skipped",
                "too large to read (2.5 MB; the limit is 2 MB, max_file_mb in tracker.toml [limits])",
                policy_text(1).encode() * (int(2.5 * MB) // len(policy_text(1).encode()))),
    ]


def _xml_tricks() -> list[Hostile]:
    docx = fixture_docx()
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i else b"&lol;") * 10) for i in range(10))
              + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
              b"<w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document '
           b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;'
           b"</w:t></w:r></w:p></w:body></w:document>")
    utf16 = xxe.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    says = "declares XML entities (a DTD), which Word never writes"
    return [
        Hostile(b"xml/billion-laughs.docx", "billion laughs in document.xml", "skipped",
                "word/document.xml " + says, replaced(docx, "word/document.xml", laughs)),
        Hostile(b"xml/xxe.docx", "XXE in document.xml", "skipped", "word/document.xml " + says,
                replaced(docx, "word/document.xml", xxe)),
        Hostile(b"xml/xxe-utf16.docx", "XXE in a UTF-16 document.xml", "skipped", "word/document.xml " + says,
                replaced(docx, "word/document.xml", utf16)),
        Hostile(b"xml/xxe-content-types.docx", "XXE in [Content_Types].xml", "skipped", "[Content_Types].xml " + says,
                replaced(docx, "[Content_Types].xml", xxe.replace(b"w:document", b"Types"))),
        Hostile(b"xml/laughs-core.docx", "billion laughs in docProps/core.xml", "skipped", "docProps/core.xml " + says,
                replaced(docx, "docProps/core.xml", laughs)),
        Hostile(b"xml/xxe.xhtml", "XXE in an XHTML page: read, the entity never expanded", "read", "",
                b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>'
                + policy_text(2).encode() + b"&xxe;</p></body></html>", unit="白银高新区"),
        Hostile(b"xml/laughs.html", "billion laughs in an HTML page: read, never expanded", "read", "",
                laughs.replace(b"w:document", b"html").replace(b"&lol9;", policy_text(3).encode() + b"&lol9;"),
                unit="白银高新区"),
    ]


# --- PDF -----------------------------------------------------------------------------------------

DAMAGED_PDF = "a damaged PDF file ("


def _pdf_with_stream(content: bytes, packed: bytes | None = None) -> bytes:
    """The fixture PDF whose page shows a deflated content stream of `content` (or the `packed`
    bytes as they are) instead of its own."""
    pdf = fixture_pdf()
    packed = zlib.compress(content, 9) if packed is None else packed
    extra = b"99 0 obj\n<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(packed), packed)
    at = pdf.index(b"xref")
    page = pdf[:at].replace(b"/Contents 8 0 R", b"/Contents 99 0 R")
    return page + extra + pdf[at:]


def _damaged_pdf(rng: random.Random) -> list[Hostile]:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pdf = fixture_pdf()
    found = [Hostile(f"pdf/truncated-{cut}.pdf".encode(), "PDF: truncated", "skipped", DAMAGED_PDF, pdf[:cut])
             for cut in (9, 40, 300, 900)]
    found += [Hostile(f"pdf/garbage-{number}.pdf".encode(), "PDF: garbage after the header", "skipped", DAMAGED_PDF,
                      b"%PDF-1.4\n" + rng.randbytes(3000)) for number in range(3)]
    buffer = io.BytesIO()
    locked = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", canPrint=0), invariant=1)
    locked.drawString(50, 800, "2024")
    locked.save()
    scan = io.BytesIO()
    page = canvas.Canvas(scan, invariant=1)
    page.rect(10, 10, 100, 100)
    page.save()
    found += [
        Hostile(b"pdf/no-objects.pdf", "PDF: every object keyword destroyed", "skipped", "PDF has no text layer",
                pdf.replace(b" obj", b" jbo")),
        Hostile(b"pdf/nested.pdf", "PDF: arrays nested 100000 deep (RecursionError)", "skipped",
                DAMAGED_PDF + "its structure is nested too deeply to read",
                pdf.replace(b"/MediaBox [", b"/MediaBox " + b"[" * 100000 + b"]" * 100000 + b" [")),
        Hostile(b"pdf/bad-octal.pdf", "PDF: an octal escape past 255 (pdfminer's AssertionError)", "skipped",
                DAMAGED_PDF + "AssertionError", pdf.replace(b"/Author (anonymous)", b"/Author (\\600)")),
        Hostile(b"pdf/garbled-stream.pdf", "PDF: the page's content stream garbled", "skipped", "",
                _pdf_with_stream(b"", packed=b"x\x9c" + rng.randbytes(40))),
        Hostile(b"pdf/password.pdf", "PDF: a user password", "skipped", "a password-protected PDF", buffer.getvalue()),
        Hostile(b"pdf/scan.pdf", "PDF: no text layer", "skipped", "PDF has no text layer", scan.getvalue()),
    ]
    return found


# --- .xlsx in the seeds folder ---------------------------------------------------------------------

def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "指标"
    book.active["B1"] = "=1+1"
    return saved_workbook(book)


def saved_workbook(book) -> bytes:
    """An openpyxl workbook's bytes, the same every time (openpyxl stamps the time of saving)."""
    book.properties.created = datetime(2024, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    return rezip([(name, stamp.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)) for name, data in members(buffer.getvalue())])


def _damaged_xlsx(rng: random.Random) -> list[Hostile]:
    xlsx = xlsx_bytes()
    return [
        Hostile(b"xlsx/book.xlsx", "a workbook in the seeds folder", "skipped", "an Excel workbook, not a document", xlsx),
        Hostile(b"xlsx/truncated.xlsx", "a truncated workbook", "skipped", "a damaged .xlsx file (its zip structure is broken",
                xlsx[:len(xlsx) // 2]),
        Hostile(b"xlsx/garbled.xlsx", "a garbled workbook", "skipped", "a damaged .xlsx file (its zip structure is broken",
                xlsx[:30] + rng.randbytes(len(xlsx) - 30)),
        Hostile(b"xlsx/renamed.docx", "a workbook renamed .docx", "skipped", "an Excel workbook, not a document", xlsx),
        Hostile(b"xlsx/archive.zip", "a zip archive", "skipped", "a zip archive, not a document",
                rezip([("a.txt", policy_text(4).encode())])),
    ]


# --- text ----------------------------------------------------------------------------------------

def _text(rng: random.Random) -> list[Hostile]:
    utf8 = policy_text(5).encode()
    cut = utf8.index("力争".encode()) + 1          # inside a character: one bad byte
    return [
        Hostile(b"text/big5.txt", "Big5 (traditional script)", "read", "", BIG5_TEXT.encode("big5"), unit="白银高新区"),
        Hostile(b"text/big5hkscs.txt", "Big5-HKSCS", "read", "", HKSCS_TEXT.encode("big5hkscs"), unit="兰州新区"),
        Hostile(b"text/one-bad-byte.txt", "UTF-8 with one bad byte", "read",
                "characters could not be decoded as utf-8 (damaged bytes) and show as \ufffd",
                utf8[:cut] + b"\xff" + utf8[cut:], unit="白银高新区"),
        Hostile(b"text/cut-at-end.txt", "UTF-8 cut inside its last character", "read",
                "1 character could not be decoded as utf-8", policy_text(6).encode() + "。".encode()[:2],
                unit="白银高新区"),
        Hostile(b"text/bom-bad-byte.txt", "UTF-8 with a BOM and a bad byte", "read", "could not be decoded as utf-8-sig",
                b"\xef\xbb\xbf" + policy_text(7).encode().replace("将".encode(), b"\xe5\x00", 1), unit="白银高新区"),
        Hostile(b"text/utf16-odd.txt", "UTF-16 with a BOM and an odd last byte", "read", "could not be decoded as utf-16",
                "\ufeff".encode("utf-16-le") + policy_text(8).encode("utf-16-le") + b"\x00", unit="白银高新区"),
        Hostile(b"text/binary.txt", "random bytes named .txt", "skipped", "binary data", rng.randbytes(4000)),
        Hostile(b"text/nul.txt", "text full of NUL bytes", "skipped", "binary data", b"\x00" * 50 + utf8 + b"\x00" * 500),
        Hostile(b"text/empty.txt", "an empty file", "skipped", "empty file", b""),
        Hostile(b"text/blank.txt", "only white space", "skipped", "empty file", b" \r\n\t \n"),
        Hostile(b"text/image.txt", "a PNG named .txt", "skipped", "an image (PNG)", b"\x89PNG\r\n\x1a\n" + rng.randbytes(300)),
        Hostile(b"text/rtf.txt", "an RTF file", "skipped", "an RTF file", b"{\\rtf1\\ansi 300}"),
        Hostile(b"text/deep.html", "HTML nested 20000 deep (RecursionError)", "skipped",
                "a damaged HTML file (its structure is nested too deeply to read)",
                b"<html><body>" + b"<b>" * 20000 + policy_text(9).encode() + b"</body></html>"),
    ]


# --- names and links -----------------------------------------------------------------------------

LONG_NAME = ("关于印发高新技术企业培育工作方案的通知" * 5)[:80] + "附件一"  # 83 characters, 249 bytes


def _names() -> list[Hostile]:
    assert len(LONG_NAME) == 83 and len((LONG_NAME + ".txt").encode()) == 253
    gbk_name = "高新区工作要点.txt".encode("gbk")
    read = [
        (LONG_NAME.encode() + b".txt", "a 253-byte name (83 Chinese characters)", "", None),
        (LONG_NAME[:80].encode() + b".html", "a 245-byte .html name (its .original.txt beside it)", "", None),
        (b"names/" + gbk_name, "a GBK name, as a Windows zip unpacks", "the file name is GBK, not UTF-8 (as unzipping an archive made on Windows gives: names/\\xb8",
         "names/高新区工作要点.txt"),
        ("名单".encode("gbk") + b"/a.txt", "a GBK folder name", "it is listed decoded", "名单/a.txt"),
        (b"names/\xff\xfe.txt", "a name that is neither UTF-8 nor GBK", "the file name is neither UTF-8 nor GBK; it is listed with its bytes escaped",
         "names/\\xff\\xfe.txt"),
        (b"names/Report.TXT", "case collision (upper)", "", None),
        (b"names/Report.txt", "case collision (lower)", "", None),
        (b"names/sub/dir/x.txt", "separator collision (folders)", "", None),
        (b"names/sub__dir__x.txt", "separator collision (underscores)", "", None),
        (b"names/a/b.html", "suffix collision (folder and .html)", "", None),
        (b"names/a__b_html.txt", "suffix collision (flattened name)", "", None),
        ("names/cafe\u0301.txt".encode(), "NFD name (macOS)", "", None),
        ("names/caf\u00e9.txt".encode(), "NFC name", "", None),
        (b"names/back\\slash.txt", "a backslash in a name", "", None),
        (b"names/CON.txt", "a Windows device name", "", None),
        (b"names/-rf.txt", "a name like an option", "", None),
        (b"names/=HYPERLINK(1).txt", "a name like a formula", "", None),
    ]
    found = [Hostile(name, kind, "read", says, policy_text(20 + number).encode(), listed=listed, unit="白银高新区")
             for number, (name, kind, says, listed) in enumerate(read)]
    ignored = [
        (b"names/.secret.txt", "a hidden file", 'a hidden file (its name starts with ".")'),
        (b"names/.DS_Store", "macOS folder settings", "folder settings macOS keeps"),
        (b"names/Thumbs.db", "a Windows picture cache", "a picture cache Windows keeps"),
        (b"names/desktop.ini", "Windows folder settings", "folder settings Windows keeps"),
        ("names/~$工作要点.docx".encode(), "a Word lock file", "a lock file Word, WPS or LibreOffice keeps"),
        (b"names/.~lock.plan.docx#", "a LibreOffice lock file", "a lock file Word, WPS or LibreOffice keeps"),
        (b"names/._plan.docx", "macOS resource data", "resource data macOS keeps"),
        (b"names/draft.tmp", "a temporary file", "a temporary or lock file"),
    ]
    found += [Hostile(name, kind, "ignored", says, policy_text(40 + number).encode())
              for number, (name, kind, says) in enumerate(ignored)]
    found.append(Hostile(b"names/.git/config", "a hidden folder", "ignored", "a hidden folder (3 files)", b"x",
                         listed="names/.git/"))
    found += [Hostile(b"names/.git/" + part, "a file in a hidden folder (listed with the folder)", "unlisted", data=b"x")
              for part in (b"HEAD", b"objects/ab")]
    refused = [
        (b"names/..%2f..%2fetc%2fpasswd.txt", "an encoded ../ (path traversal)", "its name holds an encoded path"),
        (b"names/%2e%2e%2fup.txt", "an encoded .. (path traversal)", "its name holds an encoded path"),
        (b"names/line\nbreak.txt", "a line break in a name", "its name holds control characters"),
        (b"names/tab\tname.txt", "a tab in a name", "its name holds control characters"),
    ]
    found += [Hostile(name, kind, "skipped", says, policy_text(60 + number).encode(),
                      listed=name.decode().replace("\n", "\\n").replace("\t", "\\t"))
              for number, (name, kind, says) in enumerate(refused)]
    return found


def _links() -> list[Hostile]:
    return [
        Hostile(b"links/passwd.txt", "a link to /etc/passwd", "skipped",
                "a link to /etc/passwd, outside the seeds folder; not followed", link="/etc/passwd"),
        Hostile(b"links/etc", "a link to a folder outside", "skipped", "a link to the folder /etc, outside the seeds folder",
                link="/etc", listed="links/etc/"),
        Hostile(b"links/dangling.txt", "a link to nothing", "skipped", "which does not exist", link="/nonexistent/x.txt"),
        Hostile(b"links/loop-a.txt", "a loop of links", "skipped", "a link that leads back to itself", link="loop-b.txt"),
        Hostile(b"links/loop-b.txt", "a loop of links", "skipped", "a link that leads back to itself", link="loop-a.txt"),
        Hostile(b"links/inside.txt", "a link to a file in the seeds folder", "ignored",
                "a link to text/big5.txt in the seeds folder, which is read under its own name", link="../text/big5.txt"),
        Hostile(b"links/zero.txt", "a link to /dev/zero", "skipped", "a link to /dev/zero, outside the seeds folder",
                link="/dev/zero"),
        Hostile(b"links/fifo.txt", "a named pipe", "skipped", "not a regular file (a pipe, socket or device)", fifo=True),
    ]

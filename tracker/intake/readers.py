"""Reading any file in the seeds folder into a Document, or saying why it was skipped.

The format is sniffed from the bytes, not trusted from the file name: web copies are often
saved as .txt with HTML inside, and .doc files are sometimes renamed .docx. READERS lists the
formats read (how each is recognised, read and named); REFUSED the ones recognised and refused.

Whatever a file holds, reading it gives a Document or a Skipped with the reason, never an
exception: sizes are checked against the project's limits before anything is unpacked
(guards.py), and any error a reader raises on a damaged file becomes the reason it was skipped.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Limits
from tracker.intake.encoding import NotText, decoded
from tracker.intake.guards import Unreadable, failure, pdf_refusal, too_large, xml_refusal, zip_refusal
from tracker.intake.meta import find_published
from tracker.messages import Message, say
from tracker.models import Document, Skipped

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_OTHER_ZIPS = {".xlsx", ".xlsm", ".pptx", ".zip"}  # what a damaged zip is called when its name says so
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mhtml"}


@dataclass(frozen=True)
class Reader:
    """One format tracker reads: `sniff(data, suffix)` says whether the bytes are in it, `read(data,
    name, digest, limits)` reads them into a Document (or says why it cannot); `label` names it
    in messages."""

    label: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[bytes, str, str, Limits], Document | Skipped]


def _looks_like_html(data: bytes, suffix: str) -> bool:
    return suffix in _HTML_SUFFIXES or bool(_HTML_START.match(data.lstrip(b"\xef\xbb\xbf")[:2048]))


def _read_pdf(data: bytes, name: str, digest: str, limits: Limits) -> Document | Skipped:
    refused = pdf_refusal(data, limits)
    if refused:
        return Skipped(name, refused)
    from tracker.intake.office import read_pdf

    text, title = read_pdf(data)
    return _document(name, "pdf", None, text, digest, title, None)


def _read_html(data: bytes, name: str, digest: str, limits: Limits) -> Document | Skipped:
    text, encoding, damaged = decoded(data)
    from tracker.intake.html import read_html  # bs4: only when a page is read

    page = read_html(text)
    return _document(name, "html", encoding, page.text, digest, page.title, page.published, page.page_title,
                     damaged)


def _read_text(data: bytes, name: str, digest: str, limits: Limits) -> Document | Skipped:
    text, encoding, damaged = decoded(data)
    return _document(name, "text", encoding, text, digest, None, None, damaged=damaged)


def read_file(path: Path, name: str, limits: Limits | None = None) -> Document | Skipped:
    """Read one file; `name` is how documents.json and records refer to it."""
    limits = limits or Limits()
    try:
        refused = too_large(path.stat().st_size, limits)
        if refused:
            return Skipped(name, refused)
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(name, say("intake.cannot_read", error=exc.strerror or str(exc)))
    return read_bytes(data, name, path.suffix.lower(), limits)


def read_bytes(data: bytes, name: str, suffix: str = "", limits: Limits | None = None) -> Document | Skipped:
    limits = limits or Limits()
    if not data.strip():
        return Skipped(name, say("intake.empty"))
    refused = too_large(len(data), limits)
    if refused:
        return Skipped(name, refused)
    digest = hashlib.sha256(data).hexdigest()
    for magic, key, params in REFUSED:
        if data.startswith(magic):
            return Skipped(name, _protected(data) or say(key, readable=say("intake.readable"), **params))
    reader = next(reader for reader in READERS if reader.sniff(data, suffix))
    try:
        return reader.read(data, name, digest, limits)
    except (Unreadable, NotText) as exc:
        return Skipped(name, exc.args[0] if exc.args else str(exc))
    except Exception as exc:  # noqa: BLE001  (a damaged file may make a library raise anything)
        return Skipped(name, failure(suffix if reader.read is _read_zip and suffix in _OTHER_ZIPS else reader.label, exc))


def _read_zip(data: bytes, name: str, digest: str, limits: Limits) -> Document | Skipped:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = set(archive.namelist())
        if "word/document.xml" not in members:
            kind = "intake.workbook" if "xl/workbook.xml" in members else "intake.archive"
            return Skipped(name, say(kind, readable=say("intake.readable")))
        refused = zip_refusal(archive, limits) or xml_refusal(archive)
    if refused:
        return Skipped(name, refused)
    from tracker.intake.office import read_docx  # python-docx: only when a .docx is read

    text, title = read_docx(data)
    return _document(name, "docx", None, text, digest, title, None)


def _protected(data: bytes) -> Message | None:
    # Word, Excel and WPS save a password-protected .docx/.xlsx as an OLE file holding the
    # encrypted package: it would otherwise be taken for an old .doc.
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
        return say("intake.office_password")
    return None


# The formats tracker reads, in the order they are tried (the most telling bytes first; plain text
# takes whatever is left). Messages list them the other way round, the commonest first.
READERS: tuple[Reader, ...] = (
    Reader("PDF", lambda data, suffix: data.startswith(b"%PDF"), _read_pdf),
    Reader(".docx", lambda data, suffix: data.startswith(b"PK\x03\x04"), _read_zip),
    Reader("HTML", _looks_like_html, _read_html),
    Reader("text", lambda data, suffix: True, _read_text),
)
# As the messages list them (intake.readable in tracker/messages.yaml, which a test holds to this).
READABLE = ", ".join(reader.label for reader in reversed(READERS[1:])) + " and " + READERS[0].label
# Files recognised by their first bytes as something tracker does not read: the message saying
# what to do about them, and its parameters.
REFUSED: tuple[tuple[bytes, str, dict[str, str]], ...] = (
    (b"\xd0\xcf\x11\xe0", "intake.old_office", {}),
    (b"\x89PNG", "intake.image", {"kind": "PNG"}),
    (b"\xff\xd8\xff", "intake.image", {"kind": "JPEG"}),
    (b"GIF8", "intake.image", {"kind": "GIF"}),
    (b"Rar!", "intake.packed", {"kind": "RAR"}),
    (b"\x1f\x8b", "intake.packed", {"kind": "gzip"}),
    (b"7z\xbc\xaf", "intake.packed", {"kind": "7-Zip"}),
    (b"{\\rtf", "intake.rtf", {}),
)


def _document(name, fmt, encoding, text, digest, title, published, page_title=None, damaged=0) -> Document | Skipped:
    if not text.strip():
        return Skipped(name, say("intake.no_text", format=fmt))
    return Document(
        file=name,
        format=fmt,
        encoding=encoding,
        text=text,
        sha256=digest,
        title=title,
        published=published or find_published(text),
        page_title=page_title,
        damaged=damaged,
    )

"""Reading any file in the seeds folder into a Document, or saying why it was skipped.

The format is sniffed from the bytes, not trusted from the file name: web copies are often
saved as .txt with HTML inside, and .doc files are sometimes renamed .docx. READERS lists the
formats read (how each is recognised, read and named); REFUSED the ones recognised and refused.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.intake.encoding import NotText, decode
from tracker.intake.html import read_html
from tracker.intake.meta import find_published
from tracker.intake.office import Unreadable, read_docx, read_pdf
from tracker.models import Document, Skipped

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mhtml"}
_IGNORED_NAMES = re.compile(r"^(\.|~\$|\.~lock\.)|(\.tmp|\.lock)$|^(thumbs\.db|desktop\.ini)$", re.IGNORECASE)


@dataclass(frozen=True)
class Reader:
    """One format tracker reads: `sniff(data, suffix)` says whether the bytes are in it, `read(data,
    name, digest)` reads them into a Document (or says why it cannot); `label` names it in messages."""

    label: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[bytes, str, str], Document | Skipped]


def _looks_like_html(data: bytes, suffix: str) -> bool:
    return suffix in _HTML_SUFFIXES or bool(_HTML_START.match(data.lstrip(b"\xef\xbb\xbf")[:2048]))


def _read_pdf(data: bytes, name: str, digest: str) -> Document | Skipped:
    text, title = read_pdf(data)
    return _document(name, "pdf", None, text, digest, title, None)


def _read_html(data: bytes, name: str, digest: str) -> Document | Skipped:
    text, encoding = decode(data)
    page = read_html(text)
    return _document(name, "html", encoding, page.text, digest, page.title, page.published, page.page_title)


def _read_text(data: bytes, name: str, digest: str) -> Document | Skipped:
    text, encoding = decode(data)
    return _document(name, "text", encoding, text, digest, None, None)


def iter_files(folder: Path) -> Iterator[Path]:
    """Every file under `folder` in a stable order, without hidden, temporary and lock files."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(_IGNORED_NAMES.search(part) for part in rel.parts):
            yield path


def read_file(path: Path, name: str) -> Document | Skipped:
    """Read one file; `name` is how documents.json and records refer to it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(name, f"cannot be read ({exc.strerror or exc})")
    return read_bytes(data, name, path.suffix.lower())


def read_bytes(data: bytes, name: str, suffix: str = "") -> Document | Skipped:
    if not data.strip():
        return Skipped(name, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    for magic, reason in REFUSED:
        if data.startswith(magic):
            return Skipped(name, reason)
    reader = next(reader for reader in READERS if reader.sniff(data, suffix))
    try:
        return reader.read(data, name, digest)
    except (Unreadable, NotText) as exc:
        return Skipped(name, str(exc))


def _read_zip(data: bytes, name: str, digest: str) -> Document | Skipped:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
    except zipfile.BadZipFile:
        return Skipped(name, "a damaged zip/.docx file")
    if "word/document.xml" not in members:
        kind = "an Excel workbook" if "xl/workbook.xml" in members else "a zip archive"
        return Skipped(name, f"{kind}, not a document; tracker reads {READABLE}")
    text, title = read_docx(data)
    return _document(name, "docx", None, text, digest, title, None)


# The formats tracker reads, in the order they are tried (the most telling bytes first; plain text
# takes whatever is left). Messages list them the other way round, the commonest first.
READERS: tuple[Reader, ...] = (
    Reader("PDF", lambda data, suffix: data.startswith(b"%PDF"), _read_pdf),
    Reader(".docx", lambda data, suffix: data.startswith(b"PK\x03\x04"), _read_zip),
    Reader("HTML", _looks_like_html, _read_html),
    Reader("text", lambda data, suffix: True, _read_text),
)
READABLE = ", ".join(reader.label for reader in reversed(READERS[1:])) + " and " + READERS[0].label
# Files recognised by their first bytes as something tracker does not read, and what to do about them.
REFUSED: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls/.wps); save it as .docx and run again"),
    (b"\x89PNG", f"an image (PNG); tracker reads {READABLE}"),
    (b"\xff\xd8\xff", f"an image (JPEG); tracker reads {READABLE}"),
    (b"GIF8", f"an image (GIF); tracker reads {READABLE}"),
    (b"Rar!", "a RAR archive; unpack it into the seeds folder"),
    (b"\x1f\x8b", "a gzip archive; unpack it into the seeds folder"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it into the seeds folder"),
    (b"{\\rtf", "an RTF file; save it as .docx and run again"),
)


def _document(name, fmt, encoding, text, digest, title, published, page_title=None) -> Document | Skipped:
    if not text.strip():
        return Skipped(name, f"no text in this {fmt} file")
    return Document(
        file=name,
        format=fmt,
        encoding=encoding,
        text=text,
        sha256=digest,
        title=title,
        published=published or find_published(text),
        page_title=page_title,
    )

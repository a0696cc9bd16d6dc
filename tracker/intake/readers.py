"""Reading any file in the seeds folder into a Document, or saying why it was skipped.

The format is sniffed from the bytes, not trusted from the file name: web copies are often
saved as .txt with HTML inside, and .doc files are sometimes renamed .docx.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from tracker.intake.encoding import NotText, decode
from tracker.intake.html import read_html
from tracker.intake.meta import find_published
from tracker.intake.office import Unreadable, read_docx, read_pdf
from tracker.models import Document, Skipped

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".mhtml"}
_IGNORED_NAMES = re.compile(r"^(\.|~\$|\.~lock\.)|(\.tmp|\.lock)$|^(thumbs\.db|desktop\.ini)$", re.IGNORECASE)
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls/.wps); save it as .docx and run again"),
    (b"\x89PNG", "an image (PNG); tracker reads text, HTML, .docx and PDF"),
    (b"\xff\xd8\xff", "an image (JPEG); tracker reads text, HTML, .docx and PDF"),
    (b"GIF8", "an image (GIF); tracker reads text, HTML, .docx and PDF"),
    (b"Rar!", "a RAR archive; unpack it into the seeds folder"),
    (b"\x1f\x8b", "a gzip archive; unpack it into the seeds folder"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it into the seeds folder"),
    (b"{\\rtf", "an RTF file; save it as .docx and run again"),
)


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
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            return Skipped(name, f"{reason}")
    try:
        if data.startswith(b"%PDF"):
            text, title = read_pdf(data)
            return _document(name, "pdf", None, text, digest, title, None)
        if data.startswith(b"PK\x03\x04"):
            return _read_zip(data, name, digest)
        text, encoding = decode(data)
    except (Unreadable, NotText) as exc:
        return Skipped(name, str(exc))
    if suffix in _HTML_SUFFIXES or _HTML_START.match(data.lstrip(b"\xef\xbb\xbf")[:2048]):
        page = read_html(text)
        return _document(name, "html", encoding, page.text, digest, page.title, page.published, page.page_title)
    return _document(name, "text", encoding, text, digest, None, None)


def _read_zip(data: bytes, name: str, digest: str) -> Document | Skipped:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
    except zipfile.BadZipFile:
        return Skipped(name, "a damaged zip/.docx file")
    if "word/document.xml" not in members:
        kind = "an Excel workbook" if "xl/workbook.xml" in members else "a zip archive"
        return Skipped(name, f"{kind}, not a document; tracker reads text, HTML, .docx and PDF")
    text, title = read_docx(data)
    return _document(name, "docx", None, text, digest, title, None)


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

"""Checks made before a file is unpacked or parsed, and the reasons given when reading fails.

A .docx is a zip whose parts can unpack to a thousand times their size (a zip bomb) and an XML
part can declare entities that expand without end (billion laughs) or load other files (XXE);
a PDF's compressed streams can be bombs too. Every check here reads only sizes, headers and
the first bytes of each part, so a hostile file is refused at little cost; the limits are the
project's (tracker.toml [limits]). `failure` turns any exception a reader raised into the
reason a user reads in documents.json.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from tracker.config import Limits
from tracker.messages import Message, say

MB = 1024 * 1024
RATIO_FLOOR = MB  # parts smaller than this unpacked are never called bombs: small XML compresses well
_PACKED_BY_WORD = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHODS = {12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES encryption (a password)"}
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image")
_CHUNK = 64 * 1024
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Unreadable(ValueError):
    """A .docx or PDF file that cannot be opened or has no text."""


def _mb(size: float) -> str:
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"


def too_large(size: int, limits: Limits) -> Message | None:
    """Why a file of `size` bytes is not read, or None."""
    if size > limits.mb("max_file_mb"):
        return say("intake.too_large", size=_mb(size), limit=_mb(limits.mb("max_file_mb")))
    return None


def zip_refusal(archive: zipfile.ZipFile, limits: Limits) -> Message | None:
    """Why the parts of a .docx are not unpacked (a bomb, encryption, an unusual packing), or None."""
    parts = archive.infolist()
    if len(parts) > limits.max_parts:
        return say("intake.zip_parts", count=len(parts), limit=limits.max_parts)
    total = sum(part.file_size for part in parts)
    if total > limits.mb("max_unpacked_mb"):
        return say("intake.zip_unpacked", size=_mb(total), limit=_mb(limits.mb("max_unpacked_mb")))
    for part in parts:
        if part.flag_bits & 0x1:
            return say("intake.zip_encrypted")
        if part.compress_type not in _PACKED_BY_WORD:
            method = _METHODS.get(part.compress_type, f"#{part.compress_type}")
            return say("intake.zip_method", method=method, part=part.filename)
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            return say("intake.zip_ratio", part=part.filename, ratio=f"{ratio:.0f}", limit=f"{limits.max_ratio:g}")
    return None


def xml_refusal(archive: zipfile.ZipFile) -> Message | None:
    """Why the XML parts are not parsed: one declares a DTD (never in a file Word writes; entity
    bombs and XXE need one) or does not start as XML. Only the start of each part is read."""
    for part in archive.infolist():
        if not _XML_PART.search(part.filename):
            continue
        try:
            with archive.open(part) as stream:
                for _ in iterparse(stream, events=("start",), forbid_dtd=True, forbid_entities=True):
                    break
        except DefusedXmlException:
            return say("intake.xml_entities", part=part.filename)
        except ParseError as exc:
            return damaged(".docx", say("detail.part_xml", part=part.filename, error=_said(exc)))
    return None


def pdf_refusal(data: bytes, limits: Limits) -> Message | None:
    """Why a PDF's streams are not unpacked: together they unpack to more than the limit, or one
    unpacks beyond the ratio. Images are left out (the text layer never needs their pixels)."""
    budget = limits.mb("max_unpacked_mb")
    total = 0
    view = memoryview(data)
    for match in _PDF_STREAM.finditer(data):
        start = match.end()
        if data[start:start + 1] != b"\x78" or _is_image(data, match.start()):
            continue  # not zlib (Flate) data, or an image's pixels
        size, packed = _inflated(view, start, budget - total)
        total += size
        if total > budget:
            return say("intake.pdf_unpacked", limit=_mb(budget))
        if size > RATIO_FLOOR and size / max(packed, 1) > limits.max_ratio:
            return say("intake.pdf_ratio", ratio=f"{size / max(packed, 1):.0f}", limit=f"{limits.max_ratio:g}")
    return None


def _is_image(data: bytes, stream_at: int) -> bool:
    head = data[max(0, stream_at - 2048):stream_at]
    return bool(_PDF_IMAGE.search(head[head.rfind(b" obj") + 1:]))


def _inflated(view: memoryview, start: int, budget: int) -> tuple[int, int]:
    """(unpacked size, packed bytes read) of the zlib stream at `start`, stopping past `budget`;
    unpacked a chunk at a time, so memory stays small whatever the stream holds."""
    inflater = zlib.decompressobj()
    size = 0
    pos = start
    try:
        while not inflater.eof and pos < len(view) and size <= budget:
            pending = view[pos:pos + _CHUNK]
            pos += len(pending)
            while pending and size <= budget and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # damaged data: pdfminer says what it makes of it
    return size, pos - start - max(len(inflater.unused_data), len(inflater.unconsumed_tail))


_AGAIN = {"PDF": "again.pdf", ".docx": "again.docx", "HTML": "again.html", "text": "again.text"}


def damaged(label: str, detail: Message) -> Message:
    return say("intake.damaged", label=label, detail=detail, again=say(_AGAIN.get(label, "again.other")))


def failure(label: str, exc: BaseException) -> Message:
    """The reason a file is skipped when its reader raised `exc`."""
    if isinstance(exc, MemoryError):
        return say("intake.memory", label=label)
    if isinstance(exc, RecursionError):
        return damaged(label, say("detail.nested"))
    if isinstance(exc, zlib.error | EOFError):
        return damaged(label, say("detail.compressed", error=_said(exc)))
    if isinstance(exc, zipfile.BadZipFile):
        return damaged(label, say("detail.zip", error=_said(exc)))
    if isinstance(exc, NotImplementedError):
        return damaged(label, say("detail.packing", error=_said(exc)))
    if exc.__class__.__name__ == "XMLSyntaxError":
        return damaged(label, say("detail.xml", error=_said(exc)))
    if isinstance(exc, KeyError):
        return damaged(label, say("detail.missing_part", error=_said(exc)))
    return damaged(label, said_error(exc))


def said_error(exc: BaseException) -> Message | str:
    """An exception as a user reads it: its kind and what it says, on one line and not too long."""
    if not str(exc):
        return exc.__class__.__name__
    return say("detail.error", kind=exc.__class__.__name__, error=_said(exc))


def _said(exc: BaseException) -> str:
    text = " ".join(_UNPRINTABLE.sub("?", str(exc)).split()) or exc.__class__.__name__
    return text if len(text) <= 160 else text[:157] + "..."

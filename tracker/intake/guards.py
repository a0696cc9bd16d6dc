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

MB = 1024 * 1024
RATIO_FLOOR = MB  # parts smaller than this unpacked are never called bombs: small XML compresses well
_PACKED_BY_WORD = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHODS = {12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES encryption (a password)"}
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_IMAGE = re.compile(rb"/Subtype\s*/Image")
_CHUNK = 64 * 1024
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _mb(size: float) -> str:
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"


def too_large(size: int, limits: Limits) -> str | None:
    """Why a file of `size` bytes is not read, or None."""
    if size > limits.mb("max_file_mb"):
        return (f"too large to read ({_mb(size)}; the limit is {_mb(limits.mb('max_file_mb'))}, "
                "max_file_mb in tracker.toml [limits])")
    return None


def zip_refusal(archive: zipfile.ZipFile, limits: Limits) -> str | None:
    """Why the parts of a .docx are not unpacked (a bomb, encryption, an unusual packing), or None."""
    parts = archive.infolist()
    if len(parts) > limits.max_parts:
        return (f"a zip file of {len(parts)} parts, more than the {limits.max_parts} allowed "
                "(max_parts in tracker.toml [limits]); a .docx has a few dozen")
    total = sum(part.file_size for part in parts)
    if total > limits.mb("max_unpacked_mb"):
        return (f"a .docx whose parts unpack to {_mb(total)}, more than the {_mb(limits.mb('max_unpacked_mb'))} "
                "allowed (a zip bomb?; max_unpacked_mb in tracker.toml [limits])")
    for part in parts:
        if part.flag_bits & 0x1:
            return "a password-protected (encrypted) zip file; save a copy without the password and run again"
        if part.compress_type not in _PACKED_BY_WORD:
            method = _METHODS.get(part.compress_type, f"compression method {part.compress_type}")
            return (f"a .docx packed with {method} ({part.filename}), which Word never uses; open it in Word or "
                    "WPS, save it again and run again")
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            return (f"a .docx whose part {part.filename} unpacks {ratio:.0f} times its packed size, beyond the "
                    f"{limits.max_ratio:g} allowed (a zip bomb?; max_ratio in tracker.toml [limits])")
    return None


def xml_refusal(archive: zipfile.ZipFile) -> str | None:
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
            return (f"a .docx whose part {part.filename} declares XML entities (a DTD), which Word never "
                    "writes: an entity bomb or an attempt to read other files (XXE); not read")
        except ParseError as exc:
            return damaged(".docx", f"{part.filename} is not well-formed XML: {exc}")
    return None


def pdf_refusal(data: bytes, limits: Limits) -> str | None:
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
            return (f"a PDF whose compressed streams unpack to more than {_mb(budget)} (a decompression bomb?; "
                    "max_unpacked_mb in tracker.toml [limits])")
        if size > RATIO_FLOOR and size / max(packed, 1) > limits.max_ratio:
            return (f"a PDF with a stream that unpacks {size / max(packed, 1):.0f} times its packed size, beyond "
                    f"the {limits.max_ratio:g} allowed (a decompression bomb?; max_ratio in tracker.toml [limits])")
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


_AGAIN = {"PDF": "save or print it to PDF again", ".docx": "open it in Word or WPS and save it again",
          "HTML": "save the page again from the browser", "text": "save it again as text"}


def damaged(label: str, detail: str) -> str:
    again = _AGAIN.get(label, "open it in the program that made it and save it again")
    return f"a damaged {label} file ({detail}); {again}"


def failure(label: str, exc: BaseException) -> str:
    """The reason a file is skipped when its reader raised `exc`."""
    if isinstance(exc, MemoryError):
        return f"too large to read in the memory available ({label}); lower max_file_mb in tracker.toml [limits]"
    if isinstance(exc, RecursionError):
        return damaged(label, "its structure is nested too deeply to read")
    if isinstance(exc, zlib.error | EOFError):
        return damaged(label, f"its compressed data is damaged: {_said(exc)}")
    if isinstance(exc, zipfile.BadZipFile):
        return damaged(label, f"its zip structure is broken: {_said(exc)}")
    if isinstance(exc, NotImplementedError):
        return damaged(label, f"packed in a way tracker cannot unpack: {_said(exc)}")
    if exc.__class__.__name__ == "XMLSyntaxError":
        return damaged(label, f"its XML is not well-formed: {_said(exc)}")
    if isinstance(exc, KeyError):
        return damaged(label, f"a part it refers to is missing: {_said(exc)}")
    return damaged(label, f"{exc.__class__.__name__}: {_said(exc)}" if str(exc) else exc.__class__.__name__)


def _said(exc: BaseException) -> str:
    text = " ".join(_UNPRINTABLE.sub("?", str(exc)).split()) or exc.__class__.__name__
    return text if len(text) <= 160 else text[:157] + "..."

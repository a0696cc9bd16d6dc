"""Finishing a saved .xlsx: cached formula values, fixed timestamps, byte-for-byte reproducible.

openpyxl writes a formula with an empty <v/>, so a reader that does not recalculate (a file
preview, pandas, LibreOffice set to "never recalculate") shows nothing. `finish` writes the
value the tool computed into each formula cell's <v> (t="str" for text, t="b" for booleans),
sets the document's modified time to the generation date (openpyxl stamps the current time),
and rewrites the zip with fixed entry times so the same inputs give the same bytes.
The XML is our own, parsed without entities or network access all the same.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from typing import BinaryIO

from lxml import etree
from openpyxl.utils.datetime import to_excel

from tracker.render.text import cell_text

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DCTERMS_NS = "http://purl.org/dc/terms/"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)

COPY_CHUNK = 1 << 20
# Parts larger than this (a national workbook's sheets, tens of megabytes of XML) are compressed
# at zlib's fastest level: three times quicker, a third larger; smaller ones at the usual level.
LARGE_PART = 8 << 20
FAST_LEVEL = 1
CachedValues = Mapping[str, Mapping[str, object]]  # sheet name -> cell reference -> value


def finish(data: bytes | BinaryIO, cached: CachedValues, stamp: datetime) -> bytes:
    """The package `data` (its bytes or a file) with `cached` values injected and every timestamp set
    to `stamp`. Parts left as they are are copied a megabyte at a time: a national summary's
    sheets are tens of megabytes uncompressed."""
    source = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    sheet_parts = _sheet_parts(source)
    changed = {}
    for sheet, values in cached.items():
        if sheet not in sheet_parts:
            raise KeyError(f"no sheet named {sheet!r} in the workbook")
        changed[sheet_parts[sheet]] = values
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            if info.file_size > LARGE_PART:
                # What writestr(compresslevel=) sets, which open() has no argument for: public
                # from Python 3.13, private before (a test checks the level used).
                setattr(entry, "compress_level" if hasattr(entry, "compress_level") else "_compresslevel", FAST_LEVEL)
            if info.filename in changed:
                target.writestr(entry, inject_values(source.read(info), changed[info.filename]))
            elif info.filename == "docProps/core.xml":
                target.writestr(entry, _stamp_core(source.read(info), stamp))
            else:
                with source.open(info) as part, target.open(entry, "w") as written:
                    shutil.copyfileobj(part, written, COPY_CHUNK)
    return out.getvalue()


def inject_values(sheet_xml: bytes, values: Mapping[str, object]) -> bytes:
    """Put each value into the <v> of its formula cell; every cell named must hold a formula."""
    root = etree.fromstring(sheet_xml, PARSER)
    pending = dict(values)
    for cell in root.iter(f"{{{MAIN_NS}}}c"):
        ref = cell.get("r")
        if ref not in pending:
            continue
        formula = cell.find(f"{{{MAIN_NS}}}f")
        if formula is None:
            raise ValueError(f"cell {ref} has no formula to cache a value for")
        kind, text = _typed(pending.pop(ref))
        for old in cell.findall(f"{{{MAIN_NS}}}v"):
            cell.remove(old)
        value = etree.Element(f"{{{MAIN_NS}}}v")
        value.text = text
        formula.addnext(value)
        if kind is None:
            cell.attrib.pop("t", None)
        else:
            cell.set("t", kind)
    if pending:
        raise ValueError(f"cells not found in the sheet: {', '.join(sorted(pending))}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _typed(value: object) -> tuple[str | None, str]:
    """(the cell's t attribute, the <v> text): numbers have no t, text is "str", booleans "b"."""
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, int | float):
        return None, repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, date):
        return None, repr(float(to_excel(value))).removesuffix(".0")
    if isinstance(value, str):
        return "str", cell_text(value)
    raise TypeError(f"cannot cache a {type(value).__name__} value: {value!r}")


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip path of its XML, read from the workbook and its relationships."""
    workbook = etree.fromstring(package.read("xl/workbook.xml"), PARSER)
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"), PARSER)
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
    found = {}
    for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
        target = targets[sheet.get(f"{{{REL_NS}}}id")]
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        found[sheet.get("name")] = path
    return found


def _stamp_core(core_xml: bytes, stamp: datetime) -> bytes:
    root = etree.fromstring(core_xml, PARSER)
    text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("created", "modified"):
        element = root.find(f"{{{DCTERMS_NS}}}{name}")
        if element is not None:
            element.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

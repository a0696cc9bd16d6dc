"""What an .xlsx package says beyond its cell values, read directly: when it was saved (docProps/core.xml,
which travels with the file), by which program, and which cells of a sheet hold formulas.

Reading the formulas from the sheet's XML saves loading the workbook a second time with openpyxl
(with formulas instead of results) unless there is something to carry (carry.py). The XML is read
with patterns, never parsed with entities or network access.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl.utils import column_index_from_string

CLOCK_SLACK = timedelta(minutes=2)  # a saved time this much after the file's own time is a time zone mistake


def saved_time(workbook, path: Path) -> datetime:
    """When the workbook was last saved, as it says itself (docProps/core.xml, which travels with the file),
    in UTC. The file's own time stands in when the saving program left tracker's stamp (modified ==
    created), and when the stated time is later than the file itself: LibreOffice (and some libraries)
    write local time marked as UTC, so it is read as local time, and what is still later is a mistake."""
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    props = workbook.properties
    if props.modified is None or props.modified == props.created:
        return written
    stamp = props.modified
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=None).astimezone() if _saved_by(path).startswith("LibreOffice") \
            else stamp.replace(tzinfo=UTC)
    stamp = stamp.astimezone(UTC)
    return written if stamp > written + CLOCK_SLACK else stamp


def _saved_by(path: Path) -> str:
    """The program that saved the workbook (docProps/app.xml's Application), or ""."""
    try:
        with zipfile.ZipFile(path) as package:
            text = package.read("docProps/app.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    match = re.search(r"<Application>([^<]*)</Application>", text)
    return match.group(1).strip() if match else ""


_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*?\bname=([\"'])(.*?)\1[^>]*?\b(?:\w+:)?id=([\"'])(.*?)\3", re.S)
_REL = re.compile(r"<(?:\w+:)?Relationship\b[^>]*?\bId=([\"'])(.*?)\1[^>]*?\bTarget=([\"'])(.*?)\3", re.S)
_REL_REVERSED = re.compile(r"<(?:\w+:)?Relationship\b[^>]*?\bTarget=([\"'])(.*?)\1[^>]*?\bId=([\"'])(.*?)\3", re.S)
_CELL = re.compile(r"<(?:\w+:)?c\b[^>]*?\br=([\"'])([A-Z]{1,3})(\d+)\1[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>", re.S)
_FORMULA = re.compile(r"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)


def formula_cells(path: Path, sheet: str) -> dict[tuple[int, int], str] | None:
    """(row, column) -> formula text of every cell of `sheet` that holds a formula (shared formulas after
    the first have no text of their own: ""); None when the package cannot be read this way."""
    try:
        with zipfile.ZipFile(path) as package:
            workbook = package.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            ids = {html.unescape(name): rid for _, name, _, rid in _SHEET.findall(workbook)}
            targets = {rid: target for _, rid, _, target in _REL.findall(rels)}
            targets.update({rid: target for _, target, _, rid in _REL_REVERSED.findall(rels)})
            target = targets.get(ids.get(sheet, ""))
            if target is None:
                return None
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            xml = package.read(part).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = {}
    for _, column, row, content in _CELL.findall(xml):
        formula = _FORMULA.search(content)
        if formula is not None:
            found[(int(row), column_index_from_string(column))] = html.unescape(formula.group(1) or "")
    return found

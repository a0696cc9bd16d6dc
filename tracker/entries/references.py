"""References to the tracker sheet inside formulas users wrote, kept by meaning (entries/carry.py).

A formula is kept as text pieces and Refs. A Ref's corners name a column by its header (tracker's
columns) or by number (the user's own), and a row by its target's key, by number (the user's own
rows), as a row of the top area, or as rows past the table's end; the renderer writes each where
that cell is in the new version (render/workbook/carried.py). References to other sheets, defined
names and text stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.formula import Tokenizer
from openpyxl.utils import column_index_from_string

# A reference inside a formula token: an optional sheet ('a b'! or ab!), then A1, A1:B2, A:B or 1:2.
_REF = re.compile(r"^(?P<sheet>(?:'(?:[^']|'')+'|[^'!:]+)!)?"
                  r"(?P<start>\$?[A-Z]{1,3}\$?\d+|\$?[A-Z]{1,3}|\$?\d+)"
                  r"(?::(?P<end>\$?[A-Z]{1,3}\$?\d+|\$?[A-Z]{1,3}|\$?\d+))?$")
_POINT = re.compile(r"^(?P<cabs>\$?)(?P<col>[A-Z]{1,3})?(?P<rabs>\$?)(?P<row>\d+)?$")


@dataclass(frozen=True)
class Point:
    """A corner of a reference to the tracker sheet, by meaning. Columns: ("header", text), ("user", n)
    or ("letter", "Z"); rows: ("key", row key), ("user", n), ("top", row) or ("after", rows past the end)."""

    column: tuple[str, object] | None
    row: tuple[str, object] | None
    column_fixed: bool = False        # $A
    row_fixed: bool = False           # $1


@dataclass(frozen=True)
class Ref:
    prefix: str                       # the sheet as written ("'目标跟踪'!" or "")
    start: Point
    end: Point | None = None


@dataclass(frozen=True)
class Formula:
    """A formula as text pieces and references to the tracker sheet (written back where they are then).
    Its saved result is not kept: the new workbook is recalculated when opened."""

    parts: tuple[str | Ref, ...]


@dataclass(frozen=True)
class Layout:
    """Where things are on the tracker sheet being read: header row, our columns, rows by key."""

    sheet: str
    header_row: int
    ours: dict[int, str]              # column -> our header text
    keys: dict[int, str]              # row -> row key
    user_columns: dict[int, int]      # column -> user column number
    user_rows: dict[int, int]         # row -> user row number
    last_row: int                     # the table's last row (targets and user rows)


def formula_of(text: object, layout: Layout, on_tracker_sheet: bool) -> Formula:
    """A formula with its references to the tracker sheet made into Refs (other sheets' stay text)."""
    formula = text if isinstance(text, str) else getattr(text, "text", "") or ""
    parts: list[str | Ref] = ["="]
    for token in Tokenizer(formula).items:
        ref = None
        if token.type == "OPERAND" and token.subtype == "RANGE":
            ref = _ref(token.value, layout, on_tracker_sheet)
        parts.append(ref if ref is not None else token.value)
    return Formula(tuple(parts))


def _ref(text: str, layout: Layout, on_tracker_sheet: bool) -> Ref | None:
    match = _REF.match(text)
    if match is None:
        return None  # a defined name, or something else tracker does not move
    prefix = match.group("sheet") or ""
    sheet = prefix[:-1].strip("'").replace("''", "'") if prefix else None
    if not (sheet == layout.sheet or (sheet is None and on_tracker_sheet)):
        return None
    start = _point(match.group("start"), layout)
    end = _point(match.group("end"), layout) if match.group("end") else None
    return Ref(prefix, start, end) if start is not None and (end is not None or not match.group("end")) else None


def _point(text: str, layout: Layout) -> Point | None:
    match = _POINT.match(text)
    if match is None or not (match.group("col") or match.group("row")):
        return None
    column = row = None
    if match.group("col"):
        index = column_index_from_string(match.group("col"))
        if index in layout.ours:
            column = ("header", layout.ours[index])
        elif index in layout.user_columns:
            column = ("user", layout.user_columns[index])
        else:
            column = ("letter", match.group("col"))
    if match.group("row"):
        number = int(match.group("row"))
        if number in layout.keys:
            row = ("key", layout.keys[number])
        elif number in layout.user_rows:
            row = ("user", layout.user_rows[number])
        elif number <= layout.header_row:
            row = ("top", number)
        else:
            row = ("after", number - layout.last_row)
    return Point(column, row, bool(match.group("cabs")), bool(match.group("rabs")))

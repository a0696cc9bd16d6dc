"""What a tracker workbook keeps so that tracker can read it back after people edited it.

The very hidden layout sheet (written by tracker/render/workbook/meta.py) and the range of
figures and dates the input cells accept (their data validation, render/workbook/validation.py).

Users sort and filter the tracker sheet and may translate nothing else, so rows are found by
the key in each row's hidden 行键 column and columns by their header text in the header row,
never by position. This sheet stores what that needs:

  row 1      format name and version
  rows 2-4   tracker sheet name, the sheet as-of cell, the header row number
  rows 5-8   header text of the key, actual, as-of and note columns
  row 9      (version 2) JSON: the header text of every column tracker wrote, and its sheets' names,
             so that what users add (sheets, columns, rows) is told from what tracker wrote
  row 10     the heading of the row table: key, unit, indicator, year, uom, metric, and (version 2)
             what the row's input cells showed when it was written: figure, date (ISO text), note
  rows 11..  one row per target

What the input cells showed tells an edit from a copy: a cell that still shows what tracker
wrote is not an edit, so an older copy of a tracker never undoes a newer figure, and a cleared
figure is a withdrawal (tracker/entries/edits.py). Version 1 workbooks (no shown values) are
still read, their figures as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

META_SHEET = "_tracker"  # very hidden: what read_unit_inputs needs to find the inputs again
FORMAT = "tracker-workbook"
VERSION = 2
READABLE_VERSIONS = (1, 2)
INPUT_ROLES = ("key", "actual", "as_of", "note")
TABLE_ROW = 10
TABLE_HEADINGS = ("key", "unit", "indicator", "year", "uom", "metric", "shown_value", "shown_as_of", "shown_note")
# Figures are >= 0 except rates that may fall (down to -100); dates lie between FIRST_DATE and LAST_DATE.
FALLING_METRICS = ("growth", "change")
LOWEST_RATE = -100
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)
# The sheets every version 1 tracker had besides its tracker sheet (version 2 lists its own).
V1_SHEETS = ("长期目标", "历史", "来源", "填表说明", "Long-term goals", "Reported figures", "Sources", "How to fill in",
             META_SHEET)


@dataclass(frozen=True)
class Shown:
    """What a row's input cells showed when tracker wrote them (None: empty)."""

    value: float | None = None
    as_of: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class RowMeta:
    """What a tracker row stands for, and what its input cells showed (None in version 1 workbooks)."""

    unit: str
    indicator: str
    year: int
    uom: str
    metric: str
    shown: Shown | None = None

    @property
    def key(self) -> str:
        return f"{self.unit}|{self.indicator}|{self.year}"


@dataclass(frozen=True)
class TrackerMeta:
    sheet: str
    as_of_cell: str
    header_row: int
    headers: dict[str, str]          # role -> header text, for INPUT_ROLES
    rows: dict[str, RowMeta]         # row key -> what it stands for
    version: int = VERSION
    columns: tuple[str, ...] = ()    # the header of every column tracker wrote (version 2)
    sheets: tuple[str, ...] = ()     # the names of the sheets tracker wrote, this one included (version 2)


def read_meta(ws: Worksheet) -> TrackerMeta:
    """The stored layout; ValueError when the sheet is not one tracker wrote."""
    version = ws.cell(1, 2).value
    if ws.cell(1, 1).value != FORMAT or version not in READABLE_VERSIONS:
        raise ValueError(f"not a {FORMAT} layout sheet of version {', '.join(map(str, READABLE_VERSIONS))}")
    values = {str(ws.cell(row, 1).value): ws.cell(row, 2).value for row in range(2, TABLE_ROW)}
    headers = {role: str(values[f"header:{role}"]) for role in INPUT_ROLES}
    rows = {}
    for line in ws.iter_rows(min_row=TABLE_ROW + 1, max_col=len(TABLE_HEADINGS), values_only=True):
        key, unit, indicator, year, uom, metric, *shown = (*line, *[None] * len(TABLE_HEADINGS))[:len(TABLE_HEADINGS)]
        if key is None:
            continue
        rows[str(key)] = RowMeta(str(unit), str(indicator), int(year), str(uom or ""), str(metric),
                                 _shown(*shown) if version >= 2 else None)
    written = json.loads(str(values["layout"])) if version >= 2 else {"columns": [], "sheets": V1_SHEETS}
    return TrackerMeta(sheet=str(values["sheet"]), as_of_cell=str(values["as_of_cell"]),
                       header_row=int(values["header_row"]), headers=headers, rows=rows, version=version,
                       columns=tuple(map(str, written["columns"])), sheets=tuple(map(str, written["sheets"])))


def _shown(value: object, as_of: object, note: object) -> Shown:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError(f"a shown figure must be a number, not {value!r}")
    return Shown(None if value is None else float(value), date.fromisoformat(str(as_of)) if as_of else None,
                 None if note is None else str(note))

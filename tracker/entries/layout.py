"""What a tracker workbook keeps so that tracker can read it back after people edited it.

The very hidden layout sheet (written by tracker/render/workbook/meta.py) and the range of
figures and dates the input cells accept (their data validation, render/workbook/validation.py).

Users sort and filter the tracker sheet and may translate nothing else, so rows are found by
the key in each row's hidden 行键 column and columns by their header text in the header row,
never by position. This sheet stores what that needs:

  row 1      format name and version
  rows 2-4   tracker sheet name, the sheet as-of cell, the header row number
  rows 5-8   header text of the key, actual, as-of and note columns
  row 10     the heading of the row table: key, unit, indicator, year, uom, metric
  rows 11..  one row per target
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

META_SHEET = "_tracker"  # very hidden: what read_unit_inputs needs to find the inputs again
FORMAT = "tracker-workbook"
VERSION = 1
INPUT_ROLES = ("key", "actual", "as_of", "note")
TABLE_ROW = 10
TABLE_HEADINGS = ("key", "unit", "indicator", "year", "uom", "metric")
# Figures are >= 0 except rates that may fall (down to -100); dates lie between FIRST_DATE and LAST_DATE.
FALLING_METRICS = ("growth", "change")
LOWEST_RATE = -100
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class RowMeta:
    """What a tracker row stands for."""

    unit: str
    indicator: str
    year: int
    uom: str
    metric: str


@dataclass(frozen=True)
class TrackerMeta:
    sheet: str
    as_of_cell: str
    header_row: int
    headers: dict[str, str]          # role -> header text, for INPUT_ROLES
    rows: dict[str, RowMeta]         # row key -> what it stands for


def read_meta(ws: Worksheet) -> TrackerMeta:
    """The stored layout; ValueError when the sheet is not one tracker wrote."""
    if ws.cell(1, 1).value != FORMAT or ws.cell(1, 2).value != VERSION:
        raise ValueError(f"not a {FORMAT} version {VERSION} layout sheet")
    values = {str(ws.cell(row, 1).value): ws.cell(row, 2).value for row in range(2, TABLE_ROW)}
    headers = {role: str(values[f"header:{role}"]) for role in INPUT_ROLES}
    rows = {}
    for line in ws.iter_rows(min_row=TABLE_ROW + 1, max_col=len(TABLE_HEADINGS), values_only=True):
        key, unit, indicator, year, uom, metric = line
        if key is None:
            continue
        rows[str(key)] = RowMeta(str(unit), str(indicator), int(year), str(uom or ""), str(metric))
    return TrackerMeta(sheet=str(values["sheet"]), as_of_cell=str(values["as_of_cell"]),
                       header_row=int(values["header_row"]), headers=headers, rows=rows)

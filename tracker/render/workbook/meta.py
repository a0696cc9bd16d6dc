"""The very hidden sheet that lets tracker read a tracker workbook back after people edited it.

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

from openpyxl.worksheet.worksheet import Worksheet

from tracker.render.workbook.cells import put

FORMAT = "tracker-workbook"
VERSION = 1
INPUT_ROLES = ("key", "actual", "as_of", "note")
TABLE_ROW = 10
TABLE_HEADINGS = ("key", "unit", "indicator", "year", "uom", "metric")


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


def write_meta(ws: Worksheet, meta: TrackerMeta) -> None:
    ws.sheet_state = "veryHidden"
    put(ws, 1, 1, FORMAT)
    put(ws, 1, 2, VERSION)
    for row, (name, value) in enumerate(
        (("sheet", meta.sheet), ("as_of_cell", meta.as_of_cell), ("header_row", meta.header_row)), start=2
    ):
        put(ws, row, 1, name)
        put(ws, row, 2, value)
    for row, role in enumerate(INPUT_ROLES, start=5):
        put(ws, row, 1, f"header:{role}")
        put(ws, row, 2, meta.headers[role])
    for column, heading in enumerate(TABLE_HEADINGS, start=1):
        put(ws, TABLE_ROW, column, heading)
    for row, (key, info) in enumerate(meta.rows.items(), start=TABLE_ROW + 1):
        for column, value in enumerate((key, info.unit, info.indicator, info.year, info.uom, info.metric), start=1):
            put(ws, row, column, value)


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

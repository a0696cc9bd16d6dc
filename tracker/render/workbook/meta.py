"""Writing the very hidden layout sheet of a tracker workbook (its format: tracker/entries/layout.py)."""

from __future__ import annotations

import json

from openpyxl.worksheet.worksheet import Worksheet

from tracker.entries.layout import FORMAT, INPUT_ROLES, TABLE_HEADINGS, TABLE_ROW, VERSION, Shown, TrackerMeta
from tracker.render.workbook.cells import put


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
    put(ws, 9, 1, "layout")
    put(ws, 9, 2, json.dumps({"columns": list(meta.columns), "sheets": list(meta.sheets)}, ensure_ascii=False))
    for column, heading in enumerate(TABLE_HEADINGS, start=1):
        put(ws, TABLE_ROW, column, heading)
    for row, (key, info) in enumerate(meta.rows.items(), start=TABLE_ROW + 1):
        shown = info.shown or Shown()
        values = (key, info.unit, info.indicator, info.year, info.uom, info.metric,
                  shown.value, shown.as_of.isoformat() if shown.as_of else None, shown.note)
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)

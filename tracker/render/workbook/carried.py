"""Writing back what users added to a tracker (read by tracker/entries/carry.py) into its new version.

Their sheets come after tracker's, cell by cell; their columns come after tracker's columns on the
tracker sheet (after the hidden helpers, so right of 来源 on screen), each cell on the row of its
target; their rows come after the targets, before the chart; formulas they typed into input cells
stay formulas. References to the tracker sheet are written where the cells they meant are now; one
whose row or column is gone reads #REF!, as in Excel after a row is deleted. Cells of their own stay
editable when the sheet is protected. The text users typed is theirs, formulas included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tracker.entries.carry import Carried, Cell
from tracker.entries.references import Formula, Point, Ref
from tracker.render.text import cell_text
from tracker.render.workbook.styles import UNLOCKED

BROKEN = "#REF!"


@dataclass(frozen=True)
class NewLayout:
    """Where things are on the new tracker sheet."""

    sheet: str
    columns: Mapping[str, int]     # our header text -> column
    first_user_column: int
    rows: Mapping[str, int]        # row key -> row
    first_user_row: int
    last_row: int                  # the last target or user row

    def column(self, anchor: tuple[str, object]) -> int | None:
        kind, value = anchor
        if kind == "header":
            return self.columns.get(str(value))
        if kind == "user":
            return self.first_user_column + int(value)  # type: ignore[arg-type]
        from openpyxl.utils import column_index_from_string

        return column_index_from_string(str(value))

    def row(self, anchor: tuple[str, object]) -> int | None:
        kind, value = anchor
        if kind == "key":
            return self.rows.get(str(value))
        if kind == "user":
            return self.first_user_row + int(value)  # type: ignore[arg-type]
        if kind == "top":
            return int(value)  # type: ignore[arg-type]
        return self.last_row + int(value)  # type: ignore[arg-type]


def formula_text(formula: Formula, layout: NewLayout) -> str:
    return "".join(part if isinstance(part, str) else _ref_text(part, layout) for part in formula.parts)


def _ref_text(ref: Ref, layout: NewLayout) -> str:
    start = _point_text(ref.start, layout)
    end = _point_text(ref.end, layout) if ref.end is not None else ""
    if start is None or end is None:
        return BROKEN
    return ref.prefix + start + (f":{end}" if ref.end is not None else "")


def _point_text(point: Point, layout: NewLayout) -> str | None:
    text = ""
    if point.column is not None:
        column = layout.column(point.column)
        if column is None:
            return None
        text += ("$" if point.column_fixed else "") + get_column_letter(column)
    if point.row is not None:
        row = layout.row(point.row)
        if row is None:
            return None
        text += ("$" if point.row_fixed else "") + str(row)
    return text


def write_user_sheets(workbook: Workbook, carried: Carried, layout: NewLayout) -> None:
    for sheet in carried.sheets:
        ws = workbook.create_sheet(sheet.title)
        for (row, column), cell in sheet.cells:
            _put(ws, row, column, cell, layout, editable=False)
        for merged in sheet.merged:
            ws.merge_cells(merged)
        for letter, width in sheet.widths:
            ws.column_dimensions[letter].width = width
        for row, height in sheet.heights:
            ws.row_dimensions[row].height = height
        ws.freeze_panes = sheet.freeze
        if sheet.hidden:
            ws.sheet_state = "hidden"


def write_user_columns_and_rows(ws: Worksheet, carried: Carried, layout: NewLayout, header_row: int) -> None:
    for number, column in enumerate(carried.columns):
        index = layout.first_user_column + number
        if column.header is not None:
            _put(ws, header_row, index, column.header, layout, editable=True)
        for key, cell in column.by_key:
            if key in layout.rows:
                _put(ws, layout.rows[key], index, cell, layout, editable=True)
        if column.width:
            ws.column_dimensions[get_column_letter(index)].width = column.width
    for number, user_row in enumerate(carried.rows):
        for anchor, cell in user_row.cells:
            column = layout.column(anchor)
            if column is not None:
                _put(ws, layout.first_user_row + number, column, cell, layout, editable=True)


def write_input_formulas(ws: Worksheet, carried: Carried, layout: NewLayout, columns: Mapping[str, int],
                         shown: Mapping[tuple[str, str], object]) -> dict[str, object]:
    """Formulas typed into input cells, each with the value the row shows as its saved result (so a
    reader that does not recalculate, tracker itself included, reads that value); cell -> value."""
    cached = {}
    for key, role, formula in carried.inputs:
        if key not in layout.rows:
            continue
        cell = ws.cell(layout.rows[key], columns[role])
        cell.value = formula_text(formula, layout)
        cached[cell.coordinate] = shown.get((key, role))
    return {ref: value for ref, value in cached.items() if value is not None}


def _put(ws: Worksheet, row: int, column: int, cell: Cell, layout: NewLayout, *, editable: bool) -> None:
    target = ws.cell(row, column)
    value = cell.value
    if isinstance(value, Formula):
        target.value = formula_text(value, layout)
    elif isinstance(value, str):
        target.value = cell_text(value)
        target.data_type = "s"  # text stays text, even when it starts with "="
    else:
        target.value = value
    look = cell.look
    target.number_format = look.number_format
    if look.bold or look.italic or look.color:
        target.font = Font(bold=look.bold, italic=look.italic, color=look.color)
    if look.fill:
        target.fill = PatternFill("solid", fgColor=look.fill)
    if look.horizontal or look.wrap:
        target.alignment = Alignment(horizontal=look.horizontal, wrap_text=look.wrap or None)
    if cell.comment:
        target.comment = Comment(cell_text(cell.comment), "")
    if editable:
        target.protection = UNLOCKED

"""What users add to a tracker besides figures, read so that the next build carries it into the new workbook.

A tracker is regenerated on every build whose inputs changed, so whatever a user added to it is
read here and handed to the renderer as plain data (render/workbook/carried.py writes it back):
- sheets of their own (我的工作底稿): every cell's value or formula, number format and basic look,
  merged cells, column widths, row heights, frozen panes, comments;
- columns of their own on the tracker sheet (责任人), cell by cell by row key, so they stay with
  their target however the rows move;
- rows of their own (an indicator and figure tracker does not track), kept after the targets;
- formulas typed into input cells (=我的工作底稿!B3), kept as formulas.
References to the tracker sheet in carried formulas are kept by meaning (the column's header, the
row's key), not by position, and written again where those cells are in the new workbook.
What cannot be carried faithfully (pictures, charts, pivot tables, data validation, conditional
formats, defined names, chart sheets) makes `blockers` non-empty: the workbook is then left as it
is, its figures still recorded, and the build says why.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tracker.entries.layout import TrackerMeta
from tracker.entries.references import Formula, Layout, Ref, formula_of
from tracker.messages import Message, say


@dataclass(frozen=True)
class Look:
    """The look of a carried cell, as far as it is carried."""

    number_format: str = "General"
    bold: bool = False
    italic: bool = False
    color: str | None = None          # font colour, aRGB
    fill: str | None = None           # solid fill colour, aRGB
    horizontal: str | None = None
    wrap: bool = False


@dataclass(frozen=True)
class Cell:
    value: object                     # a number, text, bool, date, or a Formula
    look: Look = field(default_factory=Look)
    comment: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet of the user's own, cell by cell (row, column) -> Cell."""

    title: str
    cells: tuple[tuple[tuple[int, int], Cell], ...]
    merged: tuple[str, ...] = ()
    widths: tuple[tuple[str, float], ...] = ()
    heights: tuple[tuple[int, float], ...] = ()
    freeze: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Column:
    """A column of the user's own on the tracker sheet: its header and its cells by row key (or user row)."""

    header: Cell | None
    by_key: tuple[tuple[str, Cell], ...] = ()
    width: float | None = None


@dataclass(frozen=True)
class UserRow:
    """A row the user added to the tracker sheet: its cells by the header of their column (ours or theirs)."""

    cells: tuple[tuple[tuple[str, object], Cell], ...]   # (("header", text) | ("user", n)) -> Cell
    label: str                                           # what the row says it is (its first text)


@dataclass(frozen=True)
class Carried:
    """Everything to carry into the next version of one tracker workbook."""

    sheets: tuple[Sheet, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: tuple[UserRow, ...] = ()
    inputs: tuple[tuple[str, str, Formula], ...] = ()      # (row key, input role, formula)
    blockers: tuple[Message, ...] = ()                     # why it cannot be carried, if it cannot
    tracker_sheet: str = ""                                # the tracker sheet's name, for messages

    def __bool__(self) -> bool:
        return bool(self.sheets or self.columns or self.rows or self.inputs or self.blockers)


def read_carried(formulas: Workbook, meta: TrackerMeta, header_row: int, input_columns: dict[str, int],
                 label: str) -> tuple[Carried, list[str]]:
    """What to carry from a tracker workbook (read with its formulas), told from what tracker wrote by
    its layout sheet, and where the rows the user added are now ("trackers/X.xlsx!目标跟踪!B12");
    `header_row` and `input_columns` are where the header row and input columns are found now. (Where
    things are is not part of what is carried, so moving them around changes nothing.)"""
    tracker_sheet = meta.sheet
    our_sheets = set(meta.sheets)
    fs = formulas[tracker_sheet]
    blockers = _blockers(formulas, tracker_sheet, our_sheets)
    layout = _layout(fs, header_row, _our_headers(fs, meta, header_row), input_columns["key"])
    columns = tuple(_column(fs, column, layout) for column in layout.user_columns)
    rows = tuple(_user_row(fs, row, layout) for row in layout.user_rows)
    places = [f"{label}!{tracker_sheet}!{_first_cell(fs, row)}" for row in layout.user_rows]
    inputs = []
    for row, key in layout.keys.items():
        for role in ("actual", "as_of", "note"):
            cell = fs.cell(row, input_columns[role])
            if cell.data_type == "f":
                inputs.append((key, role, formula_of(cell.value, layout, True)))
    sheets = tuple(_sheet(ws, layout) for ws in formulas.worksheets
                   if ws.title not in our_sheets and ws.title != tracker_sheet)
    return Carried(sheets, columns, rows, tuple(inputs), tuple(blockers), tracker_sheet), places


def _blockers(book: Workbook, tracker_sheet: str, our_sheets: set[str]) -> list[Message]:
    found = []
    for ws in book.worksheets:
        own = ws.title not in our_sheets and ws.title != tracker_sheet
        charts = len(ws._charts) - (1 if ws.title == tracker_sheet else 0)  # the tracker sheet has ours
        what = [say(name) for name, present in (
            ("carry.picture", bool(ws._images)), ("carry.chart", charts > 0), ("carry.pivot", bool(ws._pivots)),
            ("carry.table", own and bool(ws.tables)),
            ("carry.validation", own and bool(ws.data_validations.dataValidation)),
            ("carry.conditional", own and bool(list(ws.conditional_formatting)))) if present]
        if what:
            found.append(say("carry.sheet_has", sheet=ws.title, things=what))
    if book.chartsheets:
        found.append(say("carry.chart_sheet", sheet=book.chartsheets[0].title))
    names = [name for name in book.defined_names if not name.startswith("_xlnm")]
    if names:
        found.append(say("carry.defined_name", name=names[0]))
    return found


def may_carry(values: Workbook, meta: TrackerMeta, header_row: int, input_columns: dict[str, int],
              formulas: Collection[tuple[int, int]]) -> bool:
    """Whether the workbook (read with cached values; `formulas`: where the tracker sheet's formulas are)
    holds anything of the user's own, so that read_carried must look at it."""
    if set(values.sheetnames) - set(meta.sheets) - {meta.sheet}:
        return True
    if any(not name.startswith("_xlnm") for name in values.defined_names):
        return True
    ws = values[meta.sheet]
    if ws._images or len(ws._charts) > 1:
        return True
    layout = _layout(ws, header_row, _our_headers(ws, meta, header_row), input_columns["key"], formulas)
    inputs = {input_columns[role] for role in ("actual", "as_of", "note")}
    return bool(layout.user_columns or layout.user_rows
                or any(column in inputs and row in layout.keys for row, column in formulas))


def _our_headers(ws: Worksheet, meta: TrackerMeta, header_row: int) -> set[str]:
    # A version 1 workbook does not list its columns: all of them count as tracker's.
    return set(meta.columns) or {str(c.value).strip() for c in ws[header_row] if c.value is not None}


def _layout(fs: Worksheet, header_row: int, our_headers: set[str], key_column: int,
            formulas: Collection[tuple[int, int]] = ()) -> Layout:
    """Where things are; a cell counts as used when it has a value or (`formulas`) a formula."""
    ours, user_columns = {}, {}
    used = {c for row in fs.iter_rows(min_row=header_row) for c in (cell.column for cell in row if cell.value is not None)}
    used |= {column for row, column in formulas if row >= header_row}
    for column in range(1, max(used | {fs.max_column}) + 1):
        text = fs.cell(header_row, column).value
        if isinstance(text, str) and text.strip() in our_headers:
            ours[column] = text.strip()
        elif column in used:
            user_columns[column] = len(user_columns)
    keys, user_rows = {}, {}
    for row in range(header_row + 1, fs.max_row + 1):
        key = fs.cell(row, key_column).value
        if key is not None and str(key).strip():
            keys[row] = str(key).strip()
        elif any(fs.cell(row, column).value is not None for column in range(1, fs.max_column + 1)) \
                or any(r == row for r, _ in formulas):
            user_rows[row] = len(user_rows)
    last = max([header_row, *keys, *user_rows])
    return Layout(fs.title, header_row, ours, keys, user_columns, user_rows, last)


def _column(fs: Worksheet, column: int, layout: Layout) -> Column:
    header = _cell(fs.cell(layout.header_row, column), layout)
    cells = [(key, _cell(fs.cell(row, column), layout)) for row, key in layout.keys.items()]
    width = fs.column_dimensions[get_column_letter(column)].width if get_column_letter(column) in \
        fs.column_dimensions else None
    return Column(header, tuple((key, cell) for key, cell in cells if cell is not None), width)


def _first_cell(fs: Worksheet, row: int) -> str:
    first = next((c for c in range(1, fs.max_column + 1) if fs.cell(row, c).value is not None), 1)
    return f"{get_column_letter(first)}{row}"


def _user_row(fs: Worksheet, row: int, layout: Layout) -> UserRow:
    cells = []
    for column in range(1, fs.max_column + 1):
        cell = _cell(fs.cell(row, column), layout)
        if cell is None:
            continue
        anchor = ("header", layout.ours[column]) if column in layout.ours else ("user", layout.user_columns[column])
        cells.append((anchor, cell))
    texts = [str(cell.value) for _, cell in cells if isinstance(cell.value, str)]
    return UserRow(tuple(cells), texts[0] if texts else "")


def _sheet(fs: Worksheet, layout: Layout) -> Sheet:
    cells = []
    for row in fs.iter_rows():
        for source in row:
            cell = _cell(source, layout, own_sheet=True)
            if cell is not None:
                cells.append(((source.row, source.column), cell))
    widths = tuple((letter, dim.width) for letter, dim in sorted(fs.column_dimensions.items())
                   if dim.customWidth and dim.width)
    heights = tuple((row, dim.height) for row, dim in sorted(fs.row_dimensions.items()) if dim.height)
    return Sheet(fs.title, tuple(cells), tuple(str(r) for r in fs.merged_cells.ranges), widths, heights,
                 fs.freeze_panes, fs.sheet_state != "visible")


def _cell(formula_cell, layout: Layout, own_sheet: bool = False) -> Cell | None:
    value = formula_cell.value
    comment = formula_cell.comment.text if formula_cell.comment is not None else None
    if value is None and comment is None:
        return None
    if formula_cell.data_type == "f":
        value = formula_of(value, layout, not own_sheet)
    font, fill, alignment = formula_cell.font, formula_cell.fill, formula_cell.alignment
    look = Look(number_format=formula_cell.number_format, bold=bool(font.b), italic=bool(font.i),
                color=_rgb(font.color), fill=_rgb(fill.fgColor) if fill.fill_type == "solid" else None,
                horizontal=alignment.horizontal, wrap=bool(alignment.wrap_text))
    return Cell(value, look, comment)


def _rgb(color) -> str | None:
    return color.rgb if color is not None and color.type == "rgb" and isinstance(color.rgb, str) else None


def gone_references(carried: Carried, keys: set[str]) -> list[tuple[str, str]]:
    """Where a carried formula refers to the row of a target no longer on the tracker, and that target's
    key: ("我的工作底稿!B4", "兰州新区|技术合同成交额|2024") (the reference is written as #REF!)."""
    found = []
    tracker_sheet = carried.tracker_sheet
    places: list[tuple[str, object]] = [(f"{s.title}!{get_column_letter(c)}{r}", cell.value)
                                        for s in carried.sheets for (r, c), cell in s.cells]
    places += [(f"{tracker_sheet}!{column.header.value if column.header else number + 1}", cell.value)
               for number, column in enumerate(carried.columns) for _, cell in column.by_key]
    places += [(f"{tracker_sheet} ({role})", formula) for _, role, formula in carried.inputs]
    for place, value in places:
        if not isinstance(value, Formula):
            continue
        for part in value.parts:
            if isinstance(part, Ref):
                for point in (part.start, part.end):
                    if point is not None and point.row and point.row[0] == "key" and point.row[1] not in keys:
                        found.append((place, str(point.row[1])))
    return list(dict.fromkeys(found))

"""Sheets with many rows, written in row order by openpyxl's write-only mode (streaming).

An ordinary openpyxl sheet keeps a full Cell object per cell (about a quarter of a kilobyte with
its style) and hashes every style object set on one; the summary of a national project has
hundreds of thousands of cells. A StreamedSheet takes the calls the workbook code makes on an
ordinary sheet (`cell(row, column)` and setting a cell's value, data type, font, fill, border,
alignment, number format, protection or hyperlink; merges, dimensions, row heights, conditional
formats, tables, panes and print settings), keeps each cell as a small record, or a whole row
as one (`put_row`, for lists whose columns share a style), and on `close()` writes the rows in
order as XML text (sheet_xml.py) into the worksheet part openpyxl writes around them: the file
has the same cells, values and styles as an ordinary sheet's would.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from tracker.render.workbook.cells import put, put_value
from tracker.render.workbook.row_cache import RowCache
from tracker.render.workbook.sheet_xml import (
    PLAIN_TYPES,
    CellStyle,
    KeptRow,
    PutRow,
    SheetData,
    empty_sheet_data,
    inferred,
    splice,
    write_rows,
)


class StreamedCell:
    """A cell waiting to be written: what the code sets on it, nothing else."""

    __slots__ = ("_value", "alignment", "border", "column", "data_type", "fill", "font", "hyperlink",
                 "number_format", "protection", "row")

    def __init__(self, row: int, column: int) -> None:
        self.row, self.column = row, column
        self._value: Any = None
        self.data_type = self.font = self.fill = self.border = self.alignment = None
        self.protection = self.hyperlink = self.number_format = None

    @property
    def value(self) -> Any:
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        self._value = value
        self.data_type = None  # inferred by openpyxl when written, as an ordinary cell infers it

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column)


class Peek(NamedTuple):
    """What a row written whole holds at a place."""

    value: Any
    data_type: str | None


def _cells(row: int, whole: PutRow) -> dict[int, StreamedCell]:
    """A row written whole as cells, for code that sets something on one of them."""
    cells = {}
    for column, (value, style) in enumerate(zip(whole.values, whole.styles, strict=True), start=1):
        cell = cells[column] = StreamedCell(row, column)
        cell._value = value
        cell.data_type = "s" if type(value) is str else None
        if style is not None:
            cell.font, cell.fill, cell.border, cell.alignment, cell.protection, cell.number_format = style
    for column, link in (whole.links or {}).items():
        cells[column].hyperlink = link
    return cells


def _kind(cell: StreamedCell) -> str | None:
    """A cell's data type as set, or for text as openpyxl will infer it (a formula, an error)."""
    if cell.data_type is None and type(cell._value) is str:
        return inferred(cell._value)
    return cell.data_type


def put_row(ws: Worksheet | StreamedSheet, row: int, values: Sequence[Any], styles: Sequence[CellStyle | None],
            links: Mapping[int, Hyperlink] | None = None) -> None:
    """Write a whole row from column 1, each value as `put` writes it, styled as `styles` says,
    with `links` (column -> hyperlink) on cells that have text."""
    if isinstance(ws, StreamedSheet):
        ws.put_row(row, values, styles, links)
        return
    for column, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
        cell = put(ws, row, column, value)
        for name, setting in zip(CellStyle._fields, style or (), strict=False):
            if setting is not None:
                setattr(cell, name, setting)
    for column, link in (links or {}).items():
        ws.cell(row, column).hyperlink = link


class RowHeight:
    """What a streamed sheet keeps of a row's dimensions: its height (openpyxl's RowDimension, a
    few hundred bytes, was made for every row of a list)."""

    __slots__ = ("height",)

    def __init__(self) -> None:
        self.height: float | None = None


class RowHeights(dict):
    """row -> its RowHeight, made when first asked for, as `row_dimensions[row]` is."""

    def __missing__(self, row: int) -> RowHeight:
        height = self[row] = RowHeight()
        return height


class StreamedSheet:
    """A write-only worksheet behind the interface of an ordinary one (see the module docstring)."""

    PAPERSIZE_A4 = Worksheet.PAPERSIZE_A4
    ORIENTATION_LANDSCAPE = Worksheet.ORIENTATION_LANDSCAPE
    _OWN = ("_sheet", "_rows", "_heights", "_data", "_kept", "_by_content")

    def __init__(self, workbook: Workbook, title: str, kept: RowCache | None = None, by_content: bool = False) -> None:
        """`kept`: the rows an earlier build kept for this sheet, and where its rows are kept for the
        next (row_cache.py): the rows given a key (put_row) and found by it (put_kept), or, `by_content`,
        every row written whole without links, found by what it holds when the sheet is written."""
        sheet = workbook.create_sheet(title)
        object.__setattr__(self, "_sheet", sheet)
        object.__setattr__(self, "_rows", {})
        object.__setattr__(self, "_heights", RowHeights())
        object.__setattr__(self, "_data", SheetData(sheet))
        object.__setattr__(self, "_kept", kept if kept is not None and kept.path is not None else None)
        object.__setattr__(self, "_by_content", by_content)

    def register_styles(self, styles: Sequence[CellStyle]) -> None:
        """Register every style the sheet's kept rows may use, in order, before anything else
        (row_cache.py), and read the rows kept under the ids that gives."""
        signature = self._data.register(styles)
        if self._kept is not None:
            self._kept.open(signature)

    def put_kept(self, row: int, key: bytes) -> bool:
        """Put at `row` the row an earlier build kept under `key` (its values and height as they
        were then); False when there is none, and the caller writes the row (with `key`)."""
        place = self._kept.find(key) if self._kept is not None else None
        if place is None:
            return False
        self._rows[row] = KeptRow(key, place)
        return True

    @property
    def row_dimensions(self) -> RowHeights:
        return self._heights

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._sheet, name, value)  # freeze_panes, print_title_rows, print_area ...

    def cell(self, row: int, column: int, value: Any = None) -> StreamedCell:
        cells = self._rows.get(row)
        if cells is None:
            cells = self._rows[row] = {}
        elif isinstance(cells, PutRow):
            cells = self._rows[row] = _cells(row, cells)
        elif isinstance(cells, KeptRow):
            raise ValueError(f"row {row} is kept as an earlier build made it: its cells cannot be set")
        cell = cells.get(column)
        if cell is None:
            cell = cells[column] = StreamedCell(row, column)
        if value is not None:
            cell.value = value
        return cell

    def put_row(self, row: int, values: Sequence[Any], styles: Sequence[CellStyle | None],
                links: Mapping[int, Hyperlink] | None = None, key: bytes | None = None) -> None:
        """Write a whole row from column 1, each value as `put` writes it, styled as `styles` says, with
        `links` on cells that have text (kept as one record: a national list has hundreds of
        thousands of cells). With `key` (a digest of everything the row is made from), the row
        is kept for the next build (put_kept), unless it has links or values other than text,
        numbers and blanks (PLAIN_TYPES), whose XML depends on more than the row."""
        if len(values) != len(styles):
            raise ValueError(f"row {row}: {len(values)} values but {len(styles)} styles")
        if links and any(not 0 < column <= len(values) or values[column - 1] is None for column in links):
            raise ValueError(f"row {row}: a link needs a cell with text: columns {sorted(links)}")
        if key is not None and (links or self._kept is None or any(type(value) not in PLAIN_TYPES for value in values)):
            key = None
        self._rows[row] = PutRow([put_value(value) for value in values], styles, links, key)

    def existing(self, row: int, column: int) -> StreamedCell | Peek | None:
        """The cell at (row, column) if anything was set on it (cell() would make one); in a row
        written whole, its value and data type."""
        cells = self._rows.get(row)
        if isinstance(cells, KeptRow):
            return None
        if isinstance(cells, PutRow):
            if column > len(cells.values):
                return None
            value = cells.values[column - 1]
            return Peek(value, "s" if type(value) is str else None)
        return cells.get(column) if cells is not None else None

    def row_values(self, row: int) -> Iterable[tuple[int, Any, str | None]]:
        """(column, value, data type) of what a row has, in no particular order."""
        cells = self._rows.get(row)
        if isinstance(cells, PutRow):
            return ((column, value, "s") for column, value in enumerate(cells.values, start=1) if type(value) is str)
        if cells is None or isinstance(cells, KeptRow):   # a kept row has its height already
            return ()
        return ((column, cell._value, _kind(cell)) for column, cell in cells.items())

    def texts(self, rows: Iterable[int], columns: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(column, text) of every distinct text, not a formula, in `rows` and `columns`."""
        wanted = set(columns)
        found: set[tuple[int, str]] = set()
        for row in rows:
            cells = self._rows.get(row)
            if isinstance(cells, PutRow):
                found.update((column, value) for column, value in enumerate(cells.values, start=1)
                             if type(value) is str and column in wanted)
            elif cells is not None and not isinstance(cells, KeptRow):
                found.update((column, cell._value) for column, cell in cells.items()
                             if type(cell._value) is str and _kind(cell) != "f" and column in wanted)
        return iter(found)

    def merge_cells(self, range_string: str | None = None, start_row: int | None = None,
                    start_column: int | None = None, end_row: int | None = None, end_column: int | None = None) -> None:
        cells = CellRange(range_string=range_string, min_col=start_column, min_row=start_row, max_col=end_column,
                          max_row=end_row)
        self._sheet.merged_cells.add(cells)

    def add_data_validation(self, validation: DataValidation) -> None:
        self._sheet.data_validations.append(validation)

    def add_table(self, table: Table) -> None:
        # openpyxl names a table's columns from its header cells when saving, which a streamed
        # sheet no longer holds: they are named here, as it would name them.
        if not table.tableColumns:
            table._initialise_columns()
            first = CellRange(table.ref)
            for offset, column in enumerate(table.tableColumns):
                header = self.existing(first.min_row, first.min_col + offset)
                column.name = str(header.value if header is not None else None)
        with warnings.catch_warnings():  # "you must add table columns manually": they are, above
            warnings.simplefilter("ignore", UserWarning)
            self._sheet.add_table(table)

    def close(self) -> None:
        """Write every row, in order (rows and columns set afterwards have no effect)."""
        sheet = self._sheet
        sheet._get_writer()  # writes what comes before the rows (views, columns), and clears the hyperlinks
        writer = sheet._writer
        try:
            with tempfile.TemporaryFile() as rows:
                if self._kept is not None and self._by_content:
                    self._kept.open("by content")   # each key holds the row's style ids
                write_rows(rows, self._data.rows(self._rows, self._heights, self._kept, self._by_content))
                writer.write_rows = partial(empty_sheet_data, writer)  # the rows are spliced in below
                sheet.close()
                rows.seek(0)
                splice(writer.out, rows)
            if self._kept is not None:
                self._kept.commit()
        finally:
            if self._kept is not None:
                self._kept.close()

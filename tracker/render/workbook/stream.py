"""Sheets with many rows, written in row order by openpyxl's write-only mode (streaming).

An ordinary openpyxl sheet keeps a full Cell object per cell (about a quarter of a kilobyte with
its style) and hashes every style object set on one; the summary of a national project has
hundreds of thousands of cells. A StreamedSheet takes the calls the workbook code makes on an
ordinary sheet (`cell(row, column)` and setting a cell's value, data type, font, fill, border,
alignment, number format, protection or hyperlink; merges, dimensions, conditional formats,
tables, panes and print settings), keeps each cell as a small record, and on `close()` writes
the rows in order, each distinct style set up once and copied: the file has the same cells,
values and styles as an ordinary sheet's would.
"""

from __future__ import annotations

import tempfile
import warnings
from functools import partial
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from tracker.render.workbook.sheet_xml import SheetData, empty_sheet_data, splice, write_rows


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


class StreamedSheet:
    """A write-only worksheet behind the interface of an ordinary one (see the module docstring)."""

    PAPERSIZE_A4 = Worksheet.PAPERSIZE_A4
    ORIENTATION_LANDSCAPE = Worksheet.ORIENTATION_LANDSCAPE
    _OWN = ("_sheet", "_rows")

    def __init__(self, workbook: Workbook, title: str) -> None:
        object.__setattr__(self, "_sheet", workbook.create_sheet(title))
        object.__setattr__(self, "_rows", {})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._sheet, name, value)  # freeze_panes, print_title_rows, print_area ...

    def cell(self, row: int, column: int, value: Any = None) -> StreamedCell:
        cells = self._rows.setdefault(row, {})
        cell = cells.get(column)
        if cell is None:
            cell = cells[column] = StreamedCell(row, column)
        if value is not None:
            cell.value = value
        return cell

    def existing(self, row: int, column: int) -> StreamedCell | None:
        """The cell at (row, column) if anything was set on it (cell() would make one)."""
        cells = self._rows.get(row)
        return cells.get(column) if cells is not None else None

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
                header = self._rows.get(first.min_row, {}).get(first.min_col + offset)
                column.name = str(header.value if header is not None else None)
        with warnings.catch_warnings():  # "you must add table columns manually": they are, above
            warnings.simplefilter("ignore", UserWarning)
            self._sheet.add_table(table)

    def close(self) -> None:
        """Write every row, in order (rows and columns set afterwards have no effect)."""
        sheet = self._sheet
        sheet._get_writer()  # writes what comes before the rows (views, columns), and clears the hyperlinks
        writer = sheet._writer
        with tempfile.TemporaryFile() as rows:
            write_rows(rows, SheetData(sheet).rows(self._rows))
            writer.write_rows = partial(empty_sheet_data, writer)  # the rows are spliced in below
            sheet.close()
            rows.seek(0)
            splice(writer.out, rows)

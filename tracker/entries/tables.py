"""Reading a table users filled in (CSV or .xlsx) into rows keyed by column, for the import readers.

A header cell names a column by any of its accepted names (English or Chinese). A header may
carry both and a marker, as the templates write them: "单位 (unit)", "实际完成*". Columns with
other names are ignored (offices add 序号 or 责任人 columns); wholly blank rows are skipped.
Row numbers are the spreadsheet's (the header is row 1), so problems point where users look.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.entries.cells import is_blank
from tracker.entries.damaged import WORKBOOK_ERRORS
from tracker.entries.figures import as_shown
from tracker.errors import InputRejected
from tracker.intake.encoding import NotText, decode
from tracker.messages import Message, say
from tracker.models import Problem
from tracker.outputs import csv_unescaped

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass(frozen=True)
class Column:
    """A column a reader understands: its name, every header accepted for it, and whether it must be there."""

    name: str
    headers: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Row:
    number: int                 # the spreadsheet row number
    cells: dict[str, Any]       # column name -> the cell as read (text, number, date or None)


@dataclass(frozen=True)
class Table:
    file: str                   # the file name problems cite
    headers: dict[str, str]     # column name -> the header as written in the file
    rows: tuple[Row, ...]

    def where(self, row: Row, column: str | None = None) -> Message:
        if column is None:
            return say("table.row", file=self.file, row=row.number)
        return say("table.cell", file=self.file, row=row.number, column=self.headers.get(column, column))


def header_words(header: str) -> set[str]:
    """'单位 (unit)' -> {'单位 (unit)', '单位', 'unit'}: the whole header and each of its parts."""
    text = unicodedata.normalize("NFKC", header).strip().lower().replace("*", "")
    return {text.strip(), *(part for part in re.split(r"[\s()/|]+", text) if part)}


def read_table(path: Path, columns: Sequence[Column]) -> tuple[Table, list[Problem]]:
    """The rows of the CSV or .xlsx file at `path`; a missing required column is a problem for the
    whole file (no rows are returned then). Raises InputRejected when the file cannot be read at all.
    """
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        grid = _excel_rows(path, columns)
    elif suffix in CSV_SUFFIXES:
        grid = _csv_rows(path)
    else:
        raise InputRejected(say("table.not_table", file=path.name))
    header, body = (grid[0], grid[1:]) if grid else ([], [])
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(header):
        words = header_words(str(cell or ""))
        for column in columns:
            if words & {name.lower() for name in column.headers}:
                if column.name in positions:
                    problems.append(Problem(say("table.row", file=path.name, row=1), say("table.two_columns",
                                            column=column.name), found=str(cell), expected=say("table.each_once")))
                else:
                    positions[column.name], written[column.name] = index, str(cell).strip()
                break
    missing = [c for c in columns if c.required and c.name not in positions]
    for column in missing:
        problems.append(Problem(say("table.row", file=path.name, row=1), say("table.no_column", column=column.name),
                                expected=say("table.expected_headers", headers=list(column.headers))))
    if problems:
        return Table(path.name, written, ()), problems
    rows = []
    for number, values in enumerate(body, start=2):
        cells = {name: values[i] if i < len(values) else None for name, i in positions.items()}
        if not all(is_blank(value) for value in cells.values()):
            rows.append(Row(number, cells))
    return Table(path.name, written, tuple(rows)), []


def decode_table(data: bytes) -> str:
    """The text of a CSV file (Excel on Chinese Windows saves CSV as GBK)."""
    return decode(data)[0]


def _csv_rows(path: Path) -> list[list[Any]]:
    try:
        text = decode_table(path.read_bytes())
    except NotText as exc:
        raise InputRejected(say("table.not_text", file=path.name, error=str(exc))) from exc
    except OSError as exc:
        raise InputRejected(say("table.unreadable", path=str(path), error=exc.strerror or str(exc))) from exc
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    # Fields tracker wrote with an apostrophe, so no spreadsheet takes them for a formula, lose it.
    return [[csv_unescaped(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _excel_rows(path: Path, columns: Sequence[Column]) -> list[list[Any]]:
    """The first sheet whose header row names every required column (else the first sheet).

    Percent-formatted numbers come back as the text shown ('28.5%'); formulas give their value
    as last calculated by Excel.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return _chosen_rows(book, columns)
        finally:
            book.close()
    except WORKBOOK_ERRORS as exc:
        raise InputRejected(say("table.not_xlsx", file=path.name, error=str(exc))) from exc


def _chosen_rows(book, columns: Sequence[Column]) -> list[list[Any]]:
    wanted = [{h.lower() for h in c.headers} for c in columns if c.required]
    chosen = book.worksheets[0] if book.worksheets else None
    for sheet in book.worksheets:
        header = next(sheet.iter_rows(max_row=1, values_only=True), ())
        found = set().union(set(), *(header_words(str(cell or "")) for cell in header))
        if all(found & names for names in wanted):
            chosen = sheet
            break
    if chosen is None:
        return []
    return [[as_shown(c.value, getattr(c, "number_format", None)) for c in row] for row in chosen.iter_rows()]

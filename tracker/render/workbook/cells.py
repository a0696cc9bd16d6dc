"""Writing cells safely: text from documents stays text, numbers get formats that match their unit.

openpyxl turns any string starting with "=" into a formula; a quote such as "=280家" from a
document must never run, so every string goes through `put` with its data type forced to
text, cleaned by tracker/render/text.py (characters XML forbids dropped, a literal "_x000D_" escaped), since
openpyxl would refuse to save them.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import partial

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.render.text import cell_text
from tracker.render.units_en import SUFFIXES, split_magnitude

PERCENT_UNITS = ("%", "‰", "个百分点")
# Whole things: firms, projects, people. Values in these units are shown without decimals.
COUNT_UNITS = frozenset(base for base, noun in SUFFIXES.items() if noun in ("", "people", "households"))
DATE_FORMATS = {"zh": 'yyyy"年"m"月"d"日"', "en": "d mmmm yyyy"}  # as the memos write dates
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
POINTS_FORMAT = "0.0"
MAX_WIDTH = 60
LINE_HEIGHT = 13.5  # points per line of 10-point text


def put(ws: Worksheet, row: int, column: int, value: object, number_format: str | None = None) -> Cell:
    """Write a value; strings are always text (never formulas), None leaves the cell empty."""
    cell = ws.cell(row=row, column=column)
    cell.value = put_value(value)
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format is not None:
        cell.number_format = number_format
    return cell


def put_value(value: object) -> object:
    """The value `put` writes: text cleaned (tracker/render/text.py), datetimes without a time zone."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones; keep the wall-clock time
    return value


def clean_text(text: str) -> str:
    """cell_text(text), without running its regular expressions over text they would not change
    (printable, no "_x"): they cost more than the rest of writing the cell."""
    return text if text.isprintable() and "_x" not in text else cell_text(text)


def put_formula(ws: Worksheet, row: int, column: int, formula: str, number_format: str | None = None) -> Cell:
    """Write a formula the tool built itself (never text from a document)."""
    if not formula.startswith("="):
        raise ValueError(f"a formula starts with '=': {formula!r}")
    cell = ws.cell(row=row, column=column)
    cell.value = formula
    if number_format is not None:
        cell.number_format = number_format
    return cell


@functools.lru_cache(maxsize=256)  # asked for on every row of a national list
def number_format_for(uom: str, lang: str = "zh") -> str:
    """Money and 万/亿 magnitudes with 2 decimals, counts without, percents and points with 1."""
    grouping = "#,##" if lang == "en" else ""
    if uom in PERCENT_UNITS:
        return POINTS_FORMAT
    factor, base = split_magnitude(uom)
    if factor == 1 and base in COUNT_UNITS:
        return f"{grouping}0"
    return f"{grouping}0.00"


class _WideDropped(dict):
    """A str.translate table that drops wide and full-width characters, filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.east_asian_width(chr(code)) in ("W", "F") else code
        return kept


_WIDE_DROPPED = _WideDropped()


@functools.lru_cache(maxsize=8192)  # the same labels and names come back on every row
def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count as 2."""
    if text.isascii():
        return len(text)
    # Counted by str.translate, not character by character: a national records.xlsx sizes the
    # rows of some fifty thousand quotes (twice as fast).
    return 2 * len(text) - len(text.translate(_WIDE_DROPPED))


def fit_width(texts: list[str], minimum: int = 6, maximum: int = MAX_WIDTH) -> float:
    """A column width that shows the longest text (capped; longer text wraps)."""
    widest = max((display_width(t) for line in texts for t in line.split("\n")), default=0)
    return float(min(max(widest + 2, minimum), maximum))


def fit_row_heights(ws: Worksheet, rows: range, columns: range, *, uniform: bool = False) -> None:
    """Give rows whose text wraps the height it needs; `uniform`: every row the height of the tallest
    (a list reads and prints evenly).

    LibreOffice keeps the row heights stored in an .xlsx and Excel does not grow rows for text
    written by a program, so wrapped text would be cut off without this. Formula results are
    not measured: their columns are sized for their widest result.
    """
    # Column widths are read once: a national summary has tens of thousands of rows.
    usable = [(column, max((ws.column_dimensions[get_column_letter(column)].width or 8.43) - 1, 1))
              for column in columns]
    # A streamed sheet gives the values a row has (StreamedSheet.row_values): cell() would make an
    # empty cell for every place asked about.
    values = getattr(ws, "row_values", None) or partial(_row_values, ws, [column for column, _ in usable])
    widths = dict(usable)
    if uniform:
        texts = getattr(ws, "texts", None)  # a streamed sheet's distinct texts: each measured once
        if texts is not None:
            tallest = max((wrapped_lines(text, widths[column]) for column, text in texts(rows, widths)), default=1)
        else:
            tallest = max((_lines(values(row), widths) for row in rows), default=1)
        for row in rows:
            ws.row_dimensions[row].height = LINE_HEIGHT * tallest + 2
        return
    for row in rows:
        lines = _lines(values(row), widths)
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * lines + 2


def _row_values(ws: Worksheet, columns: list[int], row: int) -> Iterator[tuple[int, object, str | None]]:
    for column in columns:
        cell = ws.cell(row, column)
        yield column, cell.value, cell.data_type


def _lines(values: Iterable[tuple[int, object, str | None]], widths: dict[int, float]) -> int:
    """How many lines the tallest text of a row wraps to (`values`: its (column, value, data type);
    `widths`: the columns measured, with their width for text)."""
    lines = 1
    for column, value, data_type in values:
        if type(value) is str and data_type != "f" and column in widths:
            lines = max(lines, wrapped_lines(value, widths[column]))
    return lines


@functools.lru_cache(maxsize=16384)  # labels, names and units come back on every row
def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide for text."""
    return sum(math.ceil(max(display_width(part), 1) / width) for part in text.split("\n"))


def shown_text(value: object) -> str:
    """About what a cell shows, for sizing its column: numbers with two decimals, dates at their widest."""
    if value is None:
        return ""
    if isinstance(value, date):
        return "2024年12月31日"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)



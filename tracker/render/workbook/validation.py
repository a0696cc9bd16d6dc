"""Data validation on the tracker's input cells: what may be typed, with a prompt and an error.

Figures are numbers >= 0, except growth and change rates, which may fall (down to -100), or text:
a figure with its unit (300家, 3.2亿元, 32000万元) is let through, and tracker reads and checks it
on the next build (entries/figures.py), naming the cell when it cannot be used. Dates are dates
between 2000 and 2100 (stored as serial numbers, which every spreadsheet reads the same way
regardless of locale). Notes take anything but still show a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tracker.entries.cells import excel_serial
from tracker.entries.layout import FALLING_METRICS, FIRST_DATE, LAST_DATE, LOWEST_RATE
from tracker.models import Status
from tracker.render.workbook.formulas import Columns
from tracker.render.workbook.wording import VALIDATION


def _validation(lang: str, kind: str, **rule: object) -> DataValidation:
    prompt_title, prompt, error_title, error = VALIDATION[lang][kind]
    return DataValidation(allow_blank=True, showInputMessage=True, showErrorMessage=bool(error),
                          promptTitle=prompt_title, prompt=prompt, errorTitle=error_title or None,
                          error=error or None, errorStyle="stop", **rule)


def _dates(lang: str, kind: str) -> DataValidation:
    return _validation(lang, kind, type="date", operator="between",
                       formula1=str(excel_serial(FIRST_DATE)), formula2=str(excel_serial(LAST_DATE)))


def _figures(lang: str, kind: str, column: str, first_row: int, lowest: int) -> DataValidation:
    """Figure cells: text, or a number of at least `lowest`. The formula is written for the first
    cell of the rule's ranges (the top one: openpyxl writes them sorted), and spreadsheets apply it
    to every other cell relative to that one."""
    cell = f"{column}{first_row}"
    return _validation(lang, kind, type="custom", formula1=f"OR(ISTEXT({cell}),{cell}>={lowest})")


def add_input_rules(ws: Worksheet, cols: Columns, statuses: Sequence[Status], first_row: int, as_of_cell: str,
                    lang: str) -> None:
    rows = range(first_row, first_row + len(statuses))
    actual, as_of, note = cols.letter("actual"), cols.letter("as_of"), cols.letter("note")
    falls = [status.target.metric in FALLING_METRICS for status in statuses]
    levels = _figures(lang, "actual", actual, next((r for r, f in zip(rows, falls, strict=True) if not f), 0), 0)
    rates = _figures(lang, "actual_rate", actual, next((r for r, f in zip(rows, falls, strict=True) if f), 0),
                     LOWEST_RATE)
    for row, row_falls in zip(rows, falls, strict=True):
        (rates if row_falls else levels).add(f"{actual}{row}")
    row_dates = _dates(lang, "as_of")
    row_dates.add(f"{as_of}{rows.start}:{as_of}{rows.stop - 1}")
    sheet_date = _dates(lang, "sheet_as_of")
    sheet_date.add(as_of_cell)
    notes = _validation(lang, "note")
    notes.add(f"{note}{rows.start}:{note}{rows.stop - 1}")
    for validation in (levels, rates, row_dates, sheet_date, notes):
        if validation.sqref.ranges:
            ws.add_data_validation(validation)

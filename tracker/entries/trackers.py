"""Reading back what people typed into a tracker: figures, their dates and notes.

Rows are matched to targets by the key in the hidden 行键 column and columns by their header
text (meta.py), so sorting, filtering or hiding rows changes nothing. A figure may be
typed with its unit ("3.2亿元", "32000万元" for a 亿元 target, "28.5%"); it is converted to the
target's unit. Dates may be real dates, serial numbers, or text WPS and LibreOffice leave behind
("2024-9-30", "2024/9/30", "2024.9.30", "2024年9月30日"). Every cell that cannot be read becomes
a Problem naming it; the caller then leaves the workbook untouched so nothing typed is lost.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.decimals import round_half_up, to_decimal, trimmed
from tracker.entries.cells import CellError, excel_serial
from tracker.entries.damaged import WORKBOOK_ERRORS
from tracker.entries.figures import as_shown, figure_of
from tracker.entries.layout import (
    FALLING_METRICS,
    FIRST_DATE,
    INPUT_ROLES,
    LAST_DATE,
    META_SHEET,
    RowMeta,
    TrackerMeta,
    read_meta,
)
from tracker.messages import say
from tracker.models import Actual, Problem

DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")
HEADER_SEARCH_ROWS = 30  # how far down to look for the header row if rows were inserted above it


def read_unit_inputs(path: Path, *, name: str | None = None) -> tuple[list[Actual], list[Problem]]:
    """The figures typed into the tracker at `path`, and the problems found reading them.

    `name` is how the file is called in origins and problems ("trackers/甲区.xlsx"); the file
    name by default. Rows without a figure give nothing.
    """
    label = name or Path(path).name
    try:
        workbook = load_workbook(path, data_only=True)
    except WORKBOOK_ERRORS as exc:
        return [], [Problem(label, say("tracker.not_workbook", error=str(exc)), expected=say("tracker.expected_xlsx"))]
    try:
        meta = read_meta(workbook[META_SHEET])
    except (KeyError, ValueError, TypeError):
        return [], [Problem(label, say("tracker.not_tracker"), expected=say("tracker.expected_tracker"))]
    if meta.sheet not in workbook.sheetnames:
        return [], [Problem(label, say("tracker.no_sheet", sheet=meta.sheet))]
    return _read_sheet(workbook[meta.sheet], meta, label)


def _read_sheet(ws: Worksheet, meta: TrackerMeta, label: str) -> tuple[list[Actual], list[Problem]]:
    where = f"{label}!{ws.title}"
    found = _find_columns(ws, meta)
    if found is None:
        missing = "、".join(meta.headers[role] for role in INPUT_ROLES)
        return [], [Problem(where, say("tracker.no_header"), expected=say("tracker.expected_header", columns=missing))]
    header_row, columns = found
    sheet_date = _sheet_date(ws, meta, where)
    actuals: list[Actual] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # row key -> the cell it was first seen in
    for row in range(header_row + 1, ws.max_row + 1):
        key_cell = ws.cell(row, columns["key"])
        key = "" if key_cell.value is None else str(key_cell.value).strip()
        if not key:
            continue  # below the table: the chart area, or rows a user added
        info = meta.rows.get(key)
        if info is None or key in seen:
            reason = say("tracker.row_repeated", cell=seen[key]) if key in seen else say("tracker.row_unknown")
            problems.append(Problem(f"{where}!{key_cell.coordinate}", reason, found=key))
            continue
        seen[key] = key_cell.coordinate
        result = _read_row(ws, row, columns, info, where, sheet_date)
        if isinstance(result, Actual):
            actuals.append(result)
        elif result is not None and result not in problems:  # an empty sheet date is reported once
            problems.append(result)
    return actuals, problems


def _read_row(ws: Worksheet, row: int, columns: dict[str, int], info: RowMeta, where: str,
              sheet_date: date | Problem) -> Actual | Problem | None:
    """The row's figure as an Actual, a Problem with one of its cells, or None without a figure."""
    figure_cell = ws.cell(row, columns["actual"])
    if _blank(figure_cell.value):
        return None
    try:
        value = read_figure(figure_cell.value, info, figure_cell.number_format)
    except CellError as exc:
        return _problem(f"{where}!{figure_cell.coordinate}", exc, as_shown(figure_cell.value, figure_cell.number_format))
    date_cell = ws.cell(row, columns["as_of"])
    if _blank(date_cell.value):
        as_of = sheet_date
        if isinstance(as_of, Problem):
            return as_of
    else:
        try:
            as_of = read_date(date_cell.value)
        except CellError as exc:
            return _problem(f"{where}!{date_cell.coordinate}", exc, date_cell.value)
    return Actual(unit=info.unit, indicator=info.indicator, year=info.year, value=value, uom=info.uom, as_of=as_of,
                  origin=f"{where}!{figure_cell.coordinate}", note=read_note(ws.cell(row, columns["note"]).value))


def _find_columns(ws: Worksheet, meta: TrackerMeta) -> tuple[int, dict[str, int]] | None:
    """The header row and the column of each input role, found by header text."""
    rows = [meta.header_row, *range(1, HEADER_SEARCH_ROWS + 1)]
    for row in rows:
        texts = {str(ws.cell(row, column).value).strip(): column for column in range(1, ws.max_column + 1)
                 if ws.cell(row, column).value is not None}
        if all(meta.headers[role] in texts for role in INPUT_ROLES):
            return row, {role: texts[meta.headers[role]] for role in INPUT_ROLES}
    return None


def _sheet_date(ws: Worksheet, meta: TrackerMeta, where: str) -> date | Problem:
    """The sheet as-of date, or the Problem to report for rows that need it."""
    value = ws[meta.as_of_cell].value
    place = f"{where}!{meta.as_of_cell}"
    if _blank(value):
        return Problem(place, say("tracker.no_date"), expected=say("date.expected"))
    try:
        return read_date(value)
    except CellError as exc:
        return _problem(place, exc, value)


def _problem(where: str, error: CellError, found: object) -> Problem:
    return Problem(where, error.message, found=_found(found), expected=error.expected)


def _found(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def read_figure(value: object, info: RowMeta, number_format: str | None = None) -> float:
    """A figure cell's value in the target's unit (the one rule of figures.py); CellError when it is
    not a usable figure. Only rates that may fall (growth, change) may be negative."""
    number = figure_of(value, info.uom, number_format=number_format)
    if number < 0 and info.metric not in FALLING_METRICS:
        raise CellError(say("figure.negative"), say("figure.expected_not_negative", uom=info.uom or "-"))
    return float(number)  # exact: a figure has at most 15 significant digits


def read_date(value: object) -> date:
    """A date cell's value: a date, a serial number or date text; CellError otherwise."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not excel_serial(FIRST_DATE) <= value <= excel_serial(LAST_DATE):
            raise CellError(say("date.number"), say("date.expected"))
        day = from_excel(value).date()
    elif isinstance(value, str):
        day = _date_from_text(value)
    else:
        raise CellError(say("date.not_date_cell"), say("date.expected"))
    if not FIRST_DATE <= day <= LAST_DATE:
        raise CellError(say("date.outside", date=day.isoformat(), first=FIRST_DATE.year, last=LAST_DATE.year),
                        say("date.expected"))
    return day


def _date_from_text(text: str) -> date:
    match = DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        raise CellError(say("date.not_date", found=text.strip()), say("date.expected"))
    parts = [int(part) for part in match.groups() if part is not None]
    try:
        return date(*parts)
    except ValueError:
        raise CellError(say("date.not_real", found=text.strip()), say("date.expected")) from None


def read_note(value: object) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = to_decimal(value)  # shown as the workbook shows figures: at most two decimals
        return "—" if number is None else trimmed(round_half_up(number, 2))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()

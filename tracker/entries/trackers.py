"""Reading back what people typed into a tracker: figures, their dates and notes.

Rows are matched to targets by the key in the hidden 行键 column and columns by their header
text (meta.py), so sorting, filtering or hiding rows changes nothing. A figure may be
typed with its unit ("3.2亿元", "32000万元" for a 亿元 target, "28.5%"); it is converted to the
target's unit. Dates may be real dates, serial numbers, or text WPS and LibreOffice leave behind
("2024-9-30", "2024/9/30", "2024.9.30", "2024年9月30日"). Every cell that cannot be read becomes
a Problem naming it; the caller then leaves the workbook untouched so nothing typed is lost.
So is a date after today (a figure cannot be reported for a day still to come) and a formula
saved without its result (some programs save formulas uncalculated): its value is unknown.

`read_tracker` gives every row's input cells (RowInput), what they showed when tracker wrote
them, when the workbook was saved, and what the user added to it (carry.py);
tracker/entries/edits.py tells what was changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.worksheet import Worksheet

from tracker.decimals import round_half_up, to_decimal, trimmed
from tracker.entries.carry import Carried, may_carry, read_carried
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
    Shown,
    TrackerMeta,
    read_meta,
)
from tracker.entries.package import formula_cells, saved_time
from tracker.messages import say
from tracker.models import Actual, Problem

DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")
HEADER_SEARCH_ROWS = 30  # how far down to look for the header row if rows were inserted above it


@dataclass(frozen=True)
class RowInput:
    """A tracker row's input cells as found: the figure (in the target's unit), the date and the note as
    typed (None: empty), the sheet date that a figure without a date of its own takes, and the cells."""

    info: RowMeta
    figure: float | None
    as_of: date | None
    note: str | None
    sheet_date: date | None
    cells: dict[str, str]          # role (actual, as_of, note) -> "trackers/X.xlsx!目标跟踪!I7"

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def shown(self) -> Shown | None:
        return self.info.shown

    def actual(self) -> Actual | None:
        """The figure as an Actual (its own date, else the sheet's); None without a figure."""
        if self.figure is None:
            return None
        day = self.as_of or self.sheet_date
        assert day is not None  # a figure without any date is a Problem when read
        info = self.info
        return Actual(unit=info.unit, indicator=info.indicator, year=info.year, value=self.figure, uom=info.uom,
                      as_of=day, origin=self.cells["actual"], note=self.note)


@dataclass
class TrackerRead:
    """A tracker workbook read back: its rows, the problems found, when it was last saved, and what
    the user added to it."""

    name: str
    rows: list[RowInput] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: TrackerMeta | None = None
    saved_at: datetime | None = None   # aware; the workbook's own saved time (see saved_time)
    carried: Carried = field(default_factory=Carried)   # what the user added, for the next version
    added_rows: list[str] = field(default_factory=list)  # where the rows the user added are

    @property
    def unit(self) -> str | None:
        units = {info.unit for info in self.meta.rows.values()} if self.meta else set()
        return units.pop() if len(units) == 1 else None


def read_unit_inputs(path: Path, *, name: str | None = None) -> tuple[list[Actual], list[Problem]]:
    """The figures typed into the tracker at `path`, and the problems found reading them.

    `name` is how the file is called in origins and problems ("trackers/甲区.xlsx"); the file
    name by default. Rows without a figure give nothing.
    """
    read = read_tracker(path, name=name)
    return [actual for row in read.rows if (actual := row.actual()) is not None], read.problems


def read_tracker(path: Path, *, name: str | None = None, today: date | None = None) -> TrackerRead:
    """Every row of the tracker at `path` with its input cells; dates after `today` are refused."""
    label = name or Path(path).name
    read = TrackerRead(label)
    try:
        workbook = load_workbook(path, data_only=True)
    except WORKBOOK_ERRORS as exc:
        read.problems.append(Problem(label, say("tracker.not_workbook", error=str(exc)),
                                     expected=say("tracker.expected_xlsx")))
        return read
    read.saved_at = saved_time(workbook, Path(path))
    try:
        read.meta = meta = read_meta(workbook[META_SHEET])
    except (KeyError, ValueError, TypeError):
        read.problems.append(Problem(label, say("tracker.not_tracker"), expected=say("tracker.expected_tracker")))
        return read
    if meta.sheet not in workbook.sheetnames:
        read.problems.append(Problem(label, say("tracker.no_sheet", sheet=meta.sheet)))
        return read
    ws = workbook[meta.sheet]
    found = _find_columns(ws, meta)
    if found is None:
        missing = "、".join(meta.headers[role] for role in INPUT_ROLES)
        read.problems.append(Problem(f"{label}!{ws.title}", say("tracker.no_header"),
                                     expected=say("tracker.expected_header", columns=missing)))
        return read
    formulas = formula_cells(Path(path), meta.sheet)
    book = None
    if formulas is None:  # the package cannot be read directly: ask openpyxl
        book = _with_formulas(path, read)
        if book is None:
            return read
        formulas = {(c.row, c.column): str(c.value) for line in book[meta.sheet].iter_rows() for c in line
                    if c.data_type == "f"}
    read.rows, read.problems = _read_sheet(ws, formulas, meta, found, label, today)
    if may_carry(workbook, meta, found[0], found[1], formulas):
        book = book or _with_formulas(path, read)
        if book is not None:
            read.carried, read.added_rows = read_carried(book, meta, found[0], found[1], label)
    return read


def _with_formulas(path: Path, read: TrackerRead):
    """The workbook loaded with its formulas (not their results), or None with a problem."""
    try:
        return load_workbook(path)
    except WORKBOOK_ERRORS as exc:
        read.problems.append(Problem(read.name, say("tracker.not_workbook", error=str(exc)),
                                     expected=say("tracker.expected_xlsx")))
        return None


def _read_sheet(ws: Worksheet, formulas: Mapping[tuple[int, int], str], meta: TrackerMeta,
                found: tuple[int, dict[str, int]], label: str, today: date | None) -> tuple[list[RowInput], list[Problem]]:
    where = f"{label}!{ws.title}"
    header_row, columns = found
    sheet_date = _sheet_date(ws, meta, where, today)
    rows: list[RowInput] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # row key -> the cell it was first seen in
    for row in range(header_row + 1, ws.max_row + 1):
        key_cell = ws.cell(row, columns["key"])
        key = "" if key_cell.value is None else str(key_cell.value).strip()
        if not key:
            continue  # below the table: the chart area, or rows a user added (carry.py)
        info = meta.rows.get(key)
        if info is None or key in seen:
            reason = say("tracker.row_repeated", cell=seen[key]) if key in seen else say("tracker.row_unknown")
            problems.append(Problem(f"{where}!{key_cell.coordinate}", reason, found=key))
            continue
        seen[key] = key_cell.coordinate
        result = _read_row(ws, formulas, row, columns, info, where, sheet_date, today)
        if isinstance(result, RowInput):
            rows.append(result)
        else:
            problems += [problem for problem in result if problem not in problems]  # a bad sheet date once
    return rows, problems


def _read_row(ws: Worksheet, formulas: Mapping[tuple[int, int], str], row: int, columns: dict[str, int],
              info: RowMeta, where: str, sheet_date: date | Problem, today: date | None) -> RowInput | list[Problem]:
    """The row's input cells, or the Problems with them."""
    cells = {role: ws.cell(row, columns[role]) for role in ("actual", "as_of", "note")}
    places = {role: f"{where}!{cell.coordinate}" for role, cell in cells.items()}
    problems = [Problem(places[role], say("tracker.uncalculated"), found=f"={formulas[(row, cell.column)]}",
                        expected=say("tracker.expected_calculated"))
                for role, cell in cells.items() if (row, cell.column) in formulas and cell.value is None]
    if problems:
        return problems
    figure_cell, date_cell = cells["actual"], cells["as_of"]
    figure = None
    if not _blank(figure_cell.value):
        try:
            figure = read_figure(figure_cell.value, info, figure_cell.number_format)
        except CellError as exc:
            problems.append(_problem(places["actual"], exc, as_shown(figure_cell.value, figure_cell.number_format)))
    as_of = None
    if not _blank(date_cell.value):
        try:
            as_of = read_date(date_cell.value)
            _not_after(as_of, today)
        except CellError as exc:
            problems.append(_problem(places["as_of"], exc, date_cell.value))
    if figure is not None and as_of is None and not problems and isinstance(sheet_date, Problem):
        problems.append(sheet_date)
    if problems:
        return problems
    return RowInput(info, figure, as_of, read_note(cells["note"].value),
                    sheet_date if isinstance(sheet_date, date) else None, places)


def _not_after(day: date, today: date | None) -> None:
    if today is not None and day > today:
        raise CellError(say("date.after_today", date=day.isoformat(), today=today.isoformat()),
                        say("date.expected_until_today"))


def _find_columns(ws: Worksheet, meta: TrackerMeta) -> tuple[int, dict[str, int]] | None:
    """The header row and the column of each input role, found by header text."""
    rows = [meta.header_row, *range(1, HEADER_SEARCH_ROWS + 1)]
    for row in rows:
        texts = {str(ws.cell(row, column).value).strip(): column for column in range(1, ws.max_column + 1)
                 if ws.cell(row, column).value is not None}
        if all(meta.headers[role] in texts for role in INPUT_ROLES):
            return row, {role: texts[meta.headers[role]] for role in INPUT_ROLES}
    return None


def _sheet_date(ws: Worksheet, meta: TrackerMeta, where: str, today: date | None) -> date | Problem:
    """The sheet as-of date, or the Problem to report for rows that need it."""
    value = ws[meta.as_of_cell].value
    place = f"{where}!{meta.as_of_cell}"
    if _blank(value):
        return Problem(place, say("tracker.no_date"), expected=say("date.expected"))
    try:
        day = read_date(value)
        _not_after(day, today)
        return day
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

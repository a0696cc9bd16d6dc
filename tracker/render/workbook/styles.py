"""How the workbooks look: fonts, fills, status colours, conditional formats, printing, protection.

Status colours follow the traffic lights offices use: met or ahead green, on schedule blue,
behind yellow, seriously behind red, not reported grey (Excel's own "Good/Neutral/Bad" tints,
which print legibly in greyscale too).
"""

from __future__ import annotations

import functools

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, DataBarRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tracker.config import Settings
from tracker.render.workbook.wording import word

FONT_NAMES = {"zh": "宋体", "en": "Calibri"}
FONT_SIZE = 10

# code -> (fill colour, font colour)
STATUS_COLOURS = {
    "achieved": ("C6EFCE", "006100"),
    "ahead": ("C6EFCE", "006100"),
    "on_schedule": ("DDEBF7", "1F4E78"),
    "behind": ("FFEB9C", "9C5700"),
    "seriously_behind": ("FFC7CE", "9C0006"),
    "not_reported": ("E7E6E6", "595959"),
}
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HELPER_FILL = PatternFill("solid", fgColor="F2F2F2")
DATA_BAR_COLOUR = "5B9BD5"
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


# The style helpers return one shared object per distinct style (never change one): a workbook
# then indexes each style object once (see fast_styles) instead of hashing it on every cell.

@functools.lru_cache(maxsize=256)
@functools.lru_cache(maxsize=64)  # one object per look: a sheet registers a style per distinct object, not per cell
def font(lang: str, *, bold: bool = False, size: float = FONT_SIZE, color: str | None = None,
         underline: str | None = None) -> Font:
    """The font of text in `lang`, shared: set it on cells, never change it."""
    return Font(name=FONT_NAMES[lang], size=size, bold=bold, color=color, underline=underline)


@functools.lru_cache(maxsize=64)
def status_fill(code: str) -> PatternFill:
    return PatternFill("solid", fgColor=STATUS_COLOURS[code][0])


def status_font(code: str, lang: str) -> Font:
    return font(lang, color=STATUS_COLOURS[code][1])


class _StyleIndex(IndexedList):
    """openpyxl's list of a workbook's fonts (fills, borders ...), which finds the index of a style
    by hashing it, field by field, on every cell; this one remembers the index of each object."""

    def __init__(self, iterable=None) -> None:
        super().__init__(iterable)
        self._known: dict[int, tuple[object, int]] = {}

    def add(self, value):
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        index = super().add(value)
        self._known[id(value)] = (value, index)  # holding the object keeps its id from being reused
        return index


STYLE_LISTS = ("_fonts", "_fills", "_borders", "_alignments", "_protections")


def fast_styles(workbook: Workbook) -> Workbook:
    """The workbook, styling cells without hashing the same style object again (same file)."""
    for name in STYLE_LISTS:
        setattr(workbook, name, _StyleIndex(getattr(workbook, name)))
    return workbook


def excel_string(text: str) -> str:
    """A string constant for a formula: "滞后" -> '"滞后"' (quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


def add_status_colours(ws: Worksheet, cell_range: str, settings: Settings, lang: str) -> None:
    """Fill each status cell with its traffic-light colour, matched on the label the formula shows."""
    for code, (fill, colour) in STATUS_COLOURS.items():
        rule = CellIsRule(operator="equal", formula=[excel_string(settings.label(code, lang))],
                          fill=PatternFill("solid", fgColor=fill, bgColor=fill), font=Font(color=colour))
        ws.conditional_formatting.add(cell_range, rule)


def add_completion_bars(ws: Worksheet, cell_range: str) -> None:
    """Data bars from 0% to 100% (a completion above 100% shows a full bar)."""
    rule = DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1,
                       color=DATA_BAR_COLOUR, showValue=True)
    ws.conditional_formatting.add(cell_range, rule)


def style_header(ws: Worksheet, row: int, first: int, last: int, lang: str) -> None:
    for column in range(first, last + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = font(lang, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER


def style_body(ws: Worksheet, rows: range, first: int, last: int) -> None:
    for row in rows:
        for column in range(first, last + 1):
            ws.cell(row=row, column=column).border = BORDER


def mark_input(ws: Worksheet, cell_ref: str) -> None:
    cell = ws[cell_ref]
    cell.fill = INPUT_FILL
    cell.protection = UNLOCKED


def protect(ws: Worksheet) -> None:
    """Protect without a password; filtering, sorting and resizing stay allowed."""
    protection = ws.protection
    protection.sheet = True
    # In the file format True means "forbidden while protected".
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def set_print(ws: Worksheet, *, lang: str, footer_date: str, title_rows: str | None = None,
              print_area: str | None = None) -> None:
    """A4 landscape, one page wide, repeated title rows, page numbers and the generation date."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if print_area:
        ws.print_area = print_area
    ws.oddFooter.center.text = word(lang, "footer")
    ws.oddFooter.right.text = word(lang, "footer_generated").format(date=footer_date)
    for part in (ws.oddFooter.center, ws.oddFooter.right):
        part.size = FONT_SIZE  # printed at 80% or more, never under 8 points


A4_MM = (210.0, 297.0)
MIN_PRINT_SCALE = 80   # 10-point cells print at 8 points at least
EDGE_SAFETY = 0.97     # LibreOffice and Excel measure column widths slightly differently


def column_mm(width: float | None) -> float:
    """The printed width of a column of `width` characters (Excel: 7 px a character and 5 px of padding, at 96 dpi)."""
    return (7 * (width or 8.43) + 5) * 25.4 / 96


def paginate_columns(ws: Worksheet, last_column: int, *, repeat: int = 1,
                     min_scale: int = MIN_PRINT_SCALE) -> list[tuple[int, int]]:
    """Print a wide sheet readably: landscape, each page fitted to its width, never below `min_scale`%.

    A sheet that fits one page wide at `min_scale` or more is fitted to the width (set_print's
    default). A wider one is split between columns into page-wide parts, the first `repeat`
    columns printed again on every part, at one scale that fits the widest part (at most 100%);
    parts print across, then down. Returns the column ranges of the parts (first, last), 1-based.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break, ColBreak

    margins = (ws.page_margins.left + ws.page_margins.right) * 25.4
    printable = (A4_MM[1] if ws.page_setup.orientation == ws.ORIENTATION_LANDSCAPE else A4_MM[0]) - margins
    printable *= EDGE_SAFETY
    widths = [column_mm(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, last_column + 1)]
    if sum(widths) * min_scale / 100 <= printable:
        return [(1, last_column)]
    room = printable * 100 / min_scale - sum(widths[:repeat])
    parts, start, used = [], repeat + 1, 0.0
    for column in range(repeat + 1, last_column + 1):
        width = widths[column - 1]
        if used and used + width > room:
            parts.append((start, column - 1))
            start, used = column, 0.0
        used += width
    parts.append((start, last_column))
    widest = max(sum(widths[:repeat]) + sum(widths[a - 1:b]) for a, b in parts)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    ws.page_setup.scale = max(min_scale, min(100, int(printable * 100 / widest)))
    ws.page_setup.pageOrder = "overThenDown"
    ws.col_breaks = ColBreak()
    for _first, last in parts[:-1]:
        ws.col_breaks.append(Break(id=last))
    ws.print_title_cols = f"A:{get_column_letter(repeat)}"
    return [(1, parts[0][1]), *parts[1:]]


def title_in_page_header(ws: Worksheet, title: str, first_row: int, last_column: int, last_row: int,
                         note: str = "") -> None:
    """Print a sheet split into page-wide parts with its title (and note) in the page header, on every
    page, and only rows from `first_row` in the print area: the title cell would otherwise be cut to
    the width of the repeated first column on every part after the first."""
    from openpyxl.utils import get_column_letter

    ws.print_area = f"A{first_row}:{get_column_letter(max(last_column, 1))}{max(last_row, first_row)}"
    name = FONT_NAMES["zh"]
    text = f'&"{name},Bold"&12{_header_escape(title)}'
    if note:
        text += f'　&"{name},Regular"&{FONT_SIZE}{_header_escape(note)}'  # a long header wraps
    ws.oddHeader.center.text = text
    ws.page_margins.top = 1.1 if note else 0.8


def _header_escape(text: str) -> str:
    return text.replace("&", "&&")

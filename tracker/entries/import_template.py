"""An empty actuals import file for the current targets, for users to fill in and import.

One row per target (unit, indicator, year) with its unit of measure filled in; value, as_of and
note are left empty. Headers carry the Chinese and the English column name ("单位 (unit)"),
both of which the import reads. .xlsx gets a styled, frozen header, column widths and an
instruction sheet; .csv is UTF-8 with a byte-order mark, which Excel needs to show Chinese.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import UsageError
from tracker.messages import say
from tracker.models import Target
from tracker.outputs import csv_safe, write_bytes, write_saved

# (header, width in characters, filled from the target)
TEMPLATE_COLUMNS: tuple[tuple[str, int, bool], ...] = (
    ("单位 (unit)", 22, True),
    ("指标 (indicator)", 30, True),
    ("年度 (year)", 10, True),
    ("实际完成 (value)", 16, False),
    ("计量单位 (uom)", 14, True),
    ("数据截至 (as_of)", 18, False),
    ("备注 (note)", 36, False),
)
DATA_SHEET = "实际完成"
HELP_SHEET = "说明"
INSTRUCTIONS: tuple[str, ...] = (
    "填写说明 / How to fill in this file",
    "",
    "每行是一个单位、一个指标、一个年度的实际完成数。请填写“实际完成”和“数据截至”两列，“备注”可选。",
    "Each row is one figure for a unit, indicator and year. Fill in value and as_of; note is optional.",
    "",
    "实际完成：填累计数，如 300、3.2；也可带单位，如 3.2亿元、32000万元（自动换算为计量单位）。",
    "value: the cumulative figure, e.g. 300 or 3.2; a unit may be typed with it (3.2亿元, 32000万元).",
    "增速、比重填 8.5 或 8.5%（都表示 8.5%）。请填确切数字，不填“二百多”“120以上”等约数（约数可写在备注里）。",
    "Rates: 8.5 and 8.5% both mean 8.5%. Type exact figures, not 二百多 or 120以上 (put those in the note).",
    "数据截至：数据对应的日期，如 2024-09-30、2024/9/30、2024年9月30日；只写月份（2024年9月）表示该月末。",
    "as_of: the date the figure is for: 2024-09-30, 2024/9/30 or 2024年9月30日; a month alone means its last day.",
    "单位、指标、年度、计量单位请勿修改；没有数据的行留空即可，导入时跳过。",
    "Do not change unit, indicator, year or uom; leave rows without a figure empty, they are skipped.",
    "",
    "导入 / Import:  tracker actuals import 本文件.xlsx",
)


def template_rows(targets: Sequence[Target]) -> list[tuple[str, str, int, None, str, None, None]]:
    """One row per (unit, indicator, year), in unit, year, indicator order."""
    keys = sorted({(t.unit, t.year, t.indicator): t.uom for t in targets}.items())
    return [(unit, indicator, year, None, uom, None, None) for (unit, year, indicator), uom in keys]


def write_actuals_template(path: Path, targets: Sequence[Target]) -> None:
    """Write the template to `path`: .xlsx or .csv, chosen by its suffix."""
    path = Path(path)
    rows = template_rows(targets)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([header for header, _, _ in TEMPLATE_COLUMNS])
        writer.writerows(["" if cell is None else csv_safe(cell) for cell in row] for row in rows)
        write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        write_saved(path, _workbook(rows).save)
    else:
        raise UsageError(say("actuals.template_name", name=path.name))


def _workbook(rows: list[tuple]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    given_fill = PatternFill("solid", fgColor="F2F2F2")  # grey: filled in for the user, not to be changed
    sheet.append([header for header, _, _ in TEMPLATE_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in rows:
        sheet.append(list(row))
        for cell, (_, _, given) in zip(sheet[sheet.max_row], TEMPLATE_COLUMNS, strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # names are text even if one begins with "="
            if given:
                cell.fill = given_fill
    for index, (_, width, _) in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):  # as_of
        cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TEMPLATE_COLUMNS))}{max(sheet.max_row, 1)}"
    help_sheet = book.create_sheet(HELP_SHEET)
    for line in INSTRUCTIONS:
        help_sheet.append([line])
    help_sheet["A1"].font = Font(bold=True)
    help_sheet.column_dimensions["A"].width = 110
    return book

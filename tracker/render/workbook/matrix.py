"""Summary sheets 指标矩阵 (units x indicators) and 全部目标 (every target in one Excel table).

Matrix columns are (indicator, metric, cap) of the units' report-year targets, so a level and a
growth target of the same name never share a colour scale. A cell is the completion (level)
or the gap in points (rates); a unit without the target leaves the cell blank, never 0.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from tracker.assess.status import RATE_METRICS, is_cap, time_progress
from tracker.config import Settings
from tracker.models import Status, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import fmt_comparator, fmt_date, fmt_percent
from tracker.render.words import words
from tracker.render.workbook.cells import (
    DATE_FORMATS,
    PERCENT_FORMAT,
    POINTS_FORMAT,
    fit_row_heights,
    fit_width,
    number_format_for,
    put,
    shown_text,
)
from tracker.render.workbook.sheet_xml import CellStyle
from tracker.render.workbook.stream import put_row
from tracker.render.workbook.styles import (
    BORDER,
    CENTER,
    WRAP,
    add_status_colours,
    font,
    paginate_columns,
    set_print,
    status_font,
    style_header,
    title_in_page_header,
)
from tracker.render.workbook.wording import uom_label, word

SUMMARY_WORDS = words("summary")["words"]

RED, YELLOW, GREEN = "F8696B", "FFEB84", "63BE7B"
TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
TABLE_NAME = "AllTargets"
STATUS_COLUMN = 17  # 状态 in all_headers
CENTERED_COLUMNS = (4, 5, 6, 11, 17)  # metric, year, comparator, unit of measure, status
ColumnKey = tuple[str, str, bool]  # indicator, metric, cap


def _column_key(status: Status) -> ColumnKey:
    return status.target.indicator, status.target.metric, is_cap(status.target)


def matrix_columns(reports: Sequence[UnitReport]) -> list[tuple[ColumnKey, str | None]]:
    """Every (indicator, metric, cap) of the report-year targets with its category, in category order."""
    found: dict[ColumnKey, str | None] = {}
    for report in reports:
        for status in report.statuses:
            if status.target.year == report.year:
                found.setdefault(_column_key(status), status.target.category)
    return sorted(found.items(), key=lambda item: (item[1] is None, item[1] or "", item[0]))


def _header(key: ColumnKey, words: Mapping[str, str], ctx: RenderContext) -> str:
    indicator, metric, cap = key
    kind = "rate_header" if metric in RATE_METRICS else "cap_header" if cap else "level_header"
    return words[kind].format(name=ctx.indicator(indicator))


def _scale(key: ColumnKey, settings: Settings, progress: float) -> ColorScaleRule:
    _, metric, cap = key
    rules = settings.rules
    if metric in RATE_METRICS:
        return ColorScaleRule(start_type="num", start_value=-rules.rate_seriously_behind_pp, start_color=RED,
                              mid_type="num", mid_value=-rules.rate_behind_pp, mid_color=YELLOW,
                              end_type="num", end_value=0, end_color=GREEN)
    if cap:  # lower is better: at or under the time pace is green, over the cap red
        return ColorScaleRule(start_type="num", start_value=progress, start_color=GREEN, mid_type="num",
                              mid_value=1, mid_color=YELLOW, end_type="num", end_value=1.2, end_color=RED)
    return ColorScaleRule(start_type="num", start_value=0, start_color=RED, mid_type="num",
                          mid_value=min(max(progress, 0.01), 0.99), mid_color=YELLOW,
                          end_type="num", end_value=1, end_color=GREEN)


def write_matrix(ws: Worksheet, reports: Sequence[UnitReport], ctx: RenderContext, as_of: date) -> None:
    settings, lang, generated = ctx.settings, ctx.lang, ctx.generated
    words = SUMMARY_WORDS[lang]
    columns = matrix_columns(reports)
    year = max((r.year for r in reports), default=as_of.year)
    progress = time_progress(date(year, 1, 1), date(year, 12, 31), as_of, settings.rules.time_basis)
    not_reported = settings.label("not_reported", lang)
    put(ws, TITLE_ROW, 1, words["matrix_title"].format(date=fmt_date(as_of, lang))).font = font(lang, bold=True,
                                                                                                 size=16)
    note = words["matrix_note"].format(progress=fmt_percent(progress, lang=lang), not_reported=not_reported)
    put(ws, NOTE_ROW, 1, note).font = font(lang)
    ws.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[NOTE_ROW].height = 42
    put(ws, HEADER_ROW, 1, words["unit"])
    for column, (key, _) in enumerate(columns, start=2):
        put(ws, HEADER_ROW, column, _header(key, words, ctx))
    style_header(ws, HEADER_ROW, 1, len(columns) + 1, lang)
    ws.row_dimensions[HEADER_ROW].height = 48
    # Each unit's row written whole (a national matrix has a hundred thousand cells), every cell
    # bordered, those with a status centred in the unit's font (the status's colour when not reported).
    looks = _matrix_styles(lang)
    rates = [key[1] in RATE_METRICS for key, _ in columns]
    for offset, report in enumerate(reports):
        by_key = {_column_key(s): s for s in report.statuses if s.target.year == report.year}
        values: list[object] = [ctx.unit(report.unit)]
        styles = [looks["unit"]]
        for (key, _), rate in zip(columns, rates, strict=True):
            status = by_key.get(key)
            if status is None:
                values.append(None)
                styles.append(looks["blank"])
            elif status.code == "not_reported":
                values.append(not_reported)
                styles.append(looks["not_reported"])
            elif rate:
                values.append(status.gap_pp)
                styles.append(looks["rate"])
            else:
                values.append(status.completion if status.completion is not None else "—")
                styles.append(looks["level"])
        put_row(ws, FIRST_ROW + offset, values, styles)
    last_row = HEADER_ROW + len(reports)
    for column, (key, _) in enumerate(columns, start=2):
        letter = ws.cell(HEADER_ROW, column).column_letter
        ws.column_dimensions[letter].width = 16
        if reports:
            ws.conditional_formatting.add(f"{letter}{FIRST_ROW}:{letter}{last_row}", _scale(key, settings, progress))
    ws.column_dimensions["A"].width = fit_width([words["unit"]] + [ctx.unit(r.unit) for r in reports],
                                                minimum=10, maximum=30)
    ws.freeze_panes = f"B{FIRST_ROW}"
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang), title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    # Many indicators: page-wide parts, the unit column on each, rather than one unreadable page.
    parts = paginate_columns(ws, len(columns) + 1, repeat=1)
    ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=max(parts[0][1], 2))
    if len(parts) > 1:
        title_in_page_header(ws, ws.cell(TITLE_ROW, 1).value, HEADER_ROW, len(columns) + 1, last_row, note)


@functools.lru_cache(maxsize=8)  # shared by every row: each style set up once
def _matrix_styles(lang: str) -> dict[str, CellStyle]:
    shown = CellStyle(font=font(lang), border=BORDER, alignment=CENTER)
    return {"unit": CellStyle(font=font(lang), border=BORDER), "blank": CellStyle(border=BORDER),
            "not_reported": shown._replace(font=status_font("not_reported", lang)),
            "rate": shown._replace(number_format=POINTS_FORMAT), "level": shown._replace(number_format=PERCENT_FORMAT)}


def _target_row(report: UnitReport, status: Status, ctx: RenderContext) -> list[object]:
    settings, lang = ctx.settings, ctx.lang
    target, actual = status.target, status.actual
    docs = sorted({s.doc for s in target.sources})
    origin = "; ".join(docs) if docs else (word(lang, "manual") if target.origin == "manual" else None)
    return [ctx.unit(report.unit), ctx.indicator(target.indicator), ctx.category(target.category) or None,
            word(lang, "metrics").get(target.metric, target.metric), target.year,
            fmt_comparator(target.comparator, lang), target.value, target.value_max, target.stretch_value,
            target.baseline, uom_label(target.uom, lang), actual.value if actual else None,
            actual.as_of if actual else None, status.completion, status.time_progress,
            status.gap_pp, settings.label(status.code, lang), origin]


@functools.lru_cache(maxsize=64)  # one list per number format, shared by the rows: each style set up once
def _row_styles(lang: str, number: str, columns: int) -> tuple[CellStyle, ...]:
    formats = {7: number, 8: number, 9: number, 10: number, 12: number, 13: DATE_FORMATS[lang],
               14: PERCENT_FORMAT, 15: PERCENT_FORMAT, 16: POINTS_FORMAT}
    return tuple(CellStyle(font=font(lang), alignment=CENTER if column in CENTERED_COLUMNS else WRAP,
                           number_format=formats.get(column)) for column in range(1, columns + 1))


def write_all_targets(ws: Worksheet, reports: Sequence[UnitReport], ctx: RenderContext) -> None:
    """Every target of every unit in one filterable Excel table (header on row 2)."""
    settings, lang, generated = ctx.settings, ctx.lang, ctx.generated
    words = SUMMARY_WORDS[lang]
    headers = words["all_headers"]
    as_of = max((r.as_of for r in reports), default=generated)
    put(ws, 1, 1, words["all_title"].format(date=fmt_date(as_of, lang))).font = font(lang, bold=True, size=14)
    for column, header in enumerate(headers, start=1):
        put(ws, 2, column, header)
    style_header(ws, 2, 1, len(headers), lang)
    rows = [(status, _target_row(report, status, ctx))
            for report in reports for status in report.statuses]
    for offset, (status, values) in enumerate(rows):
        put_row(ws, 3 + offset, values, _row_styles(lang, number_format_for(status.target.uom, lang), len(values)))
    last_row = max(2 + len(rows), 3)  # a table needs a data row, even an empty one
    last_letter = ws.cell(2, len(headers)).column_letter
    table = Table(displayName=TABLE_NAME, ref=f"A2:{last_letter}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    status_letter = ws.cell(2, STATUS_COLUMN).column_letter
    add_status_colours(ws, f"{status_letter}3:{status_letter}{last_row}", settings, lang)
    by_column = list(zip(*(values for _, values in rows), strict=True)) or [()] * len(headers)
    for column, header in enumerate(headers, start=1):
        # Each distinct value measured once (by type too: 1 and 1.0 are shown differently).
        distinct = {(type(value), value) for value in by_column[column - 1]}
        texts = [header] + [shown_text(value) for _, value in distinct]
        maximum = 30 if column in (2, 18) else 16
        ws.column_dimensions[ws.cell(2, column).column_letter].width = fit_width(texts, minimum=8, maximum=maximum)
    fit_row_heights(ws, range(3, last_row + 1), range(1, len(headers) + 1), uniform=True)
    fit_row_heights(ws, range(2, 3), range(1, len(headers) + 1))
    ws.freeze_panes = "C3"
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang), title_rows="2:2")
    if len(paginate_columns(ws, len(headers), repeat=2)) > 1:
        title_in_page_header(ws, ws.cell(1, 1).value, 2, len(headers), last_row)

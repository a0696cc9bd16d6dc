"""The tracker workbook's other sheets: 长期目标 (goals with no deadline), 历史 (reported figures),
来源 (evidence), 填表说明 (guide).

Each starts with a title row and a header row, so printing repeats the header and filtering
works from row 2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from openpyxl.worksheet.worksheet import Worksheet

from tracker.config import Settings
from tracker.models import Source, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import fmt_date, fmt_number, fmt_target
from tracker.render.workbook.cells import (
    DATE_FORMATS,
    DATETIME_FORMAT,
    display_width,
    fit_row_heights,
    fit_width,
    number_format_for,
    put,
    shown_text,
)
from tracker.render.workbook.styles import CENTER, WRAP, font, set_print, style_body, style_header
from tracker.render.workbook.wording import guide_lines, uom_label, word

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
GUIDE_WIDTH = 80  # fits A4 portrait without scaling


def _start(ws: Worksheet, title: str, headers: tuple[str, ...], lang: str) -> None:
    put(ws, TITLE_ROW, 1, title).font = font(lang, bold=True, size=14)
    for column, header in enumerate(headers, start=1):
        put(ws, HEADER_ROW, column, header)
    style_header(ws, HEADER_ROW, 1, len(headers), lang)
    ws.freeze_panes = f"A{FIRST_ROW}"


def _finish(ws: Worksheet, headers: tuple[str, ...], rows: list[tuple[object, ...]], widths: Mapping[int, int],
            lang: str, generated: date, centered: tuple[int, ...] = (1,)) -> None:
    """Borders, widths from the content, filter and print settings, once the rows are written."""
    last_row = HEADER_ROW + len(rows)
    style_body(ws, range(FIRST_ROW, last_row + 1), 1, len(headers))
    for column, header in enumerate(headers, start=1):
        texts = [header] + [shown_text(row[column - 1]) for row in rows]
        letter = ws.cell(HEADER_ROW, column).column_letter
        ws.column_dimensions[letter].width = fit_width(texts, maximum=widths.get(column, 40))
        for row in range(FIRST_ROW, last_row + 1):
            ws.cell(row, column).alignment = CENTER if column in centered else WRAP
            ws.cell(row, column).font = font(lang)
    fit_row_heights(ws, range(HEADER_ROW, last_row + 1), range(1, len(headers) + 1))
    last_letter = ws.cell(HEADER_ROW, len(headers)).column_letter
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{max(last_row, HEADER_ROW + 1)}"
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang), title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def write_long_term(ws: Worksheet, report: UnitReport, ctx: RenderContext, unit_label: str) -> None:
    """The unit's goals without a deadline, apart from the year's: what they are and the latest
    figure, with no 序时进度, completion or status (nothing to measure them against in time)."""
    lang = ctx.lang
    headers = word(lang, "long_term_headers")
    _start(ws, word(lang, "long_term_title").format(unit=unit_label), headers, lang)
    rows = []
    for offset, status in enumerate(report.long_term):
        target, actual = status.target, status.actual
        docs = sorted({source.doc for source in target.sources})
        values = (offset + 1, ctx.indicator(target.indicator, target.indicator_id), ctx.category(target.category),
                  fmt_target(target, lang), target.year,
                  fmt_number(actual.value, target.uom, lang) if actual is not None else None,
                  actual.as_of if actual is not None else None, "; ".join(docs) or None)
        for column, value in enumerate(values, start=1):
            put(ws, FIRST_ROW + offset, column, value, DATE_FORMATS[lang] if column == 7 else None)
        rows.append(values)
    _finish(ws, headers, rows, {2: 36, 4: 30, 8: 40}, lang, ctx.generated, centered=(1, 5, 7))


def write_history(ws: Worksheet, report: UnitReport, ctx: RenderContext, unit_label: str) -> None:
    """Every figure reported for the unit, newest first, with where it came from."""
    lang = ctx.lang
    headers = word(lang, "history_headers")
    _start(ws, word(lang, "history_title").format(unit=unit_label), headers, lang)
    # Imported figures may lack a unit; they are in their target's unit.
    target_uoms = {(s.target.indicator, s.target.year): s.target.uom for s in report.statuses}
    rows = []
    for offset, actual in enumerate(report.history):
        uom = actual.uom or target_uoms.get((actual.indicator, actual.year), "")
        recorded = actual.recorded_at.replace(tzinfo=None) if actual.recorded_at else None
        note = actual.note
        if actual.withdrawn:  # a figure cleared from the tracker: the row names the figure it took back
            note = word(lang, "withdrawn") + (("：" if lang == "zh" else ": ") + note if note else "")
        values = (offset + 1, ctx.indicator(actual.indicator), actual.year,
                  actual.value, uom_label(uom, lang), actual.as_of, actual.origin, note, recorded)
        formats = {4: number_format_for(uom, lang), 6: DATE_FORMATS[lang], 9: DATETIME_FORMAT}
        for column, value in enumerate(values, start=1):
            put(ws, FIRST_ROW + offset, column, value, formats.get(column))
        rows.append(values)
    _finish(ws, headers, rows, {2: 36, 7: 40, 8: 40, 9: 18}, lang, ctx.generated, centered=(1, 3, 5))


def evidence_rows(report: UnitReport, ctx: RenderContext) -> tuple[list[tuple[object, ...]], dict[str, int]]:
    """The 来源 sheet's rows, and for each target key the offset of its first evidence row.

    Target sources come first, in tracker order; then the unit's other records not yet listed.
    """
    kinds = word(ctx.lang, "kinds")
    rows: list[tuple[object, ...]] = []
    first: dict[str, int] = {}
    seen: set[tuple[str, int, int]] = set()
    listed_ids: set[str] = set()

    def add(indicator: str, kind: str, source: Source, record_id: str) -> None:
        seen.add((source.doc, source.start, source.end))
        listed_ids.add(record_id)
        rows.append((len(rows) + 1, ctx.indicator(indicator), kinds.get(kind, kind), source.doc, source.quote,
                     f"{source.start}–{source.end}", record_id or None))

    for status in report.statuses:
        target = status.target
        for index, source in enumerate(target.sources):
            first.setdefault(target.key, len(rows))
            record_id = target.record_ids[index] if index < len(target.record_ids) else ""
            add(target.indicator, "target", source, record_id)
    for record in report.records:
        source = record.source
        if record.id in listed_ids or (source.doc, source.start, source.end) in seen:
            continue
        add(record.indicator, record.kind, source, record.id)
    return rows, first


def write_sources(ws: Worksheet, report: UnitReport, ctx: RenderContext, unit_label: str) -> dict[str, int]:
    """The evidence of every target and record; returns target key -> its first row on this sheet."""
    lang = ctx.lang
    headers = word(lang, "source_headers")
    _start(ws, word(lang, "sources_title").format(unit=unit_label), headers, lang)
    rows, first = evidence_rows(report, ctx)
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            put(ws, FIRST_ROW + offset, column, value)
    _finish(ws, headers, rows, {2: 30, 4: 30, 5: 60, 7: 16}, lang, ctx.generated, centered=(1, 3, 6))
    return {key: FIRST_ROW + offset for key, offset in first.items()}


def write_guide(ws: Worksheet, settings: Settings, lang: str, generated: date) -> None:
    """How to fill in the tracker and re-run, one paragraph per row."""
    put(ws, TITLE_ROW, 1, ws.title).font = font(lang, bold=True, size=14)
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    for offset, line in enumerate(guide_lines(settings, lang, generated)):
        cell = put(ws, FIRST_ROW + offset, 1, line)
        cell.alignment = WRAP
        cell.font = font(lang, size=11)
        # Wrapped rows keep the height they are given in Excel, so size them for their text.
        lines = math.ceil(display_width(line) / (GUIDE_WIDTH - 4))
        ws.row_dimensions[FIRST_ROW + offset].height = 16 * max(lines, 1) + 4
    ws.sheet_view.showGridLines = False
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang))
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT

"""The 目标跟踪 sheet: one row per target with live formulas, inputs that stand out, a chart.

Layout (rows): 1 title; 2 the sheet as-of date (input) and the year's time progress (formula);
3 the input legend; 4 the status colour legend; 5 headers; 6.. one row per target. Visible
columns come first, then hidden helper columns the formulas read (formulas.py).
Optional columns (力争目标, 基期值) appear only when some target has a value for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from tracker.assess.status import is_cap, judged_value, period_of
from tracker.config import Settings
from tracker.entries.cells import excel_serial
from tracker.entries.layout import RowMeta, Shown, TrackerMeta
from tracker.models import STATUS_CODES, Remark, Status, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import fmt_comparator, fmt_date, fmt_number
from tracker.render.workbook.cells import (
    DATE_FORMATS,
    PERCENT_FORMAT,
    POINTS_FORMAT,
    fit_row_heights,
    fit_width,
    number_format_for,
    put,
    put_formula,
    shown_text,
)
from tracker.render.workbook.chart import add_progress_chart
from tracker.render.workbook.formulas import (
    Columns,
    cached_values,
    row_formulas,
    sheet_progress_formula,
    sheet_progress_value,
)
from tracker.render.workbook.styles import (
    CENTER,
    HELPER_FILL,
    INPUT_FILL,
    WRAP,
    add_completion_bars,
    add_status_colours,
    font,
    mark_input,
    protect,
    set_print,
    status_fill,
    status_font,
    style_body,
    style_header,
)
from tracker.render.workbook.validation import add_input_rules
from tracker.render.workbook.wording import GAP_NOTE, HEADERS, VALIDATION, uom_label, word

TITLE_ROW, AS_OF_ROW, LEGEND_ROW, STATUS_LEGEND_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4, 5, 6
AS_OF_CELL = "C2"
SHEET_AS_OF = "$C$2"
HELPER_ROLES = ("key", "metric", "cap", "comparator", "start", "end", "judged", "when", "over", "verdict")
INPUT_ROLES = ("actual", "as_of", "note")
# Widest a column may grow before its text wraps; unlisted visible columns fit their content.
MAX_WIDTHS = {"indicator": 36, "category": 20, "note": 30, "source": 40, "status": 20}
MIN_WIDTHS = {"category": 16}  # column C also holds the sheet as-of date
FIXED_WIDTHS = {"completion": 10, "time_progress": 10, "gap": 12, "status": 12, "as_of": 15}


@dataclass(frozen=True)
class TrackerSheet:
    """What the rest of the workbook needs from the tracker sheet."""

    cached: dict[str, object]   # cell reference -> value of the formula there
    meta: TrackerMeta
    cols: Columns
    rows: dict[str, int]        # row key -> row


def tracker_columns(statuses: tuple[Status, ...]) -> Columns:
    roles = ["seq", "indicator", "category", "uom", "cmp", "target"]
    if any(s.target.stretch_value is not None for s in statuses):
        roles.append("stretch")
    if any(s.target.baseline is not None for s in statuses):
        roles.append("baseline")
    roles += ["actual", "as_of", "completion", "time_progress", "gap", "status", "note", "source"]
    return Columns(tuple(roles) + HELPER_ROLES)


def write_tracker_sheet(ws: Worksheet, report: UnitReport, ctx: RenderContext, *, unit_label: str,
                        evidence: Mapping[str, int], sources_sheet: str, user_rows: int = 0) -> TrackerSheet:
    """The sheet, with room for `user_rows` rows of the user's own after the targets (carried.py)."""
    settings, lang, generated = ctx.settings, ctx.lang, ctx.generated
    cols = tracker_columns(report.statuses)
    last_row = HEADER_ROW + len(report.statuses)
    table_end = last_row + user_rows
    cached = _write_top(ws, report, settings, lang, unit_label, cols, generated)
    headers = HEADERS[lang]
    for role in cols.roles:
        put(ws, HEADER_ROW, cols.index(role), headers[role])
    style_header(ws, HEADER_ROW, 1, len(cols.roles), lang)
    _header_notes(ws, cols, lang)
    rows: dict[str, RowMeta] = {}
    placed: dict[str, int] = {}
    remarks = {remark.key: remark for remark in report.remarks}
    for offset, status in enumerate(report.statuses):
        row = FIRST_ROW + offset
        target = status.target
        shown = shown_inputs(status, remarks.get(target.key))
        cached.update(_write_row(ws, row, offset + 1, status, shown, cols, ctx, evidence, sources_sheet))
        rows[target.key] = RowMeta(target.unit, target.indicator, target.year, target.uom, target.metric, shown)
        placed[target.key] = row
    style_body(ws, range(FIRST_ROW, last_row + 1), 1, len(cols.roles))
    _widths(ws, cols, report, settings, lang)
    if report.statuses:
        status_col, completion_col = cols.letter("status"), cols.letter("completion")
        add_status_colours(ws, f"{status_col}{FIRST_ROW}:{status_col}{last_row}", settings, lang)
        add_completion_bars(ws, f"{completion_col}{FIRST_ROW}:{completion_col}{last_row}")
        add_input_rules(ws, cols, report.statuses, FIRST_ROW, AS_OF_CELL, lang)
    chart_end = add_progress_chart(ws, cols, FIRST_ROW, last_row, lang, below=table_end) if report.statuses \
        else table_end
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{cols.letter(cols.roles[-1])}{max(table_end, HEADER_ROW + 1)}"
    last_visible = cols.letter("source")  # the hidden helpers after it are not printed
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang), title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
              print_area=f"A1:{last_visible}{chart_end}")
    protect(ws)
    meta = TrackerMeta(sheet=ws.title, as_of_cell=AS_OF_CELL, header_row=HEADER_ROW,
                       headers={role: headers[role] for role in ("key", *INPUT_ROLES)}, rows=rows,
                       columns=tuple(headers[role] for role in cols.roles))
    return TrackerSheet(cached=cached, meta=meta, cols=cols, rows=placed)


def _write_top(ws: Worksheet, report: UnitReport, settings: Settings, lang: str, unit_label: str,
               cols: Columns, generated: date) -> dict[str, object]:
    """Title, the sheet as-of date with the year's time progress, and the two legend rows."""
    last_visible = cols.letter("source")
    title = put(ws, TITLE_ROW, 1, word(lang, "title").format(unit=unit_label, year=report.year))
    title.font = font(lang, bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A{TITLE_ROW}:{last_visible}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 30
    put(ws, AS_OF_ROW, 2, word(lang, "as_of")).alignment = Alignment(horizontal="right")
    put(ws, AS_OF_ROW, 3, report.as_of, DATE_FORMATS[lang])
    mark_input(ws, AS_OF_CELL)
    ws[AS_OF_CELL].comment = Comment(VALIDATION[lang]["sheet_as_of"][1], "tracker", width=260, height=80)
    put(ws, AS_OF_ROW, 4, word(lang, "year_progress").format(year=report.year)).alignment = Alignment(
        horizontal="right")
    ws.merge_cells(start_row=AS_OF_ROW, start_column=4, end_row=AS_OF_ROW, end_column=5)
    progress = put_formula(ws, AS_OF_ROW, 6, sheet_progress_formula(SHEET_AS_OF, report.year,
                                                                    settings.rules.time_basis), PERCENT_FORMAT)
    put(ws, AS_OF_ROW, 8, word(lang, "generated").format(date=fmt_date(generated, lang)))
    for column in (2, 3, 4, 6, 8):
        ws.cell(AS_OF_ROW, column).font = font(lang, bold=column in (3, 6))
    ws.cell(LEGEND_ROW, 1).fill = INPUT_FILL
    put(ws, LEGEND_ROW, 2, word(lang, "inputs_legend")).font = font(lang)
    ws.merge_cells(f"B{LEGEND_ROW}:{last_visible}{LEGEND_ROW}")
    # The legend sits above the six widest columns (完成率 .. 来源) so labels fit on one line.
    legend = put(ws, STATUS_LEGEND_ROW, cols.index("completion") - 1, word(lang, "status_legend"))
    legend.font, legend.alignment = font(lang), Alignment(horizontal="right", vertical="center")
    for column, code in enumerate(STATUS_CODES, start=cols.index("completion")):
        cell = put(ws, STATUS_LEGEND_ROW, column, settings.label(code, lang))
        cell.fill, cell.font, cell.alignment = status_fill(code), status_font(code, lang), CENTER
    ws.row_dimensions[STATUS_LEGEND_ROW].height = 18 if lang == "zh" else 28
    value = sheet_progress_value(report.as_of, report.year, settings.rules.time_basis)
    return {progress.coordinate: value}


def shown_inputs(status: Status, remark: Remark | None) -> Shown:
    """What a row's input cells show: its latest figure with its date and note, else the remark
    typed on it without a figure."""
    if status.actual is not None:
        return Shown(status.actual.value, status.actual.as_of, status.actual.note)
    if remark is not None:
        return Shown(None, remark.as_of, remark.note)
    return Shown()


def _write_row(ws: Worksheet, row: int, seq: int, status: Status, shown: Shown, cols: Columns, ctx: RenderContext,
               evidence: Mapping[str, int], sources_sheet: str) -> dict[str, object]:
    settings, lang = ctx.settings, ctx.lang
    target = status.target
    number = number_format_for(target.uom, lang)
    dates = DATE_FORMATS[lang]
    start, end = period_of(target)
    values: dict[str, tuple[object, str | None]] = {
        "seq": (seq, None),
        "indicator": (ctx.indicator(target.indicator), None),
        "category": (ctx.category(target.category) or None, None),
        "uom": (uom_label(target.uom, lang), None),
        "cmp": (fmt_comparator(target.comparator, lang), None),
        "target": _target_cell(target.value, target.value_max, number, lang),
        "stretch": (target.stretch_value, number),
        "baseline": (target.baseline, number),
        # A rate's input cell is General, not "0.0": LibreOffice keeps "0.0" when 35% is typed into it and
        # stores 0.35 (shown as 0.4), while a General cell takes the percent format the reader understands.
        "actual": (shown.value, "General" if target.uom == "%" else number),
        "as_of": (shown.as_of, dates),
        "note": (shown.note, None),
        "key": (target.key, None),
        "metric": (target.metric, None),
        "cap": (1 if is_cap(target) else 0, "0"),
        "comparator": (target.comparator, None),
        "start": (start, dates),
        "end": (end, dates),
        "judged": (judged_value(target), number),
    }
    for role, (value, number_format) in values.items():
        if role in cols:
            put(ws, row, cols.index(role), value, number_format)
    formats = {"when": dates, "over": "0", "time_progress": PERCENT_FORMAT, "completion": PERCENT_FORMAT,
               "gap": POINTS_FORMAT}
    formulas = row_formulas(cols, row, SHEET_AS_OF, settings, lang, percent=target.uom == "%")
    cached = {}
    for role, value in cached_values(status, settings, lang).items():
        cell = put_formula(ws, row, cols.index(role), formulas[role], formats.get(role))
        cached[cell.coordinate] = excel_serial(value) if isinstance(value, date) else value
    _source_cell(ws, row, cols, status, lang, evidence, sources_sheet)
    for role in cols.roles:
        cell = ws.cell(row, cols.index(role))
        cell.font = font(lang)
        cell.alignment = CENTER if role in ("seq", "cmp", "uom", "status") else WRAP
        if role == "target" and target.value_max is not None:
            cell.alignment = Alignment(horizontal="right", vertical="center")
        if role in INPUT_ROLES:
            mark_input(ws, cell.coordinate)
        elif role in HELPER_ROLES:
            cell.fill = HELPER_FILL
    return cached


def _target_cell(value: float, value_max: float | None, number_format: str, lang: str) -> tuple[object, str]:
    """A number, or for a range the text "5～6" (formulas use the judged value, not this cell)."""
    if value_max is None:
        return value, number_format
    return word(lang, "range").format(low=fmt_number(value, "", "zh"), high=fmt_number(value_max, "", "zh")), "@"


def _source_cell(ws: Worksheet, row: int, cols: Columns, status: Status, lang: str, evidence: Mapping[str, int],
                 sources_sheet: str) -> None:
    target = status.target
    column = cols.index("source")
    if not target.sources:
        put(ws, row, column, word(lang, "manual") if target.origin == "manual" else None)
        return
    docs = sorted({s.doc for s in target.sources})
    text = docs[0]
    if len(docs) > 1:
        text = word(lang, "more_sources").format(doc=docs[0], n=len(docs), others=len(docs) - 1)
    cell = put(ws, row, column, text)
    location = f"'{sources_sheet}'!A{evidence[target.key]}"
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=text)


def _header_notes(ws: Worksheet, cols: Columns, lang: str) -> None:
    notes = {role: VALIDATION[lang][role][1] for role in INPUT_ROLES}
    notes["gap"] = GAP_NOTE[lang]
    for role, text in notes.items():
        ws.cell(HEADER_ROW, cols.index(role)).comment = Comment(text, "tracker", width=280, height=90)
    for role in INPUT_ROLES:
        ws.cell(HEADER_ROW, cols.index(role)).fill = INPUT_FILL


def _widths(ws: Worksheet, cols: Columns, report: UnitReport, settings: Settings, lang: str) -> None:
    """Columns fit their content (CJK counted double), capped; then rows grow to show wrapped text."""
    last_row = FIRST_ROW + len(report.statuses) - 1
    for role in cols.roles:
        dimension = ws.column_dimensions[cols.letter(role)]
        if role in HELPER_ROLES:
            dimension.width, dimension.hidden = 12, True
            continue
        texts = [HEADERS[lang][role]]
        if role == "status":
            texts += [settings.label(code, lang) for code in STATUS_CODES] + [word(lang, "check")]
        elif role not in FIXED_WIDTHS:
            texts += [shown_text(ws.cell(row, cols.index(role)).value) for row in range(FIRST_ROW, last_row + 1)]
        minimum = FIXED_WIDTHS.get(role, MIN_WIDTHS.get(role, 6))
        dimension.width = fit_width(texts, minimum=minimum, maximum=MAX_WIDTHS.get(role, 18))
    fit_row_heights(ws, range(HEADER_ROW, last_row + 1), range(1, cols.index("source") + 1))

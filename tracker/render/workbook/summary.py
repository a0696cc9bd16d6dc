"""The summary workbook (output/summary.xlsx): 总览, 指标矩阵 and 全部目标 for every unit.

A snapshot of what the tool computed: plain values, no formulas (the live figures are in each
unit's tracker, linked from 总览).

综合完成率 (overall completion) of a unit: the mean, over its level targets of the goal-to-exceed
kind that have a reported figure, of completion capped at 100%. Capping keeps one target
far over its goal from hiding others that lag; caps (控制类) are left out because a low
completion is good for them; rate targets have no completion. Blank when no target qualifies.

Units needing attention come first: most 严重滞后, then most 滞后, then most 未填报, then the
lowest overall completion, then by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from tracker.assess.status import is_cap
from tracker.models import STATUS_CODES, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import fmt_date
from tracker.render.words import words
from tracker.render.workbook.cells import PERCENT_FORMAT, fit_width, put, put_value
from tracker.render.workbook.matrix import write_all_targets, write_matrix
from tracker.render.workbook.row_cache import RowCache
from tracker.render.workbook.sheet_xml import CellStyle
from tracker.render.workbook.stream import StreamedSheet, put_row
from tracker.render.workbook.styles import (
    BORDER,
    CENTER,
    STATUS_COLOURS,
    add_completion_bars,
    font,
    paginate_columns,
    set_print,
    status_fill,
    style_header,
    title_in_page_header,
)
from tracker.render.workbook.tracker import new_workbook, save
from tracker.render.workbook.wording import SHEETS

SUMMARY_WORDS = words("summary")["words"]

TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
FIRST_COUNT_COLUMN = 4  # 序号, 单位, 目标数, then one count per status


def overall_completion(report: UnitReport) -> float | None:
    """Mean of min(completion, 100%) over reported level targets to exceed (see the module docstring)."""
    values = [Fraction(repr(min(s.completion, 1.0))) for s in report.statuses
              if s.target.metric == "level" and not is_cap(s.target) and s.completion is not None]
    return float(sum(values) / len(values)) if values else None


def attention_order(reports: Sequence[UnitReport],
                    overall: Mapping[str, float | None] | None = None) -> list[UnitReport]:
    """Units needing attention first (see the module docstring); `overall` maps each unit to its
    overall completion when that is worked out already."""
    def key(report: UnitReport) -> tuple[int, int, int, float, str]:
        counts = _counts(report)
        completion = overall[report.unit] if overall is not None else overall_completion(report)
        return (-counts["seriously_behind"], -counts["behind"], -counts["not_reported"],
                2.0 if completion is None else completion, report.unit)
    return sorted(reports, key=key)


def _counts(report: UnitReport) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_CODES, 0)
    for status in report.statuses:
        counts[status.code] += 1
    return counts


@dataclass(frozen=True)
class Summary:
    """What the summary is made of: every unit's report, unit -> its tracker's path relative to
    the summary, and where the rows of 全部目标 are kept from build to build (row_cache.py)."""

    reports: tuple[UnitReport, ...]
    tracker_files: Mapping[str, str] = field(default_factory=dict)
    rows: RowCache | None = None


def render_summary(ctx: RenderContext, summary: Summary, path: Path) -> list[str]:
    """Write the summary workbook to `path`."""
    lang, generated = ctx.lang, ctx.generated
    reports, tracker_files = summary.reports, summary.tracker_files
    words, sheets = SUMMARY_WORDS[lang], SHEETS[lang]
    as_of = max((r.as_of for r in reports), default=generated)
    # Streamed: a national summary has hundreds of thousands of cells (stream.py).
    workbook = new_workbook(words["title"].format(date=fmt_date(as_of, lang)), words["subject"], generated,
                            streamed=True)
    overall = {report.unit: overall_completion(report) for report in reports}   # for the order and the overview
    ordered = attention_order(reports, overall)
    # The rows of the matrix and of the list of every target (national: three thousand and tens of
    # thousands) are copied from the last build's where they hold the same (row_cache.py).
    overview = StreamedSheet(workbook, sheets["overview"])
    kept = summary.rows
    matrix = StreamedSheet(workbook, sheets["matrix"], kept and kept.part("matrix"), by_content=True)
    everything = StreamedSheet(workbook, sheets["all"], kept, by_content=True)
    _write_overview(overview, ordered, ctx, as_of, tracker_files, overall)
    write_matrix(matrix, ordered, ctx, as_of)
    write_all_targets(everything, ordered, ctx)
    for sheet in (overview, matrix, everything):
        sheet.close()
    workbook.active = 0
    save(workbook, Path(path), generated, {})
    return []


def _write_overview(ws: Worksheet, reports: Sequence[UnitReport], ctx: RenderContext, as_of: date,
                    tracker_files: Mapping[str, str], overall: Mapping[str, float | None]) -> None:
    settings, lang, generated = ctx.settings, ctx.lang, ctx.generated
    words = SUMMARY_WORDS[lang]
    headers = (words["seq"], words["unit"], words["targets"],
               *(settings.label(code, lang) for code in STATUS_CODES), words["overall"], words["as_of"],
               words["tracker"])
    put(ws, TITLE_ROW, 1, words["title"].format(date=fmt_date(as_of, lang))).font = font(lang, bold=True, size=16)
    put(ws, NOTE_ROW, 1, words["overview_note"]).font = font(lang)
    ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(headers))
    ws.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[NOTE_ROW].height = 42
    for column, header in enumerate(headers, start=1):
        put(ws, HEADER_ROW, column, header)
    style_header(ws, HEADER_ROW, 1, len(headers), lang)
    for offset, code in enumerate(STATUS_CODES):
        cell = ws.cell(HEADER_ROW, FIRST_COUNT_COLUMN + offset)
        cell.fill, cell.font = status_fill(code), font(lang, bold=True, color=STATUS_COLOURS[code][1])
    # Each row written whole, its cells styled as the columns' (a national overview has 3,000 rows).
    plain = CellStyle(font=font(lang), border=BORDER, alignment=CENTER)
    styles = (*[plain] * (len(headers) - 3), plain._replace(number_format=PERCENT_FORMAT),
              plain._replace(number_format=words["date_format"]))
    linked, unlinked = (*styles, CellStyle(font=font(lang, color="0563C1", underline="single"), border=BORDER)), \
        (*styles, CellStyle(border=BORDER))
    shown: list[list[object]] = []
    for offset, report in enumerate(reports):
        counts = _counts(report)
        values = [offset + 1, ctx.unit(report.unit), len(report.statuses),
                  *(counts[code] for code in STATUS_CODES), overall[report.unit], report.as_of]
        link = tracker_files.get(report.unit) or None
        values.append(link)
        links = {len(headers): Hyperlink(ref="", target=link_target(link), display=link)} if link else None
        put_row(ws, FIRST_ROW + offset, values, linked if link else unlinked, links)
        shown.append(values)
    last_row = HEADER_ROW + len(reports)
    if reports:
        for code in ("behind", "seriously_behind", "not_reported"):
            letter = ws.cell(HEADER_ROW, FIRST_COUNT_COLUMN + STATUS_CODES.index(code)).column_letter
            ws.conditional_formatting.add(f"{letter}{FIRST_ROW}:{letter}{last_row}", CellIsRule(
                operator="greaterThan", formula=["0"],
                fill=PatternFill("solid", fgColor=STATUS_COLOURS[code][0], bgColor=STATUS_COLOURS[code][0])))
        overall = ws.cell(HEADER_ROW, len(headers) - 2).column_letter
        add_completion_bars(ws, f"{overall}{FIRST_ROW}:{overall}{last_row}")
    for column, header in enumerate(headers, start=1):
        texts = [header] + [str(put_value(values[column - 1]) or "") for values in shown]
        ws.column_dimensions[ws.cell(HEADER_ROW, column).column_letter].width = fit_width(texts, minimum=8,
                                                                                          maximum=30)
    ws.column_dimensions[ws.cell(HEADER_ROW, len(headers) - 1).column_letter].width = 16
    ws.freeze_panes = f"C{FIRST_ROW}"
    last_letter = ws.cell(HEADER_ROW, len(headers)).column_letter
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{max(last_row, HEADER_ROW + 1)}"
    set_print(ws, lang=lang, footer_date=fmt_date(generated, lang), title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    if len(paginate_columns(ws, len(headers), repeat=2)) > 1:
        title_in_page_header(ws, ws.cell(TITLE_ROW, 1).value, HEADER_ROW, len(headers), last_row,
                             words["overview_note"])


def link_target(relative: str) -> str:
    """A relative file link as a URI reference: '/' separators, spaces and '%' and '#' escaped."""
    escapes = {" ": "%20", "%": "%25", "#": "%23"}
    return "".join(escapes.get(ch, ch) for ch in relative.replace("\\", "/"))

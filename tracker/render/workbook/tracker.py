"""One Excel tracker per administrative unit (output/trackers/<unit>.xlsx).

Sheets: 目标跟踪 (the live tracker, see tracker_sheet.py), 长期目标 (only when the unit has goals
with no deadline: sheets.py), 历史, 来源, 填表说明 and a very
hidden layout sheet for reading inputs back (meta.py). The file is deterministic:
document times are the generation date, zip entry times are fixed, and no other clock is read,
so the same inputs give the same bytes (and outputs.write_bytes leaves an unchanged file alone).
"""

from __future__ import annotations

import dataclasses
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from tracker.entries.carry import Carried
from tracker.entries.layout import META_SHEET
from tracker.models import UnitReport
from tracker.outputs import write_bytes
from tracker.render import RenderContext
from tracker.render.workbook.carried import (
    NewLayout,
    write_input_formulas,
    write_user_columns_and_rows,
    write_user_sheets,
)
from tracker.render.workbook.meta import write_meta
from tracker.render.workbook.package import finish
from tracker.render.workbook.sheets import write_guide, write_history, write_long_term, write_sources
from tracker.render.workbook.styles import fast_styles
from tracker.render.workbook.tracker_sheet import FIRST_ROW, HEADER_ROW, TrackerSheet, write_tracker_sheet
from tracker.render.workbook.wording import HEADERS, SHEETS, word

CREATOR = "tracker"
SPOOL_BYTES = 4 << 20


def new_workbook(title: str, subject: str, generated: date, *, streamed: bool = False) -> Workbook:
    """An empty workbook with deterministic properties that recalculates when opened; `streamed`:
    in write-only mode, for StreamedSheets (stream.py)."""
    workbook = fast_styles(Workbook(write_only=streamed))
    if not streamed:
        workbook.remove(workbook.active)
    stamp = datetime(generated.year, generated.month, generated.day)
    props = workbook.properties
    props.title, props.subject = title, subject
    props.creator = props.lastModifiedBy = CREATOR
    props.created = props.modified = stamp
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    return workbook


def save(workbook: Workbook, path: Path, generated: date, cached: Mapping[str, Mapping[str, object]]) -> None:
    stamp = datetime(generated.year, generated.month, generated.day)
    # Stored, not compressed: finish() compresses every part when it rewrites the package. Kept
    # in memory up to a few megabytes (a tracker), in a temporary file beyond (a national summary).
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            ExcelWriter(workbook, archive).save()
        buffer.seek(0)
        data = finish(buffer, cached, stamp)
    write_bytes(path, data)


@dataclass(frozen=True)
class TrackerFile:
    """A tracker to write, with what its user added to the version being replaced."""

    report: UnitReport
    carried: Carried


def render_tracker(ctx: RenderContext, data: UnitReport | TrackerFile, path: Path) -> list[str]:
    """Write the unit's tracker to `path`, carrying over what the user added (TrackerFile)."""
    report, carried = (data.report, data.carried) if isinstance(data, TrackerFile) else (data, Carried())
    lang, generated = ctx.lang, ctx.generated
    sheets = SHEETS[lang]
    unit_label = ctx.unit(report.unit)
    title = word(lang, "title").format(unit=unit_label, year=report.year)
    workbook = new_workbook(title, word(lang, "subject"), generated)
    tracker = workbook.create_sheet(sheets["tracker"])
    if report.long_term:  # goals with no deadline: apart from the tracker, without 序时进度 or status
        write_long_term(workbook.create_sheet(sheets["long_term"]), report, ctx, unit_label)
    history = workbook.create_sheet(sheets["history"])
    sources = workbook.create_sheet(sheets["sources"])
    guide = workbook.create_sheet(sheets["guide"])
    write_history(history, report, ctx, unit_label)
    evidence = write_sources(sources, report, ctx, unit_label)
    written = write_tracker_sheet(tracker, report, ctx, unit_label=unit_label, evidence=evidence,
                                  sources_sheet=sources.title, user_rows=len(carried.rows))
    write_guide(guide, ctx.settings, lang, generated)
    ours = (*workbook.sheetnames, META_SHEET)
    cached = dict(written.cached)
    if carried:
        cached.update(_carry(workbook, tracker, written, carried, lang))
    meta = workbook.create_sheet(META_SHEET)
    write_meta(meta, dataclasses.replace(written.meta, sheets=ours))
    workbook.active = 0
    save(workbook, Path(path), generated, {tracker.title: cached})
    return []


def _carry(workbook: Workbook, tracker: Worksheet, written: TrackerSheet, carried: Carried,
           lang: str) -> dict[str, object]:
    """Write what the user added; the saved results of the formulas they typed into input cells."""
    cols, count = written.cols, len(written.rows)
    layout = NewLayout(sheet=tracker.title, columns={HEADERS[lang][role]: cols.index(role) for role in cols.roles},
                       first_user_column=len(cols.roles) + 1, rows=written.rows, first_user_row=FIRST_ROW + count,
                       last_row=FIRST_ROW + count + len(carried.rows) - 1)
    write_user_columns_and_rows(tracker, carried, layout, HEADER_ROW)
    shown = {}
    for key, info in written.meta.rows.items():
        if info.shown is not None:
            shown.update({(key, "actual"): info.shown.value, (key, "as_of"): info.shown.as_of,
                          (key, "note"): info.shown.note})
    cached = write_input_formulas(tracker, carried, layout, {role: cols.index(role) for role in ("actual", "as_of",
                                                                                                "note")}, shown)
    write_user_sheets(workbook, carried, layout)
    return cached

"""Writing records.xlsx, the review workbook (the columns decisions are read from: tracker/entries/review.py).

Sheet 记录 has one row per record: the record's fields (as reviewed so far), then the 决定
(decision) column with a dropdown of 确认/拒绝/修改, then one 更正 (correction) column per
field a reviewer may change. Decisions already in the ledger are filled in, so the sheet
shows what is decided and reading it back unchanged decides nothing new. Sheet 说明 says how.

Text from documents is stored as text, never as a formula (a quote may begin with "="), and
characters XML forbids are removed, as Excel would refuse to open the file otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.entries.review import ACTION_LABELS, CORRECTION_PREFIX, CORRECTIONS, DECISION_HEADER, SHEET
from tracker.models import Record
from tracker.outputs import write_saved
from tracker.render import RenderContext
from tracker.render.text import cell_text

HELP_SHEET = "说明"
RECORD_COLUMNS: tuple[str, ...] = (
    "id", "doc", "unit", "indicator", "indicator_text", "kind", "metric", "value", "uom", "comparator",
    "year", "period", "confidence", "flags", "quote", "start", "end",
)
WIDTHS: dict[str, int] = {
    "id": 14, "doc": 24, "unit": 16, "indicator": 20, "indicator_text": 20, "quote": 60, "flags": 18,
    "period": 16, DECISION_HEADER: 10,
}
INSTRUCTIONS: tuple[str, ...] = (
    "审核说明 / How to review",
    "",
    "“决定”列：确认（记录无误）、拒绝（不是目标或数据）、修改（按“更正”列修改）。",
    "决定 (decision): 确认 confirm, 拒绝 reject, or 修改 set (correct it with the 更正 columns).",
    "“更正”列：只填要改的字段；填了更正但未选决定，按“修改”处理。",
    "更正 (correction) columns: fill only the fields to change; corrections without a decision count as 修改.",
    "已有的决定已填入；重新导入未改动的文件不会新增任何决定。清空单元格不会撤销已有决定。",
    "Decisions already made are filled in; re-reading an unchanged file adds nothing. Clearing a cell undoes nothing.",
    "“修改”一条已拒绝的记录，即恢复（确认）它。",
    "Choosing 修改 for a rejected record brings it back as confirmed.",
    "",
    "导入 / Apply:  tracker build（自动读取）或 / or  tracker review ID --confirm",
)

def headers() -> list[str]:
    return [*RECORD_COLUMNS, DECISION_HEADER, *(CORRECTION_PREFIX + name for name in CORRECTIONS)]


def record_cells(record: Record) -> list[Any]:
    source = {"flags": ", ".join(record.flags), "quote": record.source.quote,
              "start": record.source.start, "end": record.source.end}
    return [source[name] if name in source else getattr(record, name) for name in RECORD_COLUMNS]


@dataclass(frozen=True)
class Review:
    """What records.xlsx shows: every record, and the decisions already made on them by record id."""

    records: tuple[Record, ...]
    decisions: Mapping[str, Any] = field(default_factory=dict)


def render_review(ctx: RenderContext, review: Review, path: Path) -> list[str]:
    """The renderer of records.xlsx (its wording is the same in every language)."""
    write_review_workbook(review.records, path, review.decisions)
    return []


def write_review_workbook(records: Sequence[Record], path: Path, decisions: Mapping[str, Any]) -> None:
    """Write records.xlsx. `decisions` maps a record id to its current review (an object with
    `action` and `changes`, as tracker.entries.review.current_reviews gives) for the 决定 and 更正 columns."""
    write_saved(Path(path), _workbook(records, decisions).save)


def _workbook(records: Sequence[Record], decisions: Mapping[str, Any]):
    # Write-only (streamed): a national ledger has tens of thousands of records, which as
    # ordinary openpyxl cells would take hundreds of megabytes.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    names = headers()
    decision_column = len(RECORD_COLUMNS) + 1
    quote_column = RECORD_COLUMNS.index("quote") + 1
    last_row = max(len(records) + 1, 2)
    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    decide_fill, correct_fill = PatternFill("solid", fgColor="FFF2CC"), PatternFill("solid", fgColor="E2EFDA")
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 12)
    letter = get_column_letter(decision_column)
    dropdown = DataValidation(type="list", formula1='"' + ",".join(ACTION_LABELS.values()) + '"',
                              allow_blank=True, showErrorMessage=True, errorTitle="决定",
                              error="请选择 确认、拒绝 或 修改 / choose 确认, 拒绝 or 修改")
    dropdown.add(f"{letter}2:{letter}{last_row}")
    sheet.data_validations.append(dropdown)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(records) + 1}"

    def style(**attributes: Any) -> Any:
        # Assigning a style object hashes it on every cell; a cell's style is an array of indexes,
        # copied from a cell styled once.
        prototype = WriteOnlyCell(sheet)
        for name, value in attributes.items():
            setattr(prototype, name, value)
        return prototype._style

    def cell(value: Any, styled: Any = None) -> Any:
        text = isinstance(value, str)
        if text:
            value = cell_text(value)
        # Text from documents stays text: openpyxl would make "=..." a formula, "#N/A" an error.
        forced = text and ((len(value) > 1 and value.startswith("=")) or value in ERROR_CODES)
        if not (forced or styled):
            return value
        written = WriteOnlyCell(sheet, value=value)
        if forced:
            written.data_type = "s"
        if styled is not None:
            written._style = copy(styled)
        return written

    header, decide, correct = style(font=bold, fill=header_fill), style(fill=decide_fill), style(fill=correct_fill)
    quote = style(alignment=Alignment(wrap_text=True, vertical="top"))
    column_styles = [decide if index == decision_column else correct if index > decision_column
                     else quote if index == quote_column else None for index in range(1, len(names) + 1)]
    sheet.append([cell(name, header) for name in names])
    for record in records:
        review = decisions.get(record.id)
        action = ACTION_LABELS.get(review.action) if review is not None and review.action else None
        # A rejected record's earlier corrections are moot; shown beside 拒绝 they would read as a conflict.
        changes = review.changes if review is not None and review.action != "reject" else {}
        values = [*record_cells(record), action, *(changes.get(name) for name in CORRECTIONS)]
        sheet.append([cell(value, styled) for value, styled in zip(values, column_styles, strict=True)])
    help_sheet = book.create_sheet(HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 110
    for number, line in enumerate(INSTRUCTIONS):
        help_sheet.append([cell(line, style(font=bold)) if number == 0 else line])
    return book

"""Writing records.xlsx, the review workbook (the columns decisions are read from: tracker/entries/review.py).

Sheet 记录 has one row per record: the record's fields (as reviewed so far), then the 决定
(decision) column with a dropdown of 确认/拒绝/修改, then one 更正 (correction) column per
field a reviewer may change. Decisions already in the ledger are filled in, so the sheet
shows what is decided and reading it back unchanged decides nothing new. Sheet 说明 says how.

Headers and codes are in Chinese (类型 目标/实绩, 指标类型 总量/增速/比重/变化, 比较 ≥ > ≤ < = ≈, 标记
已确认 …), the words reviewers type back, which tracker/entries/cells.py reads. Figures keep their
exact value and show at most two decimals (置信度 as a percentage). It prints landscape, in
page-wide parts with 编号 on each, at 80% or more, the header row repeated.

Text from documents is stored as text, never as a formula (a quote may begin with "="), and
characters XML forbids are removed, as Excel would refuse to open the file otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker.entries.review import (
    ACTION_LABELS,
    CORRECTION_PREFIX,
    CORRECTIONS,
    DECISION_HEADER,
    FIELD_LABELS,
    SHEET,
)
from tracker.models import Record
from tracker.render import RenderContext
from tracker.render.workbook.cells import fit_row_heights
from tracker.render.workbook.row_cache import RowCache, RowsGone
from tracker.render.workbook.styles import paginate_columns, set_print

HELP_SHEET = "说明"
RECORD_COLUMNS: tuple[str, ...] = (
    "id", "doc", "unit", "indicator", "indicator_text", "kind", "metric", "value", "uom", "comparator",
    "year", "period", "confidence", "flags", "quote", "start", "end",
)
WIDTHS: dict[str, int] = {   # by header; the rest are 8 wide
    "编号": 14, "文件": 18, "单位": 14, "指标": 18, "原文指标": 16, "原文": 56, "标记": 12, "期间": 15,
    "类型": 6, "比较": 6, "年份": 6, "起": 6, "止": 6, DECISION_HEADER: 7,
}
FIGURE_COLUMNS = {FIELD_LABELS["value"], FIELD_LABELS["confidence"], CORRECTION_PREFIX + FIELD_LABELS["value"]}
WRAPPED = {"编号", "文件", "单位", "指标", "原文指标", "原文", "标记", "期间"}
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

KIND_LABELS = {"target": "目标", "actual": "实绩"}
METRIC_LABELS = {"level": "总量", "growth": "增速", "share": "比重", "change": "变化"}
COMPARATOR_LABELS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "≈"}
FLAG_LABELS = {"confirmed": "已确认", "rejected": "已拒绝", "corrected": "已修改", "stale": "已失效",
               "unknown_indicator": "目录外指标", "long_term": "长期目标"}
CODE_LABELS = {"kind": KIND_LABELS, "metric": METRIC_LABELS, "comparator": COMPARATOR_LABELS}
FIGURE_FORMAT, WHOLE_FORMAT, SHARE_FORMAT = "0.0#", "0", "0%"


def headers() -> list[str]:
    return [*(FIELD_LABELS[name] for name in RECORD_COLUMNS), DECISION_HEADER,
            *(CORRECTION_PREFIX + FIELD_LABELS[name] for name in CORRECTIONS)]


def shown(name: str, value: Any) -> Any:
    """A field's value as the sheet shows it: codes in Chinese, the rest as it is."""
    return CODE_LABELS.get(name, {}).get(value, value) if isinstance(value, str) else value


OPEN_PERIOD_LABEL = "长期（无期限）"   # a goal with no deadline has the period "open"


def record_cells(record: Record) -> list[Any]:
    cells = []
    for name, labels in _CELL_LABELS:
        if name == "flags":
            cells.append("、".join(FLAG_LABELS.get(flag, flag) for flag in record.flags) or None)
        elif name == "period":
            cells.append(OPEN_PERIOD_LABEL if record.period == "open" else record.period)
        elif name in _SOURCE_FIELDS:
            cells.append(getattr(record.source, name))
        else:
            value = getattr(record, name)
            cells.append(labels.get(value, value) if labels is not None and isinstance(value, str) else value)
    return cells


_SOURCE_FIELDS = frozenset(("quote", "start", "end"))
# Each column with its codes' labels (None: shown as it is), looked up once rather than per cell.
_CELL_LABELS = tuple((name, CODE_LABELS.get(name)) for name in RECORD_COLUMNS)


@dataclass(frozen=True)
class Review:
    """What records.xlsx shows: every record, and the decisions already made on them by record id;
    for the rows kept from build to build (render/workbook/row_cache.py), a digest of each record
    (`keys`, as `records`) and where the rows are kept (`rows`)."""

    records: tuple[Record | None, ...]
    decisions: Mapping[str, Any] = field(default_factory=dict)
    keys: tuple[bytes, ...] = ()
    rows: RowCache | None = None
    # For a worker sent only the records whose rows are not kept (the others None): the key of
    # each row left out (None for the others), found among the kept rows or RowsGone.
    kept: tuple[bytes | None, ...] = ()


def render_review(ctx: RenderContext, review: Review, path: Path) -> list[str]:
    """The renderer of records.xlsx (its wording is the same in every language)."""
    write_review_workbook(review.records, path, review.decisions, ctx.generated, review.keys, review.rows,
                          review.kept)
    return []


def write_review_workbook(records: Sequence[Record | None], path: Path, decisions: Mapping[str, Any],
                          generated: date | None = None, keys: Sequence[bytes] = (),
                          rows: RowCache | None = None, kept: Sequence[bytes | None] = ()) -> None:
    """Write records.xlsx. `decisions` maps a record id to its current review (an object with
    `action` and `changes`, as tracker.entries.review.current_reviews gives) for the 决定 and 更正 columns.
    Its time stamps are `generated` (default today), so the same records give the same bytes.
    With `keys` (a digest of each record) and `rows`, the rows of records whose digest and
    decision are as an earlier build wrote them are copied from there (the same cells)."""
    from tracker.render.workbook.tracker import save

    save(_workbook(records, decisions, keys, rows, kept), Path(path), generated or date.today(), {})


def row_key(record_digest: bytes, review: Any) -> bytes:
    """The key of a record's row: its digest and the decision shown beside it (`review`, or None)."""
    decided = None if review is None else (review.action, sorted(review.changes.items()))
    return hashlib.sha256(record_digest + repr(decided).encode("utf-8")).digest()[:16]


def _workbook(records: Sequence[Record | None], decisions: Mapping[str, Any], keys: Sequence[bytes] = (),
              rows: RowCache | None = None, kept: Sequence[bytes | None] = ()):
    # Streamed (write-only): a national ledger has tens of thousands of records, which as ordinary
    # openpyxl cells would take hundreds of megabytes; StreamedSheet writes the same cells.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from tracker.render.workbook.sheet_xml import CellStyle
    from tracker.render.workbook.stream import StreamedSheet

    book = Workbook(write_only=True)
    keys = keys if len(keys) == len(records) else ()
    sheet = StreamedSheet(book, SHEET, rows if keys else None)
    names = headers()
    decision_column = len(RECORD_COLUMNS) + 1
    last_row = max(len(records) + 1, 2)
    bold, header_fill = Font(name="宋体", size=10, bold=True), PatternFill("solid", fgColor="DDEBF7")
    body_font = Font(name="宋体", size=10)
    decide_fill, correct_fill = PatternFill("solid", fgColor="FFF2CC"), PatternFill("solid", fgColor="E2EFDA")
    header_alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrapped, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    fills = [decide_fill if index == decision_column else correct_fill if index > decision_column else None
             for index in range(1, len(names) + 1)]
    alignments = [wrapped if name in WRAPPED else top for name in names]
    # One style per column (and per figure format), shared by every row: each is set up once.
    plain = tuple(CellStyle(font=body_font, fill=fill, alignment=alignment)
                  for fill, alignment in zip(fills, alignments, strict=True))
    figures = {(index, number_format): plain[index]._replace(number_format=number_format)
               for index, name in enumerate(names) if name in FIGURE_COLUMNS
               for number_format in (SHARE_FORMAT, WHOLE_FORMAT, FIGURE_FORMAT)}
    figure_columns = [(index, name == FIELD_LABELS["confidence"]) for index, name in enumerate(names)
                      if name in FIGURE_COLUMNS]
    sheet.register_styles([*plain, *figures.values()])
    for index, name in enumerate(names, start=1):
        cell = sheet.cell(1, index, name)
        cell.font, cell.fill, cell.alignment = bold, header_fill, header_alignment
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 8)
    for row, record in enumerate(records, start=2):
        if record is None:   # its row is among the kept ones (Review.kept)
            if not sheet.put_kept(row, kept[row - 2] or b""):
                raise RowsGone(f"row {row} of {SHEET}")
            continue
        review = decisions.get(record.id)
        key = row_key(keys[row - 2], review) if keys else None
        if key is not None and sheet.put_kept(row, key):
            continue
        action = ACTION_LABELS.get(review.action) if review is not None and review.action else None
        # A rejected record's earlier corrections are moot; shown beside 拒绝 they would read as a conflict.
        changes = review.changes if review is not None and review.action != "reject" else {}
        values = [*record_cells(record), action, *(shown(name, changes.get(name)) for name in CORRECTIONS)]
        styles = plain
        for index, share in figure_columns:
            value = values[index]
            if isinstance(value, float):
                styles = list(styles) if styles is plain else styles
                styles[index] = figures[index, SHARE_FORMAT if share else (
                    WHOLE_FORMAT if value.is_integer() else FIGURE_FORMAT)]
        # Text from documents stays text, never a formula (put_row writes strings as text, cleaned).
        sheet.put_row(row, values, styles, key=key)
    letter = get_column_letter(decision_column)
    dropdown = DataValidation(type="list", formula1='"' + ",".join(ACTION_LABELS.values()) + '"',
                              allow_blank=True, showErrorMessage=True, errorTitle="决定",
                              error="请选择 确认、拒绝 或 修改 / choose 确认, 拒绝 or 修改")
    dropdown.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(dropdown)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(records) + 1}"
    sheet.row_dimensions[1].height = 28
    fit_row_heights(sheet, range(2, len(records) + 2), range(1, len(names) + 1))  # wrapped cells print whole
    set_print(sheet, lang="zh", footer_date="&D", title_rows="1:1")
    sheet.oddFooter.right.text = ""
    paginate_columns(sheet, len(names), repeat=1)
    sheet.close()
    help_sheet = StreamedSheet(book, HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(INSTRUCTIONS, start=1):
        help_sheet.cell(row, 1, line or None)
    help_sheet.cell(1, 1).font = bold
    help_sheet.close()
    return book

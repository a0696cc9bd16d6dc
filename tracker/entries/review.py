"""Review decisions: from records.xlsx and from `tracker review`, into the ledger.

A decision is one of confirm (确认), reject (拒绝) or set (修改: correct some fields). Reading
records.xlsx gives the decisions it shows; `apply_review` records only those that differ from
what the ledger already has, so a file read twice, or regenerated and read again, adds nothing.
Rules for a row: corrections without a decision mean 修改; 拒绝 with corrections is a problem;
修改 on a rejected record brings it back as confirmed (the ledger has no other way to un-reject);
an emptied cell undoes nothing (decisions are kept as history).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.entries.cells import CellError, comparator_of, is_blank, kind_of_record, text_of, year_of
from tracker.entries.damaged import WORKBOOK_ERRORS
from tracker.entries.figures import as_shown, figure_of
from tracker.errors import InputRejected, UnknownRecord, UsageError
from tracker.extract.measures import normalise_unit
from tracker.ledger import Ledger
from tracker.ledger.decisions import REVIEW_FIELD, latest_decisions
from tracker.messages import say
from tracker.models import Problem

# The layout of records.xlsx that decisions are read from (tracker/render/review_sheet.py writes it):
# sheet SHEET, a header row naming the record's fields (id, uom ...), the 决定 column, and one
# 更正 column per field a reviewer may correct.
SHEET = "记录"
DECISION_HEADER = "决定"
ACTION_LABELS: dict[str, str] = {"confirm": "确认", "reject": "拒绝", "set": "修改"}
# The fields a reviewer may correct, in column order; each has a column headed "更正 <field>".
CORRECTIONS: tuple[str, ...] = ("unit", "indicator", "value", "uom", "comparator", "year", "kind")
CORRECTION_PREFIX = "更正 "
# Column headers of records.xlsx per record field (the sheet is read by these; files written before
# they were Chinese, headed by the field names, are still read).
FIELD_LABELS: dict[str, str] = {
    "id": "编号", "doc": "文件", "unit": "单位", "indicator": "指标", "indicator_text": "原文指标",
    "kind": "类型", "metric": "指标类型", "value": "数值", "uom": "计量单位", "comparator": "比较",
    "year": "年份", "period": "期间", "confidence": "置信度", "flags": "标记", "quote": "原文",
    "start": "起", "end": "止",
}
ACTION_WORDS: dict[str, str] = {
    **{label: action for action, label in ACTION_LABELS.items()}, **{action: action for action in ACTION_LABELS},
}
CLI_ORIGIN = "tracker review"

__all__ = [
    "CORRECTIONS", "FIELD_LABELS", "ReviewDecision", "apply_review", "current_reviews", "parse_assignments",
    "read_review_workbook", "review_by_hand",
]


@dataclass(frozen=True)
class ReviewDecision:
    """A decision on one record: `action` confirm | reject | set, with `changes` (field -> value)."""

    record_id: str
    action: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    origin: str = CLI_ORIGIN


def _text(value: Any, uom: str = "") -> str:
    text = text_of(value)
    if not text:
        raise CellError(say("review.empty_text"))
    return text


# How a correction typed by a reviewer is read; `uom` is the unit a value is in (for '3.2亿元').
PARSERS: dict[str, Callable[[Any, str], Any]] = {
    "unit": _text,
    "indicator": _text,
    "value": lambda value, uom: float(figure_of(value, uom)),
    "uom": lambda value, uom: normalise_unit(_text(value)),
    "comparator": lambda value, uom: comparator_of(value),
    "year": lambda value, uom: year_of(value),
    "kind": lambda value, uom: kind_of_record(value),
}


def current_reviews(ledger: Ledger, record_ids: Sequence[str]) -> dict[str, ReviewDecision]:
    """What the ledger has decided on each record (records without decisions are left out).

    The action is the latest confirm or reject, else "set" when fields were corrected; the changes
    are the latest value of each corrected field. Raises UnknownRecord for an id not in the ledger.
    """
    reviews = {}
    for record_id, decisions in ledger.decisions_on(record_ids).items():
        latest = latest_decisions(decisions)
        review = latest.pop(REVIEW_FIELD, None)
        changes = {name: decision.value for name, decision in latest.items()}
        if review is not None or changes:
            reviews[record_id] = ReviewDecision(record_id, review.action if review else "set", changes,
                                                origin=review.origin if review else "ledger")
    return reviews


def _step(now: ReviewDecision | None, wanted: ReviewDecision) -> tuple[str, dict[str, Any]] | None:
    """The ledger decision that brings `now` to `wanted`, or None when nothing needs recording."""
    now_review = now.action if now is not None and now.action != "set" else None
    now_changes = now.changes if now is not None else {}
    if wanted.action == "reject":
        return None if now_review == "reject" else ("reject", {})
    new = {name: value for name, value in wanted.changes.items()
           if name not in now_changes or now_changes[name] != value}
    if now_review == "reject" or (wanted.action == "confirm" and now_review != "confirm"):
        return "confirm", new
    return ("set", new) if new else None


def apply_review(ledger: Ledger, decisions: Sequence[ReviewDecision]) -> int:
    """Record the decisions that change something; the number recorded.

    Every id is checked before anything is written: an unknown one raises UnknownRecord.
    """
    ids = [d.record_id for d in decisions]
    try:
        now = current_reviews(ledger, list(dict.fromkeys(ids)))
    except UnknownRecord:
        known = {r.id for r in ledger.records(include_rejected=True, include_stale=True)}
        unknown = next(d for d in decisions if d.record_id not in known)
        raise UnknownRecord(say("review.unknown_in", id=unknown.record_id, origin=unknown.origin)) from None
    recorded = 0
    for decision in decisions:
        before = now.get(decision.record_id)
        step = _step(before, decision)
        if step is None:
            continue
        ledger.decide(decision.record_id, step[0], step[1], origin=decision.origin)
        recorded += 1
        # A record named twice (two rows with one id) is compared with what was just recorded.
        changes = {**(before.changes if before else {}), **step[1]}
        review = step[0] if step[0] != "set" else (before.action if before else "set")
        now[decision.record_id] = ReviewDecision(decision.record_id, review, changes, decision.origin)
    return recorded


def parse_assignments(assignments: Sequence[str], uom: str) -> dict[str, Any]:
    """'field=value' texts from the command line as corrections; UsageError names the bad one."""
    changes: dict[str, Any] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        name = name.strip()
        if not sep:
            raise UsageError(say("review.set_syntax", found=assignment))
        if name not in PARSERS:
            raise UsageError(say("review.set_field", name=name, fields=list(CORRECTIONS)))
        try:
            changes[name] = PARSERS[name](value, changes.get("uom", uom))
        except CellError as exc:
            if exc.expected is None:
                raise UsageError(say("review.set_value", name=name, value=value, error=exc.message)) from None
            raise UsageError(say("review.set_value_expected", name=name, value=value, error=exc.message,
                                 expected=exc.expected)) from None
    return changes


def review_by_hand(ledger: Ledger, record_id: str, action: str, assignments: Sequence[str] = ()) -> int:
    """`tracker review`: one decision on one record, given as on the command line; 1 if recorded, else 0."""
    found = [r for r in ledger.records(include_rejected=True, include_stale=True) if r.id == record_id]
    if not found:
        raise UnknownRecord(say("review.unknown", id=record_id))
    # A value typed with a unit converts to the corrected uom when one is set in the same command.
    ordered = sorted(assignments, key=lambda text: not text.strip().startswith("uom="))
    changes = parse_assignments(ordered, found[0].uom)
    return apply_review(ledger, [ReviewDecision(record_id, action, changes, CLI_ORIGIN)])


def read_review_workbook(path: Path) -> tuple[list[ReviewDecision], list[Problem]]:
    """The decisions records.xlsx shows (rows with neither a decision nor a correction give none),
    with a problem, naming sheet and cell, for every value that cannot be read."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            if SHEET not in book.sheetnames:
                return [], [Problem(path.name, say("review.no_sheet", sheet=SHEET),
                                    expected=say("review.expected_file"))]
            # A value shown as a percentage (25% is stored as 0.25) is read as shown, as in every other cell.
            grid = [[as_shown(cell.value, getattr(cell, "number_format", None)) for cell in row]
                    for row in book[SHEET].iter_rows()]
        finally:
            book.close()
    except WORKBOOK_ERRORS as exc:
        raise InputRejected(say("review.not_workbook", file=path.name, error=str(exc))) from exc
    header = [_field_of(text_of(cell)) for cell in (grid[0] if grid else [])]
    if "id" not in header or DECISION_HEADER not in header:
        return [], [Problem(f"{path.name}!{SHEET}!A1", say("review.no_header"), expected=say("review.expected_header"))]
    layout = _Layout(path.name, header)
    decisions, problems = [], []
    for number, values in enumerate(grid[1:], start=2):
        decision, row_problems = layout.decision(number, values)
        problems.extend(row_problems)
        if decision is not None:
            decisions.append(decision)
    return decisions, problems


_FIELDS_BY_LABEL = {label: name for name, label in FIELD_LABELS.items()}


def _field_of(header: str) -> str:
    """A header as the field it heads: 编号 -> id, 更正 数值 -> 更正 value (English field names pass)."""
    if header.startswith(CORRECTION_PREFIX):
        rest = header[len(CORRECTION_PREFIX):].strip()
        return CORRECTION_PREFIX + _FIELDS_BY_LABEL.get(rest, rest)
    return _FIELDS_BY_LABEL.get(header, header)


class _Layout:
    """Where the id, uom, 决定 and 更正 columns are in a review sheet, and reading one row by it."""

    def __init__(self, file: str, header: list[str]) -> None:
        self.file = file
        self.id, self.action = header.index("id"), header.index(DECISION_HEADER)
        self.uom = header.index("uom") if "uom" in header else None
        self.fixes = {name: header.index(CORRECTION_PREFIX + name)
                      for name in CORRECTIONS if CORRECTION_PREFIX + name in header}

    def where(self, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.file}!{SHEET}!{get_column_letter(column + 1)}{row}"

    def decision(self, number: int, values: list[Any]) -> tuple[ReviewDecision | None, list[Problem]]:
        def cell(index: int | None) -> Any:
            return values[index] if index is not None and index < len(values) else None

        record_id = text_of(cell(self.id))
        if not record_id:
            return None, []
        problems: list[Problem] = []
        place = self.where(number, self.action)
        raw_action = cell(self.action)
        action = None if is_blank(raw_action) else ACTION_WORDS.get(text_of(raw_action).lower())
        if not is_blank(raw_action) and action is None:
            problems.append(Problem(place, say("review.not_decision"), found=text_of(raw_action),
                                    expected=say("review.expected_decision")))
        # A value typed with a unit ('3.2亿元') is read in the corrected uom, else the record's.
        uom = normalise_unit(text_of(cell(self.fixes.get("uom"))) or text_of(cell(self.uom)))
        changes = {}
        for name, index in self.fixes.items():
            if not is_blank(cell(index)):
                try:
                    changes[name] = PARSERS[name](cell(index), uom)
                except CellError as exc:
                    found = None if name == "value" else text_of(cell(index))  # figure messages quote the cell
                    problems.append(Problem(self.where(number, index), exc.message, found=found, expected=exc.expected))
        if action == "reject" and changes:
            problems.append(Problem(place, say("review.rejected_corrected"), expected=say("review.expected_reject")))
        if action == "set" and not changes and not problems:
            problems.append(Problem(place, say("review.nothing_to_set")))
        if problems or not (action or changes):
            return None, problems
        return ReviewDecision(record_id, action or "set", changes, origin=place), []

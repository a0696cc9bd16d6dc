"""What a user changed on a tracker row, told from what the row showed when tracker wrote it (pure).

Each row's input cells (figure, date, note) are compared with what tracker wrote into them (kept
in the workbook's layout sheet, layout.Shown):
- unchanged: nothing to record (an older copy of a tracker shows older figures, and that is not
  an edit), except that a figure the ledger has never had is recorded again (a ledger restored
  from a backup gets back what the trackers show);
- a figure typed or changed: the figure, dated by its own date, else the sheet's; when the new date
  is earlier than the one shown, the figure shown is withdrawn too (else it would stay the latest,
  and the row would never show what was typed);
- a figure cleared: a withdrawal of the figure shown (Actual.withdrawn), kept in the history;
- a note or date typed, changed or cleared on a row without a figure: a remark.
Version 1 workbooks do not say what they showed: their figures are recorded as typed (the ledger
skips one equal to the current figure) and a note or date alone is a remark; nothing is withdrawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.decimals import to_decimal, trimmed
from tracker.entries.trackers import RowInput
from tracker.messages import Message, say
from tracker.models import Actual, Remark


@dataclass(frozen=True)
class RowEdit:
    """What is to be recorded for one row: figures and withdrawals, a remark, and notes for the user."""

    row: RowInput
    figures: tuple[Actual, ...] = ()
    remark: Remark | None = None
    notes: tuple[Message, ...] = field(default=())

    def describe(self) -> list[Message]:
        """What was typed, for messages: "12 (2024-09-30)", "cleared 12 (2024-09-30)", "the note '前三季度'"."""
        parts = [say("edit.cleared" if actual.withdrawn else "edit.figure", value=_number(actual.value),
                     date=actual.as_of.isoformat()) for actual in self.figures]
        if self.remark is not None:
            if self.remark.note:
                parts.append(say("edit.note", note=self.remark.note))
            if self.remark.as_of:
                parts.append(say("edit.date", date=self.remark.as_of.isoformat()))
            if not (self.remark.note or self.remark.as_of):
                parts.append(say("edit.emptied"))
        return parts


def row_edit(row: RowInput, history: Sequence[Actual], remarks: Sequence[Remark]) -> RowEdit | None:
    """What to record for `row`, given the ledger's figures and remarks for its target (any order)."""
    shown = row.shown
    if shown is None:
        return _unversioned(row)
    typed = (to_decimal(row.figure), row.as_of, row.note)
    if typed == (to_decimal(shown.value), shown.as_of, shown.note):
        return _recovered(row, history, remarks)
    figures: list[Actual] = []
    notes: list[Message] = []
    remark = None
    actual = row.actual()
    if actual is not None:
        figures.append(actual)
        if shown.value is not None and shown.as_of is not None and actual.as_of < shown.as_of:
            figures.append(_withdrawal(row, shown.value, shown.as_of, None))
            notes.append(say("edit.date_back", cell=row.cells["as_of"], shown=shown.as_of.isoformat(),
                             typed=actual.as_of.isoformat(), value=_number(shown.value)))
    else:
        if shown.value is not None and shown.as_of is not None:
            changed_note = row.note if row.note != shown.note else None
            figures.append(_withdrawal(row, shown.value, shown.as_of, changed_note))
        if (row.as_of, row.note) != (shown.as_of, shown.note) and (row.as_of or row.note or shown.value is None):
            remark = _remark(row)
    if not figures and remark is None:
        return None
    return RowEdit(row, tuple(figures), remark, tuple(notes))


def _unversioned(row: RowInput) -> RowEdit | None:
    actual = row.actual()
    if actual is not None:
        return RowEdit(row, (actual,))
    if row.as_of or row.note:
        return RowEdit(row, remark=_remark(row))
    return None


def _recovered(row: RowInput, history: Sequence[Actual], remarks: Sequence[Remark]) -> RowEdit | None:
    """An unchanged row whose figure (or remark) the ledger does not have: it is recorded again."""
    shown = row.shown
    assert shown is not None
    if shown.value is not None:
        value = to_decimal(shown.value)
        if any(to_decimal(a.value) == value and a.as_of == shown.as_of for a in history):
            return None
        actual = row.actual()
        return None if actual is None else RowEdit(row, (actual,))
    if (shown.as_of or shown.note) and not any((r.as_of, r.note) == (shown.as_of, shown.note) for r in remarks):
        return RowEdit(row, remark=_remark(row))
    return None


def _withdrawal(row: RowInput, value: float, as_of, note: str | None) -> Actual:
    info = row.info
    return Actual(unit=info.unit, indicator=info.indicator, year=info.year, value=value, uom=info.uom, as_of=as_of,
                  origin=row.cells["actual"], note=note, withdrawn=True)


def _remark(row: RowInput) -> Remark:
    info = row.info
    origin = row.cells["note"] if row.note or not row.as_of else row.cells["as_of"]
    return Remark(unit=info.unit, indicator=info.indicator, year=info.year, as_of=row.as_of, note=row.note,
                  origin=origin)


def _number(value: float) -> str:
    number = to_decimal(value)
    return trimmed(number) if number is not None else str(value)

"""row_edit: what a user changed on a tracker row, told from what the row showed when it was written."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.entries.edits import row_edit
from tracker.entries.layout import RowMeta, Shown
from tracker.entries.trackers import RowInput
from tracker.models import Actual, Remark

CELLS = {"actual": "trackers/甲区.xlsx!目标跟踪!I7", "as_of": "trackers/甲区.xlsx!目标跟踪!J7",
         "note": "trackers/甲区.xlsx!目标跟踪!O7"}
JUNE, SEPT = date(2024, 6, 30), date(2024, 9, 30)


NOTHING = Shown()


def row(figure=None, as_of=None, note=None, shown: Shown | None = NOTHING, sheet_date=SEPT) -> RowInput:
    info = RowMeta("甲区", "技术合同成交额", 2024, "亿元", "level", shown)
    return RowInput(info, figure, as_of, note, sheet_date, CELLS)


def figure(value, as_of, note=None, withdrawn=False) -> Actual:
    return Actual("甲区", "技术合同成交额", 2024, value, "亿元", as_of, CELLS["actual"], note, withdrawn=withdrawn)


def test_a_row_as_it_was_written_is_no_edit() -> None:
    assert row_edit(row(6.2, SEPT, "前三季度", Shown(6.2, SEPT, "前三季度")), [figure(6.2, SEPT)], []) is None
    assert row_edit(row(), [], []) is None


def test_a_figure_typed_or_changed_is_recorded_with_its_date_else_the_sheet_date() -> None:
    edit = row_edit(row(6.5, None, None), [], [])
    assert edit.figures == (figure(6.5, SEPT),)
    edit = row_edit(row(6.5, SEPT, None, Shown(6.2, SEPT, None)), [figure(6.2, SEPT)], [])
    assert edit.figures == (figure(6.5, SEPT),)


def test_a_later_date_keeps_the_earlier_figure_and_an_earlier_one_withdraws_it() -> None:
    later = row_edit(row(8, SEPT, None, Shown(6.2, JUNE, None)), [figure(6.2, JUNE)], [])
    assert later.figures == (figure(8, SEPT),) and later.notes == ()
    earlier = row_edit(row(6.2, JUNE, None, Shown(6.2, SEPT, None)), [figure(6.2, SEPT)], [])
    assert earlier.figures == (figure(6.2, JUNE), figure(6.2, SEPT, withdrawn=True))
    assert earlier.notes == (f"{CELLS['as_of']}: the date went back from 2024-09-30 to 2024-06-30, so the figure of "
                             "2024-09-30 (6.2) was withdrawn",)


@pytest.mark.parametrize(("note", "withdrawal_note", "remark"), [
    ("前三季度", None, None),                        # the note left as it was goes with the figure
    (None, None, None),                              # everything cleared
    ("数据有误，撤回", "数据有误，撤回", ("数据有误，撤回",)),   # a new note stays, as a remark
])
def test_a_cleared_figure_is_a_withdrawal(note, withdrawal_note, remark) -> None:
    edit = row_edit(row(None, SEPT if note else None, note, Shown(6.2, SEPT, "前三季度")), [figure(6.2, SEPT)], [])
    assert edit.figures == (figure(6.2, SEPT, withdrawal_note, withdrawn=True),)
    assert (edit.remark.note,) == remark if remark else edit.remark is None


def test_a_note_or_date_alone_is_a_remark_and_emptying_one_is_too() -> None:
    edit = row_edit(row(None, None, "待核定"), [], [])
    assert (edit.figures, edit.remark) == ((), Remark("甲区", "技术合同成交额", 2024, None, "待核定", CELLS["note"]))
    edit = row_edit(row(None, JUNE, None), [], [])
    assert edit.remark == Remark("甲区", "技术合同成交额", 2024, JUNE, None, CELLS["as_of"])
    emptied = row_edit(row(None, None, None, Shown(None, None, "待核定")), [], [])
    assert (emptied.remark.as_of, emptied.remark.note) == (None, None)


def test_what_a_row_shows_that_the_ledger_lacks_is_recorded_again() -> None:
    assert row_edit(row(6.2, SEPT, None, Shown(6.2, SEPT, None)), [], []).figures == (figure(6.2, SEPT),)
    assert row_edit(row(6.2, SEPT, None, Shown(6.2, SEPT, None)), [figure(6.2, SEPT, withdrawn=True)], []) is None
    note = Shown(None, None, "待核定")
    assert row_edit(row(None, None, "待核定", note), [], []).remark.note == "待核定"
    remarked = [Remark("甲区", "技术合同成交额", 2024, None, "待核定", "x")]
    assert row_edit(row(None, None, "待核定", note), [], remarked) is None


def test_a_version_1_row_records_its_figure_and_never_withdraws() -> None:
    assert row_edit(row(6.2, SEPT, None, shown=None), [], []).figures == (figure(6.2, SEPT),)
    assert row_edit(row(None, None, "备注", shown=None), [], []).remark.note == "备注"
    assert row_edit(row(shown=None), [figure(6.2, SEPT)], []) is None


def test_describe_says_what_was_typed() -> None:
    edit = row_edit(row(None, None, "待核定", Shown(6.2, SEPT, None)), [figure(6.2, SEPT)], [])
    assert [str(part) for part in edit.describe()] == ["cleared 6.2 (2024-09-30)", "the note '待核定'"]

"""What users add to a tracker, read (entries/carry.py) and written back (render/workbook/carried.py):
references to the tracker sheet kept by meaning and written where their cells are now."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart
from openpyxl.worksheet.datavalidation import DataValidation

from tests.helpers.workbook_fixtures import GENERATED, SETTINGS, UNIT_A, reports
from tracker.entries.carry import read_carried
from tracker.entries.layout import META_SHEET, read_meta
from tracker.entries.references import Layout, formula_of
from tracker.entries.trackers import read_tracker
from tracker.render import RenderContext
from tracker.render.workbook.carried import NewLayout, formula_text
from tracker.render.workbook.tracker import render_tracker

OLD = Layout(sheet="目标跟踪", header_row=5, ours={7: "年度目标", 9: "实际完成"}, keys={6: "k1", 7: "k2"},
             user_columns={27: 0}, user_rows={9: 0}, last_row=9)
NEW = NewLayout(sheet="目标跟踪", columns={"年度目标": 6, "实际完成": 8}, first_user_column=30,
                rows={"k1": 7, "k2": 6}, first_user_row=10, last_row=10)


@pytest.mark.parametrize(("formula", "tracker_sheet", "written"), [
    ("=I7*0.8", True, "=H6*0.8"),                                   # the row of k2 moved up, the column left
    ("=SUM($I$6:I7)/G6", True, "=SUM($H$7:H6)/F7"),                 # fixed and relative corners alike
    ("='目标跟踪'!I6+目标跟踪!AA7", False, "='目标跟踪'!H7+目标跟踪!AD6"),  # a user column, by its number
    ("=我的工作底稿!B3+'其他'!I7", True, "=我的工作底稿!B3+'其他'!I7"),   # other sheets' references stay
    ("=I9&C2&I12", True, "=H10&C2&H13"),                              # a user row, the top, below the table
    ("=SUM(I:I)", True, "=SUM(H:H)"),
    ("=MyName*2", True, "=MyName*2"),
    ('=IF(I7>0,"I7",0)', True, '=IF(H6>0,"I7",0)'),                  # text is not a reference
    ("=I8", False, "=I8"),                                           # unprefixed, on another sheet
])
def test_references_to_the_tracker_sheet_follow_their_cells(formula, tracker_sheet, written) -> None:
    assert formula_text(formula_of(formula, OLD, tracker_sheet), NEW) == written


def test_a_reference_to_a_row_that_left_reads_ref() -> None:
    gone = NewLayout(sheet="目标跟踪", columns={"实际完成": 8}, first_user_column=30, rows={"k1": 7},
                     first_user_row=8, last_row=8)
    assert formula_text(formula_of("=I7+I6", OLD, True), gone) == "=#REF!+H7"


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    path = tmp_path / "甲区.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), next(r for r in reports() if r.unit == UNIT_A), path)
    return path


def test_a_tracker_as_written_carries_nothing(tracker: Path) -> None:
    read = read_tracker(tracker, name="trackers/甲区.xlsx")
    assert not read.carried and read.added_rows == []


def test_what_cannot_be_carried_is_named(tracker: Path) -> None:
    book = load_workbook(tracker)
    own = book.create_sheet("我的工作底稿")
    own.add_data_validation(DataValidation(type="list", formula1='"是,否"', sqref="A1"))
    book.create_chartsheet("图").add_chart(BarChart())
    book.save(tracker)
    formulas = load_workbook(tracker)
    carried, _ = read_carried(formulas, read_meta(formulas[META_SHEET]), 5, {"key": 17, "actual": 9, "as_of": 10,
                                                                            "note": 15}, "甲区.xlsx")
    assert [str(b) for b in carried.blockers] == ["the sheet 我的工作底稿 has data validation", "the chart sheet 图"]

"""Typing into a tracker with LibreOffice itself: 35%, a date, a note alone, a sheet and a column of one's own;
saved by LibreOffice, rebuilt, and checked in the ledger and in the regenerated file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.helpers.office import office, type_in_libreoffice
from tests.helpers.trackers import header_columns, rows_by_indicator, small_project
from tracker.ledger import Ledger
from tracker.pipeline import BuildOptions, build

OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1)
UNIT = "兰州新区"

pytestmark = [office, pytest.mark.slow]


def test_what_is_typed_in_libreoffice_is_recorded_and_kept(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    assert build(project, OPTIONS).ok
    tracker = project.output / "trackers" / f"{UNIT}.xlsx"
    ws = load_workbook(tracker)["目标跟踪"]
    header, columns = header_columns(ws)
    rows = rows_by_indicator(ws)

    def cell(indicator: str, column: str) -> str:
        return f"{get_column_letter(columns[column])}{rows[indicator]}"

    extra = get_column_letter(ws.max_column + 1)
    type_in_libreoffice(tracker, [
        ("type", "目标跟踪", cell("规模以上工业增加值增速", "实际完成"), "35%"),
        ("type", "目标跟踪", cell("规模以上工业增加值增速", "数据截至"), "2024-9-30"),
        ("type", "目标跟踪", cell("技术合同成交额", "备注"), "待统计局核定"),
        ("type", "目标跟踪", f"{extra}{header}", "责任人"),
        ("type", "目标跟踪", f"{extra}{rows['高新技术企业数']}", "张三"),
        ("sheet", "我的工作底稿"),
        ("type", "我的工作底稿", "A1", "九月测算"),
        ("type", "我的工作底稿", "B2", "14.5"),
    ], tmp_path / "libreoffice")
    typed = load_workbook(tracker, data_only=True)["目标跟踪"][cell("规模以上工业增加值增速", "实际完成")]
    assert (typed.value, "%" in typed.number_format) == (0.35, True)  # as LibreOffice stores 35%

    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert (result.recorded, result.remarks) == (1, 1)
    with Ledger.open(project.db) as ledger:
        assert [(a.indicator, a.value, a.as_of) for a in ledger.actual_history()] == [
            ("规模以上工业增加值增速", 35, date(2024, 9, 30))]
        assert [(r.indicator, r.note) for r in ledger.remarks()] == [("技术合同成交额", "待统计局核定")]

    book = load_workbook(tracker)
    assert "我的工作底稿" in book.sheetnames
    assert (book["我的工作底稿"]["A1"].value, book["我的工作底稿"]["B2"].value) == ("九月测算", 14.5)
    ws = book["目标跟踪"]
    _, columns = header_columns(ws)
    rows = rows_by_indicator(ws)
    assert ws.cell(rows["规模以上工业增加值增速"], columns["实际完成"]).value == 35
    assert ws.cell(rows["技术合同成交额"], columns["备注"]).value == "待统计局核定"
    assert ws.cell(rows["高新技术企业数"], columns["责任人"]).value == "张三"
    assert build(project, OPTIONS).recorded == 0  # and nothing is recorded twice

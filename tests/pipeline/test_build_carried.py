"""What users add to a tracker survives its regeneration: their sheets, columns, rows and formulas;
what cannot be carried leaves the workbook as it is, with a message."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tests.helpers.trackers import (
    SMALL_SEEDS,
    built_project,
    header_columns,
    rows_by_indicator,
    type_into,
    unit_tracker,
)
from tracker.config import Project
from tracker.ledger import Ledger
from tracker.pipeline import BuildOptions, build
from tracker.render.workbook.package import inject_values

OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1)
UNIT = "兰州新区"
DAY = date(2024, 9, 30)

# Every test here runs whole builds, several times over.
pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return built_project(tmp_path)


tracker = unit_tracker


def with_results(path: Path, sheet_part: str, values: dict[str, object]) -> None:
    """Store formula results as Excel would (openpyxl saves formulas without them)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, inject_values(data, values) if info.filename == sheet_part else data)
    path.write_bytes(out.getvalue())


def add_things(path: Path) -> dict[str, str]:
    """A user's additions: a sheet with a formula on the tracker, a 责任人 column, a row of their own,
    and a formula in 实际完成 that reads their sheet. Returns cell references."""
    book = load_workbook(path)
    ws = book["目标跟踪"]
    ws.protection.sheet = False
    header, columns = header_columns(ws)
    rows = rows_by_indicator(ws)
    contract_actual = f"{get_column_letter(columns['实际完成'])}{rows['技术合同成交额']}"
    extra = ws.max_column + 1
    ws.cell(header, extra).value = "责任人"
    ws.cell(rows["技术合同成交额"], extra).value = "张三"
    ws.cell(rows["高新技术企业数"], extra).value = "李四"
    own_row = max(rows.values()) + 1
    ws.cell(own_row, columns["指标名称"]).value = "夜间经济营业额"
    ws.cell(own_row, columns["实际完成"]).value = 3.5
    ws[contract_actual] = "=我的工作底稿!B3"
    ws.cell(rows["技术合同成交额"], columns["数据截至"]).value = DAY
    sheet = book.create_sheet("我的工作底稿")
    sheet["A1"] = "技术合同测算"
    sheet["A1"].font = Font(bold=True)
    sheet["B3"] = 14.5
    sheet["B4"] = f"='目标跟踪'!{contract_actual}*2"
    sheet.column_dimensions["A"].width = 30
    book.save(path)
    sheet_part = "xl/worksheets/sheet1.xml"
    with_results(path, sheet_part, {contract_actual: 14.5})
    return {"contract_actual": contract_actual, "own_row": str(own_row)}


def test_added_sheets_columns_rows_and_formulas_are_carried_into_the_new_version(project: Project) -> None:
    cells = add_things(tracker(project))
    # a new target in a document moves every row below it
    (project.seeds / "要点.txt").write_text(SMALL_SEEDS["要点.txt"].replace("。\n", "，引进高层次人才500人。\n"),
                                          encoding="utf-8")
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert result.warnings == [f"trackers/{UNIT}.xlsx!目标跟踪!B{cells['own_row']}: the row you added (夜间经济营业额) is "
                               "kept as you typed it, but tracker does not track it; to track it, import it as a "
                               "target (tracker targets import)"]
    with Ledger.open(project.db) as ledger:
        assert [(a.indicator, a.value) for a in ledger.actual_history()] == [("技术合同成交额", 14.5)]
    book = load_workbook(tracker(project))
    assert book.sheetnames[:5] == ["目标跟踪", "历史", "来源", "填表说明", "我的工作底稿"]
    ws = book["目标跟踪"]
    _, columns = header_columns(ws)
    rows = rows_by_indicator(ws)
    assert rows["引进高层次人才"] == 6  # the new target came first
    contract_actual = f"{get_column_letter(columns['实际完成'])}{rows['技术合同成交额']}"
    assert contract_actual != cells["contract_actual"]  # the row moved
    assert ws[contract_actual].value == "=我的工作底稿!B3"
    assert load_workbook(tracker(project), data_only=True)["目标跟踪"][contract_actual].value == 14.5
    assert ws.cell(rows["技术合同成交额"], columns["责任人"]).value == "张三"
    assert ws.cell(rows["高新技术企业数"], columns["责任人"]).value == "李四"
    assert ws.cell(rows["技术合同成交额"], columns["责任人"]).protection.locked is False
    own = max(rows.values()) + 1
    assert (ws.cell(own, columns["指标名称"]).value, ws.cell(own, columns["实际完成"]).value) == ("夜间经济营业额", 3.5)
    sheet = book["我的工作底稿"]
    assert (sheet["A1"].value, sheet["A1"].font.b, sheet["B3"].value) == ("技术合同测算", True, 14.5)
    assert sheet["B4"].value == f"='目标跟踪'!{contract_actual}*2"
    assert sheet.column_dimensions["A"].width == 30
    again = build(project, OPTIONS)
    assert again.recorded == 0 and tracker(project) not in again.written  # carried content is stable


def test_what_cannot_be_carried_leaves_the_workbook_as_it_is_and_its_figures_are_recorded(
        project: Project, tmp_path: Path) -> None:
    from PIL import Image as Picture

    picture = tmp_path / "logo.png"
    Picture.new("RGB", (4, 4), "red").save(picture)
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": DAY}})
    book = load_workbook(tracker(project))
    book.create_sheet("我的工作底稿").add_image(Image(str(picture)), "B2")
    book.save(tracker(project))
    typed = tracker(project).read_bytes()
    (project.seeds / "要点.txt").write_text(SMALL_SEEDS["要点.txt"].replace("300家", "320家"), encoding="utf-8")
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert result.warnings == [
        f"trackers/{UNIT}.xlsx was not regenerated, so that nothing added to it is lost: the sheet 我的工作底稿 has a "
        "picture, which tracker cannot carry into a new version (its figures were recorded); move it into a "
        "workbook of your own to have the tracker regenerated"]
    assert tracker(project).read_bytes() == typed
    assert result.recorded == 1


def test_a_formula_on_a_row_that_left_the_tracker_reads_ref_and_is_reported(project: Project) -> None:
    book = load_workbook(tracker(project))
    ws = book["目标跟踪"]
    _, columns = header_columns(ws)
    row = rows_by_indicator(ws)["技术合同成交额"]
    book.create_sheet("我的工作底稿")["A1"] = f"='目标跟踪'!{get_column_letter(columns['年度目标'])}{row}"
    book.save(tracker(project))
    (project.seeds / "要点.txt").write_text(SMALL_SEEDS["要点.txt"].replace("技术合同成交额超过20亿元，", ""),
                                          encoding="utf-8")
    result = build(project, OPTIONS)
    assert f"trackers/{UNIT}.xlsx: the formula in 我的工作底稿!A1 referred to the row of 兰州新区 技术合同成交额 (2024), " \
           "which left the tracker; it now reads #REF!" in result.warnings
    assert load_workbook(tracker(project))["我的工作底稿"]["A1"].value == "=#REF!"


def test_what_was_carried_is_carried_again_when_the_untouched_tracker_is_regenerated(project: Project) -> None:
    # Re-runs skip reading a tracker that is as the last build left it; one that holds a user's
    # additions is read all the same, or the next regeneration would drop them.
    add_things(tracker(project))
    assert build(project, OPTIONS).ok
    (project.seeds / "要点.txt").write_text(SMALL_SEEDS["要点.txt"].replace("300家", "320家"), encoding="utf-8")
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert tracker(project) in result.written
    book = load_workbook(tracker(project))
    assert "我的工作底稿" in book.sheetnames
    ws = book["目标跟踪"]
    _, columns = header_columns(ws)
    assert ws.cell(rows_by_indicator(ws)["技术合同成交额"], columns["责任人"]).value == "张三"
    assert build(project, OPTIONS).written == []   # and then nothing changed: nothing is written

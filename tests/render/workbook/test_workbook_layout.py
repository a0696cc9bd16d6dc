"""The unit tracker read back with openpyxl: sheets, columns, inputs, formats, printing, links, values."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.workbook.workbook import Workbook

from tests.helpers.workbook_fixtures import (
    GENERATED,
    NAMES_EN,
    SETTINGS,
    UNIT_A,
    UNIT_B,
    build_outputs,
    reports,
)
from tracker.render import RenderContext
from tracker.render.workbook.tracker import render_tracker

VISIBLE_A = ["序号", "指标名称", "类别", "单位", "比较", "年度目标", "力争目标", "基期值", "实际完成", "数据截至",
             "完成率", "序时进度", "超/欠序时（百分点）", "状态", "备注", "来源"]
HELPERS = ["行键", "指标类型", "控制类", "比较符", "期初", "期末", "判定值", "计算日期", "期满", "达标判定"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_outputs(tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def outputs_en(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_outputs(tmp_path_factory.mktemp("en"), lang="en")


@pytest.fixture(scope="module")
def book(outputs: dict[str, Path]) -> Workbook:
    return load_workbook(outputs[UNIT_A])


def _rows_by_indicator(ws) -> dict[str, int]:
    return {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1) if ws.cell(r, 17).value}


def test_sheets_and_headers(book: Workbook, outputs: dict[str, Path]) -> None:
    assert book.sheetnames == ["目标跟踪", "历史", "来源", "填表说明", "_tracker"]
    assert book["_tracker"].sheet_state == "veryHidden"
    ws = book["目标跟踪"]
    assert [c.value for c in ws[5]] == VISIBLE_A + HELPERS
    assert ws["A1"].value == "甲区2024年目标任务跟踪台账"
    assert [ws.cell(4, c).value for c in range(11, 17)] == ["已完成", "超序时", "序时推进", "滞后", "严重滞后", "未填报"]
    assert [ws.column_dimensions[letter].hidden for letter in "PQZ"] == [False, True, True]
    # 乙县 has no stretch values or baselines, so those columns are left out.
    other = load_workbook(outputs[UNIT_B])["目标跟踪"]
    assert [c.value for c in other[5]][:14] == [h for h in VISIBLE_A if h not in ("力争目标", "基期值")]
    assert [c.value for c in book["历史"][2]] == ["序号", "指标名称", "年度", "实际值", "单位", "数据截至", "来源",
                                                 "备注", "录入时间"]
    assert [c.value for c in book["来源"][2]] == ["序号", "指标名称", "类型", "文件", "原文", "位置", "记录编号"]


def test_one_row_per_target_with_its_values(book: Workbook) -> None:
    ws = book["目标跟踪"]
    rows = _rows_by_indicator(ws)
    assert len(rows) == 11
    hightech = [ws.cell(rows["高新技术企业"], c).value for c in range(1, 11)]
    assert hightech[1:] == ["高新技术企业", "科技创新", "家", "≥", 280, 300, 230, 201, datetime(2024, 9, 30)]
    assert ws.cell(rows["高新技术企业"], 15).value == "第二批认定未公布"
    assert ws.cell(rows["新增专精特新企业"], 6).value == "20～25"
    assert ws.cell(rows["新增专精特新企业"], 23).value == 20        # judged value: a range's floor
    assert ws.cell(rows["城镇调查失业率"], 5).value == "≤"
    assert ws.cell(rows["城镇调查失业率"], 19).value == 1          # a cap
    assert ws.cell(rows["上半年招商引资到位资金"], 22).value == datetime(2024, 6, 30)
    assert ws.cell(rows["零目标指标"], 3).value is None           # no category: empty, never "None"
    assert ws["C2"].value == datetime(2024, 9, 30)


def test_formulas_carry_the_tools_values(outputs: dict[str, Path]) -> None:
    """Readers that do not recalculate see the values computed from the Status objects."""
    ws = load_workbook(outputs[UNIT_A], data_only=True)["目标跟踪"]
    report = next(r for r in reports() if r.unit == UNIT_A)
    rows = {ws.cell(r, 17).value: r for r in range(6, ws.max_row + 1) if ws.cell(r, 17).value}
    assert ws["F2"].value == 0.75
    for status in report.statuses:
        row = rows[status.target.key]
        got = [ws.cell(row, c).value for c in (11, 12, 13, 14)]
        gap = status.gap_pp if status.actual else None
        assert got == [status.completion, status.time_progress, gap, status.label]  # blank text reads as None
    verdicts = {key: ws.cell(row, 26).value for key, row in rows.items()}
    assert verdicts["甲区|高新技术企业|2024"] is False                 # 201 has not met 280
    assert verdicts["甲区|新增专精特新企业|2024"] is True              # 19 is within 5% of 20
    assert verdicts["甲区|=HYPERLINK(\"http://x\")|2024"] is None     # nothing reported

def test_inputs_are_unlocked_and_everything_else_locked(book: Workbook) -> None:
    ws = book["目标跟踪"]
    assert ws.protection.sheet and ws.protection.password is None
    assert ws.protection.autoFilter is False  # filtering stays allowed on the protected sheet
    inputs = {"C2"} | {f"{col}{row}" for col in "IJO" for row in range(6, 17)}
    for row in ws.iter_rows(min_row=1, max_row=16, max_col=26):
        for cell in row:
            if cell.coordinate in inputs:
                assert cell.protection.locked is False, cell.coordinate
                assert cell.fill.fgColor.rgb == "00FFF2CC", cell.coordinate
            elif not isinstance(cell, MergedCell):
                assert cell.protection.locked is True, cell.coordinate
    assert ws["I5"].comment is not None and "也可带单位填写" in ws["I5"].comment.text
    assert "百分点" in ws["M5"].comment.text
    assert "浅黄色单元格为填报项" in ws["B3"].value


def test_data_validation(book: Workbook) -> None:
    ws = book["目标跟踪"]
    rows = _rows_by_indicator(ws)
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    falling = sorted(f"I{rows[n]}" for n in ("研发经费投入增长", "单位GDP能耗下降"))
    rest = sorted(f"I{r}" for n, r in rows.items() if n not in ("研发经费投入增长", "单位GDP能耗下降"))
    by_range = {tuple(sorted(k.split())): v for k, v in found.items()}
    levels, rates = by_range[tuple(rest)], by_range[tuple(falling)]
    # A figure may carry its unit (300家, 3.2亿元): text passes, numbers must not be negative (rates: > -100).
    top_level = min(rest, key=lambda ref: int(ref[1:]))
    top_rate = min(falling, key=lambda ref: int(ref[1:]))
    assert (levels.type, levels.formula1) == ("custom", f"OR(ISTEXT({top_level}),{top_level}>=0)")
    assert (rates.type, rates.formula1) == ("custom", f"OR(ISTEXT({top_rate}),{top_rate}>=-100)")
    assert str(levels.sqref).split()[0] == top_level  # written first: the cell the formula is relative to
    assert levels.error == "请输入不小于0的数字，可带单位，如300、300家、3.2亿元。" and levels.errorStyle == "stop"
    assert "可为负数" in rates.prompt
    dates, sheet_date = found["J6:J16"], found["C2"]
    for dv in (dates, sheet_date):
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("date", "between", "36526", "73415")
        assert dv.showErrorMessage and dv.error == "请输入有效日期，如2024-9-30。"
        assert dv.showInputMessage and dv.prompt
    assert found["O6:O16"].type is None and found["O6:O16"].prompt


def test_conditional_formats(book: Workbook) -> None:
    ws = book["目标跟踪"]
    rules = {str(rng.sqref): rng.rules for rng in ws.conditional_formatting}
    status = rules["N6:N16"]
    assert [(r.type, r.operator, r.formula) for r in status] == [
        ("cellIs", "equal", [f'"{label}"']) for label in ("已完成", "超序时", "序时推进", "滞后", "严重滞后", "未填报")]
    assert [r.dxf.fill.bgColor.rgb for r in status] == [
        "00C6EFCE", "00C6EFCE", "00DDEBF7", "00FFEB9C", "00FFC7CE", "00E7E6E6"]
    bars = rules["K6:K16"]
    assert bars[0].type == "dataBar"
    assert [(v.type, v.val) for v in bars[0].dataBar.cfvo] == [("num", 0), ("num", 1)]


@pytest.mark.parametrize(("indicator", "column", "number_format"), [
    ("技术合同成交额", "I", "0.00"), ("高新技术企业", "I", "0"), ("高新技术企业", "F", "0"),
    # A rate's input cell is General, so that 35% typed in LibreOffice keeps its percent format.
    ("研发经费投入增长", "I", "General"), ("单位GDP能耗下降", "F", "0.0"), ("能源消费总量", "I", "0.00"),
    ("高新技术企业", "K", "0.0%"), ("高新技术企业", "L", "0.0%"), ("高新技术企业", "M", "0.0"),
    ("高新技术企业", "J", 'yyyy"年"m"月"d"日"'),
])
def test_number_formats(book: Workbook, indicator: str, column: str, number_format: str) -> None:
    ws = book["目标跟踪"]
    assert ws[f"{column}{_rows_by_indicator(ws)[indicator]}"].number_format == number_format


def test_view_print_and_chart(book: Workbook) -> None:
    ws = book["目标跟踪"]
    assert ws.freeze_panes == "C6"
    assert ws.auto_filter.ref == "A5:Z16"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$5"
    assert ws.print_area.startswith("'目标跟踪'!$A$1:$P$")
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.oddFooter.right.text == "生成于2024年10月8日"
    assert len(ws._charts) == 1 and ws._charts[0].tagname == "barChart"
    assert ws.column_dimensions["B"].width == 24  # 上半年招商引资到位资金: 11 CJK characters + 2
    assert ws.column_dimensions["C"].width >= 15  # holds the sheet date 2024年9月30日
    for name in ("历史", "来源"):
        assert book[name].page_setup.orientation == "landscape" and book[name].print_title_rows == "$2:$2"


def test_source_links_resolve_to_the_evidence_row(book: Workbook) -> None:
    ws, sources = book["目标跟踪"], book["来源"]
    links = {ws.cell(r, 2).value: ws.cell(r, 16).hyperlink for r in range(6, 17) if ws.cell(r, 16).hyperlink}
    assert sorted(links) == ["技术合同成交额", "研发经费投入增长", "高新技术企业"]
    for indicator, link in links.items():
        sheet, cell = link.location.split("!")
        assert sheet == "'来源'"
        assert sources[cell].offset(column=1).value == indicator
    assert ws.cell(_rows_by_indicator(ws)["技术合同成交额"], 16).value == "2024年甲区政府工作报告.txt等2份"
    quotes = [row[4] for row in sources.iter_rows(min_row=3, values_only=True)]
    assert quotes[-1].startswith("=2023年高新技术企业230家，")  # the unit's own record, after the targets' sources
    assert book["来源"].row_dimensions[7].height == 42.5  # the long quote wraps onto three lines


def test_document_text_never_becomes_a_formula(book: Workbook, outputs: dict[str, Path]) -> None:
    ws = book["目标跟踪"]
    hostile = ws.cell(_rows_by_indicator(ws)['=HYPERLINK("http://x")'], 2)
    assert (hostile.value, hostile.data_type) == ('=HYPERLINK("http://x")', "s")
    assert ws.cell(hostile.row, 3).value == "+危险"
    assert book["来源"]["E7"].data_type == "s"
    other = load_workbook(outputs[UNIT_B])["来源"]
    assert (other["E3"].value, other["E3"].data_type) == ("@高企90家", "s")


def test_history_is_newest_first_with_its_origin(book: Workbook) -> None:
    rows = list(book["历史"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == 11
    assert rows[0][:8] == (1, "高新技术企业", 2024, 201, "家", datetime(2024, 9, 30), "import.csv, row 2",
                           "第二批认定未公布")
    assert rows[0][8] == datetime(2024, 10, 8, 9, 0)
    assert [r[5].date() for r in rows] == sorted((r[5].date() for r in rows), reverse=True)


def test_guide_states_the_configured_thresholds(book: Workbook) -> None:
    text = "\n".join(c.value for c in book["填表说明"]["A"] if c.value)
    assert "落后不超过10个百分点为“序时推进”" in text and "不超过30个百分点为“滞后”" in text
    assert "tracker build" in text and "2024年10月8日" in text


def test_properties_are_deterministic(outputs: dict[str, Path], tmp_path: Path) -> None:
    props = load_workbook(outputs[UNIT_A]).properties
    assert (props.title, props.subject, props.creator) == ("甲区2024年目标任务跟踪台账", "目标任务跟踪", "tracker")
    assert props.created == props.modified == datetime(2024, 10, 8)
    again = tmp_path / "again.xlsx"
    report = next(r for r in reports() if r.unit == UNIT_A)
    render_tracker(RenderContext(SETTINGS, generated=GENERATED, names=NAMES_EN), report, again)
    assert again.read_bytes() == outputs[UNIT_A].read_bytes()


def test_no_generated_text_shows_none_nan_or_float_noise(outputs: dict[str, Path],
                                                         outputs_en: dict[str, Path]) -> None:
    noise = re.compile(r"\bNone\b|\bnan\b|\d\.\d{5,}")
    for path in [*outputs.values(), *outputs_en.values()]:
        for data_only in (False, True):
            for ws in load_workbook(path, data_only=data_only).worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        if isinstance(cell.value, str) and not cell.value.startswith("="):
                            assert not noise.search(cell.value), (path.name, ws.title, cell.coordinate, cell.value)


def test_english_workbook(outputs_en: dict[str, Path]) -> None:
    book = load_workbook(outputs_en[UNIT_A])
    assert book.sheetnames == ["Tracker", "Reported figures", "Sources", "How to fill in", "_tracker"]
    ws = book["Tracker"]
    assert ws["A1"].value == "District A: 2024 targets tracker"
    assert [c.value for c in ws[5]][:4] == ["No.", "Indicator", "Category", "Unit"]
    rows = _rows_by_indicator(ws)
    assert ws.cell(rows["High-tech enterprises"], 3).value == "Innovation"
    assert ws.cell(rows["Technology contract turnover"], 4).value == "CNY 100 million"
    assert ws.cell(rows["城镇调查失业率"], 4).value == "%"      # no English name given: the Chinese one
    assert ws.cell(rows["High-tech enterprises"], 10).number_format == "d mmmm yyyy"
    cached = load_workbook(outputs_en[UNIT_A], data_only=True)["Tracker"]
    assert cached.cell(rows["High-tech enterprises"], 14).value == "On schedule"
    assert "Check the input" in ws.cell(rows["High-tech enterprises"], 14).value
    dv = {str(d.sqref): d for d in ws.data_validations.dataValidation}["C2"]
    assert dv.error == "Type a valid date such as 2024-9-30."
    assert book.properties.title == "District A: 2024 targets tracker"


def test_report_without_targets_still_writes(tmp_path: Path) -> None:
    report = reports()[0]
    empty = replace(report, statuses=(), history=(), records=())
    path = tmp_path / "empty.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), empty, path)
    ws = load_workbook(path)["目标跟踪"]
    assert ws.max_row == 5 and ws._charts == []
    assert load_workbook(path, data_only=True)["目标跟踪"]["F2"].value == 0.75


def test_history_figures_without_a_unit_take_their_targets(tmp_path: Path) -> None:
    report = next(r for r in reports() if r.unit == UNIT_A)
    bare = replace(report, history=tuple(replace(a, uom="") for a in report.history))
    path = tmp_path / "bare.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), bare, path)
    first = load_workbook(path)["历史"]
    assert (first["D3"].value, first["D3"].number_format, first["E3"].value) == (201, "0", "家")


def test_control_characters_from_web_copies_are_dropped(tmp_path: Path) -> None:
    report = next(r for r in reports() if r.unit == UNIT_A)
    messy = replace(report, records=tuple(replace(r, source=replace(r.source, quote="高新\x00技术\x0b企业\x1f230家"))
                                          for r in report.records))
    path = tmp_path / "messy.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), messy, path)
    assert load_workbook(path)["来源"]["E7"].value == "高新技术企业230家"


def test_long_term_goals_have_their_own_sheet_without_time_progress(tmp_path):
    from tests.helpers.memo_ledgers import UNIT_D, situation_reports
    report = situation_reports()[UNIT_D]
    path = tmp_path / "丁区.xlsx"
    render_tracker(RenderContext(SETTINGS, "zh", {}, GENERATED), report, path)
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["目标跟踪", "长期目标"]
    sheet = book["长期目标"]
    rows = [[cell for cell in row] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [["序号", "目标", "类别", "目标值", "提出年份", "最新数据", "数据截至", "来源"],
                    [1, "新能源新材料千亿级产业集群", "科技创新", "1000亿元以上", 2024, None, None, "丁区/2024年工作报告.txt"],
                    [2, "生物医药百亿级产业集群", "科技创新", "100亿元以上", 2024, None, None, "丁区/2024年工作报告.txt"]]
    tracked = [row[1] for row in book["目标跟踪"].iter_rows(min_row=6, values_only=True) if row[1]]
    assert "新能源新材料千亿级产业集群" not in tracked and len(tracked) == 5
    # A unit without long-term goals has no such sheet.
    other = situation_reports()["戊区"]
    render_tracker(RenderContext(SETTINGS, "zh", {}, GENERATED), other, tmp_path / "戊区.xlsx")
    assert "长期目标" not in load_workbook(tmp_path / "戊区.xlsx").sheetnames

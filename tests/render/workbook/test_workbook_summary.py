"""The summary workbook: overview with links, indicator matrix, every target in one Excel table."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from tests.helpers.workbook_fixtures import UNIT_A, UNIT_B, build_outputs, reports
from tracker.render.workbook.summary import attention_order, link_target, overall_completion


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_outputs(tmp_path_factory.mktemp("summary"))


@pytest.fixture(scope="module")
def book(outputs: dict[str, Path]) -> Workbook:
    return load_workbook(outputs["summary"])


def test_overall_completion_is_the_mean_of_capped_level_completions() -> None:
    by_unit = {r.unit: r for r in reports()}
    # 甲区: 201/280, 6.2/10, 19/20, 41/50; the cap (能源消费总量), the zero target and rates are left out.
    expected = (Fraction(201, 280) + Fraction(62, 100) + Fraction(19, 20) + Fraction(41, 50)) / 4
    assert overall_completion(by_unit[UNIT_A]) == pytest.approx(float(expected), rel=1e-15)
    assert overall_completion(by_unit[UNIT_B]) == float(Fraction(30, 90))
    over = replace(by_unit[UNIT_B], statuses=tuple(replace(s, completion=1.5) for s in by_unit[UNIT_B].statuses
                                                   if s.target.indicator == "高新技术企业"))
    assert overall_completion(over) == 1.0
    assert overall_completion(replace(over, statuses=())) is None


def test_units_needing_attention_come_first() -> None:
    by_unit = {r.unit: r for r in reports()}
    a, b = by_unit[UNIT_A], by_unit[UNIT_B]
    assert [r.unit for r in attention_order([b, a])] == [UNIT_A, UNIT_B]  # both 1 严重滞后; 甲区 has 2 滞后
    calm = replace(a, statuses=tuple(s for s in a.statuses if s.code not in ("behind", "seriously_behind")))
    assert [r.unit for r in attention_order([calm, b])] == [UNIT_B, UNIT_A]


def test_overview(book: Workbook, outputs: dict[str, Path]) -> None:
    assert book.sheetnames == ["总览", "指标矩阵", "全部目标"]
    ws = book["总览"]
    assert [c.value for c in ws[3]] == ["序号", "单位", "目标数", "已完成", "超序时", "序时推进", "滞后", "严重滞后",
                                        "未填报", "综合完成率", "数据截至", "跟踪台账"]
    rows = [list(r) for r in ws.iter_rows(min_row=4, max_col=11, values_only=True)]
    assert rows == [[1, "甲区", 11, 2, 3, 2, 2, 1, 1, pytest.approx(0.776964285714), datetime(2024, 9, 30)],
                    [2, "乙县", 3, 0, 0, 1, 0, 1, 1, pytest.approx(1 / 3), datetime(2024, 9, 30)]]
    assert ws["J4"].number_format == "0.0%"
    for row in (4, 5):
        link = ws.cell(row, 12).hyperlink
        target = outputs["summary"].parent / unquote(link.target)
        assert target.is_file() and target == outputs[ws.cell(row, 2).value]
    assert "综合完成率" in ws["A2"].value and "100%" in ws["A2"].value
    rules = {str(r.sqref): r.rules for r in ws.conditional_formatting}
    assert rules["H4:H5"][0].operator == "greaterThan" and rules["J4:J5"][0].type == "dataBar"
    assert ws.freeze_panes == "C4" and ws.auto_filter.ref == "A3:L5"


def test_matrix_blank_where_a_unit_has_no_target(book: Workbook) -> None:
    ws = book["指标矩阵"]
    headers = {c.value: c.column for c in ws[3]}
    rows = {ws.cell(r, 1).value: r for r in (4, 5)}

    def cell(unit: str, header: str):
        return ws.cell(rows[unit], headers[header])

    assert cell(UNIT_A, "高新技术企业（完成率）").value == pytest.approx(201 / 280)
    assert cell(UNIT_B, "高新技术企业（完成率）").value == pytest.approx(1 / 3)
    assert cell(UNIT_A, "研发经费投入增长（差距，百分点）").value == -5.5
    assert cell(UNIT_A, "能源消费总量（完成率，控制类）").value == pytest.approx(2 / 3)
    assert cell(UNIT_B, "技术合同成交额（完成率）").value is None        # no such target: blank, not 0
    assert cell(UNIT_B, "一般公共预算收入（完成率）").value == "未填报"
    assert cell(UNIT_A, "零目标指标（完成率）").value == "—"
    assert cell(UNIT_A, "高新技术企业（完成率）").number_format == "0.0%"
    assert cell(UNIT_A, "研发经费投入增长（差距，百分点）").number_format == "0.0"
    assert "百分点" in ws["A2"].value and "空白表示该单位没有此项目标" in ws["A2"].value
    scales = {str(r.sqref): r.rules[0].colorScale for r in ws.conditional_formatting}
    level = scales[f"{cell(UNIT_A, '高新技术企业（完成率）').column_letter}4:{cell(UNIT_A, '高新技术企业（完成率）').column_letter}5"]
    assert [v.val for v in level.cfvo] == [0, 0.75, 1]   # centred on the time elapsed
    rate = scales["I4:I5"]
    assert [v.val for v in rate.cfvo] == [-5, -1, 0]


def test_all_targets_table(book: Workbook) -> None:
    ws = book["全部目标"]
    assert list(ws.tables) == ["AllTargets"]
    table = ws.tables["AllTargets"]
    assert table.ref == "A2:R16"
    assert [c.value for c in ws[2]][:6] == ["单位", "指标名称", "类别", "指标类型", "年度", "比较"]
    assert ws.auto_filter.ref is None  # the table has its own filter
    units = [ws.cell(r, 1).value for r in range(3, 17)]
    assert units.count("甲区") == 11 and units.count("乙县") == 3
    hostile = ws["B3"]
    assert (hostile.value, hostile.data_type) == ('=HYPERLINK("http://x")', "s")
    assert [str(r.sqref) for r in ws.conditional_formatting] == ["Q3:Q16"]


def test_english_summary(tmp_path: Path) -> None:
    outputs = build_outputs(tmp_path, lang="en")
    book = load_workbook(outputs["summary"])
    assert book.sheetnames == ["Overview", "Indicator matrix", "All targets"]
    assert book["Overview"]["B4"].value == "District A"
    assert book["Overview"]["D3"].value == "Achieved"
    headers = [c.value for c in book["Indicator matrix"][3]]
    assert "High-tech enterprises (completion)" in headers and "R&D spending growth (gap, pp)" in headers
    assert book["All targets"]["D3"].value == "Level"


@pytest.mark.parametrize(("relative", "expected"), [
    ("trackers/甲区.xlsx", "trackers/甲区.xlsx"),
    ("trackers/高新区 (新市区)#1.xlsx", "trackers/高新区%20(新市区)%231.xlsx"),
    ("trackers\\100%.xlsx", "trackers/100%25.xlsx"),
])
def test_link_target(relative: str, expected: str) -> None:
    assert link_target(relative) == expected

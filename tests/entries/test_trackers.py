"""read_unit_inputs: what people type into a tracker comes back as Actuals, or as Problems naming the cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.helpers.workbook_fixtures import GENERATED, SETTINGS, UNIT_A, reports
from tracker.entries.trackers import read_unit_inputs
from tracker.models import Actual, Problem
from tracker.render import RenderContext
from tracker.render.workbook.tracker import render_tracker

NAME = "trackers/甲区.xlsx"
KEY_COLUMN, ACTUAL, AS_OF, NOTE = 17, "I", "J", "O"


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    report = next(r for r in reports() if r.unit == UNIT_A)
    path = tmp_path / "甲区.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), report, path)
    return path


def _rows(ws) -> dict[str, int]:
    return {ws.cell(r, KEY_COLUMN).value.split("|")[1]: r for r in range(6, ws.max_row + 1)
            if ws.cell(r, KEY_COLUMN).value}


def _type(path: Path, entries: dict[str, tuple[object, object, object]], sheet_date: object = "keep") -> dict:
    """Clear every input, then type (figure, date, note) per indicator; returns indicator -> row."""
    book = load_workbook(path)
    ws = book["目标跟踪"]
    rows = _rows(ws)
    for row in rows.values():
        for column in (ACTUAL, AS_OF, NOTE):
            ws[f"{column}{row}"].value = None
    for indicator, (figure, day, note) in entries.items():
        row = rows[indicator]
        ws[f"{ACTUAL}{row}"].value, ws[f"{AS_OF}{row}"].value, ws[f"{NOTE}{row}"].value = figure, day, note
    if sheet_date != "keep":
        ws["C2"].value = sheet_date
    book.save(path)
    return rows


def test_an_untouched_tracker_gives_back_the_figures_it_shows(tracker: Path) -> None:
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert problems == []
    report = next(r for r in reports() if r.unit == UNIT_A)
    shown = {(s.target.indicator, s.actual.value, s.actual.as_of, s.actual.note)
             for s in report.statuses if s.actual}
    assert {(a.indicator, a.value, a.as_of, a.note) for a in actuals} == shown
    assert all(a.unit == UNIT_A and a.year == 2024 and a.origin.startswith(f"{NAME}!目标跟踪!I") for a in actuals)


def test_typed_figures_come_back_with_their_cells_converted_to_the_targets_unit(tracker: Path) -> None:
    rows = _type(tracker, {
        "高新技术企业": (215, datetime(2024, 10, 31), "第三批已公示"),
        "技术合同成交额": ("32000万元", "2024-9-30", None),
        "上半年招商引资到位资金": ("52.5亿元", "2024年6月30日", 3),
        "研发经费投入增长": ("28.5%", 45565, None),
        "单位GDP能耗下降": ("-0.5", "2024/9/30", None),
        "新增专精特新企业": ("21家", None, "  "),
        "能源消费总量": ("８５", "２０２４.９.３０", None),
    }, sheet_date=datetime(2024, 10, 15))
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert problems == []
    got = {a.indicator: a for a in actuals}
    assert got["高新技术企业"] == Actual(UNIT_A, "高新技术企业", 2024, 215.0, "家", date(2024, 10, 31),
                                    f"{NAME}!目标跟踪!I{rows['高新技术企业']}", note="第三批已公示")
    assert [(got[i].value, got[i].as_of, got[i].uom, got[i].note) for i in (
        "技术合同成交额", "上半年招商引资到位资金", "研发经费投入增长", "单位GDP能耗下降", "新增专精特新企业", "能源消费总量")] == [
        (3.2, date(2024, 9, 30), "亿元", None),
        (52.5, date(2024, 6, 30), "亿元", "3"),
        (28.5, date(2024, 9, 30), "%", None),
        (-0.5, date(2024, 9, 30), "个百分点", None),      # a change may be negative
        (21.0, date(2024, 10, 15), "家", None),           # no row date: the sheet date
        (85.0, date(2024, 9, 30), "万吨标准煤", None),     # full-width digits
    ]
    assert len(actuals) == 7  # rows without a figure give nothing


@pytest.mark.parametrize(("indicator", "figure", "day", "cell", "message", "found", "expected"), [
    ("高新技术企业", "待统计", None, "I", "is not a number", "待统计", "a number in 家, such as 300 or 300家"),
    ("高新技术企业", -5, None, "I", "only growth and change figures may be negative", "-5", "a number of 0 or more (in 家)"),
    ("城镇调查失业率", "-1%", None, "I", "only growth and change figures may be negative", "-1%",
     "a number of 0 or more (in %)"),
    ("技术合同成交额", "3亿美元", None, "I", "cannot be converted to 亿元", "3亿美元", "a number in 亿元, such as 3.2 or 3.2亿元"),
    ("技术合同成交额", True, None, "I", "this is a true/false value, not a figure", "True",
     "a number in 亿元, such as 3.2 or 3.2亿元"),
    ("技术合同成交额", datetime(2024, 9, 30), None, "I", "this is a date, not a figure", "2024-09-30T00:00:00",
     "a number in 亿元, such as 3.2 or 3.2亿元"),
    ("高新技术企业", "二百多", None, "I", "is an approximate figure", "二百多", None),
    ("高新技术企业", 200, "2024-2-30", "J", "is not a real date", "2024-2-30", "a date such as 2024-9-30"),
    ("高新技术企业", 200, "九月底", "J", "is not a date", "九月底", "a date such as 2024-9-30"),
    ("高新技术企业", 200, 12, "J", "outside 2000-2100", "1900-01-12T00:00:00", "a date such as 2024-9-30"),
    ("高新技术企业", 200, datetime(1999, 9, 30), "J", "outside 2000-2100", "1999-09-30T00:00:00",
     "a date such as 2024-9-30"),
])
def test_bad_values_give_a_problem_naming_the_cell(tracker: Path, indicator, figure, day, cell, message, found,
                                                   expected) -> None:
    rows = _type(tracker, {indicator: (figure, day, None), "零目标指标": (1, None, None)})
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert [a.indicator for a in actuals] == ["零目标指标"]  # the other rows are still read
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where == f"{NAME}!目标跟踪!{cell}{rows[indicator]}"
    assert message in problem.message
    assert (problem.found, problem.expected) == (found, expected)


def test_a_figure_without_any_date_is_a_problem_at_the_sheet_date(tracker: Path) -> None:
    _type(tracker, {"高新技术企业": (200, None, None), "零目标指标": (1, None, None)}, sheet_date=None)
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert actuals == []
    assert problems == [Problem(f"{NAME}!目标跟踪!C2", "a figure has no date of its own and the sheet date is empty",
                                expected="a date such as 2024-9-30")]


def test_sorted_filtered_and_widened_sheet_still_maps_rows_by_key(tracker: Path) -> None:
    before, _ = read_unit_inputs(tracker, name=NAME)
    book = load_workbook(tracker)
    ws = book["目标跟踪"]
    width = ws.max_column
    block = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(6, 17)]
    for offset, values in enumerate(reversed(block)):  # a sort, descending
        for column, value in enumerate(values, start=1):
            ws.cell(6 + offset, column).value = value
    ws.row_dimensions[7].hidden = ws.row_dimensions[9].hidden = True  # a filter
    for row in range(6, 17):  # openpyxl does not move hyperlinks with inserted columns; Excel does
        ws.cell(row, 16).hyperlink = None
    ws.insert_cols(3)  # someone unprotected the sheet and added a column
    book.save(tracker)
    after, problems = read_unit_inputs(tracker, name=NAME)
    assert problems == []
    strip = {(a.indicator, a.value, a.as_of, a.note) for a in before}
    assert {(a.indicator, a.value, a.as_of, a.note) for a in after} == strip
    moved = {a.indicator: a.origin for a in after}
    assert moved["高新技术企业"] != {a.indicator: a.origin for a in before}["高新技术企业"]
    assert all(origin.split("!")[-1].startswith("J") for origin in moved.values())


def test_a_copied_row_is_a_problem(tracker: Path) -> None:
    book = load_workbook(tracker)
    ws = book["目标跟踪"]
    ws.cell(7, KEY_COLUMN).value = ws.cell(6, KEY_COLUMN).value
    book.save(tracker)
    _, problems = read_unit_inputs(tracker, name=NAME)
    assert [(p.where, p.found) for p in problems] == [(f"{NAME}!目标跟踪!Q7", ws.cell(6, KEY_COLUMN).value)]
    assert "repeats the row key of Q6" in problems[0].message


def test_files_that_are_not_trackers(tmp_path: Path, tracker: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    renamed = tmp_path / "renamed.xlsx"
    book = load_workbook(tracker)
    book["目标跟踪"].title = "我的台账"
    book.save(renamed)
    results = {p.name: read_unit_inputs(p) for p in (text, plain, renamed)}
    assert all(actuals == [] and len(problems) == 1 for actuals, problems in results.values())
    assert "cannot be opened as an Excel workbook" in results["notes.xlsx"][1][0].message
    assert "is not a tracker workbook" in results["plain.xlsx"][1][0].message
    assert results["renamed.xlsx"][1][0].message == "has no sheet named '目标跟踪'; was it renamed or deleted?"
    assert results["renamed.xlsx"][1][0].where == "renamed.xlsx"


def test_an_unreadable_sheet_date_is_reported_once(tracker: Path) -> None:
    _type(tracker, {"高新技术企业": (200, None, None), "零目标指标": (1, None, None),
                    "技术合同成交额": (6.5, "2024-10-31", None)}, sheet_date="九月底")
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert [(a.indicator, a.as_of) for a in actuals] == [("技术合同成交额", date(2024, 10, 31))]
    assert problems == [Problem(f"{NAME}!目标跟踪!C2", "'九月底' is not a date", found="九月底",
                                expected="a date such as 2024-9-30")]


def test_figures_are_read_as_the_spreadsheet_stores_them_and_exactly(tracker: Path) -> None:
    # 25% typed into Excel, WPS or LibreOffice is stored as 0.25 with a percent format.
    rows = _type(tracker, {"研发经费投入增长": (0.25, None, None), "城镇调查失业率": (0.05, None, None),
                           "技术合同成交额": ("123456789012", None, None), "高新技术企业": ("1234567890.12", None, None),
                           "新增专精特新企业": (1234567890.12, None, None)})
    book = load_workbook(tracker)
    ws = book["目标跟踪"]
    ws[f"{ACTUAL}{rows['研发经费投入增长']}"].number_format = "0%"
    ws[f"{ACTUAL}{rows['城镇调查失业率']}"].number_format = "0.0%"
    book.save(tracker)
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert problems == []
    got = {a.indicator: a.value for a in actuals}
    assert got == {"研发经费投入增长": 25.0, "城镇调查失业率": 5.0, "技术合同成交额": 123456789012.0,
                   "高新技术企业": 1234567890.12, "新增专精特新企业": 1234567890.12}
    assert repr(got["高新技术企业"]) == "1234567890.12"


def test_a_comma_that_is_no_thousands_separator_is_refused(tracker: Path) -> None:
    rows = _type(tracker, {"技术合同成交额": ("3,5", None, None), "高新技术企业": ("1,234", None, None)})
    actuals, problems = read_unit_inputs(tracker, name=NAME)
    assert [(a.indicator, a.value) for a in actuals] == [("高新技术企业", 1234.0)]
    assert [str(p) for p in problems] == [
        f"{NAME}!目标跟踪!I{rows['技术合同成交额']}: the comma in '3,5' is ambiguous: write 3.5 for a decimal or 35 "
        "for a whole number (a thousands separator comes every three digits, as in 3,500)."]


def test_problems_are_in_chinese_for_users_by_default(tracker: Path, locale_language) -> None:
    rows = _type(tracker, {"高新技术企业": ("二百多", None, None), "技术合同成交额": ("待统计", None, None)})
    _, problems = read_unit_inputs(tracker, name=NAME)
    problems.sort(key=lambda problem: problem.where != f"{NAME}!目标跟踪!I{rows['高新技术企业']}")
    assert [str(p) for p in problems] == [
        f"{NAME}!目标跟踪!I{rows['高新技术企业']}：“二百多”是约数，无法计算完成率：请填写统计得到的确切数字（单位：家），"
        "约数说明可写在“备注”里。",
        f"{NAME}!目标跟踪!I{rows['技术合同成交额']}：“待统计”不是数字；应为以“亿元”为单位的数字，如 3.2 或 3.2亿元。",
    ]
    assert problems[0].text("en") == (
        f"{NAME}!目标跟踪!I{rows['高新技术企业']}: '二百多' is an approximate figure, from which no completion can be "
        "computed: type the exact figure (in 家), and any remark in the note (备注).")


def _stamped(path: Path, modified: str, application: str) -> None:
    """The workbook as a program that stamps `modified` and names itself `application` would save it."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified([^>]*)>[^<]*<", b"<dcterms:modified\\1>" + modified.encode() + b"<",
                              data)
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<Application>[^<]*</Application>", f"<Application>{application}</Application>".encode(),
                              data)
            target.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_the_saved_time_is_the_workbooks_own_and_libreoffice_stamps_local_time(
        tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time
    from datetime import UTC

    from tracker.entries.trackers import read_tracker

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        os.utime(tracker, (time.time(), time.time()))
        written = datetime.fromtimestamp(tracker.stat().st_mtime, UTC)
        assert read_tracker(tracker).saved_at == written  # tracker's own stamp: the file's time stands in
        _stamped(tracker, "2024-10-02T18:30:00Z", "Microsoft Excel")
        assert read_tracker(tracker).saved_at == datetime(2024, 10, 2, 18, 30, tzinfo=UTC)
        _stamped(tracker, "2024-10-02T18:30:00Z", "LibreOffice/7.4.7.2$Linux_X86_64")  # local time marked Z
        assert read_tracker(tracker).saved_at == datetime(2024, 10, 2, 10, 30, tzinfo=UTC)
        _stamped(tracker, "2099-01-01T00:00:00Z", "Microsoft Excel")  # later than the file itself: a mistake
        assert read_tracker(tracker).saved_at == datetime.fromtimestamp(tracker.stat().st_mtime, UTC)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_formula_cells_are_read_from_the_package_as_openpyxl_reads_them(tracker: Path) -> None:
    from tracker.entries.package import formula_cells

    book = load_workbook(tracker)
    book["目标跟踪"]["I7"] = '=IF(G7>0,"<f>",G7&"&amp;")'
    book.save(tracker)
    ws = load_workbook(tracker)["目标跟踪"]
    expected = {(c.row, c.column): c.value[1:] for row in ws.iter_rows() for c in row if c.data_type == "f"}
    assert formula_cells(tracker, "目标跟踪") == expected
    assert formula_cells(tracker, "没有这张表") is None

"""The one rule for a figure typed into a cell: as Excel, WPS and LibreOffice store it, exact, and
every refusal says what to type instead."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.helpers.office import office, soffice_convert
from tracker.entries.cells import CellError
from tracker.entries.figures import as_shown, figure_of, is_percent_format
from tracker.messages import chosen


@pytest.mark.parametrize(("cell", "uom", "expected"), [
    ("300", "家", "300"), ("300家", "家", "300"), ("3.2亿元", "亿元", "3.2"), ("32000万元", "亿元", "3.2"),
    ("28.5%", "%", "28.5"), ("28.5％", "%", "28.5"), ("1,234", "家", "1234"), (" 1 234 ", "家", "1234"),
    ("1,234,567.5", "元", "1234567.5"), ("3.2万", "家", "32000"), ("3.2万", "万家", "3.2"),
    ("两万人", "万人", "2"), ("三千家", "家", "3000"), ("1.2万亿元", "亿元", "12000"), ("-2.1", "%", "-2.1"),
    ("−2.1", "%", "-2.1"), ("０.５", "个百分点", "0.5"), ("320000000元", "亿元", "3.2"), ("３００家", "家", "300"),
    ("3.71万家", "家", "37100"), ("+5", "%", "5"), (".5", "%", "0.5"), ("5‰", "%", "0.5"),
    # Text is exact: no rounding to ten digits.
    ("123456789012", "元", "123456789012"), ("1234567890.12", "元", "1234567890.12"),
    ("123456789012345", "元", "123456789012345"), ("1000000000000000000000", "元", "1E+21"),
])
def test_typed_text(cell, uom, expected) -> None:
    assert figure_of(cell, uom) == Decimal(expected)


@pytest.mark.parametrize(("cell", "number_format", "uom", "expected"), [
    (300, "General", "家", "300"), (3.2, "0.00", "亿元", "3.2"), (1e-05, None, "%", "0.00001"),
    (123456789012, "General", "元", "123456789012"), (1234567890.12, "0.00", "元", "1234567890.12"),
    # Typed as 25% or 28.5%: Excel, WPS and LibreOffice store the fraction with a percent format.
    (0.25, "0%", "%", "25"), (0.285, "0.0%", "%", "28.5"), (-0.021, "0.00%", "%", "-2.1"), (1, "0%", "%", "100"),
    # Binary noise beyond the 15 digits a spreadsheet shows is not part of the figure.
    (0.28500000000000003, "0.0%", "%", "28.5"), (0.1 + 0.2, "General", "%", "0.3"),
    # A literal percent sign in the format is decoration: the cell holds the percent number.
    (25, '0"%"', "%", "25"), (25, "0\\%", "%", "25"),
])
def test_number_cells(cell, number_format, uom, expected) -> None:
    assert figure_of(cell, uom, number_format=number_format) == Decimal(expected)


def test_a_number_in_the_unit_an_import_file_names() -> None:
    assert figure_of("32000", "亿元", uom="万元") == Decimal("3.2")
    assert figure_of(32000, "亿元", uom="万元") == Decimal("3.2")
    assert figure_of("3.2亿元", "亿元", uom="万元") == Decimal("3.2")  # the cell's own unit wins


@pytest.mark.parametrize(("cell", "uom", "message", "expected"), [
    ("abc", "家", "'abc' is not a number", "a number in 家, such as 300 or 300家"),
    ("待统计", "亿元", "'待统计' is not a number", "a number in 亿元, such as 3.2 or 3.2亿元"),
    ("3吨", "家", "'3吨' is in 吨, which cannot be converted to 家", "a number in 家, such as 300 or 300家"),
    ("3个百分点", "%", "'3个百分点' is in 个百分点, which cannot be converted to %", "a number in %, such as 8.5 or 8.5%"),
    ("12杯", "家", "'杯' in '12杯' is not a unit of measure tracker knows", "a number in 家, such as 300 or 300家"),
    ("二百多", "家", "'二百多' is an approximate figure, from which no completion can be computed: type the exact "
                   "figure (in 家), and any remark in the note (备注)", None),
    ("120以上", "家", "'120以上' is an approximate figure, from which no completion can be computed: type the exact "
                    "figure (in 家), and any remark in the note (备注)", None),
    ("200-300", "家", "'200-300' is a range: type one exact figure (in 家)", None),
    ("3,5", "亿元", "the comma in '3,5' is ambiguous: write 3.5 for a decimal or 35 for a whole number (a thousands "
                  "separator comes every three digits, as in 3,500)", None),
    ("1,2345", "元", "the comma in '1,2345' is ambiguous: write 1.2345 for a decimal or 12345 for a whole number (a "
                   "thousands separator comes every three digits, as in 3,500)", None),
    ("12,34,567", "元", "the commas in '12,34,567' are not thousands separators: write 1234567, or a comma every "
                      "three digits (as in 3,500)", None),
    ("1234567890123456", "元", "'1234567890123456' has 16 significant digits; spreadsheets and the ledger keep 15 "
                              "exactly: round it to 15 digits or fewer", None),
    ("", "家", "the cell is empty", "a number in 家, such as 300 or 300家"),
    (True, "家", "this is a true/false value, not a figure", "a number in 家, such as 300 or 300家"),
    (datetime(2024, 9, 30), "家", "this is a date, not a figure (the cell may be formatted as a date; format it as a "
                                  "number and type the figure again)", "a number in 家, such as 300 or 300家"),
    (float("nan"), "家", "this is not a finite number", "a number in 家, such as 300 or 300家"),
    (0.25, "%", None, None),
])
def test_refused(cell, uom, message, expected) -> None:
    if message is None:  # a percent-formatted cell for a target in 家 is 25 %, not 家
        with pytest.raises(CellError) as caught:
            figure_of(cell, "家", number_format="0%")
        assert caught.value.message == "'25%' is in %, which cannot be converted to 家"
        return
    with pytest.raises(CellError) as caught:
        figure_of(cell, uom)
    assert (caught.value.message, caught.value.expected) == (message, expected)


@pytest.mark.parametrize("cell", [
    "二百多", "两百来", "120以上", "约300", "300左右", "近200家", "200余家", "超过200家", "不到50", "数十家", "十几",
    "≥300", ">300", "300+", "200多家",
])
def test_approximate_figures_say_what_to_type(cell) -> None:
    with pytest.raises(CellError) as caught:
        figure_of(cell, "家")
    assert caught.value.message.key == "figure.approximate"
    assert "unit" not in caught.value.message  # 多 or 余 is never taken for a unit of measure


def test_messages_are_chinese_when_chosen() -> None:
    with chosen("zh"), pytest.raises(CellError) as caught:
        figure_of("二百多", "家")
    assert caught.value.message == "“二百多”是约数，无法计算完成率：请填写统计得到的确切数字（单位：家），约数说明可写在“备注”里"
    assert caught.value.message.text("en").startswith("'二百多' is an approximate figure")
    with chosen("zh"), pytest.raises(CellError) as caught:
        figure_of("3,5", "亿元")
    assert caught.value.message == "“3,5”中的逗号含义不明：小数请写成 3.5，整数请写成 35（千位分隔符须每三位一个，如 3,500）"


def test_percent_formats_and_cells_as_shown() -> None:
    assert [is_percent_format(f) for f in ("0%", "0.0%", "#,##0.00%", '0"%"', "0\\%", "General", None)] == [
        True, True, True, False, False, False, False]
    assert as_shown(0.285, "0.0%") == "28.5%"
    assert as_shown(0.285, "General") == 0.285
    assert as_shown("x", "0%") == "x"
    assert as_shown(True, "0%") is True
    assert as_shown(date(2024, 9, 30), "0%") == date(2024, 9, 30)


@office
def test_figures_as_libreoffice_stores_what_is_typed(tmp_path) -> None:
    # LibreOffice reads each line of the CSV as if typed into a cell (Chinese locale, special
    # numbers detected), and saves the workbook as Calc would: 25% becomes 0.25 in a 0.00% cell.
    typed = ["25%", "8.5%", "300家", "1234567890.12", "3.2亿元"]
    source = tmp_path / "typed.csv"
    source.write_text("\n".join(["实际完成", *typed]) + "\n", encoding="utf-8")
    saved = soffice_convert(source, "xlsx", tmp_path / "lo", infilter="Text - txt - csv (StarCalc):44,34,76,1,,2052,false,true,true")
    cells = [row[0] for row in load_workbook(saved).active.iter_rows(min_row=2)]
    assert [(cell.value, is_percent_format(cell.number_format)) for cell in cells[:2]] == [(0.25, True), (0.085, True)]
    uoms = ["%", "%", "家", "元", "亿元"]
    assert [figure_of(cell.value, uom, number_format=cell.number_format) for cell, uom in zip(cells, uoms, strict=True)] == [
        Decimal("25"), Decimal("8.5"), Decimal("300"), Decimal("1234567890.12"), Decimal("3.2")]

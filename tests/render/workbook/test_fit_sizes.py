"""Row heights for wrapped text: a streamed sheet measures each distinct text once, and must find
the heights an ordinary sheet with the same cells gets."""

from __future__ import annotations

import unicodedata

from openpyxl import Workbook

from tracker.render.workbook.cells import LINE_HEIGHT, display_width, fit_row_heights, put, put_formula
from tracker.render.workbook.sheet_xml import CellStyle
from tracker.render.workbook.stream import StreamedSheet

LONG = "全社会研发经费投入增长百分之三十以上并力争高新技术企业总量达到二百八十家"   # wraps in a narrow column
ROWS = [["甲区", LONG, 3.5, None], ["乙县", "短", 280, "一\n二\n三\n四"], ["丙市", LONG + LONG, None, "x"]]


def _filled(sheet) -> None:
    for column, width in zip("ABCD", (10, 12, 8, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row, values in enumerate(ROWS, start=2):
        if isinstance(sheet, StreamedSheet):
            sheet.put_row(row, values, [CellStyle()] * len(values))
        else:
            for column, value in enumerate(values, start=1):
                put(sheet, row, column, value)
    put(sheet, 5, 1, "丁区")
    put(sheet, 5, 5, LONG * 4)                        # beyond the columns measured
    put_formula(sheet, 6, 2, '="' + LONG * 3 + '"')   # a formula's text is not measured


def test_uniform_heights_of_a_streamed_sheet_are_those_of_an_ordinary_sheet() -> None:
    book = Workbook()
    ordinary, streamed = book.active, StreamedSheet(Workbook(write_only=True), "流")
    for sheet in (ordinary, streamed):
        _filled(sheet)
        fit_row_heights(sheet, range(2, 7), range(1, 5), uniform=True)
    heights = {row: ordinary.row_dimensions[row].height for row in range(2, 7)}
    # LONG twice over: 72 characters 2 units wide, in 11 units a line: 14 lines, on every row.
    assert set(heights.values()) == {LINE_HEIGHT * 14 + 2}
    assert {row: streamed.row_dimensions[row].height for row in range(2, 7)} == heights


def test_a_streamed_sheets_texts_are_its_distinct_texts_in_the_rows_and_columns_asked_for() -> None:
    streamed = StreamedSheet(Workbook(write_only=True), "流")
    _filled(streamed)
    streamed.put_row(7, ["甲区", LONG, 1.0, None], [None] * 4)
    assert sorted(streamed.texts(range(2, 8), range(1, 3))) == sorted(
        {(1, "甲区"), (1, "乙县"), (1, "丙市"), (1, "丁区"), (2, LONG), (2, "短"), (2, LONG + LONG)})


def test_row_by_row_heights_of_a_streamed_sheet_are_those_of_an_ordinary_sheet() -> None:
    book = Workbook()
    ordinary, streamed = book.active, StreamedSheet(Workbook(write_only=True), "流")
    for sheet in (ordinary, streamed):
        _filled(sheet)
        fit_row_heights(sheet, range(2, 7), range(1, 5))
    heights = {row: ordinary.row_dimensions[row].height for row in range(2, 7)}
    assert heights == {2: LINE_HEIGHT * 7 + 2, 3: LINE_HEIGHT * 4 + 2, 4: LINE_HEIGHT * 14 + 2, 5: None, 6: None}
    assert {row: streamed.row_dimensions[row].height for row in range(2, 7)} == heights


def test_display_width_counts_every_wide_and_full_width_character_twice() -> None:
    every = [chr(code) for code in range(0x110000)]
    expected = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in every)
    assert display_width("".join(every)) == expected
    assert [display_width(text) for text in ("", "GDP", "地区生产总值", "增长6.5%", "ＧＤＰ１０％", "\n")] == \
        [0, 3, 12, 8, 12, 1]

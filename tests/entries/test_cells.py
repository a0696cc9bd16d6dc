"""Reading cells users typed: dates, years, comparators, figures."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tracker.entries.cells import (
    comparator_of,
    date_of,
    direction_of,
    kind_of_record,
    metric_of,
    text_of,
    year_of,
)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2024-09-30", date(2024, 9, 30)),
    ("2024/9/30", date(2024, 9, 30)),
    ("2024.9.30", date(2024, 9, 30)),
    ("2024年9月30日", date(2024, 9, 30)),
    ("2024年9月30号", date(2024, 9, 30)),
    ("２０２４年９月３０日", date(2024, 9, 30)),
    ("2024-09-30 00:00:00", date(2024, 9, 30)),
    ("20240930", date(2024, 9, 30)),
    (20240930, date(2024, 9, 30)),
    ("2024-09", date(2024, 9, 30)),
    ("2024年2月", date(2024, 2, 29)),
    (45565, date(2024, 9, 30)),             # an Excel serial in a number cell
    (45565.0, date(2024, 9, 30)),
    (datetime(2024, 9, 30, 0, 0), date(2024, 9, 30)),
    (date(2024, 9, 30), date(2024, 9, 30)),
])
def test_dates(cell, expected):
    assert date_of(cell) == expected


@pytest.mark.parametrize("cell", ["2024-13-01", "2024-02-30", "九月底", "45565", "2024", 2024, 300, 45565.5, "soon"])
def test_not_dates(cell):
    with pytest.raises(ValueError, match=r"^not a date; type a date such as 2024-09-30"):
        date_of(cell)


@pytest.mark.parametrize(("cell", "expected"), [(2024, 2024), (2024.0, 2024), ("2024", 2024), ("2024年", 2024)])
def test_years(cell, expected):
    assert year_of(cell) == expected


@pytest.mark.parametrize("cell", ["24", "1800", "二〇二四", "2024.5", 2024.5, "next"])
def test_not_years(cell):
    with pytest.raises(ValueError, match=r"^not a year; type a year such as 2024$"):
        year_of(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("≥", ">="), (">=", ">="), ("以上", ">="), ("不低于", ">="), ("不少于", ">="), ("达到", ">="), ("＞＝", ">="),
    (">", ">"), ("超过", ">"), ("突破", ">"), ("≤", "<="), ("<=", "<="), ("以内", "<="), ("不超过", "<="),
    ("控制在", "<="), ("<", "<"), ("低于", "<"), ("=", "="), ("稳定在", "="), ("~", "~"), ("≈", "~"),
    ("左右", "~"), ("About", "~"),
])
def test_comparators(cell, expected):
    assert comparator_of(cell) == expected


def test_unknown_comparator_says_what_is_accepted():
    with pytest.raises(ValueError) as info:
        comparator_of("大约")
    assert str(info.value) == "not a known comparator; use one of ≥, >, ≤, <, =, ≈ or 以上, 超过, 以内, 低于, 左右"


@pytest.mark.parametrize(("read", "cell", "expected"), [
    (metric_of, "总量", "level"), (metric_of, "增速", "growth"), (metric_of, "share", "share"),
    (metric_of, "百分点", "change"), (direction_of, "下降", "down"), (direction_of, "UP", "up"),
    (kind_of_record, "目标", "target"), (kind_of_record, "实际", "actual"),
])
def test_words(read, cell, expected):
    assert read(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    (None, ""), (2024.0, "2024"), (3.5, "3.5"), ("  甲区 ", "甲区"), ("ＡＢ", "AB"),
    (datetime(2024, 9, 30), "2024-09-30"), (date(2024, 9, 30), "2024-09-30"),
])
def test_text_of(cell, expected):
    assert text_of(cell) == expected

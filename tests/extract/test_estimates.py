"""Estimates (预计完成, 预计实现, 预计全年) are results or goals by the document's date: at the end
of the year they speak of (from November) or after it, provisional results; earlier, forecasts."""

from __future__ import annotations

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes

A, T = "actual", "target"


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


@pytest.mark.parametrize(("published", "sentence", "expected"), [
    ("2024-12-20", "预计全年完成地区生产总值1200亿元，增长6%。", [(A, 2024), (A, 2024)]),
    ("2024-03-01", "预计全年完成地区生产总值1200亿元，增长6%。", [(T, 2024), (T, 2024)]),
    ("2024-07-15", "上半年经济运行平稳，预计全年地区生产总值增长6%左右。", [(T, 2024)]),
    ("2024-11-28", "今年以来，全市预计实现规模以上工业增加值增长8%。", [(A, 2024)]),
    ("2024-06-28", "今年全市预计实现规模以上工业增加值增长8%。", [(T, 2024)]),
    ("2025-01-15", "2024年预计完成固定资产投资增长5%。", [(A, 2024)]),
    ("2024-12-10", "预计到2025年全市高新技术企业达到1200家。", [(T, 2025)]),
])
def test_an_estimate_is_a_result_or_a_goal_by_the_date(published, sentence, expected, knowledge):
    text = f"宜昌市经济工作情况\n发布时间：{published}\n{sentence}\n"
    records = extract(prepare_document(read_bytes(text.encode("utf-8"), "a.txt")), *knowledge).records
    assert [(r.kind, r.year) for r in records] == expected


def test_with_no_date_a_forecast_is_a_goal_and_a_whole_years_estimate_a_result(knowledge):
    text = "宜昌市经济工作情况\n2024年，全市预计实现地区生产总值增长5.5%。预计全年完成固定资产投资增长5%。\n"
    records = extract(prepare_document(read_bytes(text.encode("utf-8"), "a.txt")), *knowledge).records
    assert [(r.kind, r.indicator) for r in records] == [(T, "地区生产总值增速"), (A, "固定资产投资增速")]

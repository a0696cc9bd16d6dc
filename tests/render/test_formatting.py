"""Shared number, date and target wording (tracker/render/formatting.py): exact strings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from tracker.decimals import round_half_up, to_decimal
from tracker.models import Target
from tracker.render.formatting import (
    MISSING,
    fmt_comparator,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_pp,
    fmt_target,
)

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(("value", "uom", "zh", "en"), [
    (6.2, "亿元", "6.2亿元", "CNY 620 million"),
    (10, "亿元", "10亿元", "CNY 1 billion"),
    (10.0, "亿元", "10亿元", "CNY 1 billion"),
    (113.33, "亿元", "113.33亿元", "CNY 11.333 billion"),
    (113.333, "亿元", "113.33亿元", "CNY 11.333 billion"),
    (1140.8, "亿元", "1140.8亿元", "CNY 114.08 billion"),
    (0.62, "亿元", "0.62亿元", "CNY 62 million"),
    (1.005, "亿元", "1.01亿元", "CNY 101 million"),         # half-up on the decimal, not the binary float
    (0.1 + 0.2, "亿元", "0.3亿元", "CNY 30 million"),        # 0.30000000000000004
    (12000, "亿元", "12000亿元", "CNY 1.2 trillion"),
    (3.5, "万元", "3.5万元", "CNY 35,000"),
    (500, "万元", "500万元", "CNY 5 million"),
    (12345.5, "元", "12345.5元", "CNY 12,345.5"),
    (2.5, "亿美元", "2.5亿美元", "USD 250 million"),
    (280, "家", "280家", "280"),
    (280.0, "家", "280家", "280"),
    (12345, "个", "12345个", "12,345"),
    (45, "项", "45项", "45"),
    (1200, "件", "1200件", "1,200"),
    (350, "人", "350人", "350 people"),
    (2, "万人", "2万人", "20,000 people"),
    (1.5, "万人", "1.5万人", "15,000 people"),
    (12.5, "件/万人", "12.5件/万人", "12.5 per 10,000 people"),
    (1.2, "万吨", "1.2万吨", "12,000 tonnes"),
    (0.35, "吨标准煤/万元", "0.35吨标准煤/万元", "0.35 tce per CNY 10,000"),
    (30, "%", "30%", "30%"),
    (24.5, "%", "24.5%", "24.5%"),
    (2.43, "%", "2.43%", "2.43%"),
    (0.6199999999999999, "%", "0.62%", "0.62%"),
    (5.5, "个百分点", "5.5个百分点", "5.5 pp"),
    (3, "倍", "3倍", "3 times"),
    (12, "标准机位", "12标准机位", "12 标准机位"),        # unknown unit: kept as written
    (7, "", "7", "7"),
    (7, None, "7", "7"),
    # hostile inputs
    (None, "亿元", MISSING, MISSING),
    (NAN, "%", MISSING, MISSING),
    (INF, "亿元", MISSING, MISSING),
    (-INF, "家", MISSING, MISSING),
    (-5.5, "%", "-5.5%", "-5.5%"),
    (-6.2, "亿元", "-6.2亿元", "CNY -620 million"),
    (-0.001, "%", "0%", "0%"),
    (-0.0, "家", "0家", "0"),
    (1e20, "元", "100000000000000000000元", "CNY 100,000,000 trillion"),
    (1e-9, "亿元", "0亿元", "CNY 0"),
    (10**30, "家", "1" + "0" * 30 + "家", "1,000,000,000,000,000,000 trillion"),
    (2_000_000, "家", "2000000家", "2 million"),
    (Decimal("6.20"), "亿元", "6.2亿元", "CNY 620 million"),
])
def test_fmt_number(value, uom, zh, en):
    assert fmt_number(value, uom) == zh
    assert fmt_number(value, uom, "en") == en


@pytest.mark.parametrize(("fraction", "decimals", "expected"), [
    (0.62, 1, "62.0%"),
    (6.2 / 10, 1, "62.0%"),
    (0.125, 1, "12.5%"),
    (0.6245, 1, "62.5%"),                 # half-up: float arithmetic would give 62.4
    (0.00125, 1, "0.1%"),
    (0.00125, 3, "0.125%"),
    (0.75, 1, "75.0%"),
    (1 / 6, 1, "16.7%"),
    (2 / 12, 2, "16.67%"),
    (1.05, 0, "105%"),
    (0.005, 0, "1%"),
    (-0.13, 1, "-13.0%"),
    (-0.0001, 1, "0.0%"),
    (0, 1, "0.0%"),
    (None, 1, MISSING),
    (NAN, 1, MISSING),
    (INF, 1, MISSING),
    (1e15, 1, "100000000000000000.0%"),
])
def test_fmt_percent(fraction, decimals, expected):
    assert fmt_percent(fraction, decimals) == expected
    assert fmt_percent(fraction, decimals, lang="en") == expected


@pytest.mark.parametrize(("points", "decimals", "zh", "en"), [
    (13, 1, "13.0个百分点", "13.0 pp"),
    (-13.0, 1, "-13.0个百分点", "-13.0 pp"),
    (62.45, 1, "62.5个百分点", "62.5 pp"),
    (-20 / 3, 1, "-6.7个百分点", "-6.7 pp"),
    (5.5, 2, "5.50个百分点", "5.50 pp"),
    (0.25, 1, "0.3个百分点", "0.3 pp"),
    (-0.04, 1, "0.0个百分点", "0.0 pp"),
    (None, 1, MISSING, MISSING),
    (NAN, 1, MISSING, MISSING),
    (-INF, 1, MISSING, MISSING),
])
def test_fmt_pp(points, decimals, zh, en):
    assert fmt_pp(points, decimals) == zh
    assert fmt_pp(points, decimals, lang="en") == en


@pytest.mark.parametrize(("cmp", "symbol", "zh", "en"), [
    (">=", "≥", "不低于", "at least"),
    (">", ">", "超过", "more than"),
    ("<=", "≤", "不超过", "at most"),
    ("<", "<", "低于", "less than"),
    ("=", "=", "达到", "equal to"),
    ("~", "≈", "左右", "about"),
    ("?", "?", "?", "?"),
    (None, MISSING, MISSING, MISSING),
])
def test_fmt_comparator(cmp, symbol, zh, en):
    assert fmt_comparator(cmp) == symbol
    assert fmt_comparator(cmp, "en") == symbol
    assert fmt_comparator(cmp, words=True) == zh
    assert fmt_comparator(cmp, "en", words=True) == en


def target(value, comparator, metric="level", uom="亿元", **kw) -> Target:
    return Target(unit="甲区", indicator="指标", indicator_id=None, year=2024, metric=metric,
                  direction=kw.pop("direction", "up"), comparator=comparator, value=value, uom=uom, **kw)


@pytest.mark.parametrize(("tgt", "zh", "en"), [
    (target(10, ">"), "超过10亿元", "more than CNY 1 billion"),
    (target(280, ">=", uom="家"), "280家以上", "at least 280"),
    (target(280, "=", uom="家"), "达到280家", "280"),
    (target(100, "<=", uom="万吨", direction="down"), "控制在100万吨以内", "at most 1 million tonnes"),
    (target(5, "<", uom="起"), "低于5起", "less than 5 cases"),
    (target(500, "~", uom="亿元"), "500亿元左右", "about CNY 50 billion"),
    (target(30, "=", "growth", "%"), "增长30%", "growth of 30%"),
    (target(30, ">=", "growth", "%"), "增长30%以上", "growth of at least 30%"),
    (target(8, ">", "growth", "%"), "增长超过8%", "growth of more than 8%"),
    (target(6, "~", "growth", "%"), "增长6%左右", "growth of about 6%"),
    (target(3, "<=", "growth", "%", direction="down"), "增长控制在3%以内", "growth of at most 3%"),
    (target(-3, "=", "growth", "%", direction="down"), "下降3%", "decline of 3%"),
    (target(-13.5, ">=", "growth", "%", direction="down"), "下降13.5%以上", "decline of at least 13.5%"),
    (target(5.5, "<=", "share", "%", direction="down"), "控制在5.5%以内", "at most 5.5%"),
    (target(6, "~", "share", "%"), "6%左右", "about 6%"),
    (target(2.5, "=", "share", "%"), "达到2.5%", "2.5%"),
    (target(2.5, ">=", "share", ""), "2.5%以上", "at least 2.5%"),          # a rate without a unit is in %
    (target(1, "=", "change", "个百分点"), "提高1个百分点", "increase of 1 pp"),
    (target(0.5, "~", "change", ""), "提高0.5个百分点左右", "increase of about 0.5 pp"),
    (target(-0.3, "=", "change", "个百分点"), "下降0.3个百分点", "decrease of 0.3 pp"),
    (target(5, "=", "growth", "%", value_max=6), "增长5%～6%", "growth of 5% to 6%"),
    (target(3, "=", uom="个", value_max=5), "达到3～5个", "3 to 5"),
    (target(5, ">=", uom="亿元", value_max=6), "5～6亿元以上", "at least CNY 500 million to CNY 600 million"),
    (target(10, ">", stretch_value=12), "超过10亿元，力争12亿元",
     "more than CNY 1 billion; stretch goal: CNY 1.2 billion"),
    (target(6, ">=", "growth", "%", stretch_value=7), "增长6%以上，力争增长7%",
     "growth of at least 6%; stretch goal: growth of 7%"),
    (target(NAN, ">="), MISSING, MISSING),
])
def test_fmt_target(tgt, zh, en):
    assert fmt_target(tgt) == zh
    assert fmt_target(tgt, "en") == en


@pytest.mark.parametrize(("day", "zh", "en"), [
    (date(2024, 9, 30), "2024年9月30日", "30 September 2024"),
    (date(2024, 1, 5), "2024年1月5日", "5 January 2024"),
    (date(2024, 12, 31), "2024年12月31日", "31 December 2024"),
    (datetime(2024, 4, 23, 15, 30), "2024年4月23日", "23 April 2024"),
    (None, MISSING, MISSING),
])
def test_fmt_date(day, zh, en):
    assert fmt_date(day) == zh
    assert fmt_date(day, "en") == en


@pytest.mark.parametrize(("value", "expected"), [
    (0.125, Decimal("0.125")), (62.45, Decimal("62.45")), (7, Decimal(7)), (True, None), (None, None),
    (NAN, None), (Decimal("NaN"), None), (Decimal("Infinity"), None),
])
def test_to_decimal(value, expected):
    assert to_decimal(value) == expected


def test_to_decimal_rejects_text():
    with pytest.raises(TypeError):
        to_decimal("6.2")  # type: ignore[arg-type]


@pytest.mark.parametrize(("number", "decimals", "expected"), [
    ("62.45", 1, "62.5"), ("-62.45", 1, "-62.5"), ("0.125", 2, "0.13"), ("-0.04", 1, "0.0"), ("2.5", 0, "3"),
])
def test_round_half_up(number, decimals, expected):
    assert str(round_half_up(Decimal(number), decimals)) == expected


@pytest.mark.parametrize("call", [
    lambda: fmt_number(1, "家", "fr"), lambda: fmt_percent(0.1, lang="EN"), lambda: fmt_date(date(2024, 1, 1), "de"),
])
def test_unknown_language_is_an_error(call):
    with pytest.raises(ValueError, match="language"):
        call()

"""Numerals, units and quantities: table-driven over real policy phrasing and its traps."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.numbers import (
    Quantity,
    base_value,
    clean_float,
    convert,
    find_quantities,
    kind_of,
    parse_chinese_number,
)

# --- parse_chinese_number ------------------------------------------------------------------

NUMERALS = [
    ("三千", 3000), ("一百二十", 120), ("两万", 20000), ("十二", 12), ("二十万", 200000),
    ("三百二十亿", 32_000_000_000), ("一千零五", 1005), ("1.2万", 12000), ("3.71万", 37100),
    ("五百", 500), ("百", 100), ("千", 1000), ("万", 10000), ("半", 0.5), ("零", 0),
    ("一千零五十", 1050), ("一亿二千万", 120_000_000), ("一万二千亿", 1.2e12), ("万亿", 1e12),
    ("1.2万亿", 1.2e12), ("三万五", 35000), ("一千二", 1200), ("三点五", 3.5), ("二〇二四", 2024),
    ("1,234.5", 1234.5), ("1，234", 1234), ("3千万", 30_000_000), ("５００", 500), ("十", 10),
    ("一亿零五百万", 105_000_000), ("3.2", 3.2),
]
NOT_NUMERALS = ["", "   ", "十四五", "二十大", "十四届", "千百亿", "百千", "一万二万", "亿万", "abc", "三四", "第一"]


@pytest.mark.parametrize(("text", "expected"), NUMERALS)
def test_parse_chinese_number(text: str, expected: float) -> None:
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize("text", NOT_NUMERALS)
def test_parse_chinese_number_rejects_words(text: str) -> None:
    assert parse_chinese_number(text) is None


@pytest.mark.parametrize("text", ["三千", "一百二十", "两万", "十二", "二十万", "三百二十亿", "一千零五", "五百", "一亿二千万"])
def test_parse_chinese_number_agrees_with_cn2an_on_plain_numerals(text: str) -> None:
    assert parse_chinese_number(text) == float(cn2an.cn2an(text, "smart"))


def test_parse_chinese_number_keeps_the_magnitude_that_cn2an_loses_in_text() -> None:
    # cn2an turns 二十大 into 20大 in running text; we refuse to read it as a number at all.
    assert cn2an.transform("二十大", "cn2an") == "20大"
    assert parse_chinese_number("二十大") is None
    assert find_quantities("三百二十亿元") == [
        Quantity(0, 6, "三百二十亿元", 320.0, None, "亿元", "money", None, False)
    ]


def test_clean_float_removes_binary_noise() -> None:
    assert clean_float(0.1 + 0.2) == 0.3
    assert clean_float(3.2000000000000006) == 3.2


# --- find_quantities: what is found -------------------------------------------------------

# (text, quantity text, value, value_max, uom, kind, comparator, approx)
FOUND = [
    ("高新技术企业总量达280家", "280家", 280, None, "家", "count", None, False),
    ("入库科技型中小企业260家以上", "260家以上", 260, None, "家", "count", ">=", False),
    ("技术合同成交额超过10亿元", "10亿元", 10, None, "亿元", "money", None, False),
    ("全社会研发经费投入增长30%", "30%", 30, None, "%", "percent", None, False),
    ("三千家", "三千家", 3000, None, "家", "count", None, False),
    ("两万人", "两万人", 2, None, "万人", "count", None, False),
    ("一百二十个", "一百二十个", 120, None, "个", "count", None, False),
    ("入驻企业3.71万家", "3.71万家", 3.71, None, "万家", "count", None, False),
    ("总额1.2万亿元", "1.2万亿元", 1.2, None, "万亿元", "money", None, False),
    ("完成投资477.65亿元", "477.65亿元", 477.65, None, "亿元", "money", None, False),
    ("共1,234.5吨", "1,234.5吨", 1234.5, None, "吨", "measure", None, False),
    ("共1，234家", "1，234家", 1234, None, "家", "count", None, False),
    ("增长5%-6%", "5%-6%", 5, 6, "%", "percent", None, False),
    ("增长5-6%", "5-6%", 5, 6, "%", "percent", None, False),
    ("增长4.5%至5%", "4.5%至5%", 4.5, 5, "%", "percent", None, False),
    ("新增3-5个", "3-5个", 3, 5, "个", "count", None, False),
    ("新增3到5个", "3到5个", 3, 5, "个", "count", None, False),
    ("增长6%～6.5%", "6%～6.5%", 6, 6.5, "%", "percent", None, False),
    ("新增三至五家", "三至五家", 3, 5, "家", "count", None, False),
    ("投资5000万—1亿元", "5000万—1亿元", 0.5, 1, "亿元", "money", None, False),
    ("提高3个百分点", "3个百分点", 3, None, "个百分点", "points", None, False),
    ("下降0.5个百分点", "0.5个百分点", 0.5, None, "个百分点", "points", None, False),
    ("提高三个百分点", "三个百分点", 3, None, "个百分点", "points", None, False),
    ("翻一番", "翻一番", 2, None, "倍", "multiple", None, False),
    ("翻两番", "翻两番", 4, None, "倍", "multiple", None, False),
    ("增长1倍", "1倍", 1, None, "倍", "multiple", None, False),
    ("增长2倍", "2倍", 2, None, "倍", "multiple", None, False),
    ("打造千亿级产业集群", "千亿级", 1000, None, "亿元", "class", ">=", False),
    ("生物医药百亿级产业集群", "百亿级", 100, None, "亿元", "class", ">=", False),
    ("先进装备制造五百亿级产业集群", "五百亿级", 500, None, "亿元", "class", ">=", False),
    ("培育万亿级产业", "万亿级", 1, None, "万亿元", "class", ">=", False),
    ("千亿级硅基新材料家当园", "千亿级", 1000, None, "亿元", "class", ">=", False),
    ("准东千万千瓦级新能源基地", "千万千瓦级", 1000, None, "万千瓦", "class", ">=", False),
    ("百万吨级“新能源电池材料之谷”", "百万吨级", 100, None, "万吨", "class", ">=", False),
    ("拥有近百人的研发团队", "近百人", 100, None, "人", "count", "~", True),
    ("外出招商考察20余批次", "20余批次", 20, None, "批次", "count", ">", True),
    ("对接企业80多家", "80多家", 80, None, "家", "count", ">", True),
    ("治疗了1000多例肿瘤患者", "1000多例", 1000, None, "例", "count", ">", True),
    ("培育高新技术企业超1900家", "超1900家", 1900, None, "家", "count", ">", False),
    ("对接了近20家企业", "近20家", 20, None, "家", "count", "~", True),
    ("唯一产值超千亿元园区", "超千亿元", 1000, None, "亿元", "money", ">", False),
    ("工业总产值100亿元以上", "100亿元以上", 100, None, "亿元", "money", ">=", False),
    ("能耗控制在5%以内", "5%以内", 5, None, "%", "percent", "<=", False),
    ("增长7%左右", "7%左右", 7, None, "%", "percent", "~", True),
    ("约5万人", "约5万人", 5, None, "万人", "count", "~", True),
    ("逾300家", "逾300家", 300, None, "家", "count", ">", False),
    ("不少于3家", "不少于3家", 3, None, "家", "count", ">=", False),
    ("带动就业1万多人", "1万多人", 1, None, "万人", "count", ">", True),
    ("资金100余万元", "100余万元", 100, None, "万元", "money", ">", True),
    ("上百家企业", "上百家", 100, None, "家", "count", ">=", True),
    ("数十家企业", "数十家", 10, None, "家", "count", ">", True),
    ("引进百名硕博人才", "百名", 100, None, "名", "count", None, False),
    ("8家科创板上市企业", "8家", 8, None, "家", "count", None, False),
    ("算力规模突破3万标准机柜", "3万标准机柜", 3, None, "万标准机柜", "measure", None, False),
    ("实际利用外资2.5亿美元", "2.5亿美元", 2.5, None, "亿美元", "money", None, False),
    ("七成以上企业", "七成以上", 70, None, "%", "percent", ">=", False),
    ("百分之三十", "百分之三十", 30, None, "%", "percent", None, False),
    ("增速为-2.1%", "-2.1%", -2.1, None, "%", "percent", None, False),
    ("一申请和网办率达100%", "100%", 100, None, "%", "percent", None, False),
    ("增长一倍", "一倍", 1, None, "倍", "multiple", None, False),
    ("投资5千万元", "5千万元", 5000, None, "万元", "money", None, False),
    ("人口自然增长率3.5‰", "3.5‰", 3.5, None, "‰", "percent", None, False),
    ("合计３００家", "３００家", 300, None, "家", "count", None, False),
    ("共有 8 家企业", "8 家", 8, None, "家", "count", None, False),
]


@pytest.mark.parametrize(("text", "quoted", "value", "value_max", "uom", "kind", "comparator", "approx"), FOUND)
def test_find_quantities_reads_the_quantity(
    text: str, quoted: str, value: float, value_max: float | None, uom: str, kind: str,
    comparator: str | None, approx: bool,
) -> None:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.text, q.value, q.value_max, q.uom, q.kind, q.comparator, q.approx) == (
        quoted, value, value_max, uom, kind, comparator, approx,
    )
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("text", "value", "fraction"), [
    ("产业规模占全省1/3", 33.33333333, "1/3"),
    ("占全国三分之一", 33.33333333, "1/3"),
    ("占全国1/9", 11.11111111, "1/9"),
    ("三分之二", 66.66666667, "2/3"),
])
def test_fractions_are_percent_with_the_exact_fraction(text: str, value: float, fraction: str) -> None:
    [q] = find_quantities(text)
    assert (q.kind, q.value, q.uom, q.fraction) == ("fraction", value, "%", fraction)


def test_whole_sentence_yields_every_quantity_in_order() -> None:
    text = ("力争今年高新技术企业总量达280家，入库科技型中小企业260家以上；市级以上创新平台达到110家，"
            "技术合同成交额超过10亿元，全社会研发经费投入增长30%。")
    assert [(q.value, q.uom, q.comparator) for q in find_quantities(text)] == [
        (280, "家", None), (260, "家", ">="), (110, "家", None), (10, "亿元", None), (30, "%", None),
    ]


# --- find_quantities: what is not a quantity ------------------------------------------------

NOT_QUANTITIES = [
    "2024年", "2023-12-31", "12月17日", "3月5日", "15:58:36", "2024年04月23日 02:23", "2021—2025年",
    "“十四五”规划", "党的二十大", "十四届全国人大", "第一批", "第4届", "全球第一", "全国第四个",
    "请致电0931-8159799", "手机13912345678", "yin040310@sina.com", "https://www.xjnnet.com/3/5个",
    "欧莱新材 688530 --", "5G基站", "FinFET", "两项1.1类", "港股18A", "“1+3”产业", "“4+22”功能区",
    "“335+X”产业", "“586”奋斗目标", "落实1139工作部署", "“6+X”集群", "1号IDC", "二期项目", "三期工程",
    "第三代半导体", "其中24", "一个缩影", "一批链主企业", "作为一家企业", "千家万户", "每万元GDP能耗",
    "每万人口发明专利", "千人计划", "一成不变", "二次会议", "亿门级FinFET", "千亿级参数", "60多年",
    "7X24小时", "“两会”", "八大产业集群", "一带一路", "带宽达20T", "40G", "前50强", "签约3个项目",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_find_quantities_ignores_non_quantities(text: str) -> None:
    found = [q.text for q in find_quantities(text)]
    if text == "两项1.1类":
        assert found == ["两项"]  # the count is real, the drug class 1.1类 is not
    elif text == "签约3个项目":
        assert found == ["3个"]  # 签约 is "sign", not the approximator 约
    else:
        assert found == []


@pytest.mark.parametrize("junk", [None, 3, "", "\x00\ud7ff", "万" * 500, "1" * 400 + "家", "-" * 50 + "%"])
def test_find_quantities_survives_junk(junk: object) -> None:
    assert isinstance(find_quantities(junk), list)  # type: ignore[arg-type]


# --- units ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "source", "target", "expected"), [
    (32000, "万元", "亿元", 3.2), (3.71, "万家", "家", 37100), (1.5, "亿美元", "万美元", 15000),
    (69.74, "万人", "人", 697400), (10, "万吨", "吨", 100000), (1.2, "万亿元", "亿元", 12000),
    (3.5, "‰", "%", 0.35), (0.1 + 0.2, "亿元", "亿元", 0.3), (5, "％", "%", 5),
    (300, "家", "亿元", None), (3, "个百分点", "%", None), (2, "亿美元", "亿元", None), (1, "公斤", "千克", 1),
    (1, "furlongs", "家", None),
])
def test_convert(value: float, source: str, target: str, expected: float | None) -> None:
    assert convert(value, source, target) == expected


@pytest.mark.parametrize(("value", "uom", "expected"), [
    (3.2, "亿元", (320_000_000, "元")), (3.71, "万家", (37100, "家")), (30, "%", (30, "%")),
    (3, "个百分点", (3, "个百分点")), (2, "万人", (20000, "人")), (7, "杯", (7, "杯")),
])
def test_base_value(value: float, uom: str, expected: tuple[float, str]) -> None:
    assert base_value(value, uom) == expected


@pytest.mark.parametrize(("uom", "kind"), [
    ("亿元", "money"), ("万家", "count"), ("%", "percent"), ("个百分点", "points"), ("倍", "multiple"),
    ("万吨", "measure"), ("杯", ""),
])
def test_kind_of(uom: str, kind: str) -> None:
    assert kind_of(uom) == kind


# --- properties ----------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list(
    "0123456789.,，%％-—～~/+ 零〇一二两三四五六七八九十百千万亿半点分之第每近约超逾多余来几上数不少于以下内之左右"
    "家个人项亿元美吨倍成级产业集群年月日季度前底末今去明截至到翻番“”，。；ab"
))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(_ALPHABET, max_size=40), st.text(max_size=40)))
def test_find_quantities_never_raises_and_spans_quote_the_text(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.value_max is None or q.value_max > q.value

"""Mirror-site noise is removed through the offset map: the extractor sees mended text,
quotes are still the original."""

from __future__ import annotations

import pytest

from tracker.intake.clean import clean


def _maps_to(original: str, cleaned_text, fragment: str) -> str:
    start = cleaned_text.text.index(fragment)
    a, b = cleaned_text.original_span(start, start + len(fragment))
    return original[a:b]


@pytest.mark.parametrize(("original", "cleaned"), [
    ("全年进(jìn)出口总额增长9.3%,预(yù)算收入达到638.7亿元。", "全年进出口总额增长9.3%,预算收入达到638.7亿元。"),
    ("全年进（jìn）出口总额增长9.3%。", "全年进出口总额增长9.3%。"),              # full-width parentheses
    ("產(chǎn)業(yè)規(guī)模突破(pò)1000億元。", "产业规模突破1000亿元。"),  # traditional and glossed
    ("新建厂房(二期)3万平方米,代码(GDP)不是注音。", "新建厂房(二期)3万平方米,代码(GDP)不是注音。"),
])
def test_pinyin_glosses_are_removed(original, cleaned):
    assert clean(original).text.text == cleaned


def test_a_glossed_quote_is_the_original_text():
    original = "全年进(jìn)出口总额增长9.3%。"
    assert _maps_to(original, clean(original).text, "进出口总额增长9.3%") == "进(jìn)出口总额增长9.3%"


@pytest.mark.parametrize(("original", "cleaned"), [
    ("全省实现生产总值6835. 27亿元,增长8.9%。", "全省实现生产总值6835.27亿元,增长8.9%。"),
    ("人口自然增长率6. 2‰,城镇登记失业率4。6%以内。", "人口自然增长率6.2‰,城镇登记失业率4.6%以内。"),
    ("完成地区生产总值1872.46 亿元,同比增长 5%,新认定高企 926 家。", "完成地区生产总值1872.46亿元,同比增长5%,新认定高企926家。"),
    ("总值186.52亿元,,同比增长11.3%,;其中,。", "总值186.52亿元,同比增长11.3%;其中。"),
])
def test_broken_numbers_are_mended(original, cleaned):
    assert clean(original).text.text == cleaned


@pytest.mark.parametrize("text", [
    "排名全国第5。1.3万家企业参与评比。",     # a sentence ends after 第5
    "1. 2024年全市新增企业200家。",           # a numbered list item
    "指标 目标\n高新技术企业 280家",          # table cells stay apart
    "收入分别为13.1 100和12.7 21。",          # two figures side by side are not one
])
def test_what_only_looks_broken_stays(text):
    assert clean(text).text.text == text


def test_a_mended_number_quotes_the_original():
    original = "全省实现生产总值6835. 27亿元。"
    assert _maps_to(original, clean(original).text, "6835.27亿元") == "6835. 27亿元"


def test_urls_and_html_debris_between_sentences_go():
    original = (
        "全区新增企业230家。https://img.example.com/a/TWx~tplv-large.image?x-expires=1873220415&x-sign=Fm%2B"
        "园区召开大会\n单位GDP能耗trong>降低2.5%左右&nbsp;。</p>"
    )
    assert clean(original).text.text == "全区新增企业230家。园区召开大会\n单位GDP能耗降低2.5%左右。"

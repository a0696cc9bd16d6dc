"""A document that never names its unit (a district's statistics page: "前三季度全区…") keeps its
figures: their unit is the collective word as written (我区 and 本区 are 全区 too), flagged
unit_unresolved for the build to resolve (tracker.toml default_unit, or a correction)."""

from __future__ import annotations

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes
from tracker.models import FLAG_UNIT_UNRESOLVED


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def _records(text: str, knowledge, name: str = "release.txt"):
    return extract(prepare_document(read_bytes(text.encode("utf-8"), name)), *knowledge).records


def test_a_release_that_speaks_only_of_the_district(knowledge):
    text = ("发布时间：2025-10-29\n二、工业\n前三季度全区规模以上工业增加值增长6.7%。\n三、消费市场\n"
            "前三季度我区社会消费品零售总额完成218.34亿元，同比增长5.2%。其中，城镇消费品零售额176.08亿元。\n")
    records = _records(text, knowledge)
    assert [(r.unit, r.indicator, r.value, r.period) for r in records] == [
        ("全区", "规模以上工业增加值增速", 6.7, "2025-01/2025-09"),
        ("全区", "社会消费品零售总额", 218.34, "2025-01/2025-09"),
        ("全区", "社会消费品零售总额增速", 5.2, "2025-01/2025-09"),
        ("全区", "城镇消费品零售额", 176.08, "2025-01/2025-09"),
    ]
    assert all(FLAG_UNIT_UNRESOLVED in r.flags for r in records)


def test_a_city_news_story_without_the_citys_name(knowledge):
    records = _records("记者日前从市统计局了解到，今年前三季度，全市固定资产投资完成862.5亿元，同比增长7%。\n", knowledge,
                       "news.txt")
    assert [(r.unit, r.indicator, r.value) for r in records] == [
        ("全市", "固定资产投资", 862.5), ("全市", "固定资产投资增速", 7)]


def test_a_named_unit_is_never_unresolved(knowledge):
    records = _records("长寿区2025年前三季度经济运行情况\n前三季度全区规模以上工业增加值增长6.7%。\n", knowledge)
    assert [(r.unit, r.flags) for r in records] == [("长寿区", ())]


def test_no_collective_word_and_no_name_still_gives_nothing(knowledge):
    text = "2024年工作要点\n发布时间：2024-02-01\n高新技术企业达到2300家。\n"
    assert _records(text, knowledge, "要点.txt") == []

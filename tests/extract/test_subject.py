"""Whose figure: the document's subject, datelines and bylines, speakers, zones and collective words."""

from __future__ import annotations

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def run(text: str, knowledge):
    prepared = prepare_document(read_bytes(text.encode("utf-8"), "case.txt"))
    return extract(prepared, *knowledge)


def units_of(text: str, knowledge) -> list[tuple[str, float]]:
    return [(r.unit, r.value) for r in run(text, knowledge).records]


def test_a_dateline_never_gives_the_unit_a_national_speaker_gives_the_country(knowledge):
    text = ("发布时间：2024-03-05\n新华社北京3月5日电 国务院总理在十四届全国人大二次会议上作政府工作报告。"
            "今年发展主要预期目标是：国内生产总值增长5%左右，城镇新增就业1200万人以上。\n")
    extraction = run(text, knowledge)
    assert extraction.main_unit == "全国"
    assert [(r.unit, r.kind, r.value) for r in extraction.records] == [("全国", "target", 5), ("全国", "target", 1200)]


def test_a_provincial_speaker_makes_the_province_the_subject_of_全省(knowledge):
    text = ("发布时间：2024-01-22\n本报讯（记者 王某 通讯员 李某）1月21日，省十四届人大二次会议在兰州开幕，"
            "甘肃省省长某某作政府工作报告。\n报告提出，全省地区生产总值增长6%左右。\n")
    assert units_of(text, knowledge) == [("甘肃省", 6)]


def test_a_meeting_host_is_the_subject_and_a_byline_city_is_not(knowledge):
    text = ("来源：成都日报\n记者 张某\n"
            "2月18日，宜昌高新区召开2024年工作会议。会议提出，全区今年地区生产总值增长8%。\n")
    assert units_of(text, knowledge) == [("宜昌高新区", 8)]


def test_a_sentence_that_names_another_unit_owns_its_figures(knowledge):
    text = ("发布时间：2024-02-01\n宜昌市召开全市经济工作会议。全市地区生产总值增长6%，"
            "其中宜都市增长7.5%，枝江市增长7%。\n")
    assert units_of(text, knowledge) == [("宜昌市", 6), ("宜都市", 7.5), ("枝江市", 7)]


def test_全市_in_a_county_level_city_is_that_city(knowledge):
    text = "发布时间：2024-03-01\n如皋市2023年国民经济和社会发展统计公报\n全市实现地区生产总值1400亿元。\n"
    assert units_of(text, knowledge) == [("如皋市", 1400)]


def test_an_alias_and_the_zone_word_give_the_zone_its_figures(knowledge):
    text = ("发布时间：2024-01-10\n光谷交出年度成绩单。\n2023年，光谷地区生产总值增长6%，"
            "园区新增上市企业5家。\n")
    assert units_of(text, knowledge) == [("东湖高新区", 6), ("东湖高新区", 5)]


def test_a_zone_in_no_table_belongs_to_itself_not_to_its_city(knowledge):
    text = "发布时间：2024-01-10\n如皋高新区2023年实现规上工业产值800亿元，同比增长12%。\n"
    assert units_of(text, knowledge) == [("如皋高新区", 800), ("如皋高新区", 12)]


def test_national_zone_groups_are_units(knowledge):
    text = "发布时间：2024-01-03\n2023年，国家级经开区实现地区生产总值14万亿元，同比增长5%。\n"
    assert units_of(text, knowledge) == [("国家级经开区", 14), ("国家级经开区", 5)]


def test_the_country_is_a_yardstick_in_a_local_document(knowledge):
    text = ("发布时间：2024-01-10\n宜昌高新区召开工作会议。全区高新技术企业达到800家，"
            "总数居全国高新区前列。打造全国最大的光电子产业基地。\n")
    assert units_of(text, knowledge) == [("宜昌高新区", 800)]


@pytest.mark.parametrize("pair", ["北仑区（宁波经济技术开发区）", "宁波经开区（北仑区）", "北仑区(宁波经开区)"])
def test_a_district_and_a_zone_named_as_one_are_one_unit_whichever_comes_first(pair, knowledge):
    text = (f"{pair}2024年政府工作报告\n发布时间：2024-01-20\n今年全区地区生产总值增长6%。"
            "北仑区固定资产投资增长8%，宁波经开区实际利用外资达到10亿美元。\n")
    records = extract(prepare_document(read_bytes(text.encode("utf-8"), "a.txt")), *knowledge).records
    assert [r.unit for r in records] == ["宁波经开区(北仑区)"] * 3


def test_a_district_and_a_zone_named_apart_stay_apart(knowledge):
    text = "宁波市2024年政府工作报告\n发布时间：2024-01-20\n北仑区固定资产投资增长8%，宁波经开区实际利用外资达到10亿美元。\n"
    records = extract(prepare_document(read_bytes(text.encode("utf-8"), "a.txt")), *knowledge).records
    assert [r.unit for r in records] == ["北仑区", "宁波经开区"]


def test_line_heads_skipped_for_datelines_hold_none():
    # Heads with 电 but no 日 (电子, 电力) are not searched: the spans are those of a search of every head.
    import re

    from tracker.extract.subject import _DATELINE, _LINE_HEAD, excluded_spans

    text = ("电子信息产业增长12%，电力装机达到300万千瓦\n某某网讯 全县电商企业达到80家\n"
            "本台讯\n新华社兰州5月3日电 记者从省统计局获悉\n电话：0931-1234567\n"
            "3日电\n十二月一日专电 某县召开会议\n日前，电网投资增长5%\n" + "电" * 100 + "日电\n")
    every_head = [m.span() for line in re.finditer(r"[^\n]*", text)
                  for m in _DATELINE.finditer(text, line.start(), min(line.end(), line.start() + _LINE_HEAD))]
    spans = excluded_spans(text)
    assert every_head and [(s, e) for s, e in zip(spans.starts, spans.ends, strict=True)] == sorted(every_head)


def test_the_last_break_before_a_place_name_is_the_last_one_in_the_text_before_it():
    from tracker.extract.unitctx import _Breaks

    text = "兰州新区，" + "很" * 150 + "；天水市" + "好" * 70 + "\n武威市。" + "啊" * 200 + "张掖市"
    breaks = _Breaks(text)
    for position in range(len(text) + 1):
        expected = max(text.rfind(char, 0, position) for char in ",，;；。\n")
        assert breaks.last_before(position) == expected, position
    assert _Breaks("天水市").last_before(2) == -1

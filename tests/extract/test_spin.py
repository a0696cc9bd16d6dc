"""The spun-text normaliser: domain compounds restored, ordinary words kept, offsets unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import SEEDS
from tracker.errors import ConfigError
from tracker.extract.catalogue import load_catalogue
from tracker.extract.spin import build_spin_table, load_spin_table, normalise_spun, spun_variants

SPUN_SEED = SEEDS / "新疆工业园区-园区经济撑起新疆工业.txt"


@pytest.mark.parametrize(
    ("spun", "expected"),
    [
        ("技能合同成交额超过10亿元", "技术合同成交额超过10亿元"),
        ("技能合同", "技术合同"),
        ("技术条约成交额", "技术合同成交额"),
        ("技能合同挂号额", "技术合同登记额"),
        ("技术合同买卖额", "技术合同交易额"),
        ("高新技能", "高新技术"),
        ("造就高新技能企业超1900家", "造就高新技术企业超1900家"),
        ("形成23条家当链", "形成23条产业链"),
        ("八大家当集群", "八大产业集群"),
        ("硅基新材料家当园", "硅基新材料产业园"),
        ("计策性新兴家当", "战略性新兴产业"),
        ("计谋性新兴家产", "战略性新兴产业"),
        ("准东经济技能开拓区", "准东经济技术开发区"),
        ("哈密高新技能家当开拓区", "哈密高新技术产业开发区"),
        ("准东开拓区是新疆唯一", "准东开发区是新疆唯一"),
        ("园区(开拓区)高质量发展", "园区(开发区)高质量发展"),
        ("研发经费插手增长30%", "研发经费投入增长30%"),
        ("全社会研发经费插手增进30%", "全社会研发经费投入增长30%"),
        ("企业技能中央398个", "企业技术中心398个"),
        ("纺织服装百口当链", "纺织服装全产业链"),
        ("构建当代化家当体系", "构建现代化产业体系"),
        ("特色上风家当", "特色优势产业"),
        ("狠抓项目培植", "狠抓项目建设"),
        ("高技能制造业增加值", "高技术制造业增加值"),
        ("Ｒ＆Ｄ经费插手", "Ｒ＆Ｄ经费投入"),
        ("总量到达280家", "总量达到280家"),
        ("技能合同成交额凌驾10亿元", "技术合同成交额超过10亿元"),
        ("增长6%摆布", "增长6%左右"),
    ],
)
def test_spun_compounds_are_restored(spun: str, expected: str) -> None:
    assert normalise_spun(spun) == expected


@pytest.mark.parametrize(
    "text",
    ["当代文学", "培养人才", "增加收入", "家当被烧光了", "高技能人才", "技能人才", "职业技能培训", "开拓区域市场",
     "开拓区外市场", "到达现场", "左右摆布", "打破常规", "国度", "前辈们", "目的是", "方针政策", "买卖公平", "上风口"],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert normalise_spun(text) == text


def test_spun_seed_normalises() -> None:
    text = SPUN_SEED.read_text(encoding="utf-8")
    assert "经济技能开拓区" in text and "计策性新兴家当" in text and "高新技能企业" in text
    normalised = normalise_spun(text)
    assert len(normalised) == len(text)
    for spun in ("经济技能开拓区", "计策性新兴家当", "高新技能企业", "家当链", "高新技能家当开拓区"):
        assert spun not in normalised
    start = text.index("高新技能企业超1900家")
    assert normalised[start:start + 6] == "高新技术企业"
    found = {indicator.id for _s, _e, indicator in load_catalogue().find_all(normalised)}
    assert {"high_tech_enterprises", "key_laboratories", "enterprise_tech_centers", "fixed_asset_investment"} <= found


SPUN_PIECES = ["家当", "技能", "开拓区", "计策性", "新兴", "插手", "条约", "摆布", "到达", "区域", "百口当链",
               "Ｒ＆Ｄ", "“", "”", "28", "%", "高新", "经济", "园", "链", "集群", "企业", "中央", "当代", "增进"]


@given(st.lists(st.one_of(st.sampled_from(SPUN_PIECES), st.text(max_size=3)), max_size=30))
def test_length_is_always_preserved(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert len(normalise_spun(text)) == len(text)


@given(st.text(alphabet="的是在了和有为年月日一二三四五六七八九十0123456789，。、%亿元家个", max_size=200))
def test_text_without_spun_words_is_unchanged(text: str) -> None:
    assert normalise_spun(text) == text


def test_variants_include_chains() -> None:
    synonyms = {"产业": ("家当",), "全家": ("百口",)}
    assert spun_variants("全产业链", synonyms) == {"全家当链", "百口当链"}


def test_rules_keep_only_variants_that_are_not_ordinary_words() -> None:
    config = {"synonyms": {"产业": ["家当"], "技术": ["技能"]}, "ordinary_words": ["技能人才"]}
    table = build_spin_table(config, ["产业链", "技术人才", "技术企业"])
    assert table.rules == {"家当链": "产业链", "技能企业": "技术企业"}


def test_rules_that_change_length_are_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        build_spin_table({"synonyms": {"设施": ["举动步伐"]}}, ["基础设施"], where="spin.yaml")
    assert str(caught.value) == ("spin.yaml: synonyms: '设施' -> '举动步伐' changes the length; "
                                 "only same-length pairs keep offsets valid.")


def test_every_generated_rule_keeps_length() -> None:
    table = load_spin_table()
    assert len(table.rules) > 500
    assert all(len(spun) == len(original) and spun != original for spun, original in table.rules.items())


def test_project_catalogue_extends_the_rules(tmp_path: Path) -> None:
    (tmp_path / "catalogue.yaml").write_text("""
indicators:
  - id: tech_brokers
    name: 技术经纪人数
    name_en: Technology brokers
    uom: 人
    metric: level
    category: 科技创新
""", encoding="utf-8")
    assert load_spin_table().normalise("技能经纪人数") == "技能经纪人数"
    assert load_spin_table(tmp_path).normalise("技能经纪人数") == "技术经纪人数"


def test_normalise_on_a_long_text_is_the_same_text_normalised_piece_by_piece() -> None:
    # Speed is measured by benchmarks/extract_speed.py, not asserted here.
    text = SPUN_SEED.read_text(encoding="utf-8")
    assert normalise_spun(text) != text
    assert normalise_spun(text * 50) == normalise_spun(text) * 50

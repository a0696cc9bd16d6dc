"""The indicator catalogue: data validity, alias lookups, family variants, project overrides, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tracker.errors import ConfigError
from tracker.extract.catalogue import Catalogue, load_catalogue
from tracker.models import METRICS


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_package_catalogue_is_large_and_valid(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 70
    for indicator in catalogue:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", indicator.id)
        assert indicator.metric in METRICS
        assert indicator.direction in ("up", "down")
        assert indicator.name and indicator.name_en and indicator.uom and indicator.category_en
        if indicator.metric in ("growth", "share", "change"):
            assert indicator.uom == "%", indicator.id
        if indicator.family is not None:
            root = catalogue.get(indicator.family)
            assert root.metric == "level"
            assert catalogue.variant(root, indicator.metric) is indicator


def test_every_name_and_alias_matches_its_own_indicator(catalogue: Catalogue) -> None:
    for indicator in catalogue:
        for phrase in (indicator.name, *indicator.aliases):
            assert catalogue.match(phrase) is indicator, phrase


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("高新技术企业", "high_tech_enterprises"),
        ("高企", "high_tech_enterprises"),
        ("高新企业", "high_tech_enterprises"),
        ("国家高新技术企业", "high_tech_enterprises"),
        ("高新技术企业总量", "high_tech_enterprises"),
        ("入库科技型中小企业", "tech_smes"),
        ("科小企业", "tech_smes"),
        ("科技型中小企业评价入库", "tech_smes"),
        ("技术合同成交额", "tech_contract_turnover"),
        ("技术合同交易额", "tech_contract_turnover"),
        ("技术合同登记额", "tech_contract_turnover"),
        ("技术市场成交额", "tech_contract_turnover"),
        ("兰州地区技术合同成交额", "tech_contract_turnover"),
        ("全社会研发经费投入", "rd_spending"),
        ("R&D经费", "rd_spending"),
        ("R&D经费支出", "rd_spending"),
        ("Ｒ＆Ｄ经费支出", "rd_spending"),
        ("r&d经费投入", "rd_spending"),
        ("研究与试验发展经费", "rd_spending"),
        ("研发投入", "rd_spending"),
        ("全社会研发经费投入增长", "rd_spending_growth"),
        ("研发投入增速", "rd_spending_growth"),
        ("研发投入强度", "rd_intensity"),
        ("R&D经费投入强度", "rd_intensity"),
        ("研发投入占GDP比重", "rd_intensity"),
        ("社会研发经费投入占GDP比重", "rd_intensity"),
        ("全社会研发经费投入占地区生产总值的比重", "rd_intensity"),
        ("高新技术产业产值占全市规上工业总产值的比重", "high_tech_industry_output_share"),
        ("城乡居民人均可支配收入增长", "disposable_income_growth"),
        ("市级以上创新平台", "innovation_platforms"),
        ("自治区重点实验室", "key_laboratories"),
        ("工程技术研究中心", "engineering_research_centers"),
        ("新型研发机构", "new_rd_institutions"),
        ("众创空间", "maker_spaces"),
        ("每万人口高价值发明专利拥有量", "high_value_patents_per_10k"),
        ("专精特新“小巨人”企业", "little_giants"),
        ('专精特新"小巨人"企业', "little_giants"),
        ("国家级专精特新小巨人企业", "little_giants"),
        ("专精特新企业", "srdi_smes"),
        ("省级瞪羚企业", "gazelle_enterprises"),
        ("潜在独角兽企业", "potential_unicorns"),
        ("科创板上市企业", "star_market_listings"),
        ("战新产业产值", "sei_output"),
        ("战略性新兴产业增加值占GDP比重", "sei_value_added_share"),
        ("综合科技进步水平指数", "tech_progress_index"),
        ("规上工业增加值增速", "industrial_value_added_above_scale_growth"),
        ("规上工业增加值同比增长", "industrial_value_added_above_scale_growth"),
        ("规模以上工业增加值", "industrial_value_added_above_scale"),
        ("固投", "fixed_asset_investment"),
        ("固定资产投资同比增长", "fixed_asset_investment_growth"),
        ("社零总额", "retail_sales"),
        ("地区生产总值", "gdp"),
        ("GDP增速", "gdp_growth"),
        ("招商引资到位资金", "investment_funds_received"),
        ("实际利用外资", "fdi"),
        ("城镇调查失业率", "surveyed_unemployment_rate"),
        ("居民人均可支配收入增长", "disposable_income_growth"),
        ("单位地区生产总值能耗下降", "energy_intensity_change"),
        ("细颗粒物（PM2.5）平均浓度", "pm25_concentration"),
        ("空气质量优良天数比例", "good_air_days"),
        ("  “森林覆盖率” ", "forest_coverage"),
    ],
)
def test_match_real_phrasings(catalogue: Catalogue, phrase: str, expected: str) -> None:
    found = catalogue.match(phrase)
    assert found is not None and found.id == expected


@pytest.mark.parametrize(
    "phrase",
    ["高新技术", "科技型企业", "技术合同", "技术攻关", "研发团队", "新质生产力", "营商环境", "专利", "实验室",
     "产业集群", "新兴产业", "平台经济", "工业园区", "人才", "经济", ""],
)
def test_near_misses_do_not_match(catalogue: Catalogue, phrase: str) -> None:
    assert catalogue.match(phrase) is None


def test_variant_walks_the_family(catalogue: Catalogue) -> None:
    spending = catalogue.get("rd_spending")
    assert catalogue.variant(spending, "growth").id == "rd_spending_growth"
    assert catalogue.variant(spending, "share").id == "rd_intensity"
    assert catalogue.variant(catalogue.get("rd_intensity"), "level") is spending
    assert catalogue.variant(catalogue.get("rd_spending_growth"), "share").id == "rd_intensity"
    assert catalogue.variant(catalogue.get("high_tech_enterprises"), "growth") is None
    assert catalogue.get("energy_intensity_change").direction == "down"


def test_find_all_is_leftmost_longest(catalogue: Catalogue) -> None:
    text = ("力争今年高新技术企业总量达280家，入库科技型中小企业260家以上；市级以上创新平台达到110家，"
            "技术合同成交额超过10亿元，全社会研发经费投入增长30%，全社会研发经费投入占GDP比重达2.43%。")
    found = [(text[start:end], start, indicator.id) for start, end, indicator in catalogue.find_all(text)]
    assert found == [
        ("高新技术企业", 4, "high_tech_enterprises"),
        ("入库科技型中小企业", 18, "tech_smes"),
        ("市级以上创新平台", 34, "innovation_platforms"),
        ("技术合同成交额", 49, "tech_contract_turnover"),
        ("全社会研发经费投入增长", 63, "rd_spending_growth"),
        ("全社会研发经费投入占GDP比重", 78, "rd_intensity"),
    ]


def test_find_all_accepts_width_and_quote_variants(catalogue: Catalogue) -> None:
    text = "培育国家级专精特新“小巨人”企业5家，ＧＤＰ增长6%"
    found = [(text[start:end], indicator.id) for start, end, indicator in catalogue.find_all(text)]
    assert found == [("国家级专精特新“小巨人”企业", "little_giants"), ("ＧＤＰ增长", "gdp_growth")]


def test_find_all_on_a_long_text_finds_every_copy(catalogue: Catalogue) -> None:
    # Extraction speed, this scan included, is measured by benchmarks/extract_speed.py: no timing
    # assertions in tests (the machine is shared; a loaded one failed a speed check here).
    text = (SEEDS / "乌鲁木齐高新区-产业链动春潮涌.txt").read_text(encoding="utf-8")
    once = [(start, end, indicator.id) for start, end, indicator in catalogue.find_all(text)]
    big = [(start, end, indicator.id) for start, end, indicator in catalogue.find_all(text * 200)]  # about 2 MB
    assert once and big == [(start + copy * len(text), end + copy * len(text), found)
                            for copy in range(200) for start, end, found in once]


def _write(folder: Path, body: str) -> Path:
    path = folder / "catalogue.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_project_catalogue_overrides_and_extends(tmp_path: Path, catalogue: Catalogue) -> None:
    _write(tmp_path, """
indicators:
  - id: high_tech_enterprises
    uom: 个
    aliases: [高技企业]
  - id: broadband_users
    name: 宽带用户数
    name_en: Broadband subscribers
    aliases: [固定宽带用户]
    uom: 万户
    metric: level
    category: 民生
""")
    merged = load_catalogue(tmp_path)
    assert len(merged) == len(catalogue) + 1
    hte = merged.get("high_tech_enterprises")
    assert hte.uom == "个"
    assert hte.name == "高新技术企业数"
    assert "高企" in hte.aliases and "高技企业" in hte.aliases
    assert merged.match("高技企业") is hte
    added = merged.match("固定宽带用户")
    assert added is not None and added.id == "broadband_users" and added.category_en == "Livelihoods and employment"
    assert load_catalogue(tmp_path.parent / "no-such-project").get("high_tech_enterprises").uom == "家"


NEW = "  - id: broadband_users\n    name: 宽带用户数\n    name_en: Broadband\n    uom: 万户\n    category: 民生\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("indicators:\n" + NEW + "    metric: rate\n",
         "indicator 'broadband_users', field 'metric': must be one of level, growth, share, change, found 'rate'."),
        ("indicators:\n" + NEW + "    metric: level\n    aliases: [高企]\n",
         "indicator 'broadband_users', field 'aliases': '高企' already names indicator 'high_tech_enterprises'; "
         "a name or alias may name only one indicator."),
        ("indicators:\n  - id: broadband_users\n    name_en: Broadband\n    uom: 万户\n    metric: level\n    category: 民生\n",
         "indicator 'broadband_users', field 'name': missing; every indicator needs name, name_en, uom, metric, category."),
        ("indicators:\n" + NEW + "    metric: growth\n    family: broadband\n",
         "indicator 'broadband_users', field 'family': no indicator has id 'broadband'."),
        ("indicators:\n" + NEW + "    metric: level\n    direction: sideways\n",
         "indicator 'broadband_users', field 'direction': must be up or down, found 'sideways'."),
        ("indicators:\n" + NEW + "    metric: level\n    unit: 户\n",
         "indicator 'broadband_users', field 'unit': unknown field; known fields are id, name, name_en, uom, metric, "
         "category, aliases, direction, family, category_en."),
        ("indicators:\n  - id: Broadband-Users\n    name: 宽带用户数\n",
         "indicator 'Broadband-Users', field 'id': must be snake_case ASCII such as rd_spending_growth."),
        ("indicators:\n" + NEW.replace("民生", "通信") + "    metric: level\n",
         "indicator 'broadband_users', field 'category': '通信' is not in the categories table; add it there or give category_en."),
        ("indicators:\n  - name: 宽带用户数\n",
         "indicator #1 has no id. Give every indicator an 'id' such as rd_spending."),
        ("- just a list\n",
         "expected a mapping with an 'indicators' list. See the package catalogue.yaml for the format."),
    ],
)
def test_invalid_project_catalogue_names_file_indicator_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        load_catalogue(tmp_path)
    assert str(caught.value) == f"{path}: {message}"

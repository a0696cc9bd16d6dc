"""Lists (分别, ranges, 其中), hard figures (两亿, 近3成, 千亿级) and the precision rules: every
record names a catalogue indicator or a measurable quantity; fragments, actions, ranks, firsts,
durations, counts of documents or meetings and figures of one project give no record.

Each case is (sentence, expected records as (indicator, value, uom, comparator, metric)); the
document is a city's 2024 work report, so the unit is 宜昌市 and undated figures are this
year's targets. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from tracker.extract import phrases
from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes

LISTS = [
    ("城镇居民、农村居民人均可支配收入分别增长5.1%和6.9%。",
     [("城镇居民人均可支配收入增速", 5.1, "%", "=", "growth"),
      ("农村居民人均可支配收入增速", 6.9, "%", "=", "growth")]),
    ("城镇和农村常住居民人均可支配收入分别达到4.8万元、2.1万元，分别增长5%、7%。",
     [("城镇居民人均可支配收入", 4.8, "万元", ">=", "level"),
      ("农村居民人均可支配收入", 2.1, "万元", ">=", "level"),
      ("城镇居民人均可支配收入增速", 5, "%", "=", "growth"),
      ("农村居民人均可支配收入增速", 7, "%", "=", "growth")]),
    ("进出口总额、出口、进口分别增长12%、15%、8%。",
     [("外贸进出口总额增速", 12, "%", "=", "growth"), ("出口增速", 15, "%", "=", "growth"),
      ("进口增速", 8, "%", "=", "growth")]),
    ("工业、建筑业增加值分别增长7.2%、5.5%。",
     [("工业增加值增速", 7.2, "%", "=", "growth"), ("建筑业增加值增速", 5.5, "%", "=", "growth")]),
    ("财政总收入、一般公共预算收入分别完成86亿元和52亿元。",
     [("财政总收入", 86, "亿元", "=", "level"), ("一般公共预算收入", 52, "亿元", "=", "level")]),
    ("光学器件、智能装备等行业产值分别增长9%、13%。",
     [("光学器件行业产值增速", 9, "%", "=", "growth"), ("智能装备行业产值增速", 13, "%", "=", "growth")]),
    ("农业、物流和文化旅游产业的投资分别增长四成、百分之二十和百分之十八。",
     [("农业投资增速", 40, "%", "=", "growth"), ("物流投资增速", 20, "%", "=", "growth"),
      ("文化旅游产业投资增速", 18, "%", "=", "growth")]),
    ("存款、贷款余额增速分别提高1.2个、0.8个百分点。",
     [("金融机构本外币存款余额增速", 1.2, "个百分点", "=", "change"),
      ("金融机构本外币贷款余额增速", 0.8, "个百分点", "=", "change")]),
    # paired heads: 城乡, 进出口, 存贷款, 一二三产业 name their parts in order
    ("城乡居民人均可支配收入分别增长5.2%和7.6%。",
     [("城镇居民人均可支配收入增速", 5.2, "%", "=", "growth"),
      ("农村居民人均可支配收入增速", 7.6, "%", "=", "growth")]),
    ("城乡居民人均可支配收入分别达到4.8万元、2.1万元，增长5%、7%。",
     [("城镇居民人均可支配收入", 4.8, "万元", ">=", "level"),
      ("农村居民人均可支配收入", 2.1, "万元", ">=", "level"),
      ("城镇居民人均可支配收入增速", 5, "%", "=", "growth"),
      ("农村居民人均可支配收入增速", 7, "%", "=", "growth")]),
    ("进出口分别增长10%和8%。", [("出口增速", 10, "%", "=", "growth"), ("进口增速", 8, "%", "=", "growth")]),
    ("一二三产业增加值分别增长3%、6%、7%。",
     [("第一产业增加值增速", 3, "%", "=", "growth"), ("第二产业增加值增速", 6, "%", "=", "growth"),
      ("服务业增加值增速", 7, "%", "=", "growth")]),
    ("城乡居民人均可支配收入增长6%。", [("居民人均可支配收入增速", 6, "%", "=", "growth")]),
    # ranges and breakdowns
    ("地区生产总值增长6%-6.5%，新建省级以上创新平台3—5个。",
     [("地区生产总值增速", 6, "%", "=", "growth"), ("新增创新平台数", 3, "个", "=", "level")]),
    ("全市高新技术企业达到1200家，其中新认定310家。",
     [("高新技术企业数", 1200, "家", ">=", "level"), ("新增高新技术企业数", 310, "家", "=", "level")]),
    # changes and names carried over from the clause before
    ("技术合同成交额从180亿元增加到320亿元。", [("技术合同成交额", 320, "亿元", "=", "level")]),
    ("规模以上工业增加值增速由负转正，增长3%以上。", [("规模以上工业增加值增速", 3, "%", ">=", "growth")]),
    ("民营经济增加值增长7%，占比达51.5%。",
     [("民营经济增加值增速", 7, "%", "=", "growth"), ("民营经济占GDP比重", 51.5, "%", ">=", "share")]),
    ("产业项目完成投资259.2亿元。", [("产业项目投资", 259.2, "亿元", "=", "level")]),
    ("固定资产投资同比增长12%，两年平均增长9%。",
     [("固定资产投资增速", 12, "%", "=", "growth"), ("固定资产投资增速", 9, "%", "=", "growth")]),
    # counted things after the number
    ("标准厂房等16个项目开工建设，某某等14个项目建成投产。",
     [("项目开工建设", 16, "个", "=", "level"), ("项目建成投产", 14, "个", "=", "level")]),
    ("形成10个以上千亿级战略性新兴产业集群。", [("千亿级战略性新兴产业集群", 10, "个", ">=", "level")]),
    ("国内行业龙头企业12家，企业数量增长率为49.4%。",
     [("国内行业龙头企业", 12, "家", "=", "level"), ("企业数量增长率", 49.4, "%", "=", "growth")]),
    # multiples as written
    ("加工贸易进出口值增长5.8倍，力争地区生产总值翻一番。",
     [("加工贸易进出口值增速", 5.8, "倍", "=", "growth"), ("地区生产总值", 2, "倍", "=", "share")]),
    # hard figures
    ("一般公共预算收入突破两亿元，民营经济占比近3成。",
     [("一般公共预算收入", 2, "亿元", ">", "level"), ("民营经济占GDP比重", 30, "%", "~", "share")]),
    ("培育2个千亿级产业集群和5个百亿级产业园区。",
     [("千亿级产业集群", 2, "个", "=", "level"), ("百亿级产业园区", 5, "个", "=", "level")]),
    # direction down: never read as GDP growth
    ("单位地区生产总值二氧化碳排放降低3.8%，单位工业增加值能耗下降4.1%。",
     [("单位GDP二氧化碳排放降低率", -3.8, "%", "<=", "growth"), ("单位工业增加值能耗降低率", -4.1, "%", "<=", "growth")]),
    ("单位国内生产总值能耗降低2.5%左右。",
     [("单位GDP能耗降低率", -2.5, "%", "~", "growth")]),
]

TRAPS = [
    "今年营商环境评价排名全省第3位，连续三年保持全省前列。",   # ranks and streaks
    "全国首个数据交易所在本市挂牌。",                           # a first
    "会上提出努力打造“三大中心”，出台支持政策12条，召开推进会议8次。",  # actions, documents, meetings
    "项目总投资50亿元，规划用地面积300亩，建成后年税收2亿元。",  # one project
    "企业开办时间压缩至1个工作日，审批时限缩短到5天。",          # durations
    "该公司去年营业收入突破80亿元，员工3000余人。",              # one company
    "重点做好10个方面工作，继续安排20件民生实事。",              # counts of tasks
]


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def _records(sentence: str, knowledge):
    text = f"宜昌市2024年政府工作报告\n发布时间：2024-01-10\n{sentence}\n"
    prepared = prepare_document(read_bytes(text.encode("utf-8"), "case.txt"))
    return extract(prepared, *knowledge).records


@pytest.mark.parametrize(("sentence", "expected"), LISTS, ids=[case[0][:20] for case in LISTS])
def test_each_value_goes_to_its_own_indicator(sentence, expected, knowledge):
    records = _records(sentence, knowledge)
    got = [(r.indicator, r.value, r.uom, r.comparator, r.metric) for r in records]
    assert got == [(name, pytest.approx(value), uom, cmp, metric) for name, value, uom, cmp, metric in expected]
    assert {r.unit for r in records} == {"宜昌市"}


@pytest.mark.parametrize("sentence", TRAPS, ids=[trap[:16] for trap in TRAPS])
def test_traps_give_no_record(sentence, knowledge):
    assert [(r.indicator, r.value, r.uom) for r in _records(sentence, knowledge)] == []


def test_the_catalogue_holds_the_headline_indicators_of_work_reports():
    catalogue = load_catalogue()
    assert len(catalogue) >= 200
    for phrase, expected in [("社零", "社会消费品零售总额"), ("一般预算收入", "一般公共预算收入"),
                             ("全口径财政收入", "财政总收入"), ("外贸进出口", "外贸进出口总额"),
                             ("实际使用外资", "实际利用外资"), ("CPI", "居民消费价格涨幅"),
                             ("研发经费投入强度", "研发投入强度"), ("有效发明专利", "发明专利拥有量"),
                             ("规上工业增加值", "规模以上工业增加值"), ("城镇登记失业率", "城镇登记失业率")]:
        assert catalogue.match(phrase).name == expected, phrase
    down = catalogue.match("单位国内生产总值二氧化碳排放降低")
    assert (down.direction, down.metric) == ("down", "growth")
    assert catalogue.match("单位国内生产总值能耗").direction == "down"


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [("会上提出努力打造", "a phrase running across clauses"), ("方面", "a fragment of a clause"),
     ("全国首个", "a rank or a first"), ("连续三年保持", "a rank or a first"),
     ("分别增速", "a fragment of a clause"), ("和7家", "a fragment with a number in it"), ("盘活用好闲置厂房", "an action, not a quantity"),
     ("主要建设任务", "a count of documents, meetings or tasks"), ("总投资", "a measure of one project"),
     ("占比", "a fragment of a clause"), ("投资", "not a measurable quantity"), ("新款轿车", "not a measurable quantity"),
     ("千亿级产业集群和5个百亿级园区", "a fragment with a number in it")],
)
def test_phrases_that_are_not_indicators_say_why(phrase, reason):
    assert phrases.rejection(phrase) == reason


@pytest.mark.parametrize("phrase", ["绿色工厂", "新建改建农村公路", "硕士以上学历人才", "招商引资到位资金", "跨境电商交易额",
                                    "集成电路产业规模占全省比重", "省级以上研发机构"])
def test_noun_phrases_naming_quantities_are_indicators(phrase):
    assert phrases.rejection(phrase) is None


QUALIFIED = [
    ("到2025年，绿色矿业营业收入达到1万亿元。", [("绿色矿业营业收入", 1, "万亿元", ">=", "level")]),
    ("全年户籍人均生产总值12万元，增长4.8%。",
     [("户籍人均生产总值", 12, "万元", "=", "level"), ("户籍人均生产总值增速", 4.8, "%", "=", "growth")]),
    ("今年主要预期目标是经济增长6.5%左右。", [("地区生产总值增速", 6.5, "%", "~", "growth")]),
    ("第三产业占GDP比重为52%。", [("服务业增加值占GDP比重", 52, "%", "=", "share")]),
    ("第三产业在GDP中占比52%，实现增加值50亿元。",
     [("服务业增加值占GDP比重", 52, "%", "=", "share"), ("服务业增加值", 50, "亿元", "=", "level")]),
    ("完成服务业增加值434亿元，占国内生产总值比重达43.5%。",
     [("服务业增加值", 434, "亿元", "=", "level"), ("服务业增加值占GDP比重", 43.5, "%", ">=", "share")]),
]


@pytest.mark.parametrize(("sentence", "expected"), QUALIFIED, ids=[case[0][:20] for case in QUALIFIED])
def test_a_generic_measure_of_a_part_is_the_part_s_own_indicator(sentence, expected, knowledge):
    test_each_value_goes_to_its_own_indicator(sentence, expected, knowledge)


def test_a_share_keeps_its_whole_phrase_as_written(knowledge):
    [record] = _records("战略性新兴产业增加值占地区生产总值比重力争达到17%。", knowledge)
    assert (record.indicator, record.indicator_text) == ("战略性新兴产业增加值占GDP比重", "战略性新兴产业增加值占地区生产总值比重")


def test_a_project_s_own_catalogue_aliases_are_undone_in_spun_copies_too(tmp_path):
    from tracker.extract.run import Knowledge, extract_files

    (tmp_path / "catalogue.yaml").write_text(
        "indicators:\n"
        "  - id: hydrogen_output\n"
        "    name: 氢能产业产值\n"
        "    name_en: Output of the hydrogen industry\n"
        "    aliases: [氢能产业总产值]\n"
        "    uom: 亿元\n"
        "    metric: level\n"
        "    category: 产业发展\n", encoding="utf-8")
    doc = tmp_path / "宜昌市2024年政府工作报告.txt"
    doc.write_text("发布时间：2024-01-10\n宜昌市今年氢能家当总产值达到50亿元。\n", encoding="utf-8")
    knowledge = Knowledge.load(tmp_path)
    [(_prepared, extraction)], skipped = extract_files([(doc, doc.name)], knowledge)
    assert skipped == []
    assert [(r.indicator_id, r.indicator, r.value) for r in extraction.records] == [("hydrogen_output", "氢能产业产值", 50)]
    assert extraction.records[0].indicator_text == "氢能家当总产值"


def test_a_list_of_units_gives_each_unit_its_value(knowledge):
    records = _records("武汉市、襄阳市、宜昌市地区生产总值分别增长5.1%、6.2%、6.8%。", knowledge)
    assert [(r.unit, r.indicator, r.value) for r in records] == [
        ("武汉市", "地区生产总值增速", 5.1), ("襄阳市", "地区生产总值增速", 6.2), ("宜昌市", "地区生产总值增速", 6.8)]

"""One sentence per situation, exactly as the shipped templates word it (tracker/render/memo/facts.py)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.memo_ledgers import Q3, YEAR_END, actual, target
from tracker.assess.status import assess
from tracker.config import Project, Settings
from tracker.render import RenderContext
from tracker.render.memo.context import Counts, count, situation
from tracker.render.memo.facts import describe
from tracker.render.memo.markup import parse
from tracker.render.memo.templates import environment

UNIT = "甲区"


def render(project, lang: str, call: str, **values) -> str:
    """The text a memo line `{{ say.<call> }}` becomes."""
    env = environment(project.template_source, lang)
    source = f'{{% import "sentences_{lang}.j2" as say %}}{{{{ say.{call} }}}}'
    (block,) = parse(env.from_string(source).render(**values))
    return block.text


def facts(t, value, as_of=Q3, lang="zh", settings=None):
    settings = settings or Settings()
    figure = None if value is None else actual(t.unit, t.indicator, value, as_of)
    return describe(assess(t, figure, as_of, settings), RenderContext(settings, lang), UNIT)


@pytest.fixture
def project(tmp_path):
    return Project.at(tmp_path)


CASES = [
    # (target, actual value, as of, Chinese sentence, English sentence)
    (target(UNIT, "技术合同成交额", 10, ">", uom="亿元"), 6.2, Q3,
     "技术合同成交额完成6.2亿元，完成年度目标（超过10亿元）的62.0%，低于序时进度13.0个百分点。",
     "技术合同成交额: CNY 620 million so far, 62.0% of the annual target (more than CNY 1 billion), "
     "13.0 pp behind time progress."),
    (target(UNIT, "全社会研发经费投入", 30, metric="growth", uom="%"), 24.5, Q3,
     "全社会研发经费投入增长24.5%，低于目标增速5.5个百分点。",
     "全社会研发经费投入: grew 24.5%, 5.5 pp below the target growth rate."),
    (target(UNIT, "高新技术企业", 280), None, Q3,
     "高新技术企业尚未填报完成情况。", "高新技术企业: no figure has been reported yet."),
    (target(UNIT, "高新技术企业", 280, stretch_value=300), 280.2, Q3,
     "高新技术企业完成280.2家，已提前完成年度目标（280家以上），完成率100.1%，距力争目标（300家）尚差19.8家。",
     "高新技术企业: 280.2 so far, meeting the annual target (at least 280) ahead of time, 100.1% complete, "
     "19.8 short of the stretch goal (300)."),
    (target(UNIT, "高新技术企业", 280, stretch_value=300), 300, Q3,
     "高新技术企业完成300家，已提前完成年度目标（280家以上），完成率107.1%，并已达到力争目标（300家）。",
     "高新技术企业: 300 so far, meeting the annual target (at least 280) ahead of time, 107.1% complete, "
     "also meeting the stretch goal (300)."),
    (target(UNIT, "科技型中小企业", 500), 401, Q3,
     "科技型中小企业完成401家，完成年度目标（500家以上）的80.2%，高于序时进度5.2个百分点。",
     "科技型中小企业: 401 so far, 80.2% of the annual target (at least 500), 5.2 pp ahead of time progress."),
    (target(UNIT, "科技型中小企业", 500), 375.2, Q3,    # 75.04% against 75%: rounds to level
     "科技型中小企业完成375.2家，完成年度目标（500家以上）的75.0%，与序时进度持平。",
     "科技型中小企业: 375.2 so far, 75.0% of the annual target (at least 500), in line with time progress."),
    (target(UNIT, "技术合同成交额", 5, uom="亿元"), 4.1, YEAR_END,
     "技术合同成交额完成4.1亿元，完成年度目标（5亿元以上）的82.0%，未完成年度目标。",
     "技术合同成交额: CNY 410 million so far, 82.0% of the annual target (at least CNY 500 million); "
     "the target was missed."),
    (target(UNIT, "技术合同成交额", 5, uom="亿元"), 5.5, YEAR_END,
     "技术合同成交额完成5.5亿元，已完成年度目标（5亿元以上），完成率110.0%。",
     "技术合同成交额: CNY 550 million so far, meeting the annual target (at least CNY 500 million), "
     "110.0% complete."),
    (target(UNIT, "高新技术企业", 500, period_start=date(2021, 1, 1), period_end=date(2025, 12, 31)), 420, Q3,
     "高新技术企业完成420家，完成目标（500家以上）的84.0%，高于序时进度9.0个百分点。",
     "高新技术企业: 420 so far, 84.0% of the target (at least 500), 9.0 pp ahead of time progress."),
    (target(UNIT, "重点实验室", 20, "~", uom="个"), 19, Q3,
     "重点实验室完成19个，与年度目标（20个左右）基本持平。",
     "重点实验室: 19 so far, broadly in line with the annual target (about 20)."),
    (target(UNIT, "新增孵化器", 0, uom="个"), 2, Q3,
     "新增孵化器完成2个，年度目标为0个以上。", "新增孵化器: 2 so far (annual target: at least 0)."),
    (target(UNIT, "能源消费总量", 100, "<=", uom="万吨标准煤"), 60, Q3,
     "能源消费总量年度目标控制在100万吨标准煤以内，目前为60万吨标准煤，占控制目标的60.0%，低于序时进度15.0个百分点。",
     "能源消费总量: annual target at most 1 million tce; currently 600,000 tce, 60.0% of the cap, "
     "15.0 pp behind time progress."),
    (target(UNIT, "能源消费总量", 50, "<=", uom="万吨标准煤"), 55, Q3,
     "能源消费总量年度目标控制在50万吨标准煤以内，目前为55万吨标准煤，已超出控制目标5万吨标准煤。",
     "能源消费总量: annual target at most 500,000 tce; currently 550,000 tce, 50,000 tce over the cap."),
    (target(UNIT, "能源消费总量", 40, "<=", uom="万吨标准煤"), 38.5, YEAR_END,
     "能源消费总量年度目标控制在40万吨标准煤以内，全年为38.5万吨标准煤，已完成控制目标。",
     "能源消费总量: annual target at most 400,000 tce; for the period 385,000 tce, within the cap."),
    (target(UNIT, "城镇调查失业率", 5.5, "<=", metric="share", uom="%"), 5.2, Q3,
     "城镇调查失业率年度目标控制在5.5%以内，目前为5.2%，低于控制目标0.3个百分点。",
     "城镇调查失业率: annual target at most 5.5%; currently 5.2%, 0.3 pp below the cap."),
    (target(UNIT, "城镇调查失业率", 5.5, "<=", metric="share", uom="%"), 5.9, Q3,
     "城镇调查失业率年度目标控制在5.5%以内，目前为5.9%，高于控制目标0.4个百分点。",
     "城镇调查失业率: annual target at most 5.5%; currently 5.9%, 0.4 pp above the cap."),
    (target(UNIT, "研发投入强度", 2.3, metric="share", uom="%"), 2.4, Q3,
     "研发投入强度达到2.4%，高于目标0.1个百分点。", "研发投入强度: stood at 2.4%, 0.1 pp above the target."),
    (target(UNIT, "高新技术产业增加值占比", 1, metric="change", uom="个百分点"), 0.8, Q3,
     "高新技术产业增加值占比提高0.8个百分点，低于目标0.2个百分点。",
     "高新技术产业增加值占比: rose 0.8 pp, 0.2 pp below the target."),
    (target(UNIT, "规上工业增加值", 6, "~", metric="growth", uom="%"), 6.3, Q3,
     "规上工业增加值增长6.3%，与目标（增长6%左右）基本持平。",
     "规上工业增加值: grew 6.3%, broadly in line with the target (growth of about 6%)."),
    (target(UNIT, "全社会研发经费投入", 10, metric="growth", uom="%"), 10, YEAR_END,
     "全社会研发经费投入增长10%，达到目标增速，已完成年度目标。",
     "全社会研发经费投入: grew 10%, in line with the target growth rate, meeting the annual target."),
    (target(UNIT, "出口总额", 5, metric="growth", uom="%"), -2, Q3,
     "出口总额下降2%，低于目标增速7.0个百分点。", "出口总额: fell 2%, 7.0 pp below the target growth rate."),
    (target(UNIT, "地区生产总值增速", 6, metric="growth", uom="%"), 5.2, Q3,
     "地区生产总值增速为5.2%，低于目标增速0.8个百分点。",
     "地区生产总值增速: stood at 5.2%, 0.8 pp below the target growth rate."),
    (target(UNIT, "单位GDP能耗", -3, "=", metric="growth", uom="%", direction="down"), -4, Q3,
     "单位GDP能耗下降4%，降幅超过目标1.0个百分点。", "单位GDP能耗: fell 4%, a decline 1.0 pp larger than targeted."),
    (target(UNIT, "单位GDP能耗", -3, "=", metric="growth", uom="%", direction="down"), -2.5, Q3,
     "单位GDP能耗下降2.5%，降幅低于目标0.5个百分点。",
     "单位GDP能耗: fell 2.5%, a decline 0.5 pp smaller than targeted."),
    (target(UNIT, "单位GDP能耗", -2, "=", metric="growth", uom="%", direction="down"), 1.5, YEAR_END,
     "单位GDP能耗增长1.5%，未实现下降2%的年度目标。",
     "单位GDP能耗: grew 1.5%, missing the annual target (decline of 2%)."),
]


@pytest.mark.parametrize(("t", "value", "as_of", "zh", "en"), CASES, ids=[c[3][:14] for c in CASES])
def test_indicator_sentences(project, t, value, as_of, zh, en):
    assert render(project, "zh", "indicator(s)", s=facts(t, value, as_of)) == zh
    assert render(project, "en", "indicator(s)", s=facts(t, value, as_of, "en")) == en


def test_brief_sentences(project):
    t = target(UNIT, "技术合同成交额", 10, ">", uom="亿元")
    assert render(project, "zh", "brief(s)", s=facts(t, 6.2)) == (
        "技术合同成交额（滞后）：完成6.2亿元，完成年度目标（超过10亿元）的62.0%，低于序时进度13.0个百分点。")
    assert render(project, "en", "brief(s)", s=facts(t, 6.2, lang="en")) == (
        "技术合同成交额 (behind): CNY 620 million so far, 62.0% of the annual target (more than CNY 1 billion), "
        "13.0 pp behind time progress.")


def counts(**given: int) -> Counts:
    """Counts as context.count makes them, from status codes."""
    statuses = [code for code, number in given.items() for _ in range(number)]
    fake = [type("S", (), {"code": code})() for code in statuses]
    return count(fake, "zh")


LABELS = {"zh": Settings().labels["zh"], "en": Settings().labels["en"]}
AS_OF = "2024年9月30日"


@pytest.mark.parametrize(("given", "zh", "en"), [
    ({"achieved": 1, "on_schedule": 2, "behind": 1, "not_reported": 1},
     "纳入跟踪的年度量化目标共5项，已填报完成情况4项、尚未填报1项。从已填报情况看，目标任务总体有序推进："
     "已完成1项、序时推进2项，达到序时进度的合计3项、占已填报指标的75.0%；滞后1项，占25.0%。",
     "5 annual quantitative targets are tracked, 4 with reported figures and 1 not reported yet. Progress is "
     "broadly on course: 1 achieved and 2 on schedule, 3 on track in all (75.0% of those reported); 1 behind (25.0%)."),
    ({"ahead": 1, "behind": 1, "seriously_behind": 2},
     "纳入跟踪的年度量化目标共4项，均已填报完成情况。从已填报情况看，目标任务推进不够理想，滞后指标多于达到序时进度的指标："
     "超序时1项，占已填报指标的25.0%；滞后1项、严重滞后2项，合计3项、占75.0%。",
     "4 annual quantitative targets are tracked, all with reported figures. Progress is unsatisfactory, with more "
     "targets behind than on track: 1 ahead of schedule, 1 on track in all (25.0% of those reported); 1 behind and "
     "2 seriously behind (75.0%)."),
    ({"ahead": 2, "on_schedule": 1},
     "纳入跟踪的年度量化目标共3项，均已填报完成情况。从已填报情况看，各项指标均达到序时进度，整体推进较好，其中超序时2项、序时推进1项。",
     "3 annual quantitative targets are tracked, all with reported figures. Every reported target keeps pace with "
     "time progress: 2 ahead of schedule and 1 on schedule."),
    ({"achieved": 3}, "纳入跟踪的年度量化目标共3项，均已填报完成情况。已填报的指标均已完成目标，整体推进较好。",
     "3 annual quantitative targets are tracked, all with reported figures. Every reported target has been achieved."),
    ({"not_reported": 1}, "纳入跟踪的年度量化目标共1项，截至2024年9月30日均未填报完成情况，完成进度暂无法评估。",
     "1 annual quantitative target is tracked; as of 2024年9月30日 none has a reported figure, so progress cannot "
     "be assessed yet."),
    ({}, "暂无设定完成时限的年度量化目标。", "No annual quantitative target with a deadline is being tracked."),
])
def test_overview_is_worded_by_situation_and_leaves_out_zero_counts(project, given, zh, en):
    c = counts(**given)
    for lang, expected in (("zh", zh), ("en", en)):
        assert render(project, lang, "overview(c, labels, situation, as_of)", c=c, labels=LABELS[lang],
                      situation=situation(c), as_of=AS_OF) == expected


def test_overview_across_units(project):
    c = counts(achieved=1, behind=2)
    assert render(project, "zh", 'overview(c, labels, situation, as_of, "3个单位")', c=c, labels=LABELS["zh"],
                  situation=situation(c), as_of=AS_OF) == (
        "3个单位纳入跟踪的年度量化目标共3项，均已填报完成情况。从已填报情况看，目标任务推进不够理想，滞后指标多于达到序时进度的指标："
        "已完成1项，占已填报指标的33.3%；滞后2项，占66.7%。")
    assert render(project, "en", "overview(c, labels, situation, as_of, 3)", c=c, labels=LABELS["en"],
                  situation=situation(c), as_of=AS_OF) == (
        "The 3 units track 3 annual quantitative targets, all with reported figures. Progress is unsatisfactory, "
        "with more targets behind than on track: 1 achieved, 1 on track in all (33.3% of those reported); "
        "2 behind (66.7%).")


def test_unreported_targets_are_named_in_one_sentence(project):
    items = [facts(target(UNIT, name, 10), None) for name in ("高新技术企业", "专精特新企业", "新型研发机构")]
    assert render(project, "zh", "missing(items, 5)", items=items) == (
        "以下3项指标尚未填报完成情况：高新技术企业、专精特新企业、新型研发机构。需督促责任单位按要求及时报送。")
    assert render(project, "zh", "missing(items, 3)", items=items) == (
        "以下3项指标均尚未填报完成情况：高新技术企业、专精特新企业、新型研发机构。需督促责任单位按要求及时报送。")
    assert render(project, "zh", "missing(items[:1], 3)", items=items) == (
        "高新技术企业尚未填报完成情况，需督促责任单位按要求及时报送。")


def test_labels_follow_the_settings_in_the_memo_language():
    settings = Settings(labels={"zh": {"behind": "欠进度"}, "en": {"behind": "Lagging"}})
    t = target(UNIT, "技术合同成交额", 10, ">", uom="亿元")
    status = assess(t, actual(UNIT, t.indicator, 6.2), Q3, settings, lang="zh")
    assert describe(status, RenderContext(settings, "zh"), UNIT).label == "欠进度"
    assert describe(status, RenderContext(settings, "en"), UNIT).label == "Lagging"


def test_figures_are_worded_from_decimal_values():
    item = facts(target(UNIT, "高新技术企业", 300.3, uom="家", stretch_value=310.1), 280.2)
    assert (item.completion, item.time_gap, item.stretch_short, item.vs_time) == ("93.3%", "18.3个百分点", "29.9家", "above")
    assert item.situation == "level"
    rate = facts(target(UNIT, "研发投入", 0.3, metric="growth", uom="%"), 0.1 + 0.2)
    assert (rate.vs_target, rate.target_gap, rate.actual) == ("level", "0.0个百分点", "0.3%")


def test_a_difference_of_exactly_half_a_tenth_rounds_up_like_the_figure():
    item = facts(target(UNIT, "科技型中小企业", 500), 375.25)       # 75.05% against 75%
    assert (item.vs_time, item.time_gap) == ("above", "0.1个百分点")

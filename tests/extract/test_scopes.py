"""Kind and year set by structure: introducers over lists, headings over bullets, reviews."""

from __future__ import annotations

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.scopes import Scopes
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def records_of(text: str, knowledge) -> list[tuple]:
    prepared = prepare_document(read_bytes(text.encode("utf-8"), "case.txt"))
    return [(r.kind, r.value, r.uom, r.year) for r in extract(prepared, *knowledge).records]


def test_an_introducer_makes_every_item_of_its_paragraph_a_target(knowledge):
    text = ("发布时间：2024-01-20\n宜昌市市长作政府工作报告。今年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%，"
            "招商引资到位资金增长10%。一般公共预算收入增长5%；城镇新增就业4万人，城镇调查失业率控制在5.5%以内，"
            "粮食产量稳定在120万吨。\n")
    got = records_of(text, knowledge)
    assert [kind for kind, *_ in got] == ["target"] * 6, got
    assert {year for *_, year in got} == {2024}


def test_comparison_bases_do_not_undo_an_introducer(knowledge):
    text = "发布时间：2024-01-20\n宜昌市2024年发展的主要目标为：地区生产总值比上年增长6%，规上工业增加值同比增长8%。\n"
    assert [kind for kind, *_ in records_of(text, knowledge)] == ["target", "target"]


def test_an_introducer_ending_its_line_governs_the_bullet_lines_below_it(knowledge):
    text = ("发布时间：2025-01-18\n宜昌市政府工作报告提出，今年主要预期目标是：\n"
            "——地区生产总值增长6%左右；\n——固定资产投资增长8%；\n——城镇新增就业3万人以上。\n"
            "2024年，宜昌市完成地区生产总值6100亿元。\n")
    got = records_of(text, knowledge)
    assert got[:3] == [("target", 6, "%", 2025), ("target", 8, "%", 2025), ("target", 3, "万人", 2025)]
    assert got[3] == ("actual", 6100, "亿元", 2024)


def test_headings_over_bullets_set_kind_and_year_until_the_next_heading(knowledge):
    text = ("发布时间：2025-01-20\n襄阳市政府工作报告要点\n"
            "2024年成绩单\n地区生产总值增长5.8%；\n规上工业增加值增长7%；\n"
            "2025年经济社会发展的主要预期目标\n地区生产总值增长6%左右；\n一般公共预算收入增长4%；\n")
    got = records_of(text, knowledge)
    assert got == [("actual", 5.8, "%", 2024), ("actual", 7, "%", 2024),
                   ("target", 6, "%", 2025), ("target", 4, "%", 2025)], got


def test_a_review_section_with_a_past_year_gives_its_year_to_full_year_figures(knowledge):
    text = ("发布时间：2019-02-16\n进贤县政府工作报告\n一、砥砺奋进，2018年迈出坚实步伐\n"
            "过去一年，全县经济稳中有进。全年实现地区生产总值120亿元，增长8%。\n"
            "（一）产业提质。新增规模以上工业企业20家。\n"
            "二、2019年工作安排\n全县地区生产总值增长7.5%。\n")
    got = records_of(text, knowledge)
    assert got == [("actual", 120, "亿元", 2018), ("actual", 8, "%", 2018), ("actual", 20, "家", 2018),
                   ("target", 7.5, "%", 2019)], got


def test_provisional_year_end_figures_in_a_review_are_achievements(knowledge):
    text = ("发布时间：2023-12-28\n宜昌市2023年工作总结\n预计全年地区生产总值增长6.5%，"
            "初步统计，社会消费品零售总额增长9%。\n")
    assert records_of(text, knowledge) == [("actual", 6.5, "%", 2023), ("actual", 9, "%", 2023)]


def test_a_plan_that_says_预计_about_the_future_stays_a_goal(knowledge):
    text = "发布时间：2023-03-01\n宜昌市新能源产业项目推进方案\n预计到2025年，全市新能源产业产值达到800亿元。\n"
    assert records_of(text, knowledge) == [("target", 800, "亿元", 2025)]


def test_bullet_headings_are_top_level_headings():
    text = "■ 2024年成绩单\n地区生产总值增长5.8%\n■ 2025年主要预期目标\n地区生产总值增长6%\n"
    scopes = Scopes(text, 2025)
    assert scopes.at(text.index("地区")) == ("actual", 2024)
    assert scopes.at(text.rindex("地区")) == ("target", 2025)


def test_a_list_item_with_a_figure_is_not_a_heading():
    text = "1. 地区生产总值增长6%\n2. 2024年工作安排\n"
    scopes = Scopes(text, 2024)
    assert [(s.kind, s.year, s.rank) for s in scopes.scopes] == [("target", 2024, 3)]


def test_a_heading_ends_at_the_next_heading_of_its_rank_not_at_a_sub_heading():
    text = "一、2023年工作回顾\n（一）产业发展\n数据\n二、深化改革\n数据\n"
    scopes = Scopes(text, 2024)
    assert scopes.at(text.index("（一）") + 6) == ("actual", 2023)
    assert scopes.at(text.index("二、") + 6) == (None, None)


def test_a_goal_with_no_deadline_is_long_term_not_this_years_target(knowledge):
    text = ("发布时间：2024-02-01\n宜昌高新区2024年工作要点\n聚力打造新能源千亿级产业集群、生物医药百亿级产业集群。"
            "到2025年，培育3个千亿级产业集群。全年规上工业增加值增长8%。\n")
    prepared = prepare_document(read_bytes(text.encode("utf-8"), "case.txt"))
    got = [(r.value, r.uom, r.period, "long_term" in r.flags) for r in extract(prepared, *knowledge).records]
    assert got == [(1000, "亿元", "open", True), (100, "亿元", "open", True),
                   (3, "个", None, False), (8, "%", "2024-01/2024-12", False)], got


@pytest.mark.parametrize(("text", "expected"), [
    # the last year named in the paragraph frames 全年; a comparison base never does
    ("发布时间：2024-01-20\n宜昌市2023年经济运行情况\n刚刚过去的一年，宜昌市预计全年地区生产总值增长6%。\n",
     [("actual", 6, "%", 2023)]),
    ("发布时间：2021-07-01\n截至2020年末，宜昌市地区生产总值完成4200亿元，是2015年的1.3倍；"
     "一般公共预算收入完成200亿元。\n",
     [("actual", 4200, "亿元", 2020), ("actual", 1.3, "倍", 2020), ("actual", 200, "亿元", 2020)]),
    ("发布时间：2021-10-13\n1-8月，宜昌高新区工业总产值完成800亿元，同比增长30%，较2019年同期增长50%。\n",
     [("actual", 800, "亿元", 2021), ("actual", 30, "%", 2021)]),
    # no date: a text saying 今年 that tells 2023 as a finished year was written in 2024
    ("宜昌高新区经济运行\n2023年，宜昌高新区完成地区生产总值900亿元。今年一季度，宜昌高新区地区生产总值增长9%。\n",
     [("actual", 900, "亿元", 2023), ("actual", 9, "%", 2024)]),
    # no date: "实现“十四五”圆满收官" is written in 2025
    ("宜昌市经济工作会议\n会议强调，要实现“十四五”圆满收官。前三季度，宜昌市地区生产总值增长6%。\n",
     [("actual", 6, "%", 2025)]),
])
def test_the_year_a_figure_belongs_to(text, expected, knowledge):
    assert records_of(text, knowledge) == expected


def test_the_one_look_for_a_heading_mark_finds_a_line_any_of_the_marks_finds():
    from tracker.extract.scopes import _ANY_MARK, _MARKS

    lines = ["一、2025年主要目标", "  （二）重点任务", "3. 地区生产总值", "(4)项目", "①新增", "■ 成绩单", "第一部分 回顾",
             "全市增长5%", "", "  ", "十一五", "12、", "（十）", "一是", "★", "\u3000二、目标"]
    for line in lines:
        assert bool(_ANY_MARK.match(line)) == any(p.match(line) for _, p in _MARKS), line
    assert sum(bool(_ANY_MARK.match(line)) for line in lines) >= 9


def test_a_short_line_ending_in_a_colon_before_trailing_spaces_introduces_the_lines_below():
    # The line's end is found in place, past its trailing spaces, as stripping a copy finds it.
    for ending in ("：", ":", "：  ", "：\u3000\t", " ："):
        text = f"2024年工作安排\n围绕上述目标，明年我们将重点抓好以下工作{ending}\n1. 地区生产总值增长6%\n"
        scopes = Scopes(text, 2024)
        line_end = text.index("作" + ending) + 1 + len(ending.rstrip())
        assert any(s.how == "introducer" and s.start == line_end for s in scopes.scopes), repr(ending)
    plain = Scopes("围绕上述目标，明年我们将重点抓好以下工作\n1. 地区生产总值增长6%\n", 2024)
    assert not any(s.how == "introducer" for s in plain.scopes)


def test_only_lines_an_introducer_is_found_in_or_across_are_searched_and_they_give_every_introducer(monkeypatch):
    from tracker.extract import scopes

    text = ("2024年工作回顾\n主要成效是：全市增长5%\n今年主要预期目标是\n：地区生产总值增长6%\n重点任务为\n"
            "一、2025年目标任务\n发展目标：\n1. 新增企业30家\n主要工作及成效是： \n没有引导语的一行\n预期目标为7%")
    lines = scopes._lines(text)
    holding = scopes._lines_holding_introducers(text, lines)
    assert holding is not None and 0 < len(holding) < len(lines)
    assert {2, 3} <= holding and 9 not in holding   # 目标是 on one line, its colon on the next: both searched
    fast = Scopes(text, 2024).scopes
    monkeypatch.setattr(scopes, "_lines_holding_introducers", lambda text, lines: None)
    assert Scopes(text, 2024).scopes == fast and any(s.how == "introducer" for s in fast)


@pytest.mark.parametrize("source, sees_past", [
    ("目标(?!任务)", True), ("目标$", True), (r"目标\b", True), (r"(目)\1", True),
    ("目标(?=是)", False), ("(?<!主要)目标", False), ("^目标", False), ("目标[:：]", False),
])
def test_a_pattern_sees_past_its_match_only_through_negative_look_aheads_ends_and_references(source, sees_past):
    import re

    from tracker.extract.prefilter import sees_past_its_match

    assert sees_past_its_match(re.compile(source)) is sees_past

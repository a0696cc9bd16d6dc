"""The memo's wording by situation (golden text), and the points issue 13 found in generated memos.

丁区: nothing reported, two long-term goals, five targets stated by one sentence of a titled, dated
document; 戊区: every target ahead of schedule, its document without a title; 己区: far behind.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.helpers.memo_ledgers import (
    UNIT_D,
    UNIT_E,
    UNIT_F,
    check_golden,
    context,
    dump,
    situation_reports,
)
from tracker.assess.status import unit_reports
from tracker.config import Project, Settings
from tracker.render.memo.write import write_overall_memo, write_unit_memo


@pytest.fixture(scope="module")
def memos(tmp_path_factory) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("situations")
    project = Project.at(root)
    reports = situation_reports()
    found = {}
    for lang in ("zh", "en"):
        ctx = context(project, lang, {"科技创新": "Science, technology and innovation"})
        for unit in (UNIT_D, UNIT_E, UNIT_F):
            path = root / lang / f"{unit}.docx"
            write_unit_memo(ctx, reports[unit], path)
            found[f"{lang}/{unit}"] = dump(path)
        path = root / lang / "overall.docx"
        write_overall_memo(ctx, [reports[u] for u in sorted(reports)], path)
        found[f"{lang}/overall"] = dump(path)
    return found


def text(memo: dict) -> list[str]:
    return [line for _style, line in memo["paragraphs"]]


def section(memo: dict, heading_end: str) -> list[str]:
    """The body paragraphs under the first-level heading that ends with `heading_end`."""
    lines, inside = [], False
    for style, line in memo["paragraphs"]:
        if style == "Heading 1":
            inside = line.endswith(heading_end)
        elif inside and style == "Normal":
            lines.append(line)
    return lines


@pytest.mark.parametrize("name", ["zh/丁区", "zh/戊区", "zh/己区", "zh/overall", "en/丁区", "en/戊区", "en/overall"])
def test_situation_memos_match_golden(memos, name):
    lang, unit = name.split("/")
    situation = {UNIT_D: "nothing_reported", UNIT_E: "all_ahead", UNIT_F: "far_behind"}.get(unit, unit)
    check_golden(f"memo_situation_{lang}_{situation}", memos[name])


def test_nothing_reported_says_so_once_and_never_that_nothing_lags(memos):
    memo = memos["zh/丁区"]
    lines = text(memo)
    assert not any("未出现滞后" in line for line in lines)
    assert sum("尚未填报" in line for line in lines) == 1
    assert section(memo, "需要关注的事项") == [
        "以下5项指标均尚未填报完成情况：全社会研发经费投入、技术合同成交额、新增专精特新企业、科技型中小企业、高新技术企业。"
        "需督促责任单位按要求及时报送。"]
    assert lines[1] == "（截至2024年9月30日，序时进度75.0%）"
    table = memo["tables"][0]
    assert table[0] == ["指标", "年度目标", "状态"]   # no empty 实际完成, 完成率, 序时进度 columns


def test_long_term_goals_have_their_own_section_without_time_progress(memos):
    memo = memos["zh/丁区"]
    assert section(memo, "长期目标") == ["以下2项目标未明确完成时限，按长期目标跟踪，不计算序时进度和完成状态。"]
    long_term = memo["tables"][1]
    assert long_term == [["目标", "目标值"], ["新能源新材料千亿级产业集群", "1000亿元以上"],
                         ["生物医药百亿级产业集群", "100亿元以上"]]
    annual = [row[0] for row in memo["tables"][0]]
    assert "新能源新材料千亿级产业集群" not in annual
    assert "共5项" in text(memo)[3]


def test_one_source_sentence_is_quoted_once_with_its_five_targets_and_the_document_title(memos):
    memo = memos["zh/丁区"]
    assert section(memo, "目标来源") == [
        "全社会研发经费投入、技术合同成交额、新增专精特新企业、科技型中小企业、高新技术企业5项："
        "“力争今年高新技术企业达到300家，科技型中小企业500家以上；技术合同成交额超过12亿元，"
        "全社会研发经费投入增长20%，新增‘专精特新’企业30家”（《丁区2024年政府工作报告》，2024年1月20日）。",
        "新能源新材料千亿级产业集群、生物医药百亿级产业集群2项：“全力打造新能源新材料千亿级产业集群、生物医药百亿级产业集群”"
        "（《丁区2024年政府工作报告》，2024年1月20日）。"]
    # Without a title the file name is cited.
    assert section(memos["zh/戊区"], "目标来源")[0].endswith("”（戊区/会议新闻.txt）。")


def test_quotes_are_printed_with_full_width_marks_unnested_and_one_full_stop(memos):
    for name, memo in memos.items():
        for line in text(memo):
            if "“" in line:
                quoted = line.split("“", 1)[1].split("”", 1)[0]
                assert "“" not in quoted and "”" not in quoted, (name, line)
                if name.startswith("zh/"):
                    assert "," not in quoted and ";" not in quoted, (name, line)
            assert "。”（" not in line and "。。" not in line, (name, line)


def test_all_ahead_is_praised_and_points_to_keeping_pace(memos):
    memo = memos["zh/戊区"]
    assert section(memo, "总体情况") == [
        "纳入跟踪的年度量化目标共5项，均已填报完成情况。从已填报情况看，各项指标均达到序时进度，整体推进较好，其中超序时5项。"]
    assert section(memo, "需要关注的事项") == ["已填报的指标均未出现滞后。"]
    assert any(line.startswith("一是巩固成效、持续用力。") for line in section(memo, "下一步工作"))


def test_overall_memo_names_the_unit_far_behind_and_does_not_rank_units_without_figures(memos):
    memo = memos["zh/overall"]
    ranking = memo["tables"][0]
    assert [row[1] for row in ranking[1:]] == [UNIT_E, UNIT_F]
    ranking_text = section(memo, "各单位完成情况排名")
    assert ranking_text[0].endswith("丁区尚未填报任何完成情况，未参与排名。")
    assert ranking_text[1].startswith("己区推进明显滞后，平均完成率")
    assert memo["paragraphs"][0] == ["Title", "2024年科技创新目标任务进展总体情况"]
    assert section(memos["en/overall"], "Ranking of units")[1].startswith("己区 is far behind: its average completion")


def test_overall_title_covers_every_year_it_includes(tmp_path):
    reports = situation_reports()
    earlier = [dataclasses.replace(s.target, year=2023, unit="庚区") for s in reports[UNIT_E].statuses[:1]]
    older = unit_reports(earlier, [], reports[UNIT_E].as_of, Settings())
    path = tmp_path / "overall.docx"
    write_overall_memo(context(Project.at(tmp_path)), [reports[UNIT_E], *older], path)
    assert dump(path)["paragraphs"][0] == ["Title", "2023—2024年科技创新目标任务进展总体情况"]


def test_a_unit_with_only_long_term_goals_gets_no_annual_sections(tmp_path):
    reports = situation_reports()
    only_long = dataclasses.replace(reports[UNIT_D], statuses=())
    path = tmp_path / "memo.docx"
    write_unit_memo(context(Project.at(tmp_path)), only_long, path)
    memo = dump(Path(path))
    assert [line for style, line in memo["paragraphs"] if style == "Heading 1"] == ["一、总体情况", "二、长期目标", "三、目标来源"]
    assert memo["paragraphs"][0] == ["Title", "丁区目标任务进展情况"]
    assert memo["paragraphs"][1] == ["Subtitle", "（截至2024年9月30日）"]


def test_the_chart_of_many_units_shows_the_thirty_with_the_lowest_completion(tmp_path, monkeypatch):
    import tracker.render.memo.write as write

    base = situation_reports()[UNIT_E]
    many = []
    for number in range(1, 41):   # 40 units: 第01区 completes 1/40 of each target, 第40区 all of it
        statuses = tuple(dataclasses.replace(s, completion=s.completion * number / 40) if s.completion is not None
                         else s for s in base.statuses)
        many.append(dataclasses.replace(base, unit=f"第{number:02d}区", statuses=statuses))
    drawn = []
    real = write.draw
    monkeypatch.setattr(write, "draw", lambda bars, *args: drawn.append(list(bars)) or real(bars, *args))
    for lang, caption in (("zh", "图1 平均完成率最低的30个单位的完成率与序时进度"),
                          ("en", "Figure 1. The 30 units with the lowest average completion, against time progress")):
        path = tmp_path / f"overall-{lang}.docx"
        write_overall_memo(context(Project.at(tmp_path), lang), many, path)
        assert caption in text(dump(path))
    assert [bar.label for bar in drawn[0]] == [f"第{number:02d}区" for number in range(30, 0, -1)]


def test_the_chart_of_a_few_units_shows_them_all(tmp_path):
    reports = situation_reports()
    path = tmp_path / "overall.docx"
    write_overall_memo(context(Project.at(tmp_path)), [reports[u] for u in sorted(reports)], path)
    assert "图1 各单位平均完成率与序时进度" in text(dump(path))

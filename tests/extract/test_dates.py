"""Time expressions, year resolution and document-date inference."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.dates import (
    TimeExpr,
    find_time_expressions,
    infer_document_date,
    period_of,
    plan_years,
    resolve_date,
    resolve_year,
)

D = datetime.date

# (text, expression text, kind, year, offset, months)
FOUND = [
    ("今年", "今年", "relative_year", None, 0, None),
    ("去年", "去年", "relative_year", None, -1, None),
    ("明年", "明年", "relative_year", None, 1, None),
    ("前年", "前年", "relative_year", None, -2, None),
    ("本年新增", "本年", "relative_year", None, 0, None),
    ("比上年增长", "上年", "relative_year", None, -1, None),
    ("2023年在科研创新方面", "2023年", "year", 2023, None, None),
    ("2023年度", "2023年度", "year", 2023, None, None),
    ("二〇二四年", "二〇二四年", "year", 2024, None, None),
    ("到2025年，达到", "到2025年", "deadline", 2025, None, None),
    ("至2025年", "至2025年", "deadline", 2025, None, None),
    ("2025年前完成", "2025年前", "deadline", 2025, None, None),
    ("2025年底前", "2025年底前", "deadline", 2025, None, None),
    ("到今年年底", "到今年年底", "deadline", None, 0, None),
    ("年底前完成", "年底前", "deadline", None, 0, None),
    ("年末达到", "年末", "deadline", None, 0, None),
    ("到“十四五”末", "到“十四五”末", "deadline", 2025, None, None),
    ("十四五期末", "十四五期末", "deadline", 2025, None, None),
    ("“十五五”末", "“十五五”末", "deadline", 2030, None, None),
    ("“十四五”时期", "“十四五”时期", "plan_period", 2025, None, None),
    ("今后五年", "今后五年", "plan_period", None, 0, None),
    ("2021—2025年", "2021—2025年", "plan_period", 2025, None, None),
    ("1—10月", "1—10月", "period", None, None, (1, 10)),
    ("1-10月", "1-10月", "period", None, None, (1, 10)),
    ("1至10月", "1至10月", "period", None, None, (1, 10)),
    ("1月至10月", "1月至10月", "period", None, None, (1, 10)),
    ("一至十月", "一至十月", "period", None, None, (1, 10)),
    ("前三季度", "前三季度", "period", None, None, (1, 9)),
    ("上半年", "上半年", "period", None, None, (1, 6)),
    ("下半年", "下半年", "period", None, None, (7, 12)),
    ("一季度", "一季度", "period", None, None, (1, 3)),
    ("第二季度", "第二季度", "period", None, None, (4, 6)),
    ("全年实现", "全年", "period", None, None, (1, 12)),
    ("前两个月", "前两个月", "period", None, None, (1, 2)),
    ("截至目前，全区", "截至目前", "period", None, None, None),
    ("截至9月底", "截至9月底", "period", None, None, (1, 9)),
    ("截至2023年底", "截至2023年底", "period", 2023, None, (1, 12)),
    ("今年1—10月，全区完成", "今年1—10月", "period", None, 0, (1, 10)),
    ("2023年前三季度", "2023年前三季度", "period", 2023, None, (1, 9)),
    ("今年一季度", "今年一季度", "period", None, 0, (1, 3)),
    ("去年以来", "去年以来", "period", None, -1, None),
    ("今年6月", "今年6月", "date", None, 0, (6, 6)),
    ("12月17日", "12月17日", "date", None, None, (12, 12)),
    ("2024年3月5日", "2024年3月5日", "date", 2024, None, (3, 3)),
    ("2024年04月23日 02:23 兰州日报", "2024年04月23日", "date", 2024, None, (4, 4)),
    ("发布时间:2023-12-31 15:58:36", "2023-12-31", "date", 2023, None, (12, 12)),
    ("拟从2024年起", "2024年起", "year", 2024, None, None),
]


@pytest.mark.parametrize(("text", "quoted", "kind", "year", "offset", "months"), FOUND)
def test_find_time_expressions(
    text: str, quoted: str, kind: str, year: int | None, offset: int | None, months: tuple[int, int] | None,
) -> None:
    found = find_time_expressions(text)
    assert len(found) == 1, found
    e = found[0]
    assert (e.text, e.kind, e.year, e.offset, e.months) == (quoted, kind, year, offset, months)
    assert text[e.start:e.end] == e.text


def test_full_dates_carry_a_date_and_bare_ones_keep_month_and_day() -> None:
    [full] = find_time_expressions("2024年3月5日")
    [bare] = find_time_expressions("12月17日，项目联动试车")
    assert (full.date, full.month_day) == (D(2024, 3, 5), (3, 5))
    assert (bare.date, bare.month_day) == (None, (12, 17))


NOT_TIME = [
    "十四届全国人大", "党的二十大", "十五个项目", "规模以上年营业收入", "九五折", "三个月", "0931-8159799",
    "20多个", "2023年2月30日", "1号IDC", "第一批", "13-15个", "一二三四年", "〇〇〇〇年",
    "实行统一月度考核",
]


@pytest.mark.parametrize("text", NOT_TIME)
def test_find_time_expressions_ignores_non_time(text: str) -> None:
    assert [e.text for e in find_time_expressions(text)] == []


def test_a_year_span_does_not_cross_a_line_break() -> None:
    assert [(e.text, e.kind) for e in find_time_expressions("2021\n—2025年")] == [("2025年", "year")]


def test_time_of_year_end_is_not_a_bound_after_shi_zhi() -> None:
    # 时至年底 ("now, at year end") keeps 至 out of the expression.
    [e] = find_time_expressions("时至年底，项目现场一片忙碌")
    assert (e.text, e.kind, e.offset) == ("年底", "deadline", 0)


@pytest.mark.parametrize(("number", "years"), [(14, (2021, 2025)), (15, (2026, 2030)), (13, (2016, 2020)),
                                               (9, (1996, 2000)), (1, (1953, 1957))])
def test_plan_years(number: int, years: tuple[int, int]) -> None:
    assert plan_years(number) == years


@pytest.mark.parametrize(("text", "doc_year", "year"), [
    ("今年", 2024, 2024), ("去年", 2024, 2023), ("明年", 2024, 2025), ("前年", 2024, 2022),
    ("2023年", 2030, 2023), ("“十四五”末", 2023, 2025), ("今后五年", 2023, 2027), ("1—10月", 2023, 2023),
    ("截至目前", 2023, 2023), ("年底前", 2023, 2023), ("今年", None, None),
])
def test_resolve_year(text: str, doc_year: int | None, year: int | None) -> None:
    [e] = find_time_expressions(text)
    assert resolve_year(e, doc_year) == year


@pytest.mark.parametrize(("text", "year", "period"), [
    ("1—10月", 2023, "2023-01/2023-10"), ("前三季度", 2023, "2023-01/2023-09"), ("上半年", 2024, "2024-01/2024-06"),
    ("一季度", 2024, "2024-01/2024-03"), ("全年", 2023, "2023-01/2023-12"), ("截至9月底", 2023, "2023-01/2023-09"),
    ("2022年前三季度", 2023, "2022-01/2022-09"), ("今年6月", 2024, "2024-06/2024-06"),
    ("今年", 2024, None), ("到2025年", 2024, None), ("截至目前", 2024, None), ("1—10月", None, None),
])
def test_period_of(text: str, year: int | None, period: str | None) -> None:
    [e] = find_time_expressions(text)
    assert period_of(e, year) == period


def test_resolve_date_takes_the_year_from_the_document() -> None:
    [bare] = find_time_expressions("12月17日")
    [leap_day] = find_time_expressions("2月29日")
    assert resolve_date(bare, 2023) == D(2023, 12, 17)
    assert resolve_date(leap_day, 2024) == D(2024, 2, 29)
    assert resolve_date(leap_day, 2023) is None
    assert find_time_expressions("2月30日") == []
    assert resolve_date(TimeExpr(0, 2, "今年", "relative_year", offset=0), 2023) is None


# --- infer_document_date -------------------------------------------------------------------

INFER = [
    ("征程万里风正劲\n2024年04月23日 02:23 兰州日报\n正文……", None, D(2024, 4, 23), 2024,
     "date 2024-04-23 on line 2 near the top"),
    ("江苏 > 正文\n标题\n发布时间:2023-12-31 15:58:36\n正文", None, D(2023, 12, 31), 2023,
     "date 2023-12-31 on line 3 near the top"),
    ("任何文字 2024年04月23日", D(2022, 5, 6), D(2022, 5, 6), 2022,
     "publication date given with the document (2022-05-06)"),
    ("该企业2023年在科研创新方面取得不俗的成绩。我们去年有两项获批。今年将继续。", None, None, 2024,
     "the text says 去年 and reports 2023 as past, so it was written in 2024"),
    ("2024年注定是向新而行的一年。今年的全国两会上……", None, None, 2024,
     "the text calls 2024 its year (2024年是…之年)"),
    ("时至年底，项目加快建设。今年1—10月完成投资。财政拟从2024年起逐步加大投入。", None, None, 2023,
     "the text announces a start in 2024 (从2024年起), so it was written in 2023"),
    ("2023年，地区生产总值预计达到1140.8亿元。2024年，兰白两区将围绕落实工作部署。", None, None, 2024,
     "the text plans for 2024 (\"2024年，…将…\")"),
    ("早在2006年，园区就将生物医药作为新兴产业。2018年后资本市场上市潮。", None, None, 2018,
     "weak guess: the latest year the text names is 2018"),
    ("今年，企业将继续深耕新药研发。", None, None, None, "no date or year found in the text"),
]


@pytest.mark.parametrize(("text", "published", "date", "year", "reason"), INFER)
def test_infer_document_date(
    text: str, published: datetime.date | None, date: datetime.date | None, year: int | None, reason: str,
) -> None:
    assert infer_document_date(text, published=published) == (date, year, reason)


def test_infer_document_date_ignores_related_news_and_copyright() -> None:
    text = (
        "Copyright © 2003-2025 某某网 版权所有\n"
        "2024年注定是向新而行的一年。\n"
        "相关新闻\n"
        "- 2026年03月11日【强信心】向市场化实体企业加速转型\n"
    )
    assert infer_document_date(text) == (None, 2024, "the text calls 2024 its year (2024年是…之年)")


def test_infer_document_date_skips_long_body_lines_with_event_dates() -> None:
    body = "2024年3月5日，习近平总书记在参加十四届全国人大二次会议江苏代表团审议时表示，要牢牢把握高质量发展这个首要任务。"
    assert infer_document_date("标题\n" + body)[0] is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(st.sampled_from(list("0123456789-—至到年月日底末前今去明本上下半全季度截目迄十四五“”第一二三〇零个，。 ")),
            max_size=40),
    st.text(max_size=40),
))
def test_find_time_expressions_never_raises_and_spans_quote_the_text(text: str) -> None:
    for e in find_time_expressions(text):
        assert text[e.start:e.end] == e.text
    infer_document_date(text)


def test_bases_decide_as_the_plain_check_does_and_confidence_scores_are_the_sixteen_of_the_rule():
    from tracker.extract import judgement
    from tracker.extract.timeexprs import find_time_expressions

    text = "较上年增长5%，比2019年同期增长3%，是2011年的1.37倍，2024年全市增长6%，为2020年的2倍，今年以来"
    bases = judgement.Bases(text)
    times = find_time_expressions(text)
    assert [bases(t) for t in times] == [judgement._is_base(t, text) for t in times] == [True, True, True, False, True, False]
    assert [bases(t) for t in times] == [judgement._is_base(t, text) for t in times]   # asked again
    for flags in range(16):
        no_indicator, no_cue, by_document, no_time = (bool(flags & bit) for bit in (1, 2, 4, 8))
        score = 0.95 - 0.3 * no_indicator
        score = score - 0.1 if no_cue else score
        score = score - 0.1 if by_document else score
        score = score - 0.05 if no_time else score
        assert judgement._score(no_indicator, no_cue, by_document, no_time) == round(max(0.05, score), 2)

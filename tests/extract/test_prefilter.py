"""The first-character guard: which patterns get one, and that it changes no match."""

from __future__ import annotations

import re

import pytest

from tracker.extract import quantities, timeexprs
from tracker.extract.prefilter import guarded, pair_guarded

TEXT = "全区比上年增长5%，去年新增企业30家；园区落地项目12个，科技园区入驻企业8家。\n截至目前已完成目标任务的80%"


@pytest.mark.parametrize("source, first", [
    (r"(?<![比较])去年|截至|(?<!完成)(?:主要|预期)目标", "主去截预"),
    (r"(?<![产工科技业物])园区", "园"),
    (r"(?:已|截至)?\w*完成", None),          # \w* before 完成: the first character is any letter
    (r"[^，。]{0,6}?目标", None),            # a negated class can start with anything
    (r"(?<=\d)家|(?:个|项)?", None),         # can match the empty string
    (r"(?i)(?<!a)kw", None),                 # case-insensitive: the variants are not listed
])
def test_the_guard_lists_the_characters_a_match_starts_with_or_leaves_the_pattern_alone(source, first):
    result = guarded(source)
    if first is None:
        assert result == source
    else:
        assert result == "(?=[" + "".join(sorted(first)) + "])(?:" + source + ")"


def test_spaces_and_digits_a_match_can_start_with_stay_in_the_guard_as_written():
    assert guarded(r"(?:已|截至)?\s*完成") == r"(?=[\s完已截])(?:(?:已|截至)?\s*完成)"
    assert guarded(r"(?:达到|为|\s|\d)+$") == r"(?=[\d\s为达])(?:(?:达到|为|\s|\d)+$)"
    text = "已完成， 完成\t完成 达到为 \n为5 截至完成"
    for source in (r"(?:已|截至)?\s*完成", r"(?:达到|为|\s|\d)+$", r"(?:达到|为|\s)+"):
        plain, fast = re.compile(source), re.compile(guarded(source))
        for position in range(len(text)):
            assert bool(fast.match(text, position)) == bool(plain.match(text, position))
            assert [m.span() for m in fast.finditer(text, position)] == [m.span() for m in plain.finditer(text, position)]


def test_patterns_that_re_already_skips_ahead_for_get_no_guard():
    for source in ("增长|下降", "[0-9]+家", "(?:力争|确保)达到"):
        assert guarded(source) == source


@pytest.mark.parametrize("source", [
    r"(?<![比较])(?:去年|上年)", r"(?<![产工科技业物])园区", r"(?<=[年月])以来|(?:比|较)上年(?:同期)?",
    r"(?<!完成)(?:主要|预期)?目标(?=是|为|[:：])|目标任务", r"(?:(?<![0-9])[1-9][0-9]?)(?:家|个)",
])
def test_a_guarded_pattern_finds_exactly_what_the_pattern_finds(source):
    assert guarded(source) != source
    plain, fast = re.compile(source), re.compile(guarded(source))
    assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
    for position in range(len(TEXT)):
        assert bool(fast.match(TEXT, position)) == bool(plain.match(TEXT, position))


@pytest.mark.parametrize("source, allowed, refused", [
    (r"前(?P<q>[一二三])季度|(?P<half>[上下])半年|全年", ["前三季度", "上半年", "全年"], ["前进", "上级", "全市"]),
    (r"(?<![0-9])[1-9][0-9]?(?:家|个)", ["5家", "12个"], ["5月", "ab"]),
    (r"年(?:底|末)?", ["年底", "年份"], ["底"]),        # 年 alone matches: any character may follow
    (r"[0-9]{2,}年|第?[一二]季度", ["20", "第一", "一季"], ["2年", "第三"]),
])
def test_the_pair_guard_lets_through_the_first_two_characters_of_every_match_only(source, allowed, refused):
    guard = re.compile(pair_guarded(source))
    assert [bool(guard.match(text)) for text in allowed] == [True] * len(allowed)
    assert [bool(guard.match(text)) for text in refused] == [False] * len(refused)


@pytest.mark.parametrize("source", [r"\d+家", r"[^，]{0,3}目标", r"(?:已)?\s*完成", r"(?i)kw", r"(个|项)?"])
def test_no_pair_guard_where_the_first_character_cannot_be_listed(source):
    assert pair_guarded(source) is None


def test_the_pair_guardedskipping_aheads_find_what_the_plain_patterns_find():
    text = TEXT + "2024年3月5日召开，1—10月，前三季度增长5.5%，“十四五”末，到2025年底，一是统一部署，进一步全市上半年5%-6%"
    for module in (quantities, timeexprs):
        plain = re.compile(module._RX.pattern, re.VERBOSE)
        for position in range(len(text)):
            found, expected = module._RX_AT_START.match(text, position), plain.match(text, position)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("source, flags", [
    (r"(?<![比较])(?:去年|上年)|截至", 0),
    (r"(?<!已)完成了?[^,，。；;]{0,6}?(?:目标任务|目标|任务)(?=\s*[0-9])", 0),   # overlapping tries: 完成…完成目标
    (r"(?:将|要)(?=\s*(?:力争|实现))|力争", 0),
    (r"^(?:指标|项目) +\S", re.MULTILINE),
    (r"(?<![产工科技业物])园区|开发区", 0),
])
def test_spans_of_a_guarded_pattern_are_those_finditer_gives(source, flags):
    from tracker.extract.prefilter import compile_guarded, skipping_ahead, spans

    pattern = compile_guarded(source, flags)
    assert skipping_ahead(pattern) is not None
    text = (TEXT + "\n完成完成目标任务80%，将力争，要 实现，将\n指标 单位\n项目  名称\n科技园区、开发区、园区开发区\n"
            "比上年，较去年，上年，去年截至截至，完成了目标 5，完成任务。目标9")
    for piece in (text, text[:1], "", "园", text + "园区"):
        assert spans(pattern, piece) == [m.span() for m in pattern.finditer(piece)]


def test_spans_falls_back_to_finditer_for_patterns_it_cannot_rewrite():
    from tracker.extract.prefilter import compile_guarded, skipping_ahead, spans

    for pattern in (compile_guarded(r"(?<!x)([“\"])十五\1"), re.compile("增长|下降"), re.compile(r"\d+")):
        assert skipping_ahead(pattern) is None
        text = "“十五”\"十五\"增长5下降12"
        assert spans(pattern, text) == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("module, extra", [
    (quantities, "2024年增长5.5%，5%-6%，近百人，超1900家，-3.2%，三分之一，1/3，翻一番，百分之十，千亿级产业集群，1,200万元"),
    (timeexprs, "2024年3月5日召开，1—10月，前三季度，“十四五”末，到2025年底，2023-12-31，今后五年，截至目前，去年以来，2021—2025年"),
])
def test_the_scanners_find_from_each_position_what_the_pair_guarded_patterns_find(module, extra):
    from tracker.extract.prefilter import WHOLE

    text = TEXT + extra
    for position in range(len(text)):
        found, expected = module._SCAN.search(text, position), module._RX_AT_START.search(text, position)
        assert (found is None) == (expected is None)
        if found is not None:
            assert found.span(WHOLE) == expected.span() and found.groupdict() == expected.groupdict()


def test_dates_with_one_separator_read_as_with_the_back_reference_they_were_written_with():
    # 2023-12-31: the separator after the month is the one before it, said without a back-reference.
    written = timeexprs._RX.pattern.replace(
        "[-/.](?P<im>", "(?P<isep>[-/.])(?P<im>").replace(timeexprs._SAME_SEPARATOR, "(?P=isep)")
    assert "(?P=isep)" in written
    old = re.compile(written, re.VERBOSE)
    text = ("2023-12-31，2023/1/5，2023.3.15，2023-3/5，2023/12-5，2023.1-2，2023-1.5，2023-12-3，2023-123-1，"
            "2023-10-10前，2024-2-30，1999/09/09以前，2023--1-1，2023-1-，2023.12.31之前，20231-1-1")
    for position in range(len(text)):
        found, expected = timeexprs._RX.match(text, position), old.match(text, position)
        assert (found is None) == (expected is None), text[position:position + 12]
        if found is not None:
            expected_groups = {k: v for k, v in expected.groupdict().items() if k != "isep"}
            assert found.span() == expected.span() and found.groupdict() == expected_groups


@pytest.mark.parametrize("source, ends", [
    (r"(占|高于|比|较|来自)$", "占于比较自"),
    (r"(?:目标|预期)值?(?:为|是)?[:：]?$", "标期值为是:："),
    (r"(?:截至|(?<![时长])至)$", "至"),
])
def test_end_characters_are_those_a_match_ending_at_the_end_can_end_with_and_a_line_end(source, ends):
    from tracker.extract.edgechars import end_chars

    assert end_chars(re.compile(source)) == frozenset(ends + "\n")


@pytest.mark.parametrize("source", [
    r"(占|比)$|高于",            # one alternative need not end at the end
    r"[^，。]{0,6}$",             # a negated class ends with anything
    r"(?:个|项)?$",               # can match the empty string
    r"(?m)(占|比)$",              # $ at every line end
    r"(?i)kw$",                   # case-insensitive: the variants are not listed
    r"\d$",
])
def test_no_end_characters_where_they_cannot_be_listed(source):
    from tracker.extract.edgechars import ANY_END, end_chars

    assert end_chars(re.compile(source)) is ANY_END


def test_a_search_ending_at_a_character_outside_the_end_characters_finds_nothing():
    from tracker.extract import cues, figures, naming, phrases, unitctx
    from tracker.extract.edgechars import ANY_END, end_chars, start_chars

    text = (TEXT + "较上年同比增长10%，超过全省1个百分点 ；目标值为：\n达到 年产能500吨，高于全国平均水平\n"
            "预计实现、比较、位于兰州新区，新增企业入驻 12家、完成年度目标任务的90%、其中国家级9个")
    patterns = [unitctx._COMPARISON, unitctx._LOCATED, quantities._PRE_RX, timeexprs._PRE_RX, cues._VERB_RE,
                cues._GROWTH_RE, figures._CAPACITY, figures._COMPLETION, naming.OBJECT_VERB, naming.TRAIL,
                phrases._HEAD_END, phrases._BAD_END, phrases._POLICY]
    for pattern in patterns:
        ends = end_chars(pattern)
        assert ends is not ANY_END, pattern.pattern
        for end in range(len(text) + 1):
            for start in range(max(0, end - 12), end + 1):
                if pattern.search(text, start, end):
                    assert text[end - 1:end] in ends, (pattern.pattern, text[start:end])
    for pattern in (unitctx._RANKED, naming._LEAD, phrases._BAD_START):
        starts = start_chars(pattern)
        assert starts is not ANY_END, pattern.pattern
        for at in range(len(text) + 1):
            if pattern.match(text, at):
                assert text[at:at + 1] in starts, (pattern.pattern, text[at:])


def test_start_characters_include_the_spaces_a_match_can_start_with():
    from tracker.extract.edgechars import ANY_END, start_chars

    assert start_chars(re.compile(r"\s*(?:一、|二、)")) >= {" ", "\u3000", "\t", "一", "二"}
    assert start_chars(re.compile(r"(?<=\d)家|个")) == frozenset("家个")
    for source in (r"\d+家", r"[^，]家", r"(?:个|项)?", r"(?i)kw"):
        assert start_chars(re.compile(source)) is ANY_END

"""The first-character guard: which patterns get one, and that it changes no match."""

from __future__ import annotations

import re

import pytest

from tracker.extract.prefilter import guarded

TEXT = "全区比上年增长5%，去年新增企业30家；园区落地项目12个，科技园区入驻企业8家。\n截至目前已完成目标任务的80%"


@pytest.mark.parametrize("source, first", [
    (r"(?<![比较])去年|截至|(?<!完成)(?:主要|预期)目标", "主去截预"),
    (r"(?<![产工科技业物])园区", "园"),
    (r"(?:已|截至)?\s*完成", None),          # \s* before 完成: the first character is any space
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

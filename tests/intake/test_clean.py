"""Cleaning the seeds: furniture and spam go, article sentences stay, offsets map back."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import SEEDS
from tracker.intake import prepare
from tracker.intake.clean import _TRANSLATE, clean

SEED_FILES = sorted(path.name for path in SEEDS.iterdir())

# What the seeds' publishers glued into the article text (tests may name seed text; the code may not).
INJECTED = {
    "乌鲁木齐高新区-产业链动春潮涌.txt": ["一竞技", "(图"],
    "江苏高新区-做强创新型产业集群.txt": ["a0g", "新江南网", "江南第一生活服务网站"],
}
# Lines from which the page footer starts (everything after is furniture).
FOOTER_STARTS = {
    "兰州新区-向新而生向质图强.txt": "版权声明",
    "兰白两区-征程万里风正劲.txt": "海量资讯、精准解读,尽在新浪财经APP",
    "江苏高新区-做强创新型产业集群.txt": "声明:",
}
FURNITURE = {
    "乌鲁木齐高新区-产业链动春潮涌.txt": ["新闻中心", "关注一竞技微信", "姬婷婷 摄"],
    "兰州新区-向新而生向质图强.txt": ["相关新闻", "0931-8159799", "记者 唐学仁", "版权"],
    "兰白两区-征程万里风正劲.txt": ["688530", "新浪", "VIP课程", "文/图"],
    "新疆工业园区-园区经济撑起新疆工业.txt": ["王强东 摄", "郭子毅摄", "□"],
    "江苏高新区-做强创新型产业集群.txt": ["首页 >", "字体:", "发布时间", "匿名评论", "条评论", "xjnnet"],
}


@pytest.fixture(scope="module")
def prepared():
    return {name: prepare(SEEDS / name, name) for name in SEED_FILES}


def _article_sentences(name: str) -> list[str]:
    """Long sentences of the original before its footer, with the injected spam taken out."""
    original = (SEEDS / name).read_text(encoding="utf-8").translate(_TRANSLATE)
    footer = FOOTER_STARTS.get(name)
    if footer:
        original = original[: original.index("\n" + footer)]
    for fragment in ("a0g新江南网| 江南第一生活服务网站", "一竞技下载", "一竞技官网"):
        original = original.replace(fragment, "")
    sentences = []
    for line in original.splitlines():
        line = re.sub(r" {2,}", " ", line.strip())
        if "摄" in line[-6:] or "(图" in line:
            continue
        sentences += [s for s in re.split(r"(?<=[。！？])", line) if len(s) >= 20 and s[-1] in "。！？"]
    return sentences


@pytest.mark.parametrize("name", SEED_FILES)
def test_article_sentences_survive(prepared, name):
    text = prepared[name].text
    missing = [s for s in _article_sentences(name) if s not in text]
    assert missing == []


@pytest.mark.parametrize("name", SEED_FILES)
def test_injected_fragments_and_furniture_are_gone(prepared, name):
    text = prepared[name].text
    for fragment in INJECTED.get(name, []) + FURNITURE[name]:
        assert fragment not in text, fragment


def test_spam_is_learnt_not_listed(prepared):
    assert prepared["乌鲁木齐高新区-产业链动春潮涌.txt"].clean.site_names == ("一竞技",)
    assert prepared["江苏高新区-做强创新型产业集群.txt"].clean.fragments == ("a0g新江南网| 江南第一生活服务网站",)


def test_headline_loses_glued_site_name(prepared):
    doc = prepared["乌鲁木齐高新区-产业链动春潮涌.txt"].doc
    assert doc.title == "高新区(新市区):产业“链”动春潮涌 发力奋进正当时"


def test_sentence_with_injected_word_is_rejoined(prepared):
    text = prepared["乌鲁木齐高新区-产业链动春潮涌.txt"].text
    assert "分行业遴选膜基、纺织服装、生物医药等一批链主企业,推行产业链链长制,绘制产业链高质量发展“图谱”,整合上下游资源" in text


def _assert_maps_back(original: str, mapped) -> None:
    for index, char in enumerate(mapped.text):
        source = original[mapped.origin[index]]
        if char == "\n" or (char == "\t" and source.translate(_TRANSLATE) in "| \n"):
            continue   # a line break, or the break after the bar between two table cells (from any blank)
        expected = source.translate(_TRANSLATE)
        assert char == (" " if expected == "\t" and char == " " else expected), (index, char, source)
    assert list(mapped.origin) == sorted(mapped.origin)


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_cleaned_character_maps_to_its_original(prepared, name):
    item = prepared[name]
    _assert_maps_back(item.doc.text, item.clean.text)


@pytest.mark.parametrize("name", SEED_FILES)
def test_sampled_spans_quote_the_original_exactly(prepared, name):
    item = prepared[name]
    mapped, original = item.clean.text, item.doc.text
    rng = random.Random(name)
    checked = 0
    while checked < 200:
        start = rng.randrange(0, len(mapped.text) - 10)
        end = start + rng.randint(1, 40)
        if end > len(mapped.text) or "\n" in mapped.text[start:end]:
            continue
        a, b = mapped.original_span(start, end)
        if b - a != end - start:  # the span straddles removed spam: the quote is longer, by design
            assert original[a:b].startswith(original[a:a + 1]) and b - a > end - start
            continue
        assert original[a:b].translate(_TRANSLATE) == mapped.text[start:end]
        checked += 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("今年力争达到280家，。()图1>关注微信 \n\t\u3000ａ０\u200b\r版权声明相关新闻一竞技官网a0g|")), max_size=300))
def test_cleaning_never_fails_and_always_maps_back(text):
    result = clean(text)
    _assert_maps_back(text, result.text)


def test_paragraphs_opening_with_the_same_time_phrase_keep_it():
    text = ("前三季度全区规模以上工业增加值增长6.7%。\n前三季度全区固定资产投资增长5.9%。\n"
            "前三季度全区社会消费品零售总额218.34亿元。\n前三季度全区一般公共预算收入41.27亿元。\n")
    assert clean(text).text.text == text.strip()

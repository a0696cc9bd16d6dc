"""The rate, company and phrase word lists are lexicon data, and the patterns built from them
behave as the extractor needs."""

from __future__ import annotations

from tracker.extract import cues, phrases
from tracker.extract.lexicon import lexicon
from tracker.extract.quantities import find_quantities


def test_the_word_lists_of_rates_companies_lists_and_phrases_are_lexicon_concepts():
    names = set(lexicon().names())
    for concept in ("growth_words", "fall_words", "company_words", "named_company_words",
                    "speech_verbs", "respectively", "list_joiners", "measurable_heads", "object_verbs",
                    "flow_words", "stock_words", "yardsticks", "class_heads", "project_measures", "rankings"):
        assert concept in names, concept
        assert lexicon().means(concept).strip()


def test_rate_words_tell_a_rise_from_a_fall():
    assert cues.growth_before("地区生产总值同比增长")[:2] == (True, False)
    assert cues.growth_before("单位GDP能耗降低到")[:2] == (True, True)
    assert cues.growth_before("地区生产总值达到") == (False, False, len("地区生产总值达到"))


def test_company_words_and_speakers():
    assert cues.is_company_subject("某某新材料有限公司") and cues.is_company_subject("该项目")
    assert not cues.is_company_subject("全市规模以上工业")
    assert cues.SPEAKER_AT_COMPANY.search("某某集团总经理张三表示，")


def test_any_larger_area_is_a_yardstick_without_a_word_for_each_region():
    from tracker.extract.figures import _ABOVE_AVERAGE

    for prefix in ("增速高于全省", "增速快于全疆", "增速高于全盟平均", "增速领先全国"):
        assert _ABOVE_AVERAGE.search(prefix), prefix


def test_a_magnitude_class_needs_a_class_head_after_it():
    assert [q.text for q in find_quantities("打造千亿级硅基新材料产业园")] == ["千亿级"]
    assert find_quantities("千亿级的目标") == []


def test_lead_words_are_trimmed_off_indicator_phrases():
    assert phrases.lead_length("其中全市2023年实现地区生产总值") == len("其中全市2023年实现")

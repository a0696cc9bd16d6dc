"""Leftmost-longest word matching, with the guard on the first two characters."""

from __future__ import annotations

import pickle

from tracker.extract.run import Knowledge
from tracker.extract.trie import WordSearch, compile_words, fold, trie_pattern


def test_the_longest_word_wins_at_the_leftmost_position_behind_the_pair_guard():
    matcher = compile_words(["高新区", "高新技术产业开发区", "兰州", "兰州新区"])
    assert matcher.pattern.startswith("(?=")
    text = "兰州新区和兰州高新技术产业开发区、高新区"
    assert [m.group() for m in matcher.finditer(text)] == ["兰州新区", "兰州", "高新技术产业开发区", "高新区"]


def test_width_variants_pass_the_guard():
    matcher = compile_words(["r&d经费"])
    assert matcher.search("全社会Ｒ＆Ｄ经费投入").group() == "Ｒ＆Ｄ经费"


def test_a_one_character_word_leaves_the_pattern_unguarded():
    assert not trie_pattern(["区", "市区"]).startswith("(?=")
    assert compile_words(["区", "市区"]).search("城区").group() == "区"


WORDS = ["高新区", "高新技术产业开发区", "兰州", "兰州新区", "r&d经费", "新区"]
TEXTS = ["兰州新区和兰州高新技术产业开发区、高新区", "全社会Ｒ＆Ｄ经费投入和R&d经费", "兰州兰州新区新区高新", ""]


def test_the_automaton_finds_what_the_trie_pattern_finds_in_every_spelling():
    matcher, search = compile_words(WORDS), WordSearch(WORDS)
    for text in TEXTS:
        assert search.spans(text) == [m.span() for m in matcher.finditer(text)]
        longest = search.longest_at(text)
        for position in range(len(text)):
            found = matcher.match(text, position)
            assert longest.get(position) == ((found.end(), fold(found.group())) if found else None)


def test_the_longest_word_at_each_place_includes_words_inside_a_longer_match():
    # "兰州新区" leftmost-longest hides "新区" inside it; a caller that rejects 兰州新区 needs it.
    assert WordSearch(WORDS).longest_at("兰州新区") == {0: (4, "兰州新区"), 2: (4, "新区")}


def test_the_automaton_survives_pickling_as_the_knowledge_it_belongs_to_does():
    copy = pickle.loads(pickle.dumps(WordSearch(WORDS)))
    assert copy.spans(TEXTS[0]) == WordSearch(WORDS).spans(TEXTS[0])
    knowledge = Knowledge.load()
    knowledge.spin.normalise("经济技能开拓区")   # builds the spin table's automaton
    again = pickle.loads(pickle.dumps(knowledge))
    assert again.spin.normalise("经济技能开拓区") == "经济技术开发区"
    assert [m.text for m in again.gazetteer.find_all("兰州新区和宜昌高新区")] == ["兰州新区", "宜昌高新区"]

"""The extraction lexicon: validated YAML concepts and the patterns built from them."""

from __future__ import annotations

import re

import pytest

from tracker.errors import ConfigError
from tracker.extract.lexicon import lexicon, load_lexicon


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_shipped_lexicon_loads_and_every_concept_says_what_it_means():
    shipped = lexicon()
    assert "comparator_verbs" in shipped.names()
    for name in shipped.names():
        assert shipped.means(name).strip()


def test_alternations_put_longer_words_first_so_the_longest_word_wins(tmp_path):
    lex = load_lexicon(write(tmp_path, "a.yaml", "verbs:\n  means: m\n  words: [超过, 不超过, 超]\n"))
    assert lex.compile(r"{verbs}$").search("控制在不超过").group(0) == "不超过"
    assert lex.alternation("verbs") == "(?:不超过|超过|超)"


def test_words_are_escaped_and_patterns_are_kept_as_written(tmp_path):
    write(tmp_path, "a.yaml", "marks:\n  means: m\n  words: ['(一)', 'a.b']\n")
    write(tmp_path, "b.yaml", "headings:\n  means: m\n  patterns: ['^[一二三]、']\n")
    lex = load_lexicon(tmp_path)
    assert lex.compile("{marks}").fullmatch("(一)")
    assert not lex.compile("{marks}").fullmatch("axb")
    assert lex.compile("{headings}").match("二、工作回顾")
    assert lex.patterns("headings") == ("^[一二三]、",)


def test_pairs_give_values_and_their_words(tmp_path):
    lex = load_lexicon(write(tmp_path, "a.yaml", "cmp:\n  means: m\n  pairs: {达到: '>=', 控制在: '<='}\n"))
    assert lex.pairs("cmp") == {"达到": ">=", "控制在": "<="}
    assert lex.words("cmp") == ("达到", "控制在")


def test_comparator_verbs_come_from_the_lexicon():
    from tracker.extract.cues import comparator_before

    assert comparator_before("全年增速控制在") == ("<=", 4)
    assert comparator_before("总数不超过")[0] == "<="
    assert comparator_before("总数超过")[0] == ">"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x:\n  words: [a]\n", "'means' must say in a sentence what the concept is"),
        ("x:\n  means: m\n", "give exactly one of words, patterns, pairs"),
        ("x:\n  means: m\n  words: [a]\n  patterns: [b]\n", "give exactly one of words, patterns, pairs"),
        ("x:\n  means: m\n  words: [a, a]\n", "'a' is listed twice"),
        ("x:\n  means: m\n  words: []\n", "'words' must be a non-empty list"),
        ("x:\n  means: m\n  patterns: ['(']\n", "pattern '(' is not a valid regular expression"),
        ("x:\n  means: m\n  words: [a]\n  colour: red\n", "unknown field(s) colour"),
        ("Bad-Name:\n  means: m\n  words: [a]\n", "a concept name is lower-case ASCII with underscores"),
        ("- a\n- b\n", "expected concepts as a mapping at the top level"),
        ("x: [\n", "cannot be read as YAML"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_the_concept(tmp_path, text, message):
    write(tmp_path, "bad.yaml", text)
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        load_lexicon(tmp_path)
    assert "bad.yaml" in str(raised.value)


def test_a_concept_defined_in_two_files_is_refused(tmp_path):
    write(tmp_path, "a.yaml", "x:\n  means: m\n  words: [a]\n")
    write(tmp_path, "b.yaml", "x:\n  means: m\n  words: [b]\n")
    with pytest.raises(ConfigError, match=r"b\.yaml: concept 'x' is already defined in a\.yaml"):
        load_lexicon(tmp_path)

"""Messages for users: the language they are shown in, and how they are put together."""

from __future__ import annotations

import pickle

import pytest

from tracker import messages
from tracker.messages import Message, chosen, language, say, sentence
from tracker.models import Problem


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "zh"), ({"LANG": "C.UTF-8"}, "zh"), ({"LANG": "POSIX"}, "zh"), ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "en"}, "en"), ({"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LC_MESSAGES": "en_US"}, "zh"), ({"LC_ALL": "", "LANG": "en_US"}, "en"),
])
def test_the_locale_says_which_language(environ, lang) -> None:
    assert messages.locale_language(environ) == lang


def test_chinese_unless_english_is_chosen_or_the_locale_is_english(locale_language) -> None:
    assert language() == "zh"
    locale_language.setenv("LANG", "en_US.UTF-8")
    assert language() == "en"
    with chosen("zh"):
        assert language() == "zh"
        with chosen("en"):
            assert language() == "en"
        assert language() == "zh"


def test_a_message_is_text_in_its_language_and_can_be_shown_in_the_other() -> None:
    with chosen("zh"):
        message = say("units.unknown", unit="丙区", units=["甲区", "乙区"])
    assert isinstance(message, str) and message == "没有名为“丙区”的单位；现有单位：甲区、乙区"
    assert message.text("en") == "No unit named 丙区; known units: 甲区, 乙区"
    assert sentence(message, "zh") == "没有名为“丙区”的单位；现有单位：甲区、乙区。"
    assert sentence(message, "en") == "No unit named 丙区; known units: 甲区, 乙区."
    again = pickle.loads(pickle.dumps(message))   # as worker processes send it back
    assert (again, again.key, again.text("en")) == (message, "units.unknown", message.text("en"))
    with pytest.raises(KeyError):
        Message("no.such.message")


def test_plain_text_keeps_or_gets_its_own_stop() -> None:
    assert [sentence(text) for text in ("done", "done.", "完成", "完成。", "really?")] == [
        "done.", "done.", "完成。", "完成。", "really?"]


def test_a_problem_is_one_sentence_that_says_what_was_found_once() -> None:
    typed = Problem("a.xlsx!目标跟踪!I7", say("figure.not_number", found="待统计"), found="待统计",
                    expected=say("figure.expected", uom="家", example="300"))
    assert typed.text("zh") == "a.xlsx!目标跟踪!I7：“待统计”不是数字；应为以“家”为单位的数字，如 300 或 300家。"
    assert typed.text("en") == "a.xlsx!目标跟踪!I7: '待统计' is not a number; expected a number in 家, such as 300 or 300家."
    year = Problem("t.csv, row 8, column 年度", say("cell.not_year"), found="24")
    assert year.text("en") == "t.csv, row 8, column 年度: not a year; type a year such as 2024 (found '24')."
    assert year.text("zh") == "t.csv, row 8, column 年度：不是年份，请填写年份，如 2024（填写内容为“24”）。"

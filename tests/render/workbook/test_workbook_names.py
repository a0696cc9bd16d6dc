"""Safe file and sheet names for units and indicators."""

from __future__ import annotations

import pytest

from tracker.render.names import safe_file_name, safe_sheet_name


@pytest.mark.parametrize(("name", "expected"), [
    ("乌鲁木齐高新区", "乌鲁木齐高新区"),
    ("高新区(新市区)", "高新区(新市区)"),
    ("高新区/新市区", "高新区_新市区"),
    ('a<b>c:d"e\\f|g?h*i', "a_b_c_d_e_f_g_h_i"),
    ("tab\there", "tab_here"),
    ("  结尾有点.  ", "结尾有点"),
    ("CON", "_CON"),
    ("com1.txt", "_com1.txt"),
    ("LPT9", "_LPT9"),
    ("CONSOLE", "CONSOLE"),
    ("???", "_"),
    ("", "_"),
    ("长" * 200, "长" * 120),
])
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


@pytest.mark.parametrize(("name", "taken", "expected"), [
    ("目标跟踪", set(), "目标跟踪"),
    ("a[1]:b*c?d/e\\f", set(), "a_1__b_c_d_e_f"),
    ("'引号'", set(), "引号"),
    ("History", set(), "History_"),
    ("", set(), "Sheet"),
    ("乌鲁木齐高新技术产业开发区" * 3, set(), "乌鲁木齐高新技术产业开发区乌鲁木齐高新技术产业开发区乌鲁木齐高"),
    ("甲区", {"甲区"}, "甲区 (2)"),
    ("Tracker", {"tracker"}, "Tracker (2)"),
    ("甲区", {"甲区", "甲区 (2)"}, "甲区 (3)"),
    ("一" * 40, {"一" * 31}, "一" * 27 + " (2)"),
])
def test_safe_sheet_name(name: str, taken: set[str], expected: str) -> None:
    before = set(taken)
    result = safe_sheet_name(name, taken)
    assert result == expected
    assert len(result) <= 31
    assert taken == before | {result}

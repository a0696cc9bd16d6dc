"""Safe file and sheet names for units and indicators."""

from __future__ import annotations

import unicodedata

import pytest

from tracker.render.names import safe_file_name, safe_sheet_name, unique_file_names


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
    ("长" * 200, "长" * 60),   # 180 bytes: Linux counts a name's bytes (255), not its characters
    ("a" * 200, "a" * 120),    # Windows paths count characters
    (".隐藏区", "_隐藏区"),     # a leading "." would hide the file (and the build would never read it back)
    ("~$甲区", "_$甲区"),       # "~$" is how office lock files are named
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


def test_unique_file_names_never_share_a_file() -> None:
    long_a, long_b = "甲" * 84 + "高新区", "甲" * 84 + "经开区"   # 261 bytes each, alike for the first 252
    wanted = {name: name for name in ["甲/乙高新区", "甲_乙高新区", "Report", "report", long_a, long_b, "总体情况",
                                      "cafe\u0301", "caf\u00e9"]}
    stems = unique_file_names(wanted, reserved=["总体情况"])
    assert stems["甲_乙高新区"] == "甲_乙高新区"          # a name that needs no change keeps it
    assert stems["甲/乙高新区"] == "甲_乙高新区~" + _hash("甲/乙高新区")
    assert stems["Report"] == "Report"
    assert stems["report"] == "report~" + _hash("report")   # Windows and macOS ignore case
    assert stems["总体情况"] == "总体情况~" + _hash("总体情况")   # the overall memo's name is reserved
    assert stems["cafe\u0301"] == "cafe\u0301" and stems["caf\u00e9"].startswith("caf\u00e9~")  # alike on macOS
    assert stems[long_a] == "甲" * 57 + "~" + _hash(long_a)
    assert stems[long_b] == "甲" * 57 + "~" + _hash(long_b)
    assert all(len(stem.encode()) <= 180 for stem in stems.values())
    assert len({unicodedata.normalize("NFC", stem).casefold() for stem in stems.values()}) == len(wanted)
    assert unique_file_names(wanted, reserved=["总体情况"]) == stems   # the same every time


def _hash(name: str) -> str:
    import hashlib

    return hashlib.sha256(name.encode()).hexdigest()[:8]

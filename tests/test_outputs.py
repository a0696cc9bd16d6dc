"""Atomic output writes: unchanged files are left alone, leftovers of killed writes are recognised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tracker.outputs import remove_leftovers, write_bytes, write_saved


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a" / "memo.json"
    assert write_bytes(path, b"one") is True
    os.utime(path, (0, 0))
    assert write_bytes(path, b"one") is False
    assert path.stat().st_mtime == 0
    assert write_bytes(path, b"two") is True
    assert path.read_bytes() == b"two"


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    write_bytes(path, b"old")

    def broken(file) -> None:
        file.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_saved(path, broken)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["records.xlsx"]


def test_a_saved_workbook_opens(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "指标"
    write_saved(tmp_path / "t.xlsx", workbook.save)
    assert load_workbook(tmp_path / "t.xlsx").active["A1"].value == "指标"


def test_leftovers_are_only_our_temporary_names(tmp_path: Path) -> None:
    (tmp_path / "memos").mkdir()
    ours = [tmp_path / ".summary.xlsx.k2j_9xQa.tmp", tmp_path / "memos" / ".总体情况.docx.abcdefgh.tmp"]
    theirs = [tmp_path / ".notes.tmp", tmp_path / "~$summary.xlsx", tmp_path / "summary.xlsx", tmp_path / ".hidden.xlsx"]
    for path in ours + theirs:
        path.write_bytes(b"x")
    assert sorted(remove_leftovers(tmp_path)) == sorted(ours)
    assert all(path.exists() for path in theirs) and not any(path.exists() for path in ours)

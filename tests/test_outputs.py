"""Atomic output writes: unchanged files are left alone, leftovers of killed writes are recognised."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tracker.outputs import json_text, remove_leftovers, write_bytes, write_saved


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


def _failing(error: int):
    def fail(*args, **kwargs):
        raise OSError(error, os.strerror(error))
    return fail


def test_a_full_disk_leaves_the_old_file_and_says_which_folder(tmp_path: Path, monkeypatch) -> None:
    import errno

    from tracker.errors import OutputError

    path = tmp_path / "trackers" / "甲区.xlsx"
    write_bytes(path, b"old")
    monkeypatch.setattr(os, "fsync", _failing(errno.ENOSPC))
    with pytest.raises(OutputError) as error:
        write_bytes(path, b"new")
    assert str(error.value) == (f"Cannot write to {path.parent}: the disk is full (No space left on device). Free "
                                "some space and run again. Nothing was lost: every file is as it was or completely "
                                "written.")
    assert path.read_bytes() == b"old" and [p.name for p in path.parent.iterdir()] == ["甲区.xlsx"]


def test_a_read_only_folder_says_so(tmp_path: Path, monkeypatch) -> None:
    import errno
    import tempfile

    from tracker.errors import OutputError

    def refused(*args, dir, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.path.join(dir, ".x.abcdefgh.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OutputError) as error:
        write_bytes(tmp_path / "memos" / "甲区.docx", b"new")
    assert str(error.value) == (f"Cannot write to {tmp_path / 'memos'}: the folder is read-only (Read-only file "
                                "system). Make it writable or choose another folder (--out DIR), and run again. "
                                "Nothing was lost: every file is as it was or completely written.")


def test_a_name_of_255_bytes_still_gets_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / ("长" * 83 + ".docx")   # 254 bytes: the temporary adds ".", "." and ".XXXXXXXX.tmp"
    assert write_bytes(path, b"x") and path.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_json_is_laid_out_a_record_per_line_and_reads_back_as_written() -> None:
    data = {"records": [{"id": "a1", "value": 6.5, "flags": ["x"], "source": {"quote": "增长6.5%"}}, {"id": "b2"}],
            "count": 2, "empty": [], "when": date(2024, 9, 30)}
    text = json_text(data)
    assert text == ('{\n'
                    '  "records": [\n'
                    '    {"id": "a1", "value": 6.5, "flags": ["x"], "source": {"quote": "增长6.5%"}},\n'
                    '    {"id": "b2"}\n'
                    '  ],\n'
                    '  "count": 2,\n'
                    '  "empty": [],\n'
                    '  "when": "2024-09-30"\n'
                    '}\n')
    assert json.loads(text) == json.loads(json.dumps(data, default=str))


def test_json_written_a_piece_at_a_time_is_json_text_and_an_iterator_is_a_list(tmp_path: Path) -> None:
    from tracker.outputs import write_json

    records = [{"id": f"r{n}", "quote": "增长6.5%" * n} for n in range(3000)]   # more than one batch
    path = tmp_path / "records.json"
    assert write_json(path, {"records": iter(records), "empty": iter(()), "count": 3000})
    assert path.read_text(encoding="utf-8") == json_text({"records": records, "empty": [], "count": 3000})
    stamp = path.stat().st_mtime_ns, path.stat().st_ino
    assert not write_json(path, {"records": iter(records), "empty": [], "count": 3000})   # the same: untouched
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == stamp
    assert [p.name for p in tmp_path.iterdir()] == ["records.json"]   # no temporary left


@pytest.mark.parametrize("change", ["longer", "shorter", "last byte"])
def test_json_written_a_piece_at_a_time_replaces_a_file_that_differs_anywhere(tmp_path: Path, change: str) -> None:
    from tracker.outputs import write_json

    path = tmp_path / "records.json"
    records = [{"id": f"r{n}"} for n in range(2000)]
    expected = json_text({"records": records})
    old = {"longer": expected + " ", "shorter": expected[:-1], "last byte": expected[:-2] + "]\n"}[change]
    path.write_text(old, encoding="utf-8")
    assert write_json(path, {"records": iter(records)})
    assert path.read_text(encoding="utf-8") == expected

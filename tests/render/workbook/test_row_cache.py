"""Rows of records.xlsx kept from one build to the next (render/workbook/row_cache.py): the file
written with kept rows is the very file written without them, and a damaged, foreign or outdated
cache costs only the rows it cannot give."""

from __future__ import annotations

import os
import zipfile
from datetime import date

import pytest

from tests.helpers.builders import record
from tracker.entries.review import ReviewDecision
from tracker.pipeline.state import hashed
from tracker.render.review_sheet import write_review_workbook
from tracker.render.workbook.row_cache import RowCache

DAY = date(2024, 9, 30)


def records(changed: str = "") -> list:
    made = [record(f"r{n}", start=20 * n, value=float(10 + n), indicator_text=f"指标{n}号" + "很长的原文" * (n % 3))
            for n in range(1, 9)]
    return [r if r.id != changed else record(r.id, start=r.source.start, value=99.5) for r in made]


def keys(shown: list) -> tuple[bytes, ...]:
    return tuple(hashed(r) for r in shown)


class Counting(RowCache):
    """A RowCache that counts the rows it gave."""

    given = 0

    def find(self, key: bytes) -> tuple[int, int] | None:
        found = super().find(key)
        Counting.given += found is not None
        return found


@pytest.fixture
def cache(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    Counting.given = 0
    return folder / "records.rows"


def write(path, shown, decisions, cache, version="v1"):
    write_review_workbook(shown, path, decisions, DAY, keys(shown), Counting(cache, version))
    return path.read_bytes()


def plain(path, shown, decisions):
    write_review_workbook(shown, path, decisions, DAY)
    return path.read_bytes()


def test_kept_rows_give_the_same_file_and_only_changed_rows_are_made_again(tmp_path, cache):
    decisions = {"r3": ReviewDecision("r3", "set", {"value": 12.25})}
    first = write(tmp_path / "a.xlsx", records(), decisions, cache)
    assert Counting.given == 0 and cache.is_file()
    assert first == plain(tmp_path / "plain.xlsx", records(), decisions)
    assert write(tmp_path / "b.xlsx", records(), decisions, cache) == first
    assert Counting.given == 8
    # One record changed, one decision made, one record gone: those rows are made, the others copied.
    Counting.given = 0
    shown = [r for r in records("r2") if r.id != "r7"]
    decided = {**decisions, "r5": ReviewDecision("r5", "reject", {})}
    assert write(tmp_path / "c.xlsx", shown, decided, cache) == plain(tmp_path / "plain2.xlsx", shown, decided)
    assert Counting.given == 5   # r1, r3, r4, r6, r8 (rows 2 to 7 renumbered)
    rows = zipfile.ZipFile(tmp_path / "c.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "\x00" not in rows and '<row r="8"' in rows and '<row r="9"' not in rows


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "version"])
def test_a_damaged_or_outdated_cache_costs_rows_not_correctness(tmp_path, cache, damage):
    write(tmp_path / "a.xlsx", records(), {}, cache)
    data = bytearray(cache.read_bytes())
    version = "v1"
    if damage == "flip":
        data[len(data) // 3] ^= 0xFF   # inside some row's XML
    elif damage == "truncate":
        del data[len(data) // 2:]
    elif damage == "header":
        data[:5] = b"xxxxx"
    else:
        version = "v2"
    cache.write_bytes(bytes(data))
    Counting.given = 0
    assert write(tmp_path / "b.xlsx", records(), {}, cache, version) == plain(tmp_path / "p.xlsx", records(), {})
    assert Counting.given == 0
    Counting.given = 0
    write(tmp_path / "c.xlsx", records(), {}, cache, version)   # the next build finds every row again
    assert Counting.given == 8


def test_a_cache_others_may_write_is_not_read(tmp_path, cache):
    write(tmp_path / "a.xlsx", records(), {}, cache)
    os.chmod(cache, 0o666)
    Counting.given = 0
    assert write(tmp_path / "b.xlsx", records(), {}, cache) == plain(tmp_path / "p.xlsx", records(), {})
    assert Counting.given == 0


def test_without_a_cache_folder_or_keys_nothing_is_kept(tmp_path):
    shown = records()
    write_review_workbook(shown, tmp_path / "a.xlsx", {}, DAY, keys(shown), RowCache(None, "v1"))
    write_review_workbook(shown, tmp_path / "b.xlsx", {}, DAY, (), RowCache(tmp_path / "x.rows", "v1"))
    assert not (tmp_path / "x.rows").exists()
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def summary_bytes(path, made, cache=None) -> bytes:
    from tests.helpers.workbook_fixtures import context, tracker_files
    from tracker.render.workbook.summary import Summary, render_summary

    render_summary(context(), Summary(tuple(made), tracker_files(made), cache), path)
    return path.read_bytes()


def test_the_summary_made_from_kept_rows_is_the_summary_made_without_them(tmp_path, cache):
    from tests.helpers.workbook_fixtures import ACTUALS, actual, reports

    made = reports()
    first = summary_bytes(tmp_path / "a.xlsx", made, Counting(cache, "v1"))
    assert Counting.given == 0 and first == summary_bytes(tmp_path / "p.xlsx", made)
    assert summary_bytes(tmp_path / "b.xlsx", made, Counting(cache, "v1")) == first
    rows = sum(len(report.statuses) for report in made)
    assert Counting.given == rows
    # A figure typed later: the rows of that target (and of any target whose shown values moved) made again.
    Counting.given = 0
    later = reports(actuals=[a if a.indicator != "技术合同成交额" else actual(a.indicator, 7.5, uom="亿元")
                             for a in ACTUALS])
    again = summary_bytes(tmp_path / "c.xlsx", later, Counting(cache, "v1"))
    assert again == summary_bytes(tmp_path / "p2.xlsx", later) != first
    assert 0 < Counting.given < rows


class FullDisk(Counting):
    """A cache whose disk fills up after the first row written."""

    def _start(self) -> bool:
        started = super()._start()
        if started:
            real = self._new

            class Filling:
                def __getattr__(self, name):
                    return getattr(real, name)

                def write(self, data):
                    if real.tell() > 100:
                        raise OSError(28, "No space left on device")
                    return real.write(data)

            self._new = Filling()
        return started


def test_a_full_disk_keeps_no_rows_and_the_workbook_is_written_all_the_same(tmp_path, cache):
    shown = records()
    write_review_workbook(shown, tmp_path / "a.xlsx", {}, DAY, keys(shown), FullDisk(cache, "v1"))
    assert (tmp_path / "a.xlsx").read_bytes() == plain(tmp_path / "p.xlsx", shown, {})
    assert not cache.exists() and list(cache.parent.iterdir()) == []   # no temporary file left either


class CutShort(Counting):
    """A cache whose file another program cuts short once it has been checked."""

    def open(self, signature: str) -> None:
        super().open(signature)
        if self.path is not None and self.path.exists():
            os.truncate(self.path, 40)


def test_kept_rows_cut_short_after_the_check_are_made_again(tmp_path, cache):
    from tests.helpers.workbook_fixtures import context
    from tracker.pipeline.render import Task, _attempt
    from tracker.render.review_sheet import Review

    shown = records()
    write(tmp_path / "a.xlsx", shown, {}, cache)
    task = Task(tmp_path / "b.xlsx", "review", "x", Review(tuple(shown), {}, keys(shown), CutShort(cache, "v1")))
    Counting.given = 0
    assert _attempt(task, context()) == []
    assert Counting.given == 8   # found, then not there to copy: the workbook made again without them
    write_review_workbook(shown, tmp_path / "p.xlsx", {}, context().generated)
    assert (tmp_path / "b.xlsx").read_bytes() == (tmp_path / "p.xlsx").read_bytes()

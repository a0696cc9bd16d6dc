"""What a build keeps for the next one (pipeline/derived.py): the same outputs as without it, in
the user's own cache folder only, and never trusted when the ledger, the file or its owner say otherwise."""

from __future__ import annotations

import importlib
import os
import sqlite3
import stat
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.projects import UNITS, units_project
from tests.pipeline.test_rerun import TRACKER, UNIT, changed, content, run_build, stamps, type_figure
from tracker import pipeline
from tracker.models import Actual, Remark
from tracker.pipeline import derived
from tracker.render import review_sheet

targets_module = importlib.import_module("tracker.assess.targets")
render_module = importlib.import_module("tracker.pipeline.render")
kept_rows = importlib.import_module("tracker.pipeline.kept_rows")

pytestmark = pytest.mark.slow


def cached(root: Path) -> Path:
    path = derived.cache_file(root / "tracker.db")
    assert path is not None
    return path


def all_targets(root: Path) -> dict[tuple[str, str], object]:
    """(unit, indicator) -> the target value summary.xlsx's 全部目标 shows."""
    ws = load_workbook(root / "output" / "summary.xlsx")["全部目标"]
    return {(row[0], row[1]): row[6] for row in ws.iter_rows(min_row=3, values_only=True)}


def refuse_to_read_the_ledger(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args, **kwargs):
        raise AssertionError("records read from the ledger")
    monkeypatch.setattr(pipeline, "_current", refused)


def test_a_rerun_from_what_the_last_build_kept_writes_what_a_build_without_it_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, plain = units_project(tmp_path / "kept", 5), units_project(tmp_path / "plain", 5)
    run_build(kept, "--jobs", "2")
    assert cached(kept).is_file()
    folder = os.environ["TRACKER_CACHE"]
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain, "--jobs", "2")
    monkeypatch.setenv("TRACKER_CACHE", folder)
    for root in (kept, plain):
        type_figure(root / "output" / TRACKER, "技术合同成交额", 11)
    before = stamps(kept / "output")
    with monkeypatch.context() as patched:
        refuse_to_read_the_ledger(patched)
        result = run_build(kept, "--jobs", "2")
    assert "recorded 1 new figure " in result.output
    assert changed(before, stamps(kept / "output")) == sorted(
        [".tracker-state.json", TRACKER, f"memos/{UNIT}.docx", "summary.xlsx", "memos/总体情况.docx"])
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain, "--jobs", "2")
    names = sorted(p.relative_to(plain / "output").as_posix() for p in (plain / "output").rglob("*") if p.is_file())
    assert len(names) == 21
    for name in names:
        if name != ".tracker-state.json":   # its fingerprints include when each figure was recorded
            assert seen(kept / "output" / name) == seen(plain / "output" / name), name


def seen(path: Path) -> object:
    """`content`, without the second each figure was recorded at (the two builds ran a second apart)."""
    found = content(path)
    if path.parent.name == "trackers":
        found["历史"] = [row[:-1] for row in found["历史"]]
    return found


def test_a_change_another_program_makes_to_the_ledger_is_not_hidden_by_what_was_kept(tmp_path: Path) -> None:
    root = units_project(tmp_path / "project", 3)
    run_build(root)
    assert all_targets(root)[(UNITS[1], "技术合同成交额")] == 21
    with sqlite3.connect(root / "tracker.db") as other:
        other.execute("UPDATE records SET record_json = json_set(record_json, '$.value', 99.0) "
                      "WHERE unit = ? AND indicator = '技术合同成交额'", (UNITS[1],))
    run_build(root)
    assert all_targets(root)[(UNITS[1], "技术合同成交额")] == 99


@pytest.mark.parametrize("damage", ["truncated", "other key", "not a pickle", "empty"])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_the_build_works_it_out_again(
        tmp_path: Path, damage: str) -> None:
    root = units_project(tmp_path / "project", 3)
    run_build(root)
    path = cached(root)
    data = path.read_bytes()
    header, _, body = data.partition(b"\n")
    path.write_bytes({"truncated": data[: len(data) // 2], "other key": header[:-4] + b"beef\n" + body,
                      "not a pickle": header + b"\nnot a pickle", "empty": b""}[damage])
    type_figure(root / "output" / TRACKER, "技术合同成交额", 11)
    run_build(root)
    ws = load_workbook(root / "output" / "summary.xlsx")["全部目标"]
    shown = {(row[0], row[1]): row[11] for row in ws.iter_rows(min_row=3, values_only=True)}
    assert shown[(UNITS[1], "技术合同成交额")] == 11
    assert derived.load(root / "tracker.db", "x" * 64) is None


def test_what_is_kept_is_read_back_only_under_its_own_key(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    kept = derived.Derived([], [], [], {})
    assert derived.save(db, "a" * 64, kept)
    assert derived.load(db, "a" * 64) == kept
    assert derived.load(db, "b" * 64) is None
    assert derived.load(tmp_path / "other.db", "a" * 64) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_cache_others_may_write_is_not_trusted(tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    assert derived.save(db, "a" * 64, derived.Derived([], [], [], {}))
    path = cached(tmp_path)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o620)
    assert derived.load(db, "a" * 64) is None
    path.chmod(0o600)
    path.parent.chmod(0o777)
    assert derived.load(db, "a" * 64) is None
    assert not derived.save(db, "a" * 64, derived.Derived([], [], [], {}))


def test_no_cache_is_kept_when_it_is_turned_off_or_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert derived.cache_file(tmp_path / "tracker.db") is None
    assert not derived.save(tmp_path / "tracker.db", "a" * 64, derived.Derived([], [], [], {}))
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv("TRACKER_CACHE", str(blocked / "cache"))
    assert not derived.save(tmp_path / "tracker.db", "a" * 64, derived.Derived([], [], [], {}))
    root = units_project(tmp_path / "project", 2)
    run_build(root)   # builds all the same
    assert (root / "output" / "summary.xlsx").is_file()


def test_the_default_cache_folder_is_the_users_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRACKER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    assert derived.cache_folder() == tmp_path / "xdg" / "tracker"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert derived.cache_folder() == tmp_path / "home" / ".cache" / "tracker"


def test_a_units_key_changes_with_its_own_figures_and_notes_only() -> None:
    def figure(unit: str, value: float) -> Actual:
        return Actual(unit=unit, indicator="技术合同成交额", year=2024, value=value, uom="亿元",
                      as_of=date(2024, 9, 30), origin="trackers/x.xlsx!目标跟踪!I5")

    before = derived.unit_keys([figure("德清县", 10), figure("安吉县", 12)], [])
    after = derived.unit_keys([figure("德清县", 10), figure("安吉县", 13)], [])
    assert before["德清县"] == after["德清县"] and before["安吉县"] != after["安吉县"]
    noted = derived.unit_keys([figure("德清县", 10), figure("安吉县", 12)],
                              [Remark("德清县", "技术合同成交额", 2024, None, "已核实", "trackers/x.xlsx!目标跟踪!O5")])
    assert noted["德清县"] != before["德清县"] and noted["安吉县"] == before["安吉县"]
    assert set(derived.unit_keys([], [])) == set()


def test_forgotten_cache_files_are_removed(tmp_path: Path) -> None:
    assert derived.save(tmp_path / "one.db", "a" * 64, derived.Derived([], [], [], {}))
    old = cached(tmp_path).with_name("0" * 32 + ".derived")
    old.write_bytes(b"")
    os.utime(old, (0, 0))
    assert derived.save(tmp_path / "two.db", "a" * 64, derived.Derived([], [], [], {}))
    assert not old.exists()
    assert derived.load(tmp_path / "one.db", "a" * 64) is not None


def test_each_language_keeps_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = units_project(tmp_path / "project", 2)
    run_build(root)
    run_build(root, "--lang", "en")
    assert cached(root).is_file() and derived.cache_file(root / "tracker.db", "en").is_file()
    type_figure(root / "output" / "trackers" / f"{UNITS[1]}.xlsx", "技术合同成交额", 11)
    refuse_to_read_the_ledger(monkeypatch)
    run_build(root)
    run_build(root, "--lang", "en")
    assert all_targets(root)[(UNITS[1], "技术合同成交额")] == 21


def test_what_cannot_be_kept_is_not_kept_and_leaves_no_file(tmp_path: Path) -> None:
    unpicklable = derived.Derived([], [], [], {"德清县": ("", lambda: None, "")})  # type: ignore[dict-item]
    assert not derived.save(tmp_path / "tracker.db", "a" * 64, unpicklable)
    assert list(cached(tmp_path).parent.iterdir()) == []


@pytest.mark.parametrize("change", ["rewritten", "removed", "added"])
def test_after_documents_change_only_theirs_are_read_again_and_the_outputs_are_as_without_a_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    from tests.helpers.projects import work_report

    kept, plain = units_project(tmp_path / "kept", 4), units_project(tmp_path / "plain", 4)
    run_build(kept)
    folder = os.environ["TRACKER_CACHE"]
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain)
    for root in (kept, plain):
        report = root / "seeds" / f"{UNITS[2]}-工作报告.txt"
        if change == "rewritten":
            report.write_text(work_report(UNITS[2], 7), encoding="utf-8")
        elif change == "removed":
            report.unlink()
        else:
            (root / "seeds" / f"{UNITS[5]}-工作报告.txt").write_text(work_report(UNITS[5], 5), encoding="utf-8")
    run_build(plain)
    monkeypatch.setenv("TRACKER_CACHE", folder)
    read = []
    real = pipeline.Ledger.records

    def records(self, *args, **kwargs):
        read.append(kwargs.get("docs"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pipeline.Ledger, "records", records)
    refuse_to_read_the_ledger(monkeypatch)
    run_build(kept)
    changed_file = f"{UNITS[5 if change == 'added' else 2]}-工作报告.txt"
    assert [docs for docs in read if docs is not None] == [{changed_file}]
    names = sorted(p.relative_to(plain / "output").as_posix() for p in (plain / "output").rglob("*") if p.is_file())
    assert len(names) == {"rewritten": 18, "removed": 18, "added": 21}[change]
    for name in names:
        if name != ".tracker-state.json":
            assert seen(kept / "output" / name) == seen(plain / "output" / name), name
    assert content(kept / "output" / ".tracker-state.json") == content(plain / "output" / ".tracker-state.json")


def test_a_units_equal_targets_are_taken_as_kept_so_one_copy_is_kept() -> None:
    from tracker.models import Target

    def target(unit: str, indicator: str, value: float) -> Target:
        return Target(unit=unit, indicator=indicator, indicator_id=None, year=2024, metric="level", direction="up",
                      comparator=">=", value=value, uom="亿元", period_start=date(2024, 1, 1),
                      period_end=date(2024, 12, 31))

    kept = [target("德清县", "技术合同成交额", 20), target("德清县", "地区生产总值", 300),
            target("安吉县", "技术合同成交额", 21)]
    now = [target("德清县", "技术合同成交额", 20), target("德清县", "地区生产总值", 300),
           target("安吉县", "技术合同成交额", 25)]
    taken = derived.same_targets(now, kept)
    assert taken == now
    assert taken[0] is kept[0] and taken[1] is kept[1] and taken[2] is now[2]
    assert derived.same_targets(now[:1], kept)[0] is now[0]   # 德清县's targets are not all as they were


def test_without_a_home_folder_nothing_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRACKER_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert derived.cache_folder() is None
    assert not derived.save(tmp_path / "tracker.db", "a" * 64, derived.Derived([], [], [], {}))


def test_workbooks_made_from_the_rows_kept_are_the_files_made_without_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, plain = units_project(tmp_path / "kept", 4), units_project(tmp_path / "plain", 4)
    run_build(kept)
    rows = derived.rows_file(kept / "output" / "records.xlsx")
    assert rows is not None and rows.is_file()
    made: list[str] = []
    real = review_sheet.record_cells
    monkeypatch.setattr(review_sheet, "record_cells", lambda record: made.append(record.doc) or real(record))
    lines: list[dict] = []
    line = kept_rows.json_line
    monkeypatch.setattr(kept_rows, "json_line", lambda value: lines.append(value) or line(value))
    targeted: list[str] = []
    make_targets = targets_module.targets_from_records
    monkeypatch.setattr(targets_module, "targets_from_records",
                        lambda records, *rest: targeted.extend(r.unit for r in records) or make_targets(records, *rest))
    change_report(kept)
    run_build(kept, "--jobs", "1")   # the cross-unit files written in this process, where the counts are
    changed_doc = f"{UNITS[1]}-工作报告.txt"
    assert made and set(made) == {changed_doc}                      # the changed document's rows alone
    assert lines and {value["doc"] for value in lines} == {changed_doc}   # its lines of records.json
    assert targeted and set(targeted) == {UNITS[1]}                  # and its unit's targets
    made.clear()
    change_report(plain)
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain, "--jobs", "1")
    assert len(set(made)) == 4
    for name in ("records.json", "records.xlsx", "summary.xlsx"):
        assert (kept / "output" / name).read_bytes() == (plain / "output" / name).read_bytes(), name
    assert all_records(kept)[(UNITS[1], "技术合同成交额")] == 23


def change_report(root: Path, now: str = "21亿元", then: str = "23亿元") -> None:
    report = root / "seeds" / f"{UNITS[1]}-工作报告.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(now, then), encoding="utf-8")


def test_a_worker_is_sent_only_the_records_whose_rows_are_not_kept(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    kept, plain = units_project(tmp_path / "kept", 4), units_project(tmp_path / "plain", 4)
    run_build(kept, "--jobs", "2")
    sent: dict[str, list] = {}
    slimmed = kept_rows.slimmed
    monkeypatch.setattr(kept_rows, "slimmed", lambda task: _noted(slimmed(task), sent))
    change_report(kept)
    run_build(kept, "--jobs", "2")
    assert sorted(sent) == ["records", "review"]   # both written by a worker
    for records in sent.values():
        assert records and {record.doc for record in records} == {f"{UNITS[1]}-工作报告.txt"}
    change_report(plain)
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain, "--jobs", "2")
    for name in ("records.json", "records.xlsx"):
        assert (kept / "output" / name).read_bytes() == (plain / "output" / name).read_bytes(), name


def test_a_worker_that_does_not_find_the_rows_it_was_sent_for_leaves_the_file_to_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, plain = units_project(tmp_path / "kept", 4), units_project(tmp_path / "plain", 4)
    run_build(kept, "--jobs", "2")
    slimmed, attempt = kept_rows.slimmed, render_module._attempt
    # The kept rows gone after the build looked, before the worker reads them.
    monkeypatch.setattr(kept_rows, "slimmed", lambda task: _emptied(slimmed(task)))
    here: list[str] = []
    monkeypatch.setattr(render_module, "_attempt", lambda task, ctx: here.append(task.kind) or attempt(task, ctx))
    change_report(kept)
    run_build(kept, "--jobs", "2")
    assert sorted(here) == ["records", "review", "summary"]   # records.json and records.xlsx made here after all
    change_report(plain)
    monkeypatch.setenv("TRACKER_CACHE", "off")
    run_build(plain, "--jobs", "2")
    for name in ("records.json", "records.xlsx"):
        assert (kept / "output" / name).read_bytes() == (plain / "output" / name).read_bytes(), name


def _noted(task, sent: dict[str, list]):
    if task is not None:
        sent[task.kind] = [record for record in task.data.records if record is not None]
    return task


def _emptied(task):
    """The task as slimmed made it, with the file of kept rows it counts on gone."""
    if task is not None and task.data.rows.path is not None:
        task.data.rows.path.unlink(missing_ok=True)
    return task


def all_records(root: Path) -> dict[tuple[str, str], object]:
    """(unit, indicator) -> the value records.xlsx shows for its target."""
    ws = load_workbook(root / "output" / "records.xlsx")["记录"]
    return {(row[2], row[3]): row[7] for row in ws.iter_rows(min_row=2, values_only=True) if row[5] == "目标"}

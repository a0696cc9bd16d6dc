"""The update loop: build from the seeds, type figures into a tracker as a user would, build again."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import load_workbook

from tests.helpers import SEEDS
from tracker.cli import cli
from tracker.config import Project
from tracker.errors import LedgerBusy
from tracker.ledger import Ledger
from tracker.pipeline import BuildOptions, build

# Every test here runs whole builds, several times over.
pytestmark = pytest.mark.slow

AS_OF = date(2024, 9, 30)
UNIT = "乌鲁木齐高新区(新市区)"
TRACKER = f"trackers/{UNIT}.xlsx"


def run_build(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["build", "--root", str(root), "--as-of", AS_OF.isoformat(), *extra])


@pytest.fixture
def project(seeds_copy: Path) -> Path:
    result = run_build(seeds_copy, "--jobs", "1")
    assert result.exit_code == 0, result.output + result.stderr
    return seeds_copy


def type_into(path: Path, entries: dict[str, tuple[object, object]]) -> dict[str, str]:
    """Type (figure, as-of date) into the 实际完成 and 数据截至 cells of the named indicators,
    finding rows and columns by their visible labels as a person would; returns indicator -> cell."""
    book = load_workbook(path)
    ws = book["目标跟踪"]
    header = next(row for row in ws.iter_rows() if any(c.value == "指标名称" for c in row))
    column = {c.value: c.column_letter for c in header if c.value}
    cells = {}
    for row in ws.iter_rows(min_row=header[0].row + 1):
        name = row[1].value
        if name in entries:
            figure, day = entries[name]
            ws[f"{column['实际完成']}{row[0].row}"] = figure
            ws[f"{column['数据截至']}{row[0].row}"] = day
            cells[name] = f"{column['实际完成']}{row[0].row}"
    book.save(path)
    return cells


def status_json(root: Path) -> dict:
    result = CliRunner().invoke(cli, ["status", "--root", str(root), "--format", "json", "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.output)


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_typed_figures_reach_ledger_tracker_status_history_and_memo(project: Path) -> None:
    cells = type_into(project / "output" / TRACKER, {
        "技术合同成交额": ("6.2亿元", datetime(2024, 9, 30)),
        "高新技术企业数": (210, datetime(2024, 9, 30)),
    })
    result = run_build(project)
    assert result.exit_code == 0, result.stderr
    assert "recorded 2 new figures" in result.output

    with Ledger.open(project / "tracker.db") as ledger:
        history = {a.indicator: a for a in ledger.actual_history(UNIT)}
    assert history["技术合同成交额"].value == 6.2
    assert history["技术合同成交额"].origin == f"{TRACKER}!目标跟踪!{cells['技术合同成交额']}"
    assert history["高新技术企业数"].value == 210
    assert history["高新技术企业数"].as_of == AS_OF

    ws = load_workbook(project / "output" / TRACKER)["目标跟踪"]
    assert ws[cells["技术合同成交额"]].value == 6.2
    assert ws[cells["高新技术企业数"]].value == 210
    shown = [[c.value for c in row] for row in load_workbook(project / "output" / TRACKER)["历史"].iter_rows()]
    assert any(row[1:4] == ["技术合同成交额", 2024, 6.2] for row in shown)

    unit = next(u for u in status_json(project)["units"] if u["unit"] == UNIT)
    contract = next(s for s in unit["statuses"] if s["target"]["indicator"] == "技术合同成交额")
    assert contract["completion"] == 0.62
    assert contract["code"] == "behind"

    memo = "\n".join(p.text for p in open_docx(project / "output" / "memos" / f"{UNIT}.docx").paragraphs)
    assert "技术合同成交额完成6.2亿元，完成年度目标（超过10亿元）的62.0%，低于序时进度13.0个百分点。" in memo


def test_a_second_rerun_changes_nothing(project: Path) -> None:
    type_into(project / "output" / TRACKER, {"技术合同成交额": (3, datetime(2024, 6, 30))})
    assert run_build(project).exit_code == 0
    before = mtimes(project / "output")
    db_rows = sqlite3.connect(project / "tracker.db").execute("SELECT COUNT(*) FROM actuals").fetchone()
    result = run_build(project)
    assert result.exit_code == 0
    assert "wrote 0 files" in result.output
    assert mtimes(project / "output") == before
    assert sqlite3.connect(project / "tracker.db").execute("SELECT COUNT(*) FROM actuals").fetchone() == db_rows


def test_a_change_to_one_unit_rewrites_only_its_files_and_the_summaries(project: Path) -> None:
    type_into(project / "output" / TRACKER, {"创新平台数": (90, datetime(2024, 9, 30))})
    before = mtimes(project / "output")
    assert run_build(project).exit_code == 0
    after = mtimes(project / "output")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == sorted([".tracker-state.json", "memos/总体情况.docx", f"memos/{UNIT}.docx", "summary.xlsx", TRACKER])


def test_a_bad_value_is_reported_and_its_workbook_left_as_typed(project: Path) -> None:
    cells = type_into(project / "output" / TRACKER, {"技术合同成交额": ("很多", datetime(2024, 9, 30))})
    typed = (project / "output" / TRACKER).read_bytes()
    result = run_build(project)
    assert result.exit_code == 1
    assert f"{TRACKER}!目标跟踪!{cells['技术合同成交额']}" in result.stderr
    assert "'很多'" in result.stderr
    assert (project / "output" / TRACKER).read_bytes() == typed
    assert "3 units" in result.output  # the other units were still built


def test_a_workbook_open_in_excel_is_not_overwritten(project: Path) -> None:
    path = project / "output" / TRACKER
    type_into(path, {"技术合同成交额": (5, datetime(2024, 9, 30))})
    typed = path.read_bytes()
    lock = path.with_name("~$" + path.name)
    lock.write_bytes(b"owner")
    result = run_build(project)
    assert result.exit_code == 1
    assert f"- {TRACKER}: is open in Excel or LibreOffice, so it was neither read nor updated; " \
           "save and close it, then run tracker build again" in result.stderr
    assert path.read_bytes() == typed
    lock.unlink()
    assert run_build(project).exit_code == 0
    assert load_workbook(path)["目标跟踪"]


def test_review_decisions_survive_a_document_edit_that_shifts_every_offset(project: Path) -> None:
    records = json.loads((project / "output" / "records.json").read_text(encoding="utf-8"))["records"]
    platforms = next(r for r in records if r["indicator"] == "创新平台数")
    contract = next(r for r in records if r["indicator"] == "技术合同成交额")
    runner = CliRunner()
    assert runner.invoke(cli, ["review", platforms["id"], "--reject", "--root", str(project)]).exit_code == 0
    assert runner.invoke(cli, ["review", contract["id"], "--set", "value=12", "--root", str(project)]).exit_code == 0
    seed = project / "seeds" / "乌鲁木齐高新区-产业链动春潮涌.txt"
    seed.write_text("（本文有删改）\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_build(project)
    assert result.exit_code == 0, result.stderr
    assert "(1 extracted anew)" in result.output
    after = {r["id"]: r for r in json.loads((project / "output" / "records.json").read_text(encoding="utf-8"))["records"]}
    assert platforms["id"] not in after
    assert after[contract["id"]]["value"] == 12
    assert after[contract["id"]]["source"]["start"] > contract["source"]["start"]
    unit = next(u for u in status_json(project)["units"] if u["unit"] == UNIT)
    assert {s["target"]["indicator"] for s in unit["statuses"]} == {"高新技术企业数", "科技型中小企业入库数", "技术合同成交额",
                                                          "全社会研发经费投入增速"}


def test_decisions_typed_into_records_xlsx_are_applied_or_the_file_left_as_typed(project: Path) -> None:
    path = project / "output" / "records.xlsx"
    book = load_workbook(path)
    ws = book.active
    header = [c.value for c in ws[1]]
    decision = header.index("决定") + 1
    rows = {ws.cell(r, header.index("指标") + 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["创新平台数"], decision).value = "拒绝"
    book.save(path)
    result = run_build(project)
    assert result.exit_code == 0, result.stderr
    assert "and 1 review decision." in result.output
    records = json.loads((project / "output" / "records.json").read_text(encoding="utf-8"))["records"]
    assert "创新平台数" not in {r["indicator"] for r in records}

    book = load_workbook(path)
    ws = book.active
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, header.index("指标") + 1).value == "技术合同成交额")
    ws.cell(row, decision).value = "同意"
    book.save(path)
    typed = path.read_bytes()
    result = run_build(project)
    assert result.exit_code == 1
    cell = f"{ws.cell(row, decision).column_letter}{row}"
    assert f"- records.xlsx!记录!{cell}: not a decision (found '同意'); expected 确认, 拒绝 or 修改.\n" in result.stderr
    assert "- records.xlsx: not rewritten, so the cells named above can be fixed.\n" in result.stderr
    assert path.read_bytes() == typed


def test_outputs_are_the_same_whatever_the_number_of_jobs(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "parallel"
    shutil.copytree(project / "seeds", other / "seeds")
    shutil.copy(project / "tracker.toml", other / "tracker.toml")
    assert run_build(other, "--jobs", "2").exit_code == 0
    one, two = project / "output", other / "output"
    names = sorted(p.relative_to(one).as_posix() for p in one.rglob("*.xlsx"))
    assert names == sorted(p.relative_to(two).as_posix() for p in two.rglob("*.xlsx"))
    for name in names:
        assert _cells(one / name) == _cells(two / name), name
    for memo in sorted((one / "memos").glob("*.docx")):
        assert _paragraphs(memo) == _paragraphs(two / "memos" / memo.name)


def _cells(path: Path) -> dict:
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def _paragraphs(path: Path) -> list[str]:
    doc = open_docx(path)
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]


def test_a_second_build_on_the_same_ledger_stops_with_a_clear_message(project: Path) -> None:
    db = project / "tracker.db"
    with Ledger.open(db, wait=0), pytest.raises(LedgerBusy) as caught:
        build(Project.at(project), BuildOptions(as_of=AS_OF, lock_wait=0))
    assert str(caught.value) == f"Another tracker build is using {db}; wait for it to finish and run again."


@pytest.mark.parametrize("after", [0.8, 1.6, 2.4, 3.2])
def test_a_build_killed_at_any_moment_leaves_everything_readable(seeds_copy: Path, after: float) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    for copy in range(3):  # more documents, so the kill lands mid-way through some stage
        for seed in SEEDS.iterdir():
            shutil.copy(seed, seeds_copy / "seeds" / f"{copy}-{seed.name}")
    assert run_build(seeds_copy, "--jobs", "1").exit_code == 0
    seed = seeds_copy / "seeds" / "乌鲁木齐高新区-产业链动春潮涌.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("280家", "300家"), encoding="utf-8")
    type_into(seeds_copy / "output" / TRACKER, {"技术合同成交额": (4, datetime(2024, 9, 30))})
    child = subprocess.Popen([sys.executable, "-m", "tracker", "build", "--root", str(seeds_copy), "--as-of",
                              AS_OF.isoformat(), "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    time.sleep(after)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    with sqlite3.connect(seeds_copy / "tracker.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Ledger.open(seeds_copy / "tracker.db") as ledger:
        assert ledger.records()
    output = seeds_copy / "output"
    for path in output.rglob("*.xlsx"):
        load_workbook(path)
    for path in output.rglob("*.docx"):
        open_docx(path)
    for path in output.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    result = run_build(seeds_copy)
    assert result.exit_code == 0, result.stderr
    assert not [p for p in output.rglob(".*.tmp")] and not [p for p in output.rglob(".*.xlsx")]
    with Ledger.open(seeds_copy / "tracker.db") as ledger:
        assert any(a.value == 4 for a in ledger.actual_history(UNIT))
        assert any(r.value == 300 for r in ledger.records())


def test_by_default_only_catalogue_or_confirmed_indicators_reach_the_trackers(seeds_copy: Path) -> None:
    (seeds_copy / "tracker.toml").unlink()
    result = run_build(seeds_copy, "--jobs", "1")
    assert result.exit_code == 0, result.output + result.stderr
    assert "1 unit: wrote" in result.output
    book = load_workbook(seeds_copy / "output" / TRACKER)
    names = {row[1] for row in book["目标跟踪"].iter_rows(min_row=2, values_only=True) if row[1]}
    assert "高新技术企业数" in names
    with Ledger.open(seeds_copy / "tracker.db") as ledger:
        unknown = [r for r in ledger.records() if r.indicator_id is None and r.kind == "target"]
    assert unknown and not {r.indicator for r in unknown} & names

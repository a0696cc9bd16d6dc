"""Re-runs cost what changed, the number of jobs changes nothing, and workers die with the build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import load_workbook

from tests.helpers.projects import UNITS, units_project
from tracker.cli import cli
from tracker.ledger import Ledger
from tracker.pipeline.workers import FORK_SERVER

pytestmark = pytest.mark.slow

AS_OF = date(2024, 9, 30)
UNIT = UNITS[1]
TRACKER = f"trackers/{UNIT}.xlsx"


def run_build(root: Path, *extra: str):
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--as-of", AS_OF.isoformat(), *extra])
    assert result.exit_code == 0, result.output + result.stderr
    return result


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in after if after[name] != before.get(name))


def type_figure(path: Path, indicator: str, figure: object) -> None:
    """Type a figure and its date into the row of `indicator`, as a user would in Excel."""
    book = load_workbook(path)
    ws = book["目标跟踪"]
    header = next(row for row in ws.iter_rows(max_row=30) if any(c.value == "指标名称" for c in row))
    column = {c.value: c.column_letter for c in header if c.value}
    row = next(r[0].row for r in ws.iter_rows(min_row=header[0].row + 1) if r[1].value == indicator)
    ws[f"{column['实际完成']}{row}"] = figure
    ws[f"{column['数据截至']}{row}"] = datetime(2024, 9, 30)
    book.save(path)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = units_project(tmp_path / "project", 5)
    run_build(root, "--jobs", "2")
    return root


def content(path: Path) -> object:
    """What a user sees in an output file: cell values, paragraphs and table cells, JSON, text."""
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    if path.suffix == ".docx":
        doc = open_docx(path)
        return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    if path.name == ".tracker-state.json":
        return json.loads(path.read_text(encoding="utf-8"))["fingerprints"]
    return path.read_bytes()


def test_one_job_and_two_jobs_write_the_same_files(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "one-job"
    shutil.copytree(project / "seeds", other / "seeds")
    run_build(other, "--jobs", "1")
    one, two = other / "output", project / "output"
    names = sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert len([name for name in names if name.startswith("trackers/")]) == 5
    for name in names:
        assert content(one / name) == content(two / name), name
        if name.startswith(("trackers/", "memos/")) or name == "summary.xlsx":
            assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_an_unchanged_rerun_writes_no_file(project: Path) -> None:
    before = stamps(project / "output")
    result = run_build(project, "--jobs", "2")
    assert "5 units: wrote 0 files, 14 unchanged" in result.output
    assert stamps(project / "output") == before


def test_one_typed_figure_rewrites_its_unit_and_the_outputs_across_units(project: Path) -> None:
    type_figure(project / "output" / TRACKER, "技术合同成交额", 11)
    before = stamps(project / "output")
    result = run_build(project, "--jobs", "2")
    assert "recorded 1 new figure " in result.output
    assert changed(before, stamps(project / "output")) == sorted(
        [".tracker-state.json", TRACKER, f"memos/{UNIT}.docx", "summary.xlsx", "memos/总体情况.docx"])


def test_the_ledger_a_build_wrote_is_not_checked_again_by_the_next(project: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    backups_module = importlib.import_module("tracker.ledger.backups")
    checked: list[str] = []
    real = backups_module.integrity_problems
    monkeypatch.setattr(backups_module, "integrity_problems", lambda conn: checked.append("checked") or real(conn))
    type_figure(project / "output" / TRACKER, "技术合同成交额", 11)
    run_build(project, "--jobs", "1")   # writes the figure to the ledger it found sound
    assert checked == []                # (marked sound by the build before)
    run_build(project, "--jobs", "1")
    assert checked == []
    with Ledger.open(project / "tracker.db") as ledger:
        assert [a.value for a in ledger.actual_history() if a.indicator == "技术合同成交额" and a.unit == UNIT] == [11]


def test_a_review_decision_rewrites_its_records_unit_and_the_outputs_across_units(project: Path) -> None:
    # Records read as stored are fingerprinted by their stored text, a corrected one by its
    # content: the correction changes its unit's outputs and no other unit's (the overall memo
    # shows the unit's statuses, which one goal's value did not change).
    with Ledger.open(project / "tracker.db") as ledger:
        chosen = next(r for r in ledger.records() if r.unit == UNIT and r.kind == "target")
        ledger.decide(chosen.id, "set", {"value": chosen.value + 1})
    before = stamps(project / "output")
    run_build(project, "--jobs", "2")
    assert changed(before, stamps(project / "output")) == sorted(
        [".tracker-state.json", TRACKER, f"memos/{UNIT}.docx", "summary.xlsx", "records.json", "records.xlsx"])


def test_only_trackers_changed_since_the_last_build_are_read_back(project: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.entries.trackers as trackers

    read: list[str] = []
    real = trackers.read_tracker

    def spy(path, **options):
        read.append(Path(path).name)
        return real(path, **options)

    monkeypatch.setattr(trackers, "read_tracker", spy)
    type_figure(project / "output" / TRACKER, "技术合同成交额", 11)
    run_build(project, "--jobs", "1")
    assert read == [f"{UNIT}.xlsx"]
    read.clear()
    run_build(project, "--jobs", "1")
    assert read == []


def test_a_new_ledger_reads_every_tracker_again_so_no_typed_figure_is_lost(project: Path) -> None:
    type_figure(project / "output" / TRACKER, "技术合同成交额", 11)
    run_build(project, "--jobs", "1")
    for path in project.glob("tracker.db*"):
        if path.is_file():   # the ledger, not its backups
            path.unlink()
    result = run_build(project, "--jobs", "1")
    assert "recorded 1 new figure " in result.output
    with Ledger.open(project / "tracker.db") as ledger:
        assert [a.value for a in ledger.actual_history(UNIT)] == [11]


def test_a_figure_imported_by_another_command_reaches_the_outputs(project: Path, tmp_path: Path) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text(f"单位,指标,年度,实际完成,数据截至\n{UNIT},技术合同成交额,2024,12,2024-09-30\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["actuals", "import", str(figures), "--root", str(project)])
    assert result.exit_code == 0, result.stderr
    before = stamps(project / "output")
    run_build(project, "--jobs", "1")
    assert TRACKER in changed(before, stamps(project / "output"))
    book = load_workbook(project / "output" / TRACKER)
    assert 12 in [c.value for row in book["目标跟踪"].iter_rows() for c in row]


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found.update(int(c) for c in children)
        todo += [int(c) for c in children]
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_workers_exit_when_the_build_is_killed(tmp_path: Path) -> None:
    root = units_project(tmp_path / "project", len(UNITS))
    child = subprocess.Popen([sys.executable, "-m", "tracker", "build", "--root", str(root), "--as-of",
                              AS_OF.isoformat(), "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    # Two workers, with multiprocessing's resource tracker, and the fork server that forks them where there is one.
    wanted = 4 if FORK_SERVER else 3
    deadline = time.monotonic() + 120
    while len(workers) < wanted and child.poll() is None and time.monotonic() < deadline:
        workers = _descendants(child.pid)
        time.sleep(0.02)
    assert len(workers) >= wanted, "the build finished before its workers could be seen"
    os.kill(child.pid, signal.SIGKILL)  # the build alone: its workers must notice by themselves
    child.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left


def test_a_script_without_a_main_guard_still_builds_and_is_told_why_it_was_slow(tmp_path: Path) -> None:
    root = units_project(tmp_path / "project", 3)
    script = tmp_path / "run_build.py"
    script.write_text(
        "from datetime import date\nfrom pathlib import Path\nimport tracker\n"
        f"result = tracker.build(tracker.Project.at(Path({str(root)!r})), "
        "tracker.BuildOptions(as_of=date(2024, 9, 30), jobs=2))\n"
        "print(len(result.written), result.notes)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'put the call under `if __name__ == "__main__":`' in done.stdout
    assert sorted(p.name for p in (root / "output" / "trackers").glob("*.xlsx")) == sorted(
        f"{unit}.xlsx" for unit in UNITS[:3])


class InlinePool:
    """A pool of workers that writes what it is given in the build's own process, and says so in `events`."""

    def __init__(self, jobs: int, ctx: object, events: list, sent: dict) -> None:
        self.ctx, self.events, self.sent = ctx, events, sent
        events.append(("pool", jobs))

    def submit(self, function: Callable, *task: object) -> Future:
        import tracker.pipeline.render as render_stage

        future: Future = Future()
        if not task:  # the first worker's warm-up
            self.events.append(function.__name__)
            future.set_result(None)
            return future
        self.sent[task[0].path.name] = task[0].data
        future.set_result(render_stage._attempt(task[0], self.ctx))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        if not getattr(self, "down", False):  # as a pool's, a second shutdown does nothing more
            self.down = True
            self.events.append("shutdown")


def inline_pools(monkeypatch: pytest.MonkeyPatch) -> tuple[list, dict]:
    """The build's pools made InlinePools; what happened, in order (with the status worked out), and what was sent."""
    import tracker.pipeline as pipeline
    import tracker.pipeline.workers as workers

    events: list = []
    sent: dict = {}
    monkeypatch.setattr(workers, "worker_pool", lambda jobs, ctx: InlinePool(jobs, ctx, events, sent))
    status = pipeline._status_kept
    monkeypatch.setattr(pipeline, "_status_kept", lambda *args: events.append("status") or status(*args))
    return events, sent


def test_outputs_across_units_are_written_by_the_build_or_sent_to_workers_as_plans(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """records.json, records.xlsx and summary.xlsx show every record or target: a worker would need
    a copy of them all. The overall memo is worked out here and only laid out by a worker."""
    from tracker.render.memo.write import OverallPlan

    _, sent = inline_pools(monkeypatch)
    root = units_project(tmp_path / "project", 2)
    run_build(root, "--jobs", "2")
    assert sorted(sent) == sorted([f"{UNITS[0]}.xlsx", f"{UNITS[0]}.docx", f"{UNITS[1]}.xlsx", f"{UNITS[1]}.docx",
                                   "总体情况.docx"])
    assert isinstance(sent["总体情况.docx"], OverallPlan)
    for name in ("records.json", "records.xlsx", "summary.xlsx", "memos/总体情况.docx"):
        assert (root / "output" / name).is_file(), name


def test_the_first_worker_starts_before_the_status_is_worked_out_when_outputs_are_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It warms up meanwhile; the second starts when the work is handed out (five outputs for
    workers: two are wanted). English outputs need the units' English names, from the status."""
    events, _ = inline_pools(monkeypatch)
    root = units_project(tmp_path / "project", 2)
    run_build(root, "--jobs", "2")
    assert events == [("pool", 1), "warm_up", "status", ("pool", 1), "shutdown", "shutdown"]
    events.clear()
    run_build(root, "--jobs", "2", "--lang", "en")
    assert events == ["status", ("pool", 1), ("pool", 1), "shutdown", "shutdown"]
    events.clear()
    run_build(root, "--jobs", "2")   # nothing changed: no worker started
    assert events == []

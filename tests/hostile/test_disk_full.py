"""A full disk and a read-only output folder, for real: a small RAM disk and a read-only bind mount,
each in a mount namespace of its own (so nothing outlives the test). Needs root and unshare; skips
elsewhere (tests/test_outputs.py covers the same messages without them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tracker.ledger import Ledger

pytestmark = pytest.mark.slow


def _namespaces_missing() -> str | None:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return "needs root and unshare to mount a small disk"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True)
    return None if probe.returncode == 0 else "cannot mount in a new namespace here"


MISSING = _namespaces_missing()
needs_mounts = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

# Runs inside `unshare -m`: each step is a shell command (mounts) or a tracker command; prints what each gave.
DRIVER = """
import json, subprocess, sys
from click.testing import CliRunner
from tracker.cli import cli
results = []
for step in json.loads(sys.argv[1]):
    if step[0] == "sh":
        subprocess.run(step[1], shell=True, check=True)
        continue
    if step[0] == "type":   # a figure typed into the first row of a tracker, as a user would
        from datetime import datetime
        from openpyxl import load_workbook
        book = load_workbook(step[1])
        sheet = book["目标跟踪"]
        header = next(row for row in sheet.iter_rows() if any(cell.value == "指标名称" for cell in row))
        column = {cell.value: cell.column_letter for cell in header if cell.value}
        sheet[f"{column['实际完成']}{header[0].row + 1}"] = 1
        sheet[f"{column['数据截至']}{header[0].row + 1}"] = datetime(2024, 9, 30)
        book.save(step[1])
        continue
    result = CliRunner().invoke(cli, step)
    results.append({"code": result.exit_code, "out": result.stdout, "err": result.stderr,
                    "exception": repr(result.exception) if result.exception and result.exit_code not in (0, 1) else None})
print(json.dumps(results))
"""


def in_namespace(steps: list) -> list[dict]:
    done = subprocess.run(["unshare", "-m", sys.executable, "-c", DRIVER, json.dumps(steps)],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _project(root: Path) -> list:
    return [["sh", f"mkdir -p {root} && cp -r {SEEDS} {root}/seeds && printf 'unknown_indicators = \"all\"\\n' "
                   f"> {root}/tracker.toml"]]


def _changes(root: Path) -> list:
    """A figure typed into a tracker and a document changed, for the next build to record."""
    tracker = root / "output" / "trackers" / "兰州新区.xlsx"
    seed = root / "seeds" / "兰州新区-向新而生向质图强.txt"
    return [["type", str(tracker)], ["sh", f"printf '\\n兰州新区今年新增科技型中小企业500家。\\n' >> '{seed}'"]]


@needs_mounts
def test_a_full_disk_is_one_clear_message_and_nothing_is_lost(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    root = disk / "project"
    build = ["build", "--root", str(root), "--jobs", "2", "--as-of", "2024-09-30"]
    results = in_namespace([
        ["sh", f"mount -t tmpfs -o size=20m tmpfs {disk}"], *_project(root),
        build, *_changes(root),
        ["sh", f"dd if=/dev/zero of={disk}/filler bs=64k 2>/dev/null || true"],   # and then no space left at all
        build,
        ["sh", f"rm {disk}/filler"],
        build,
    ])
    first, full, freed = results
    assert first["code"] == 0, first
    assert full["code"] == 1 and full["exception"] is None, full
    lines = full["err"].splitlines()
    assert len(lines) == 1 and "Traceback" not in full["err"] and "cannot rollback" not in full["err"]
    assert lines[0].startswith((f"Error: Cannot write to {root}", f"Error: Could not write to the ledger {root}",
                                f"Error: Cannot open the ledger {root}"))
    assert "the disk is full" in lines[0]
    assert freed["code"] == 0, freed
    assert "(1 extracted anew); recorded 1 new figure and" in freed["out"]   # the typed figure was kept


@needs_mounts
def test_a_read_only_output_folder_is_one_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "project"
    output = root / "output"
    build = ["build", "--root", str(root), "--jobs", "2", "--as-of", "2024-09-30"]
    results = in_namespace([
        *_project(root),
        build, *_changes(root),
        ["sh", f"mount --bind {output} {output} && mount -o remount,bind,ro {output}"],
        build,
        ["sh", f"umount {output}"],
        build,
    ])
    first, read_only, writable = results
    assert first["code"] == 0, first
    assert read_only["code"] == 1 and read_only["exception"] is None, read_only
    assert read_only["err"].splitlines() == [
        f"Error: Cannot write to {output}: the folder is read-only (Read-only file system). Make it writable or "
        "choose another folder (--out DIR), and run again. Nothing was lost: every file is as it was or completely "
        "written."]
    # The figure typed before was recorded by the build that could not write its outputs; this one
    # writes them, with the figure.
    assert writable["code"] == 0 and "recorded 0 new figures" in writable["out"], writable
    with Ledger.open(root / "tracker.db") as ledger:
        assert [(a.unit, a.value) for a in ledger.actual_history()] == [("兰州新区", 1.0)]

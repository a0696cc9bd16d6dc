"""Whole-build speed and memory: cold build, re-run with nothing changed, re-run after one unit's
figures change, with one process and with all cores, beside a baseline in the same run.

Usage: python benchmarks/build_speed.py [--copies 6]

The project is the seeds copied `--copies` times (each copy under its own name, so every
document is read and extracted). Each step runs `tracker build` in a fresh process and reports
its wall time and peak memory (max RSS of that process; worker processes have their own).
The baseline is `tracker --version` in a fresh process: interpreter start-up and imports,
which every command pays. No assertions: figures for the closing note.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = ("--as-of", "2024-09-30")


def run(project: Path, *args: str) -> tuple[float, float]:
    """(seconds, peak MB) of one tracker command in a fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "tracker", *args], cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"tracker {' '.join(args)} failed with {status}")
    return elapsed, usage.ru_maxrss / 1024


def type_figure(tracker: Path) -> None:
    """Type one figure into a tracker, as a user would in Excel."""
    from openpyxl import load_workbook

    book = load_workbook(tracker)
    ws = book["目标跟踪"]
    header = next(row for row in ws.iter_rows() if any(c.value == "指标名称" for c in row))
    column = {c.value: c.column_letter for c in header if c.value}
    row = header[0].row + 1
    ws[f"{column['实际完成']}{row}"] = 1
    ws[f"{column['数据截至']}{row}"] = datetime(2024, 9, 30)
    book.save(tracker)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=6)
    args = parser.parse_args()
    cores = str(os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "seeds").mkdir()
        for copy in range(args.copies):
            for seed in sorted((ROOT / "seeds").iterdir()):
                shutil.copy(seed, project / "seeds" / f"{copy:02d}-{seed.name}")
        steps = [("baseline: tracker --version", run(project, "--version"))]
        steps.append(("cold build, 1 job", run(project, "build", *AS_OF, "--jobs", "1")))
        steps.append(("re-run, nothing changed", run(project, "build", *AS_OF)))
        type_figure(project / "output" / "trackers" / "乌鲁木齐高新区(新市区).xlsx")
        steps.append(("re-run, one unit's figure typed", run(project, "build", *AS_OF)))
        shutil.rmtree(project / "output")
        (project / "tracker.db").unlink()
        steps.append((f"cold build, {cores} jobs", run(project, "build", *AS_OF, "--jobs", cores)))
        print(f"project: {args.copies * 5} documents ({args.copies} copies of the seeds), as of 2024-09-30")
        for label, (seconds, peak) in steps:
            print(f"{label:34} {seconds:7.2f} s   peak {peak:5.0f} MB")


if __name__ == "__main__":
    main()

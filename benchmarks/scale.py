"""A national build: the tool against the raw-library floor for the same outputs, at N units.

Usage: python benchmarks/scale.py [--units 100 300 1000 3000] [--jobs 2] [--seed 2024] [--keep DIR]
       python benchmarks/scale.py --again DIR [--units 3000] [--jobs 2] [--seed 2024]

For each N a seeded synthetic project is generated (benchmarks/scale_project.py: counties, cities
and zones, a work report each and mid-year news for some, with targets, achievements, company
news and noise), and these steps run one after another, each `tracker build --jobs J` in a fresh
process, timed by the wall clock:

  cold            the first build: every document read, every output written
  figures         `tracker actuals template`, about 85% of the rows filled as of 2024-09-30, and
                  `tracker actuals import` (timed apart), then a build: every unit re-rendered
  unchanged       a build with nothing changed
  one document    one unit's work report replaced by a corrected copy, then a build
  one figure      one figure typed into another unit's tracker (openpyxl, as Excel saves it), then a build

Beside each step, the floor (benchmarks/scale_floor.py) writes the same files with openpyxl,
python-docx, matplotlib and json directly, in a fresh process with a pool of J workers: the
description it copies is read from the tool's own outputs after the cold build and after the
figures. Printed per step: the tool's seconds, the floor's, their ratio, the files the tool
wrote (a file counts when its bytes or its time stamp changed), and the peak memory of the
build (the sum of the proportional set sizes of the build's processes, sampled every 200 ms).
No assertions: the figures go to benchmarks/README.md.

With --again, the projects a run kept in DIR (--keep DIR) are measured again at the three re-run
steps only (unchanged, one document, one figure), each against its floor: the same units are
changed as in the whole run (the report gets figures other than those it has now, the typed
figure grows by 7 again), so a change to the re-run path is measured in minutes, not in the hour
a national project takes to make and build.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scale_floor  # noqa: E402
import scale_project  # noqa: E402

AS_OF = ("--as-of", "2024-09-30")
OVERALL = "总体情况"
STEPS = ("cold", "figures", "unchanged", "one document", "one figure")


class Peak(threading.Thread):
    """The largest sum of PSS over a process and its descendants, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(0.2)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MB) of a command in a fresh process; stops the benchmark if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = Peak(child.pid)
        sampler.start()
        _, status, _ = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        sampler.running = False
        sampler.join()
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({status}):\n{errors.read().decode(errors='replace')[-3000:]}")
    return elapsed, sampler.peak / 1024 / 1024


def tracker(project: Path, *args: str) -> tuple[float, float]:
    return run([sys.executable, "-m", "tracker", *args], project)


def floor(mode: str, description: Path, folder: Path, jobs: int, unit: str = "") -> float:
    shutil.rmtree(folder, ignore_errors=True)
    seconds, _ = run([sys.executable, str(HERE / "scale_floor.py"), mode, str(description), str(folder),
                      "--jobs", str(jobs), *(["--unit", unit] if unit else [])], HERE)
    return seconds


def snapshot(output: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in output.rglob("*") if p.is_file()}


def changed(before: dict, after: dict) -> int:
    return sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def describe(project: Path, to: Path) -> Path:
    description = scale_floor.describe(project / "output", project / "seeds", OVERALL)
    with to.open("wb") as out:
        pickle.dump(description, out, protocol=pickle.HIGHEST_PROTOCOL)
    return to


def type_figure(path: Path) -> None:
    """Type a figure into the tracker's first target row, as a user would in Excel."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["目标跟踪"]
    header = next(row for row in ws.iter_rows(max_row=30) if any(c.value == "指标名称" for c in row))
    column = {c.value: c.column_letter for c in header if c.value}
    cell = ws[f"{column['实际完成']}{header[0].row + 1}"]
    cell.value = (cell.value or 0) + 7 if isinstance(cell.value, int | float) else 7
    ws[f"{column['数据截至']}{header[0].row + 1}"] = datetime(2024, 9, 30)
    book.save(path)


def measure(units: int, jobs: int, seed: int, folder: Path) -> dict[str, tuple]:
    """step -> (tool s, floor s, files written, peak MB) for one project of `units` units."""
    project, floors = folder / "project", folder / "floor"
    chosen = scale_project.write_project(project, units, seed)
    build = ("build", *AS_OF, "--jobs", str(jobs))
    output = project / "output"
    results: dict[str, tuple] = {}

    seconds, peak = tracker(project, *build)
    results["cold"] = (seconds, floor("cold", describe(project, folder / "cold.pkl"), floors, jobs),
                       len(snapshot(output)), peak)

    template, filled = folder / "template.csv", folder / "figures.csv"
    tracker(project, "actuals", "template", "-o", str(template))
    figures = scale_project.fill_actuals(template, filled, seed)
    imported, _ = tracker(project, "actuals", "import", str(filled))
    before = snapshot(output)
    seconds, peak = tracker(project, *build)
    description = describe(project, folder / "figures.pkl")
    results["figures"] = (seconds, floor("cold", description, floors, jobs), changed(before, snapshot(output)), peak,
                          f"{figures} figures imported in {imported:.1f} s")

    before = snapshot(output)
    seconds, peak = tracker(project, *build)
    results["unchanged"] = (seconds, floor("unchanged", description, floors, jobs),
                            changed(before, snapshot(output)), peak)

    results.update(reruns(project, chosen, description, floors, jobs, seed, again=False))
    return results


def reruns(project: Path, chosen: list, description: Path, floors: Path, jobs: int, seed: int,
           again: bool) -> dict[str, tuple]:
    """The steps after the figures: one document replaced (by figures other than its own when
    `again`), then one figure typed. On a project measured `again`, an unchanged build comes first."""
    output, build = project / "output", ("build", *AS_OF, "--jobs", str(jobs))
    results: dict[str, tuple] = {}
    if again:
        tracker(project, *build)  # whatever the last run left to do (or the code's change) done first
        before = snapshot(output)
        seconds, peak = tracker(project, *build)
        results["unchanged"] = (seconds, floor("unchanged", description, floors, jobs),
                                changed(before, snapshot(output)), peak)
    edited, typed = chosen[0], chosen[1]
    (scale_project.change_document_again if again else scale_project.change_document)(project, edited, seed)
    before = snapshot(output)
    seconds, peak = tracker(project, *build)
    results["one document"] = (seconds, floor("document", description, floors, jobs, edited.name),
                               changed(before, snapshot(output)), peak)

    type_figure(output / "trackers" / f"{typed.name}.xlsx")
    before = snapshot(output)
    seconds, peak = tracker(project, *build)
    results["one figure"] = (seconds, floor("typed", description, floors, jobs, typed.name),
                             changed(before, snapshot(output)), peak)
    return results


def measure_again(units: int, jobs: int, seed: int, folder: Path) -> dict[str, tuple]:
    """The re-run steps on the project of `units` units kept in `folder` by an earlier run."""
    project = folder / "project"
    if not (project / "tracker.db").is_file() or not (folder / "figures.pkl").is_file():
        raise SystemExit(f"no project kept in {folder}: run with --units {units} --keep {folder.parent} first")
    return reruns(project, scale_project.pick_units(units, seed), folder / "figures.pkl", folder / "floor", jobs,
                  seed, again=True)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB; Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average {load}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, nargs="+", default=[100, 300, 1000, 3000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", type=Path, help="keep the projects in this folder")
    parser.add_argument("--again", type=Path, help="measure the re-runs again on the projects kept in this folder")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"jobs: {args.jobs}; seed {args.seed}; as of 2024-09-30")
    cold: dict[int, float] = {}
    for units in args.units:
        if args.again:
            folder = args.again / str(units)
            results = measure_again(units, args.jobs, args.seed, folder)
        else:
            with tempfile.TemporaryDirectory() as temporary:
                folder = (args.keep / str(units)) if args.keep else Path(temporary)
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                results = measure(units, args.jobs, args.seed, folder)
        documents = len(list((folder / "project" / "seeds").glob("*"))) if args.keep or args.again else None
        print(f"\n{units} units" + (f", {documents} documents" if documents else "") +
              f" (load average now {os.getloadavg()[0]:.2f})")
        print(f"  {'step':14} {'tool':>9} {'floor':>9} {'ratio':>7} {'files':>7} {'peak':>8}")
        for step in (step for step in STEPS if step in results):
            seconds, base, files, peak, *extra = results[step]
            print(f"  {step:14} {seconds:8.2f}s {base:8.2f}s {seconds / base:6.1f}x {files:7d} {peak:6.0f}MB"
                  + (f"   ({extra[0]})" if extra else ""))
        if "cold" in results:
            cold[units] = results["cold"][0]
        sys.stdout.flush()
    if 300 in cold and 3000 in cold:
        print(f"\ngrowth: cold(3000) / cold(300) = {cold[3000] / cold[300]:.1f}")


if __name__ == "__main__":
    main()

"""The outputs across units, each renderer alone: summary.xlsx, records.xlsx and the overall memo.

Usage: python benchmarks/cross_unit.py PROJECT [--repeat 3] [--baseline main] [--as-of 2024-09-30]

PROJECT is a built project folder (its ledger is only read; use a copy all the same). The unit
reports and the review data are computed as `tracker build` computes them (tracker.pipeline:
`_current`, `_status`, `plan`), once; then each renderer writes its file into a temporary folder,
`--repeat` times, each time in a forked process, and the best time is printed with the peak
memory the renderer added (the process's peak resident size above its size when it started,
reset through /proc/self/clear_refs) and the file's size.

Each file is made whole: the rows a build keeps for the next (render/workbook/row_cache.py) are
not used unless TRACKER_CACHE names a cache folder (`scale.py --again` measures re-runs with them).

With `--baseline REF` the same is measured first with the code of git revision REF (exported
with `git archive` into a temporary folder, which is put first on the path of a child process),
so the figures before and after a change come from the same run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("summary", "review", "overall")
SHOWN = {"summary": "summary.xlsx", "review": "records.xlsx", "overall": "overall memo"}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _tasks(project_folder: Path, as_of: date, lang: str):
    """The cross-unit tasks of a build of the project (computed as tracker.pipeline.build does) and the context."""
    os.environ.setdefault("TRACKER_CACHE", "off")   # each render makes its file whole (see the docstring)
    from tracker.config import Project
    from tracker.ledger import Ledger
    from tracker.pipeline import _current, _status, english_names
    from tracker.pipeline.documents import LazyKnowledge
    from tracker.pipeline.render import plan
    from tracker.render import RenderContext

    project = Project.at(project_folder)
    knowledge = LazyKnowledge(project.root)
    with Ledger.open(project.db) as ledger:
        everything, records, targets = _current(ledger, project)
        reports, review, _ = _status(ledger, everything, records, targets, as_of, project, lang)
    ctx = RenderContext(project.settings, lang, english_names(knowledge), as_of, project.template_source, {})
    tasks = {task.kind: task for task in plan(project, reports, ctx, review) if task.kind in KINDS}
    return tasks, ctx, len(reports), len(everything)


def _once(task, ctx, kind: str) -> tuple[float, float, int]:
    """(seconds, MB added at the peak, bytes written) of one render in a forked process."""
    from tracker.render import renderer

    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
            start_kb = _status_kb("VmRSS")
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / task.path.name
                began = time.perf_counter()
                renderer(kind)(ctx, task.data, path)
                elapsed = time.perf_counter() - began
                size = path.stat().st_size
            added = (_status_kb("VmHWM") - start_kb) / 1024
            os.write(write, json.dumps([elapsed, added, size]).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        answer = pipe.read()
    os.waitpid(child, 0)
    if not answer:
        raise SystemExit(f"rendering {kind} failed")
    return tuple(json.loads(answer))


def measure(project: Path, as_of: date, lang: str, repeat: int) -> dict:
    began = time.perf_counter()
    tasks, ctx, units, records = _tasks(project, as_of, lang)
    from tracker.render import renderer

    for kind in KINDS:  # imported before forking, as a build's worker has them after its first file
        renderer(kind)
    figures = {"units": units, "records": records, "prepare": time.perf_counter() - began}
    for kind in KINDS:
        runs = [_once(tasks[kind], ctx, kind) for _ in range(repeat)]
        figures[kind] = {"seconds": min(r[0] for r in runs), "mb": min(r[1] for r in runs), "bytes": runs[0][2]}
    return figures


def _baseline(ref: str, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", ref, "tracker"], cwd=ROOT, capture_output=True)
        if archive.returncode:
            raise SystemExit(f"cannot export {ref}: {archive.stderr.decode(errors='replace').strip()}")
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        env = dict(os.environ, PYTHONPATH=folder)
        out = subprocess.run([sys.executable, __file__, str(args.project), "--repeat", str(args.repeat),
                              "--as-of", args.as_of, "--lang", args.lang, "--json"],
                             env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"measuring {ref} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", help="git revision to measure first, in the same run")
    parser.add_argument("--as-of", default="2024-09-30")
    parser.add_argument("--lang", default="zh")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.project.resolve(), date.fromisoformat(args.as_of), args.lang, args.repeat)))
        return
    runs = {}
    if args.baseline:
        runs[args.baseline] = _baseline(args.baseline, args)
    runs["this tree"] = measure(args.project.resolve(), date.fromisoformat(args.as_of), args.lang, args.repeat)
    first = next(iter(runs.values()))
    print(f"{first['units']} units, {first['records']} records; best of {args.repeat}; "
          f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"  {'output':14}" + "".join(f"{name[:22]:>24}" for name in runs))
    for kind in KINDS:
        cells = [f"{r[kind]['seconds']:7.2f}s {r[kind]['mb']:6.0f}MB {r[kind]['bytes'] / 1e6:5.1f}MB"
                 for r in runs.values()]
        print(f"  {SHOWN[kind]:14}" + "".join(f"{c:>24}" for c in cells))


if __name__ == "__main__":
    main()

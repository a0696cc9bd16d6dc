"""Build stage 3: status -> workbooks and memos, only those whose inputs changed, on all cores.

Every output is a task with a fingerprint of what it is made from (state.py). Tasks whose
fingerprint is unchanged and whose file exists are skipped; the rest run in a process pool
(`jobs` workers). Each task writes its file atomically, and renderers are deterministic, so the
files are the same whatever the number of jobs.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.config import Project
from tracker.entries.carry import Carried
from tracker.errors import FileInUse
from tracker.messages import say
from tracker.models import Problem, UnitReport
from tracker.outputs import write_json
from tracker.pipeline.state import MEMO_KINDS, BuildState, fingerprint, renderer_fingerprint
from tracker.progress import Progress
from tracker.render import RENDERERS, RenderContext, Shortfall, cause_holds, renderer
from tracker.render.names import unique_file_names
from tracker.render.review_sheet import Review
from tracker.render.words import words
from tracker.render.workbook.summary import Summary
from tracker.render.workbook.tracker import TrackerFile

OVERALL_MEMO = words("memo")["overall_name"]


@dataclass(frozen=True)
class Task:
    path: Path
    kind: str                 # "records", or a renderer's kind (tracker.render.RENDERERS)
    fingerprint: str
    data: Any                 # what the renderer is given


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    shortfalls: dict[str, list[Path]] = field(default_factory=dict)   # cause -> outputs that lack something


def language_root(project: Project, lang: str) -> Path:
    return project.output if lang == "zh" else project.output / lang


def unit_files(units: Sequence[str], project: Project, lang: str) -> dict[str, str]:
    """Each unit's file name stem: its name in `lang`, made safe; no two units (nor a unit and the
    overall memo) share a file, whatever their names."""
    wanted = {unit: project.settings.unit_name(unit, lang) for unit in units}
    return unique_file_names(wanted, reserved=[OVERALL_MEMO[lang]])


def plan(project: Project, reports: Sequence[UnitReport], ctx: RenderContext, review: Review,
         records_json: Any, carried: Mapping[Path, Carried] | None = None) -> list[Task]:
    """Every output of the build, with the fingerprint of its inputs (its data, the settings,
    the language and names, and the code and templates that render it); a tracker carries what its
    user added (`carried`, by path)."""
    carried = carried or {}
    root = language_root(project, ctx.lang)
    looks = (ctx.settings, ctx.lang, ctx.names, dict(ctx.units_en))
    own_templates = tuple(sorted(project.templates.glob("*")))
    code = {kind: renderer_fingerprint(kind, own_templates if kind in MEMO_KINDS else ()) for kind in RENDERERS}
    tasks = [
        Task(project.output / "records.json", "records", fingerprint(records_json), records_json),
        Task(project.output / "records.xlsx", "review", fingerprint(code["review"], review), review),
    ]
    files = {}
    stems = unit_files([report.unit for report in reports], project, ctx.lang)
    for report in reports:
        name = stems[report.unit]
        files[report.unit] = f"trackers/{name}.xlsx"
        path = root / "trackers" / f"{name}.xlsx"
        data = TrackerFile(report, carried[path]) if path in carried else report
        tasks.append(Task(path, "tracker", fingerprint(code["tracker"], data, *looks), data))
        tasks.append(Task(root / "memos" / f"{name}.docx", "memo",
                          fingerprint(code["memo"], report, *looks), report))
    if reports:
        summary = Summary(tuple(reports), files)
        tasks.append(Task(root / "summary.xlsx", "summary",
                          fingerprint(code["summary"], summary, *looks), summary))
        tasks.append(Task(root / "memos" / f"{OVERALL_MEMO[ctx.lang]}.docx", "overall",
                          fingerprint(code["overall"], reports, *looks),
                          tuple(reports)))
    return tasks


def render(tasks: Sequence[Task], ctx: RenderContext, state: BuildState, keep: set[Path], jobs: int,
           progress: Progress) -> RenderResult:
    result = RenderResult()
    todo = []
    holds: dict[str, bool] = {}   # cause -> whether it still holds, checked once per build

    def still(cause: str) -> bool:
        if cause not in holds:
            holds[cause] = cause_holds(cause)
        return holds[cause]

    for task in tasks:
        causes = state.causes(task.path)
        if task.path in keep or (state.unchanged(task.path, task.fingerprint) and all(map(still, causes))):
            result.skipped += 1
            for cause in causes:  # still without what it lacked: said again on every build
                result.shortfalls.setdefault(cause, []).append(task.path)
        else:
            todo.append(task)
    if jobs <= 1 or len(todo) <= 1:
        outcomes = ((task, _attempt(task, ctx)) for task in todo)
        for task, outcome in progress.track(outcomes, say("progress.writing"), total=len(todo)):
            _done(task, outcome, state, result)
        return result
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_attempt, task, ctx): task for task in todo}
        for future in progress.track(as_completed(futures), say("progress.writing"), total=len(todo)):
            _done(futures[future], future.result(), state, result)
    return result


def _done(task: Task, outcome: list | FileInUse, state: BuildState, result: RenderResult) -> None:
    if isinstance(outcome, FileInUse):
        # Not recorded in the state, so the next build writes it.
        shown = task.path.relative_to(state.output).as_posix() if task.path.is_relative_to(state.output) \
            else str(task.path)
        result.problems.append(Problem(shown, say("inputs.opened_while_building")))
        return
    causes = [note.cause for note in outcome if isinstance(note, Shortfall)]
    state.record(task.path, task.fingerprint, causes)
    result.written.append(task.path)
    for cause in causes:
        result.shortfalls.setdefault(cause, []).append(task.path)
    result.notes += [str(note) for note in outcome if not isinstance(note, Shortfall)]


def _attempt(task: Task, ctx: RenderContext) -> list | FileInUse:
    try:
        return run_task(task, ctx)
    except FileInUse as exc:
        return exc


def run_task(task: Task, ctx: RenderContext) -> list:
    """Write one output; returns notes for the user (a Shortfall: a chart left out). Runs in a worker."""
    if task.kind == "records":
        write_json(task.path, task.data)
        return []
    notes = renderer(task.kind)(ctx, task.data, task.path)
    gc.collect()  # python-docx and openpyxl leave reference cycles behind
    return notes

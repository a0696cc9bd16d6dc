"""Build stage 3: status -> workbooks and memos, only those whose inputs changed, on all cores.

Every output is a task with a fingerprint of what it is made from (state.py). Tasks whose
fingerprint is unchanged and whose file exists are skipped; the rest run in a process pool
(`jobs` workers). Each task writes its file atomically, and renderers are deterministic, so the
files are the same whatever the number of jobs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker.config import Project
from tracker.models import Problem, UnitReport
from tracker.pipeline.state import BuildState, code_fingerprint, fingerprint
from tracker.progress import Progress
from tracker.render.names import safe_file_name

OVERALL_MEMO = {"zh": "总体情况", "en": "Overview"}


@dataclass(frozen=True)
class Task:
    path: Path
    kind: str                 # "tracker" | "summary" | "memo" | "overall" | "review" | "records"
    fingerprint: str
    payload: tuple[Any, ...]


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def language_root(project: Project, lang: str) -> Path:
    return project.output if lang == "zh" else project.output / lang


def unit_file(unit: str, project: Project, lang: str) -> str:
    return safe_file_name(project.settings.unit_name(unit, lang))


def plan(project: Project, reports: Sequence[UnitReport], lang: str, generated: date,
         names_en: dict[str, str], review: tuple[Any, ...], records_json: Any) -> list[Task]:
    """Every output of the build, with the fingerprint of its inputs."""
    root = language_root(project, lang)
    settings = project.settings
    workbook_code = code_fingerprint("render")
    memo_code = code_fingerprint("render", "templates", extra=tuple(sorted(project.templates.glob("*"))))
    tasks = [
        Task(project.output / "records.json", "records", fingerprint(records_json), (records_json,)),
        Task(project.output / "records.xlsx", "review", fingerprint(workbook_code, review), review),
    ]
    files = {}
    for report in reports:
        name = unit_file(report.unit, project, lang)
        files[report.unit] = f"trackers/{name}.xlsx"
        tasks.append(Task(root / "trackers" / f"{name}.xlsx", "tracker",
                          fingerprint(workbook_code, report, settings, lang, names_en),
                          (report, settings, lang, generated, names_en)))
        tasks.append(Task(root / "memos" / f"{name}.docx", "memo",
                          fingerprint(memo_code, report, settings, lang, names_en),
                          (report, project, lang, names_en)))
    if reports:
        tasks.append(Task(root / "summary.xlsx", "summary",
                          fingerprint(workbook_code, reports, settings, lang, names_en, files),
                          (tuple(reports), settings, lang, generated, files, names_en)))
        tasks.append(Task(root / "memos" / f"{OVERALL_MEMO[lang]}.docx", "overall",
                          fingerprint(memo_code, reports, settings, lang, names_en),
                          (tuple(reports), project, lang, names_en)))
    return tasks


def render(tasks: Sequence[Task], state: BuildState, keep: set[Path], jobs: int, progress: Progress) -> RenderResult:
    result = RenderResult()
    todo = []
    for task in tasks:
        if task.path in keep or state.unchanged(task.path, task.fingerprint):
            result.skipped += 1
        else:
            todo.append(task)
    if jobs <= 1 or len(todo) <= 1:
        outcomes = (( task, run_task(task)) for task in todo)
        for task, notes in progress.track(outcomes, "Writing trackers and memos", total=len(todo)):
            _done(task, notes, state, result)
        return result
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run_task, task): task for task in todo}
        for future in progress.track(as_completed(futures), "Writing trackers and memos", total=len(todo)):
            _done(futures[future], future.result(), state, result)
    return result


def _done(task: Task, notes: list[str], state: BuildState, result: RenderResult) -> None:
    state.record(task.path, task.fingerprint)
    result.written.append(task.path)
    result.notes += notes


def run_task(task: Task) -> list[str]:
    """Write one output; returns notes for the user (e.g. a chart left out). Runs in a worker."""
    notes = _WRITERS[task.kind](task.path, *task.payload)
    gc.collect()  # python-docx and openpyxl leave reference cycles behind
    return notes or []


def _tracker(path, report, settings, lang, generated, names_en):
    from tracker.render.workbook.tracker import write_unit_workbook

    write_unit_workbook(report, path, settings, lang, generated=generated, names_en=names_en)


def _summary(path, reports, settings, lang, generated, files, names_en):
    from tracker.render.workbook.summary import write_summary_workbook

    write_summary_workbook(reports, path, settings, lang, generated=generated, tracker_files=files,
                           names_en=names_en)


def _memo(path, report, project, lang, names_en):
    from tracker.render.memo.write import write_unit_memo

    return [str(problem) for problem in write_unit_memo(report, path, project, lang, names_en).problems]


def _overall(path, reports, project, lang, names_en):
    from tracker.render.memo.write import write_overall_memo

    return [str(problem) for problem in write_overall_memo(reports, path, project, lang, names_en).problems]


def _review(path, records, reviews):
    from tracker.render.review_sheet import write_review_workbook

    write_review_workbook(records, path, reviews)


def _records(path, data):
    from tracker.outputs import write_json

    write_json(path, data)


_WRITERS: dict[str, Callable[..., list[str] | None]] = {
    "tracker": _tracker, "summary": _summary, "memo": _memo, "overall": _overall,
    "review": _review, "records": _records,
}

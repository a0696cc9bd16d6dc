"""Build stage 3: status -> workbooks and memos, only those whose inputs changed, on all cores.

Every output is a task with a fingerprint of what it is made from (state.py). Tasks whose
fingerprint is unchanged and whose file exists are skipped; the rest run in a process pool
(`jobs` workers, workers.py). Each task writes its file atomically, and renderers are deterministic, so the
files are the same whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.config import Project
from tracker.entries.carry import Carried
from tracker.errors import FileInUse
from tracker.ledger.rows import StoredDigests
from tracker.messages import say
from tracker.models import FLAG_REJECTED, Problem, UnitReport
from tracker.outputs import write_json
from tracker.pipeline import derived, kept_rows
from tracker.pipeline.collector import collection_paused, frozen
from tracker.pipeline.state import (
    MEMO_KINDS,
    BuildState,
    digest_with,
    fingerprint,
    hashed,
    renderer_fingerprint,
)
from tracker.pipeline.workers import Workers, give_back_memory, worker_context
from tracker.progress import Progress
from tracker.render import PREPARERS, RENDERERS, RenderContext, Shortfall, cause_holds, prepared, renderer
from tracker.render.names import unique_file_names
from tracker.render.review_sheet import Review
from tracker.render.words import words
from tracker.render.workbook.row_cache import RowCache, RowsGone
from tracker.render.workbook.summary import Summary
from tracker.render.workbook.tracker import TrackerFile

OVERALL_MEMO = words("memo")["overall_name"]
CROSS_UNIT = ("overall", "summary", "review", "records")
# Written by the build's own process beside the workers: they show every record or every target,
# which a worker would be sent a copy of (hundreds of megabytes in memory for a national ledger).
WRITTEN_HERE = ("records", "review", "summary")
# A worker costs tens of megabytes (and, where it is spawned, a second to start): a re-run that
# rewrites one unit's files and the overall memo needs only one.
TASKS_PER_WORKER = 4
TRIM_EVERY = 32   # outputs written between two hand-backs of free memory (give_back_memory, a millisecond or so)
WORKERS_FAILED = ("The worker processes stopped, so the remaining files were written in this one. In a "
                  "script that calls tracker.build, put the call under `if __name__ == \"__main__\":` "
                  "(workers start by importing the script).")


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
         carried: Mapping[Path, Carried] | None = None, digests: StoredDigests | None = None,
         known: dict[str, tuple[UnitReport, str]] | None = None) -> list[Task]:
    """Every output of the build, with the fingerprint of its inputs (its data, the settings,
    the language and names, and the code and templates that render it); a tracker carries what its
    user added (`carried`, by path). Each unit's report is digested once, unless `known` holds
    that very report with its digest (an earlier build's, pipeline/derived.py); `known` is given
    the rest. The outputs across units combine those digests. A record read as the ledger stores
    it is represented by the digest of its stored text (`digests`), any other by the digest of its repr."""
    known = known if known is not None else {}
    carried = carried or {}
    root = language_root(project, ctx.lang)
    looks = fingerprint(ctx.settings, ctx.lang, ctx.names, dict(ctx.units_en))
    own_templates = tuple(sorted(project.templates.glob("*")))
    code = {kind: renderer_fingerprint(kind, own_templates if kind in MEMO_KINDS else ()) for kind in RENDERERS}
    digests = digests if digests is not None else StoredDigests()  # an empty one is falsy (its len)
    record_hashes = {id(record): digests.get(record) or hashed(record) for record in review.records}
    reviewed = digest_with(review.decisions, (record_hashes[id(record)] for record in review.records))
    shown = tuple(record for record in review.records if FLAG_REJECTED not in record.flags)
    tasks = [
        # records.json is every record not rejected, as Record.to_dict writes it (review's code).
        Task(project.output / "records.json", "records", fingerprint("records.json", code["review"], reviewed),
             kept_rows.RecordLines(shown, tuple(record_hashes[id(record)] for record in shown),
                         _kept_rows(project.output / "records.json", code["review"]))),
        Task(project.output / "records.xlsx", "review", fingerprint(code["review"], reviewed),
             _with_kept_rows(review, record_hashes, project.output / "records.xlsx", code["review"])),
    ]
    files = {}
    digests = []
    stems = unit_files([report.unit for report in reports], project, ctx.lang)
    # The outputs across units do not show the records behind each unit (its tracker does):
    # left out, each worker receives and holds half as much.
    without_records = tuple(dataclasses.replace(report, records=()) for report in reports)
    for report, without in zip(reports, without_records, strict=True):
        name = stems[report.unit]
        files[report.unit] = f"trackers/{name}.xlsx"
        held = known.get(report.unit)
        if held is not None and held[0] is report:
            unit = held[1]
        else:  # the report with its records, each hashed once (the review's outputs show them too)
            unit = digest_with(without, (record_hashes.get(id(record)) or hashed(record) for record in report.records))
            known[report.unit] = (report, unit)
        digests.append(unit)
        path = root / "trackers" / f"{name}.xlsx"
        if path in carried:
            data, added = TrackerFile(report, carried[path]), fingerprint(carried[path])
        else:
            data, added = report, None
        tasks.append(Task(path, "tracker", fingerprint(code["tracker"], unit, added, looks), data))
        tasks.append(Task(root / "memos" / f"{name}.docx", "memo", fingerprint(code["memo"], unit, looks), report))
    if reports:
        summary = Summary(without_records, files, _kept_rows(root / "summary.xlsx", code["summary"]))
        tasks.append(Task(root / "summary.xlsx", "summary", fingerprint(code["summary"], digests, files, looks),
                          summary))
        tasks.append(Task(root / "memos" / f"{OVERALL_MEMO[ctx.lang]}.docx", "overall",
                          fingerprint(code["overall"], digests, looks), without_records))
    return tasks


def _with_kept_rows(review: Review, record_hashes: Mapping[int, bytes], path: Path, code: str) -> Review:
    """`review` with each record's digest and the rows its workbook kept (render/workbook/row_cache.py)."""
    return dataclasses.replace(review, keys=tuple(record_hashes[id(record)] for record in review.records),
                               rows=_kept_rows(path, code))


def _kept_rows(path: Path, code: str) -> RowCache:
    """The rows kept for the workbook at `path` by the builds that rendered it with the same code."""
    import openpyxl

    return RowCache(derived.rows_file(path), f"{code} openpyxl {openpyxl.__version__}")


def render(tasks: Sequence[Task], ctx: RenderContext, state: BuildState, keep: set[Path], jobs: int,
           progress: Progress, workers: Workers | None = None) -> RenderResult:
    """Write the tasks whose outputs are missing or whose inputs changed, on `workers` (the
    build's, whose first worker may have started already) when there is work for more than one
    process."""
    if workers is None:
        with Workers() as own:
            return render(tasks, ctx, state, keep, jobs, progress, own)
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
            if task.path not in keep:
                state.stamp(task.path)  # as a re-run will find it (a user may have restyled it)
            for cause in causes:  # still without what it lacked: said again on every build
                result.shortfalls.setdefault(cause, []).append(task.path)
        else:
            todo.append(task)
    # The outputs across units are the largest: started first, they do not finish last.
    todo.sort(key=lambda task: task.kind not in CROSS_UNIT)
    finished: set[Path] = set()

    def done(task: Task, outcome: list | FileInUse) -> None:
        finished.add(task.path)
        _done(task, outcome, state, result)

    here = [task for task in todo if task.kind in WRITTEN_HERE]
    there = [task for task in todo if task.kind not in WRITTEN_HERE]
    if jobs > 1 and len(todo) > 1 and there:
        # What a worker can be sent little for goes to one (the records whose rows are kept stay here).
        slim = {task.path: slimmed for task in here if (slimmed := kept_rows.slimmed(task)) is not None}
        here = [task for task in here if task.path not in slim]
        there = [*slim.values(), *there]
        # What needs working out here first goes last, so the workers start meanwhile.
        sent = (dataclasses.replace(task, data=prepared(task.kind, ctx, task.data)) if task.kind in PREPARERS
                else task for task in sorted(there, key=lambda task: task.kind in PREPARERS))
        try:
            # The files sent slimmed do not count for starting another worker: one more costs more
            # memory (tens of megabytes) than it saves time after one changed document.
            wanted = max(-(-(len(there) - len(slim)) // TASKS_PER_WORKER), 1)
            written = workers.run(run_in_worker, sent, min(jobs, wanted), ctx)
            whole = {task.path: task for task in todo}
            for task, outcome in progress.track(_here_then_there(here, written, ctx), say("progress.writing"),
                                                total=len(todo)):
                if isinstance(outcome, RowsGone):   # the kept rows it was sent for were not there: made here
                    outcome = _attempt(whole[task.path], ctx)
                done(task, outcome)
            workers.close()
            return result
        except BrokenProcessPool:
            # A worker died (killed, out of memory, or a script calling tracker.build without an
            # `if __name__ == "__main__":` guard, which a starting worker runs again): what is
            # left is written here, once the other workers have finished what they were writing.
            workers.close()
            todo = [task for task in todo if task.path not in finished]
            result.notes.append(WORKERS_FAILED)
    with frozen():
        outcomes = ((task, _attempt(task, ctx)) for task in todo)
        for task, outcome in progress.track(outcomes, say("progress.writing"), total=len(todo)):
            done(task, outcome)
    return result


def _here_then_there(here: list[Task], there: Iterator[tuple[Task, Future]],
                     ctx: RenderContext) -> Iterator[tuple[Task, Any]]:
    """The outputs written in this process while the workers write theirs, then the workers' as they finish."""
    with frozen():
        for task in here:
            yield task, _attempt(task, ctx)
    give_back_memory()  # what writing them took, while the workers still write theirs
    for count, (task, future) in enumerate(there, start=1):
        if count % TRIM_EVERY == 0:
            # Handing out thousands of outputs (each pickled in a thread of its own, from an arena
            # of its own) leaves tens of megabytes of free memory scattered in the heap otherwise.
            give_back_memory()
        yield task, future.result()


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


def _attempt(task: Task, ctx: RenderContext) -> list | FileInUse | RowsGone:
    try:
        if task.kind in WRITTEN_HERE:  # each makes a million objects that live until it is written
            with collection_paused():
                return run_task(task, ctx)
        return run_task(task, ctx)
    except FileInUse as exc:
        return exc
    except RowsGone as exc:   # the kept rows were not all there: made without them (or, sent slimmed, by the build)
        whole = kept_rows.without_kept_rows(task)
        return exc if whole is None else _attempt(whole, ctx)


def run_task(task: Task, ctx: RenderContext) -> list:
    """Write one output; returns notes for the user (a Shortfall: a chart left out)."""
    if task.kind == "records":
        write_json(task.path, {"records": kept_rows.record_lines(task.data)})
        return []
    return renderer(task.kind)(ctx, task.data, task.path)


def import_worker_renderers() -> None:
    """Import the renderers the workers run (a fork server imports them for its workers: preload.py)."""
    for kind in RENDERERS:
        if kind not in WRITTEN_HERE:
            renderer(kind)


def warm_up() -> None:
    """A worker's first step while the build works out what to render: the renderers workers run
    imported, and the memo templates checked (each kept for the build)."""
    from tracker.errors import TemplateError
    from tracker.render.memo.check import check_templates

    import_worker_renderers()
    ctx = worker_context()
    with contextlib.suppress(TemplateError):  # the build checks them too, and says what is wrong
        check_templates(ctx.templates, ctx.lang)


def run_in_worker(task: Task) -> list | FileInUse:
    global _written
    outcome = _attempt(task, worker_context())
    _written += 1
    if task.kind in CROSS_UNIT or _written % TRIM_EVERY == 0:
        # The worker goes on with unit files: the tens of megabytes a national memo's layout
        # freed are handed back rather than kept for them (counted against the build till its
        # end), and so is what writing hundreds of files leaves scattered in the heap.
        give_back_memory()
    return outcome


_written = 0   # outputs this worker has written

"""`tracker build`: the whole job, one stage after another, under the ledger's lock.

documents -> cleaned text -> records (ledger) -> user inputs (ledger) -> status -> workbooks and memos.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.config import Project
from tracker.errors import UsageError
from tracker.ledger import Ledger
from tracker.models import FLAG_REJECTED, Problem, UnitReport
from tracker.outputs import remove_leftovers, write_json
from tracker.pipeline.documents import LazyKnowledge, read_documents, text_name
from tracker.pipeline.inputs import read_user_inputs
from tracker.pipeline.rerun import build_key, ledger_stamp, nothing_to_do, remember_build, trusted_ledger
from tracker.pipeline.state import BuildState
from tracker.pipeline.workers import starting_worker
from tracker.progress import Progress

if TYPE_CHECKING:
    from tracker.extract.run import Knowledge
    from tracker.render.review_sheet import Review

# Only what reading the inputs needs is imported above: a re-run with nothing to do stops before
# the extractor, the assessment and the renderers are imported (see rerun.py).

LOCK_WAIT = 30.0  # seconds a build waits for another build (or a writing command) on the same ledger

__all__ = ["BuildOptions", "BuildResult", "build", "text_name"]


@dataclass(frozen=True)
class BuildOptions:
    as_of: date | None = None     # judge progress at this date [default: today]
    lang: str = "zh"
    year: int | None = None       # the year documents speak of as 今年 [default: inferred]
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    lock_wait: float = LOCK_WAIT


@dataclass
class BuildResult:
    documents: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # reported with the summary; not problems
    extracted: int = 0
    recorded: int = 0
    decisions: int = 0
    units: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def build(project: Project, options: BuildOptions | None = None, progress: Progress | None = None) -> BuildResult:
    if starting_worker():
        raise UsageError("tracker.build was called by a render worker importing the script that started the "
                         "build: put the call under `if __name__ == \"__main__\":` in that script.")
    options = options or BuildOptions()
    progress = progress or Progress()
    result = BuildResult()
    today = date.today()
    as_of = options.as_of or today
    with Ledger.open(project.db, wait=options.lock_wait) as ledger:
        remove_leftovers(project.output)
        knowledge = LazyKnowledge(project.root)
        state = BuildState(project.output)
        ledger_before = ledger_stamp(project.db)
        trusted = trusted_ledger(state, project.db)
        docs = read_documents(project, ledger, knowledge, state, options.year, progress)
        result.documents, result.extracted = docs.entries, docs.extracted
        result.problems += docs.problems
        result.warnings += docs.warnings
        result.written += docs.written
        inputs = read_user_inputs(project, ledger, skip=state.untouched if trusted else _read_all)
        for path in inputs.read:
            state.stamp(path)
        result.recorded, result.decisions = inputs.recorded, inputs.decisions
        result.problems += inputs.problems
        key = partial(build_key, project, lang=options.lang, as_of=as_of, today=today, extractor=docs.extractor,
                      documents=result.documents)
        if not (docs.extracted or inputs.recorded or inputs.decisions) \
                and nothing_to_do(state, options.lang, key(ledger=ledger_before)):
            return _nothing_written(project, state, options.lang, result)
        reports, review = _status(ledger, as_of, project, options.lang)
    ledger_after = ledger_stamp(project.db)  # closed: as the next build will find it
    from tracker.pipeline.render import plan, render
    from tracker.render import RenderContext
    from tracker.render.memo.check import check_templates

    ctx = RenderContext(project.settings, options.lang, english_names(knowledge), today, project.template_source)
    check_templates(ctx.templates, ctx.lang)  # a broken template stops the build before anything is written
    tasks = plan(project, reports, ctx, review)
    rendered = render(tasks, ctx, state, inputs.keep, options.jobs, progress)
    result.written += rendered.written
    result.notes += rendered.notes
    result.unchanged, result.units = rendered.skipped, len(reports)
    if write_json(project.output / "documents.json", {"documents": result.documents}):
        result.written.append(project.output / "documents.json")
    state.ledger = ledger_after
    remember_build(state, options.lang, key(ledger=ledger_after), [task.path for task in tasks], len(reports))
    state.save()
    return result


def _read_all(path: Path) -> bool:
    return False


def _nothing_written(project: Project, state: BuildState, lang: str, result: BuildResult) -> BuildResult:
    """The result of a build that found nothing changed (rerun.py): every output left as it is."""
    last = state.builds[lang]
    result.unchanged, result.units = len(last["outputs"]), last["units"]
    if write_json(project.output / "documents.json", {"documents": result.documents}):
        result.written.append(project.output / "documents.json")
    state.save()
    return result


def _status(ledger: Ledger, as_of: date, project: Project, lang: str) -> tuple[list[UnitReport], Review]:
    """Unit reports (with each unit's records as evidence) and the review sheet's data (every
    record, rejected ones flagged, with the decisions on them)."""
    from tracker.assess.status import unit_reports
    from tracker.assess.targets import targets_from_records
    from tracker.entries.review import current_reviews
    from tracker.render.review_sheet import Review

    everything = ledger.records(include_rejected=True)  # read once: a national ledger is large
    records = [record for record in everything if FLAG_REJECTED not in record.flags]
    targets = targets_from_records(records, ledger.manual_targets(), project.settings.unknown_indicators)
    reports = unit_reports(targets, ledger.actual_history(), as_of, project.settings, lang)
    by_unit: dict[str, list] = {}
    for record in records:
        by_unit.setdefault(record.unit, []).append(record)
    reports = [dataclasses.replace(r, records=tuple(by_unit.get(r.unit, ()))) for r in reports]
    review = Review(tuple(everything), current_reviews(ledger, [r.id for r in everything]))
    return reports, review


def english_names(knowledge: Knowledge | LazyKnowledge) -> dict[str, str]:
    """Indicator and category names in English, for --lang en."""
    names: dict[str, str] = {}
    catalogue = knowledge.catalogue
    for declared in catalogue:
        for indicator in filter(None, (declared, catalogue.flow(declared))):
            names[indicator.name] = indicator.name_en
            names[indicator.category] = indicator.category_en
    return names

"""`tracker build`: the whole job, one stage after another, under the ledger's lock.

documents -> cleaned text -> records (ledger) -> user inputs (ledger) -> status -> workbooks and memos.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.config import Project
from tracker.errors import UsageError
from tracker.intake import require_folder
from tracker.ledger import Ledger
from tracker.ledger.rows import StoredDigests
from tracker.messages import Message, say
from tracker.models import FLAG_REJECTED, Actual, DocumentInfo, Problem, Record, Remark, Target, UnitReport
from tracker.outputs import ledger_stamp, remove_leftovers, write_json
from tracker.pipeline import derived
from tracker.pipeline.collector import collection_paused
from tracker.pipeline.continuity import follow, snapshot
from tracker.pipeline.documents import LazyKnowledge, read_documents, text_name
from tracker.pipeline.inputs import read_user_inputs
from tracker.pipeline.rerun import build_key, nothing_to_do, remember_build, trusted_ledger
from tracker.pipeline.state import BuildState
from tracker.pipeline.workers import Workers, starting_worker
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
    shortfalls: dict[str, list[Path]] = field(default_factory=dict)   # cause -> outputs written without something
    extracted: int = 0
    recorded: int = 0
    remarks: int = 0          # notes and dates typed without a figure
    decisions: int = 0
    units: int = 0
    unchanged: int = 0
    waiting: dict[str, int] = field(default_factory=dict)   # records waiting for review, per reason

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
    require_folder(project.seeds)  # before the ledger and its lock are made beside it
    # The lock is held to the end: a second build must not write (or remove the temporary files of)
    # the outputs and the state while this one renders them.
    with Ledger.open(project.db, wait=options.lock_wait) as ledger, Workers() as workers:
        ledger.backup_meanwhile()   # made before anything is written, while the documents are surveyed
        remove_leftovers(project.output)
        knowledge = LazyKnowledge(project.root)
        state = BuildState(project.output)
        ledger_before = ledger_stamp(project.db)
        trusted = trusted_ledger(state, project.db)
        before = state.targets if state.targets is not None else snapshot(_current(ledger, project)[2])
        token_before = ledger.content_token()
        docs = read_documents(project, ledger, knowledge, state, options.year, progress)
        token_read = ledger.content_token()   # the documents' writes, before the inputs' (review decisions)
        result.documents, result.extracted = docs.entries, docs.extracted
        result.problems += docs.problems
        result.warnings += docs.warnings
        result.written += docs.written
        inputs = read_user_inputs(project, ledger, today, skip=state.may_skip if trusted else _read_all)
        for path in inputs.read:   # a tracker left as it is (inputs.keep) is read again next time
            state.read_back(path, path in inputs.carried or path in inputs.keep)
        result.recorded, result.remarks, result.decisions = inputs.recorded, inputs.remarks, inputs.decisions
        result.problems += inputs.problems
        result.warnings += inputs.warnings
        key = partial(build_key, project, lang=options.lang, as_of=as_of, today=today, extractor=docs.extractor,
                      documents=result.documents)
        if not (docs.extracted or docs.gone or inputs.recorded or inputs.remarks or inputs.decisions) \
                and nothing_to_do(state, options.lang, key(ledger=ledger_before)):
            return _nothing_written(project, state, options.lang, result)
        from tracker.pipeline.render import plan, render, warm_up
        from tracker.render import RenderContext
        from tracker.render.memo.check import check_templates
        from tracker.render.places_en import english_unit_names

        # Chinese outputs show names as written, so their context is known now (English ones need
        # the units' names in English, from the status): the first worker starts meanwhile.
        early = RenderContext(project.settings, "zh", {}, today, project.template_source) \
            if options.lang == "zh" else None
        if early is not None and options.jobs > 1:
            workers.start(early, warm_up)
        with collection_paused(then_freeze=True):
            kept_key, token = derived.key(project, as_of, options.lang), ledger.content_token()
            kept = derived.load(project.db, kept_key, options.lang)
            if kept is not None and kept.token == token:
                everything, targets, digests = kept.everything, kept.targets, _digests_of(kept)
                records = [record for record in everything if FLAG_REJECTED not in record.flags]
            elif kept is not None and kept.token == token_before and token_read == token:
                changed = docs.stored | set(docs.gone)
                everything, digests = derived.with_documents_read_again(kept, ledger, project.settings.default_unit,
                                                                        changed)
                records, targets = _targets_again(ledger, project, everything, kept, changed)
                targets = derived.same_targets(targets, kept.targets)
            else:
                digests = StoredDigests()
                everything, records, targets = _current(ledger, project, digests)
            result.warnings += follow(ledger, before, targets, docs.gone).warnings
            state.targets = snapshot(targets)
            actuals, remarks = ledger.actual_history(), ledger.remarks()
            unit_keys = derived.unit_keys(actuals, remarks)
            reports, review, result.waiting, known = _status_kept(
                ledger, everything, records, targets, (actuals, remarks, unit_keys), as_of, project, options.lang,
                kept)
            # The kept reports of the units made anew would otherwise live to the end, beside theirs.
            kept_token = kept.token if kept is not None else None
            del actuals, remarks, kept
            made_again = len(reports) - len(known)
            units_en = (english_unit_names([r.unit for r in reports], knowledge.gazetteer,
                                           project.settings.unit_names_en) if options.lang == "en" else {})
            ctx = early if early is not None else RenderContext(
                project.settings, options.lang, english_names(knowledge), today, project.template_source, units_en)
            check_templates(ctx.templates, ctx.lang)  # a broken template stops the build before anything is written
            tasks = plan(project, reports, ctx, review, inputs.carried, digests, known)
            keep = kept_token != token or made_again > derived.SAVED_SHARE * len(reports)
            stored = [digests.get(record) for record in everything] if keep else []
            del digests  # a national ledger's are megabytes, not needed while the outputs are written
        result.warnings += _gone_references(inputs.carried, reports, project)
        rendered = render(tasks, ctx, state, inputs.keep, options.jobs, progress, workers)
        result.written += rendered.written
        result.notes += rendered.notes
        result.problems += rendered.problems
        result.shortfalls = rendered.shortfalls
        result.unchanged, result.units = rendered.skipped, len(reports)
        if keep:
            with collection_paused():
                derived.save(project.db, kept_key, derived.Derived(everything, targets, stored, {
                    report.unit: (unit_keys.get(report.unit, ""), report, known[report.unit][1])
                    for report in reports}, token), options.lang)
            del stored
        if write_json(project.output / "documents.json", {"documents": result.documents}):
            result.written.append(project.output / "documents.json")
        ledger.checkpoint()  # the ledger file as the next build will find it (rerun.py)
        state.ledger = ledger_stamp(project.db)
        if rendered.problems:  # an output left unwritten (open in Excel): the next build must not skip it
            state.builds.pop(options.lang, None)
        else:
            remember_build(state, options.lang, key(ledger=state.ledger), [task.path for task in tasks],
                           len(reports), result.waiting)
        with collection_paused():
            state.save()
    return result


def _read_all(path: Path) -> bool:
    return False


def _nothing_written(project: Project, state: BuildState, lang: str, result: BuildResult) -> BuildResult:
    """The result of a build that found nothing changed (rerun.py): every output left as it is,
    and said as the build that wrote them would say it."""
    last = state.builds[lang]
    result.unchanged, result.units, result.waiting = len(last["outputs"]), last["units"], dict(last["waiting"])
    for name in last["outputs"]:
        for cause in state.causes(state.output / name):  # still without what it lacked, said again
            result.shortfalls.setdefault(cause, []).append(project.output / name)
    if write_json(project.output / "documents.json", {"documents": result.documents}):
        result.written.append(project.output / "documents.json")
    state.save()
    return result


def _gone_references(carried: dict, reports: list[UnitReport], project: Project) -> list[Message]:
    """Formulas users wrote that referred to the row of a target no longer on their tracker."""
    from tracker.entries.carry import gone_references

    keys = {status.target.key for report in reports for status in report.statuses}
    found = []
    for path, content in sorted(carried.items()):
        shown = path.relative_to(project.output).as_posix()
        for place, key in gone_references(content, keys):
            unit, indicator, year = key.rsplit("|", 2)
            target = say("continuity.target", unit=unit, indicator=indicator, year=year)
            found.append(say("carry.gone_reference", file=shown, place=place, target=target))
    return found


def _current(ledger: Ledger, project: Project, digests: StoredDigests | None = None,
             ) -> tuple[list[Record], list[Record], list[Target]]:
    """Every record (rejected ones flagged), the current ones (not rejected) and the targets they
    make; the digests of the records read as stored go to `digests`. Read once: a national ledger
    is large."""
    from tracker.assess.targets import resolve_units

    everything = resolve_units(ledger.records(include_rejected=True, digests=digests), project.settings.default_unit)
    return everything, *_targets(ledger, project, everything)


def _targets(ledger: Ledger, project: Project, everything: list[Record]) -> tuple[list[Record], list[Target]]:
    """The current records (not rejected) of `everything`, and the targets they make."""
    from tracker.assess.targets import targets_from_records

    records = [record for record in everything if FLAG_REJECTED not in record.flags]
    return records, targets_from_records(records, ledger.manual_targets(), project.settings.unknown_indicators)


def _targets_again(ledger: Ledger, project: Project, everything: list[Record], kept: derived.Derived,
                   changed: Collection[str]) -> tuple[list[Record], list[Target]]:
    """As `_targets`, when only the documents `changed` differ from what `kept` was read from: the
    targets of the units their records name, before and now, are made again, the others' kept (a
    unit's targets are made from its own records alone, in the order of unit, year and indicator)."""
    from tracker.assess.targets import targets_from_records

    records = [record for record in everything if FLAG_REJECTED not in record.flags]
    units = {record.unit for record in itertools.chain(kept.everything, everything) if record.doc in changed}
    again = targets_from_records([record for record in records if record.unit in units],
                                 [target for target in ledger.manual_targets() if target.unit in units],
                                 project.settings.unknown_indicators)
    others = [target for target in kept.targets if target.unit not in units]
    return records, sorted([*others, *again], key=lambda target: (target.unit, target.year, target.indicator))


def _digests_of(kept: derived.Derived) -> StoredDigests:
    digests = StoredDigests()
    for record, digest in zip(kept.everything, kept.digests, strict=True):
        if digest is not None:
            digests.keep(record, digest)
    return digests


Entered = tuple[list[Actual], list[Remark], dict[str, str]]   # figures, notes, unit -> key of both


def _status(ledger: Ledger, everything: list[Record], records: list[Record], targets: list[Target], as_of: date,
            project: Project, lang: str) -> tuple[list[UnitReport], Review, dict[str, int]]:
    """Unit reports (with each unit's records as evidence), the review sheet's data (every record,
    rejected ones flagged, with the decisions on them) and how many records wait for review."""
    entered = (ledger.actual_history(), ledger.remarks(), {})
    return _status_kept(ledger, everything, records, targets, entered, as_of, project, lang)[:3]


def _status_kept(ledger: Ledger, everything: list[Record], records: list[Record], targets: list[Target],
                 entered: Entered, as_of: date, project: Project, lang: str,
                 kept: derived.Derived | None = None,
                 ) -> tuple[list[UnitReport], Review, dict[str, int], dict[str, tuple[UnitReport, str]]]:
    """As `_status`, and the reports taken from `kept` (an earlier build's under the same key:
    settings, date, language and code, derived.py) with their digests: those of the units whose
    inputs are all as they were (`_unchanged_reports`)."""
    from tracker.assess.status import unit_reports
    from tracker.assess.targets import waiting_for_review
    from tracker.entries.review import current_reviews
    from tracker.render.review_sheet import Review

    settings = project.settings
    actuals, remarks, keys = entered
    by_unit: dict[str, list] = {}
    for record in records:
        by_unit.setdefault(record.unit, []).append(record)
    known = {d.file: DocumentInfo(d.file, d.title, d.published) for d in ledger.documents()}
    reused = _unchanged_reports(kept, targets, by_unit, keys, known) if kept is not None else {}
    fresh = unit_reports([t for t in targets if t.unit not in reused], [a for a in actuals if a.unit not in reused],
                         as_of, project.settings, lang, [r for r in remarks if r.unit not in reused])
    fresh = [dataclasses.replace(r, records=tuple(by_unit.get(r.unit, ())), documents=cited(r, known))
             for r in fresh]
    reports = sorted([*fresh, *(report for report, _ in reused.values())], key=lambda report: report.unit)
    review = Review(tuple(everything), current_reviews(ledger, [r.id for r in everything]))
    waiting = waiting_for_review(records, settings.unknown_indicators)
    return reports, review, waiting, reused


def _unchanged_reports(kept: derived.Derived, targets: list[Target], records: Mapping[str, list[Record]],
                       keys: Mapping[str, str], known: dict[str, DocumentInfo]) -> dict[str, tuple[UnitReport, str]]:
    """The kept reports (with their digests) of the units whose targets, records, cited documents,
    figures and notes are as they were when the report was made."""
    now, then = derived.targets_by_unit(targets), derived.targets_by_unit(kept.targets)
    return {unit: (report, digest) for unit, (key, report, digest) in kept.units.items()
            if unit in now and keys.get(unit, "") == key and now[unit] == then.get(unit)
            and tuple(records.get(unit, ())) == report.records and cited(report, known) == report.documents}


def cited(report: UnitReport, known: dict[str, DocumentInfo]) -> tuple[DocumentInfo, ...]:
    """The documents a unit's targets quote, as the memo cites them (title and date when known)."""
    files = sorted({source.doc for status in (*report.statuses, *report.long_term)
                    for source in status.target.sources})
    return tuple(known.get(file, DocumentInfo(file)) for file in files)


def english_names(knowledge: Knowledge | LazyKnowledge) -> dict[str, str]:
    """Indicator and category names in English, for --lang en."""
    names: dict[str, str] = {}
    catalogue = knowledge.catalogue
    for declared in catalogue:
        for indicator in filter(None, (declared, catalogue.flow(declared))):
            names[indicator.name] = indicator.name_en
            names[indicator.category] = indicator.category_en
    return names

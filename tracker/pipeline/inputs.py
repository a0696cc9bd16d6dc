"""Build stage 2: what users typed since the last build goes into the ledger first.

- Every tracker workbook under output/ (Chinese and English) is read. A workbook with any
  unreadable cell (a bad figure, a date after today, a formula saved without its result)
  records nothing and is not regenerated, so the user's entries stay where they typed them; a
  workbook open in Excel or LibreOffice is neither read nor overwritten.
- One tracker per unit and language is the input: the file the build writes for the unit.
  Other copies in the folder (a backup "副本 X.xlsx") are reported and not read.
- Only what was changed on a row counts (entries/edits.py: typed, changed, cleared, a note or date
  alone), so a copy showing older figures (trackers/ beside en/trackers/) never undoes a newer one.
  When two workbooks change the same row, the one saved last (by its own saved time) wins and the
  other is reported; a change saved before the ledger got a newer entry from elsewhere is reported
  and not recorded.
- output/records.xlsx: review decisions are recorded (the file is rewritten in stage 3).
Everything is all-or-nothing per file, so fixing one cell and re-running records it all once.
A workbook `skip` says is untouched since the last build is not read (rerun.py says when).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.config import Project
from tracker.errors import InputRejected, UnknownRecord
from tracker.ledger import Ledger
from tracker.messages import Message, say
from tracker.models import Actual, Problem, Remark
from tracker.outputs import is_open_in_office

if TYPE_CHECKING:   # openpyxl and the readers are imported only when a workbook is read
    from tracker.entries.carry import Carried
    from tracker.entries.edits import RowEdit
    from tracker.entries.trackers import TrackerRead

TRACKER_FOLDERS = {"trackers": "zh", "en/trackers": "en"}
REVIEW_NAME = "records.xlsx"


@dataclass
class InputsResult:
    recorded: int = 0                                  # figures (and withdrawals) appended to the ledger
    remarks: int = 0                                   # notes and dates typed without a figure
    decisions: int = 0                                 # review decisions recorded
    keep: set[Path] = field(default_factory=set)       # files not to overwrite this time
    carried: dict[Path, Carried] = field(default_factory=dict)   # what users added, for the next version
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # copies not read, changes not recorded, and why
    read: list[Path] = field(default_factory=list)     # workbooks read back without a problem


def read_user_inputs(project: Project, ledger: Ledger, today: date | None = None,
                     skip: Callable[[Path], bool] = lambda path: False) -> InputsResult:
    result = InputsResult()
    found: list[tuple[Path, str, TrackerRead]] = []
    skipped: set[tuple[str, str]] = set()   # (language, file name) of trackers not read again
    for folder, lang in TRACKER_FOLDERS.items():
        for path in sorted((project.output / folder).glob("*.xlsx")):
            if path.name.startswith(("~$", ".")):
                continue
            if skip(path) and not is_open_in_office(path):
                skipped.add((lang, path.name))
                continue
            read = _read_tracker(project, path, result, today)
            if read is not None:
                found.append((path, lang, read))
    inputs = []
    for path, read in _one_per_unit(project, found, skipped, result):
        if read.problems:
            result.keep.add(path)
            result.problems += read.problems
            result.problems.append(Problem(read.name, say("inputs.kept")))
        else:
            inputs.append(read)
            result.read.append(path)
            _carry(path, read, result)
    if inputs:
        unsettled = _record_edits(ledger, inputs, result)
        # A workbook showing an edit that was not recorded is read again next time, and said again.
        result.read = [path for path, read in zip(result.read, inputs, strict=True) if read.name not in unsettled]
    _read_review(project, ledger, result, skip)
    return result


def _read_tracker(project: Project, path: Path, result: InputsResult, today: date | None) -> TrackerRead | None:
    shown = path.relative_to(project.output).as_posix()
    if is_open_in_office(path):
        result.keep.add(path)
        result.problems.append(Problem(shown, say("inputs.open_in_office")))
        return None
    from tracker.entries.trackers import read_tracker

    return read_tracker(path, name=shown, today=today)


def _carry(path: Path, read: TrackerRead, result: InputsResult) -> None:
    """What the user added goes into the next version, or the workbook is left as it is, saying why."""
    carried = read.carried
    if carried.blockers:
        result.keep.add(path)
        result.warnings.append(say("inputs.not_regenerated", file=read.name, reasons=list(carried.blockers)))
        return
    for row, where in zip(carried.rows, read.added_rows, strict=True):
        result.warnings.append(say("inputs.added_row", where=where, label=row.label) if row.label
                               else say("inputs.added_row_unnamed", where=where))
    if carried:
        result.carried[path] = carried


def _one_per_unit(project: Project, found: list[tuple[Path, str, TrackerRead]], skipped: set[tuple[str, str]],
                  result: InputsResult) -> list[tuple[Path, TrackerRead]]:
    """The tracker of each unit and language: the file the build writes for it, else the one saved last.
    Other copies are reported and left alone; a workbook whose unit cannot be told is read as it is.
    The build's own file counts even when it was not read again (`skipped`: untouched since)."""
    groups: dict[tuple[str, str], list[tuple[Path, TrackerRead]]] = defaultdict(list)
    chosen = []
    for path, lang, read in found:
        if read.unit is None:
            chosen.append((path, read))
        else:
            groups[(lang, read.unit)].append((path, read))
    if not groups:
        return chosen
    from tracker.pipeline.render import unit_files  # the renderers' names: only when trackers were read

    stems = {lang: unit_files(sorted({unit for folder, unit in groups if folder == lang}), project, lang)
             for lang in {lang for lang, _ in groups}}
    for (lang, unit), copies in sorted(groups.items()):
        expected = f"{stems[lang][unit]}.xlsx"
        own = [pair for pair in copies if pair[0].name == expected]
        if not own and (lang, expected) in skipped:   # the unit's own tracker, untouched: the others are copies
            tracker = f"{next(folder for folder, code in TRACKER_FOLDERS.items() if code == lang)}/{expected}"
            result.warnings += [say("inputs.copy", copy=read.name, unit=unit, tracker=tracker) for _, read in copies]
            continue
        first = own[0] if own else max(copies, key=lambda pair: (_saved(pair[1]), pair[1].name))
        chosen.append(first)
        for _, other in copies:
            if other is not first[1]:
                result.warnings.append(say("inputs.copy", copy=other.name, unit=unit, tracker=first[1].name))
    return chosen


def _record_edits(ledger: Ledger, inputs: list[TrackerRead], result: InputsResult) -> set[str]:
    """Record the edits of `inputs`; the names of the workbooks whose edits were not recorded."""
    from tracker.entries.edits import row_edit

    # The entries of the units whose trackers were read, not the whole ledger's: a re-run after
    # one typed figure reads one tracker, and a national ledger holds tens of thousands of figures.
    history: dict[str, list[Actual]] = defaultdict(list)
    remarks: dict[str, list[Remark]] = defaultdict(list)
    for unit in sorted({row.info.unit for read in inputs for row in read.rows}):
        for actual in ledger.actual_history(unit):
            history[f"{actual.unit}|{actual.indicator}|{actual.year}"].append(actual)
        for remark in ledger.remarks(unit):
            remarks[remark.key].append(remark)
    edits: dict[str, list[tuple[TrackerRead, RowEdit]]] = defaultdict(list)
    for read in inputs:
        for row in read.rows:
            edit = row_edit(row, history[row.key], remarks[row.key])
            if edit is not None:
                edits[row.key].append((read, edit))
    figures: list[Actual] = []
    new_remarks: list[Remark] = []
    unsettled: set[str] = set()
    for key, candidates in edits.items():
        candidates.sort(key=lambda pair: (_saved(pair[0]), pair[0].name), reverse=True)
        read, edit = candidates[0]
        newer = _newer_elsewhere(read, history[key], remarks[key])
        if newer is not None:
            for other_read, other in candidates:
                unsettled.add(other_read.name)
                result.warnings.append(say("inputs.older_than_ledger", cell=other.row.cells["actual"],
                                           typed=other.describe(), newer=newer, saved=_time(other_read.saved_at)))
            continue
        for other_read, other in candidates[1:]:
            unsettled.add(other_read.name)
            result.warnings.append(say("inputs.saved_later", cell=other.row.cells["actual"], typed=other.describe(),
                                       winner=read.name, saved=_time(read.saved_at), given=edit.describe()))
        figures += edit.figures
        if edit.remark is not None:
            new_remarks.append(edit.remark)
        result.warnings += edit.notes
    result.recorded += ledger.add_actuals(figures)
    result.remarks += ledger.add_remarks(new_remarks)
    return unsettled


def _newer_elsewhere(read: TrackerRead, history: list[Actual], remarks: list[Remark]) -> Message | None:
    """How the ledger got an entry for this target after `read` was saved, from somewhere else; or None."""
    saved = _saved(read)
    for entry in [*history, *remarks]:
        origin = entry.origin.split("!")[0]
        if entry.recorded_at is not None and entry.recorded_at > saved and origin != read.name:
            kind = "withdrawal" if isinstance(entry, Actual) and entry.withdrawn else \
                "figure" if isinstance(entry, Actual) else "note"
            return say(f"inputs.newer_{kind}", origin=origin, recorded=_time(entry.recorded_at))
    return None


def _saved(read: TrackerRead) -> datetime:
    return read.saved_at or datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)


def _time(stamp: datetime | None) -> str:
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M:%S") if stamp else "-"


def _read_review(project: Project, ledger: Ledger, result: InputsResult, skip: Callable[[Path], bool]) -> None:
    path = project.output / REVIEW_NAME
    if not path.is_file():
        return
    if is_open_in_office(path):
        result.keep.add(path)
        result.problems.append(Problem(REVIEW_NAME, say("inputs.review_open")))
        return
    if skip(path):
        return
    from tracker.entries.review import apply_review, read_review_workbook

    try:
        decisions, problems = read_review_workbook(path)
    except InputRejected as exc:   # a damaged records.xlsx: the rest of the build goes on
        decisions, problems = [], [Problem(REVIEW_NAME, str(exc))]
    if not problems:
        try:
            result.decisions += apply_review(ledger, decisions)
        except UnknownRecord as exc:
            problems = [Problem(REVIEW_NAME, exc.args[0])]
    if problems:
        result.keep.add(path)
        result.problems += [*problems, Problem(REVIEW_NAME, say("inputs.review_kept"))]
    else:
        result.read.append(path)

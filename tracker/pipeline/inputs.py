"""Build stage 2: what users typed since the last build goes into the ledger first.

- Every tracker workbook under output/ (Chinese and English) is read: a figure typed with its
  unit is converted; a workbook with any unreadable cell records nothing and is not
  regenerated, so the user's entries stay where they typed them; a workbook open in Excel or
  LibreOffice is neither read nor overwritten.
- output/records.xlsx: review decisions are recorded (the file is rewritten in stage 3).
Everything is all-or-nothing per file, so fixing one cell and re-running records it all once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.config import Project
from tracker.entries.review import apply_review, read_review_workbook
from tracker.entries.trackers import read_unit_inputs
from tracker.errors import InputRejected, UnknownRecord
from tracker.ledger import Ledger
from tracker.messages import say
from tracker.models import Problem
from tracker.outputs import is_open_in_office

TRACKER_FOLDERS = ("trackers", "en/trackers")
REVIEW_NAME = "records.xlsx"


@dataclass
class InputsResult:
    recorded: int = 0                                  # figures appended to the ledger
    decisions: int = 0                                 # review decisions recorded
    keep: set[Path] = field(default_factory=set)       # files not to overwrite this time
    problems: list[Problem] = field(default_factory=list)


def read_user_inputs(project: Project, ledger: Ledger) -> InputsResult:
    result = InputsResult()
    for folder in TRACKER_FOLDERS:
        for path in sorted((project.output / folder).glob("*.xlsx")):
            if path.name.startswith(("~$", ".")):
                continue
            _read_tracker(project, ledger, path, result)
    _read_review(project, ledger, result)
    return result


def _read_tracker(project: Project, ledger: Ledger, path: Path, result: InputsResult) -> None:
    shown = path.relative_to(project.output).as_posix()
    if is_open_in_office(path):
        result.keep.add(path)
        result.problems.append(Problem(shown, say("inputs.open_in_office")))
        return
    actuals, problems = read_unit_inputs(path, name=shown)
    if problems:
        result.keep.add(path)
        result.problems += problems
        result.problems.append(Problem(shown, say("inputs.kept")))
        return
    result.recorded += ledger.add_actuals(actuals)


def _read_review(project: Project, ledger: Ledger, result: InputsResult) -> None:
    path = project.output / REVIEW_NAME
    if not path.is_file():
        return
    if is_open_in_office(path):
        result.keep.add(path)
        result.problems.append(Problem(REVIEW_NAME, say("inputs.review_open")))
        return
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

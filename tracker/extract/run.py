"""Extraction over many documents: the one entry point the CLI, the build and eval share."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Limits
from tracker.errors import UsageError
from tracker.extract.catalogue import Catalogue, load_catalogue
from tracker.extract.records import Extraction, extract
from tracker.extract.spin import SpinTable, load_spin_table
from tracker.extract.units import Gazetteer, load_gazetteer
from tracker.intake import Prepared, Survey, prepare, survey_folder
from tracker.messages import say
from tracker.models import Skipped
from tracker.progress import Progress


@dataclass(frozen=True)
class Knowledge:
    """The catalogue, gazetteer and spin table, with a project's own additions (its catalogue's
    aliases and zones are undone in spun copies too)."""

    catalogue: Catalogue
    gazetteer: Gazetteer
    spin: SpinTable | None = None   # None: the package table

    @classmethod
    def load(cls, project_dir: Path | None = None) -> Knowledge:
        return cls(load_catalogue(project_dir), load_gazetteer(project_dir), load_spin_table(project_dir))


def files_under(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """(path, name) for files given directly or found in folders; names relative to the folder."""
    return survey_paths(paths).files


def survey_paths(paths: Iterable[Path]) -> Survey:
    """Files given directly or found in folders (names relative to the folder), and the files in
    those folders that are refused or ignored, with the reasons."""
    found = Survey()
    for path in paths:
        if path.is_dir():
            folder = survey_folder(path)
            found.files += folder.files
            found.refused += folder.refused
            found.ignored += folder.ignored
            found.notes.update(folder.notes)
        elif path.is_file():
            found.files.append((path, path.name))
        else:
            raise UsageError(say("extract.no_path", path=str(path)))
    return found


@dataclass(frozen=True)
class Outcome:
    """What became of one file: read and extracted, skipped (and why), or left alone (`read` None)."""

    path: Path
    name: str
    read: Prepared | Skipped | None
    extraction: Extraction | None = None


def extract_each(files: Iterable[tuple[Path, str]], knowledge: Knowledge, year: int | None = None,
                 progress: Progress | None = None, *, label: str | None = None,
                 leave: Callable[[Path, str], bool] | None = None,
                 limits: Limits | None = None) -> Iterator[Outcome]:
    """Read, clean and extract each (path, name) in turn; the one loop `tracker extract`, `tracker
    eval` and the build share. Files for which `leave(path, name)` is true are not read.

    One document's failure is that document's: any error while reading, cleaning or extracting
    it makes it a skipped document with the reason (the traceback goes to `progress.note`, which
    -v shows), and the loop goes on."""
    progress = progress or Progress()
    files = list(files)
    for path, name in progress.track(files, label or say("progress.extracting"), total=len(files)):
        if leave is not None and leave(path, name):
            yield Outcome(path, name, None)
            continue
        try:
            item = prepare(path, name, limits)
            extraction = None if isinstance(item, Skipped) else extract(
                item, knowledge.catalogue, knowledge.gazetteer, year, knowledge.spin)
        except Exception as exc:  # noqa: BLE001  (one document's failure must not stop the others)
            progress.note(f"{name}: {''.join(traceback.format_exception(exc))}")
            yield Outcome(path, name, Skipped(name, _failed(exc)))
            continue
        yield Outcome(path, name, item, extraction)


def _failed(exc: Exception):
    from tracker.intake.guards import said_error

    if isinstance(exc, MemoryError):
        return say("intake.memory", label=exc.__class__.__name__)
    return say("intake.failed", error=said_error(exc))


def extract_files(files: Iterable[tuple[Path, str]], knowledge: Knowledge, year: int | None = None,
                  progress: Progress | None = None,
                  limits: Limits | None = None) -> tuple[list[tuple[Prepared, Extraction]], list[Skipped]]:
    """Every file read and extracted, and the ones skipped."""
    done: list[tuple[Prepared, Extraction]] = []
    skipped: list[Skipped] = []
    for outcome in extract_each(files, knowledge, year, progress, limits=limits):
        if isinstance(outcome.read, Prepared) and outcome.extraction is not None:
            done.append((outcome.read, outcome.extraction))
        elif isinstance(outcome.read, Skipped):
            skipped.append(outcome.read)
    return done, skipped

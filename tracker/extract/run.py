"""Extraction over many documents: the one entry point the CLI, the build and eval share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import UsageError
from tracker.extract.catalogue import Catalogue, load_catalogue
from tracker.extract.records import Extraction, extract
from tracker.extract.spin import SpinTable, load_spin_table
from tracker.extract.units import Gazetteer, load_gazetteer
from tracker.intake import Prepared, prepare
from tracker.intake.readers import iter_files
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
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found += [(file, file.relative_to(path).as_posix()) for file in iter_files(path)]
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise UsageError(f"{path} does not exist; give files or folders of documents.")
    return found


def extract_files(files: Iterable[tuple[Path, str]], knowledge: Knowledge, year: int | None = None,
                  progress: Progress | None = None) -> tuple[list[tuple[Prepared, Extraction]], list[Skipped]]:
    progress = progress or Progress()
    done: list[tuple[Prepared, Extraction]] = []
    skipped: list[Skipped] = []
    files = list(files)
    for path, name in progress.track(files, "Extracting", total=len(files)):
        item = prepare(path, name)
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            done.append((item, extract(item, knowledge.catalogue, knowledge.gazetteer, year, knowledge.spin)))
    return done, skipped

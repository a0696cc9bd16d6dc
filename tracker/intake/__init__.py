"""Document intake: files in any supported format -> Document + cleaned, offset-mapped text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import SeedsNotFound
from tracker.intake.clean import Cleaned, clean
from tracker.intake.meta import find_title
from tracker.intake.readers import iter_files, read_file
from tracker.intake.script import simplified
from tracker.messages import say
from tracker.models import Document, Skipped


@dataclass(frozen=True)
class Prepared:
    """A document read and cleaned: `clean.text.origin` indexes `doc.text`."""

    doc: Document
    clean: Cleaned

    @property
    def text(self) -> str:
        return self.clean.text.text


def prepare(path: Path, name: str) -> Prepared | Skipped:
    read = read_file(path, name)
    if isinstance(read, Skipped):
        return read
    return prepare_document(read)


def prepare_document(doc: Document) -> Prepared | Skipped:
    cleaned = clean(doc.text)
    if not cleaned.text.text.strip():
        return Skipped(doc.file, "nothing left after removing page furniture")
    if cleaned.traditional:
        # The extractor reads titles for the unit and the kind of document, in simplified script.
        doc = dataclasses.replace(doc, title=simplified(doc.title), page_title=simplified(doc.page_title))
    if doc.title is None:
        doc = dataclasses.replace(doc, title=find_title(cleaned.text.text))
    return Prepared(doc, cleaned)


def require_folder(folder: Path) -> None:
    """Raises SeedsNotFound when the documents folder does not exist."""
    if not folder.is_dir():
        raise SeedsNotFound(say("documents.no_folder", folder=str(folder)))


def document_paths(folder: Path) -> list[tuple[Path, str]]:
    """(path, name) of every candidate file; raises SeedsNotFound for a missing folder."""
    require_folder(folder)
    return [(path, path.relative_to(folder).as_posix()) for path in iter_files(folder)]


__all__ = ["Cleaned", "Prepared", "document_paths", "prepare", "prepare_document", "require_folder"]

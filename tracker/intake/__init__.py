"""Document intake: files in any supported format -> Document + cleaned, offset-mapped text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from tracker.config import Limits
from tracker.errors import SeedsNotFound
from tracker.intake.clean import Cleaned, clean
from tracker.intake.meta import find_title
from tracker.intake.readers import read_file
from tracker.intake.script import simplified
from tracker.intake.survey import Survey, survey
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


def prepare(path: Path, name: str, limits: Limits | None = None) -> Prepared | Skipped:
    read = read_file(path, name, limits)
    if isinstance(read, Skipped):
        return read
    return prepare_document(read)


def prepare_document(doc: Document) -> Prepared | Skipped:
    cleaned = clean(doc.text)
    if not cleaned.text.text.strip():
        return Skipped(doc.file, say("intake.nothing_left"))
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


def survey_folder(folder: Path) -> Survey:
    """Every file under `folder`: the ones to read as (path, name), the ones refused or ignored
    and why; raises SeedsNotFound for a missing folder."""
    require_folder(folder)
    return survey(folder)


def document_paths(folder: Path) -> list[tuple[Path, str]]:
    """(path, name) of every file to read; raises SeedsNotFound for a missing folder."""
    return survey_folder(folder).files


__all__ = ["Cleaned", "Prepared", "Survey", "document_paths", "prepare", "prepare_document", "require_folder",
           "survey_folder"]

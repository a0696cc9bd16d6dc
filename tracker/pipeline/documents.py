"""Build stage 1: documents -> cleaned text -> records in the ledger.

A document whose bytes and extractor are what the ledger remembers is not read again: its
records stay as they are and its documents.json entry comes from the last build. A changed
document is re-extracted and its records replaced by stable id (review decisions stay with
their ids, which do not depend on the file's name). A document that left seeds/ has its records
set stale, once, and said so: they leave the trackers (their decisions are kept should it come
back); a document renamed keeps its records' ids, so nothing else changes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.config import Project
from tracker.intake import survey_folder
from tracker.ledger import Ledger
from tracker.messages import Message, say
from tracker.models import Problem, Skipped
from tracker.outputs import write_text
from tracker.pipeline.state import BuildState, code_fingerprint
from tracker.progress import Progress
from tracker.render.names import unique_file_names

if TYPE_CHECKING:
    from tracker.extract.catalogue import Catalogue
    from tracker.extract.run import Knowledge
    from tracker.extract.units import Gazetteer

KNOWLEDGE_FILES = ("catalogue.yaml", "zones.yaml", "spin.yaml")


class LazyKnowledge:
    """The project's catalogue, gazetteer and spin table, loaded (and the extractor imported) when
    first needed: a re-run whose documents are all unchanged may never need them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @functools.cached_property
    def loaded(self) -> Knowledge:
        from tracker.extract.run import Knowledge

        return Knowledge.load(self.root)

    @property
    def gazetteer(self) -> Gazetteer:
        return self.loaded.gazetteer

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue alone (what rendering needs), without the gazetteer and spin table."""
        if "loaded" in self.__dict__:
            return self.loaded.catalogue
        from tracker.extract.catalogue import load_catalogue

        return load_catalogue(self.root)


@dataclass
class DocumentsResult:
    entries: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    extracted: int = 0   # documents read and extracted this time
    stored: set[str] = field(default_factory=set)   # their files: the ledger's records changed for these only
    warnings: list[Message] = field(default_factory=list)   # not failures: documents that gave nothing or left
    gone: dict[str, int] = field(default_factory=dict)  # documents that left seeds/ -> records no longer tracked
    extractor: str = ""   # extractor_fingerprint


def extractor_fingerprint(project: Project, year: int | None) -> str:
    """Changes when the extractor's code, its data, the project's own data files or --year change."""
    own = tuple(project.root / name for name in KNOWLEDGE_FILES)
    base = code_fingerprint("extract", "intake", "data", extra=own)
    return hashlib.sha256(f"{__version__}|{base}|{year}".encode()).hexdigest()[:20]


def text_name(file: str) -> str:
    """output/text/ name of a document's cleaned text: "a/b.html" -> "text/a__b_html.txt"."""
    return text_names([file])[file]


def text_names(files: Iterable[str]) -> dict[str, str]:
    """output/text/ names of documents' cleaned texts, no two alike (ignoring case), none too long:
    "a/b.html" and "a__b_html.txt", or "Report.TXT" and "Report.txt", get different files."""
    return {file: f"text/{stem}.txt" for file, stem in unique_file_names({file: _text_stem(file) for file in files}).items()}


def _text_stem(file: str) -> str:
    path = Path(file)
    suffix = "" if path.suffix.lower() == ".txt" else path.suffix.replace(".", "_")
    return (path.with_suffix("").as_posix() + suffix).replace("/", "__")


def read_documents(project: Project, ledger: Ledger, knowledge: LazyKnowledge, state: BuildState,
                   year: int | None, progress: Progress) -> DocumentsResult:
    extractor = extractor_fingerprint(project, year)
    result = DocumentsResult(extractor=extractor)
    found = survey_folder(project.seeds)
    paths = found.files
    texts = text_names(name for _, name in paths)
    digests: dict[str, str] = {}

    def unchanged(path: Path, name: str) -> bool:
        try:
            digests[name] = digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return False  # reading it says why it cannot be read
        remembered = state.documents.get(name)
        return bool(remembered and remembered.get("sha256") == digest
                    and remembered.get("text_file") == texts[name]
                    and not ledger.document_changed(name, digest, extractor)
                    and (project.output / texts[name]).is_file())

    todo = [(path, name) for path, name in paths if not unchanged(path, name)]
    entries: dict[str, dict[str, Any]] = {}
    if todo:
        from tracker.extract.export import document_entry
        from tracker.extract.run import extract_each

        for outcome in extract_each(todo, knowledge.loaded, year, progress, label=say("progress.reading"),
                                    limits=project.settings.limits):
            name, item = outcome.name, outcome.read
            text_file = texts[name]
            if isinstance(item, Skipped):
                entry = document_entry(item)
                if name in digests:
                    entry["sha256"] = digests[name]
            else:
                _store(ledger, item, outcome.extraction, extractor)
                result.stored.add(name)
                entry = document_entry(item, outcome.extraction, text_file)
                result.written += _write_texts(project, item, text_file)
                result.extracted += 1
            if found.notes.get(name):
                entry["notes"] = found.notes[name]
            state.documents[name] = entries[name] = entry
    result.entries = [entries.get(name) or state.documents[name] for _, name in paths]
    names = {name for _, name in paths}
    for gone in sorted(set(state.documents) - names):
        del state.documents[gone]
    # A document still in seeds/ but refused or unreadable this time keeps its records.
    present = names | {item.file for item in found.refused} | {item.file for item in found.ignored}
    _retire(project, ledger, present, digests, result)
    result.entries += [document_entry(item) for item in found.refused]
    result.entries += [{"file": item.file, "status": "ignored", "reason": item.reason} for item in found.ignored]
    result.entries.sort(key=lambda entry: entry["file"])
    if not paths:
        result.warnings.append(say("documents.none", seeds=str(project.seeds)))
    result.problems += _problems(project, result.entries)
    result.warnings += _warnings(project, result.entries)
    return result


def _retire(project: Project, ledger: Ledger, names: set[str], digests: dict[str, str],
            result: DocumentsResult) -> None:
    """Records of documents no longer in seeds/ go stale; said once, when it happens."""
    by_digest = {digest: name for name, digest in digests.items()}
    for stored in ledger.documents():
        if stored.file in names:
            continue
        retired = ledger.retire_document(stored.file)
        if not retired:
            continue
        result.gone[stored.file] = retired
        renamed = by_digest.get(stored.sha256)
        if renamed is not None:
            result.warnings.append(say("documents.renamed", file=str(project.seeds / stored.file),
                                       renamed=str(project.seeds / renamed)))
        else:
            result.warnings.append(say("documents.gone", file=str(project.seeds / stored.file),
                                       seeds=str(project.seeds), count=retired))


def _problems(project: Project, entries: list[dict[str, Any]]) -> list[Problem]:
    return [Problem(where=str(project.seeds / entry["file"]), message=say("documents.skipped", reason=entry["reason"]))
            for entry in entries if entry["status"] == "skipped"]


def _warnings(project: Project, entries: list[dict[str, Any]]) -> list[str]:
    warnings = []
    for entry in entries:
        where = str(project.seeds / entry["file"])
        warnings += [say("documents.note", file=where, note=note) for note in entry.get("notes", ())]
        if entry.get("damaged_chars"):
            warnings.append(say("documents.damaged", file=where, count=entry["damaged_chars"],
                                encoding=entry["encoding"]))
        if entry.get("nothing_found"):
            warnings.append(say("documents.nothing_taken", file=where, reason=entry["nothing_found"]))
    ignored = [entry["file"] for entry in entries if entry["status"] == "ignored"]
    if ignored:
        shown = ignored[:5] + ([say("documents.ignored_more", count=len(ignored) - 5)] if len(ignored) > 5 else [])
        warnings.append(say("documents.ignored", seeds=str(project.seeds), count=len(ignored), files=shown))
    return warnings


def _store(ledger: Ledger, item, extraction, extractor: str) -> None:
    # The date the document was read as of: its stated or inferred date, else 1 January of the
    # year it speaks of (the reason says which).
    used = extraction.date or (date(extraction.year, 1, 1) if extraction.year else None)
    ledger.save_document(item.doc, used, extraction.date_reason, extractor)
    ledger.replace_records(item.doc.file, extraction.records)


def _write_texts(project: Project, item, text_file: str) -> list[Path]:
    written = []
    if write_text(project.output / text_file, item.text + "\n"):
        written.append(project.output / text_file)
    if item.doc.format != "text":
        # Offsets index the document's original text; for HTML, .docx and PDF keep it beside.
        original = project.output / (text_file.removesuffix(".txt") + ".original.txt")
        if write_text(original, item.doc.text):
            written.append(original)
    return written

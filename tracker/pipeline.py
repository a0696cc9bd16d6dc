"""`tracker build`: the whole job, one stage after another.

documents -> cleaned text -> records -> ledger -> status -> workbooks and memos.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.config import Project
from tracker.extract.export import document_entry
from tracker.intake import Prepared, document_paths, prepare
from tracker.models import Problem, Skipped
from tracker.outputs import write_json, write_text
from tracker.progress import Progress


@dataclass
class BuildResult:
    documents: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_documents(project: Project, progress: Progress) -> tuple[list[Prepared], list[Skipped]]:
    prepared: list[Prepared] = []
    skipped: list[Skipped] = []
    paths = document_paths(project.seeds)
    for path, name in progress.track(paths, "Reading documents", total=len(paths)):
        result = prepare(path, name)
        (skipped if isinstance(result, Skipped) else prepared).append(result)
    return prepared, skipped


def text_name(file: str) -> str:
    """output/text/ name of a document's cleaned text: "a/b.html" -> "text/a__b_html.txt"."""
    path = Path(file)
    suffix = "" if path.suffix.lower() == ".txt" else path.suffix.replace(".", "_")
    return "text/" + (path.with_suffix("").as_posix() + suffix).replace("/", "__") + ".txt"


def build(project: Project, progress: Progress | None = None) -> BuildResult:
    progress = progress or Progress()
    result = BuildResult()
    prepared, skipped = read_documents(project, progress)
    for item in prepared:
        name = text_name(item.doc.file)
        if write_text(project.output / name, item.text + "\n"):
            result.written.append(project.output / name)
        if item.doc.format != "text":
            # Offsets index the document's original text; for HTML, .docx and PDF keep it beside.
            source = name.removesuffix(".txt") + ".original.txt"
            if write_text(project.output / source, item.doc.text):
                result.written.append(project.output / source)
        result.documents.append(document_entry(item, text_file=name))
    for item in skipped:
        result.documents.append(document_entry(item))
        result.problems.append(Problem(where=str(project.seeds / item.file), message=f"skipped: {item.reason}"))
    result.documents.sort(key=lambda entry: entry["file"])
    if write_json(project.output / "documents.json", {"documents": result.documents}):
        result.written.append(project.output / "documents.json")
    return result

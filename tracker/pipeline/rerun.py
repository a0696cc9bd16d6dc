"""What a re-run may leave alone: workbooks nobody touched, and a build with nothing to do.

A tracker (or records.xlsx) is read back only when the file is not as the last build left it
(its size, time stamp and inode, state.py), or when the ledger is not as the last build closed
it: an untouched workbook shows what the ledger already holds, so reading it records nothing,
but after another command wrote to the ledger, or the ledger was replaced, every workbook is
read again, so nothing typed into one is lost.

A build finds nothing to do when everything its outputs are made from is as the last build of
the same language left it: the documents (their entries in documents.json), a ledger no other
command wrote to since and to which this build added nothing, the dates (--as-of and today's,
which the outputs show), the settings, the code, the project's templates and data files; and
when every output of that build is still there as it was written. It then stops after reading
its inputs, and writes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tracker.config import Project
from tracker.outputs import file_stamp, ledger_stamp
from tracker.pipeline.state import PACKAGE, BuildState, code_fingerprint, fingerprint


def trusted_ledger(state: BuildState, db: Path) -> bool:
    """Whether the ledger is as the last build closed it."""
    return state.ledger is not None and state.ledger == ledger_stamp(db)


def build_key(project: Project, *, lang: str, as_of: date, today: date, extractor: str,
              documents: list[dict[str, Any]], ledger: list[Any]) -> str:
    """A fingerprint of everything a build's outputs are made from besides the ledger's content."""
    own = sorted(p for folder in (project.templates,) if folder.is_dir() for p in folder.rglob("*") if p.is_file())
    code = code_fingerprint(".", extra=tuple(own), package=PACKAGE)
    return fingerprint(lang, as_of, today, project.settings, extractor, code, documents, ledger,
                       [(str(p), file_stamp(p)) for p in own])


def nothing_to_do(state: BuildState, lang: str, key: str) -> bool:
    """Whether the last build of `lang` had this key, all its outputs are still as it left them,
    and what any of them was written without is still missing (state.py: shortfalls)."""
    last = state.builds.get(lang)
    if last is None or last.get("key") != key or "waiting" not in last:
        return False
    outputs = [state.output / name for name in last.get("outputs", ())]
    if not all(map(state.untouched, outputs)):
        return False
    causes = {cause for path in outputs for cause in state.causes(path)}
    if causes:
        from tracker.render import cause_holds

        return all(map(cause_holds, causes))
    return True


def remember_build(state: BuildState, lang: str, key: str, outputs: list[Path], units: int,
                   waiting: dict[str, int]) -> None:
    """What the next build needs to find it has nothing to do, and to say so as this one did."""
    state.builds[lang] = {"key": key, "units": units, "waiting": dict(waiting),
                          "outputs": [state.relative(path) for path in outputs]}


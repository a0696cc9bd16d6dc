"""What a build worked out from the ledger, kept for the next build in the user's cache folder.

Reading a national ledger's records, making its targets and every unit's report takes seconds,
and a re-run after one typed figure needs them all again (summary.xlsx and the overall memo show
every unit) although only one unit's figures changed. So a build keeps them: every record, the
targets, the digests of the records' stored text, and each unit's report with the key of that
unit's figures and notes and the digest its outputs are fingerprinted by. The next build takes
them when the settings, the date judged at, the language and the code are the same (the key), and
the ledger's content token (schema version 6: replaced by triggers on every change to the
documents, records, review decisions and hand-entered targets) is the one they were read at; when
the token was that one as the build started and only the documents it re-extracted (or that left
seeds/) changed since, it reads the records of those documents alone. A unit's report is taken as
kept when everything it is made of is as it was: its targets, its records, the documents they
cite, its figures and notes (a unit's report depends on nothing of another unit's:
tests/assess/test_unit_independence.py); the others are made anew.

The cache is a pickle, so it lives in the user's own cache folder ($XDG_CACHE_HOME or ~/.cache,
then tracker/; %LOCALAPPDATA% on Windows), made private, and never beside the project: a pickle
in a shared project folder would be code that anyone able to write there could have the next
build run. A cache file that is not the user's own, that others may write, or that cannot be read
is ignored; one that cannot be written is not written; either way the build works it all out
again. TRACKER_CACHE names another folder, or "off".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.config import Project
from tracker.ledger import Ledger
from tracker.ledger.rows import StoredDigests
from tracker.models import Actual, Record, Remark, Target, UnitReport
from tracker.outputs import is_private, private_temporary
from tracker.pipeline.state import PACKAGE, code_fingerprint, fingerprint

FORMAT = b"tracker-derived 1"
KEPT_DAYS = 60          # a cache file no build used for this long is removed
# A re-run that made anew this share of the units' reports (or more) keeps what it made: below
# it, writing the cache (half a second at 3,000 units) would cost more than the units made again.
SAVED_SHARE = 0.05


@dataclass
class Derived:
    everything: list[Record]                       # every record, rejected ones flagged
    targets: list[Target]
    digests: list[bytes | None]                    # of each record's stored text, as `everything`
    units: dict[str, tuple[str, UnitReport, str]]  # unit -> (key of its figures and notes, report, digest)
    token: str = ""                                # the ledger's content token they were read at


def with_documents_read_again(kept: Derived, ledger: Ledger, default_unit: str | None,
                              changed: Collection[str]) -> tuple[list[Record], StoredDigests]:
    """Every record, as the ledger gives them, when only the documents `changed` were written to
    the ledger since `kept` was read from it (this build re-extracted them, or they left seeds/):
    theirs read again, the others' taken from `kept`, in the ledger's order (document, start, id)."""
    from tracker.assess.targets import resolve_units

    digests = StoredDigests()
    others = []
    for record, digest in zip(kept.everything, kept.digests, strict=True):
        if record.doc not in changed:
            others.append(record)
            if digest is not None:
                digests.keep(record, digest)
    fresh = resolve_units(ledger.records(include_rejected=True, digests=digests, docs=changed), default_unit)
    return sorted([*others, *fresh], key=lambda record: (record.doc, record.source.start, record.id)), digests


def targets_by_unit(targets: Iterable[Target]) -> dict[str, list[Target]]:
    grouped: dict[str, list[Target]] = {}
    for target in targets:
        grouped.setdefault(target.unit, []).append(target)
    return grouped


def same_targets(targets: list[Target], kept: list[Target]) -> list[Target]:
    """`targets`, with the kept objects in place of a unit's when that unit's are equal to them:
    the kept reports hold those, so the next cache holds one copy, not two."""
    now, then = targets_by_unit(targets), targets_by_unit(kept)
    taken = {unit: iter(then[unit]) for unit, found in now.items() if then.get(unit) == found}
    return [next(taken[target.unit]) if target.unit in taken else target for target in targets]


def key(project: Project, as_of: date, lang: str) -> str:
    """What the records, targets and reports are made from besides the ledger (whose content
    token `Derived.token` holds): the settings, the date judged at, the language, the code (and
    the Python that pickles them)."""
    return fingerprint(FORMAT.decode(), project.settings, as_of, lang, code_fingerprint(".", package=PACKAGE),
                       sys.version)


def cache_folder() -> Path | None:
    chosen = os.environ.get("TRACKER_CACHE")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "tracker" / "cache" if base else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError):   # no home folder: nothing is kept
            return None
    return Path(base) / "tracker"


def cache_file(db: Path, lang: str = "zh") -> Path | None:
    """Where the builds of the ledger at `db` in `lang` keep theirs: one file per language, so
    that building both languages in turn does not make each build work everything out again."""
    folder = cache_folder()
    if folder is None:
        return None
    name = _named(db)
    return folder / f"{name}-{lang}.derived"


def rows_file(output: Path) -> Path | None:
    """Where the builds keep the rows of the workbook at `output` (render/workbook/row_cache.py)."""
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"{_named(output)}.rows"


def _named(path: Path) -> str:
    """A cache file's name for what is kept about the file at `path`, wherever it is given from."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]


def unit_keys(actuals: Iterable[Actual], remarks: Iterable[Remark]) -> dict[str, str]:
    """unit -> a key of every figure and note it has (a unit without any has none)."""
    parts: dict[str, list[str]] = {}
    for item in (*actuals, *remarks):
        parts.setdefault(item.unit, []).append(repr(item))
    return {unit: hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest() for unit, texts in parts.items()}


def load(db: Path, key: str, lang: str = "zh") -> Derived | None:
    """What the last build in `lang` kept for the ledger at `db`, if it was kept under `key` and
    the file is the user's own; None otherwise."""
    path = cache_file(db, lang)
    if path is None or not is_private(path.parent) or not is_private(path):
        return None
    try:
        with path.open("rb") as file:
            if file.readline().rstrip(b"\n") != FORMAT + b" " + key.encode("ascii"):
                return None
            found = pickle.load(file)
    except Exception:  # noqa: BLE001  (whatever a damaged file makes pickle raise: worked out again)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: not removed as forgotten
    return found if isinstance(found, Derived) else None


def save(db: Path, key: str, derived: Derived, lang: str = "zh") -> bool:
    """Keep `derived` under `key` for the next build in `lang`; False when the cache folder cannot be written."""
    path = cache_file(db, lang)
    if path is None:
        return False
    made = private_temporary(path.parent)
    if made is None:
        return False
    handle, temporary = made
    kept = False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(FORMAT + b" " + key.encode("ascii") + b"\n")
            pickle.dump(derived, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        kept = True
    except Exception:  # noqa: BLE001  (a full disk, an object pickle refuses: worked out again)
        return False
    finally:
        if not kept:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _forget_old(path.parent)
    return True


def _forget_old(folder: Path) -> None:
    limit = time.time() - KEPT_DAYS * 86400
    for old in (*folder.glob("*.derived"), *folder.glob("*.rows")):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < limit:
                old.unlink()

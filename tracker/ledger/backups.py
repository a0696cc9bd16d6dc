"""The ledger's health: its integrity check when opened, the copies kept before each write, restoring one.

A build (and every command that writes to the ledger) first copies it with SQLite's online
backup API into `<ledger>.backups/` (the last BACKUPS_KEPT copies are kept; a copy equal to
the newest is not kept twice). A ledger that fails SQLite's integrity check is neither read
nor written, and the message names `tracker ledger restore`, which puts the newest good copy
in its place and keeps the damaged file beside it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker.errors import FileInUse, LedgerDamaged, LedgerError, OutputError
from tracker.messages import Message, say
from tracker.outputs import ledger_stamp, no_space_left, write_json

BACKUPS_KEPT = 7
SHOWN_PROBLEMS = 3      # integrity problems quoted in the message (SQLite may list thousands)
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.db$")
MARKS = "marks.json"  # in the backup folder: the ledger as last found sound, and as last copied
SIDE_FILES = ("-wal", "-shm")
SQLITE_NOTADB = 26   # SQLite's write-ahead log and its index, which belong to the ledger file


def backup_folder(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def backups(path: Path) -> list[Path]:
    """The ledger's backups, newest first."""
    folder = backup_folder(path)
    found = [p for p in folder.glob(f"{path.stem}-*.db") if _NAME.search(p.name)] if folder.is_dir() else []
    return sorted(found, key=_order, reverse=True)


def made_at(backup: Path) -> datetime:
    """When a backup was made, from its name."""
    match = _NAME.search(backup.name)
    if match is None:
        return datetime.fromtimestamp(backup.stat().st_mtime)
    return datetime.strptime(match.group(1), _STAMP)


def _order(backup: Path) -> tuple[str, int]:
    match = _NAME.search(backup.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 0)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What SQLite's integrity check finds wrong ([] when the database is sound)."""
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.OperationalError:
        raise  # not damage: the disk is full, the file cannot be opened or is locked (the caller says which)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == SQLITE_NOTADB:
            raise  # not an SQLite file at all (or its header is gone): the caller says which
        return [str(exc)]
    return [] if found == ["ok"] else found


def check(conn: sqlite3.Connection, path: Path, full: bool = False) -> None:
    """Raise LedgerDamaged, saying what to do, when the ledger at `path` fails the integrity check.

    The check reads the whole file (a national ledger is a hundred megabytes), so a ledger found
    sound is not checked again while its file is as it was then (same size, time stamp, inode),
    unless `full` (`tracker ledger check`)."""
    stamp = ledger_stamp(path)
    if not full and _marks(path).get("sound") == stamp:
        return
    problems = integrity_problems(conn)
    if problems:
        raise LedgerDamaged(damaged_message(path, problems))
    _mark(path, sound=stamp)


def mark_sound(path: Path) -> None:
    """Take the ledger at `path`, as its file is now, as sound: for a ledger found sound when it
    was opened (`check`) and written since by SQLite alone (a build's writes, checkpointed)."""
    _mark(path, sound=ledger_stamp(path))


def _marks(path: Path) -> dict:
    try:
        found = json.loads((backup_folder(path) / MARKS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _mark(path: Path, **marks: object) -> None:
    """Remember what was found (a mark that cannot be written only costs a check or a copy next time)."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return
    with contextlib.suppress(OSError, OutputError, FileInUse):
        write_json(folder / MARKS, {**_marks(path), **marks})


def damaged_message(path: Path, problems: list[str]) -> Message:
    shown: str | Message = "; ".join(problems[:SHOWN_PROBLEMS])
    if len(problems) > SHOWN_PROBLEMS:
        shown = say("ledger.damaged_more", shown=shown, count=len(problems) - SHOWN_PROBLEMS)
    return say("ledger.damaged", path=str(path), problems=shown, advice=restore_advice(path))


def restore_advice(path: Path) -> Message:
    """What to do about a damaged ledger: restore the newest backup, or how to recover without one."""
    found = backups(path)
    if not found:
        return say("ledger.no_backup", folder=str(backup_folder(path)), name=path.name)
    return say("ledger.restore_advice", count=len(found), folder=str(backup_folder(path)),
               made=f"{made_at(found[0]):%Y-%m-%d %H:%M:%S}")


def make_backup(conn: sqlite3.Connection, path: Path, now: datetime, kept: int = BACKUPS_KEPT) -> Path | None:
    """Copy the open ledger into its backup folder; the copy, or None when it equals the newest one."""
    folder = backup_folder(path)
    partial = None
    stamp = ledger_stamp(path)
    newest = backups(path)
    if newest and _marks(path).get("copied") == [newest[0].name, stamp]:
        return None  # the ledger is as it was when the newest copy was made of it
    try:
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, path.stem, now)
        partial = target.with_name(target.name + ".partial")
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, readable read-only
        finally:
            copy.close()
        if newest and _same_bytes(newest[0], partial):  # (a .partial is not listed as a backup)
            partial.unlink()
            _mark(path, copied=[newest[0].name, stamp])
            return None
        os.replace(partial, target)
        for old in backups(path)[kept:]:
            old.unlink()
        _mark(path, copied=[target.name, stamp])
    except (OSError, sqlite3.Error) as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        full = getattr(exc, "errno", None) == errno.ENOSPC or "full" in str(exc) or no_space_left(folder.parent)
        key = "ledger.backup_full" if full else "ledger.backup_failed"
        raise LedgerError(say(key, path=str(path), folder=str(folder), error=str(exc))) from exc
    return target


class BackupMeanwhile:
    """`make_backup` in a thread of its own, through a read-only connection of its own: SQLite
    copies the pages without holding Python's lock, so the build reads its documents meanwhile.
    `wait` (before anything is written, and when the ledger closes) returns when the copy is made,
    and raises what made it fail."""

    def __init__(self, path: Path, now: datetime) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path, now), name="ledger-backup", daemon=True)
        self._thread.start()

    def _run(self, path: Path, now: datetime) -> None:
        try:
            source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                make_backup(source, path, now)
            finally:
                source.close()
        except sqlite3.Error as exc:   # the ledger cannot be opened again (connect): said as make_backup says it
            self._error = LedgerError(say("ledger.backup_failed", path=str(path), folder=str(backup_folder(path)),
                                          error=str(exc)))
        except BaseException as exc:  # noqa: BLE001  (raised in the build's thread by wait)
            self._error = exc

    def wait(self) -> None:
        self._thread.join()
        error, self._error = self._error, None
        if error is not None:
            raise error


def _free_name(folder: Path, stem: str, now: datetime) -> Path:
    base = f"{stem}-{now.strftime(_STAMP)}"
    target, number = folder / f"{base}.db", 1
    while target.exists():
        number += 1
        target = folder / f"{base}-{number}.db"
    return target


def _same_bytes(one: Path, other: Path, chunk: int = 1 << 20) -> bool:
    """Whether two files hold the same bytes, read a megabyte at a time (a national ledger is a
    hundred megabytes: both whole in memory doubled the build's peak)."""
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as first, other.open("rb") as second:
        while True:
            part = first.read(chunk)
            if part != second.read(chunk):
                return False
            if not part:
                return True


@dataclass(frozen=True)
class Restored:
    source: Path                         # the backup now in place
    kept: Path | None                    # where the replaced ledger went (None when there was none)
    skipped: list[tuple[Path, str]] = field(default_factory=list)   # backups passed over, and why


def restore(path: Path, now: datetime, source: Path | None = None) -> Restored:
    """Put `source` (default: the newest backup that passes the integrity check) in place of the
    ledger at `path`; the replaced ledger and its side files are kept as `<ledger>.before-restore-<time>`.
    The caller holds the build lock."""
    skipped: list[tuple[Path, str]] = []
    if source is not None:
        problems = _backup_problems(source)
        if problems:
            raise LedgerError(say("ledger.backup_unusable", backup=str(source), problem=problems[0]))
        chosen = source
    else:
        chosen = None
        for candidate in backups(path):
            problems = _backup_problems(candidate)
            if not problems:
                chosen = candidate
                break
            skipped.append((candidate, problems[0]))
        if chosen is None:
            found = "; ".join(f"{backup.name}: {problem}" for backup, problem in skipped) \
                or say("ledger.no_backups_in", folder=str(backup_folder(path)))
            raise LedgerError(say("ledger.no_usable_backup", path=str(path), found=found))
    kept = path.with_name(f"{path.name}.before-restore-{now.strftime(_STAMP)}") if path.exists() else None
    if kept is not None:
        os.replace(path, kept)
        for side in SIDE_FILES:
            if Path(str(path) + side).exists():
                os.replace(str(path) + side, str(kept) + side)
    backup, target = sqlite3.connect(f"file:{chosen}?mode=ro", uri=True), sqlite3.connect(path)
    try:
        backup.backup(target)
    finally:
        backup.close()
        target.close()
    return Restored(chosen, kept, skipped)


def _backup_problems(candidate: Path) -> list[str]:
    if not candidate.is_file():
        return [say("ledger.no_such_file")]
    try:
        conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return integrity_problems(conn)
    finally:
        conn.close()

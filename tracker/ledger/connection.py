"""Opening the ledger file: the build lock, the SQLite connection and its upgrade."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from tracker.errors import LedgerBusy, LedgerDamaged, LedgerError
from tracker.ledger.backups import Restored, backups, check, restore, restore_advice
from tracker.ledger.schema import checked_version, migrate
from tracker.messages import say
from tracker.outputs import no_space_left

# How long SQLite itself retries when another connection holds the write lock (seconds).
# Builds are serialised by the file lock; this covers short reads and writes beside them.
BUSY_TIMEOUT = 5.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def take_build_lock(path: Path, wait: float) -> FileLock:
    """The lock that keeps two builds on one ledger from interleaving (`wait` seconds, 0: no wait)."""
    lock = FileLock(lock_path(path), timeout=wait)
    try:
        lock.acquire()
    except Timeout as exc:
        raise LedgerBusy(
            f"Another tracker build is using {path}; wait for it to finish and run again."
        ) from exc
    except OSError as exc:
        raise LedgerError(
            f"Cannot create the lock file {lock_path(path)} ({exc.strerror or exc}); "
            "check that the folder exists and is writable."
        ) from exc
    return lock


def connect(path: Path, full_check: bool = False) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) to an upgraded ledger."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise LedgerError(
            f"Cannot open the ledger {path} ({exc}); check that its folder exists and is writable."
        ) from exc
    try:
        conn.row_factory = sqlite3.Row
        if path.exists() and path.stat().st_size:
            check(conn, path, full_check)  # a damaged ledger is neither read nor written
        checked_version(conn, path)   # before anything writes to a file that may not be ours
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn, path)
    except sqlite3.OperationalError as exc:
        conn.close()
        if no_space_left(path.parent):
            raise LedgerError(say("ledger.open_full", path=str(path), error=str(exc))) from exc
        raise LedgerError(
            f"Cannot open the ledger {path} ({exc}); check that its folder exists and is writable."
        ) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        if backups(path):  # it was a ledger once: its header may be what is damaged
            raise LedgerDamaged(say("ledger.unreadable_file", path=str(path), error=str(exc),
                                    advice=restore_advice(path))) from exc
        raise LedgerError(
            f"{path} is not a tracker ledger (not an SQLite database); "
            "move it away or pass another ledger path."
        ) from exc
    except LedgerError:
        conn.close()
        raise
    return conn


def restore_ledger(path: Path, wait: float, source: Path | None = None) -> Restored:
    """Put a backup (default: the newest sound one) in place of the ledger, under the build lock."""
    lock = take_build_lock(path, wait)
    try:
        return restore(path, datetime.now(), source)
    finally:
        lock.release()

"""A write the disk cannot hold fails once, with the cause, and leaves the ledger as it was."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.builders import TickingClock
from tracker.errors import LedgerError
from tracker.ledger import Ledger
from tracker.models import Actual


class FullDisk:
    """An SQLite connection on a disk that fills at COMMIT: SQLite rolls back by itself (SQLITE_FULL),
    so a ROLLBACK after it would fail with "cannot rollback - no transaction is active"."""

    def __init__(self, conn: sqlite3.Connection, message: str) -> None:
        self.conn, self.message = conn, message

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            self.conn.execute("ROLLBACK")
            raise sqlite3.OperationalError(self.message)
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


FIGURE = Actual("甲区", "高新技术企业数", 2024, 300.0, "家", date(2024, 9, 30), "trackers/甲区.xlsx")


@pytest.mark.parametrize(("message", "cause"), [
    ("database or disk is full", "the disk is full (database or disk is full). Free some space and run again"),
    ("attempt to write a readonly database",
     "it or its folder is read-only (attempt to write a readonly database). Make it writable and run again"),
])
def test_a_failed_commit_is_one_clear_error_and_changes_nothing(tmp_path: Path, message: str, cause: str) -> None:
    path = tmp_path / "tracker.db"
    with Ledger.open(path, clock=TickingClock()) as ledger:
        ledger._conn = FullDisk(ledger._conn, message)
        with pytest.raises(LedgerError) as error:
            ledger.add_actuals([FIGURE])
        assert str(error.value) == f"Could not write to the ledger {path}: {cause}; nothing was changed in the ledger."
        assert error.value.__cause__.args == (message,)
        ledger._conn = ledger._conn.conn
        assert ledger.actual_history() == []
        assert ledger.add_actuals([FIGURE]) == 1

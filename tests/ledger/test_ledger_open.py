"""Opening the ledger: creation, upgrades, files that are not ledgers, the build lock, crashes."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sqlite3
import time
from collections.abc import Sequence
from datetime import date

import pytest

from tracker.errors import LedgerBusy, LedgerError, LedgerTooNew
from tracker.ledger import MIGRATIONS, Ledger, RecordChanges
from tracker.ledger.schema import migrate, statements
from tracker.models import Actual

SPAWN = multiprocessing.get_context("spawn")   # children open their own connections


def figure(value: float, month: int = 6) -> Actual:
    return Actual(unit="兰州新区", indicator="孵化器", year=2024, value=value, uom="个",
                  as_of=date(2024, month, 28), origin="import.csv, row 2")


def versions(path) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version")]


def test_a_new_ledger_is_created_at_the_newest_version_in_wal_mode(tmp_path):
    path = tmp_path / "tracker.db"
    with Ledger.open(path) as ledger, pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        ledger._conn.execute("INSERT INTO records (id, doc, unit, indicator, indicator_text, kind, metric, value, "
                             "uom, comparator, stretch, direction, confidence, source_start, source_end, quote, "
                             "flags, record_json, extracted_at) VALUES ('x', 'no such document', '', '', '', "
                             "'target', 'level', 1, '', '=', 0, 'up', 1, 0, 0, '', '[]', '{}', '')")
    assert versions(path) == list(range(1, len(MIGRATIONS) + 1))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_0_ledger_is_upgraded(tmp_path):
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (0, '2023-12-31T10:00:00+08:00')")
    with Ledger.open(path) as ledger:
        assert ledger.add_actuals([figure(3)]) == 1
    assert versions(path) == list(range(len(MIGRATIONS) + 1))


def test_a_version_1_ledger_gains_the_extractor_column(tmp_path):
    path = tmp_path / "tracker.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, MIGRATIONS[:1]) == 1
    conn.execute("INSERT INTO documents (file, sha256, format, first_seen, last_seen) "
                 "VALUES ('a.txt', 'abc', 'text', 'x', 'x')")
    conn.close()
    with Ledger.open(path) as ledger:
        assert not ledger.document_changed("a.txt", "abc")
        assert ledger.document_changed("a.txt", "abc", extractor="tracker 0.2")
    assert versions(path) == list(range(1, len(MIGRATIONS) + 1))


def upgraded_ledger_with_a_figure(path) -> sqlite3.Connection:
    with Ledger.open(path) as ledger:
        ledger.add_actuals([figure(3)])
    return sqlite3.connect(path, isolation_level=None)


def test_an_upgrade_keeps_the_data(tmp_path):
    path = tmp_path / "tracker.db"
    conn = upgraded_ledger_with_a_figure(path)
    version_2 = "ALTER TABLE actuals ADD COLUMN reviewer TEXT; CREATE INDEX actuals_by_unit ON actuals(unit);"
    assert migrate(conn, path, (*MIGRATIONS, version_2)) == len(MIGRATIONS) + 1
    assert conn.execute("SELECT value, reviewer FROM actuals").fetchall() == [(3.0, None)]
    conn.close()
    assert versions(path) == list(range(1, len(MIGRATIONS) + 2))


def test_a_failed_upgrade_leaves_the_ledger_as_it_was(tmp_path):
    path = tmp_path / "tracker.db"
    conn = upgraded_ledger_with_a_figure(path)
    broken = "ALTER TABLE actuals ADD COLUMN reviewer TEXT; INSERT INTO no_such_table VALUES (1);"
    with pytest.raises(LedgerError, match=f"The ledger {path} could not be upgraded to version {len(MIGRATIONS) + 1}"):
        migrate(conn, path, (*MIGRATIONS, broken))
    columns = [row[1] for row in conn.execute("PRAGMA table_info(actuals)")]
    conn.close()
    assert "reviewer" not in columns
    assert versions(path) == list(range(1, len(MIGRATIONS) + 1))


def test_a_ledger_from_a_newer_tracker_is_refused(tmp_path):
    path = tmp_path / "tracker.db"
    upgraded_ledger_with_a_figure(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (7, '2030-01-01T00:00:00+08:00')")
    with pytest.raises(LedgerTooNew, match=r"has schema version 7, newer than this tracker understands "
                                           rf"\(up to {len(MIGRATIONS)}\)\. Upgrade tracker to use it\."):
        Ledger.open(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04 a spreadsheet, not a database" * 200, "is not a tracker ledger (not an SQLite database)"),
    (None, "is an SQLite database but not a tracker ledger"),
])
def test_files_that_are_not_ledgers_are_named(tmp_path, content, message):
    path = tmp_path / "data.db"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE customers (name TEXT)")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(LedgerError) as raised:
        Ledger.open(path, wait=0)
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)
    assert path.read_bytes() == before
    Ledger.open(tmp_path / "other.db", wait=0).close()   # the failed open released the lock


def test_a_missing_folder_is_reported_not_created(tmp_path):
    with pytest.raises(LedgerError, match=r"The folder .*missing for the ledger does not exist"):
        Ledger.open(tmp_path / "missing" / "tracker.db", wait=0)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("content", "expected"), [
    ("CREATE TABLE a (x); CREATE TABLE b (y)", ["CREATE TABLE a (x);", "CREATE TABLE b (y);"]),
    ("CREATE TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; SELECT 2; END;\n",
     ["CREATE TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; SELECT 2; END;"]),
    ("INSERT INTO a VALUES ('x;y');", ["INSERT INTO a VALUES ('x;y');"]),
    ("  ;\n", []),
])
def test_statements_split_scripts_without_breaking_triggers(content, expected):
    assert list(statements(content)) == expected


# The build lock and crashes, across processes

def try_to_open(path, results) -> None:
    try:
        Ledger.open(path, wait=0).close()
        results.put(("opened", ""))
    except LedgerBusy as exc:
        results.put(("busy", str(exc)))


def test_a_second_build_gets_ledger_busy(tmp_path):
    path = tmp_path / "tracker.db"
    results = SPAWN.Queue()
    with Ledger.open(path, wait=0):
        child = SPAWN.Process(target=try_to_open, args=(path, results))
        child.start()
        child.join(60)
        assert results.get(timeout=5) == (
            "busy", f"Another tracker build is using {path}; wait for it to finish and run again.")
    child = SPAWN.Process(target=try_to_open, args=(path, results))
    child.start()
    child.join(60)
    assert results.get(timeout=5) == ("opened", "")


def test_the_lock_is_released_on_close_within_one_process(tmp_path):
    path = tmp_path / "tracker.db"
    with Ledger.open(path, wait=0), pytest.raises(LedgerBusy):
        Ledger.open(path, wait=0)
    Ledger.open(path, wait=0).close()


class StallingFigures(Sequence):
    """Figures that hang, mid-transaction, once `count` of them have been read."""

    def __init__(self, count: int, stalled) -> None:
        self.count = count
        self.stalled = stalled

    def __len__(self) -> int:
        return self.count + 1

    def __getitem__(self, index: int) -> Actual:
        if index == self.count:
            self.stalled.set()
            time.sleep(120)
        if index > self.count:
            raise IndexError(index)
        return figure(100 + index, month=1 + index % 12)


def write_and_stall(path, stalled) -> None:
    with Ledger.open(path, wait=0) as ledger:
        ledger.add_actuals(StallingFigures(500, stalled))


def test_a_build_killed_mid_write_leaves_the_last_committed_state(tmp_path):
    path = tmp_path / "tracker.db"
    with Ledger.open(path) as ledger:
        ledger.add_actuals([figure(3)])
    stalled = SPAWN.Event()
    child = SPAWN.Process(target=write_and_stall, args=(path, stalled))
    child.start()
    assert stalled.wait(60), "the child never reached the middle of its write"
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert child.exitcode == -signal.SIGKILL
    with Ledger.open(path, wait=0) as ledger:       # the dead build's lock is gone too
        assert [(a.value, a.as_of) for a in ledger.actual_history()] == [(3.0, date(2024, 6, 28))]
        assert ledger._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_version_4_gives_records_ids_without_the_file_name_and_keeps_their_decisions(tmp_path):
    from tests.helpers.builders import document, record
    from tracker.extract.records import record_id
    from tracker.ledger import rows
    from tracker.ledger.claim_ids import claim_id

    path = tmp_path / "tracker.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, MIGRATIONS[:3]) == 3
    for name in ("a.txt", "b.txt"):
        conn.execute("INSERT INTO documents (file, sha256, format, first_seen, last_seen) VALUES (?, 'x', 'text', "
                     "'x', 'x')", (name,))
    other = {"indicator": "技术合同成交额", "indicator_text": "技术合同成交额", "value": 10.0, "uom": "亿元"}
    old = [record("a-firms", doc="a.txt", start=0), record("a-firms-again", doc="a.txt", start=40),
           record("a-contracts", doc="a.txt", start=20, **other), record("b-firms", doc="b.txt", start=5)]
    for item in old:
        row = rows.record_row(item, "2024-07-01T09:00:00+08:00")
        conn.execute(f"INSERT INTO records ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    for record_id_, action, field, value in (("a-contracts", "reject", "review", "null"),
                                             ("a-firms", "set", "value", "300")):
        conn.execute("INSERT INTO decisions (record_id, action, field, value, decided_at, origin) "
                     "VALUES (?, ?, ?, ?, '2024-07-02T09:00:00+08:00', 'records.xlsx')", (record_id_, action, field, value))
    conn.close()

    with Ledger.open(path) as ledger:
        found = ledger.records(include_rejected=True)
        firms = record_id("乌鲁木齐高新区", "高新技术企业", "target", "level", 280.0, "家", 2024, None, False)
        contracts = record_id("乌鲁木齐高新区", "技术合同成交额", "target", "level", 10.0, "亿元", 2024, None, False)
        assert firms == claim_id(old[0].to_dict())  # the migration's frozen formula is the extractor's
        assert [(r.doc, r.id, r.value, r.flags) for r in found] == [
            ("a.txt", firms, 300.0, ("corrected",)),
            ("a.txt", contracts, 10.0, ("rejected",)),
            ("a.txt", record_id("乌鲁木齐高新区", "高新技术企业", "target", "level", 280.0, "家", 2024, None, False, 2),
             280.0, ()),
            ("b.txt", firms, 300.0, ("corrected",)),  # the same claim in another document shares the decision
        ]
        ledger.save_document(document("b.txt"), date(2024, 1, 20), "published")
        changes = ledger.replace_records("b.txt", [dataclasses.replace(old[3], id=firms)])
        assert changes == RecordChanges(unchanged=1)  # what the migration stored is what extraction gives now
        ledger.decide(contracts, "confirm")
        assert ledger.decisions_for(contracts)[-1].action == "confirm"
    assert versions(path) == list(range(1, len(MIGRATIONS) + 1))

"""The ledger's schema and its migrations.

`MIGRATIONS[i]` upgrades a ledger from version i to version i + 1 (version 1 is the
initial schema): an SQL script, or a function of the connection for a step SQL cannot do. Migrations are only ever appended: a released script is never edited,
because ledgers in the field were built by it. `schema_version` keeps one row per
version applied, so a ledger records its own upgrade history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

from tracker.errors import LedgerError, LedgerTooNew
from tracker.ledger import claim_ids

Migration = str | Callable[[sqlite3.Connection], None]

SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""

INITIAL_SCHEMA = """
CREATE TABLE documents (
    file        TEXT PRIMARY KEY,          -- relative to the seeds folder, '/'-separated
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT,
    title       TEXT,
    published   TEXT,                      -- ISO date stated in the text
    date_used   TEXT,                      -- ISO date the build used for the document
    date_reason TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

CREATE TABLE records (
    id             TEXT PRIMARY KEY,       -- content hash from the extractor
    doc            TEXT NOT NULL REFERENCES documents(file),
    unit           TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    indicator_id   TEXT,
    indicator_text TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('target', 'actual')),
    metric         TEXT NOT NULL,
    value          REAL NOT NULL,
    uom            TEXT NOT NULL,
    comparator     TEXT NOT NULL,
    year           INTEGER,
    period         TEXT,
    value_max      REAL,
    stretch        INTEGER NOT NULL CHECK (stretch IN (0, 1)),
    baseline       REAL,
    direction      TEXT NOT NULL,
    category       TEXT,
    confidence     REAL NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    quote          TEXT NOT NULL,
    flags          TEXT NOT NULL,          -- JSON list
    record_json    TEXT NOT NULL,          -- the full record as extracted; what is read back
    extracted_at   TEXT NOT NULL,
    stale          INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))
);
CREATE INDEX records_by_doc ON records(doc);

CREATE TABLE decisions (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id  TEXT NOT NULL REFERENCES records(id),
    action     TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'set')),
    field      TEXT NOT NULL,              -- 'review' for confirm/reject, else a Record field
    value      TEXT NOT NULL,              -- JSON
    decided_at TEXT NOT NULL,
    origin     TEXT NOT NULL
);
CREATE INDEX decisions_by_record ON decisions(record_id, field);

CREATE TABLE manual_targets (
    unit          TEXT NOT NULL,
    indicator     TEXT NOT NULL,
    year          INTEGER NOT NULL,
    indicator_id  TEXT,
    metric        TEXT NOT NULL,
    direction     TEXT NOT NULL,
    comparator    TEXT NOT NULL,
    value         REAL NOT NULL,
    uom           TEXT NOT NULL,
    category      TEXT,
    value_max     REAL,
    stretch_value REAL,
    baseline      REAL,
    period_start  TEXT,
    period_end    TEXT,
    origin        TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    PRIMARY KEY (unit, indicator, year)
);

CREATE TABLE actuals (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    unit        TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    value       REAL NOT NULL,
    uom         TEXT NOT NULL,
    as_of       TEXT NOT NULL,             -- ISO date
    note        TEXT,
    origin      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX actuals_by_figure ON actuals(unit, indicator, year, as_of);

-- The history of reported figures is evidence: the database itself refuses to rewrite it.
CREATE TRIGGER actuals_no_update BEFORE UPDATE ON actuals
BEGIN SELECT RAISE(ABORT, 'actuals are append-only'); END;
CREATE TRIGGER actuals_no_delete BEFORE DELETE ON actuals
BEGIN SELECT RAISE(ABORT, 'actuals are append-only'); END;
"""

# Version 2: which extractor (its version and knowledge files) last read each document, so a
# new catalogue or extractor re-extracts unchanged documents, and nothing else does.
ADD_EXTRACTOR = """
ALTER TABLE documents ADD COLUMN extractor TEXT NOT NULL DEFAULT '';
"""

# Version 3: REPLACE (and INSERT OR REPLACE) deletes the row it conflicts with without firing the
# delete trigger, so a reported figure could be rewritten through it; an insert that reuses the
# seq of a figure is refused like an update.
GUARD_REPLACE = """
CREATE TRIGGER actuals_no_replace BEFORE INSERT ON actuals
WHEN EXISTS (SELECT 1 FROM actuals WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'actuals are append-only'); END;
"""

# Version 5: what a tracker row says besides a figure. A figure cleared from a tracker is a withdrawal,
# a row of its own in actuals naming the figure it takes back (withdrawn = 1); a note or date typed
# without a figure is a remark. Both are history like the figures: appended, never rewritten.
WITHDRAWALS_AND_REMARKS = """
ALTER TABLE actuals ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));

CREATE TABLE remarks (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    unit        TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    as_of       TEXT,                      -- ISO date typed in 数据截至 without a figure
    note        TEXT,                      -- 备注 typed without a figure
    origin      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX remarks_by_target ON remarks(unit, indicator, year);
CREATE TRIGGER remarks_no_update BEFORE UPDATE ON remarks
BEGIN SELECT RAISE(ABORT, 'remarks are append-only'); END;
CREATE TRIGGER remarks_no_delete BEFORE DELETE ON remarks
BEGIN SELECT RAISE(ABORT, 'remarks are append-only'); END;
CREATE TRIGGER remarks_no_replace BEFORE INSERT ON remarks
WHEN EXISTS (SELECT 1 FROM remarks WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'remarks are append-only'); END;
"""

# Version 6: a token replaced by every change to what records and targets are made from (documents,
# records, review decisions, hand-entered targets), so a build can tell that what it worked out from
# them last time still holds without reading them again (pipeline/derived.py). Triggers, so that a
# change by any program counts. A later migration that rebuilds one of these tables must recreate
# its triggers.
CONTENT_TOKEN = """
CREATE TABLE content_token (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL
);
INSERT INTO content_token VALUES (1, lower(hex(randomblob(16))));
""" + "".join(
    f"CREATE TRIGGER {table}_{event.lower()}_token AFTER {event} ON {table} "
    "BEGIN UPDATE content_token SET token = lower(hex(randomblob(16))); END;\n"
    for table in ("documents", "records", "decisions", "manual_targets") for event in ("INSERT", "UPDATE", "DELETE"))

MIGRATIONS: tuple[Migration, ...] = (
    INITIAL_SCHEMA,
    ADD_EXTRACTOR,
    GUARD_REPLACE,
    claim_ids.upgrade,   # version 4: record ids without the document's name (see claim_ids.py)
    WITHDRAWALS_AND_REMARKS,
    CONTENT_TOKEN,
)


def statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (trigger bodies stay whole).

    `executescript` would commit any open transaction first, so migrations run their
    statements one by one inside the caller's transaction instead.
    """
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \n\t;"):
        yield pending.strip()


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open ledger; 0 for an empty database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the ledger at `path` up to the newest version, all in one transaction.

    Returns the version reached. `conn` must be in autocommit mode (isolation_level None).
    """
    known = len(migrations)
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = checked_version(conn, path, known)
        conn.execute(SCHEMA_VERSION_TABLE)
        for version in range(found + 1, known + 1):
            step = migrations[version - 1]
            if callable(step):
                step(conn)
            else:
                for statement in statements(step):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, datetime.now().astimezone().isoformat(timespec="seconds")),
            )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise LedgerError(
            f"The ledger {path} could not be upgraded to version {known} ({exc}); it was left unchanged. "
            "Restore it from a backup or report this error."
        ) from exc
    except LedgerError:
        conn.execute("ROLLBACK")
        raise
    return known


def checked_version(conn: sqlite3.Connection, path: Path, known: int = len(MIGRATIONS)) -> int:
    """The version of the ledger at `path`, after checking that tracker can use it."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables and tables - {"sqlite_sequence"}:
        raise LedgerError(
            f"{path} is an SQLite database but not a tracker ledger; pass another ledger path "
            "or move the file away."
        )
    found = current_version(conn)
    if found > known:
        raise LedgerTooNew(
            f"The ledger {path} has schema version {found}, newer than this tracker understands "
            f"(up to {known}). Upgrade tracker to use it."
        )
    return found

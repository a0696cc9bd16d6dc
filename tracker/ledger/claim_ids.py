"""Schema version 4: record ids no longer hash the document's file name.

Before, an id hashed the file name with the claim, so renaming a document gave every record a
new id and its review decisions (kept by id) no longer applied: a rejected record came back.
Now an id hashes only what the record claims (tracker/extract/records.record_id), the records
table is keyed by (document, id), and one claim stated in two documents shares its id and its
decisions. This step recomputes the ids of the records in a ledger, rewrites the decisions to
the new ids and drops the decisions' foreign key (an id may now name records of several documents).

The id formula is copied here, not imported: a migration is frozen once released, while the
extractor's formula may change in a later version (with a migration of its own).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

_SPACE = re.compile(r"\s+")
RECORD_COLUMNS = (
    "id", "doc", "unit", "indicator", "indicator_id", "indicator_text", "kind", "metric", "value", "uom",
    "comparator", "year", "period", "value_max", "stretch", "baseline", "direction", "category", "confidence",
    "source_start", "source_end", "quote", "flags", "record_json", "extracted_at", "stale",
)

RECORDS_V4 = """
CREATE TABLE records_v4 (
    id             TEXT NOT NULL,          -- content hash of the claim (not of the document's name)
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
    flags          TEXT NOT NULL,
    record_json    TEXT NOT NULL,
    extracted_at   TEXT NOT NULL,
    stale          INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1)),
    PRIMARY KEY (doc, id)
)
"""

DECISIONS_V4 = """
CREATE TABLE decisions_v4 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id  TEXT NOT NULL,              -- the records of every document with this id
    action     TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'set')),
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    origin     TEXT NOT NULL
)
"""


def claim_id(record: dict, occurrence: int = 1) -> str:
    """The version 4 id of a record (as stored in record_json)."""
    text = _SPACE.sub("", record["indicator_text"]).strip("“”\"'‘’《》")
    basis = "|".join(map(str, (record["unit"], text, record["kind"], record["metric"], record["value"],
                               record["uom"], record["year"], record["period"], record["stretch"])))
    if occurrence > 1:
        basis += f"|{occurrence}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def upgrade(conn: sqlite3.Connection) -> None:
    """Rebuild records and decisions with the new ids, inside the caller's transaction."""
    columns = ", ".join(RECORD_COLUMNS)
    found = conn.execute(f"SELECT {columns} FROM records ORDER BY doc, source_start, id").fetchall()
    renamed: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()
    rows = []
    for row in found:
        values = dict(zip(RECORD_COLUMNS, tuple(row), strict=True))
        record = json.loads(values["record_json"])
        occurrence, new = 1, claim_id(record)
        while (values["doc"], new) in taken:  # the same claim twice in one document: told apart by order
            occurrence += 1
            new = claim_id(record, occurrence)
        taken.add((values["doc"], new))
        renamed[values["id"]] = new
        record["id"] = new
        values["id"] = new
        values["record_json"] = json.dumps(record, ensure_ascii=False, sort_keys=True)
        rows.append(tuple(values.values()))
    conn.execute(RECORDS_V4)
    conn.executemany(f"INSERT INTO records_v4 ({columns}) VALUES ({', '.join('?' * len(RECORD_COLUMNS))})", rows)
    conn.execute(DECISIONS_V4)
    decisions = conn.execute("SELECT seq, record_id, action, field, value, decided_at, origin FROM decisions").fetchall()
    conn.executemany("INSERT INTO decisions_v4 VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(seq, renamed.get(rid, rid), *rest) for seq, rid, *rest in (tuple(d) for d in decisions)])
    conn.execute("DROP TABLE decisions")   # the child first, so dropping records breaks no reference
    conn.execute("DROP TABLE records")
    conn.execute("ALTER TABLE records_v4 RENAME TO records")
    conn.execute("ALTER TABLE decisions_v4 RENAME TO decisions")
    conn.execute("CREATE INDEX records_by_doc ON records(doc)")
    conn.execute("CREATE INDEX records_by_id ON records(id)")
    conn.execute("CREATE INDEX decisions_by_record ON decisions(record_id, field)")

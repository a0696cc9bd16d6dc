"""What users enter by hand: reported actuals (append-only) and manual targets.

Functions take a connection inside the caller's transaction; `Ledger` wraps them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from tracker.ledger import rows
from tracker.models import Actual, Remark, Target


def append_actuals(conn: sqlite3.Connection, actuals: Sequence[Actual], stamp: str) -> int:
    """Append the figures (and withdrawals) that differ from the current entry for their key; the
    number appended. A withdrawal of a figure that does not stand is not recorded."""
    appended = 0
    for actual in actuals:
        note = actual.note or None
        key = (actual.unit, actual.indicator, actual.year, actual.as_of.isoformat())
        current = conn.execute(
            "SELECT value, uom, note, withdrawn FROM actuals WHERE unit = ? AND indicator = ? AND year = ? "
            "AND as_of = ? ORDER BY seq DESC LIMIT 1",
            key,
        ).fetchone()
        if actual.withdrawn and (current is None or current[3]):
            continue
        if not actual.withdrawn and current is not None and tuple(current) == (actual.value, actual.uom, note, 0):
            continue
        conn.execute(
            "INSERT INTO actuals (unit, indicator, year, as_of, value, uom, note, origin, recorded_at, withdrawn) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*key, float(actual.value), actual.uom, note, actual.origin, stamp, int(actual.withdrawn)),
        )
        appended += 1
    return appended


def append_remarks(conn: sqlite3.Connection, remarks: Sequence[Remark], stamp: str) -> int:
    """Append the remarks that differ from the latest one for their target; the number appended."""
    appended = 0
    for remark in remarks:
        key = (remark.unit, remark.indicator, remark.year)
        values = (remark.as_of.isoformat() if remark.as_of else None, remark.note or None)
        current = conn.execute(
            "SELECT as_of, note FROM remarks WHERE unit = ? AND indicator = ? AND year = ? ORDER BY seq DESC LIMIT 1",
            key,
        ).fetchone()
        if (tuple(current) if current is not None else (None, None)) == values:
            continue
        conn.execute("INSERT INTO remarks (unit, indicator, year, as_of, note, origin, recorded_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (*key, *values, remark.origin, stamp))
        appended += 1
    return appended


def remark_history(conn: sqlite3.Connection, unit: str | None) -> list[Remark]:
    where, params = ("WHERE unit = ?", (unit,)) if unit is not None else ("", ())
    found = conn.execute(f"SELECT * FROM remarks {where} ORDER BY seq DESC", params)
    return [rows.remark_from_row(row) for row in found]


def actual_history(conn: sqlite3.Connection, unit: str | None) -> list[Actual]:
    where, params = ("WHERE unit = ?", (unit,)) if unit is not None else ("", ())
    found = conn.execute(f"SELECT * FROM actuals {where} ORDER BY seq DESC", params)
    return [rows.actual_from_row(row) for row in found]


def current_actuals(conn: sqlite3.Connection) -> list[Actual]:
    found = conn.execute(
        "SELECT * FROM actuals WHERE seq IN (SELECT MAX(seq) FROM actuals "
        "GROUP BY unit, indicator, year, as_of) ORDER BY unit, indicator, year, as_of"
    )
    return [rows.actual_from_row(row) for row in found]


def upsert_manual_targets(conn: sqlite3.Connection, targets: Sequence[Target], origin: str,
                          stamp: str) -> int:
    """Insert or replace by unit|indicator|year; the number new or different."""
    columns = (*rows.TARGET_COLUMNS, "origin", "entered_at")
    changed = 0
    for target in targets:
        values = {**rows.target_content(target), "origin": origin}
        stored = conn.execute(
            f"SELECT {', '.join(values)} FROM manual_targets WHERE unit = ? AND indicator = ? AND year = ?",
            (target.unit, target.indicator, target.year),
        ).fetchone()
        if stored is not None and tuple(stored) == tuple(values.values()):
            continue
        conn.execute(
            f"INSERT OR REPLACE INTO manual_targets ({', '.join(columns)}) "
            f"VALUES ({', '.join(['?'] * len(columns))})",
            (*values.values(), stamp),
        )
        changed += 1
    return changed


def manual_targets(conn: sqlite3.Connection) -> list[Target]:
    found = conn.execute("SELECT * FROM manual_targets ORDER BY unit, year, indicator")
    return [rows.target_from_row(row) for row in found]

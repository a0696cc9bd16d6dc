"""The ledger: documents, records, review decisions, manual targets and reported actuals.

Every public write method is one transaction. Actuals are append-only (the database
refuses updates and deletes); decisions are kept as history and applied when read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from filelock import FileLock

from tracker.errors import LedgerError, UnknownRecord
from tracker.ledger import entered, rows
from tracker.ledger.backups import BackupMeanwhile, make_backup, mark_sound
from tracker.ledger.connection import connect, take_build_lock
from tracker.ledger.decisions import (
    ACTIONS,
    REVIEW_FIELD,
    Decision,
    apply_decisions,
    checked_changes,
    latest_decisions,
)
from tracker.messages import say
from tracker.models import FLAG_STALE, Actual, Document, Record, Remark, Target
from tracker.outputs import no_space_left


@dataclass(frozen=True)
class RecordChanges:
    """What `replace_records` did; `stale` counts records that have just gone stale."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0


def _now() -> datetime:
    return datetime.now().astimezone()


_READ_ALL_FROM = 100  # record ids: fewer are looked up one by one, more by reading every decision once

class Ledger:
    """An open ledger. Use `Ledger.open(path)`, preferably as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: FileLock | None,
                 clock: Callable[[], datetime]) -> None:
        self._conn = conn
        self.path = path
        self._lock = lock
        self._clock = clock
        self._backing_up: BackupMeanwhile | None = None

    @classmethod
    def open(cls, path: Path | str, *, wait: float | None = None,
             clock: Callable[[], datetime] = _now, full_check: bool = False) -> Ledger:
        """Open (creating or upgrading) the ledger at `path`.

        `full_check`: run the integrity check even when the file is as it was when last found sound.

        With `wait`, first take the build lock on `<path>.lock`, waiting up to `wait`
        seconds (0: not at all) before raising LedgerBusy; the lock is held until close.
        Without it the ledger is opened unlocked, which suits read-only use.
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise LedgerError(
                f"The folder {path.parent} for the ledger does not exist; create it or pass another ledger path."
            )
        lock = take_build_lock(path, wait) if wait is not None else None
        try:
            conn = connect(path, full_check)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(conn, path, lock, clock)

    def close(self) -> None:
        with contextlib.suppress(Exception):   # nothing was written since: the ledger is as its last backup
            self._backed_up()
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def checkpoint(self) -> None:
        """Move what the write-ahead log holds into the ledger file and empty the log, as closing
        the last connection would: the file then stays as it is until something writes to it.

        The file is then marked sound: it was found sound when opened, and only SQLite has
        written it since, so the next build need not read the whole of a national ledger again
        to check what this one wrote. Any later change to the file brings the check back."""
        self._backed_up()
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        mark_sound(self.path)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing transaction; SQLite failures become a LedgerError."""
        self._backed_up()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._write_error(exc) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # When the disk is full SQLite has already rolled the transaction back itself; a second
        # ROLLBACK would only add "cannot rollback - no transaction is active" to the real cause.
        if self._conn.in_transaction:
            with suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _write_error(self, exc: sqlite3.Error) -> LedgerError:
        said = str(exc)
        if "full" in said or ("disk I/O error" in said and no_space_left(self.path.parent)):
            return LedgerError(say("ledger.write_full", path=str(self.path), error=said))
        if "readonly" in said or "read-only" in said:
            return LedgerError(say("ledger.write_read_only", path=str(self.path), error=said))
        return LedgerError(say("ledger.write_failed", path=str(self.path), error=said))

    def backup(self) -> Path | None:
        """Copy the ledger into its backup folder before writing (see backups.py); the copy made,
        or None when the newest backup already holds the same."""
        return make_backup(self._conn, self.path, self._clock().replace(tzinfo=None))

    def backup_meanwhile(self) -> None:
        """`backup`, in a thread of its own while this one reads: nothing is written to the ledger
        before the copy is made (a failure to make it is raised by the first write)."""
        self._backing_up = BackupMeanwhile(self.path, self._clock().replace(tzinfo=None))

    def _backed_up(self) -> None:
        if self._backing_up is not None:
            backing_up, self._backing_up = self._backing_up, None
            backing_up.wait()

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    # Documents

    def document_changed(self, file: str, sha256: str, extractor: str = "") -> bool:
        """True when `file` is new to the ledger, its bytes differ from the last build, or it was
        read by another extractor (`extractor` is a fingerprint of the extractor and its data)."""
        row = self._conn.execute("SELECT sha256, extractor FROM documents WHERE file = ?", (file,)).fetchone()
        return row is None or row["sha256"] != sha256 or row["extractor"] != extractor

    def save_document(self, doc: Document, date_used: date | None, date_reason: str, extractor: str = "") -> None:
        """Remember a document as read now; `first_seen` is kept from its first build."""
        row = rows.document_row(doc, date_used, date_reason, self._stamp())
        row["extractor"] = extractor
        with self._write() as conn:
            conn.execute(
                """INSERT INTO documents (file, sha256, format, encoding, title, published, date_used,
                       date_reason, first_seen, last_seen, extractor)
                   VALUES (:file, :sha256, :format, :encoding, :title, :published,
                       :date_used, :date_reason, :first_seen, :last_seen, :extractor)
                   ON CONFLICT(file) DO UPDATE SET sha256 = excluded.sha256, format = excluded.format,
                       encoding = excluded.encoding, title = excluded.title, published = excluded.published,
                       date_used = excluded.date_used, date_reason = excluded.date_reason,
                       last_seen = excluded.last_seen, extractor = excluded.extractor""",
                row,
            )

    def retire_document(self, file: str) -> int:
        """A document that left the seeds: its records go stale (kept, with their decisions, should it
        come back). Returns how many records were tracked until now."""
        with self._write() as conn:
            return conn.execute("UPDATE records SET stale = 1 WHERE doc = ? AND stale = 0", (file,)).rowcount

    def documents(self) -> list[rows.StoredDocument]:
        found = self._conn.execute("SELECT * FROM documents ORDER BY file")
        return [rows.stored_document(row) for row in found]

    # Records and review decisions

    def replace_records(self, doc_file: str, records: Sequence[Record]) -> RecordChanges:
        """Store this extraction of `doc_file`: upsert by id, and mark its missing records stale.

        A record id that occurs twice keeps its first occurrence (the earliest in the text).
        """
        strangers = sorted({r.doc for r in records if r.doc != doc_file})
        if strangers:
            raise ValueError(f"replace_records({doc_file!r}) was given records of {', '.join(strangers)}.")
        unique = list({r.id: r for r in reversed(records)}.values())[::-1]
        stamp = self._stamp()
        added = updated = unchanged = 0
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE file = ?", (doc_file,)).fetchone() is None:
                raise ValueError(f"Save the document {doc_file!r} before its records.")
            stored = {
                row["id"]: (row["record_json"], row["stale"])
                for row in conn.execute("SELECT id, record_json, stale FROM records WHERE doc = ?", (doc_file,))
            }
            for record in unique:
                row = rows.record_row(record, stamp)
                if record.id in stored and stored[record.id] == (row["record_json"], 0):
                    unchanged += 1
                    continue
                if record.id in stored:
                    updated += 1
                else:
                    added += 1
                columns = ", ".join(row)
                updates = ", ".join(f"{name} = excluded.{name}" for name in row if name not in ("id", "doc"))
                conn.execute(
                    f"INSERT INTO records ({columns}) VALUES ({', '.join(':' + n for n in row)}) "
                    f"ON CONFLICT(doc, id) DO UPDATE SET {updates}",
                    row,
                )
            kept = {r.id for r in unique}
            gone = [rid for rid, (_, stale) in stored.items() if rid not in kept and not stale]
            conn.executemany("UPDATE records SET stale = 1 WHERE id = ?", [(rid,) for rid in gone])
        return RecordChanges(added=added, updated=updated, unchanged=unchanged, stale=len(gone))

    def records(self, include_rejected: bool = False, include_stale: bool = False,
                ids: Collection[str] | None = None, digests: rows.StoredDigests | None = None,
                docs: Collection[str] | None = None) -> list[Record]:
        """The records as reviewed (see decisions.apply_decisions), in document order; only
        those with one of `ids` when given, and only those of the documents `docs` when given;
        each read as stored gets the digest of its text in `digests` when given.

        Included rejected records carry the flag "rejected", stale ones the flag "stale".
        """
        conditions = [] if include_stale else ["stale = 0"]
        parameters: tuple[str, ...] = ()
        if ids is not None:
            conditions.append("id IN (SELECT value FROM json_each(?))")
            parameters = (json.dumps(sorted(ids)),)
        if docs is not None:
            conditions.append("doc IN (SELECT value FROM json_each(?))")
            parameters = (*parameters, json.dumps(sorted(docs)))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        decisions = self._all_decisions()
        # Row by row, not fetched at once: a national ledger's JSON is tens of megabytes.
        found = self._conn.execute(f"SELECT record_json, stale FROM records {where} ORDER BY doc, source_start, id",
                                   parameters)
        result = []
        for row in found:
            stored = row["record_json"]
            record = Record.from_dict(json.loads(stored))
            decided = decisions.get(record.id)
            reviewed, rejected = apply_decisions(record, latest_decisions(decided)) if decided else (record, False)
            if rejected and not include_rejected:
                continue
            if row["stale"]:
                reviewed = dataclasses.replace(reviewed, flags=(*reviewed.flags, FLAG_STALE))
            elif digests is not None and reviewed is record:
                digests.add(record, stored)
            result.append(reviewed)
        return result

    def decide(self, record_id: str, action: str, changes: Mapping[str, object] | None = None,
               origin: str = "cli") -> None:
        """Record a review decision: confirm (optionally with corrections), reject, or set fields.

        Raises UnknownRecord for an id not in the ledger and ValueError for an unknown
        action, an uncorrectable field or a value of the wrong type.
        """
        if action not in ACTIONS:
            raise ValueError(f"Unknown review action {action!r}; use one of {', '.join(ACTIONS)}.")
        corrections = checked_changes(changes or {})
        if action == "set" and not corrections:
            raise ValueError("A 'set' decision needs at least one field to correct.")
        if action == "reject" and corrections:
            raise ValueError("A rejected record cannot also be corrected; reject it or correct it.")
        stamp = self._stamp()
        entries = [(record_id, "set", name, json.dumps(value, ensure_ascii=False), stamp, origin)
                   for name, value in corrections.items()]
        if action != "set":
            entries.append((record_id, action, REVIEW_FIELD, "null", stamp, origin))
        with self._write() as conn:
            self._check_record(record_id)
            conn.executemany(
                "INSERT INTO decisions (record_id, action, field, value, decided_at, origin) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                entries,
            )

    def decisions_for(self, record_id: str) -> list[Decision]:
        """Every decision on a record, oldest first."""
        self._check_record(record_id)
        return self._all_decisions(record_id).get(record_id, [])

    def decisions_on(self, record_ids: Sequence[str]) -> dict[str, list[Decision]]:
        """Every decision on each record, oldest first; read at once, as a national ledger has tens
        of thousands of records. Raises UnknownRecord for an id not in the ledger."""
        if len(record_ids) < _READ_ALL_FROM:
            return {record_id: self.decisions_for(record_id) for record_id in record_ids}
        known = {row[0] for row in self._conn.execute("SELECT id FROM records")}
        for record_id in record_ids:
            if record_id not in known:
                self._check_record(record_id)
        grouped = self._all_decisions()
        return {record_id: grouped.get(record_id, []) for record_id in record_ids}

    def _check_record(self, record_id: str) -> None:
        if self._conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() is None:
            raise UnknownRecord(
                f"No record with id {record_id!r} in the ledger {self.path}; "
                "check the id against the review list."
            )

    def _all_decisions(self, record_id: str | None = None) -> dict[str, list[Decision]]:
        query = "SELECT * FROM decisions" + (" WHERE record_id = ?" if record_id else "") + " ORDER BY seq"
        grouped: dict[str, list[Decision]] = defaultdict(list)
        for row in self._conn.execute(query, (record_id,) if record_id else ()):
            grouped[row["record_id"]].append(Decision(
                record_id=row["record_id"], action=row["action"], field=row["field"],
                value=json.loads(row["value"]), decided_at=rows.stamp(row["decided_at"]),
                origin=row["origin"],
            ))
        return grouped

    # Reported actuals (append-only) and manual targets

    def add_actuals(self, actuals: Sequence[Actual]) -> int:
        """Append reported figures; one equal to the current figure for its
        (unit, indicator, year, as_of) — same value, uom and note — is skipped, so
        re-reading an unchanged tracker adds nothing. A withdrawal (Actual.withdrawn) is appended
        only when a figure stands for its key. Returns the number appended.
        The ledger stamps `recorded_at` itself; an empty note counts as no note.
        """
        with self._write() as conn:
            return entered.append_actuals(conn, actuals, self._stamp())

    def add_remarks(self, remarks: Sequence[Remark]) -> int:
        """Append notes and dates typed without a figure; one equal to its target's latest remark is
        skipped. Returns the number appended."""
        with self._write() as conn:
            return entered.append_remarks(conn, remarks, self._stamp())

    def remarks(self, unit: str | None = None) -> list[Remark]:
        """Every remark (for one unit, if given), newest first."""
        return entered.remark_history(self._conn, unit)

    def actual_history(self, unit: str | None = None) -> list[Actual]:
        """Every figure ever reported (for one unit, if given), newest first."""
        return entered.actual_history(self._conn, unit)

    def current_actuals(self) -> list[Actual]:
        """The latest figure per (unit, indicator, year, as_of)."""
        return entered.current_actuals(self._conn)

    def upsert_manual_targets(self, targets: Sequence[Target], origin: str) -> int:
        """Store targets entered by hand (from `origin`), replacing any with the same
        unit|indicator|year. Returns how many were new or different; unchanged ones
        keep their `entered_at`.
        """
        with self._write() as conn:
            return entered.upsert_manual_targets(conn, targets, origin, self._stamp())

    def content_token(self) -> str:
        """A token that every change to the documents, records, review decisions or hand-entered
        targets replaces (schema version 6), whoever made the change."""
        return self._conn.execute("SELECT token FROM content_token").fetchone()[0]

    def manual_targets(self) -> list[Target]:
        """The targets entered by hand, with origin "manual"."""
        return entered.manual_targets(self._conn)

    def units(self) -> list[str]:
        """Every unit with a current record, a manual target or a reported actual."""
        names = {r.unit for r in self.records()} | {t.unit for t in self.manual_targets()}
        names |= {row[0] for row in self._conn.execute("SELECT DISTINCT unit FROM actuals")}
        return sorted(names)

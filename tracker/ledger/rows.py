"""Conversions between the model dataclasses and ledger rows (dates as ISO text, JSON for lists)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.models import Actual, Document, Record, Remark, Target


class StoredDigests:
    """The sha256 of the stored JSON each record was read from, for the records read as stored
    (no review decision applied, not stale): a build fingerprints its outputs by their records,
    and hashing the text the ledger holds takes a fifth of the time of hashing each record's repr
    (Record.from_dict reads nothing but that text, so the text is the record). Looked up by the
    record object itself: a record made anew from one (a default unit filled in) has no digest here."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[Record, bytes]] = {}   # each record kept, so its id stays its own

    def add(self, record: Record, stored: str) -> None:
        self._by_id[id(record)] = (record, hashlib.sha256(stored.encode("utf-8")).digest())

    def keep(self, record: Record, digest: bytes) -> None:
        """The digest `add` gave the record in an earlier build (pipeline/derived.py)."""
        self._by_id[id(record)] = (record, digest)

    def get(self, record: Record) -> bytes | None:
        known = self._by_id.get(id(record))
        return known[1] if known is not None and known[0] is record else None

    def __len__(self) -> int:
        return len(self._by_id)


@dataclass(frozen=True)
class StoredDocument:
    """A document as the ledger remembers it."""

    file: str
    sha256: str
    format: str
    encoding: str | None
    title: str | None
    published: date | None
    date_used: date | None
    date_reason: str
    first_seen: datetime
    last_seen: datetime


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def record_json(record: Record) -> str:
    """Canonical JSON of a record: equal records give equal text, so changes are detectable."""
    return json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)


def record_row(record: Record, extracted_at: str) -> dict[str, Any]:
    return {
        "id": record.id, "doc": record.doc, "unit": record.unit, "indicator": record.indicator,
        "indicator_id": record.indicator_id, "indicator_text": record.indicator_text,
        "kind": record.kind, "metric": record.metric, "value": record.value, "uom": record.uom,
        "comparator": record.comparator, "year": record.year, "period": record.period,
        "value_max": record.value_max, "stretch": int(record.stretch), "baseline": record.baseline,
        "direction": record.direction, "category": record.category, "confidence": record.confidence,
        "source_start": record.source.start, "source_end": record.source.end,
        "quote": record.source.quote, "flags": json.dumps(list(record.flags), ensure_ascii=False),
        "record_json": record_json(record), "extracted_at": extracted_at, "stale": 0,
    }


def document_row(doc: Document, date_used: date | None, date_reason: str, seen: str) -> dict[str, Any]:
    return {
        "file": doc.file, "sha256": doc.sha256, "format": doc.format, "encoding": doc.encoding,
        "title": doc.title, "published": iso(doc.published), "date_used": iso(date_used),
        "date_reason": date_reason, "first_seen": seen, "last_seen": seen,
    }


def stored_document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        file=row["file"], sha256=row["sha256"], format=row["format"], encoding=row["encoding"],
        title=row["title"], published=day(row["published"]), date_used=day(row["date_used"]),
        date_reason=row["date_reason"], first_seen=stamp(row["first_seen"]),
        last_seen=stamp(row["last_seen"]),
    )


def actual_from_row(row: sqlite3.Row) -> Actual:
    return Actual(
        unit=row["unit"], indicator=row["indicator"], year=row["year"], value=row["value"],
        uom=row["uom"], as_of=date.fromisoformat(row["as_of"]), origin=row["origin"],
        note=row["note"], recorded_at=stamp(row["recorded_at"]), withdrawn=bool(row["withdrawn"]),
    )


def remark_from_row(row: sqlite3.Row) -> Remark:
    return Remark(unit=row["unit"], indicator=row["indicator"], year=row["year"], as_of=day(row["as_of"]),
                  note=row["note"], origin=row["origin"], recorded_at=stamp(row["recorded_at"]))


# The columns of manual_targets that hold a Target's content (origin and entered_at excluded).
TARGET_COLUMNS: tuple[str, ...] = (
    "unit", "indicator", "year", "indicator_id", "metric", "direction", "comparator", "value",
    "uom", "category", "value_max", "stretch_value", "baseline", "period_start", "period_end",
)


def target_content(target: Target) -> dict[str, Any]:
    values = {name: getattr(target, name) for name in TARGET_COLUMNS}
    values["period_start"] = iso(target.period_start)
    values["period_end"] = iso(target.period_end)
    return values


def target_from_row(row: sqlite3.Row) -> Target:
    values = {name: row[name] for name in TARGET_COLUMNS}
    values["period_start"] = day(row["period_start"])
    values["period_end"] = day(row["period_end"])
    return Target(**values, origin="manual")

"""Extraction results as data: documents.json entries, and JSON (documents, records, skipped) or CSV text.

(`tracker extract` writes them, or the review workbook, with tracker/pipeline/extraction.py.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from tracker.extract.records import Extraction
from tracker.intake import Prepared
from tracker.messages import say
from tracker.models import Record, Skipped
from tracker.outputs import csv_safe

CSV_FIELDS = (
    "id", "doc", "unit", "indicator", "indicator_id", "indicator_text", "kind", "metric", "value", "value_max",
    "uom", "comparator", "year", "period", "stretch", "confidence", "flags",
    "source_start", "source_end", "source_quote",
)


def document_entry(item: Prepared | Skipped, extraction: Extraction | None = None,
                   text_file: str | None = None) -> dict[str, Any]:
    """One documents.json entry: what was read, how, and which date its 今年 means."""
    if isinstance(item, Skipped):
        return {"file": item.file, "status": "skipped", "reason": item.reason}
    doc = item.doc
    entry: dict[str, Any] = {
        "file": doc.file,
        "status": "read",
        "format": doc.format,
        "encoding": doc.encoding,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "chars_before": len(doc.text),
        "chars_after": len(item.text),
        "sha256": doc.sha256,
        "text_file": text_file,
        "removed": {"site_names": list(item.clean.site_names), "fragments": list(item.clean.fragments),
                    "lines": len(item.clean.dropped)},
    }
    if doc.damaged:
        entry["damaged_chars"] = doc.damaged
    if extraction is not None:
        entry.update(year_used=extraction.year, date_reason=extraction.date_reason,
                     main_unit=extraction.main_unit, records=len(extraction.records))
        if not extraction.records:
            entry["nothing_found"] = nothing_found(extraction)
    return entry


def nothing_found(extraction: Extraction) -> str:
    """Why a document that was read gave no records, in the words of the build summary."""
    left_out = len(extraction.notes)
    if not left_out:
        return say("nothing.no_figure")
    if extraction.main_unit is None:
        return say("nothing.no_unit", count=left_out)
    return say("nothing.only_companies", count=left_out)


def extraction_json(done: Sequence[tuple[Prepared, Extraction]], skipped: Sequence[Skipped]) -> dict[str, Any]:
    return {
        "documents": [document_entry(prepared, extraction) for prepared, extraction in done],
        "records": [record.to_dict() for _, extraction in done for record in extraction.records],
        "skipped": [{"file": item.file, "reason": item.reason} for item in skipped],
    }


def records_csv(records: Sequence[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = record.to_dict()
        source = row.pop("source")
        row.update(source_start=source["start"], source_end=source["end"], source_quote=source["quote"],
                   flags=";".join(record.flags))
        row.pop("baseline", None)
        row.pop("direction", None)
        row.pop("category", None)
        # Every text (quotes, names, file names) is written so no spreadsheet takes it for a formula;
        # the comparator is one of tracker's own signs (>=, =, ~ ...).
        writer.writerow({key: value if key == "comparator" else csv_safe(value) for key, value in row.items()})
    return buffer.getvalue()

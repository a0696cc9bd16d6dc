"""`tracker extract` without a ledger: the records of some documents written as JSON, CSV or the
review workbook (the same records.xlsx a build writes, without decisions)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tracker.errors import UsageError
from tracker.extract.export import extraction_json, records_csv
from tracker.extract.records import Extraction
from tracker.intake import Prepared
from tracker.messages import say
from tracker.models import Skipped
from tracker.outputs import json_text, write_text
from tracker.render.review_sheet import write_review_workbook


def write_extraction(done: Sequence[tuple[Prepared, Extraction]], skipped: Sequence[Skipped], fmt: str,
                     target: Path | None) -> str | None:
    """Write to `target`, or return the text for standard output when there is none."""
    records = [record for _, extraction in done for record in extraction.records]
    if fmt == "xlsx":
        if target is None:
            raise UsageError(say("extract.xlsx_needs_file"))
        write_review_workbook(records, target, {})
        return None
    text = (records_csv(records) if fmt == "csv"
            else json_text(extraction_json(done, skipped)))
    if target is None:
        return text
    # Excel opens UTF-8 CSV correctly only with a byte-order mark.
    write_text(target, ("\ufeff" if fmt == "csv" else "") + text)
    return None

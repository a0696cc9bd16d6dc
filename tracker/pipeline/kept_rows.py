"""The cross-unit files a re-run copies most of from the last build's: records.json line by line,
records.xlsx row by row (render/workbook/row_cache.py keeps them).

With the rows kept, writing such a file needs little more than the keys of its rows and the few
records whose rows are new: a worker can be sent that (`slimmed`) instead of a national ledger's
records, so that the build's own process writes only summary.xlsx meanwhile. A worker that does
not find a row it was told is kept (the cache replaced or damaged since the build looked) answers
RowsGone, and the build writes the file itself from all its records.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tracker.models import Record
from tracker.outputs import RawJSON, json_line
from tracker.render.review_sheet import row_key
from tracker.render.workbook.row_cache import KEY_BYTES, RowCache, RowsGone


@dataclass(frozen=True)
class RecordLines:
    """What records.json is made of: the records, a digest of each, and where the lines an earlier
    build wrote for them are kept (render/workbook/row_cache.py)."""

    records: tuple[Record | None, ...]   # None: its line is kept (slimmed)
    keys: tuple[bytes, ...]
    rows: RowCache


def record_lines(data: RecordLines) -> Iterator[RawJSON]:
    """Each record's line of records.json, made as it is written (all of a national ledger's
    dicts at once were 200 MB), or copied from the earlier build's for a record of the same digest."""
    kept = data.rows
    kept.open("records.json")
    try:
        for record, key in zip(data.records, data.keys, strict=True):
            place = kept.find(key)
            if record is None and place is None:   # sent without it (slimmed): not there after all
                raise RowsGone(f"the line of record {key.hex()[:16]}")
            line = kept.read(place) if place is not None else json_line(record.to_dict()).encode("utf-8")
            kept.add(key, line)
            yield RawJSON(line.decode("utf-8"))
        kept.commit()
    finally:
        kept.close()


# Records a worker is sent for records.xlsx or records.json, beside the keys of the rows kept:
# more, and the build writes the file itself rather than send a national ledger's records.
SEND_AT_MOST = 2000


def slimmed(task: Any) -> Any | None:
    """`task` as a worker is sent it: the records whose row (or line) an earlier build kept left
    out (None), with the row's key; None when it cannot be, or too many records would be sent."""
    data = task.data
    if task.kind == "review" and data.rows is not None and len(data.keys) == len(data.records):
        rows = [row_key(digest, data.decisions.get(record.id))
                for record, digest in zip(data.records, data.keys, strict=True)]
    elif task.kind == "records":
        rows = list(data.keys)
    else:
        return None
    present = data.rows.keys()
    if not present or sum(key[:KEY_BYTES] not in present for key in rows) > SEND_AT_MOST:
        return None
    sent = tuple(None if key[:KEY_BYTES] in present else record
                 for record, key in zip(data.records, rows, strict=True))
    if task.kind == "records":
        return dataclasses.replace(task, data=dataclasses.replace(data, records=sent))
    decisions = {record.id: data.decisions[record.id] for record in sent
                 if record is not None and record.id in data.decisions}
    digests = tuple(b"" if record is None else digest for record, digest in zip(sent, data.keys, strict=True))
    kept = tuple(key if record is None else None for record, key in zip(sent, rows, strict=True))
    return dataclasses.replace(task, data=dataclasses.replace(data, records=sent, decisions=decisions,
                                                              keys=digests, kept=kept))


def without_kept_rows(task: Any) -> Any | None:
    """`task` made from all its data, copying no kept row (after RowsGone); None for a task sent
    without some of its records (slimmed), which only the build can make whole."""
    rows = getattr(task.data, "rows", None)
    if rows is None or any(record is None for record in getattr(task.data, "records", ())):
        return None
    return dataclasses.replace(task, data=dataclasses.replace(task.data, rows=RowCache(None, rows.version)))

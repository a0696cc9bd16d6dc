"""Builders for records, documents and a clock, shared by the tests."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from typing import Any

from tracker.models import Document, Record, Source

CST = timezone(timedelta(hours=8))


class TickingClock:
    """A clock that moves one second each time it is read, starting 2024-07-01 09:00 +08:00."""

    def __init__(self) -> None:
        self.now = datetime(2024, 7, 1, 9, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def document(file: str = "a.txt", sha256: str = "sha-1", **changes: Any) -> Document:
    base = Document(file=file, format="text", encoding="utf-8", text="今年高新技术企业达280家。", sha256=sha256)
    return dataclasses.replace(base, **changes)


def record(id: str = "r1", *, doc: str = "a.txt", start: int = 0, **changes: Any) -> Record:
    """A target record; `start` places its quote in the document."""
    base = Record(
        id=id, doc=doc, unit="乌鲁木齐高新区", indicator="高新技术企业", indicator_id="hightech_firms",
        indicator_text="高新技术企业", kind="target", metric="level", value=280.0, uom="家",
        comparator=">=", year=2024, source=Source(doc, start, start + 8, "高新技术企业达280家"),
        confidence=0.8,
    )
    return dataclasses.replace(base, **changes)

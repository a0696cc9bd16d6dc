"""When a workbook was last saved, by its own account (docProps/core.xml travels with the file)."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

CLOCK_SLACK = timedelta(minutes=2)  # a saved time this much after the file's own time is a time zone mistake


def saved_time(workbook, path: Path) -> datetime:
    """When the workbook was last saved, as it says itself (docProps/core.xml, which travels with the file),
    in UTC. The file's own time stands in when the saving program left tracker's stamp (modified ==
    created), and when the stated time is later than the file itself: LibreOffice (and some libraries)
    write local time marked as UTC, so it is read as local time, and what is still later is a mistake."""
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    props = workbook.properties
    if props.modified is None or props.modified == props.created:
        return written
    stamp = props.modified
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=None).astimezone() if _saved_by(path).startswith("LibreOffice") \
            else stamp.replace(tzinfo=UTC)
    stamp = stamp.astimezone(UTC)
    return written if stamp > written + CLOCK_SLACK else stamp


def _saved_by(path: Path) -> str:
    """The program that saved the workbook (docProps/app.xml's Application), or ""."""
    try:
        with zipfile.ZipFile(path) as package:
            text = package.read("docProps/app.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    match = re.search(r"<Application>([^<]*)</Application>", text)
    return match.group(1).strip() if match else ""

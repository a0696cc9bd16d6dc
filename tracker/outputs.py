"""Writing output files safely: to a temporary name first, then renamed into place.

A build killed at any moment leaves either the previous file or the new one, never half
of one; and a file whose content did not change is not rewritten, so its timestamp tells
the user what a re-run really changed.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.errors import FileInUse

# mkstemp names: "." + the file's name + "." + 8 random characters + ".tmp", so a leftover
# never looks like an output file to someone (or something) listing *.xlsx.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def office_lock_files(path: Path) -> list[Path]:
    """The lock files Excel and WPS (~$name), Word (~$ and the name less its first two characters)
    and LibreOffice (.~lock.name#) keep beside a file they have open."""
    names = ["~$" + path.name, f".~lock.{path.name}#"]
    if path.suffix.lower() == ".docx" and len(path.stem) > 6:
        names.append("~$" + path.name[2:])
    return [path.with_name(name) for name in names]


def is_open_in_office(path: Path) -> bool:
    return any(lock.exists() for lock in office_lock_files(path))


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` atomically; False (and nothing touched) when the file already holds it.

    Raises FileInUse, leaving the file as it is, when an office program has it open: the check is
    made right before the file is replaced, as it may have been opened while the build ran."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _usual_permissions(Path(temp), path)
        if is_open_in_office(path):
            raise FileInUse(path)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> bool:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_saved(path: Path, save: Callable[[Any], None]) -> bool:
    """Write what a library's `save(file)` produces (openpyxl, python-docx), atomically."""
    buffer = io.BytesIO()
    save(buffer)
    return write_bytes(path, buffer.getvalue())


def _usual_permissions(temp: Path, path: Path) -> None:
    # mkstemp creates files only the owner can read; an output file should look like any other
    # (the old file's mode, else what the umask gives a new file).
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def remove_leftovers(folder: Path) -> list[Path]:
    """Temporary files of writes that a killed build never finished (only call under the build lock)."""
    found = [path for path in folder.rglob(".*.tmp") if _TEMP_NAME.match(path.name)] if folder.is_dir() else []
    for path in found:
        path.unlink(missing_ok=True)
    return found

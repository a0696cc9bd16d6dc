"""Writing output files safely: to a temporary name first, then renamed into place.

A build killed at any moment leaves either the previous file or the new one, never half
of one; and a file whose content did not change is not rewritten, so its timestamp tells
the user what a re-run really changed. A write that fails because the disk is full or the
folder is read-only leaves the old file too, and raises OutputError naming the folder and
the cause (`cannot_write`), which the command line prints as it is.
"""

from __future__ import annotations

import errno
import io
import itertools
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tracker.errors import FileInUse, OutputError
from tracker.messages import say

# mkstemp names: "." + the file's name + "." + 8 random characters + ".tmp", so a leftover
# never looks like an output file to someone (or something) listing *.xlsx.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
_TEMP_STEM_BYTES = 200  # of the file's name in its temporary's: 255 bytes a name, less ".", "." and ".XXXXXXXX.tmp"
# Why writing fails where the user, not tracker, must act, and what to do.
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


# A spreadsheet opening a CSV file takes a field that starts with one of these for a formula
# (LibreOffice imports "=1+1今年…" as one); such a field is written after an apostrophe, as OWASP
# advises, and `csv_unescaped` takes it off again when tracker reads the file back. A plain number
# ("-5.2") is left as it is: it means the same either way.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def csv_safe(value: Any) -> Any:
    """`value` as a CSV field no spreadsheet reads as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_unescaped(value: Any) -> Any:
    """A CSV field as it was before `csv_safe`."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def is_private(path: Path) -> bool:
    """Whether `path` exists, belongs to this user and no one else may write it (not checked on Windows)."""
    try:
        found = path.stat()
    except OSError:
        return False
    if os.name == "nt":
        return True
    return found.st_uid == os.getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_temporary(folder: Path) -> tuple[int, str] | None:
    """A new temporary file (its descriptor and name, only this user may read it) in `folder`,
    which is made private when it is new; None when it cannot be, or others may write the folder."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(folder):
            return None
        return tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return None


def office_lock_files(path: Path) -> list[Path]:
    """The lock files Excel and WPS (~$name), Word (~$ and the name less its first two characters)
    and LibreOffice (.~lock.name#) keep beside a file they have open."""
    names = ["~$" + path.name, f".~lock.{path.name}#"]
    if path.suffix.lower() == ".docx" and len(path.stem) > 6:
        names.append("~$" + path.name[2:])
    return [path.with_name(name) for name in names]


def is_open_in_office(path: Path) -> bool:
    # A lock file's name longer than the file system allows cannot exist (a name near 255 bytes).
    return any(len(os.fsencode(lock.name)) <= 255 and lock.exists() for lock in office_lock_files(path))


def file_stamp(path: Path) -> list[int] | None:
    """[size, modification time in ns, inode] of a file, None when there is none."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def ledger_stamp(db: Path) -> list[Any]:
    """A ledger file and its write-ahead log as they are on disk (an empty log counts as none):
    while it is the same, so is the ledger's content."""
    wal = file_stamp(db.with_name(db.name + "-wal"))
    return [file_stamp(db), wal if wal is not None and wal[0] > 0 else None]


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` atomically; False (and nothing touched) when the file already holds it.

    Raises FileInUse, leaving the file as it is, when an office program has it open: the check is
    made right before the file is replaced, as it may have been opened while the build ran."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    return _replace(path, lambda out: out.write(data))


def write_pieces(path: Path, pieces: Iterable[str]) -> bool:
    """`write_bytes` for text made a piece at a time (a national records.json): encoded and written
    as it comes and compared with the file already there as it goes, so the whole text is never
    in memory; False (the file left untouched) when it already held exactly this."""
    try:
        old = path.open("rb") if path.is_file() else None
    except OSError:
        old = None   # unreadable: replaced (or refused) as any other write

    def write(out: BinaryIO) -> bool:
        same = old is not None
        batch: list[str] = []
        for piece in itertools.chain(pieces, [None]):
            if piece is not None:
                batch.append(piece)
                if len(batch) < 1024:
                    continue
            data = "".join(batch).encode("utf-8")
            batch.clear()
            out.write(data)
            same = same and old.read(len(data)) == data
        same = same and not old.read(1)
        if old is not None:
            old.close()  # before the file is replaced (which Windows refuses while it is open)
        return not same

    try:
        return _replace(path, write)
    finally:
        if old is not None:
            old.close()


def _replace(path: Path, write: Callable[[BinaryIO], Any]) -> bool:
    """Replace the file at `path` atomically by what `write` writes into a temporary file; when
    `write` returns False (what it wrote is what the file holds), the file is left as it is."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.name.encode("utf-8")[:_TEMP_STEM_BYTES].decode("utf-8", errors="ignore")
        handle, temp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            changed = write(out) is not False
            if changed:
                out.flush()
                os.fsync(out.fileno())
        if not changed:
            Path(temp).unlink()
            return False
        _usual_permissions(Path(temp), path)
        if is_open_in_office(path):
            raise FileInUse(path)
        os.replace(temp, path)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from exc
        raise
    return True


def no_space_left(folder: Path) -> bool:
    """True when the disk holding `folder` is full (SQLite says only "disk I/O error" then)."""
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def cannot_write(path: Path, exc: OSError) -> Exception:
    """OutputError naming the folder of `path` and why it cannot be written (the disk is full, the
    folder is read-only); `exc` itself when the cause is not the user's to fix."""
    folder = Path(os.fsdecode(exc.filename)).parent if exc.filename else path.parent   # where it tried to write
    if exc.errno in _FULL:
        return OutputError(say("output.full", folder=str(folder), error=exc.strerror))
    if exc.errno in _READ_ONLY:
        return OutputError(say("output.read_only", folder=str(folder), error=exc.strerror))
    return exc


def write_text(path: Path, text: str) -> bool:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> bool:
    """`data` as `json_text` lays it out, written a piece at a time (`write_pieces`): a list may
    be given as an iterator, whose items are then made as they are written."""
    return write_pieces(path, itertools.chain(_laid_out(data, 0, 2), ["\n"]))


def json_text(data: Any, levels: int = 2) -> str:
    """JSON laid out over lines for its first `levels` levels (a record, a file's entry: one
    line each), compact below. Python's encoder is in C only without `indent`, and an indented
    ledger of a national project took seconds to lay out."""
    return "".join(_laid_out(data, 0, levels)) + "\n"


class RawJSON(str):
    """Text that is JSON already (`json_line`'s), laid out as it is."""


def json_line(value: Any) -> str:
    """`value` as compact JSON on one line, as json_text lays out what is below its levels."""
    return _ENCODER.encode(value)


def _laid_out(value: Any, depth: int, levels: int) -> Iterator[str]:
    """json_text's pieces; an iterator counts as a list."""
    if type(value) is RawJSON:
        yield value
        return
    if depth < levels and isinstance(value, dict) and value:
        inner = "  " * (depth + 1)
        for number, (key, item) in enumerate(value.items()):
            yield ("{\n" if number == 0 else ",\n") + f"{inner}{json_line(str(key))}: "
            yield from _laid_out(item, depth + 1, levels)
        yield "\n" + "  " * depth + "}"
        return
    if depth < levels and isinstance(value, list | tuple | Iterator):
        inner = "  " * (depth + 1)
        empty = True
        for item in value:
            yield ("[\n" if empty else ",\n") + inner
            yield from _laid_out(item, depth + 1, levels)
            empty = False
        yield "[]" if empty else "\n" + "  " * depth + "]"
        return
    yield json_line(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)  # made once: json.dumps makes one per call


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

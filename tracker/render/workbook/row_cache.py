"""Rows of a streamed sheet kept from one build to the next, by a key of everything they show.

A national records.xlsx has fifty thousand rows; after one changed document a few dozen of
them differ, yet making every row's XML (and measuring its height) took most of the two seconds
the file took. So the sheet's writer gives each row a key, a digest of all the row is made from
(its record, the decision on it), and the row's XML is kept under that key with its number left
out (NUMBER, a character XML cannot hold, stands for it): the next build copies the row of an
unchanged key instead of making it.

A kept row's XML holds style ids (s="N"): they are valid only where the workbook registered
the same styles in the same order. The writer registers every style its rows can use before any
row (StreamedSheet.register_styles), and the ids that gave are the cache's `signature`; a cache
made under another signature, or by another version of the code (`version`), is not used.

The file: a header line, then each row's XML, then the index (key, place and length of each),
then the index's place and the CRC-32 of all before it, checked when the file is opened: a
damaged file costs its rows, made again, never wrong ones. The rows are read from the file
while the sheet is written (the index alone is held in memory). A file holds the rows of the
last build that wrote the sheet, nothing older; it is written under a temporary name and
renamed into place. It lives in
the user's private cache folder (tracker/pipeline/derived.py), as what it holds goes into the
workbook as it is: one another user could write is ignored.
"""

from __future__ import annotations

import contextlib
import os
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

from tracker.outputs import is_private, private_temporary

NUMBER = "\x00"             # a kept row's number, in its XML
NUMBER_BYTES = NUMBER.encode("ascii")
FORMAT = b"tracker-rows 2"
KEY_BYTES = 16                      # of a key (a longer one is cut: 128 bits tell rows apart)
_ENTRY = struct.Struct(">16sQI")    # key, place, length
_TAIL = struct.Struct(">QI")        # the index's place, the CRC-32 of all before the tail
_CHUNK = 1 << 20


class RowsGone(Exception):
    """A row expected among the kept ones is not there (the cache was replaced or damaged since
    the build looked): the output is to be made from all its data instead."""


class RowCache:
    """The rows kept for one sheet at `path` (None: nothing is kept), under `version`."""

    def __init__(self, path: Path | None, version: str) -> None:
        self.path, self.version = path, version
        self._header = FORMAT + b"\n"
        self._old: BinaryIO | None = None
        self._index: dict[bytes, tuple[int, int]] = {}
        self._new: BinaryIO | None = None
        self._temporary: str | None = None
        self._entries: list[bytes] = []
        self._crc = 0

    def __getstate__(self) -> dict:
        # Sent to a worker only as where it lives (a worker that writes the sheet opens it there).
        return {"path": self.path, "version": self.version}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["version"])  # type: ignore[misc]

    def part(self, name: str) -> RowCache:
        """The rows kept for another sheet of the same workbook (each sheet keeps its own)."""
        path = None if self.path is None else self.path.with_name(f"{self.path.stem}-{name}{self.path.suffix}")
        return RowCache(path, self.version)

    def open(self, signature: str) -> None:
        """Read the index of the rows kept under this version and `signature` (the workbook's style ids)."""
        self.close()
        self._header = FORMAT + b" " + f"{self.version} {signature}".encode() + b"\n"
        old = self._opened()
        if old is None:
            return
        try:
            self._index = _read_index(old, self._header)
        except (OSError, ValueError, struct.error):
            self._index = {}
        if self._index:
            self._old = old
        else:
            old.close()

    def keys(self) -> set[bytes]:
        """The keys of the rows kept under this version, as the file says without checking it
        (a build deciding what a worker needs to be sent: the worker checks it, RowsGone)."""
        file = self._opened()
        if file is None:
            return set()
        with file:
            try:
                header = file.readline()
                if not header.startswith(FORMAT + b" " + f"{self.version} ".encode()):
                    return set()
                start, _, end = _tail(file, len(header))
                file.seek(start)
                index = file.read(end - start)
            except (OSError, ValueError, struct.error):
                return set()
        return {key for key, _, _ in _ENTRY.iter_unpack(index)}

    def _opened(self) -> BinaryIO | None:
        """The file of kept rows, open, when there is one and it is the user's own."""
        if self.path is None or not is_private(self.path.parent) or not is_private(self.path):
            return None
        try:
            return self.path.open("rb")
        except OSError:
            return None

    def find(self, key: bytes) -> tuple[int, int] | None:
        """Where the row kept under `key` is (`read` gives it), None when there is none."""
        return self._index.get(key[:KEY_BYTES])

    def read(self, place: tuple[int, int]) -> bytes:
        """The XML of the row kept at `place` (from `find`), its number NUMBER; RowsGone when the
        file no longer gives it (cut short since it was checked)."""
        start, length = place
        try:
            if self._old is None:
                raise OSError("closed")
            if self._old.tell() != start:
                self._old.seek(start)
            xml = self._old.read(length)
        except OSError as exc:
            raise RowsGone(f"{self.path}: {exc}") from exc
        if len(xml) != length:
            raise RowsGone(f"{self.path}: cut short")
        return xml

    def add(self, key: bytes, xml: bytes) -> None:
        """Keep `xml` under `key` for the next build (written when `commit` is called)."""
        if self.path is None:
            return
        if self._new is None and not self._start():
            return
        assert self._new is not None
        try:
            self._entries.append(_ENTRY.pack(key[:KEY_BYTES], self._new.tell(), len(xml)))
            self._new.write(xml)
        except OSError:   # a full disk: nothing is kept this time, and the sheet is written all the same
            self._drop_new()
            self.path = None
            return
        self._crc = zlib.crc32(xml, self._crc)

    def commit(self) -> None:
        """Put the rows added in place of the rows kept before (nothing when none was added)."""
        new, temporary, entries = self._new, self._temporary, self._entries
        self._new = self._temporary = None
        self.close()
        if new is None or temporary is None or self.path is None:
            return
        try:
            with new:
                start = new.tell()
                index = b"".join(entries)
                new.write(index)
                new.write(_TAIL.pack(start, zlib.crc32(index, self._crc)))
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def close(self) -> None:
        """Let the kept rows go, and drop the rows added since `open` unless committed."""
        if self._old is not None:
            self._old.close()
            self._old = None
        self._index = {}
        self._drop_new()

    def _drop_new(self) -> None:
        if self._new is not None:
            with contextlib.suppress(OSError):
                self._new.close()
            with contextlib.suppress(OSError):
                os.unlink(self._temporary or "")
            self._new = self._temporary = None
        self._entries = []

    def _start(self) -> bool:
        assert self.path is not None
        made = private_temporary(self.path.parent)
        if made is None:
            self.path = None
            return False
        handle, self._temporary = made
        self._new = os.fdopen(handle, "wb")
        self._new.write(self._header)
        self._crc = zlib.crc32(self._header)
        return True


def _tail(file: BinaryIO, header: int) -> tuple[int, int, int]:
    """(where the index starts, the CRC, where it ends) of a file whose header is `header` bytes
    long; ValueError when its tail says nonsense."""
    size = os.fstat(file.fileno()).st_size
    if size < header + _TAIL.size:
        raise ValueError("too short")
    file.seek(size - _TAIL.size)
    start, crc = _TAIL.unpack(file.read(_TAIL.size))
    end = size - _TAIL.size
    if not header <= start <= end or (end - start) % _ENTRY.size:
        raise ValueError("no index")
    return start, crc, end


def _read_index(file: BinaryIO, header: bytes) -> dict[bytes, tuple[int, int]]:
    """key -> (place, length) of each row in the file, {} unless its header is `header` and its CRC holds."""
    if file.read(len(header)) != header:
        return {}
    start, crc, end = _tail(file, len(header))
    file.seek(0)
    found, left = 0, end
    while left:
        chunk = file.read(min(_CHUNK, left))
        if not chunk:
            return {}
        found, left = zlib.crc32(chunk, found), left - len(chunk)
    if found != crc:
        return {}
    file.seek(start)
    return {key: (place, length) for key, place, length in _ENTRY.iter_unpack(file.read(end - start))}

"""Names that Windows, Excel, WPS and LibreOffice all accept, made from unit and indicator names.

File names: Windows forbids <>:"/\\|?* and control characters, trailing dots and spaces, and the
device names CON, PRN, AUX, NUL, COM1-9, LPT1-9 (with any extension); Linux allows 255 bytes, not
characters (85 Chinese characters), and a leading "." hides a file. Names that differ only in
case, or in a character replaced, must still give different files (`unique_file_names`).
Sheet names: Excel forbids
[]:*?/\\, a leading or trailing apostrophe, more than 31 characters, the name "History" (Excel
keeps it for change tracking), and two sheets whose names differ only in case.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
RESERVED_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)
RESERVED_SHEETS = frozenset({"history"})
SHEET_LIMIT = 31
FILE_LIMIT = 120  # leaves room for the folder and ".xlsx" under Windows' 260-character paths
# UTF-8 bytes of a stem: 255 a name, less ".original.txt" and the ".name.XXXXXXXX.tmp" of atomic writes
FILE_BYTES = 180
REPLACEMENT = "_"
_HASH = 8
K = TypeVar("K")


def safe_file_name(name: str) -> str:
    """`name` usable as a file name stem on Windows and elsewhere: "高新区/新市区" -> "高新区_新市区"."""
    return _fitted(_cleaned(name))


def _cleaned(name: str) -> str:
    cleaned = FILE_FORBIDDEN.sub(REPLACEMENT, name.strip()).rstrip(". ")
    if cleaned.startswith((".", "~")):  # hidden, or taken for an office lock file (~$)
        cleaned = REPLACEMENT + cleaned[1:]
    if not cleaned.strip(REPLACEMENT):
        return REPLACEMENT
    if cleaned.split(".")[0].upper() in RESERVED_DEVICES:
        cleaned = REPLACEMENT + cleaned
    return cleaned


def _fitted(stem: str, room: int = 0) -> str:
    """`stem` cut to the character and byte limits, less `room` bytes for a suffix."""
    cut = stem[:FILE_LIMIT - room].encode("utf-8")[:FILE_BYTES - room].decode("utf-8", errors="ignore")
    return cut.rstrip(". ") or REPLACEMENT


def unique_file_names(wanted: Mapping[K, str], reserved: Iterable[str] = ()) -> dict[K, str]:
    """A safe stem for each item's wanted name, no two alike even where case is ignored (Windows,
    macOS). A stem is the wanted name where it can be; a name that had to be cut, or whose stem
    another item (one whose name needed no change first) or a reserved name already has, gets
    "~" and a short hash of its item: "甲/乙高新区" -> "甲_乙高新区~1c2d3e4f" beside "甲_乙高新区"."""
    used = {_key(name) for name in reserved}
    stems: dict[K, str] = {}
    order = sorted(wanted, key=lambda item: (_cleaned(wanted[item]) != wanted[item], str(item)))
    for item in order:
        cleaned = _cleaned(wanted[item])
        stem = _fitted(cleaned)
        if stem != cleaned or _key(stem) in used:
            digest = hashlib.sha256(str(item).encode("utf-8", errors="surrogatepass")).hexdigest()
            size = _HASH
            while size == _HASH or _key(stem) in used:
                stem = _fitted(cleaned, room=size + 1) + "~" + digest[:size]
                size += 4
        used.add(_key(stem))
        stems[item] = stem
    return stems


def _key(stem: str) -> str:
    return unicodedata.normalize("NFC", stem).casefold()


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """A valid sheet name for `name` not in `taken` (compared ignoring case); it is added to `taken`.

    A clash gets a suffix that still fits in 31 characters: "乌鲁木齐高新区", "乌鲁木齐高新区 (2)".
    """
    base = SHEET_FORBIDDEN.sub(REPLACEMENT, name.strip()).strip("'").strip() or "Sheet"
    if base.casefold() in RESERVED_SHEETS:
        base += REPLACEMENT
    used = {t.casefold() for t in taken}
    candidate = base[:SHEET_LIMIT].rstrip("'")
    number = 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_LIMIT - len(suffix)].rstrip("'") + suffix
    taken.add(candidate)
    return candidate

"""Names that Windows, Excel, WPS and LibreOffice all accept, made from unit and indicator names.

File names: Windows forbids <>:"/\\|?* and control characters, trailing dots and spaces, and the
device names CON, PRN, AUX, NUL, COM1-9, LPT1-9 (with any extension). Sheet names: Excel forbids
[]:*?/\\, a leading or trailing apostrophe, more than 31 characters, the name "History" (Excel
keeps it for change tracking), and two sheets whose names differ only in case.
"""

from __future__ import annotations

import re

FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
RESERVED_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)
RESERVED_SHEETS = frozenset({"history"})
SHEET_LIMIT = 31
FILE_LIMIT = 120  # leaves room for the folder and ".xlsx" under Windows' 260-character paths
REPLACEMENT = "_"


def safe_file_name(name: str) -> str:
    """`name` usable as a file name stem on Windows and elsewhere: "高新区/新市区" -> "高新区_新市区"."""
    cleaned = FILE_FORBIDDEN.sub(REPLACEMENT, name.strip())[:FILE_LIMIT].rstrip(". ")
    if not cleaned.strip(REPLACEMENT):
        return REPLACEMENT
    if cleaned.split(".")[0].upper() in RESERVED_DEVICES:
        cleaned = REPLACEMENT + cleaned
    return cleaned


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

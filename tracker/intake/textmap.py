"""Text that remembers where each of its characters came from.

Cleaning drops, replaces and normalises characters; every later stage still has to quote
the document exactly. A MappedText pairs the cleaned string with `origin`, the index in
the document's original text of each cleaned character, so any span of cleaned text maps
back to the identical original span.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

CELL_BREAK = "\t"  # between the cells of a table row, in the text of any reader


@dataclass(frozen=True)
class MappedText:
    text: str
    # origin[i] = index in the original text of text[i]; 4-byte items (typecode "i"): a document
    # is far below 2**31 characters ([limits] max_file_mb), and a 50 MB one has 17 million.
    origin: array

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, array("i", range(len(text))))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) covering cleaned text[start:end]."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside cleaned text of length {len(self.text)}")
        if start == end:
            at = self.origin[start] if start < len(self.text) else (self.origin[-1] + 1 if self.text else 0)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def __len__(self) -> int:
        return len(self.text)


class MappedTextBuilder:
    """Collects pieces of cleaned text with their origins, then freezes them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._origin = array("i")

    def keep(self, text: str, start: int) -> None:
        """Append original text[start:start+len(text)] unchanged."""
        self._parts.append(text)
        self._origin.extend(range(start, start + len(text)))

    def replace(self, text: str, at: int) -> None:
        """Append replacement text that stands for the original character at `at`."""
        self._parts.append(text)
        self._origin.extend([at] * len(text))

    def extend_mapped(self, piece: MappedText, start: int = 0, end: int | None = None) -> None:
        end = len(piece.text) if end is None else end
        self._parts.append(piece.text[start:end])
        self._origin.extend(piece.origin[start:end])

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def build(self) -> MappedText:
        return MappedText("".join(self._parts), self._origin)


def rewrite(mapped: MappedText, edits: Iterable[tuple[int, int, str]]) -> MappedText:
    """`mapped` with each span [start, end) replaced by its text (sorted, non-overlapping).

    The i-th character of a replacement stands for the i-th character of what it replaces
    (the last one when it is longer), so a replacement of the same length keeps every origin
    and a deletion leaves none."""
    text, origin = mapped.text, mapped.origin
    parts: list[str] = []
    out = array("i")
    pos = 0
    for start, end, new in edits:
        if start < pos:
            continue
        parts.append(text[pos:start])
        out.extend(origin[pos:start])
        parts.append(new)
        out.extend(origin[min(start + i, end - 1)] for i in range(len(new)))
        pos = end
    if pos == 0:
        return mapped
    parts.append(text[pos:])
    out.extend(origin[pos:])
    return MappedText("".join(parts), out)


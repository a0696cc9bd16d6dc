"""How the library reports progress without knowing about terminals.

The CLI passes a rich-backed reporter on a terminal; tests and other callers get the
silent default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Progress:
    """Silent progress: iterates and says nothing."""

    def track(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        yield from items

    def note(self, message: str) -> None:
        """A line of information shown with --verbose."""

"""Review decisions on records: checking corrections and applying the latest ones (pure).

A decision is kept forever; reading the records applies, per (record, field), the latest
one. Confirm and reject share the pseudo-field `review`, so a later confirm undoes a reject.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.models import (
    COMPARATORS,
    FLAG_CONFIRMED,
    FLAG_CORRECTED,
    FLAG_REJECTED,
    FLAG_UNIT_UNRESOLVED,
    METRICS,
    Record,
)

ACTIONS: tuple[str, ...] = ("confirm", "reject", "set")
REVIEW_FIELD = "review"   # the `field` of confirm and reject decisions
KINDS: tuple[str, ...] = ("target", "actual")


@dataclass(frozen=True)
class Decision:
    """One review decision as stored: `value` is the corrected value for `set`, else None."""

    record_id: str
    action: str
    field: str
    value: Any
    decided_at: datetime
    origin: str


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text")
    return value.strip()


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("must be a finite number")
    return float(value)


def _optional_year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise ValueError("must be a year such as 2024, or None")
    return value


def _one_of(choices: tuple[str, ...]):
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value
    return check


# The record fields a reviewer may correct, each with the check that normalises its value.
CORRECTABLE = {
    "unit": _text,
    "indicator": _text,
    "indicator_id": _optional_text,
    "value": _number,
    "uom": _text,
    "comparator": _one_of(COMPARATORS),
    "year": _optional_year,
    "kind": _one_of(KINDS),
    "metric": _one_of(METRICS),
}


def checked_changes(changes: Mapping[str, object]) -> dict[str, Any]:
    """The corrections with normalised values; ValueError names the first bad field."""
    checked: dict[str, Any] = {}
    for name, value in changes.items():
        check = CORRECTABLE.get(name)
        if check is None:
            raise ValueError(
                f"{name!r} cannot be corrected; correctable fields: {', '.join(CORRECTABLE)}."
            )
        try:
            checked[name] = check(value)
        except ValueError as exc:
            raise ValueError(f"The correction of {name!r} {exc}; found {value!r}.") from exc
    return checked


def latest_decisions(decisions: Iterable[Decision]) -> dict[str, Decision]:
    """The last decision per field, given decisions in the order they were made."""
    latest: dict[str, Decision] = {}
    for decision in decisions:
        latest[decision.field] = decision
    return latest


def apply_decisions(record: Record, latest: Mapping[str, Decision]) -> tuple[Record, bool]:
    """The record as reviewed, and whether it is rejected.

    Corrections replace fields and add the flag "corrected" (a corrected unit is no longer
    unresolved); a confirmed record gets
    confidence 1.0 and the flag "confirmed"; a rejected one the flag "rejected".
    """
    changes = {name: d.value for name, d in latest.items() if d.action == "set"}
    flags = list(record.flags)
    if "unit" in changes:
        flags = [f for f in flags if f != FLAG_UNIT_UNRESOLVED]   # the reviewer named the unit
    if changes:
        flags.append(FLAG_CORRECTED)
    review = latest.get(REVIEW_FIELD)
    confirmed = review is not None and review.action == "confirm"
    rejected = review is not None and review.action == "reject"
    if confirmed:
        flags.append(FLAG_CONFIRMED)
        changes["confidence"] = 1.0
    if rejected:
        flags.append(FLAG_REJECTED)
    if not changes and flags == list(record.flags):
        return record, rejected
    return dataclasses.replace(record, **changes, flags=tuple(flags)), rejected

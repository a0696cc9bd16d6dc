"""The goals to track, assembled from reviewed records and targets entered by hand (pure).

Rules, in order:
- Only records of kind "target" with a year and a unit count; records flagged rejected or
  stale are ignored, and so are records whose document never names their unit (flag
  unit_unresolved: `resolve_units` gives them the project's default unit, a correction in
  records.xlsx another). There is one Target per (unit, indicator, year).
- Within one (unit, indicator, year) the preferred record is the confirmed one, then the
  one with the higher confidence, then the earliest in document order.
- A stretch record (力争) beside non-stretch ones gives `stretch_value`; the base value
  comes from the preferred non-stretch record. When only stretch records exist, the least
  ambitious stretch value becomes the target (the lowest, or the highest for a target whose
  direction is "down") and `stretch_value` stays None: the tracker then measures against
  the smaller promise rather than the larger one.
- Records contribute (to `record_ids`, `sources` and a stretch value) only when they
  measure the same thing as the chosen record: same metric and unit of measure.
- The baseline is the one a contributing record states; failing that, the value of the
  latest full-year "actual" record of an earlier year for the same unit, indicator, metric
  and unit of measure (a 2023 actual of 954家 is the baseline of a 2024 target of 1100家).
  A figure for part of a year (period ending before December) is not a baseline.
- A manual target replaces the document target with the same key; it gets a baseline from
  the actual records too when it has none.
- `period_start`/`period_end` come from the record's period ("2024-01/2024-12").
- A goal with no deadline (the record's period is "open", flag long_term: 打造千亿级产业集群) is
  `long_term`: it is kept under the year it was stated, and tracked apart from the year's goals.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from tracker.models import (
    FLAG_CONFIRMED,
    FLAG_REJECTED,
    FLAG_STALE,
    FLAG_UNIT_UNRESOLVED,
    FLAG_UNKNOWN_INDICATOR,
    Record,
    Target,
)

TargetKey = tuple[str, str, int]
OPEN_PERIOD = "open"        # the period of a record with no deadline (tracker/extract/judgement.py)
FLAG_LONG_TERM = "long_term"


def targets_from_records(records: Iterable[Record], manual: Iterable[Target] = (),
                         unknown_indicators: str = "all") -> list[Target]:
    """The targets to track, sorted by unit, year and indicator (see the module docstring).

    A record whose indicator is not in the catalogue is tracked always ("all") or once a user
    confirms it in records.xlsx ("confirmed", what a project's build does by default)."""
    usable = [r for r in records if not {FLAG_REJECTED, FLAG_STALE} & set(r.flags) and not _waits(r, unknown_indicators)]
    groups: dict[TargetKey, list[Record]] = defaultdict(list)
    for record in usable:
        if record.kind == "target" and record.year is not None and record.unit:
            groups[(record.unit, record.indicator, record.year)].append(record)
    targets = {key: _target_from_group(group) for key, group in groups.items()}
    for target in manual:
        targets[(target.unit, target.indicator, target.year)] = target
    actuals: dict[tuple, list[Record]] = defaultdict(list)
    for record in usable:
        if record.kind == "actual" and record.year is not None and _covers_whole_year(record):
            actuals[(record.unit, record.indicator, record.metric, record.uom)].append(record)
    chosen = [_with_baseline(target, actuals) for target in targets.values()]
    return sorted(chosen, key=lambda t: (t.unit, t.year, t.indicator))


def resolve_units(records: Iterable[Record], default_unit: str | None) -> list[Record]:
    """The records with `default_unit` (tracker.toml [project] default_unit) as the unit of those
    whose document never names it (flag unit_unresolved); unchanged when there is no default."""
    if not default_unit:
        return list(records)
    return [dataclasses.replace(r, unit=default_unit, flags=tuple(f for f in r.flags if f != FLAG_UNIT_UNRESOLVED))
            if FLAG_UNIT_UNRESOLVED in r.flags else r for r in records]


# Why a record waits in records.xlsx instead of reaching the trackers, in the order summaries list them.
WAIT_REASONS = (FLAG_UNKNOWN_INDICATOR, FLAG_UNIT_UNRESOLVED)


def waiting_for_review(records: Iterable[Record], unknown_indicators: str = "all") -> dict[str, int]:
    """How many current records wait for a reviewer, per reason (WAIT_REASONS), and "records" in
    all (a record may wait for both reasons)."""
    counts = dict.fromkeys(("records", *WAIT_REASONS), 0)
    for record in records:
        if {FLAG_REJECTED, FLAG_STALE} & set(record.flags):
            continue
        reasons = _reasons(record, unknown_indicators)
        counts["records"] += bool(reasons)
        for reason in reasons:
            counts[reason] += 1
    return counts


def _reasons(record: Record, unknown_indicators: str) -> list[str]:
    reasons = []
    if record.indicator_id is None and unknown_indicators != "all" and FLAG_CONFIRMED not in record.flags:
        reasons.append(FLAG_UNKNOWN_INDICATOR)
    if FLAG_UNIT_UNRESOLVED in record.flags:
        reasons.append(FLAG_UNIT_UNRESOLVED)
    return reasons


def _waits(record: Record, unknown_indicators: str) -> bool:
    return bool(_reasons(record, unknown_indicators))


def period_dates(period: str | None) -> tuple[date, date] | None:
    """("2024-01/2024-10") -> (2024-01-01, 2024-10-31); full dates are kept; None if unreadable."""
    if not period or period.count("/") != 1:
        return None
    first, last = period.split("/")
    try:
        start, end = _day(first, last_of_month=False), _day(last, last_of_month=True)
    except ValueError:
        return None
    return (start, end) if start <= end else None


def _day(text: str, last_of_month: bool) -> date:
    parts = [int(part) for part in text.strip().split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) != 2:
        raise ValueError(text)
    year, month = parts
    return date(year, month, calendar.monthrange(year, month)[1] if last_of_month else 1)


def _preference(record: Record) -> tuple[bool, float, str, int, str]:
    """Sort key: confirmed first, then higher confidence, then document order."""
    return (FLAG_CONFIRMED not in record.flags, -record.confidence, record.doc, record.source.start, record.id)


def _document_order(record: Record) -> tuple[str, int, str]:
    return (record.doc, record.source.start, record.id)


def _same_measure(a: Record, b: Record) -> bool:
    return (a.metric, a.uom) == (b.metric, b.uom)


def _ambition(record: Record) -> float:
    return -record.value if record.direction == "down" else record.value


def _target_from_group(group: Sequence[Record]) -> Target:
    if len(group) == 1:  # most targets are stated once: what the rules below come to for one record
        return _target(group[0], None, group)
    base_candidates = [r for r in group if not r.stretch]
    stretches = [r for r in group if r.stretch]
    stretch_value = None
    if base_candidates:
        base = min(base_candidates, key=_preference)
        agreeing = [r for r in stretches if _same_measure(r, base)]
        if agreeing:
            stretch_value = min(agreeing, key=_preference).value
    else:
        lead = min(stretches, key=_preference)
        base = min((r for r in stretches if _same_measure(r, lead)), key=lambda r: (_ambition(r), _preference(r)))
    return _target(base, stretch_value, sorted((r for r in group if _same_measure(r, base)), key=_document_order))


def _target(base: Record, stretch_value: float | None, contributing: Sequence[Record]) -> Target:
    """The target `base` states, with the records of the same measure that state it too (in document order)."""
    stated_baselines = [r.baseline for r in sorted(contributing, key=_preference) if r.baseline is not None]
    period = period_dates(base.period)
    return Target(
        unit=base.unit, indicator=base.indicator, indicator_id=base.indicator_id, year=base.year,
        metric=base.metric, direction=base.direction, comparator=base.comparator, value=base.value,
        uom=base.uom, category=base.category, value_max=base.value_max, stretch_value=stretch_value,
        baseline=stated_baselines[0] if stated_baselines else None,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        record_ids=tuple(r.id for r in contributing), sources=tuple(r.source for r in contributing),
        origin="document", long_term=base.period == OPEN_PERIOD or FLAG_LONG_TERM in base.flags,
    )


def _covers_whole_year(record: Record) -> bool:
    if record.period is None:
        return True
    period = period_dates(record.period)
    return period is not None and period[1].month == 12 and period[1].day == 31


def _with_baseline(target: Target, actuals: Mapping[tuple, Sequence[Record]]) -> Target:
    """`actuals`: full-year actual records by (unit, indicator, metric, uom)."""
    if target.baseline is not None:
        return target
    same = actuals.get((target.unit, target.indicator, target.metric, target.uom), ())
    earlier = [r for r in same if r.year < target.year]
    if not earlier:
        return target
    latest_year = max(r.year for r in earlier)
    best = min((r for r in earlier if r.year == latest_year), key=_preference)
    return dataclasses.replace(target, baseline=best.value)

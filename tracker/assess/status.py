"""Status of a target at a date: 完成率 against 序时进度. Pure functions, no I/O.

These rules are the contract the workbook's Excel formulas copy, so they stay simple and exact.
Arithmetic is done on exact fractions of the figures' decimal values (6.2 is 31/5, not the
nearest binary float) and converted to float once, so 6.2 / 10 is exactly 0.62 and a gap of
exactly -10 points is judged as -10. Nothing is rounded here: renderers round once.

Time progress (序时进度), clamped to 0..1; a target's period defaults to 1 Jan..31 Dec of its year:
  months (default, Chinese practice): complete months / months in the period, where a month is
    complete once as_of has reached its last day (2024-09-15 -> 8/12, 2024-09-30 -> 9/12,
    2024-02-29 -> 2/12). A 2021-01..2025-12 plan counts 60 months. as_of >= period end -> 1.
  days: (as_of - start + 1) / (end - start + 1).

Which date: the actual's as_of when there is an actual, else the as_of given. The period is
over when that date >= the period end.

Direction of a target:
  cap-type ("must stay under"): comparator <= or <, or = / ~ with direction "down".
  up-type: comparator >= or >, or = / ~ with direction "up". An explicit >=, >, <=, < wins
    over the direction.
Judged value T: `value`. A range (value_max) is judged against its floor `value` when up-type
  and its ceiling `value_max` when cap-type (see judged_value). A = actual value, tp = time progress.

No actual: "not_reported"; only time_progress is filled.

Level targets (metric "level"; the actual is assumed to be in the target's uom):
  completion = A / T; baseline_progress = (A - baseline) / (T - baseline) when there is a
  baseline; stretch_completion = A / stretch_value when there is one. Each is None when its
  divisor is 0 (a zero target has no completion and no gap).
  up-type: met when A >= T (>=, =), A > T (>), A >= T * (1 - about_tolerance) (~).
    met -> achieved; else gap_pp = (completion - tp) * 100 and the gap ladder applies.
  cap-type: exceeded when A > T (<=, =), A >= T (<), A > T * (1 + about_tolerance) (~).
    exceeded -> seriously_behind; else period over -> achieved; else
    gap_pp = (tp - completion) * 100 (positive: under the pace) and the gap ladder applies.
  Gap ladder: gap > ahead_pp -> ahead; gap >= -behind_pp -> on_schedule;
    gap >= -seriously_behind_pp -> behind; else seriously_behind. Once the period is over an
    unmet goal can only be behind (gap >= -seriously_behind_pp) or seriously_behind.
    With no gap (zero target), an unmet goal is behind and a cap not exceeded is on_schedule.

Rate targets (metric growth, share, change), compared in percentage points, completion None:
  rate_diff_pp = A - T; gap_pp = d = A - T (up-type) or T - A (cap-type): positive is good.
  Strict comparators are not treated apart: published rates are rounded, so d >= 0 meets them.
  `~` targets: within tolerance when |A - T| <= about_tolerance_pp.
  Period over: d >= 0 or within tolerance -> achieved; d >= -rate_seriously_behind_pp -> behind;
    else seriously_behind.
  Before the end (a Jan-Sep rate cannot be achieved yet): within tolerance -> on_schedule;
    d > 0 -> ahead; d >= -rate_behind_pp -> on_schedule; d >= -rate_seriously_behind_pp -> behind;
    else seriously_behind.
"""

from __future__ import annotations

import calendar
import functools
import math
from collections.abc import Iterable
from datetime import date, datetime
from fractions import Fraction

from tracker.config import Settings, StatusRules
from tracker.models import STATUS_CODES, Actual, Remark, Status, Target, UnitReport

CAP_COMPARATORS = ("<=", "<")
UP_COMPARATORS = (">=", ">")
RATE_METRICS = ("growth", "share", "change")


def period_of(target: Target) -> tuple[date, date]:
    """The target's period: its own dates, else 1 January..31 December of its year."""
    start = target.period_start or date(target.year, 1, 1)
    end = target.period_end or date(target.year, 12, 31)
    return start, end


def is_cap(target: Target) -> bool:
    """True for a goal that must stay under its value (<=, <, or =/~ with direction down)."""
    if target.comparator in CAP_COMPARATORS:
        return True
    if target.comparator in UP_COMPARATORS:
        return False
    return target.direction == "down"


def judged_value(target: Target) -> float:
    """The value a target is judged against: a range's floor, or its ceiling for caps."""
    if target.value_max is not None and is_cap(target):
        return target.value_max
    return target.value


def time_progress(period_start: date, period_end: date, as_of: date, basis: str = "months") -> float:
    """Share of the period elapsed at `as_of` (序时进度), 0..1.

    basis "months" (Chinese practice): months completed / months in the period, a month counting
    once `as_of` has reached its last day (2024-09-30 -> 0.75, 2024-09-15 -> 8/12, 2024-02-29 -> 2/12).
    basis "days": (as_of - start + 1) / (end - start + 1). Dates before the period give 0, dates on
    or after its last day give 1.
    """
    return float(_elapsed(period_start, period_end, as_of, basis))


@functools.lru_cache(maxsize=4096)  # a national build judges tens of thousands of targets over a few periods
def _elapsed(start: date, end: date, as_of: date, basis: str) -> Fraction:
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    if basis not in ("months", "days"):
        raise ValueError(f'time basis must be "months" or "days", not {basis!r}')
    if as_of < start:
        return Fraction(0)
    if as_of >= end:
        return Fraction(1)
    if basis == "days":
        return Fraction((as_of - start).days + 1, (end - start).days + 1)
    total = (end.year - start.year) * 12 + end.month - start.month + 1
    done = (as_of.year - start.year) * 12 + as_of.month - start.month
    if as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]:
        done += 1
    return Fraction(done, total)


@functools.lru_cache(maxsize=65536)  # targets and tolerances repeat their values
def _exact(value: float) -> Fraction:
    """The decimal value a float stands for (6.2 -> 31/5), so quotients carry no binary noise."""
    if not math.isfinite(value):
        raise ValueError(f"figure must be a finite number, found {value!r}")
    return Fraction(repr(float(value)))


def _ratio(numerator: Fraction, denominator: Fraction) -> Fraction | None:
    return numerator / denominator if denominator else None


def _as_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def assess(target: Target, actual: Actual | None, as_of: date, settings: Settings, lang: str = "zh") -> Status:
    """Judge `target` against `actual` (its latest figure) by the rules in the module docstring."""
    rules = settings.rules
    when = actual.as_of if actual is not None else as_of
    start, end = period_of(target)
    tp = _elapsed(start, end, when, rules.time_basis)
    if actual is None:
        code = "not_reported"
        return Status(target, None, when, float(tp), code=code, label=settings.label(code, lang))
    over = when >= end
    a, t = _exact(actual.value), _exact(judged_value(target))
    if target.metric in RATE_METRICS:
        d = t - a if is_cap(target) else a - t
        code = _rate_code(target, a, t, d, over, rules)
        return Status(target, actual, when, float(tp), gap_pp=float(d), code=code,
                      label=settings.label(code, lang), rate_diff_pp=float(a - t))
    completion = _ratio(a, t)
    baseline = None
    if target.baseline is not None:
        b = _exact(target.baseline)
        baseline = _ratio(a - b, t - b)
    stretch = None if target.stretch_value is None else _ratio(a, _exact(target.stretch_value))
    code, gap = _level_code(target, a, t, completion, tp, over, rules)
    return Status(target, actual, when, float(tp), completion=_as_float(completion),
                  stretch_completion=_as_float(stretch), baseline_progress=_as_float(baseline),
                  gap_pp=_as_float(gap), code=code, label=settings.label(code, lang))


def _level_code(target: Target, a: Fraction, t: Fraction, completion: Fraction | None, tp: Fraction,
                over: bool, rules: StatusRules) -> tuple[str, Fraction | None]:
    tolerance = _exact(rules.about_tolerance)
    cmp = target.comparator
    if is_cap(target):
        gap = None if completion is None else (tp - completion) * 100
        limit = t * (1 + tolerance) if cmp == "~" else t
        exceeded = a >= limit if cmp == "<" else a > limit
        if exceeded:
            return "seriously_behind", gap
        if over:
            return "achieved", gap
        return ("on_schedule" if gap is None else _gap_ladder(gap, over, rules)), gap
    gap = None if completion is None else (completion - tp) * 100
    floor = t * (1 - tolerance) if cmp == "~" else t
    met = a > floor if cmp == ">" else a >= floor
    if met:
        return "achieved", gap
    return ("behind" if gap is None else _gap_ladder(gap, over, rules)), gap


def _gap_ladder(gap: Fraction, over: bool, rules: StatusRules) -> str:
    if not over and gap > _exact(rules.ahead_pp):
        return "ahead"
    if not over and gap >= -_exact(rules.behind_pp):
        return "on_schedule"
    if gap >= -_exact(rules.seriously_behind_pp):
        return "behind"
    return "seriously_behind"


def _rate_code(target: Target, a: Fraction, t: Fraction, d: Fraction, over: bool, rules: StatusRules) -> str:
    within = target.comparator == "~" and abs(a - t) <= _exact(rules.about_tolerance_pp)
    if over and (d >= 0 or within):
        return "achieved"
    if not over and within:
        return "on_schedule"
    if not over and d > 0:
        return "ahead"
    if not over and d >= -_exact(rules.rate_behind_pp):
        return "on_schedule"
    if d >= -_exact(rules.rate_seriously_behind_pp):
        return "behind"
    return "seriously_behind"


_OLDEST = datetime.min


def _recency(actual: Actual) -> tuple[date, datetime]:
    # Naive and aware datetimes cannot be compared; the ledger stores one kind, so drop tzinfo.
    recorded = actual.recorded_at.replace(tzinfo=None) if actual.recorded_at else _OLDEST
    return actual.as_of, recorded


def standing_actuals(actuals: Iterable[Actual]) -> list[Actual]:
    """The figures that stand: per (unit, indicator, year, as_of) the latest recorded, unless that is
    a withdrawal (then none stands for that date). Ties in recorded_at go to the one given last."""
    latest: dict[tuple[str, str, int, date], Actual] = {}
    for actual in actuals:
        key = (actual.unit, actual.indicator, actual.year, actual.as_of)
        current = latest.get(key)
        if current is None or _recency(actual) >= _recency(current):
            latest[key] = actual
    return [actual for actual in latest.values() if not actual.withdrawn]


def latest_actuals(actuals: Iterable[Actual]) -> dict[tuple[str, str, int], Actual]:
    """The current figure per (unit, indicator, year): latest as_of, then latest recorded_at.

    A missing recorded_at counts as older than any; a remaining tie goes to the one given last.
    """
    latest: dict[tuple[str, str, int], Actual] = {}
    for actual in actuals:
        key = (actual.unit, actual.indicator, actual.year)
        current = latest.get(key)
        if current is None or _recency(actual) >= _recency(current):
            latest[key] = actual
    return latest


def _status_order(status: Status) -> tuple[bool, str, str, int]:
    target = status.target
    return target.category is None, target.category or "", target.indicator, target.year


def _report_year(targets: list[Target], as_of: date) -> int:
    """The year a unit's report is about: its latest target year not after as_of, else its earliest."""
    years = [t.year for t in targets]
    current = [y for y in years if y <= as_of.year]
    return max(current) if current else min(years)


def shown_remarks(targets: Iterable[Target], actuals: Iterable[Actual], remarks: Iterable[Remark],
                  latest: dict[tuple[str, str, int], Actual]) -> dict[str, Remark]:
    """Target key -> the remark its row shows: the latest remark of a target without a standing figure,
    unless a figure was reported or withdrawn after it."""
    newest_remark: dict[str, Remark] = {}
    for remark in remarks:
        current = newest_remark.get(remark.key)
        if current is None or _recorded(remark) >= _recorded(current):
            newest_remark[remark.key] = remark
    last_entry: dict[str, datetime] = {}
    for actual in actuals:
        key = f"{actual.unit}|{actual.indicator}|{actual.year}"
        last_entry[key] = max(last_entry.get(key, _OLDEST), _recorded(actual))
    shown = {}
    for target in targets:
        remark = newest_remark.get(target.key)
        if remark is None or (target.unit, target.indicator, target.year) in latest:
            continue
        if _recorded(remark) >= last_entry.get(target.key, _OLDEST) and (remark.as_of or remark.note):
            shown[target.key] = remark
    return shown


def _recorded(entry: Actual | Remark) -> datetime:
    return entry.recorded_at.replace(tzinfo=None) if entry.recorded_at else _OLDEST


def unit_reports(targets: Iterable[Target], actuals: Iterable[Actual], as_of: date, settings: Settings,
                 lang: str = "zh", remarks: Iterable[Remark] = ()) -> list[UnitReport]:
    """One report per unit that has targets, sorted by unit name.

    Long-term targets (no deadline) go to the report's `long_term`, not its `statuses` or counts.

    Figures dated after `as_of` are left out, so a report for a past date shows what was known
    then. Statuses are sorted by category (uncategorised last), indicator and year; `counts` has
    every status code, zeros included; `history` is the unit's figures, newest first. `actuals`
    come newest first, as the ledger lists them.
    """
    known = [a for a in actuals if a.as_of <= as_of]
    # Oldest first: of two figures recorded in the same second, the later one stands.
    latest = latest_actuals(standing_actuals(reversed(known)))
    targets = list(targets)
    remarked = shown_remarks(targets, known, remarks, latest)
    known_by_unit: dict[str, list[Actual]] = {}
    for actual in known:
        known_by_unit.setdefault(actual.unit, []).append(actual)
    by_unit: dict[str, list[Target]] = {}
    for target in targets:
        by_unit.setdefault(target.unit, []).append(target)
    reports = []
    for unit in sorted(by_unit):
        unit_targets = by_unit[unit]
        judged = sorted(
            (assess(t, latest.get((t.unit, t.indicator, t.year)), as_of, settings, lang) for t in unit_targets),
            key=_status_order,
        )
        statuses = [s for s in judged if not s.target.long_term]
        counts = dict.fromkeys(STATUS_CODES, 0)
        for status in statuses:
            counts[status.code] += 1
        history = sorted(known_by_unit.get(unit, ()), key=_recency, reverse=True)
        dated = [t for t in unit_targets if not t.long_term] or unit_targets
        shown = tuple(remarked[s.target.key] for s in judged if s.target.key in remarked)
        reports.append(UnitReport(unit=unit, year=_report_year(dated, as_of), as_of=as_of,
                                  statuses=tuple(statuses), history=tuple(history), counts=counts,
                                  long_term=tuple(s for s in judged if s.target.long_term), remarks=shown))
    return reports


def needs_attention(statuses: Iterable[Status]) -> list[Status]:
    """Behind and seriously behind statuses, seriously behind first, then largest gap first.

    Severity comes first because level gaps (against time progress) and rate gaps (against the
    target rate) are on different scales; a status without a gap comes last in its group.
    """
    flagged = [s for s in statuses if s.code in ("behind", "seriously_behind")]
    return sorted(flagged, key=lambda s: (s.code != "seriously_behind", s.gap_pp is None, s.gap_pp or 0.0))

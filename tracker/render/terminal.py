"""`tracker status` output: a table per unit for the terminal, and JSON for other tools.

The table rounds as the workbook and memo do (tracker.render.formatting); the JSON keeps every
number unrounded, with only binary noise removed (0.1 + 0.2 is 0.3, 2/3 is 0.666666666666667),
and dates in ISO form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tracker.assess.status import period_of
from tracker.models import STATUS_CODES, Actual, Status, Target, UnitReport
from tracker.render.formatting import MISSING, fmt_date, fmt_number, fmt_percent, fmt_pp, fmt_target
from tracker.render.words import words

HEADERS = words("terminal")["headers"]
STYLES = {
    "achieved": "green", "ahead": "green", "on_schedule": "cyan", "behind": "yellow",
    "seriously_behind": "bold red", "not_reported": "dim",
}


def status_table(reports: Sequence[UnitReport], lang: str = "zh",
                 unit_names: Mapping[str, str] | None = None) -> list[RenderableType]:
    """One table per unit (rows as in its report) followed by its counts by status.

    Gap is in percentage points: completion against time elapsed for levels, the difference
    from the target rate for growth and share targets (positive is good). `unit_names` gives
    the names to show (English names for lang "en"); units not in it keep their own name.
    """
    names = unit_names or {}
    shown: list[RenderableType] = []
    for report in reports:
        title = _title(names.get(report.unit, report.unit), report, lang)
        table = Table(title=title, title_justify="left", header_style="bold")
        for index, header in enumerate(HEADERS[lang]):
            table.add_column(header, justify="left" if index in (0, 1, 6) else "right")
        for status in report.statuses:
            table.add_row(*_cells(status, lang), Text(status.label, style=STYLES.get(status.code, "")))
        shown.append(Group(table, Text(counts_line(report, lang))))
    return shown


def _title(name: str, report: UnitReport, lang: str) -> str:
    if lang == "zh":
        return f"{name}  {report.year}年  截至{fmt_date(report.as_of, lang)}"
    return f"{name}  {report.year}  as of {fmt_date(report.as_of, lang)}"


def _cells(status: Status, lang: str) -> tuple[str, ...]:
    """The row's cells before the status label."""
    target, actual = status.target, status.actual
    return (
        target.indicator,
        fmt_target(target, lang),
        fmt_number(actual.value, actual.uom, lang) if actual is not None else MISSING,
        fmt_percent(status.completion, lang=lang),
        fmt_percent(status.time_progress, lang=lang),
        fmt_pp(status.gap_pp, lang=lang),
    )


def counts_line(report: UnitReport, lang: str = "zh") -> str:
    """'共5项：已完成1，滞后2，未填报2' / '5 targets: 1 Achieved, 2 Behind, 2 Not reported' (zeros left out)."""
    labels = {s.code: s.label for s in report.statuses}
    present = [(labels.get(code, code), report.counts.get(code, 0)) for code in STATUS_CODES
               if report.counts.get(code, 0)]
    total = len(report.statuses)
    if lang == "zh":
        return f"共{total}项" + ("：" + "，".join(f"{label}{count}" for label, count in present) if present else "")
    counted = ", ".join(f"{count} {label}" for label, count in present)
    return f"{total} target{'s' if total != 1 else ''}" + (f": {counted}" if present else "")


def _number(value: float | None) -> float | None:
    # 15 significant digits are what a double guarantees; digits past them are binary noise
    # (0.1 + 0.2 -> 0.3), while 2/3 keeps all of its real precision (0.666666666666667).
    return None if value is None else float(f"{float(value):.15g}")


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _target_json(target: Target) -> dict[str, Any]:
    return {
        "indicator": target.indicator, "indicator_id": target.indicator_id, "year": target.year,
        "category": target.category, "metric": target.metric, "direction": target.direction,
        "comparator": target.comparator, "value": _number(target.value), "value_max": _number(target.value_max),
        "stretch_value": _number(target.stretch_value), "baseline": _number(target.baseline), "uom": target.uom,
        "period_start": _iso(period_of(target)[0]), "period_end": _iso(period_of(target)[1]),
        "origin": target.origin, "record_ids": list(target.record_ids),
    }


def _actual_json(actual: Actual | None) -> dict[str, Any] | None:
    if actual is None:
        return None
    return {
        "value": _number(actual.value), "uom": actual.uom, "as_of": _iso(actual.as_of), "origin": actual.origin,
        "note": actual.note, "recorded_at": _iso(actual.recorded_at),
    }


def status_json(reports: Sequence[UnitReport]) -> dict[str, Any]:
    """Every unit's statuses as plain JSON data (see the module docstring for numbers and dates);
    goals with no deadline under `long_term`, without time progress (they have no deadline)."""
    return {
        "as_of": _iso(reports[0].as_of) if reports else None,
        "units": [
            {
                "unit": report.unit, "year": report.year, "as_of": _iso(report.as_of),
                "counts": {code: report.counts.get(code, 0) for code in STATUS_CODES},
                "statuses": [_status_json(status) for status in report.statuses],
                "long_term": [_status_json(status) for status in report.long_term],
            }
            for report in reports
        ],
    }


def _status_json(status: Status) -> dict[str, Any]:
    return {
        "target": _target_json(status.target), "actual": _actual_json(status.actual),
        "as_of": _iso(status.as_of),
        "time_progress": None if status.target.long_term else _number(status.time_progress),   # no deadline
        "completion": _number(status.completion), "stretch_completion": _number(status.stretch_completion),
        "baseline_progress": _number(status.baseline_progress), "gap_pp": _number(status.gap_pp),
        "rate_diff_pp": _number(status.rate_diff_pp), "code": status.code, "label": status.label,
    }

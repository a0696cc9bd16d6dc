"""A built project's ledger as pandas DataFrames, for analysts in notebooks.

    import tracker
    project = tracker.open("path/to/project")          # after `tracker build`
    status = project.status_frame(as_of="2024-09-30")   # one row per target, judged at that date
    status[status.unit == "兰州新区"]
    project.matrix_frame(as_of="2024-09-30")            # units x indicators, as the 指标矩阵 sheet

The status frame holds what `tracker status --format json` prints, one row per target: the
target, its latest figure, completion, time progress and the status. Rates are fractions
(0.62 for 62%), gaps are percentage points; dates are pandas timestamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.assess.status import is_cap, period_of, unit_reports
from tracker.assess.targets import resolve_units, targets_from_records
from tracker.config import Project
from tracker.entries.cells import date_of
from tracker.entries.names import unit_named
from tracker.errors import NoTargets
from tracker.ledger import Ledger
from tracker.messages import say
from tracker.models import Record, Target, UnitReport

if TYPE_CHECKING:
    import pandas as pd

STATUS_COLUMNS = (
    "unit", "report_year", "indicator", "indicator_id", "category", "year", "metric", "direction", "cap",
    "comparator", "target", "target_max", "stretch_target", "baseline", "uom", "period_start", "period_end",
    "origin", "actual", "actual_as_of", "actual_origin", "note", "as_of", "time_progress", "completion",
    "stretch_completion", "baseline_progress", "gap_pp", "rate_diff_pp", "code", "label", "long_term",
)
DATE_COLUMNS = ("period_start", "period_end", "actual_as_of", "as_of")


@dataclass(frozen=True)
class Analysis:
    """A project's ledger, read as DataFrames (see the module docstring). Each call reads the ledger anew."""

    project: Project

    def _ledger(self) -> Ledger:
        if not self.project.db.is_file():
            raise NoTargets(say("ledger.missing", db=str(self.project.db)))
        return Ledger.open(self.project.db)

    def reports(self, as_of: date | str | None = None, *, unit: str | None = None,
                lang: str = "zh") -> list[UnitReport]:
        """Each unit's report at `as_of` (default today), as the trackers and `tracker status` show them."""
        with self._ledger() as ledger:
            targets, history = ledger_targets(ledger, self.project.settings.default_unit), ledger.actual_history()
        if unit is not None:  # the full name, or its short name, an alias or English name
            unit = unit_named(unit, sorted({t.unit for t in targets}), self.project.root,
                              self.project.settings.unit_names_en)
        chosen = [t for t in targets if unit is None or t.unit == unit]
        return unit_reports(chosen, history, _day(as_of), self.project.settings, lang)

    def status_frame(self, as_of: date | str | None = None, *, unit: str | None = None,
                     lang: str = "zh") -> pd.DataFrame:
        """One row per target with its latest figure and status at `as_of` (STATUS_COLUMNS); goals
        with no deadline after the others, `long_term` True, without time progress."""
        return status_frame(self.reports(as_of, unit=unit, lang=lang))

    def matrix_frame(self, as_of: date | str | None = None, *, lang: str = "zh") -> pd.DataFrame:
        """Units x (indicator, metric) of each unit's report year: completion for levels, the gap in
        points for rates, as the summary's 指标矩阵 sheet shows them; NaN where a unit has no such target
        or no figure yet."""
        return matrix_frame(self.status_frame(as_of, lang=lang))

    def records_frame(self, *, include_rejected: bool = False) -> pd.DataFrame:
        """Every extracted record with review decisions applied (RECORD fields; source_* for the quote)."""
        with self._ledger() as ledger:
            records = ledger.records(include_rejected=include_rejected)
        return records_frame(records)

    def actuals_frame(self) -> pd.DataFrame:
        """Every figure ever reported, newest recorded last: unit, indicator, year, value, uom, as_of, origin ...;
        `withdrawn` marks a figure cleared from a tracker (the row names the figure it took back)."""
        import pandas as pd

        with self._ledger() as ledger:
            history = ledger.actual_history()
        frame = pd.DataFrame([{"unit": a.unit, "indicator": a.indicator, "year": a.year, "value": a.value,
                               "uom": a.uom, "as_of": a.as_of, "origin": a.origin, "note": a.note,
                               "recorded_at": a.recorded_at, "withdrawn": a.withdrawn} for a in history],
                             columns=["unit", "indicator", "year", "value", "uom", "as_of", "origin", "note",
                                      "recorded_at", "withdrawn"])
        frame["as_of"] = pd.to_datetime(frame["as_of"])
        frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True)
        return frame


def ledger_targets(ledger: Ledger, default_unit: str | None = None) -> list[Target]:
    """The targets to track from the ledger's records (those of documents that never name their
    unit given `default_unit`, tracker.toml's) and manual targets; NoTargets when there are none."""
    targets = targets_from_records(resolve_units(ledger.records(), default_unit), ledger.manual_targets())
    if not targets:
        raise NoTargets(say("ledger.no_targets", db=str(ledger.path)))
    return targets


def open_project(root: Path | str = ".", *, db: Path | str | None = None) -> Analysis:
    """The project in folder `root` (its tracker.toml and ledger, ROOT/tracker.db unless `db`), for analysis."""
    return Analysis(Project.at(root, db=db))


def _day(value: date | str | None) -> date:
    if value is None:
        return date.today()
    return value if isinstance(value, date) else date_of(value)


def _status_row(report: UnitReport, status: Any) -> dict[str, Any]:
    target, actual = status.target, status.actual
    start, end = period_of(target)
    return {
        "unit": report.unit, "report_year": report.year, "indicator": target.indicator,
        "indicator_id": target.indicator_id, "category": target.category, "year": target.year,
        "metric": target.metric, "direction": target.direction, "cap": is_cap(target),
        "comparator": target.comparator, "target": target.value, "target_max": target.value_max,
        "stretch_target": target.stretch_value, "baseline": target.baseline, "uom": target.uom,
        "period_start": start, "period_end": end, "origin": target.origin,
        "actual": actual.value if actual else None, "actual_as_of": actual.as_of if actual else None,
        "actual_origin": actual.origin if actual else None, "note": actual.note if actual else None,
        "as_of": status.as_of, "time_progress": None if target.long_term else status.time_progress,
        "completion": status.completion,
        "stretch_completion": status.stretch_completion, "baseline_progress": status.baseline_progress,
        "gap_pp": status.gap_pp, "rate_diff_pp": status.rate_diff_pp, "code": status.code, "label": status.label,
        "long_term": target.long_term,
    }


def status_frame(reports: Sequence[UnitReport]) -> pd.DataFrame:
    """The statuses of `reports` as one DataFrame (STATUS_COLUMNS), in report order."""
    import pandas as pd

    frame = pd.DataFrame([_status_row(report, status) for report in reports
                          for status in (*report.statuses, *report.long_term)], columns=list(STATUS_COLUMNS))
    frame["long_term"] = frame["long_term"].astype(bool)
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column])
    numbers = ["target", "target_max", "stretch_target", "baseline", "actual", "time_progress", "completion",
               "stretch_completion", "baseline_progress", "gap_pp", "rate_diff_pp"]
    frame[numbers] = frame[numbers].astype("float64")
    return frame


def matrix_frame(status: pd.DataFrame) -> pd.DataFrame:
    """The units x (indicator, metric) pivot of a status frame (see Analysis.matrix_frame)."""
    current = status[(status["year"] == status["report_year"]) & ~status["long_term"]].copy()
    current["shown"] = current["completion"].where(current["metric"] == "level", current["gap_pp"])
    cells = current.groupby(["unit", "indicator", "metric"], sort=True)["shown"].first()
    return cells.unstack(["indicator", "metric"])


def records_frame(records: Sequence[Record]) -> pd.DataFrame:
    """Records as rows: their fields, with the source as source_doc, source_start, source_end, source_quote."""
    import pandas as pd

    rows = []
    for record in records:
        row = record.to_dict()
        source = row.pop("source")
        row.update({f"source_{key}": value for key, value in source.items()})
        rows.append(row)
    return pd.DataFrame(rows)

"""Import files: actual figures and targets entered by hand, in a long format (one figure a row).

Both are CSV (UTF-8, UTF-8 with BOM, or GBK as Excel on Chinese Windows saves it) or .xlsx,
with a header row naming the columns in English or Chinese (docs/import-format.md):

  actuals: unit 单位, indicator 指标, year 年度, value 实际完成, as_of 数据截至 (required);
           uom 计量单位 (empty: the target's), note 备注.
  targets: unit, indicator, year, value 目标值, metric 指标类型 (required); uom 计量单位 (required
           for level targets; % for growth and share, 个百分点 for change), comparator 比较
           (default ≥, ≤ when direction is down, = for a range), direction 方向 (default up), category 类别,
           stretch_value 力争值, baseline 基数, period 期间 ("2024-01/2024-12"), note 备注 (not stored).

Every row is checked and every problem reported at once (file, row, column); valid rows are
still returned, so one bad cell never holds back a whole monthly report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tracker.assess.status import period_of
from tracker.assess.targets import period_dates
from tracker.entries.cells import (
    CellError,
    comparator_of,
    date_of,
    direction_of,
    is_blank,
    metric_of,
    text_of,
    year_of,
)
from tracker.entries.figures import figure_of
from tracker.entries.import_template import write_actuals_template
from tracker.entries.tables import Column, Row, Table, read_table
from tracker.extract.measures import convert, normalise_unit
from tracker.messages import Message, say
from tracker.models import Actual, Problem, Target

UNIT = Column("unit", ("unit", "单位", "责任单位"), required=True)
INDICATOR = Column("indicator", ("indicator", "指标", "指标名称"), required=True)
YEAR = Column("year", ("year", "年度", "年份"), required=True)
UOM = Column("uom", ("uom", "计量单位"))
NOTE = Column("note", ("note", "备注"))

ACTUAL_COLUMNS = (
    UNIT, INDICATOR, YEAR, Column("value", ("value", "实际完成", "完成值"), required=True), UOM,
    Column("as_of", ("as_of", "数据截至", "截至日期"), required=True), NOTE,
)
TARGET_COLUMNS = (
    UNIT, INDICATOR, YEAR, Column("value", ("value", "目标值", "年度目标"), required=True), UOM,
    Column("comparator", ("comparator", "比较", "比较符")),
    Column("metric", ("metric", "指标类型", "目标类型"), required=True),
    Column("direction", ("direction", "方向")), Column("category", ("category", "类别", "分类")),
    Column("stretch_value", ("stretch_value", "力争值", "力争目标")),
    Column("baseline", ("baseline", "基数", "基期值")), Column("period", ("period", "期间", "考核期")), NOTE,
)
# Only these metrics can be negative: a fall (下降3%) or a drop of a share (-0.5个百分点).
SIGNED_METRICS = ("growth", "change")
DEFAULT_RATE_UOM = {"growth": "%", "share": "%", "change": "个百分点"}
_RANGE = re.compile(r"(.*?\d[^\d～~至到—–-]*?)\s*[～~至到—–-]\s*(\d.*)")

__all__ = ["ACTUAL_COLUMNS", "TARGET_COLUMNS", "read_actuals_file", "read_targets_file", "write_actuals_template"]


class _Cells:
    """One row's cells read with their checks; problems are collected, never raised."""

    def __init__(self, table: Table, row: Row) -> None:
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def problem(self, column: str | None, message: str, found: str | None = None,
                expected: str | None = None) -> None:
        self.problems.append(Problem(self.table.where(self.row, column), message, found, expected))

    def raw(self, column: str) -> Any:
        return self.row.cells.get(column)

    def get(self, column: str, parse: Callable[[Any], Any], required: bool = False, default: Any = None,
            quote: bool = True) -> Any:
        """The parsed cell, or `default` (with a problem when it is required or unreadable).
        `quote=False` leaves `found` out for parsers whose messages already quote the cell."""
        value = self.raw(column)
        if is_blank(value):
            if required:
                self.problem(column, say("import.required"))
            return default
        try:
            return parse(value)
        except CellError as exc:
            self.problem(column, exc.message, found=text_of(value) if quote else None, expected=exc.expected)
            return default

    def figure(self, column: str, uom: str, expected_uom: str, required: bool = False) -> float | None:
        return self.get(column, lambda value: float(figure_of(value, expected_uom, uom=uom)), required, quote=False)


def read_actuals_file(path: Path, targets: Sequence[Target]) -> tuple[list[Actual], list[Problem]]:
    """The valid rows of an actuals file as Actuals (values in their target's unit of measure,
    origin "file, row N"), and a problem for every bad cell or row."""
    table, problems = read_table(Path(path), ACTUAL_COLUMNS)
    by_key = {(t.unit, t.indicator, t.year): t for t in targets}
    actuals: list[Actual] = []
    first_row: dict[tuple, tuple[int, Actual]] = {}
    for row in table.rows:
        if all(is_blank(row.cells.get(name)) for name in ("value", "as_of", "note")):
            continue  # a template row nobody filled in
        cells = _Cells(table, row)
        actual = _actual(cells, by_key)
        key = None if actual is None else (actual.unit, actual.indicator, actual.year, actual.as_of)
        if actual is not None and key in first_row:
            # An identical repeat is harmless; a different value for the same date is a conflict.
            number, earlier = first_row[key]
            if (earlier.value, earlier.note) != (actual.value, actual.note):
                cells.problem(None, say("import.conflicting_row", row=number))
        elif actual is not None:
            first_row[key] = (row.number, actual)
            actuals.append(actual)
        problems.extend(cells.problems)
    return actuals, problems


def _actual(cells: _Cells, by_key: dict[tuple[str, str, int], Target]) -> Actual | None:
    unit = cells.get("unit", text_of, required=True)
    indicator = cells.get("indicator", text_of, required=True)
    year = cells.get("year", year_of, required=True)
    as_of = cells.get("as_of", date_of, required=True)
    note = cells.get("note", text_of) or None
    if None in (unit, indicator, year):
        cells.get("value", text_of, required=True)  # without a target the value cannot be read, only missed
        return None
    target = by_key.get((unit, indicator, year))
    if target is None:
        cells.problem(None, say("import.no_target"), found=f"{unit} | {indicator} | {year}",
                      expected=_suggestion(unit, indicator, year, by_key))
        return None
    uom = cells.get("uom", lambda v: normalise_unit(text_of(v))) or ""
    value = None
    if uom and uom != normalise_unit(target.uom) and convert(1.0, uom, target.uom) is None:
        cells.problem("uom", say("import.uom_not_convertible", uom=target.uom), found=uom,
                      expected=say("import.expected_uom", uom=target.uom))
    else:
        value = cells.figure("value", uom, target.uom, required=True)
    if value is not None and value < 0 and target.metric not in SIGNED_METRICS:
        cells.problem("value", say("figure.negative"), found=text_of(cells.raw("value")),
                      expected=say("figure.expected_not_negative", uom=target.uom or "-"))
    start = period_of(target)[0]
    if as_of is not None and as_of < start:
        cells.problem("as_of", say("import.before_period", year=year), found=as_of.isoformat(),
                      expected=say("import.expected_from", date=start.isoformat()))
    if cells.problems:
        return None
    return Actual(unit=unit, indicator=indicator, year=year, value=value, uom=target.uom, as_of=as_of,
                  origin=f"{cells.table.file}, row {cells.row.number}", note=note)


def _suggestion(unit: str, indicator: str, year: int, by_key: dict[tuple[str, str, int], Target]) -> Message:
    units = sorted({key[0] for key in by_key})
    if not units:
        return say("import.suggest_first")
    if unit not in units:
        close = difflib.get_close_matches(unit, units, n=3, cutoff=0.3)
        return say("import.suggest_unit", units=close or units[:3])
    indicators = sorted({key[1] for key in by_key if key[0] == unit and key[2] == year})
    if not indicators:
        years = sorted({key[2] for key in by_key if key[0] == unit})
        return say("import.suggest_year", unit=unit, years=years)
    close = difflib.get_close_matches(indicator, indicators, n=3, cutoff=0.3)
    return say("import.suggest_indicator", unit=unit, year=year, indicators=close or indicators[:3])


def read_targets_file(path: Path) -> tuple[list[Target], list[Problem]]:
    """The valid rows of a targets file as manual Targets, and a problem for every bad cell or row."""
    table, problems = read_table(Path(path), TARGET_COLUMNS)
    targets: list[Target] = []
    first_row: dict[str, int] = {}
    for row in table.rows:
        cells = _Cells(table, row)
        target = _target(cells)
        if target is not None and target.key in first_row:
            cells.problem(None, say("import.repeated_target", row=first_row[target.key]))
        elif target is not None:
            first_row[target.key] = row.number
            targets.append(target)
        problems.extend(cells.problems)
    return targets, problems


def _target(cells: _Cells) -> Target | None:
    unit = cells.get("unit", text_of, required=True)
    indicator = cells.get("indicator", text_of, required=True)
    year = cells.get("year", year_of, required=True)
    metric = cells.get("metric", metric_of, required=True)
    direction = cells.get("direction", direction_of, default="up")
    uom = cells.get("uom", lambda v: normalise_unit(text_of(v))) or DEFAULT_RATE_UOM.get(metric or "", "")
    if not uom and metric is not None:
        cells.problem("uom", say("import.no_uom"), expected=say("import.expected_level_uom"))
    # Without a unit of measure the value cannot be read; the problem above says so once.
    value, value_max = _target_value(cells, uom) if uom else (None, None)
    if value is not None and metric is not None and metric not in SIGNED_METRICS and value < 0:
        cells.problem("value", say("import.negative_target"), found=text_of(cells.raw("value")),
                      expected=say("figure.expected_not_negative", uom=uom or "-"))
    # A range (6%-6.5%) is a target band; otherwise the goal is to reach it, or to stay under a cap.
    default = "=" if value_max is not None else "<=" if direction == "down" else ">="
    comparator = cells.get("comparator", comparator_of, default=default)
    category = cells.get("category", text_of) or None
    stretch = cells.figure("stretch_value", uom, uom)
    baseline = cells.figure("baseline", uom, uom)
    period = cells.get("period", _period)
    if cells.problems:
        return None
    return Target(
        unit=unit, indicator=indicator, indicator_id=None, year=year, metric=metric, direction=direction,
        comparator=comparator, value=value, uom=uom, category=category, value_max=value_max,
        stretch_value=stretch, baseline=baseline, period_start=period[0] if period else None,
        period_end=period[1] if period else None, origin="manual",
    )


def _target_value(cells: _Cells, uom: str) -> tuple[float | None, float | None]:
    """The value cell, which may be a range ("6%-6.5%", "3～5") giving value and value_max."""
    raw = cells.raw("value")
    match = _RANGE.fullmatch(text_of(raw)) if isinstance(raw, str) else None
    if match is None:
        return cells.figure("value", uom, uom, required=True), None
    try:
        low, high = float(figure_of(match[1], uom)), float(figure_of(match[2], uom))
    except CellError as exc:
        cells.problem("value", exc.message, expected=exc.expected)
        return None, None
    if low > high:
        cells.problem("value", say("import.range_reversed"), found=text_of(raw), expected=say("import.expected_range"))
        return None, None
    return low, high


def _period(value: Any):
    period = period_dates(text_of(value).replace(" ", ""))
    if period is None:
        raise CellError(say("import.not_period"))
    return period

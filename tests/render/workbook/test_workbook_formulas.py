"""The tracker formulas as text: portable functions only, same-row references, the tool's own values."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.workbook_fixtures import GENERATED, SETTINGS, UNIT_A, reports
from tracker.assess.status import assess
from tracker.config import Settings, StatusRules
from tracker.models import Actual, Target
from tracker.render import RenderContext
from tracker.render.workbook.formulas import (
    FORMULA_ROLES,
    cached_values,
    literal,
    sheet_progress_formula,
    verdict,
)
from tracker.render.workbook.tracker import render_tracker

# In Excel 2010, WPS and LibreOffice alike (no LET, IFS, XLOOKUP ...).
PORTABLE = {"IF", "AND", "OR", "NOT", "ABS", "ROUND", "ISNUMBER", "IFERROR", "YEAR", "MONTH", "EOMONTH", "DATE",
            "CELL", "LEFT"}


@pytest.fixture(scope="module")
def formulas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("formulas") / "t.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), next(r for r in reports() if r.unit == UNIT_A), path)
    ws = load_workbook(path)["目标跟踪"]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.data_type == "f"}


def test_only_portable_functions(formulas: dict[str, str]) -> None:
    used = {name for text in formulas.values() for name in re.findall(r"([A-Z][A-Z0-9.]*)\(", text)}
    assert used == PORTABLE
    assert not any("_xlfn" in text for text in formulas.values())


def test_row_formulas_reference_their_own_row_or_the_sheet_date(formulas: dict[str, str]) -> None:
    """So a sort, which moves whole rows, keeps every formula right."""
    for cell, text in formulas.items():
        row = int(re.sub(r"[A-Z]", "", cell))
        if row == 2:
            continue
        refs = re.findall(r"\$?([A-Z]{1,2})\$?(\d+)", re.sub(r'"[^"]*"', "", text))
        assert {int(r) for _, r in refs} <= {row, 2}, cell
        assert all(column == "C" for column, r in refs if int(r) == 2), cell
    assert len([c for c in formulas if c[0] == "N"]) == 11


@pytest.mark.parametrize(("value", "expected"), [
    (0.05, "0.05"), (Decimal("1.05"), "1.05"), (10.0, "10"), (-0.0, "0"), (1e-07, "0.0000001"), (30, "30"),
])
def test_literal(value, expected: str) -> None:
    assert literal(value) == expected


def test_literal_refuses_non_finite() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        literal(float("nan"))


def test_sheet_progress_formula() -> None:
    assert sheet_progress_formula("$C$2", 2024, "days") == (
        '=IF($C$2="","",IF($C$2<DATE(2024,1,1),0,IF($C$2>=DATE(2024,12,31),1,'
        "($C$2-DATE(2024,1,1)+1)/(DATE(2024,12,31)-DATE(2024,1,1)+1))))")


def _target(value: float, cmp: str, metric: str = "level", direction: str = "up", **kw) -> Target:
    return Target("甲区", "x", None, 2024, metric, direction, cmp, value, "家", **kw)


@pytest.mark.parametrize(("target", "figure", "expected"), [
    (_target(100, ">="), 100, True),
    (_target(100, ">"), 100, False),
    (_target(100, "~"), 95, True),
    (_target(100, "~"), 94.9, False),
    (_target(100, "<="), 100, False),            # caps: "exceeded"
    (_target(100, "<"), 100, True),
    (_target(100, "~", direction="down"), 105, False),
    (_target(100, "~", direction="down"), 105.1, True),
    (_target(5, "<=", value_max=6), 6, False),   # a capped range is judged at its ceiling
    (_target(8, "~", metric="growth"), 7.5, True),
    (_target(8, "~", metric="growth"), 7.4, False),
    (_target(8, ">=", metric="growth"), 9, False),  # rates: only "within the ~ tolerance"
])
def test_verdict(target: Target, figure: float, expected: bool) -> None:
    actual = Actual("甲区", "x", 2024, figure, "家", date(2024, 9, 30), "t")
    assert verdict(assess(target, actual, date(2024, 9, 30), Settings()), Settings().rules) is expected


def test_cached_values_cover_every_formula_role() -> None:
    settings = Settings(rules=StatusRules(time_basis="days"))
    status = assess(_target(100, ">="), None, date(2024, 9, 30), settings)
    values = cached_values(status, settings, "en")
    assert tuple(values) == FORMULA_ROLES
    assert values == {"when": date(2024, 9, 30), "over": 0, "time_progress": 274 / 366, "completion": "",
                      "verdict": "", "gap": "", "status": "Not reported"}


def test_labels_and_thresholds_come_from_the_settings(tmp_path: Path) -> None:
    settings = Settings(rules=StatusRules(behind_pp=7.5, about_tolerance=0.1),
                        labels={"zh": {**Settings().labels["zh"], "behind": "慢序时\"A\""}, "en": {}})
    report = reports(settings=settings)[1]
    path = tmp_path / "t.xlsx"
    render_tracker(RenderContext(settings, generated=GENERATED), report, path)
    ws = load_workbook(path)["目标跟踪"]
    status, verdict_formula = ws["N6"].value, ws["Z6"].value
    assert '"慢序时""A"""' in status and ">=-7.5)" in status
    assert "1.1" in verdict_formula and "0.9" in verdict_formula

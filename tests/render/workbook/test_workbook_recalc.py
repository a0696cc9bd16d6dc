"""The tracker's formulas, recalculated by LibreOffice, agree with tracker.assess.status.assess.

A user types figures and dates into a generated tracker (with openpyxl, as Excel would save
them) and changes the sheet date; LibreOffice recalculates every formula; each row's
completion, time progress, gap and status must equal what assess() gives for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.office import office, recalculate_xlsx
from tracker.assess.status import assess, time_progress, unit_reports
from tracker.config import Settings, StatusRules
from tracker.entries.figures import figure_of
from tracker.models import Actual, Target
from tracker.render import RenderContext
from tracker.render.workbook.tracker import render_tracker
from tracker.render.workbook.wording import HEADERS

UNIT = "测试区"
HALF_YEAR = {"period_start": date(2024, 1, 1), "period_end": date(2024, 6, 30)}


def t(name: str, value: float, cmp: str = ">=", metric: str = "level", direction: str = "up", uom: str = "家",
      **changes: object) -> Target:
    return Target(unit=UNIT, indicator=name, indicator_id=None, year=2024, metric=metric, direction=direction,
                  comparator=cmp, value=value, uom=uom, **changes)


@dataclass(frozen=True)
class Typed:
    """What the user types into a row: a figure (number or text) and maybe the row's own date."""

    target: Target
    figure: float | str | None
    as_of: date | None = None
    number_format: str | None = None   # as the spreadsheet stores a figure typed as 8.5%: 0.085, "0.0%"


CASES = [
    Typed(t("L上-达到", 280), 201),
    Typed(t("L上-超过", 10, ">", uom="亿元"), 6.2),
    Typed(t("L上-已完成", 100), 100),
    Typed(t("L上-等于", 50, "="), 20),
    Typed(t("L上-左右区间", 20, "~", value_max=25), 19),
    Typed(t("L上-差10点整", 100), 65),
    Typed(t("L上-差30点整", 100), 45),
    Typed(t("L上-超过未满", 100, ">"), 100),
    Typed(t("L零目标", 0, uom="项"), 2),
    Typed(t("L零上限", 0, "<=", uom="起"), 0),
    Typed(t("L控-低于", 120, "<", uom="万吨标准煤"), 80),
    Typed(t("L控-超限", 100, "<="), 101),
    Typed(t("L控-左右", 100, "~", direction="down"), 104),
    Typed(t("L控-等于", 50, "=", direction="down"), 50),
    Typed(t("L控-区间上限", 5, "<=", value_max=6), 5.5, date(2024, 8, 31)),
    Typed(t("R增速-严重", 30, metric="growth", uom="%"), 24.5),
    Typed(t("R增速-超", 8, metric="growth", uom="%"), 8.5),
    Typed(t("R增速-左右", 8, "~", metric="growth", uom="%"), 7.6, date(2024, 8, 31)),
    Typed(t("R增速-差1点整", 6.2, metric="growth", uom="%"), 5.2),
    Typed(t("R增速-负目标", -3, metric="growth", uom="%"), -5),
    Typed(t("R比重-控", 5.5, "<=", metric="share", uom="%"), 5.2),
    Typed(t("R比重-左右", 2.5, "~", metric="share", uom="%"), 2.1),
    Typed(t("R变化-降", 3, "=", metric="change", direction="down", uom="个百分点"), 2),
    Typed(t("R变化-升", 1, metric="change", uom="个百分点"), 0.2),
    Typed(t("P半年-总量", 50, uom="亿元", **HALF_YEAR), 41, date(2024, 6, 30)),
    Typed(t("P半年-增速", 10, metric="growth", uom="%", **HALF_YEAR), 10.5, date(2024, 6, 30)),
    Typed(t("P半年-控制", 100, "<=", **HALF_YEAR), 90),
    Typed(t("P半年-增速落后", 10, metric="growth", uom="%", **HALF_YEAR), 4, date(2024, 5, 31)),
    Typed(t("R增速-百分号", 30, metric="growth", uom="%"), 0.245, number_format="0.0%"),
    Typed(t("R比重-百分号", 5.5, "<=", metric="share", uom="%"), 0.052, number_format="0%"),
    Typed(t("N未填报", 12, uom="个"), None),
    Typed(t("N只填日期", 12, uom="个"), None, date(2024, 8, 31)),
]
TEXT_CASE = Typed(t("X文字", 10, uom="亿元"), "3.2亿元")

CUSTOM = Settings(
    rules=StatusRules(ahead_pp=2, behind_pp=5, seriously_behind_pp=20, rate_behind_pp=0.5,
                      rate_seriously_behind_pp=3, about_tolerance=0.1, about_tolerance_pp=0.3),
    labels={"zh": {"achieved": "提前完成", "ahead": "超进度", "on_schedule": "达进度", "behind": "慢序时",
                   "seriously_behind": "严重滞后", "not_reported": "未按要求报送"}},
)
# (settings, the date the tracker was generated for, the sheet date the user sets)
SCENARIOS = {
    "months-september": (Settings(), date(2024, 6, 15), date(2024, 9, 30)),
    "months-midmonth-own-rules": (CUSTOM, date(2024, 3, 31), date(2024, 11, 15)),
    "days-year-end": (Settings(rules=StatusRules(time_basis="days")), date(2024, 9, 30), date(2024, 12, 31)),
}


def _type_into(path: Path, cases: list[Typed], sheet_as_of: date, out: Path) -> None:
    """Fill the inputs as a user would: found by row key, typed figure and date, new sheet date."""
    workbook = load_workbook(path)
    ws = workbook["目标跟踪"]
    headers = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    key_col, actual_col, date_col = (headers[HEADERS["zh"][r]] for r in ("key", "actual", "as_of"))
    rows = {ws.cell(r, key_col).value: r for r in range(6, ws.max_row + 1) if ws.cell(r, key_col).value}
    for case in cases:
        row = rows[case.target.key]
        ws.cell(row, actual_col).value = case.figure
        if case.number_format:
            ws.cell(row, actual_col).number_format = case.number_format
        ws.cell(row, date_col).value = case.as_of
    ws["C2"].value = sheet_as_of
    workbook.save(out)


def _expected(case: Typed, sheet_as_of: date, settings: Settings):
    actual = None
    if isinstance(case.figure, int | float):
        figure = float(figure_of(case.figure, case.target.uom, number_format=case.number_format))
        actual = Actual(UNIT, case.target.indicator, 2024, figure, case.target.uom,
                        case.as_of or sheet_as_of, origin="typed")
    return assess(case.target, actual, sheet_as_of, settings)


@office
# LibreOffice saves conditional formats with x14 extensions openpyxl does not read; irrelevant here.
@pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_recalculated_formulas_equal_assess(tmp_path: Path, scenario: str) -> None:
    settings, generated_for, sheet_as_of = SCENARIOS[scenario]
    cases = [*CASES, TEXT_CASE]
    report = unit_reports([c.target for c in cases], [], generated_for, settings)[0]
    blank = tmp_path / "blank.xlsx"
    render_tracker(RenderContext(settings, generated=date(2024, 10, 8)), report, blank)
    typed = tmp_path / "typed.xlsx"
    _type_into(blank, cases, sheet_as_of, typed)
    ws = load_workbook(recalculate_xlsx(typed, tmp_path), data_only=True)["目标跟踪"]
    headers = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    col = {role: headers[HEADERS["zh"][role]] for role in ("key", "completion", "time_progress", "gap", "status")}
    found = {ws.cell(r, col["key"]).value: r for r in range(6, ws.max_row + 1) if ws.cell(r, col["key"]).value}
    assert len(found) == len(cases)
    for case in CASES:
        row = found[case.target.key]
        status = _expected(case, sheet_as_of, settings)
        got = {role: ws.cell(row, col[role]).value for role in col if role != "key"}
        want = {"completion": status.completion, "time_progress": status.time_progress,
                "gap": status.gap_pp if status.actual else None, "status": status.label}
        for role, value in want.items():
            if isinstance(value, float):
                assert got[role] == pytest.approx(value, abs=1e-9), (case.target.indicator, role, got)
            else:
                assert got[role] in (value, "") if value is None else got[role] == value, (
                    case.target.indicator, role, got)
    year_start, year_end = date(2024, 1, 1), date(2024, 12, 31)
    assert ws["F2"].value == pytest.approx(time_progress(year_start, year_end, sheet_as_of, settings.rules.time_basis))
    text_row = found[TEXT_CASE.target.key]
    assert ws.cell(text_row, col["status"]).value == "请检查填报值"
    assert ws.cell(text_row, col["completion"]).value in (None, "")


def test_cases_cover_every_status_and_metric() -> None:
    """The recalculation cases exercise every status code, metric, comparator and both directions."""
    settings, _, sheet_as_of = SCENARIOS["months-september"]
    statuses = [_expected(c, sheet_as_of, settings) for c in CASES]
    assert {s.code for s in statuses} == {"achieved", "ahead", "on_schedule", "behind", "seriously_behind",
                                          "not_reported"}
    assert {c.target.metric for c in CASES} == {"level", "growth", "share", "change"}
    assert {c.target.comparator for c in CASES} == {">=", ">", "<=", "<", "=", "~"}
    over = [s for s in statuses if s.as_of >= (s.target.period_end or date(2024, 12, 31))]
    assert {s.code for s in over} >= {"achieved", "behind"}


def test_boundary_cases_sit_exactly_on_thresholds() -> None:
    """Float noise must not flip these: -10 points is on schedule, a rate 1 point under is on schedule."""
    settings, _, sheet_as_of = SCENARIOS["months-september"]
    by_name = {c.target.indicator: _expected(c, sheet_as_of, settings) for c in CASES}
    assert (by_name["L上-差10点整"].gap_pp, by_name["L上-差10点整"].code) == (-10.0, "on_schedule")
    assert (by_name["L上-差30点整"].gap_pp, by_name["L上-差30点整"].code) == (-30.0, "behind")
    assert (by_name["R增速-差1点整"].gap_pp, by_name["R增速-差1点整"].code) == (-1.0, "on_schedule")

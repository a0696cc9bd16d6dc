"""Status rules (tracker/assess/status.py): every metric, direction and comparator, with exact values."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.assess.status import (
    assess,
    is_cap,
    judged_value,
    latest_actuals,
    needs_attention,
    time_progress,
    unit_reports,
)
from tracker.config import Settings, StatusRules, settings_from_dict
from tracker.models import STATUS_CODES, Actual, Target

FEB, HALF, Q3, YEAR_END, LATE = date(2024, 2, 29), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 3, 31)


def target(value=10.0, comparator=">=", metric="level", direction="up", uom="亿元", **kw) -> Target:
    kw.setdefault("unit", "甲区")
    kw.setdefault("indicator", "技术合同成交额")
    return Target(indicator_id=None, year=kw.pop("year", 2024), metric=metric, direction=direction,
                  comparator=comparator, value=value, uom=uom, **kw)


def actual(value, as_of=Q3, unit="甲区", indicator="技术合同成交额", year=2024, recorded_at=None, origin="t") -> Actual:
    return Actual(unit=unit, indicator=indicator, year=year, value=value, uom="", as_of=as_of,
                  origin=origin, recorded_at=recorded_at)


def f(num: int, den: int = 1) -> float:
    return float(Fraction(num, den))


# --- time progress -------------------------------------------------------------------------------

Y24 = (date(2024, 1, 1), date(2024, 12, 31))
PLAN = (date(2021, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(("period", "as_of", "basis", "expected"), [
    (Y24, Q3, "months", 0.75),
    (Y24, date(2024, 9, 15), "months", f(8, 12)),
    (Y24, FEB, "months", f(2, 12)),
    (Y24, date(2024, 2, 28), "months", f(1, 12)),         # leap year: February ends on the 29th
    (Y24, HALF, "months", 0.5),
    (Y24, date(2024, 10, 31), "months", f(10, 12)),
    (Y24, date(2024, 1, 30), "months", 0.0),
    (Y24, date(2024, 1, 31), "months", f(1, 12)),
    (Y24, YEAR_END, "months", 1.0),
    (Y24, LATE, "months", 1.0),
    (Y24, date(2023, 12, 31), "months", 0.0),
    ((date(2023, 1, 1), date(2023, 12, 31)), date(2023, 2, 28), "months", f(2, 12)),
    (PLAN, Q3, "months", f(45, 60)),
    (PLAN, YEAR_END, "months", f(48, 60)),
    (Y24, date(2024, 1, 1), "days", f(1, 366)),
    (Y24, HALF, "days", f(182, 366)),
    (Y24, YEAR_END, "days", 1.0),
    (Y24, date(2023, 6, 1), "days", 0.0),
    (Y24, LATE, "days", 1.0),
])
def test_time_progress(period, as_of, basis, expected):
    assert time_progress(*period, as_of, basis) == expected


def test_time_progress_defaults_to_months():
    assert time_progress(*Y24, date(2024, 9, 15)) == f(8, 12)


@pytest.mark.parametrize(("start", "end", "basis"), [
    (date(2024, 12, 31), date(2024, 1, 1), "months"),
    (date(2024, 1, 1), date(2024, 12, 31), "weeks"),
])
def test_time_progress_rejects_bad_input(start, end, basis):
    with pytest.raises(ValueError):
        time_progress(start, end, Q3, basis)


# --- classification ------------------------------------------------------------------------------

@pytest.mark.parametrize(("comparator", "direction", "cap"), [
    (">=", "up", False), (">", "up", False), ("=", "up", False), ("~", "up", False),
    ("<=", "up", True), ("<", "up", True), ("=", "down", True), ("~", "down", True),
    (">=", "down", False), ("<=", "down", True),
])
def test_is_cap(comparator, direction, cap):
    assert is_cap(target(comparator=comparator, direction=direction)) is cap


def test_judged_value_uses_floor_for_goals_and_ceiling_for_caps():
    assert judged_value(target(5, ">=", value_max=6)) == 5
    assert judged_value(target(5, "<=", value_max=6)) == 6
    assert judged_value(target(5, "<=")) == 5


# --- level targets -------------------------------------------------------------------------------

LEVEL_CASES = [
    # (id, target, actual value, as_of, code, completion, gap_pp)
    ("q3 behind 13 points", target(10, ">"), 6.2, Q3, "behind", 0.62, -13.0),
    ("q3 exactly on pace", target(10, ">"), 7.5, Q3, "on_schedule", 0.75, 0.0),
    ("q3 ahead", target(10, ">"), 7.6, Q3, "ahead", 0.76, 1.0),
    ("gap exactly -10", target(10, ">="), 6.5, Q3, "on_schedule", 0.65, -10.0),
    ("gap just past -10", target(10, ">="), 6.49, Q3, "behind", 0.649, -10.1),
    ("gap exactly -30", target(10, ">="), 4.5, Q3, "behind", 0.45, -30.0),
    ("gap just past -30", target(10, ">="), 4.49, Q3, "seriously_behind", 0.449, -30.1),
    ("> needs more than the target", target(10, ">"), 10, Q3, "ahead", 1.0, 25.0),
    (">= met at the target", target(10, ">="), 10, Q3, "achieved", 1.0, 25.0),
    ("> met above the target", target(10, ">"), 10.5, Q3, "achieved", 1.05, 30.0),
    ("= met at the target", target(280, "=", uom="家"), 280, HALF, "achieved", 1.0, 50.0),
    ("1-2 months", target(10, ">="), 1, FEB, "on_schedule", 0.1, f(-20, 3)),
    ("1-2 months behind", target(10, ">="), 0.6, FEB, "behind", 0.06, f(-32, 3)),
    ("half year at -30", target(10, ">="), 2, HALF, "behind", 0.2, -30.0),
    ("half year past -30", target(10, ">="), 1.9, HALF, "seriously_behind", 0.19, -31.0),
    ("year end not met is never on schedule", target(10, ">="), 9.5, YEAR_END, "behind", 0.95, -5.0),
    ("year end behind", target(10, ">="), 8, YEAR_END, "behind", 0.8, -20.0),
    ("year end seriously behind", target(10, ">="), 6, YEAR_END, "seriously_behind", 0.6, -40.0),
    ("past deadline achieved", target(10, ">"), 10.2, LATE, "achieved", 1.02, 2.0),
    ("past deadline behind", target(10, ">"), 9, LATE, "behind", 0.9, -10.0),
    ("~ within tolerance", target(100, "~", uom="家"), 95, YEAR_END, "achieved", 0.95, -5.0),
    ("~ outside tolerance", target(100, "~", uom="家"), 94.9, YEAR_END, "behind", 0.949, -5.1),
    ("range judged on its floor", target(5, ">=", value_max=6), 5, YEAR_END, "achieved", 1.0, 0.0),
    # caps: gap is time progress minus completion, positive when under the pace
    ("cap under pace", target(100, "<=", direction="down", uom="万吨"), 70, Q3, "ahead", 0.7, 5.0),
    ("cap on pace", target(100, "<=", direction="down"), 75, Q3, "on_schedule", 0.75, 0.0),
    ("cap gap exactly -10", target(100, "<="), 85, Q3, "on_schedule", 0.85, -10.0),
    ("cap gap past -10", target(100, "<="), 85.1, Q3, "behind", 0.851, -10.1),
    ("cap gap exactly -30", target(100, "<="), 55, date(2024, 3, 31), "behind", 0.55, -30.0),
    ("cap gap past -30", target(100, "<="), 60, date(2024, 3, 31), "seriously_behind", 0.6, -35.0),
    ("cap reached but not exceeded", target(100, "<="), 100, Q3, "behind", 1.0, -25.0),
    ("cap exceeded", target(100, "<="), 105, Q3, "seriously_behind", 1.05, -30.0),
    ("strict cap reached", target(100, "<"), 100, Q3, "seriously_behind", 1.0, -25.0),
    ("cap kept at year end", target(100, "<="), 99, YEAR_END, "achieved", 0.99, 1.0),
    ("cap kept past deadline", target(100, "<"), 99.9, LATE, "achieved", 0.999, f(1, 10)),
    ("~ cap within tolerance", target(100, "~", direction="down"), 104, YEAR_END, "achieved", 1.04, -4.0),
    ("~ cap exceeded", target(100, "~", direction="down"), 106, YEAR_END, "seriously_behind", 1.06, -6.0),
    ("= cap exceeded", target(100, "=", direction="down"), 100.5, HALF, "seriously_behind", 1.005, -50.5),
    ("cap range judged on its ceiling", target(5, "<=", value_max=6), 5.5, YEAR_END, "achieved", f(11, 12),
     f(25, 3)),
    (">= with direction down is a goal", target(10, ">=", direction="down"), 10, Q3, "achieved", 1.0, 25.0),
]


@pytest.mark.parametrize(("case", "tgt", "value", "as_of", "code", "completion", "gap"), LEVEL_CASES,
                         ids=[c[0] for c in LEVEL_CASES])
def test_level_targets(case, tgt, value, as_of, code, completion, gap):
    status = assess(tgt, actual(value, as_of), date(2026, 1, 1), Settings())
    assert (status.code, status.completion, status.gap_pp) == (code, completion, gap)
    assert status.label == Settings().label(code)
    assert status.as_of == as_of  # the actual's date, not the date asked for
    assert status.rate_diff_pp is None
    assert (status.stretch_completion, status.baseline_progress) == (None, None)


def test_completion_has_no_float_noise():
    status = assess(target(10, ">"), actual(6.2), Q3, Settings())
    assert repr(status.completion) == "0.62"
    assert repr(status.gap_pp) == "-13.0"
    assert status.time_progress == 0.75


def test_baseline_and_stretch():
    tgt = target(280, ">=", uom="家", baseline=200, stretch_value=300)
    status = assess(tgt, actual(240, HALF), HALF, Settings())
    assert status.completion == f(6, 7)
    assert status.baseline_progress == 0.5
    assert status.stretch_completion == 0.8
    assert status.gap_pp == f(250, 7)
    assert status.code == "ahead"


def test_baseline_equal_to_target_has_no_baseline_progress():
    status = assess(target(10, ">=", baseline=10), actual(12, YEAR_END), YEAR_END, Settings())
    assert (status.baseline_progress, status.completion, status.code) == (None, 1.2, "achieved")


@pytest.mark.parametrize(("value", "as_of", "code"), [
    (0, Q3, "on_schedule"), (1, Q3, "seriously_behind"), (0, YEAR_END, "achieved"),
])
def test_zero_cap_has_no_completion(value, as_of, code):
    status = assess(target(0, "<=", uom="起"), actual(value, as_of), as_of, Settings())
    assert (status.code, status.completion, status.gap_pp) == (code, None, None)


def test_zero_goal_unmet_is_behind():
    status = assess(target(0, ">"), actual(0, Q3), Q3, Settings())
    assert (status.code, status.completion, status.gap_pp) == ("behind", None, None)


# --- rate targets --------------------------------------------------------------------------------

GROWTH30 = target(30, ">=", metric="growth", uom="%")
RATE_CASES = [
    # (id, target, actual value, as_of, code, gap_pp, rate_diff_pp)
    ("growth 5.5 below", GROWTH30, 24.5, Q3, "seriously_behind", -5.5, -5.5),
    ("growth exactly -5", GROWTH30, 25, Q3, "behind", -5.0, -5.0),
    ("growth exactly -1", GROWTH30, 29, Q3, "on_schedule", -1.0, -1.0),
    ("growth just past -1", GROWTH30, 28.9, Q3, "behind", f(-11, 10), f(-11, 10)),
    ("growth at target before the end", GROWTH30, 30, Q3, "on_schedule", 0.0, 0.0),
    ("growth above target before the end", GROWTH30, 35, Q3, "ahead", 5.0, 5.0),
    ("growth met at year end", GROWTH30, 30, YEAR_END, "achieved", 0.0, 0.0),
    ("growth above at year end", GROWTH30, 30.3, YEAR_END, "achieved", f(3, 10), f(3, 10)),
    ("growth short at year end", GROWTH30, 29.5, YEAR_END, "behind", -0.5, -0.5),
    ("growth far short at year end", GROWTH30, 24, YEAR_END, "seriously_behind", -6.0, -6.0),
    ("growth past deadline", GROWTH30, 31, LATE, "achieved", 1.0, 1.0),
    ("strict rate met at the target", target(5, ">", metric="growth", uom="%"), 5, YEAR_END, "achieved", 0.0, 0.0),
    ("= rate", target(8, "=", metric="growth", uom="%"), 7.5, HALF, "on_schedule", -0.5, -0.5),
    ("share cap under", target(5.5, "<=", metric="share", direction="down", uom="%"), 5.2, HALF, "ahead",
     f(3, 10), f(-3, 10)),
    ("share cap over", target(5.5, "<=", metric="share", uom="%"), 5.8, HALF, "on_schedule", f(-3, 10), f(3, 10)),
    ("share cap kept", target(5.5, "<", metric="share", uom="%"), 5.5, YEAR_END, "achieved", 0.0, 0.0),
    ("share cap broken", target(5.5, "<=", metric="share", uom="%"), 6.6, YEAR_END, "behind",
     f(-11, 10), f(11, 10)),
    ("share cap far broken", target(5.5, "<=", metric="share", uom="%"), 11, Q3, "seriously_behind", -5.5, 5.5),
    ("~ growth at tolerance above", target(6, "~", metric="growth", uom="%"), 6.5, Q3, "on_schedule", 0.5, 0.5),
    ("~ growth beyond tolerance above", target(6, "~", metric="growth", uom="%"), 6.6, Q3, "ahead",
     f(3, 5), f(3, 5)),
    ("~ growth at tolerance below", target(6, "~", metric="growth", uom="%"), 5.5, Q3, "on_schedule", -0.5, -0.5),
    ("~ growth beyond tolerance below", target(6, "~", metric="growth", uom="%"), 5.4, Q3, "on_schedule",
     f(-3, 5), f(-3, 5)),
    ("~ growth behind", target(6, "~", metric="growth", uom="%"), 4.9, Q3, "behind", f(-11, 10), f(-11, 10)),
    ("~ growth within at year end", target(6, "~", metric="growth", uom="%"), 5.5, YEAR_END, "achieved", -0.5, -0.5),
    ("~ growth short at year end", target(6, "~", metric="growth", uom="%"), 5.4, YEAR_END, "behind",
     f(-3, 5), f(-3, 5)),
    ("~ cap within", target(3, "~", metric="growth", direction="down", uom="%"), 3.4, Q3, "on_schedule",
     f(-2, 5), f(2, 5)),
    ("~ cap over", target(3, "~", metric="growth", direction="down", uom="%"), 3.6, YEAR_END, "behind",
     f(-3, 5), f(3, 5)),
    ("~ cap well under", target(3, "~", metric="growth", direction="down", uom="%"), 2, YEAR_END, "achieved",
     1.0, -1.0),
    ("change in points", target(1, ">=", metric="change", uom="个百分点"), 0.8, YEAR_END, "behind",
     f(-1, 5), f(-1, 5)),
    ("change in points 1-2 months", target(1, ">=", metric="change", uom="个百分点"), 1.2, FEB, "ahead",
     f(1, 5), f(1, 5)),
    ("growth range judged on its floor", target(5, ">=", metric="growth", uom="%", value_max=6), 5.2, YEAR_END,
     "achieved", f(1, 5), f(1, 5)),
]


@pytest.mark.parametrize(("case", "tgt", "value", "as_of", "code", "gap", "diff"), RATE_CASES,
                         ids=[c[0] for c in RATE_CASES])
def test_rate_targets(case, tgt, value, as_of, code, gap, diff):
    status = assess(tgt, actual(value, as_of), date(2026, 1, 1), Settings())
    assert (status.code, status.gap_pp, status.rate_diff_pp) == (code, gap, diff)
    assert (status.completion, status.stretch_completion, status.baseline_progress) == (None, None, None)
    assert status.time_progress == time_progress(*Y24, as_of)


def test_not_reported_keeps_time_progress_only():
    status = assess(GROWTH30, None, Q3, Settings())
    assert (status.code, status.label, status.time_progress, status.as_of) == ("not_reported", "未填报", 0.75, Q3)
    assert (status.completion, status.gap_pp, status.rate_diff_pp, status.actual) == (None, None, None, None)
    assert assess(target(10), None, Q3, Settings(), lang="en").label == "Not reported"


def test_target_period_of_a_five_year_plan():
    tgt = target(100, ">=", year=2025, period_start=date(2021, 1, 1), period_end=date(2025, 12, 31))
    status = assess(tgt, actual(60, YEAR_END, year=2025), YEAR_END, Settings())
    assert (status.time_progress, status.completion, status.gap_pp, status.code) == (0.8, 0.6, -20.0, "behind")


def test_custom_rules_and_labels():
    rules = StatusRules(time_basis="days", ahead_pp=2, behind_pp=5, seriously_behind_pp=20,
                        rate_behind_pp=0.5, rate_seriously_behind_pp=2)
    labels = {"zh": {"behind": "滞后序时"}, "en": {"behind": "Lagging"}}
    settings = settings_from_dict({"status": dataclasses.asdict(rules), "labels": labels})
    half = date(2024, 7, 1)  # day 183 of 366: exactly half by days
    cases = [
        (target(10), 5.1, "on_schedule", 1.0),
        (target(10), 5.3, "ahead", 3.0),
        (target(10), 4.5, "on_schedule", -5.0),
        (target(10), 4.4, "behind", -6.0),
        (target(10), 3.0, "behind", -20.0),
        (target(10), 2.9, "seriously_behind", -21.0),
        (GROWTH30, 29.5, "on_schedule", -0.5),
        (GROWTH30, 28, "behind", -2.0),
        (GROWTH30, 27.9, "seriously_behind", f(-21, 10)),
    ]
    got = [(assess(t, actual(v, half), half, settings).code, assess(t, actual(v, half), half, settings).gap_pp)
           for t, v, _, _ in cases]
    assert got == [(code, gap) for _, _, code, gap in cases]
    assert assess(target(10), actual(4.4, half), half, settings).label == "滞后序时"
    assert assess(target(10), actual(4.4, half), half, settings, lang="en").label == "Lagging"
    assert assess(target(10), actual(5.3, half), half, settings, lang="en").label == "Ahead of schedule"


def test_non_finite_actual_is_rejected():
    with pytest.raises(ValueError, match="finite"):
        assess(target(10), actual(float("nan")), Q3, Settings())


# --- latest figures, unit reports, attention list --------------------------------------------------

def test_latest_actuals_prefers_as_of_then_recorded_at_then_order():
    a = actual(1, HALF, origin="a", recorded_at=datetime(2024, 7, 5))
    b = actual(2, Q3, origin="b", recorded_at=datetime(2024, 10, 1))
    c = actual(3, Q3, origin="c", recorded_at=datetime(2024, 10, 3))   # same date, recorded later
    d = actual(4, Q3, origin="d", recorded_at=datetime(2024, 10, 2))
    e = actual(5, HALF, origin="e", indicator="高新技术企业")
    f1, f2 = actual(6, FEB, origin="f1", year=2025), actual(7, FEB, origin="f2", year=2025)
    g = actual(8, FEB, origin="g", year=2025, recorded_at=datetime(2024, 1, 1))
    latest = latest_actuals([a, c, b, d, e, f1, f2])
    assert {k: v.origin for k, v in latest.items()} == {
        ("甲区", "技术合同成交额", 2024): "c",
        ("甲区", "高新技术企业", 2024): "e",
        ("甲区", "技术合同成交额", 2025): "f2",   # a full tie goes to the one given last
    }
    assert latest_actuals([g, f1])[("甲区", "技术合同成交额", 2025)].origin == "g"  # recorded beats unrecorded
    assert latest_actuals([]) == {}


def test_unit_reports():
    targets = [
        target(10, ">", unit="乙区", category="科技创新"),
        target(280, ">=", unit="甲区", indicator="高新技术企业", uom="家", category="科技创新"),
        target(10, ">", unit="甲区", category="科技创新"),
        target(30, ">=", metric="growth", uom="%", unit="甲区", indicator="研发经费投入", category="研发"),
        target(5, ">=", unit="甲区", indicator="新型研发机构", uom="家"),
    ]
    actuals = [
        actual(6.2, Q3, unit="甲区", origin="q3"),
        actual(3.0, HALF, unit="甲区", origin="half"),
        actual(9.0, date(2024, 10, 31), unit="甲区", origin="after"),   # later than the report date
        actual(24.5, Q3, unit="甲区", indicator="研发经费投入", origin="rd"),
        actual(5, Q3, unit="甲区", indicator="新型研发机构", origin="inst"),
        actual(1, Q3, unit="丙区", origin="no targets"),
    ]
    reports = unit_reports(targets, actuals, Q3, Settings())
    assert [r.unit for r in reports] == ["乙区", "甲区"]
    second, first = reports
    assert [(s.target.indicator, s.code) for s in first.statuses] == [
        ("研发经费投入", "seriously_behind"),                                  # categories by code point
        ("技术合同成交额", "behind"), ("高新技术企业", "not_reported"),
        ("新型研发机构", "achieved"),                                          # uncategorised last
    ]
    assert first.counts == {"achieved": 1, "ahead": 0, "on_schedule": 0, "behind": 1,
                            "seriously_behind": 1, "not_reported": 1}
    assert list(first.counts) == list(STATUS_CODES)
    assert [a.origin for a in first.history] == ["q3", "rd", "inst", "half"]
    assert (first.year, first.as_of) == (2024, Q3)
    assert second.counts["not_reported"] == 1 and second.history == ()


def test_unit_report_year_is_the_current_one():
    targets = [target(10, year=2024), target(10, year=2025), target(10, year=2026)]
    assert unit_reports(targets, [], date(2025, 3, 31), Settings())[0].year == 2025
    assert unit_reports(targets[1:], [], Q3, Settings())[0].year == 2025


def test_needs_attention_orders_by_severity_then_gap():
    statuses = [
        assess(target(10, indicator="A"), actual(6.2, indicator="A"), Q3, Settings()),          # behind -13
        assess(GROWTH30, actual(24.5), Q3, Settings()),                                        # serious -5.5
        assess(target(10, indicator="B"), actual(8, indicator="B"), Q3, Settings()),           # ahead
        assess(target(10, indicator="C"), actual(4.5, indicator="C"), Q3, Settings()),         # behind -30
        assess(target(10, indicator="D"), actual(1, indicator="D"), Q3, Settings()),           # serious -65
        assess(target(0, ">", indicator="E"), actual(0, indicator="E"), Q3, Settings()),       # behind, no gap
        assess(target(10, indicator="F"), None, Q3, Settings()),
    ]
    assert [(s.code, s.gap_pp) for s in needs_attention(statuses)] == [
        ("seriously_behind", -65.0), ("seriously_behind", -5.5),
        ("behind", -30.0), ("behind", -13.0), ("behind", None),
    ]


# --- properties ----------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2023, 6, 1), max_value=date(2025, 6, 30))


@settings(max_examples=150, deadline=None)
@given(day=DAYS, later=st.integers(0, 40), basis=st.sampled_from(["months", "days"]))
def test_time_progress_is_monotone_and_bounded(day, later, basis):
    now, then = time_progress(*Y24, day, basis), time_progress(*Y24, day + timedelta(days=later), basis)
    assert 0.0 <= now <= then <= 1.0


@settings(max_examples=150, deadline=None)
@given(value=st.floats(0, 1000, allow_nan=False), goal=st.floats(0.5, 1000, allow_nan=False),
       day=DAYS, comparator=st.sampled_from([">=", ">", "<=", "<", "=", "~"]),
       direction=st.sampled_from(["up", "down"]), metric=st.sampled_from(["level", "growth", "share", "change"]))
def test_assess_always_gives_a_reported_code(value, goal, day, comparator, direction, metric):
    status = assess(target(goal, comparator, metric, direction), actual(value, day), day, Settings())
    assert status.code in STATUS_CODES and status.code != "not_reported"
    assert status.label == Settings().label(status.code)
    if day >= YEAR_END:
        assert status.code in ("achieved", "behind", "seriously_behind")


def test_a_withdrawn_figure_no_longer_stands_and_the_earlier_one_is_shown_again() -> None:
    early = actual(4, HALF, recorded_at=datetime(2024, 7, 1))
    late = actual(6, Q3, recorded_at=datetime(2024, 10, 1))
    gone = dataclasses.replace(late, withdrawn=True, recorded_at=datetime(2024, 10, 2))
    [report] = unit_reports([target()], [gone, late, early], Q3, Settings())
    assert report.statuses[0].actual == early
    assert report.history == (gone, late, early)   # the history keeps the withdrawal


def test_a_remark_is_shown_on_a_row_without_a_figure_until_a_figure_comes_after_it() -> None:
    from tracker.models import Remark

    note = Remark("甲区", "技术合同成交额", 2024, None, "待核定", "t", recorded_at=datetime(2024, 10, 1))
    [report] = unit_reports([target()], [], Q3, Settings(), remarks=[note])
    assert report.remarks == (note,)
    withdrawn = dataclasses.replace(actual(6, HALF, recorded_at=datetime(2024, 9, 1)), withdrawn=True)
    [report] = unit_reports([target()], [withdrawn, actual(6, HALF, recorded_at=datetime(2024, 8, 1))], Q3,
                            Settings(), remarks=[note])
    assert report.remarks == (note,)              # the note came after the withdrawal
    later = actual(7, HALF, recorded_at=datetime(2024, 10, 2))
    [report] = unit_reports([target()], [later], Q3, Settings(), remarks=[note])
    assert report.remarks == ()

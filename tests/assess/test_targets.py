"""Assembling the targets to track from records and manual targets."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.helpers.builders import record
from tracker.assess.targets import period_dates, targets_from_records
from tracker.models import Source, Target

UNIT = "乌鲁木齐高新区"


def target(*records_, **changes) -> Target:
    """The target the default record() gives, contributed to by `records_`."""
    base = Target(unit=UNIT, indicator="高新技术企业", indicator_id="hightech_firms", year=2024,
                  metric="level", direction="up", comparator=">=", value=280.0, uom="家",
                  record_ids=tuple(r.id for r in records_), sources=tuple(r.source for r in records_))
    return dataclasses.replace(base, **changes)


def actual(id: str, year: int, value: float, **changes):
    return record(id, kind="actual", year=year, value=value, comparator="=", start=200, **changes)


R1 = record("r1")
STRETCH_300 = record("s300", value=300.0, stretch=True, start=20)
STRETCH_290 = record("s290", value=290.0, stretch=True, start=40)
CONFIRMED_290 = record("c290", value=290.0, confidence=0.5, flags=("confirmed",), start=60)
SURE_290 = record("h290", value=290.0, confidence=0.95, start=60)
LATE_290 = record("l290", value=290.0, start=80)
GROWTH = record("g30", metric="growth", value=30.0, uom="%", start=20)
STRETCH_MONEY = record("s3", value=3.0, uom="亿元", stretch=True, start=20)
JOBLESS = {"indicator": "城镇调查失业率", "indicator_id": "urban_unemployment", "metric": "share",
           "direction": "down", "comparator": "<=", "uom": "%", "stretch": True}
JOBLESS_55 = record("u55", value=5.5, **JOBLESS)
JOBLESS_50 = record("u50", value=5.0, start=20, **JOBLESS)
PERIOD = record("p1", period="2024-01/2024-12")
ACTUAL_2023 = actual("a2023", 2023, 954.0)
ACTUAL_2022 = actual("a2022", 2022, 800.0)
ACTUAL_2023_PARTIAL = actual("a2023p", 2023, 900.0, period="2023-01/2023-10")
ACTUAL_2023_MONEY = actual("a2023m", 2023, 12.0, uom="亿元")
MANUAL = target(value=300.0, comparator=">", origin="manual")

CASES = {
    "a single target record": ([R1], [], [target(R1)]),
    "actuals and targets without year or unit are not tracked": (
        [actual("a", 2024, 10.0), record("y", year=None), record("u", unit="")], [], []),
    "rejected and stale records are ignored": (
        [record("x", flags=("rejected",)), record("z", flags=("stale",))], [], []),
    "a stretch beside the base gives stretch_value": (
        [R1, STRETCH_300], [], [target(R1, STRETCH_300, stretch_value=300.0)]),
    "only stretch records: the lowest is the target": (
        [STRETCH_300, STRETCH_290], [], [target(STRETCH_300, STRETCH_290, value=290.0)]),
    "only stretch records, direction down: the highest is the target": (
        [JOBLESS_50, JOBLESS_55], [],
        [target(JOBLESS_55, JOBLESS_50, indicator="城镇调查失业率", indicator_id="urban_unemployment",
                metric="share", direction="down", comparator="<=", uom="%", value=5.5)]),
    "a confirmed record beats a more confident one": (
        [R1, CONFIRMED_290], [], [target(R1, CONFIRMED_290, value=290.0)]),
    "higher confidence beats document order": ([R1, SURE_290], [], [target(R1, SURE_290, value=290.0)]),
    "otherwise the earliest in the document wins": ([LATE_290, R1], [], [target(R1, LATE_290)]),
    "a record measuring something else does not contribute": ([R1, GROWTH], [], [target(R1)]),
    "a stretch in another unit of measure is not a stretch value": ([R1, STRETCH_MONEY], [], [target(R1)]),
    "the period gives the dates": (
        [PERIOD], [], [target(PERIOD, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))]),
    "the latest full-year actual of an earlier year is the baseline": (
        [R1, ACTUAL_2022, ACTUAL_2023, ACTUAL_2023_PARTIAL, ACTUAL_2023_MONEY], [], [target(R1, baseline=954.0)]),
    "an actual of the same year is not a baseline": ([R1, actual("a", 2024, 100.0)], [], [target(R1)]),
    "a stated baseline wins": (
        [record("b", baseline=900.0), ACTUAL_2023], [], [target(record("b"), baseline=900.0)]),
    "a manual target overrides and gets a baseline": (
        [R1, ACTUAL_2023], [MANUAL], [dataclasses.replace(MANUAL, baseline=954.0)]),
    "targets come sorted by unit, year and indicator": (
        [record("k2", year=2025), record("k1", indicator="孵化器", indicator_id=None), record("k0", unit="兰州新区")],
        [],
        # Unit names sort by code point (乌 U+4E4C before 兰 U+5170), as Python compares text.
        [target(record("k1"), indicator="孵化器", indicator_id=None, record_ids=("k1",)),
         target(record("k2"), year=2025, record_ids=("k2",)),
         target(record("k0"), unit="兰州新区", record_ids=("k0",))]),
}


@pytest.mark.parametrize(("records", "manual", "expected"), CASES.values(), ids=CASES.keys())
def test_targets_from_records(records, manual, expected):
    assert targets_from_records(records, manual) == expected


def test_sources_follow_the_contributing_records():
    [tracked] = targets_from_records([LATE_290, R1])
    assert tracked.sources == (Source("a.txt", 0, 8, "高新技术企业达280家"), Source("a.txt", 80, 88, "高新技术企业达280家"))


@pytest.mark.parametrize(("period", "expected"), [
    ("2024-01/2024-12", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-02/2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-03-15/2024-06-30", (date(2024, 3, 15), date(2024, 6, 30))),
    ("2024-10/2024-01", None),
    ("2024-13/2024-12", None),
    ("2024", None),
    ("", None),
    (None, None),
])
def test_period_dates(period, expected):
    assert period_dates(period) == expected

"""A unit's targets and report are made from that unit's records, figures and notes alone.

What a per-unit cache of reports would stand on (issue 17: a re-run that rebuilds only the units
whose inputs changed): if another unit's records, figures or notes could change a unit's report,
such a cache would show stale statuses.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from tests.helpers.builders import record
from tracker.assess.status import unit_reports
from tracker.assess.targets import targets_from_records
from tracker.config import Settings
from tracker.models import Actual, Remark, Target

AS_OF = date(2024, 9, 30)
OURS, THEIRS = "甲区", "乙区"


def reports(records, actuals, remarks, manual=()):
    targets = targets_from_records(records, manual)
    return {r.unit: r for r in unit_reports(targets, actuals, AS_OF, Settings(), "zh", remarks)}


def figure(unit: str, value: float, as_of: date, second: int, withdrawn: bool = False) -> Actual:
    return Actual(unit=unit, indicator="高新技术企业", year=2024, value=value, uom="家", as_of=as_of,
                  origin=f"trackers/{unit}.xlsx!目标跟踪!I5", recorded_at=datetime(2024, 10, 1, 9, 0, second),
                  withdrawn=withdrawn)


def unit_inputs(unit: str, shift: float = 0.0):
    """Records, figures and notes of one unit on the same indicator and year as the other's."""
    records = [
        record(f"{unit}-t", unit=unit, value=280.0 + shift),
        record(f"{unit}-s", unit=unit, value=300.0 + shift, start=40, stretch=True),
        record(f"{unit}-b", unit=unit, kind="actual", year=2023, value=250.0 + shift, comparator="=",
               period="2023-01/2023-12", start=80),
        record(f"{unit}-r", unit=unit, indicator="技术合同成交额", indicator_id=None, value=10.0 + shift,
               uom="亿元", start=120),
    ]
    actuals = [figure(unit, 200.0 + shift, date(2024, 6, 30), 1), figure(unit, 230.0 + shift, AS_OF, 2)]
    remarks = [Remark(unit=unit, indicator="技术合同成交额", year=2024, as_of=AS_OF, note=f"{unit}待统计",
                      origin=f"trackers/{unit}.xlsx!目标跟踪!K6", recorded_at=datetime(2024, 10, 1, 9, 0, 3))]
    return records, actuals, remarks


def test_a_units_report_is_the_same_whatever_another_unit_has():
    records, actuals, remarks = unit_inputs(OURS)
    alone = reports(records, actuals, remarks)[OURS]
    shown = {s.target.indicator: s for s in alone.statuses}
    assert {name: s.target.value for name, s in shown.items()} == {"高新技术企业": 280.0, "技术合同成交额": 10.0}
    firms = shown["高新技术企业"]
    assert (firms.target.baseline, firms.target.stretch_value, firms.actual.value) == (250.0, 300.0, 230.0)
    assert [r.note for r in alone.remarks] == ["甲区待统计"]

    theirs = unit_inputs(THEIRS, shift=7.0)
    manual = [Target(unit=THEIRS, indicator="高新技术企业", indicator_id=None, year=2024, metric="level",
                     direction="up", comparator=">=", value=999.0, uom="家", origin="manual")]
    withdrawn = [figure(THEIRS, 237.0, AS_OF, 4, withdrawn=True)]
    # Theirs listed before and after ours: the order of the ledger's rows does not matter either.
    for together in ((records + theirs[0], actuals + theirs[1] + withdrawn, remarks + theirs[2]),
                     (theirs[0] + records, withdrawn + theirs[1] + actuals, theirs[2] + remarks)):
        both = reports(*together, manual=manual)
        assert set(both) == {OURS, THEIRS}
        assert both[OURS] == alone
        assert both[THEIRS] != dataclasses.replace(alone, unit=THEIRS)

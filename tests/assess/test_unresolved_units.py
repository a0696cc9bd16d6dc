"""Records of documents that never name their unit (flag unit_unresolved, unit "全区"): they wait
in records.xlsx until tracker.toml's [project] default_unit or a correction of the unit names it."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.helpers.builders import record
from tracker.assess.targets import resolve_units, targets_from_records, waiting_for_review
from tracker.config import settings_from_dict
from tracker.errors import ConfigError
from tracker.ledger.decisions import Decision, apply_decisions
from tracker.models import FLAG_CONFIRMED, FLAG_REJECTED, FLAG_UNIT_UNRESOLVED, FLAG_UNKNOWN_INDICATOR


def _records():
    named = record("n", unit="涪陵区", indicator="地区生产总值增速", indicator_id="gdp_growth", kind="target",
                   year=2024, metric="growth", uom="%")
    spoken = record("s", unit="全区", indicator="固定资产投资增速", indicator_id="fixed_asset_investment_growth",
                    kind="target", year=2024, metric="growth", uom="%", start=10, flags=(FLAG_UNIT_UNRESOLVED,))
    both = record("b", unit="全区", indicator="招商专班", indicator_id=None, kind="target", year=2024, start=20,
                  flags=(FLAG_UNKNOWN_INDICATOR, FLAG_UNIT_UNRESOLVED))
    unknown = record("u", unit="涪陵区", indicator="研学单位", indicator_id=None, kind="target", year=2024, start=30,
                     flags=(FLAG_UNKNOWN_INDICATOR,))
    gone = record("g", unit="全区", indicator="地区生产总值", indicator_id="gdp", kind="target", year=2024, start=40,
                  flags=(FLAG_UNIT_UNRESOLVED, FLAG_REJECTED))
    return [named, spoken, both, unknown, gone]


def test_a_unit_never_named_is_not_tracked_even_when_everything_else_is():
    assert [(t.unit, t.indicator) for t in targets_from_records(_records(), unknown_indicators="all")] == [
        ("涪陵区", "地区生产总值增速"), ("涪陵区", "研学单位")]


def test_the_default_unit_resolves_them():
    resolved = resolve_units(_records(), "涪陵区")
    assert [(r.id, r.unit, r.flags) for r in resolved[:3]] == [
        ("n", "涪陵区", ()), ("s", "涪陵区", ()), ("b", "涪陵区", (FLAG_UNKNOWN_INDICATOR,))]
    assert [(t.unit, t.indicator) for t in targets_from_records(resolved, unknown_indicators="confirmed")] == [
        ("涪陵区", "固定资产投资增速"), ("涪陵区", "地区生产总值增速")]
    assert resolve_units(_records(), None) == _records()


def test_what_waits_for_review_is_counted_per_reason():
    assert waiting_for_review(_records(), "confirmed") == {"records": 3, "unknown_indicator": 2, "unit_unresolved": 2}
    assert waiting_for_review(_records(), "all") == {"records": 2, "unknown_indicator": 0, "unit_unresolved": 2}
    confirmed = [r if r.id != "u" else record("u", indicator_id=None, flags=(FLAG_CONFIRMED,)) for r in _records()]
    assert waiting_for_review(confirmed, "confirmed")["unknown_indicator"] == 1


def test_a_corrected_unit_resolves_the_record():
    spoken = _records()[1]
    corrected, rejected = apply_decisions(spoken, {"unit": Decision("s", "set", "unit", "涪陵区", datetime(2024, 5, 1), "xlsx")})
    assert not rejected and corrected.unit == "涪陵区" and FLAG_UNIT_UNRESOLVED not in corrected.flags
    assert [t.unit for t in targets_from_records([corrected])] == ["涪陵区"]
    confirmed, _ = apply_decisions(spoken, {"review": Decision("s", "confirm", "review", None, datetime(2024, 5, 1), "xlsx")})
    assert FLAG_UNIT_UNRESOLVED in confirmed.flags and targets_from_records([confirmed]) == []


def test_the_setting_is_read_from_the_project_table_and_checked():
    assert settings_from_dict({}).default_unit is None
    assert settings_from_dict({"project": {"default_unit": " 涪陵区 "}}).default_unit == "涪陵区"
    with pytest.raises(ConfigError, match=r"\[project\] default_unit must be the name of a unit"):
        settings_from_dict({"project": {"default_unit": 3}})
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) in \[project\]: unit"):
        settings_from_dict({"project": {"unit": "涪陵区"}})

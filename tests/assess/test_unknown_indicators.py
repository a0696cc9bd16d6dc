"""Targets of indicators outside the catalogue: tracked once confirmed, or always when set so."""

from __future__ import annotations

import pytest

from tests.helpers.builders import record
from tracker.assess.targets import targets_from_records
from tracker.config import settings_from_dict
from tracker.errors import ConfigError
from tracker.models import FLAG_CONFIRMED


def _records():
    known = record("k", indicator="高新技术企业数", indicator_id="high_tech_enterprises", kind="target", year=2024)
    unknown = record("u", indicator="招商专班", indicator_id=None, kind="target", year=2024, start=10)
    confirmed = record("c", indicator="研学单位", indicator_id=None, kind="target", year=2024, start=20,
                       flags=(FLAG_CONFIRMED,))
    return [known, unknown, confirmed]


def test_unknown_indicators_wait_for_a_confirmation():
    assert [t.indicator for t in targets_from_records(_records(), unknown_indicators="confirmed")] == ["研学单位", "高新技术企业数"]


def test_all_tracks_them_at_once():
    assert len(targets_from_records(_records(), unknown_indicators="all")) == 3


def test_the_setting_defaults_to_confirmed_and_is_checked():
    assert settings_from_dict({}).unknown_indicators == "confirmed"
    assert settings_from_dict({"unknown_indicators": "all"}).unknown_indicators == "all"
    with pytest.raises(ConfigError, match='unknown_indicators must be "confirmed" or "all", found \'some\''):
        settings_from_dict({"unknown_indicators": "some"})

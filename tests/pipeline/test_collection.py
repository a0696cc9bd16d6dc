"""The cycle collector while the build works out its data (tracker.pipeline._collection_paused)."""

from __future__ import annotations

import gc

import pytest

from tracker.pipeline import _collection_paused


@pytest.fixture(autouse=True)
def _unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_collection_is_paused_inside_and_back_after() -> None:
    with _collection_paused():
        assert not gc.isenabled()
        made = [[] for _ in range(10)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with _collection_paused(then_freeze=True):
        kept = [made]
    assert gc.isenabled() and gc.get_freeze_count() > 0   # what was made is left out of collections
    assert kept


def test_a_failure_inside_leaves_the_collector_on_and_nothing_frozen() -> None:
    with pytest.raises(ValueError), _collection_paused(then_freeze=True):
        raise ValueError("a bad input")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with _collection_paused():
        pass
    assert not gc.isenabled()

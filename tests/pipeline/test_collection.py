"""The cycle collector while the build works out its data (tracker.pipeline.collector)."""

from __future__ import annotations

import gc

import pytest

from tracker.pipeline.collector import collection_paused, frozen


@pytest.fixture(autouse=True)
def _unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_collection_is_paused_inside_and_back_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
        made = [[] for _ in range(10)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with collection_paused(then_freeze=True):
        kept = [made]
    assert gc.isenabled() and gc.get_freeze_count() > 0   # what was made is left out of collections
    assert kept


def test_a_failure_inside_leaves_the_collector_on_and_nothing_frozen() -> None:
    with pytest.raises(ValueError), collection_paused(then_freeze=True):
        raise ValueError("a bad input")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_what_exists_is_frozen_inside_and_unfrozen_after_even_on_a_failure() -> None:
    kept = [[] for _ in range(10)]
    with frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError), frozen():
        raise ValueError("a bad input")
    assert gc.get_freeze_count() == 0 and kept


def test_the_collector_is_paused_while_an_output_across_units_is_written_here_and_only_then(monkeypatch) -> None:
    from pathlib import Path

    from tracker.errors import FileInUse
    from tracker.pipeline import render as render_stage

    seen = {}

    def run_task(task, ctx):
        seen[task.kind] = gc.isenabled()
        if task.kind == "review":
            raise FileInUse("records.xlsx")
        return []

    monkeypatch.setattr(render_stage, "run_task", run_task)
    for kind in ("records", "review", "summary", "tracker", "memo", "overall"):
        outcome = render_stage._attempt(render_stage.Task(Path(f"{kind}.out"), kind, "", None), None)
        assert isinstance(outcome, FileInUse) if kind == "review" else outcome == []
        assert gc.isenabled()   # back on after each, a failure included
    assert seen == {"records": False, "review": False, "summary": False, "tracker": True, "memo": True,
                    "overall": True}

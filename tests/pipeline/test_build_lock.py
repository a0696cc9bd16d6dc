"""The build lock covers the whole build, and a file opened in Excel during rendering is not replaced."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pytest

from tracker.config import Project
from tracker.errors import LedgerBusy
from tracker.ledger import Ledger
from tracker.pipeline import BuildOptions, build
from tracker.pipeline.state import BuildState

render_stage = importlib.import_module("tracker.pipeline.render")  # the package re-exports a function of that name

SEED = "兰州新区2024年工作要点\n发布时间：2024-01-20\n今年兰州新区高新技术企业总量达到300家，技术合同成交额超过20亿元。\n"
OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1, lock_wait=0)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "要点.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "tracker.toml").write_text('unknown_indicators = "all"\n', encoding="utf-8")
    return Project.at(tmp_path)


def test_another_build_cannot_start_while_files_are_written_or_the_state_saved(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_task, real_save = render_stage.run_task, BuildState.save

    def second_build(stage: str) -> None:
        with pytest.raises(LedgerBusy):
            Ledger.open(project.db, wait=0).close()
        seen.append(stage)

    def task(task, ctx):
        second_build(task.kind)
        return real_task(task, ctx)

    def save(state):
        second_build("state")
        return real_save(state)

    monkeypatch.setattr(render_stage, "run_task", task)
    monkeypatch.setattr(BuildState, "save", save)
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert {"tracker", "memo", "summary", "review", "state"} <= set(seen)
    Ledger.open(project.db, wait=0).close()  # released once the build is over


def test_a_tracker_opened_in_excel_while_the_build_renders_is_not_replaced(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, OPTIONS)
    tracker = next((project.output / "trackers").glob("*.xlsx"))
    before = tracker.read_bytes()
    (project.root / "seeds" / "要点.txt").write_text(SEED.replace("300家", "320家"), encoding="utf-8")
    real_task = render_stage.run_task

    def task(task, ctx):
        if task.path == tracker:
            tracker.with_name("~$" + tracker.name).write_bytes(b"owner")  # Excel opens it just now
        return real_task(task, ctx)

    monkeypatch.setattr(render_stage, "run_task", task)
    result = build(project, OPTIONS)
    shown = tracker.relative_to(project.output).as_posix()
    assert [str(p) for p in result.problems] == [
        f"{shown}: was opened in Excel, WPS or LibreOffice while the build ran, so it was not replaced; "
        "close it and run tracker build again."]
    assert tracker.read_bytes() == before
    monkeypatch.setattr(render_stage, "run_task", real_task)
    tracker.with_name("~$" + tracker.name).unlink()
    again = build(project, OPTIONS)
    assert again.ok and tracker in again.written  # the next build writes it, as it was not recorded as done

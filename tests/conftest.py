"""Shared fixtures and markers: every test in its own folder, messages in English, a copy of the
seeds, and the `office` marker, which skips (saying why) where LibreOffice or poppler is missing.

Users see messages in Chinese unless they choose English (tracker/messages.py); the suite reads
them in English, as if every test ran with `--lang en`. Tests of the default language take the
`locale_language` fixture, which leaves the choice to the locale again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tests.helpers.office import office_missing
from tracker import messages


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = office_missing()
    if missing is None:
        return
    skip = pytest.mark.skip(reason=missing)
    for item in items:
        if item.get_closest_marker("office") is not None:
            item.add_marker(skip)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A project folder holding a copy of the seeds.

    Most seed targets are zone-level indicators outside the catalogue, which a default build
    tracks only once confirmed; these tests of the build loop track them all."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "tracker.toml").write_text('unknown_indicators = "all"\n', encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def _own_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every test runs in its own folder, so nothing writes into the repository.
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session", autouse=True)
def _no_users_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Fixtures shared by a module build their projects before a test's own cache is set (below):
    # what those builds keep goes here, never into the user's cache folder.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_CACHE", str(tmp_path_factory.mktemp("shared-cache")))
        yield


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What builds keep for the next build (pipeline/derived.py) goes beside the test's folder,
    # not into the user's cache folder: each test starts without one.
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path.parent / f"{tmp_path.name}-cache"))


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "_chosen", ["en"])


@pytest.fixture
def locale_language(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Messages in the locale's language, as users get them; set LANG etc. on the returned monkeypatch."""
    monkeypatch.setattr(messages, "_chosen", [])
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch

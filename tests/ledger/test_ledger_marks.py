"""The integrity check and the backup copy are not repeated for a ledger file left as it was:
both read the whole file, and a national ledger is large. Any change to the file brings both back."""

from __future__ import annotations

import importlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.builders import TickingClock
from tests.ledger.test_ledger_health import damage_table, figures, ledger_with_figures
from tracker.cli import cli
from tracker.errors import LedgerDamaged
from tracker.ledger import Ledger, backups

backups_module = importlib.import_module("tracker.ledger.backups")  # the package exports a function of that name


def built_ledger(path: Path) -> Path:
    """A ledger as a build leaves it: with its backup folder, where the marks are kept."""
    ledger_with_figures(path)
    with Ledger.open(path, wait=0) as ledger:
        ledger.backup()
    Ledger.open(path).close()  # found sound, and marked so
    return path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The integrity checks run, one entry each."""
    ran: list[Path] = []
    real = backups_module.integrity_problems

    def counted(conn: sqlite3.Connection) -> list[str]:
        ran.append(Path(conn.execute("PRAGMA database_list").fetchone()[2]))
        return real(conn)

    monkeypatch.setattr(backups_module, "integrity_problems", counted)
    return ran


def test_a_ledger_found_sound_is_not_checked_again_while_its_file_is_unchanged(tmp_path: Path,
                                                                               checks: list[Path]) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    checks.clear()
    Ledger.open(path).close()
    Ledger.open(path).close()
    assert checks == []


def test_a_ledger_written_since_its_check_is_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    checks.clear()
    with Ledger.open(path, clock=TickingClock()) as ledger:
        ledger.add_actuals(figures(3, value=50))
    Ledger.open(path).close()
    Ledger.open(path).close()
    assert len(checks) == 1  # the first open after the write


def test_a_ledger_checkpointed_after_its_writes_is_not_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    checks.clear()
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.add_actuals(figures(3, value=50))
        ledger.checkpoint()  # as a build ends
    Ledger.open(path).close()
    assert checks == []
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM actuals").fetchone()[0] == 103


def test_damage_after_a_checkpoint_is_found_on_the_next_open(tmp_path: Path) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.add_actuals(figures(3, value=50))
        ledger.checkpoint()
    damage_table(path, "actuals")
    with pytest.raises(LedgerDamaged):
        Ledger.open(path)


def test_writes_after_a_checkpoint_bring_the_check_back(tmp_path: Path, checks: list[Path]) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.checkpoint()
        ledger.add_actuals(figures(3, value=50))  # after the mark: in the log, then the file on close
    checks.clear()
    Ledger.open(path).close()
    assert len(checks) == 1


def test_damage_after_a_check_is_found_on_the_next_open(tmp_path: Path) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    Ledger.open(path).close()
    size = path.stat().st_size
    damage_table(path, "actuals")
    assert path.stat().st_size == size  # same size: only the time stamp tells
    with pytest.raises(LedgerDamaged):
        Ledger.open(path)


def test_damage_behind_an_unchanged_time_stamp_is_found_by_ledger_check(tmp_path: Path) -> None:
    path = built_ledger(tmp_path / "tracker.db")
    Ledger.open(path).close()
    before = path.stat()
    damage_table(path, "actuals")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # a disk that failed silently
    Ledger.open(path).close()  # trusted: as it was when found sound
    result = CliRunner().invoke(cli, ["ledger", "check", "--root", str(tmp_path)])
    assert result.exit_code != 0
    assert "tracker ledger restore" in result.output


def test_an_unchanged_ledger_is_not_copied_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db")
    with Ledger.open(path, wait=0) as ledger:
        first = ledger.backup()
    copies: list[Path] = []
    real = backups_module._free_name
    monkeypatch.setattr(backups_module, "_free_name", lambda *args: copies.append(args[0]) or real(*args))
    with Ledger.open(path, wait=0) as ledger:
        assert ledger.backup() is None
    assert copies == []
    assert first is not None and backups(path) == [first]
    monkeypatch.setattr(backups_module, "ledger_stamp", lambda db: ["not as copied"])
    with Ledger.open(path, wait=0) as ledger:
        assert ledger.backup() is None  # copied, found equal to the newest copy: not kept twice
    assert len(copies) == 1 and backups(path) == [first]


def test_a_ledger_written_since_its_copy_is_copied_again(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db")
    with Ledger.open(path, wait=0) as ledger:
        first = ledger.backup()
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.add_actuals(figures(3, value=50))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with Ledger.open(path, wait=0) as ledger:
        second = ledger.backup()
    assert second is not None and second != first
    with closing(sqlite3.connect(second)) as conn:
        assert conn.execute("SELECT count(*) FROM actuals").fetchone()[0] == 103


def test_files_are_compared_a_chunk_at_a_time(tmp_path: Path) -> None:
    from tracker.ledger.backups import _same_bytes

    one, other = tmp_path / "one.db", tmp_path / "other.db"
    one.write_bytes(b"a" * 10 + b"b" * 7)
    other.write_bytes(b"a" * 10 + b"b" * 7)
    assert _same_bytes(one, other, chunk=4)
    other.write_bytes(b"a" * 10 + b"b" * 6 + b"c")   # differs in the last, short chunk
    assert not _same_bytes(one, other, chunk=4)
    other.write_bytes(b"a" * 10 + b"b" * 6)           # shorter
    assert not _same_bytes(one, other, chunk=4)
    one.write_bytes(b""), other.write_bytes(b"")
    assert _same_bytes(one, other, chunk=4)

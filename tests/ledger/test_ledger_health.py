"""A damaged ledger is refused with a message that says how to restore it; backups before each build
writes; `tracker ledger check` and `tracker ledger restore`."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.builders import TickingClock
from tracker.cli import cli
from tracker.errors import LedgerDamaged, LedgerError
from tracker.ledger import Ledger, backup_folder, backups
from tracker.ledger.backups import BACKUPS_KEPT
from tracker.models import Actual

SEED = "兰州新区2024年工作要点\n发布时间：2024-01-20\n今年兰州新区高新技术企业总量达到300家，技术合同成交额超过20亿元。\n"


def figures(count: int, value: float = 1) -> list[Actual]:
    return [Actual(unit="兰州新区", indicator=f"孵化器{i}", year=2024, value=value + i, uom="个",
                   as_of=date(2024, 6, 28), origin="import.csv, row 2") for i in range(count)]


def ledger_with_figures(path: Path, count: int = 100) -> Path:
    with Ledger.open(path, clock=TickingClock()) as ledger:
        ledger.add_actuals(figures(count))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def damage_index(path: Path) -> None:
    """The index over actuals no longer matches its rows ("row 1 missing from index ...")."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX actuals_by_figure ON actuals(year, unit, "
                     "indicator, as_of)' WHERE name = 'actuals_by_figure'")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def damage_table(path: Path, table: str) -> None:
    """Scribble over the first page of `table`, as a failing disk would."""
    with closing(sqlite3.connect(path)) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\x0d\xff\xff\xff" * (size // 4))


def test_a_ledger_with_a_damaged_index_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db")
    damage_index(path)
    before = path.read_bytes()
    with pytest.raises(LedgerDamaged) as caught:
        Ledger.open(path, wait=0)
    assert str(caught.value) == (
        f"The ledger {path} is damaged (SQLite's integrity check: row 1 missing from index actuals_by_figure; "
        "row 2 missing from index actuals_by_figure; row 3 missing from index actuals_by_figure; and 97 more); "
        f"nothing was read from it or written to it. There is no backup of it in {backup_folder(path)} (one is "
        "made before each build writes); keep a copy of the file and try `sqlite3 tracker.db .recover`.")
    assert path.read_bytes() == before


def test_a_damaged_records_page_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "要点.txt").write_text(SEED, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(tmp_path), "--jobs", "1"]).exit_code == 0
    db = tmp_path / "tracker.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_table(db, "records")
    for command in (["build"], ["status"], ["ledger", "check"]):
        result = runner.invoke(cli, [*command, "--root", str(tmp_path)])
        assert result.exit_code == 1, command
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr.startswith(f"Error: The ledger {db} is damaged (SQLite's integrity check: "), result.stderr
        assert "Put the newest backup in its place with `tracker ledger restore` (1 in " in result.stderr


def test_each_build_backs_the_ledger_up_first_and_keeps_the_newest_copies(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db", 3)
    clock = TickingClock()
    made = []
    for round_ in range(BACKUPS_KEPT + 2):
        with Ledger.open(path, wait=0, clock=clock) as ledger:
            made.append(ledger.backup())
            assert ledger.backup() is None  # nothing changed since: no second copy
            ledger.add_actuals(figures(1, value=100 + round_))
    kept = backups(path)
    assert kept == made[::-1][:BACKUPS_KEPT]
    assert [p.name[:len("tracker-20240701-09")] for p in kept] == ["tracker-20240701-09"] * BACKUPS_KEPT
    with closing(sqlite3.connect(kept[0])) as conn:
        assert conn.execute("SELECT COUNT(*) FROM actuals").fetchone() == (3 + BACKUPS_KEPT + 1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_puts_the_newest_sound_backup_in_place_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db", 5)
    clock = TickingClock()
    for value in (10, 20):
        with Ledger.open(path, wait=0, clock=clock) as ledger:
            ledger.backup()
            ledger.add_actuals(figures(1, value=value))
    newest, older = backups(path)
    damage_table(newest, "actuals")
    damage_index(path)
    result = CliRunner().invoke(cli, ["ledger", "restore", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    kept = next(p for p in tmp_path.glob("tracker.db.before-restore-*") if not p.name.endswith(("-wal", "-shm")))
    assert result.stderr.startswith(f"- passed over the damaged backup {newest.name}: ")
    assert result.stdout == (
        f"Restored {path} from {older} (made 2024-07-01 09:00:01); the ledger it replaced is kept as {kept}. "
        "Run tracker build: what the trackers and records.xlsx show that the backup lacks is recorded again.\n")
    with Ledger.open(path) as ledger:
        assert sorted(a.value for a in ledger.actual_history()) == [1, 2, 3, 4, 5]
    check = CliRunner().invoke(cli, ["ledger", "check", "--root", str(tmp_path)])
    assert check.exit_code == 0
    assert check.stdout.startswith(f"The ledger {path} passed SQLite's integrity check; 2 backups in ")


def test_restore_without_a_usable_backup_says_so(tmp_path: Path) -> None:
    ledger_with_figures(tmp_path / "tracker.db", 1)
    result = CliRunner().invoke(cli, ["ledger", "restore", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: No backup of {tmp_path / 'tracker.db'} can be restored: there are none in "
                             f"{tmp_path / 'tracker.db.backups'}.\n")


def test_users_read_the_damage_in_chinese_by_default(tmp_path: Path, locale_language) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db", 5)
    with Ledger.open(path, wait=0) as ledger:
        ledger.backup()
    damage_index(path)
    result = CliRunner().invoke(cli, ["ledger", "check", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：台账 {path} 已损坏（SQLite 完整性检查：row 1 missing from index actuals_by_figure; ")
    assert "可用 tracker ledger restore 换上最新的备份（" in result.stderr
    assert result.stderr.rstrip().endswith("损坏的文件会保留在旁边。")


def test_the_backup_made_meanwhile_holds_the_ledger_as_it_was_before_the_first_write(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db", 3)
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.backup_meanwhile()
        ledger.add_actuals(figures(2, value=500))   # waits for the copy, then writes
        assert len(ledger.actual_history()) == 5
    (copy,) = backups(path)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM actuals").fetchone() == (3,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_backup_that_cannot_be_made_meanwhile_stops_the_first_write(tmp_path: Path) -> None:
    path = ledger_with_figures(tmp_path / "tracker.db", 3)
    backup_folder(path).write_text("a file where the backups go")
    with Ledger.open(path, wait=0, clock=TickingClock()) as ledger:
        ledger.backup_meanwhile()
        with pytest.raises(LedgerError, match=r"^Could not back up the ledger .*tracker\.db into .*; nothing was changed"):
            ledger.add_actuals(figures(2, value=500))
    with Ledger.open(path) as ledger:
        assert len(ledger.actual_history()) == 3

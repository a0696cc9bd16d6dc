"""`tracker ledger check` and `tracker ledger restore`: the ledger file's health and its backups."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import Output, cli
from tracker.cli.ledger import LOCK_WAIT, ledger_options
from tracker.config import Project
from tracker.errors import NoTargets


@cli.group("ledger")
def ledger_group() -> None:
    """The ledger file: check it, or put a backup in its place."""


@ledger_group.command("check")
@ledger_options
@click.pass_obj
def check(out: Output, root: Path, db: Path | None) -> None:
    """Run SQLite's integrity check on the ledger and list its backups."""
    from tracker.ledger import Ledger, backup_folder, backups
    from tracker.ledger.backups import made_at

    project = Project.at(root, db=db)
    if not project.db.is_file():
        raise NoTargets(f"There is no ledger at {project.db} yet; run `tracker build` first.")
    Ledger.open(project.db).close()  # raises LedgerDamaged, saying what to do, when it is damaged
    found = backups(project.db)
    kept = (f"{len(found)} backups in {backup_folder(project.db)}, the newest made "
            f"{made_at(found[0]):%Y-%m-%d %H:%M:%S}" if found else "no backups yet")
    out.info(f"The ledger {project.db} passed SQLite's integrity check; {kept}.")


@ledger_group.command("restore")
@click.argument("backup", required=False, type=click.Path(dir_okay=False, path_type=Path))
@ledger_options
@click.pass_obj
def restore(out: Output, backup: Path | None, root: Path, db: Path | None) -> None:
    """Put BACKUP (default: the newest backup that passes the integrity check) in place of the
    ledger; the ledger it replaces is kept beside it."""
    from tracker.ledger import restore_ledger
    from tracker.ledger.backups import made_at

    project = Project.at(root, db=db)
    done = restore_ledger(project.db, LOCK_WAIT, backup)
    for skipped in done.skipped:
        out.problem(f"- passed over the damaged backup {skipped}")
    kept = f"; the ledger it replaced is kept as {done.kept}" if done.kept else ""
    out.info(f"Restored {project.db} from {done.source} (made {made_at(done.source):%Y-%m-%d %H:%M:%S}){kept}. "
             "Run tracker build: what the trackers and records.xlsx show that the backup lacks is recorded again.")

"""`tracker ledger check` and `tracker ledger restore`: the ledger file's health and its backups."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import Output, cli
from tracker.cli.ledger import LOCK_WAIT, ledger_options
from tracker.config import Project
from tracker.errors import NoTargets
from tracker.messages import say, sentence


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
        raise NoTargets(say("ledger.missing", db=str(project.db)))
    Ledger.open(project.db, full_check=True).close()  # raises LedgerDamaged, saying what to do, when it is damaged
    found = backups(project.db)
    kept = say("ledger.backups_listed", count=len(found), folder=str(backup_folder(project.db)),
               made=f"{made_at(found[0]):%Y-%m-%d %H:%M:%S}") if found else say("ledger.no_backups_yet")
    out.info(sentence(say("ledger.checked", db=str(project.db), backups=kept)))


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
    for skipped, problem in done.skipped:
        out.problem(f"- {sentence(say('ledger.skipped_backup', backup=skipped.name, problem=problem))}")
    kept = say("ledger.restored_kept", kept=str(done.kept)) if done.kept else ""
    out.info(sentence(say("ledger.restored", db=str(project.db), source=str(done.source),
                          made=f"{made_at(done.source):%Y-%m-%d %H:%M:%S}", kept=kept)))

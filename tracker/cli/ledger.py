"""Commands that read or write the ledger: actuals, targets, review, status."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from tracker.cli.base import Output, cli, finish, parse_day, root_option
from tracker.config import Project
from tracker.errors import NoTargets, UsageError
from tracker.ledger import Ledger
from tracker.messages import choose, say, sentence


def ledger_options(func):
    func = root_option(func)
    func = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Ledger database [default: ROOT/tracker.db].")(func)
    return func


# Seconds a writing command waits for a running build to release the ledger.
LOCK_WAIT = 10.0


def open_ledger(project: Project, write: bool, create: bool = False) -> Ledger:
    """The project's ledger, locked against builds when writing; it must exist unless `create`."""
    if not create and not project.db.is_file():
        raise NoTargets(say("ledger.missing", db=str(project.db)))
    ledger = Ledger.open(project.db, wait=LOCK_WAIT if write else None)
    if write:
        try:
            ledger.backup()
        except BaseException:
            ledger.close()
            raise
    return ledger


@cli.group()
def actuals() -> None:
    """Actual figures: import them from a file, or write a template to fill in."""


@actuals.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@ledger_options
@click.pass_obj
def actuals_import(out: Output, file: Path, root: Path, db: Path | None) -> None:
    """Record the figures in FILE (CSV or .xlsx: unit, indicator, year, value, uom, as_of, note)."""
    from tracker.entries.imports import read_actuals_file
    from tracker.pipeline.frames import ledger_targets

    with open_ledger(Project.at(root, db=db), write=True) as ledger:
        figures, problems = read_actuals_file(file, ledger_targets(ledger))
        recorded = ledger.add_actuals(figures)
    out.info(sentence(say("actuals.recorded", count=recorded, file=str(file))))
    finish(out, problems)


@actuals.command("template")
@click.option("-o", "--output", "target_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write, .xlsx or .csv [default: ROOT/output/actuals-template.xlsx].")
@ledger_options
@click.pass_obj
def actuals_template(out: Output, target_file: Path | None, root: Path, db: Path | None) -> None:
    """Write an empty import file with one row per current target."""
    from tracker.entries.imports import write_actuals_template
    from tracker.pipeline.frames import ledger_targets

    project = Project.at(root, db=db)
    with open_ledger(project, write=False) as ledger:
        targets = ledger_targets(ledger)
    target_file = target_file or project.output / "actuals-template.xlsx"
    write_actuals_template(target_file, targets)
    out.info(sentence(say("actuals.template", count=len(targets), file=str(target_file))))


@cli.group()
def targets() -> None:
    """Targets entered by hand (assigned from above rather than found in documents)."""


@targets.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@ledger_options
@click.pass_obj
def targets_import(out: Output, file: Path, root: Path, db: Path | None) -> None:
    """Record the targets in FILE (CSV or .xlsx: unit, indicator, year, value, uom, metric ...)."""
    from tracker.entries.imports import read_targets_file

    found, problems = read_targets_file(file)
    with open_ledger(Project.at(root, db=db), write=True, create=True) as ledger:
        recorded = ledger.upsert_manual_targets(found, origin=file.name)
    out.info(sentence(say("targets.recorded", count=recorded, file=str(file))))
    finish(out, problems)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--confirm", is_flag=True, help="The record is right (may be combined with --set).")
@click.option("--reject", is_flag=True, help="The record is not a target or figure.")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field: unit, indicator, value, uom, comparator, year or kind (repeatable).")
@ledger_options
@click.pass_obj
def review(out: Output, record_id: str, confirm: bool, reject: bool, assignments: tuple[str, ...],
           root: Path, db: Path | None) -> None:
    """Decide on the record ID: confirm it, reject it, or correct fields with --set."""
    from tracker.entries.review import review_by_hand

    if (reject and (confirm or assignments)) or not (reject or confirm or assignments):
        raise UsageError(say("review.one_decision"))
    action = "reject" if reject else "confirm" if confirm else "set"
    with open_ledger(Project.at(root, db=db), write=True) as ledger:
        recorded = review_by_hand(ledger, record_id, action, assignments)
    if not recorded:
        out.info(sentence(say("review.unchanged", id=record_id)))
    elif assignments:
        out.info(sentence(say(f"review.done_{action}_fields", id=record_id, fields=list(assignments))))
    else:
        out.info(sentence(say(f"review.done_{action}", id=record_id)))


@cli.command()
@click.option("--unit", default=None, help="Show only this unit.")
@click.option("--format", "style", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--as-of", "as_of", default=None, help="Judge at this date, e.g. 2024-09-30 [default: today].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the table and messages [default: zh; messages: en in an English locale].")
@ledger_options
def status(unit: str | None, style: str, as_of: str | None, lang: str | None, root: Path, db: Path | None) -> None:
    """Show each target's completion against time elapsed, per unit (--unit takes its full name, its
    short name, an alias or its English name)."""
    from tracker.pipeline.frames import Analysis
    from tracker.render.terminal import status_json, status_table

    choose(lang)
    lang = lang or "zh"
    project = Project.at(root, db=db)
    reports = Analysis(project).reports(parse_day(as_of, "--as-of") or date.today(), unit=unit, lang=lang)
    if style == "json":
        click.echo(json.dumps(status_json(reports), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    for shown in status_table(reports, lang, project.settings.unit_names_en if lang == "en" else None):
        console.print(shown)

"""Commands that read or write the ledger: actuals, targets, review, status."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from tracker.assess.status import unit_reports
from tracker.assess.targets import targets_from_records
from tracker.cli.base import Output, cli, finish, parse_day
from tracker.config import Project
from tracker.errors import NoTargets, UnknownUnit, UsageError
from tracker.ledger import Ledger
from tracker.models import Target


def ledger_options(func):
    func = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                        show_default=True, help="Project folder (holds tracker.toml).")(func)
    func = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Ledger database [default: ROOT/tracker.db].")(func)
    return func


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# Seconds a writing command waits for a running build to release the ledger.
LOCK_WAIT = 10.0


def open_ledger(project: Project, write: bool, create: bool = False) -> Ledger:
    """The project's ledger, locked against builds when writing; it must exist unless `create`."""
    if not create and not project.db.is_file():
        raise NoTargets(f"There is no ledger at {project.db} yet; run `tracker build` first.")
    ledger = Ledger.open(project.db, wait=LOCK_WAIT if write else None)
    if write:
        try:
            ledger.backup()
        except BaseException:
            ledger.close()
            raise
    return ledger


def ledger_targets(ledger: Ledger) -> list[Target]:
    targets = targets_from_records(ledger.records(), ledger.manual_targets())
    if not targets:
        raise NoTargets(f"The ledger {ledger.path} has no targets yet; run `tracker build` first "
                        "(or add targets with `tracker targets import FILE`).")
    return targets


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

    with open_ledger(Project.at(root, db=db), write=True) as ledger:
        figures, problems = read_actuals_file(file, ledger_targets(ledger))
        recorded = ledger.add_actuals(figures)
    out.info(f"Recorded {plural(recorded, 'figure')} from {file}.")
    finish(out, problems)


@actuals.command("template")
@click.option("-o", "--output", "target_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write, .xlsx or .csv [default: ROOT/output/actuals-template.xlsx].")
@ledger_options
@click.pass_obj
def actuals_template(out: Output, target_file: Path | None, root: Path, db: Path | None) -> None:
    """Write an empty import file with one row per current target."""
    from tracker.entries.imports import write_actuals_template

    project = Project.at(root, db=db)
    with open_ledger(project, write=False) as ledger:
        targets = ledger_targets(ledger)
    target_file = target_file or project.output / "actuals-template.xlsx"
    write_actuals_template(target_file, targets)
    out.info(f"Wrote a template for {plural(len(targets), 'target')} to {target_file}.")


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
    out.info(f"Recorded {plural(recorded, 'target')} from {file}.")
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
        raise UsageError("Give one decision: --confirm (optionally with --set), --reject, or --set field=value.")
    action = "reject" if reject else "confirm" if confirm else "set"
    with open_ledger(Project.at(root, db=db), write=True) as ledger:
        recorded = review_by_hand(ledger, record_id, action, assignments)
    done = {"confirm": "confirmed", "reject": "rejected", "set": "corrected"}[action]
    fields = f" ({', '.join(assignments)})" if assignments else ""
    out.info(f"Record {record_id} {done}{fields}." if recorded
             else f"Nothing changed: record {record_id} already has this decision.")


@cli.command()
@click.option("--unit", default=None, help="Show only this unit.")
@click.option("--format", "style", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--as-of", "as_of", default=None, help="Judge at this date, e.g. 2024-09-30 [default: today].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@ledger_options
def status(unit: str | None, style: str, as_of: str | None, lang: str, root: Path, db: Path | None) -> None:
    """Show each target's completion against time elapsed, per unit."""
    from tracker.render.terminal import status_json, status_table

    project = Project.at(root, db=db)
    with open_ledger(project, write=False) as ledger:
        found, history = ledger_targets(ledger), ledger.actual_history()
    units = sorted({t.unit for t in found})
    if unit is not None and unit not in units:
        raise UnknownUnit(f"No unit named {unit}; known units: {', '.join(units)}.")
    chosen = [t for t in found if unit is None or t.unit == unit]
    reports = unit_reports(chosen, history, parse_day(as_of, "--as-of") or date.today(), project.settings, lang)
    if style == "json":
        click.echo(json.dumps(status_json(reports), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    for shown in status_table(reports, lang, project.settings.unit_names_en if lang == "en" else None):
        console.print(shown)

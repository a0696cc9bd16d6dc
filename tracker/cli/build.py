"""`tracker build`: the whole job."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import Output, TerminalProgress, cli, finish, parse_day, project_options
from tracker.config import Project


@cli.command()
@project_options
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Judge progress at this date [default: today].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the trackers and memos (English goes to output/en/).")
@click.option("--year", type=int, default=None, help="The year documents speak of as 今年 [default: inferred].")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes for rendering [default: all cores].")
@click.pass_obj
def build(out: Output, root: Path, seeds: Path | None, out_dir: Path | None, db: Path | None, as_of: str | None,
          lang: str, year: int | None, jobs: int | None) -> None:
    """Run the whole job: read the documents under seeds/, record what users typed into the
    trackers, and write trackers, memos and summaries under output/."""
    from tracker.pipeline import BuildOptions
    from tracker.pipeline import build as run_build

    project = Project.at(root, seeds=seeds, output=out_dir, db=db)
    options = BuildOptions(as_of=parse_day(as_of, "--as-of"), lang=lang, year=year,
                           **({"jobs": jobs} if jobs else {}))
    result = run_build(project, options, TerminalProgress(out))
    read = sum(1 for entry in result.documents if entry["status"] == "read")
    out.info(f"Read {read} of {len(result.documents)} documents from {project.seeds} "
             f"({result.extracted} extracted anew); recorded {result.recorded} new figures"
             + (f", {result.remarks} notes or dates without a figure" if result.remarks else "")
             + f" and {result.decisions} review decisions.")
    for warning in result.warnings:
        out.info(f"- {warning}")
    out.info(f"{result.units} units: wrote {len(result.written)} files, {result.unchanged} unchanged; "
             f"results in {project.output}.")
    for path in result.written:
        out.detail(f"wrote {path}")
    for note in result.notes:
        out.detail(note)
    finish(out, result.problems)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--force", is_flag=True, help="Overwrite files that already exist (settings, templates).")
@click.pass_obj
def init(out: Output, folder: Path, force: bool) -> None:
    """Set up a project FOLDER: seeds/, templates/, output/ and a commented tracker.toml."""
    from tracker.init import init_project

    created = init_project(folder, force=force)
    for path in created:
        out.detail(f"created {path}")
    out.info(f"Set up {folder.resolve()}. Put documents in {folder / 'seeds'}, then run `tracker build`.")

"""`tracker build`: the whole job."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import Output, TerminalProgress, cli, finish, project_options
from tracker.config import Project


@cli.command()
@project_options
@click.pass_obj
def build(out: Output, root: Path, seeds: Path | None, out_dir: Path | None, db: Path | None) -> None:
    """Run the whole job: read every document under seeds/ and write the results under output/."""
    from tracker.pipeline import build as run_build

    project = Project.at(root, seeds=seeds, output=out_dir, db=db)
    result = run_build(project, TerminalProgress(out))
    read = sum(1 for entry in result.documents if entry["status"] == "read")
    out.info(f"Read {read} of {len(result.documents)} documents from {project.seeds}; "
             f"results in {project.output}.")
    for path in result.written:
        out.detail(f"wrote {path}")
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

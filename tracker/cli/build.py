"""`tracker build`: the whole job."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.assess.targets import WAIT_REASONS
from tracker.cli.base import Output, TerminalProgress, cli, finish, parse_day, project_options
from tracker.config import Project
from tracker.messages import choose, say, sentence


@cli.command()
@project_options
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Judge progress at this date [default: today].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the trackers and memos (English goes to output/en/) and of the messages "
                   "[default: zh; messages: en in an English locale].")
@click.option("--year", type=int, default=None, help="The year documents speak of as 今年 [default: inferred].")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes for rendering [default: all cores].")
@click.pass_obj
def build(out: Output, root: Path, seeds: Path | None, out_dir: Path | None, db: Path | None, as_of: str | None,
          lang: str | None, year: int | None, jobs: int | None) -> None:
    """Run the whole job: read the documents under seeds/, record what users typed into the
    trackers, and write trackers, memos and summaries under output/."""
    from tracker.pipeline import BuildOptions
    from tracker.pipeline import build as run_build

    choose(lang)
    project = Project.at(root, seeds=seeds, output=out_dir, db=db)
    options = BuildOptions(as_of=parse_day(as_of, "--as-of"), lang=lang or "zh", year=year,
                           **({"jobs": jobs} if jobs else {}))
    result = run_build(project, options, TerminalProgress(out))
    read = sum(1 for entry in result.documents if entry["status"] == "read")
    candidates = sum(1 for entry in result.documents if entry["status"] != "ignored")
    out.info(sentence(say("build.read", read=read, total=candidates, seeds=str(project.seeds),
                          extracted=result.extracted, recorded=result.recorded, decisions=result.decisions)))
    if result.remarks:
        out.info(f"- {sentence(say('build.remarks', count=result.remarks))}")
    for warning in result.warnings:
        out.info(f"- {sentence(warning)}")
    for cause, paths in sorted(result.shortfalls.items()):
        out.info(f"- {sentence(say(f'shortfall.{cause}', count=len(paths)))}")
        for path in paths:
            out.detail(f"  {path}")
    if result.waiting.get("records"):
        out.info(f"- {sentence(waiting_message(result.waiting, project.output / 'records.xlsx'))}")
    out.info(sentence(say("build.wrote", units=result.units, written=len(result.written),
                          unchanged=result.unchanged, output=str(project.output))))
    for path in result.written:
        out.detail(say("build.wrote_file", path=str(path)))
    for note in result.notes:
        out.detail(note)
    finish(out, result.problems)


def waiting_message(waiting: dict[str, int], sheet: Path):
    """"12 records wait for review in records.xlsx: 9 of indicators outside the catalogue, 3 whose …"."""
    reasons = [say(f"build.waiting.{reason}", count=waiting[reason]) for reason in WAIT_REASONS if waiting.get(reason)]
    return say("build.waiting", count=waiting["records"], sheet=str(sheet), reasons=reasons)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--force", is_flag=True, help="Overwrite files that already exist (settings, templates).")
@click.pass_obj
def init(out: Output, folder: Path, force: bool) -> None:
    """Set up a project FOLDER: seeds/, templates/, output/ and a commented tracker.toml."""
    from tracker.init import init_project

    created = init_project(folder, force=force)
    for path in created:
        out.detail(say("init.created", path=str(path)))
    out.info(sentence(say("init.done", folder=str(folder.resolve()), seeds=str(folder / "seeds"))))

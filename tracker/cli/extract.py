"""`tracker extract` and `tracker eval`: extraction on its own, and scored against gold records."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.base import Output, TerminalProgress, cli, finish
from tracker.errors import UsageError
from tracker.messages import say, sentence
from tracker.models import Problem


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output (required for xlsx).")
@click.option("--year", type=int, default=None, help="The year the documents speak of as 今年 (else inferred).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="Project folder (its catalogue.yaml and zones.yaml extend the shipped ones).")
@click.pass_obj
def extract(out: Output, paths: tuple[Path, ...], fmt: str, target: Path | None, year: int | None, root: Path) -> None:
    """Extract goals and achieved figures from documents (files or folders) and write the records."""
    from tracker.config import CONFIG_NAME, load_settings
    from tracker.extract.run import Knowledge, extract_files, survey_paths
    from tracker.pipeline.extraction import write_extraction

    if fmt == "xlsx" and target is None:
        raise UsageError(say("extract.xlsx_needs_file"))
    found = survey_paths(paths)
    limits = load_settings(root.resolve() / CONFIG_NAME).limits
    done, skipped = extract_files(found.files, Knowledge.load(root.resolve()), year, TerminalProgress(out), limits)
    skipped += found.refused
    text = write_extraction(done, skipped, fmt, target)
    if text is not None:
        click.echo(text, nl=False)
    else:
        out.info(sentence(say("extract.wrote", records=sum(len(ex.records) for _, ex in done), documents=len(done),
                              file=str(target))))
    finish(out, [Problem(where=item.file, message=say("documents.skipped", reason=item.reason)) for item in skipped])


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=Path("seeds"), show_default=True,
              help="Folder holding the documents the gold files name.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
@click.option("--details", is_flag=True, help="List the missed and the spurious records too.")
@click.pass_obj
def evaluate(out: Output, gold_dir: Path, seeds: Path, root: Path, details: bool) -> None:
    """Score extraction against hand-checked expected records (format: tests/gold/README.md)."""
    from tracker.extract.evaluate import load_gold, report_lines, score_all
    from tracker.extract.run import Knowledge, extract_files

    gold = load_gold(gold_dir)
    missing = [doc for doc in gold if not (seeds / doc).is_file()]
    if missing:
        raise click.UsageError(f"{', '.join(missing)} not found in {seeds}; pass --seeds DIR.")
    done, _ = extract_files([(seeds / doc, doc) for doc in gold], Knowledge.load(root.resolve()))
    total, per_doc = score_all(gold, {prepared.doc.file: ex.records for prepared, ex in done})
    for line in report_lines(total, per_doc):
        click.echo(line)
    if details:
        for doc, score in per_doc.items():
            for item in score.missed:
                click.echo(f"missed   {doc}: {item.kind} {item.unit} {item.indicator} {item.value:g}{item.uom}")
            for record in score.spurious:
                click.echo(f"spurious {doc}: {record.kind} {record.unit} {record.indicator} {record.value:g}{record.uom}")

"""The command group, its options and how results and errors reach the user.

Exit codes: 0 success, 1 the job ran but reported problems (or a TrackerError), 2 usage errors.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console

from tracker import __version__
from tracker.errors import ProjectNotFound, TrackerError, UsageError
from tracker.messages import say, sentence, session
from tracker.progress import Progress

T = TypeVar("T")


@dataclass
class Output:
    verbose: bool = False
    quiet: bool = False

    @property
    def err(self) -> Console:
        return Console(stderr=True, highlight=False, soft_wrap=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)

    def detail(self, message: str) -> None:
        if self.verbose:
            click.echo(message, err=True)

    def problem(self, message: str) -> None:
        click.echo(message, err=True)


class TerminalProgress(Progress):
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.enabled = not out.quiet and sys.stderr.isatty()

    def track(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        if not self.enabled:
            yield from items
            return
        from rich.progress import track

        yield from track(items, description=label, total=total, console=self.out.err, transient=True)

    def note(self, message: str) -> None:
        self.out.detail(message)


class TrackerGroup(click.Group):
    """Turns TrackerError into a plain message and its exit code; tracebacks only with -v. Messages
    are in the language a command chose (`--lang`), else the locale's (tracker/messages.py)."""

    def invoke(self, ctx: click.Context):
        with session():
            try:
                return super().invoke(ctx)
            except TrackerError as exc:
                out = ctx.find_object(Output) or Output()
                if out.verbose:
                    traceback.print_exc()
                click.echo(say("cli.error", message=exc.text()), err=True)
                ctx.exit(exc.exit_code)
            except sqlite3.DatabaseError as exc:
                # The ledger is checked when opened; this is damage found later, while reading it.
                out = ctx.find_object(Output) or Output()
                if out.verbose:
                    traceback.print_exc()
                click.echo(say("cli.error", message=sentence(say("ledger.unreadable", error=str(exc)))), err=True)
                ctx.exit(1)
            except KeyboardInterrupt:
                click.echo(sentence(say("cli.interrupted")), err=True)
                ctx.exit(130)
            except OSError as exc:
                # A full disk or a read-only folder met outside the output writers (a lock, a folder).
                from tracker.outputs import cannot_write

                error = cannot_write(Path(os.fsdecode(exc.filename or ".")) / "_", exc)
                if error is exc:
                    raise
                out = ctx.find_object(Output) or Output()
                if out.verbose:
                    traceback.print_exc()
                click.echo(say("cli.error", message=error.text()), err=True)
                ctx.exit(1)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tracker")
@click.option("-v", "--verbose", is_flag=True, help="Say more, and show tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Track quantitative policy goals from Chinese documents: extract them, keep them in a
    ledger with the figures users report, and write Excel trackers and Word memos."""
    ctx.obj = Output(verbose=verbose, quiet=quiet and not verbose)


def existing_root(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """--root must name a folder that exists: a mistyped one is a usage error (exit 2)."""
    if not value.is_dir():
        raise ProjectNotFound(say("cli.no_root", root=str(value.resolve())))
    return value


def root_option(func):
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                        show_default=True, callback=existing_root, help="Project folder (holds tracker.toml).")(func)


def project_options(func):
    func = root_option(func)
    func = click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Folder of documents to read [default: ROOT/seeds].")(func)
    func = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Ledger database [default: ROOT/tracker.db].")(func)
    func = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Folder for generated files [default: ROOT/output].")(func)
    return func


def parse_day(text: str | None, option: str) -> date | None:
    """A date given on the command line (2024-09-30, 2024/9/30, 2024年9月30日), or None."""
    from tracker.entries.cells import date_of

    if text is None:
        return None
    try:
        return date_of(text)
    except ValueError as exc:
        raise UsageError(say("cli.bad_value", option=option, error=exc.args[0])) from None


def finish(out: Output, problems: list) -> None:
    """Report problems together and exit 1 when there were any."""
    for problem in problems:
        out.problem(f"- {sentence(problem)}")
    if problems:
        out.problem(sentence(say("cli.problems", count=len(problems))))
        raise SystemExit(1)



"""The tracker command line (placeholder until the intake lands)."""

import click

from tracker import __version__


@click.group()
@click.version_option(__version__, prog_name="tracker")
def cli() -> None:
    """Track quantitative policy goals from Chinese documents."""


def main() -> None:
    cli()

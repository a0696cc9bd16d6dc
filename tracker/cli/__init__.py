"""The `tracker` command line: parse arguments, make one library call, report plainly.

Each command module registers its commands on the group in `base`.
"""

from tracker.cli import build, extract, ledger, maintenance  # noqa: F401  (registers the commands)
from tracker.cli.base import cli


def main() -> None:
    cli(prog_name="tracker")


__all__ = ["cli", "main"]

"""The `tracker` command line: parse arguments, make one library call, report plainly.

Each command module registers its commands on the group in `base`.
"""

import atexit
import gc
import os
import sys

from tracker.cli import build, extract, ledger, maintenance  # noqa: F401  (registers the commands)
from tracker.cli.base import cli


def main() -> None:
    """Run the command, then end the process at once (end_now)."""
    try:
        cli(prog_name="tracker")
    except SystemExit as exc:
        end_now(exit_code(exc.code))
    except BaseException:
        gc.freeze()
        raise   # reported by the interpreter as it ends, in the usual way
    end_now(0)


def exit_code(code: object) -> int:
    """The process's exit status for sys.exit(code), as the interpreter makes it (a message is printed)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def end_now(code: int) -> None:
    """End the process with `code`: the exit handlers run and what was printed is flushed, but a
    national build's millions of objects are left to the system to free, not freed one by one
    (0.15 to 0.25 s of a re-run that takes five)."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe or a full disk: what it kept is lost as ever
            code = code or 1
    os._exit(code)


__all__ = ["cli", "main"]

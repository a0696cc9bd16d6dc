"""The worker processes that write outputs: started fresh, and gone when the build is gone.

Workers are spawned, not forked: a forked worker would inherit the whole build (every record,
report and ledger row) and pay for it in memory and in garbage collection. Each worker is told
the render context once, when it starts, and then receives one output to write at a time.

A worker exits when the build process dies, however it dies (kill -9 included): on Linux the
kernel sends it SIGKILL when its parent exits (prctl PR_SET_PDEATHSIG), and everywhere a
watchdog thread checks once a second that its parent is still the build.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0

_context: Any = None   # the RenderContext, in a worker


def starting_worker() -> bool:
    """Whether this process is a worker still importing the script that started the build (a
    script that calls tracker.build without an `if __name__ == "__main__":` guard)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def worker_pool(jobs: int, context: Any) -> ProcessPoolExecutor:
    """A pool of `jobs` fresh processes, each holding `context` (see `worker_context`)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start, initargs=(os.getpid(), context))


def worker_context() -> Any:
    """The render context the pool was started with (in a worker)."""
    return _context


def _start(parent: int, context: Any) -> None:
    global _context
    _context = context
    die_with_parent(parent)
    atexit.register(_end_at_once)


def _end_at_once() -> None:
    """A worker's last step, once the pool has let it go: its interpreter's teardown (freeing
    every object of the documents it wrote, a tenth of a second or two) is skipped, for the build
    waits for its workers to end. By then multiprocessing has done its own clean-up, and each
    output was written and closed by its task; what the worker printed is flushed. Exit handlers
    registered before the worker started are skipped with the teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def die_with_parent(parent: int) -> None:
    """Make this process exit as soon as `parent`, the process that started it, is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watchdog", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's malloc_trim): after writing a national
    workbook, tens of megabytes of freed text stay with the process otherwise, counted against it
    while the workers still work. Elsewhere, nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            ctypes.CDLL(None).malloc_trim(0)

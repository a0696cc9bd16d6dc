"""The worker processes that write outputs: started fresh, and gone when the build is gone.

Workers are not forked from the build: a forked worker would inherit the whole build (every
record, report and ledger row) and pay for it in memory and in garbage collection. Where the
system has one (Linux, macOS), they are forked from multiprocessing's fork server, a fresh
process that has imported the renderers and nothing else (preload.py): the memory of those
modules is then shared by the workers instead of copied into each (about 80 MB a worker).
Elsewhere they are spawned. Each worker is told the render context once, when it starts, and
then receives one output to write at a time.

The fork server takes about a second to start, once per process (a spawned worker takes as
long, each time). When the render context is known before the build works out what to render,
the first worker starts then (`Workers.start`), from a thread of its own, and gets ready
meanwhile; the others start when the work is handed out, and only as many as it needs (`Workers.run`).

A worker exits when the build process dies, however it dies (kill -9 included): on Linux the
kernel sends it SIGKILL when its parent exits (prctl PR_SET_PDEATHSIG), and a watchdog thread
watches the build itself (told at once through a pidfd on Linux, else checking once a second):
a forked worker's parent is the fork server, which lives on while any worker it forked lives.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import os
import queue
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0

_context: Any = None   # the RenderContext, in a worker


def starting_worker() -> bool:
    """Whether this process is a worker still importing the script that started the build (a
    script that calls tracker.build without an `if __name__ == "__main__":` guard)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


FORK_SERVER = "forkserver" in multiprocessing.get_all_start_methods()
PRELOAD = ["tracker.pipeline.preload"]   # what the fork server imports (see the module docstring)


def worker_pool(jobs: int, context: Any) -> ProcessPoolExecutor:
    """A pool of `jobs` fresh processes, each holding `context` (see `worker_context`)."""
    if FORK_SERVER:
        start_method = multiprocessing.get_context("forkserver")
        start_method.set_forkserver_preload(PRELOAD)  # used when the server starts: once per process
    else:
        start_method = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=start_method, initializer=_start,
                               initargs=(os.getpid(), context))


IN_FLIGHT = 2   # outputs handed to each worker at a time: the next is there when one is written
_END = object()


class Workers:
    """The build's workers, in two pools: the first worker, which may start early (`start`), and
    the others the work needs (`run`). Each output goes to whichever worker has just finished one.
    Used as a context manager: when the block ends, every worker has finished and is gone."""

    def __init__(self) -> None:
        self.context: Any = None
        self._first: ProcessPoolExecutor | None = None
        self._others: ProcessPoolExecutor | None = None
        self._items: queue.SimpleQueue = queue.SimpleQueue()
        self._free: queue.SimpleQueue = queue.SimpleQueue()   # a pool with a worker free, once per free worker
        self._feeder: threading.Thread | None = None
        self._starting: threading.Thread | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, context: Any, warm_up: Callable[[], object] | None = None) -> None:
        """Start the first worker now, holding `context`; it runs `warm_up` while this process works on."""
        self.close()
        self.context = context
        self._first = worker_pool(1, context)
        if warm_up is None:
            return
        if FORK_SERVER:
            # A pool starts its processes when given work, and the first start waits for the fork
            # server's imports: not in the build's thread. (A spawned worker dies with the thread
            # that started it, die_with_parent; a forked one has the server for its parent.)
            self._starting = threading.Thread(target=self._first.submit, args=(warm_up,), name="starting",
                                              daemon=True)
            self._starting.start()
        else:
            self._first.submit(warm_up)

    def run(self, function: Callable[[Any], Any], items: Iterable[Any], workers: int,
            context: Any) -> Iterator[tuple[Any, Future]]:
        """`function(item)` for each item on `workers` processes holding `context` (the first
        worker's, when it holds the same); returns each (item, its finished future) as they
        finish. Items are handed out as they come: the last may be made while the first are written."""
        if self._first is None or context is not self.context:
            self.start(context)
        assert self._first is not None
        self._started()
        pools = [self._first]
        if workers > 1:
            self._others = worker_pool(workers - 1, context)
            pools += [self._others] * (workers - 1)
        finished: queue.SimpleQueue = queue.SimpleQueue()
        pending = iter(items)
        count = 0
        # The first items are handed out from this thread: a pool starts its workers in the thread
        # that first gives them work, and a worker dies with that thread (die_with_parent).
        for pool in pools * IN_FLIGHT:
            item = next(pending, _END)
            if item is _END:
                break
            _submit(pool, function, item, self._free, finished)
            count += 1
        else:
            self._feeder = threading.Thread(target=_feed, args=(function, self._free, self._items, finished),
                                            name="feeder", daemon=True)
            self._feeder.start()
            for item in pending:
                self._items.put(item)
                count += 1
            self._items.put(_END)
        return (finished.get() for _ in range(count))

    def close(self) -> None:
        """Wait for the outputs being written, drop those not handed out, and let every worker go."""
        self._started()
        if self._feeder is not None:
            self._free.put(None)
            self._items.put(_END)
            self._feeder.join()
            self._feeder = None
        for pool in (self._first, self._others):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._first = self._others = None
        self._items, self._free = queue.SimpleQueue(), queue.SimpleQueue()

    def _started(self) -> None:
        """Wait till the first worker's warm-up is handed to it (so it is its first work)."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None


def _feed(function: Callable[[Any], Any], free: queue.SimpleQueue, items: queue.SimpleQueue,
          finished: queue.SimpleQueue) -> None:
    """Hand each item to a pool with a worker free (`free`), until the end of `items`.

    Submitted from this thread, not from a future's callback: a callback runs in the pool's own
    thread, where submitting can deadlock when the pool breaks. Once every item is handed out,
    each pool that has a worker free lets its workers go as soon as they have written what they
    hold: idle, a worker that wrote thousands of files would keep a hundred megabytes beside the
    last outputs (the overall memo, made last) till the end."""
    while True:
        pool = free.get()
        item = items.get() if pool is not None else _END
        if item is _END:
            break
        _submit(pool, function, item, free, finished)
    while pool is not None:   # till close() says stop (None)
        pool.shutdown(wait=False)
        pool = free.get()


def _submit(pool: ProcessPoolExecutor, function: Callable[[Any], Any], item: Any, free: queue.SimpleQueue,
            finished: queue.SimpleQueue) -> None:
    """`function(item)` on `pool`: when it is done, (item, future) is finished and the pool free again."""
    try:
        future = pool.submit(function, item)
    except (BrokenProcessPool, RuntimeError) as exc:  # a broken or closed pool: the item fails with its error
        future = Future()
        future.set_exception(exc)
        finished.put((item, future))
        free.put(pool)
        return
    future.add_done_callback(lambda done: (finished.put((item, done)), free.put(pool)))


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


def die_with_parent(build: int) -> None:
    """Make this process exit as soon as the build is gone, or the process that started it: the
    build itself, or the fork server (which lives while any worker it forked lives: each holds
    the pipe that tells the server its build has ended, so the build is watched directly)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it
    parent = os.getppid()
    if not _running(build) or (parent != build and parent == 1):  # gone before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(build, parent), name="build-watchdog", daemon=True).start()


def _running(pid: int, proc: Path = Path("/proc")) -> bool:
    """Whether process `pid` is there and not ended (a killed build its shell has not reaped yet has)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        if (proc / "self" / "stat").exists():  # /proc lists every process: this one is gone
            return False
        try:  # no /proc (macOS): asked of the system
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):  # gone, or another user's: not the build any more
            return False
        return True
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _watch(build: int, parent: int) -> None:
    if build != parent and hasattr(os, "pidfd_open"):  # told at once when the build ends (Linux 5.3 and later)
        try:
            handle = os.pidfd_open(build)
        except OSError:
            handle = None
        if handle is not None:
            select.select([handle], [], [])
            os._exit(1)
    while os.getppid() == parent and _running(build):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's malloc_trim): after writing a national
    workbook, tens of megabytes of freed text stay with the process otherwise, counted against it
    while the workers still work. Elsewhere, nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            ctypes.CDLL(None).malloc_trim(0)

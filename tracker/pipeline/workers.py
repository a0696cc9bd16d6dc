"""The worker processes that write outputs: started fresh, and gone when the build is gone.

Workers are spawned, not forked: a forked worker would inherit the whole build (every record,
report and ledger row) and pay for it in memory and in garbage collection. Each worker is told
the render context once, when it starts, and then receives one output to write at a time.

A worker takes about a second to start (the interpreter, openpyxl, python-docx, the templates).
When the render context is known before the build works out what to render, the first worker
starts then (`Workers.start`) and does that meanwhile; the others start when the work is handed
out, and only as many as it needs (`Workers.run`).

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
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, context: Any, warm_up: Callable[[], object] | None = None) -> None:
        """Start the first worker now, holding `context`; it runs `warm_up` while this process works on."""
        self.close()
        self.context = context
        self._first = worker_pool(1, context)
        if warm_up is not None:
            self._first.submit(warm_up)  # a pool starts its processes when given work

    def run(self, function: Callable[[Any], Any], items: Iterable[Any], workers: int,
            context: Any) -> Iterator[tuple[Any, Future]]:
        """`function(item)` for each item on `workers` processes holding `context` (the first
        worker's, when it holds the same); returns each (item, its finished future) as they
        finish. Items are handed out as they come: the last may be made while the first are written."""
        if self._first is None or context is not self.context:
            self.start(context)
        assert self._first is not None
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


def _feed(function: Callable[[Any], Any], free: queue.SimpleQueue, items: queue.SimpleQueue,
          finished: queue.SimpleQueue) -> None:
    """Hand each item to a pool with a worker free (`free`), until the end of `items`.

    Submitted from this thread, not from a future's callback: a callback runs in the pool's own
    thread, where submitting can deadlock when the pool breaks."""
    while True:
        pool = free.get()
        item = items.get() if pool is not None else _END
        if item is _END:
            return
        _submit(pool, function, item, free, finished)


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

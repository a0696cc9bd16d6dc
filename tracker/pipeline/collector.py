"""Python's cycle collector during a build: paused where the build makes many objects that hold
no reference cycles, and told to leave alone the data that lives to the build's end."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused(then_freeze: bool = False) -> Iterator[None]:
    """The cycle collector paused while the build works out records, targets, reports and the
    state, or writes a workbook across units: plain data, without reference cycles to collect,
    of which a national ledger makes millions of objects, each full collection walking them all
    (a second in all at 3,000 units). Garbage without cycles is freed as ever; the few cycles
    made meanwhile (a workbook and its sheets) go at the next collection. With `then_freeze`,
    what was made is left out of later collections too (gc.freeze), until render() unfreezes it
    after writing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if then_freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now (the build's records and reports, which live to the end) left out of
    collections until the block ends: the collector need not walk it again after every output."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

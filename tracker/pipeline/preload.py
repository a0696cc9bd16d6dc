"""Imported by the server process that forks the render workers (workers.py), never by a build.

The server imports what the workers run (openpyxl, python-docx, lxml, matplotlib, jinja2 and the
renderers) before it forks any of them, so those modules' memory is shared by every worker
rather than copied into each: about 80 MB of a worker's 90 at rest. The objects made by the
imports are then moved out of the garbage collector's reach (gc.freeze): a collection in a
worker would otherwise write to each of them and so copy their pages after all.
"""

from __future__ import annotations

import gc

from tracker.pipeline.render import import_worker_renderers

import_worker_renderers()
gc.freeze()

"""tracker: quantitative policy goals from Chinese documents to trackers and memos; the library API.

    import tracker
    result = tracker.build(tracker.Project.at("my-project"))      # what `tracker build` does
    done, skipped = tracker.extract_files(tracker.files_under([Path("seeds")]), tracker.Knowledge.load())
    status = tracker.open("my-project").status_frame(as_of="2024-09-30")   # pandas, for analysts

Names are imported when first used, so `import tracker` (and `tracker --version`) stays fast.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("tracker")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

# Public name -> the module that defines it.
_API: dict[str, str] = {
    "build": "tracker.pipeline", "BuildOptions": "tracker.pipeline", "BuildResult": "tracker.pipeline",
    "open": "tracker.pipeline.frames", "Analysis": "tracker.pipeline.frames",
    "extract_files": "tracker.extract.run", "extract_each": "tracker.extract.run",
    "files_under": "tracker.extract.run", "Knowledge": "tracker.extract.run",
    "prepare": "tracker.intake", "Ledger": "tracker.ledger",
    "targets_from_records": "tracker.assess.targets", "unit_reports": "tracker.assess.status",
    "assess": "tracker.assess.status",
    "read_actuals_file": "tracker.entries.imports", "read_targets_file": "tracker.entries.imports",
    "RenderContext": "tracker.render", "renderer": "tracker.render",
    "Project": "tracker.config", "Settings": "tracker.config",
    "Document": "tracker.models", "Record": "tracker.models", "Source": "tracker.models",
    "Target": "tracker.models", "Actual": "tracker.models", "Status": "tracker.models",
    "UnitReport": "tracker.models", "Problem": "tracker.models", "Skipped": "tracker.models",
    "TrackerError": "tracker.errors",
}
_RENAMED = {"open": "open_project"}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'tracker' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


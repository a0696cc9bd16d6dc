"""Every word the outputs show, in Chinese and English, as data: one YAML file per room.

status.yaml (the default status labels, which tracker.toml may override), numbers.yaml
(comparators, target wording, months), units_en.yaml (units of measure in English),
workbook.yaml, summary.yaml, memo.yaml and terminal.yaml. The memo's sentences are in the
memo templates (tracker/templates/), which users may edit.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parent


@functools.cache
def words(name: str) -> dict[str, Any]:
    """The words of one file (`name` without .yaml)."""
    with (FOLDER / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

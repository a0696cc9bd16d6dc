"""A bar of a memo's chart, apart from the drawing (chart.py, which needs matplotlib): the build
works out the overall memo's bars without importing it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    """One bar: a level target's (or a unit's average) completion and the time progress to compare it with."""

    label: str
    completion: float          # fraction, 0.62 for 62%
    time_progress: float       # fraction
    code: str                  # status code, for the colour

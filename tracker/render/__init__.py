"""Rendering computed status into files: one interface for every output.

Every output has one function `render(ctx, data, path) -> notes`: it writes `path` from `data`
(a UnitReport, or what the summaries need) in the context `ctx`, and returns notes for the user.
A note that is a `Shortfall` says the output was written without something (a memo without its
chart) and why: the build reports it in its summary, and writes the output again on the first
build where the cause is gone (CAUSES says how to check). RENDERERS names the renderers by output;
they are imported only when used, so a worker process that writes memos never loads openpyxl's
charts, and the reverse.

Renderers receive computed status objects and never query the ledger.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.config import Settings, Templates

LANGS = ("zh", "en")

Renderer = Callable[["RenderContext", Any, Any], list[Any]]

# Output kind -> "module:function" of its renderer.
RENDERERS: dict[str, str] = {
    "tracker": "tracker.render.workbook.tracker:render_tracker",
    "summary": "tracker.render.workbook.summary:render_summary",
    "memo": "tracker.render.memo.write:render_unit_memo",
    "overall": "tracker.render.memo.write:render_overall_memo",
    "review": "tracker.render.review_sheet:render_review",
}

# Output kind -> "module:function" that works out, in the build's process, what a worker is sent
# instead of the renderer's data (which would be much larger).
PREPARERS: dict[str, str] = {
    "overall": "tracker.render.memo.overall:plan_overall_memo",
}

# Why an output can lack something -> "module:function" that tells whether the cause still holds.
CAUSES: dict[str, str] = {
    "no_cjk_font": "tracker.render.memo.chart:no_cjk_font",
}


@dataclass(frozen=True)
class Shortfall:
    """What an output was written without, and why: `cause` is a key of CAUSES."""

    cause: str
    path: str


def cause_holds(cause: str) -> bool:
    """Whether the cause of a shortfall still holds (an unknown cause is taken as gone)."""
    if cause not in CAUSES:
        return False
    module, _, function = CAUSES[cause].partition(":")
    return bool(getattr(importlib.import_module(module), function)())


@dataclass(frozen=True)
class RenderContext:
    """What every renderer is given besides its data.

    `names` maps Chinese indicator and category names to English (the catalogue's); English
    unit names come from the settings ([units.en]), then `units_en` (the shipped place names). `generated` is the date outputs say they
    were made on (and their file timestamps), so the same inputs give the same bytes.
    `templates` is where memo wording and layout come from.
    """

    settings: Settings = field(default_factory=Settings)
    lang: str = "zh"
    names: Mapping[str, str] = field(default_factory=dict)
    generated: date = field(default_factory=date.today)
    templates: Templates = field(default_factory=Templates)
    units_en: Mapping[str, str] = field(default_factory=dict)   # unit -> English name (places_en.py)

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {self.lang!r}")

    def indicator(self, name: str, indicator_id: str | None = None) -> str:
        """An indicator's name in the output's language: its English name (by name, else by id), else as written."""
        if self.lang != "en":
            return name
        return self.names.get(name) or (self.names.get(indicator_id) if indicator_id else None) or name

    def category(self, name: str | None) -> str | None:
        """A category's name in the output's language (as written when it has no English name)."""
        if not name or self.lang != "en":
            return name
        return self.names.get(name) or name

    def unit(self, unit: str) -> str:
        """A unit's name in the output's language: its configured English name ([units.en]), else the
        shipped one (`units_en`), else the name in the ledger."""
        if self.lang == "en" and unit not in self.settings.unit_names_en and unit in self.units_en:
            return self.units_en[unit]
        return self.settings.unit_name(unit, self.lang)

    def label(self, code: str) -> str:
        """A status label in the output's language, as configured."""
        return self.settings.label(code, self.lang)


def prepared(kind: str, ctx: RenderContext, data: Any) -> Any:
    """What a worker is sent to render an output of `kind` from `data` (see PREPARERS)."""
    if kind not in PREPARERS:
        return data
    module, _, function = PREPARERS[kind].partition(":")
    return getattr(importlib.import_module(module), function)(ctx, data)


def renderer(kind: str) -> Renderer:
    """The render function of an output kind (see RENDERERS)."""
    module, _, function = RENDERERS[kind].partition(":")
    return getattr(importlib.import_module(module), function)


__all__ = ["CAUSES", "LANGS", "PREPARERS", "RENDERERS", "RenderContext", "Renderer", "Shortfall", "cause_holds",
           "prepared", "renderer"]

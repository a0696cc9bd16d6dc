"""Word briefing memos: one per unit and one across units (output/memos/).

    render_unit_memo(ctx, report, path) -> notes          (write_unit_memo: the MemoResult)
    render_overall_memo(ctx, reports or plan, path) -> notes   (write_overall_memo; plan_overall_memo)
    write_memos(ctx, reports, folder) -> list[MemoResult]
    check_templates(templates, lang)

How a memo is made: the templates are checked (check.py), the memo's variables built from the
reports (context.py, facts.py), the template rendered into line markup (templates.py,
markup.py), and the blocks laid out in a copy of the reference .docx (document.py) with the
chart (chart.py). Wording lives in the templates, layout in the reference document; both can
be overridden file by file in the project's templates/ folder.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.assess.status import is_cap
from tracker.messages import say
from tracker.models import Problem, UnitReport
from tracker.outputs import write_bytes
from tracker.render import RenderContext, Shortfall
from tracker.render.memo.bars import Bar
from tracker.render.memo.chart import draw
from tracker.render.memo.check import check_templates
from tracker.render.memo.context import UnitMemo, as_variables, unit_memo, unit_name
from tracker.render.memo.document import lay_out, memo_time, open_reference, to_bytes
from tracker.render.memo.overall import OverallMemo, OverallPlan, plan_overall_memo
from tracker.render.memo.templates import render_blocks
from tracker.render.words import words

OVERALL_NAME = words("memo")["overall_name"]
MEMO_FOLDER = "memos"
GC_EVERY = 20
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

__all__ = [
    "MemoResult", "OverallPlan", "check_templates", "plan_overall_memo", "render_overall_memo", "render_unit_memo",
    "write_memos", "write_overall_memo", "write_unit_memo",
]


@dataclass(frozen=True)
class MemoResult:
    """A memo written: where, whether its chart is in it, and what could not be done."""

    path: Path
    chart: bool
    written: bool                  # False when the file already held exactly this memo
    problems: tuple[Problem, ...] = ()


def write_unit_memo(ctx: RenderContext, report: UnitReport, path: Path) -> MemoResult:
    """Write the memo for one unit to `path` (.docx)."""
    check_templates(ctx.templates, ctx.lang)
    memo = unit_memo(report, ctx)
    bars = [Bar(ctx.indicator(s.target.indicator, s.target.indicator_id), s.completion, s.time_progress, s.code)
            for s in report.statuses
            if s.target.metric == "level" and s.completion is not None and not is_cap(s.target)]
    return _write(ctx, "unit", memo, bars, path, report.as_of)


def write_overall_memo(ctx: RenderContext, reports: Sequence[UnitReport] | OverallPlan, path: Path) -> MemoResult:
    """Write the memo across all units (`reports`, not empty, or the plan made of them) to `path` (.docx)."""
    check_templates(ctx.templates, ctx.lang)
    plan = reports if isinstance(reports, OverallPlan) else plan_overall_memo(ctx, reports)
    return _write(ctx, "overall", plan.memo, list(plan.bars), path, plan.as_of)


def render_unit_memo(ctx: RenderContext, report: UnitReport, path: Path) -> list[Shortfall]:
    """The renderer of a unit's memo: writes it, and says what had to be left out."""
    return _shortfalls(write_unit_memo(ctx, report, path))


def render_overall_memo(ctx: RenderContext, reports: Sequence[UnitReport] | OverallPlan,
                        path: Path) -> list[Shortfall]:
    """The renderer of the memo across units: writes it, and says what had to be left out."""
    return _shortfalls(write_overall_memo(ctx, reports, path))


def _shortfalls(result: MemoResult) -> list[Shortfall]:
    return [Shortfall("no_cjk_font", str(result.path))] if result.problems else []


def write_memos(ctx: RenderContext, reports: Sequence[UnitReport], folder: Path) -> list[MemoResult]:
    """Every unit's memo and the overall memo in `folder`."""
    results = []
    for number, report in enumerate(reports, start=1):
        name = memo_filename(unit_name(report.unit, ctx))
        results.append(write_unit_memo(ctx, report, folder / name))
        if number % GC_EVERY == 0:
            gc.collect()  # python-docx's documents are reference cycles: collect them as we go
    if reports:
        results.append(write_overall_memo(ctx, reports, folder / memo_filename(OVERALL_NAME[ctx.lang])))
    return results


def memo_filename(name: str) -> str:
    """A file name for a memo: the unit's name with characters file systems refuse replaced."""
    return (_UNSAFE_FILENAME.sub("_", name).strip(" .") or "memo") + ".docx"


def _write(ctx: RenderContext, role: str, memo: UnitMemo | OverallMemo, bars: list[Bar], path: Path,
           as_of: date) -> MemoResult:
    lang = ctx.lang
    blocks = render_blocks(ctx.templates, lang, role, as_variables(memo))
    wants_chart = any(block.kind == "chart" for block in blocks)
    chart = draw(bars, lang, memo.labels) if wants_chart and bars else None
    problems = ()
    if wants_chart and bars and chart is None:
        problems = (Problem(str(path), say("memo.no_chart")),)
    doc = open_reference(ctx.templates)
    held = lay_out(doc, blocks, memo, lang, chart)
    title = next((block.text for block in blocks if block.kind == "title"), "")
    written = write_bytes(path, to_bytes(doc, title, memo_time(as_of), held))
    return MemoResult(path=path, chart=chart is not None, written=written, problems=problems)


"""Word briefing memos: one per unit and one across units (output/memos/).

    write_unit_memo(report, path, project, lang="zh", names_en={}) -> MemoResult
    write_overall_memo(reports, path, project, lang="zh", names_en={}) -> MemoResult
    write_memos(reports, project, lang="zh", names_en={}) -> list[MemoResult]
    check_templates(project, lang)

How a memo is made: the templates are checked (memo_check), the memo's variables built from the
reports (memo_context, memo_facts), the template rendered into line markup (memo_text,
memo_markup), and the blocks laid out in a copy of the reference .docx (memo_docx) with the
chart (memo_chart). Wording lives in the templates, layout in the reference document; both can
be overridden file by file in the project's templates/ folder.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from tracker.assess.status import is_cap
from tracker.config import Project, Settings
from tracker.models import Problem, UnitReport
from tracker.outputs import write_bytes
from tracker.render.memo.chart import Bar, draw
from tracker.render.memo.check import check_templates
from tracker.render.memo.context import (
    OverallMemo,
    UnitMemo,
    as_variables,
    average_completion,
    overall_memo,
    unit_memo,
    unit_name,
    year_progress,
)
from tracker.render.memo.document import lay_out, memo_time, open_reference, to_bytes
from tracker.render.memo.facts import indicator_name
from tracker.render.memo.templates import render_blocks

NO_NAMES: Mapping[str, str] = MappingProxyType({})
OVERALL_NAME = {"zh": "总体情况", "en": "Overview"}
MEMO_FOLDER = "memos"
GC_EVERY = 20
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

__all__ = ["MemoResult", "check_templates", "write_memos", "write_overall_memo", "write_unit_memo"]


@dataclass(frozen=True)
class MemoResult:
    """A memo written: where, whether its chart is in it, and what could not be done."""

    path: Path
    chart: bool
    written: bool                  # False when the file already held exactly this memo
    problems: tuple[Problem, ...] = ()


def write_unit_memo(report: UnitReport, path: Path, project: Project, lang: str = "zh",
                    names_en: Mapping[str, str] = NO_NAMES) -> MemoResult:
    """Write the memo for one unit to `path` (.docx)."""
    check_templates(project, lang)
    memo = unit_memo(report, project.settings, lang, names_en)
    bars = [Bar(indicator_name(s.target.indicator, s.target.indicator_id, lang, names_en), s.completion,
                s.time_progress, s.code)
            for s in report.statuses
            if s.target.metric == "level" and s.completion is not None and not is_cap(s.target)]
    return _write(project, lang, "unit", memo, bars, path, report.as_of)


def write_overall_memo(reports: Sequence[UnitReport], path: Path, project: Project, lang: str = "zh",
                       names_en: Mapping[str, str] = NO_NAMES) -> MemoResult:
    """Write the memo across all units to `path` (.docx); `reports` must not be empty."""
    if not reports:
        raise ValueError("the overall memo needs at least one unit report")
    check_templates(project, lang)
    memo = overall_memo(reports, project.settings, lang, names_en)
    bars = sorted((_unit_bar(report, lang, project.settings) for report in reports),
                  key=lambda bar: (bar is None, -(bar.completion if bar else 0)))
    return _write(project, lang, "overall", memo, [bar for bar in bars if bar is not None], path,
                  max(report.as_of for report in reports))


def write_memos(reports: Sequence[UnitReport], project: Project, lang: str = "zh",
                names_en: Mapping[str, str] = NO_NAMES) -> list[MemoResult]:
    """Every unit's memo and the overall memo under output/memos/ (output/memos/en/ for English)."""
    folder = project.output / MEMO_FOLDER / ("" if lang == "zh" else lang)
    results = []
    for number, report in enumerate(reports, start=1):
        name = memo_filename(unit_name(report.unit, lang, project.settings))
        results.append(write_unit_memo(report, folder / name, project, lang, names_en))
        if number % GC_EVERY == 0:
            gc.collect()  # python-docx's documents are reference cycles: collect them as we go
    if reports:
        results.append(write_overall_memo(reports, folder / memo_filename(OVERALL_NAME[lang]), project, lang,
                                          names_en))
    return results


def memo_filename(name: str) -> str:
    """A file name for a memo: the unit's name with characters file systems refuse replaced."""
    return (_UNSAFE_FILENAME.sub("_", name).strip(" .") or "memo") + ".docx"


def _unit_bar(report: UnitReport, lang: str, settings: Settings) -> Bar | None:
    average = average_completion(report.statuses)
    if average is None:
        return None
    progress = year_progress(report.year, report.as_of, settings)
    gap = (float(average) - progress) * 100
    rules = settings.rules
    code = ("achieved" if average >= 1 else "ahead" if gap > rules.ahead_pp
            else "on_schedule" if gap >= -rules.behind_pp
            else "behind" if gap >= -rules.seriously_behind_pp else "seriously_behind")
    return Bar(unit_name(report.unit, lang, settings), float(average), progress, code)


def _write(project: Project, lang: str, role: str, memo: UnitMemo | OverallMemo, bars: list[Bar], path: Path,
           as_of: date) -> MemoResult:
    blocks = render_blocks(project, lang, role, as_variables(memo))
    wants_chart = any(block.kind == "chart" for block in blocks)
    chart = draw(bars, lang, memo.labels) if wants_chart and bars else None
    problems = ()
    if wants_chart and bars and chart is None:
        problems = (Problem(str(path), "chart left out: matplotlib finds no Chinese font. Install one "
                                       "(e.g. fonts-noto-cjk or fonts-wqy-zenhei) and run again."),)
    doc = open_reference(project)
    lay_out(doc, blocks, memo, lang, chart)
    title = next((block.text for block in blocks if block.kind == "title"), "")
    written = write_bytes(path, to_bytes(doc, title, memo_time(as_of)))
    return MemoResult(path=path, chart=chart is not None, written=written, problems=problems)


"""What the unit memo's template is given: UnitMemo, built from a UnitReport (the overall memo: overall.py).

The fields of UnitMemo are the variables a template may use; check_templates reads them from here,
so a new field is available to templates as soon as it is added. Everything is worded already
(strings, whole numbers, booleans): see facts.py.

The as-of rule, one for every memo: a figure is compared with 序时进度 at the date it is as of
(its 数据截至), which is what the status module judged. When the unit's figures share one date the
memo's dateline names that date and its 序时进度; when their dates differ the dateline names the
memo's date and the table shows each figure's date. A target with no figure has no 序时进度 shown.

Situations, which the templates word differently (see `situation`):
  empty          no annual target (only long-term goals, or nothing)
  none_reported  targets, but no figure yet
  all_on_track   every reported figure keeps pace (achieved, ahead or on schedule)
  mostly_behind  more reported targets behind than on track
  mixed          the rest
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.assess.status import needs_attention, time_progress
from tracker.config import Settings
from tracker.models import STATUS_CODES, Status, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import MISSING, fmt_date, fmt_number, fmt_percent, fmt_target
from tracker.render.memo.facts import IndicatorFacts, describe
from tracker.render.memo.sources import SourceGroup, source_groups
from tracker.render.text import line_text

ON_TRACK = ("achieved", "ahead", "on_schedule")
BEHIND = ("behind", "seriously_behind")
YEAR_JOIN = {"zh": "—", "en": "–"}


@dataclass(frozen=True)
class Counts:
    """How many targets have each status; on_track = achieved + ahead + on_schedule,
    reported = total - not_reported, on_track_share = on_track / reported ("70.0%", or "—")."""

    total: int
    achieved: int
    ahead: int
    on_schedule: int
    on_track: int
    behind: int
    seriously_behind: int
    not_reported: int
    reported: int
    lagging: int               # behind + seriously behind
    on_track_share: str
    lagging_share: str


@dataclass(frozen=True)
class Group:
    """Indicators sharing a category (name "" when they have none)."""

    name: str
    indicators: tuple[IndicatorFacts, ...]


@dataclass(frozen=True)
class LongTermGoal:
    """A goal with no deadline: what it is and the latest figure, without 序时进度 or status."""

    name: str
    target: str
    actual: str               # the latest figure, or "—"
    as_of: str                # its date, or "—"
    reported: bool


@dataclass(frozen=True)
class UnitMemo:
    """Variables of memo_unit_<lang>.j2."""

    unit: str
    year: int
    years: str                 # the years of its annual targets: "2024", "2023—2024"; "" without any
    as_of: str                 # the memo's date
    figures_as_of: str         # the date every figure is as of, when they share one, else ""
    dates_differ: bool         # figures are as of different dates (the table shows each one's)
    time_progress: str         # 序时进度 at figures_as_of (or at the memo's date without figures)
    time_basis: str            # months | days: how 序时进度 is counted
    category: str              # the category all targets share, else ""
    labels: dict[str, str]     # status code -> label
    counts: Counts
    situation: str             # see the module docstring
    indicators: tuple[IndicatorFacts, ...]   # every annual target, in table order
    reported: tuple[IndicatorFacts, ...]     # those with a figure, best first
    groups: tuple[Group, ...]                # `reported` by category
    attention: tuple[IndicatorFacts, ...]
    not_reported: tuple[IndicatorFacts, ...]
    achieved: tuple[IndicatorFacts, ...]
    long_term: tuple[LongTermGoal, ...]
    sources: tuple[SourceGroup, ...]         # each source sentence once, with the targets it states
    manual: tuple[str, ...]                  # names of targets entered by hand (no source document)


def variables(memo_type: type) -> tuple[str, ...]:
    """The variable names a template of this memo type may use."""
    return tuple(f.name for f in dataclasses.fields(memo_type))


def as_variables(memo: object) -> dict[str, object]:
    return {f.name: getattr(memo, f.name) for f in dataclasses.fields(memo)}


def unit_name(unit: str, ctx: RenderContext) -> str:
    return line_text(ctx.unit(unit))


def _share(part: int, whole: int, lang: str) -> str:
    return fmt_percent(part / whole, lang=lang) if whole else MISSING


def count(statuses: Sequence[Status], lang: str = "zh") -> Counts:
    by_code = dict.fromkeys(STATUS_CODES, 0)
    for status in statuses:
        by_code[status.code] = by_code.get(status.code, 0) + 1
    on_track = sum(by_code[c] for c in ON_TRACK)
    lagging = sum(by_code[c] for c in BEHIND)
    reported = len(statuses) - by_code["not_reported"]
    return Counts(total=len(statuses), on_track=on_track, reported=reported, lagging=lagging,
                  on_track_share=_share(on_track, reported, lang), lagging_share=_share(lagging, reported, lang),
                  **{code: by_code[code] for code in STATUS_CODES})


def situation(counts: Counts) -> str:
    """empty, none_reported, all_on_track, mostly_behind or mixed (see the module docstring)."""
    if counts.total == 0:
        return "empty"
    if counts.reported == 0:
        return "none_reported"
    if counts.lagging == 0:
        return "all_on_track"
    return "mostly_behind" if counts.lagging > counts.on_track else "mixed"


def year_progress(year: int, as_of: date, settings: Settings) -> float:
    return time_progress(date(year, 1, 1), date(year, 12, 31), as_of, settings.rules.time_basis)


def years_text(years: Sequence[int], lang: str) -> str:
    """"2024", or "2023—2024" for targets of several years."""
    if not years:
        return ""
    low, high = min(years), max(years)
    return str(low) if low == high else f"{low}{YEAR_JOIN[lang]}{high}"


def shared_category(statuses: Sequence[Status], ctx: RenderContext) -> str:
    categories = {s.target.category for s in statuses}
    if len(categories) != 1 or None in categories:
        return ""
    (category,) = categories
    if ctx.lang == "en":  # an untranslated category would put Chinese in an English title
        return line_text(ctx.names.get(category, ""))
    return line_text(category)


def labels(ctx: RenderContext) -> dict[str, str]:
    return {code: line_text(ctx.label(code)) for code in STATUS_CODES}


def figure_dates(statuses: Sequence[Status]) -> list[date]:
    return sorted({s.actual.as_of for s in statuses if s.actual is not None})


def long_term_goal(status: Status, ctx: RenderContext) -> LongTermGoal:
    target, actual = status.target, status.actual
    uom = target.uom or ("%" if target.metric != "level" else "")
    return LongTermGoal(
        name=line_text(ctx.indicator(target.indicator, target.indicator_id)),
        target=fmt_target(target, ctx.lang),
        actual=fmt_number(actual.value, uom, ctx.lang) if actual is not None else MISSING,
        as_of=fmt_date(actual.as_of, ctx.lang) if actual is not None else MISSING,
        reported=actual is not None,
    )


def unit_memo(report: UnitReport, ctx: RenderContext) -> UnitMemo:
    settings, lang = ctx.settings, ctx.lang
    unit = unit_name(report.unit, ctx)
    statuses = report.statuses
    facts = {id(s): describe(s, ctx, unit) for s in (*statuses, *report.long_term)}
    indicators = tuple(facts[id(s)] for s in statuses)
    order = {code: rank for rank, code in enumerate(STATUS_CODES)}
    reported = tuple(sorted((item for item in indicators if item.reported), key=lambda item: order[item.code]))
    groups: dict[str, list[IndicatorFacts]] = {}
    for item in reported:
        groups.setdefault(item.category, []).append(item)
    dates = figure_dates(statuses)
    common = dates[0] if len(dates) == 1 else None
    counts = count(statuses, lang)
    names = {key: item.name for key, item in facts.items()}
    documents = {d.file: d for d in report.documents}
    return UnitMemo(
        unit=unit,
        year=report.year,
        years=years_text([s.target.year for s in statuses], lang),
        as_of=fmt_date(report.as_of, lang),
        figures_as_of=fmt_date(common, lang) if common else "",
        dates_differ=len(dates) > 1,
        time_progress=fmt_percent(year_progress(report.year, common or report.as_of, settings), lang=lang),
        time_basis=settings.rules.time_basis,
        category=shared_category(statuses, ctx),
        labels=labels(ctx),
        counts=counts,
        situation=situation(counts),
        indicators=indicators,
        reported=reported,
        groups=tuple(Group(name, tuple(items)) for name, items in sorted(groups.items(), key=lambda g: g[0] == "")),
        attention=tuple(facts[id(s)] for s in needs_attention(statuses)),
        not_reported=tuple(item for item in indicators if item.code == "not_reported"),
        achieved=tuple(item for item in reported if item.code == "achieved"),
        long_term=tuple(long_term_goal(s, ctx) for s in report.long_term),
        sources=source_groups((*statuses, *report.long_term), names, documents, lang),
        manual=tuple(facts[id(s)].name for s in (*statuses, *report.long_term) if s.target.origin == "manual"),
    )

"""What the memo templates are given: one dataclass per memo, built from UnitReports.

The fields of UnitMemo and OverallMemo are the variables a template may use; check_templates
reads them from here, so a new field is available to templates as soon as it is added.
Everything is worded already (strings, whole numbers, booleans): see facts.py.

Ranking rule for the overall memo (the task leaves it open; documented in the memo text too):
units with at least one reported level target are ranked by their average completion rate over
those targets, each rate counted at most 100% so one target far over its goal does not hide
the others; ties, and then the units without such targets, go by the share of targets on track
(achieved, ahead or on schedule), then by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from tracker.assess.status import is_cap, needs_attention, time_progress
from tracker.config import Settings
from tracker.models import STATUS_CODES, Status, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import fmt_date, fmt_percent
from tracker.render.memo.facts import IndicatorFacts, SourceQuote, describe
from tracker.render.text import line_text

ON_TRACK = ("achieved", "ahead", "on_schedule")
ATTENTION_LIMIT = 10  # indicators listed in the overall memo's attention section


@dataclass(frozen=True)
class Counts:
    """How many targets have each status; on_track = achieved + ahead + on_schedule."""

    total: int
    achieved: int
    ahead: int
    on_schedule: int
    on_track: int
    behind: int
    seriously_behind: int
    not_reported: int


@dataclass(frozen=True)
class Group:
    """Indicators sharing a category (name "" when they have none)."""

    name: str
    indicators: tuple[IndicatorFacts, ...]


@dataclass(frozen=True)
class TargetSources:
    """The documents one target comes from; `manual` when it was entered by hand."""

    name: str
    manual: bool
    sources: tuple[SourceQuote, ...]


@dataclass(frozen=True)
class UnitMemo:
    """Variables of memo_unit_<lang>.j2."""

    unit: str
    year: int
    as_of: str
    time_progress: str
    category: str              # the category all targets share, else ""
    labels: dict[str, str]     # status code -> label
    counts: Counts
    indicators: tuple[IndicatorFacts, ...]
    groups: tuple[Group, ...]
    attention: tuple[IndicatorFacts, ...]
    not_reported: tuple[IndicatorFacts, ...]
    sources: tuple[TargetSources, ...]


@dataclass(frozen=True)
class RankRow:
    """One unit in the overall ranking."""

    rank: int
    unit: str
    completion: str            # average completion of reported level targets, or "—"
    on_track: str              # "3/5": targets on track of all targets
    total: int
    behind: int                # behind + seriously behind


@dataclass(frozen=True)
class UnitRow:
    """Status counts of one unit."""

    unit: str
    total: int
    achieved: int
    ahead: int
    on_schedule: int
    behind: int
    seriously_behind: int
    not_reported: int


@dataclass(frozen=True)
class LaggingIndicator:
    """An indicator that is behind in one or more units."""

    name: str
    count: int
    units: tuple[str, ...]


@dataclass(frozen=True)
class OverallMemo:
    """Variables of memo_overall_<lang>.j2."""

    year: int
    as_of: str
    time_progress: str
    category: str
    labels: dict[str, str]
    unit_count: int
    counts: Counts
    ranking: tuple[RankRow, ...]
    units: tuple[UnitRow, ...]
    leaders: tuple[str, ...]              # up to three best-ranked units whose average completion keeps pace
    units_behind: tuple[RankRow, ...]     # units with behind targets, most first
    lagging: tuple[LaggingIndicator, ...]
    attention: tuple[IndicatorFacts, ...]
    attention_more: int                   # behind targets not listed in `attention`
    not_reported_units: tuple[str, ...]


def variables(memo_type: type) -> tuple[str, ...]:
    """The variable names a template of this memo type may use."""
    return tuple(f.name for f in dataclasses.fields(memo_type))


def as_variables(memo: UnitMemo | OverallMemo) -> dict[str, object]:
    return {f.name: getattr(memo, f.name) for f in dataclasses.fields(memo)}


def unit_name(unit: str, ctx: RenderContext) -> str:
    return line_text(ctx.unit(unit))


def count(statuses: Sequence[Status]) -> Counts:
    by_code = dict.fromkeys(STATUS_CODES, 0)
    for status in statuses:
        by_code[status.code] = by_code.get(status.code, 0) + 1
    return Counts(total=len(statuses), on_track=sum(by_code[c] for c in ON_TRACK),
                  **{code: by_code[code] for code in STATUS_CODES})


def year_progress(year: int, as_of: date, settings: Settings) -> float:
    return time_progress(date(year, 1, 1), date(year, 12, 31), as_of, settings.rules.time_basis)


def shared_category(statuses: Sequence[Status], ctx: RenderContext) -> str:
    categories = {s.target.category for s in statuses}
    if len(categories) != 1 or None in categories:
        return ""
    (category,) = categories
    if ctx.lang == "en":  # an untranslated category would put Chinese in an English title
        return line_text(ctx.names.get(category, ""))
    return line_text(category)


def _labels(ctx: RenderContext) -> dict[str, str]:
    return {code: line_text(ctx.label(code)) for code in STATUS_CODES}


def unit_memo(report: UnitReport, ctx: RenderContext) -> UnitMemo:
    settings, lang = ctx.settings, ctx.lang
    unit = unit_name(report.unit, ctx)
    facts = {id(s): describe(s, ctx, unit) for s in report.statuses}
    indicators = tuple(facts[id(s)] for s in report.statuses)
    groups: dict[str, list[IndicatorFacts]] = {}
    for item in indicators:
        groups.setdefault(item.category, []).append(item)
    return UnitMemo(
        unit=unit,
        year=report.year,
        as_of=fmt_date(report.as_of, lang),
        time_progress=fmt_percent(year_progress(report.year, report.as_of, settings), lang=lang),
        category=shared_category(report.statuses, ctx),
        labels=_labels(ctx),
        counts=count(report.statuses),
        indicators=indicators,
        groups=tuple(Group(name, tuple(items)) for name, items in groups.items()),
        attention=tuple(facts[id(s)] for s in needs_attention(report.statuses)),
        not_reported=tuple(item for item in indicators if item.code == "not_reported"),
        sources=tuple(TargetSources(item.name, item.manual, item.sources) for item in indicators),
    )


def average_completion(statuses: Sequence[Status]) -> Fraction | None:
    """Mean completion of the reported level goals to reach, each counted at most 100%; None without any."""
    rates = [min(Fraction(repr(s.completion)), Fraction(1)) for s in statuses
             if s.target.metric == "level" and s.completion is not None and not is_cap(s.target)]
    return sum(rates, Fraction(0)) / len(rates) if rates else None


def _ranking(reports: Sequence[UnitReport], ctx: RenderContext) -> list[tuple[RankRow, Fraction | None]]:
    lang = ctx.lang
    """Units in ranking order (see the module docstring), each with its average completion."""
    scored = []
    for report in reports:
        counts = count(report.statuses)
        average = average_completion(report.statuses)
        on_track = Fraction(counts.on_track, counts.total) if counts.total else Fraction(0)
        name = unit_name(report.unit, ctx)
        key = (average is None, -(average or 0), -on_track, name)
        scored.append((key, name, average, counts))
    scored.sort(key=lambda item: item[0])
    return [(RankRow(rank=i, unit=name, completion=fmt_percent(None if average is None else float(average), lang=lang),
                     on_track=f"{counts.on_track}/{counts.total}", total=counts.total,
                     behind=counts.behind + counts.seriously_behind), average)
            for i, (_, name, average, counts) in enumerate(scored, start=1)]


def _lagging(flagged: Sequence[tuple[Status, str]], ctx: RenderContext) -> list[LaggingIndicator]:
    units: dict[str, list[str]] = {}
    for status, unit in flagged:
        name = line_text(ctx.indicator(status.target.indicator, status.target.indicator_id))
        units.setdefault(name, []).append(unit)
    rows = [LaggingIndicator(name, len(names), tuple(names)) for name, names in units.items()]
    return sorted(rows, key=lambda row: (-row.count, row.name))


def overall_memo(reports: Sequence[UnitReport], ctx: RenderContext) -> OverallMemo:
    settings, lang = ctx.settings, ctx.lang
    statuses = [s for r in reports for s in r.statuses]
    unit_of = {id(s): unit_name(r.unit, ctx) for r in reports for s in r.statuses}
    as_of = max(r.as_of for r in reports)
    year = max(r.year for r in reports)
    ranked = _ranking(reports, ctx)
    ranking = [row for row, _average in ranked]
    progress = year_progress(year, as_of, settings)
    flagged = needs_attention(statuses)
    return OverallMemo(
        year=year,
        as_of=fmt_date(as_of, lang),
        time_progress=fmt_percent(progress, lang=lang),
        category=shared_category(statuses, ctx),
        labels=_labels(ctx),
        unit_count=len(reports),
        counts=count(statuses),
        ranking=tuple(ranking),
        units=tuple(UnitRow(unit=unit_name(r.unit, ctx),
                            **{k: v for k, v in dataclasses.asdict(count(r.statuses)).items() if k != "on_track"})
                    for r in reports),
        leaders=tuple(row.unit for row, average in ranked if average is not None and average >= Fraction(repr(progress)))[:3],
        units_behind=tuple(sorted((row for row in ranking if row.behind), key=lambda row: (-row.behind, row.rank))),
        lagging=tuple(_lagging([(s, unit_of[id(s)]) for s in flagged], ctx)),
        attention=tuple(describe(s, ctx, unit_of[id(s)])
                        for s in flagged[:ATTENTION_LIMIT]),
        attention_more=max(0, len(flagged) - ATTENTION_LIMIT),
        not_reported_units=tuple(unit_name(r.unit, ctx) for r in reports
                                 if any(s.code == "not_reported" for s in r.statuses)),
    )

"""What the overall memo's template is given: OverallMemo, built from every unit's report.

Ranking rule (the task leaves it open; the memo text says it too): only units with at least one
reported figure are ranked; units with none are named once, apart ("尚未填报任何完成情况，未参与
排名"). Units with a reported level target are ranked by their average completion over those
targets, each rate counted at most 100% so one target far over its goal does not hide the others;
ties, and then the units with only rate figures, go by the share of reported targets on track,
then by name. A unit's average completion is compared with the average 序时进度 of the same
targets at their figures' dates (the one as-of rule, see context.py).

A unit is far behind when that comparison is more than the seriously-behind threshold (30 points
by default) below; the memo names such units first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

from tracker.assess.status import is_cap, needs_attention
from tracker.models import Status, UnitReport
from tracker.render import RenderContext
from tracker.render.formatting import MISSING, fmt_date, fmt_percent, fmt_pp
from tracker.render.memo.bars import Bar
from tracker.render.memo.context import (
    Counts,
    count,
    figure_dates,
    labels,
    shared_category,
    situation,
    unit_name,
    year_progress,
    years_text,
)
from tracker.render.memo.facts import IndicatorFacts, describe
from tracker.render.text import line_text

ATTENTION_LIMIT = 10  # indicators listed in the overall memo's attention section
# Bars in the overall memo's chart: a page holds about 30. With more units, the chart shows those
# with the lowest average completion (the ranking table lists them all).
CHART_LIMIT = 30


@dataclass(frozen=True)
class RankRow:
    """One ranked unit."""

    rank: int
    unit: str
    completion: str            # average completion of reported level targets, or "—"
    time_progress: str         # the average 序时进度 of the same targets, or "—"
    vs_time: str               # above | below | level | "" (no completion)
    time_gap: str              # "13.0个百分点", or "—"
    on_track: str              # "3/5": targets on track of reported targets
    reported: int
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
    long_term: int


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
    years: str                            # "2024", or "2023—2024" when targets of several years are included
    as_of: str
    time_progress: str                    # 序时进度 of the latest year at the memo's date
    category: str
    labels: dict[str, str]
    unit_count: int
    counts: Counts
    situation: str                        # as for a unit (context.py), over every target
    ranking: tuple[RankRow, ...]          # units with a reported figure only
    unranked: tuple[str, ...]             # units without any reported figure
    units: tuple[UnitRow, ...]
    leaders: tuple[str, ...]              # up to three best-ranked units whose average completion keeps pace
    far_behind: tuple[RankRow, ...]       # ranked units far behind time progress on average
    units_behind: tuple[RankRow, ...]     # units with behind targets, most first
    lagging: tuple[LaggingIndicator, ...]
    attention: tuple[IndicatorFacts, ...]
    attention_more: int                   # behind targets not listed in `attention`
    not_reported_units: tuple[str, ...]   # units with some (not all) targets unreported
    long_term: int                        # long-term goals across units, tracked apart
    chart_units: int                      # units in the chart (those with an average completion, at most CHART_LIMIT)
    chart_limited: bool                   # more units have one: the chart shows the CHART_LIMIT lowest


def _averages(statuses: Sequence[Status]) -> tuple[Fraction, Fraction] | None:
    """Mean completion (each at most 100%) of the reported level goals to reach, and the mean 序时进度
    of the same goals at their figures' dates; None without any."""
    chosen = [s for s in statuses if s.target.metric == "level" and s.completion is not None
              and not is_cap(s.target)]
    if not chosen:
        return None
    # Summed as decimals with room for every digit (exact, and far quicker than fractions on a
    # national memo), divided as fractions.
    with localcontext(prec=_EXACT_DIGITS):
        rates = sum(min(_decimal(s.completion), _ONE) for s in chosen)
        paces = sum(_decimal(s.time_progress) for s in chosen)
    return Fraction(rates) / len(chosen), Fraction(paces) / len(chosen)


_ONE = Decimal(1)
_EXACT_DIGITS = 700  # floats span 10**308 to 5e-324 with 17 digits: their sums are exact in 700


@functools.lru_cache(maxsize=65536)
def _decimal(value: float) -> Decimal:
    """The decimal a float stands for (0.62 -> Decimal("0.62"))."""
    return Decimal(repr(value))


def average_completion(statuses: Sequence[Status]) -> Fraction | None:
    """Mean completion of the reported level goals to reach, each counted at most 100%; None without any."""
    averages = _averages(statuses)
    return None if averages is None else averages[0]


def average_pace(statuses: Sequence[Status]) -> Fraction | None:
    """Mean 序时进度 of the goals average_completion averages, at their figures' dates."""
    averages = _averages(statuses)
    return None if averages is None else averages[1]


def _direction(gap: Fraction) -> str:
    points = round(gap * 1000)  # tenths of a point, as shown
    return "level" if points == 0 else "above" if gap > 0 else "below"


@dataclass(frozen=True)
class _Facts:
    """What the memo uses of one unit's report, worked out once: its name, counts and averages."""

    name: str
    counts: Counts
    averages: tuple[Fraction, Fraction] | None


def _facts(reports: Sequence[UnitReport], ctx: RenderContext) -> dict[int, _Facts]:
    """Each report's facts, by the report's id."""
    return {id(report): _Facts(unit_name(report.unit, ctx), count(report.statuses, ctx.lang),
                               _averages(report.statuses)) for report in reports}


def _ranking(reports: Sequence[UnitReport], ctx: RenderContext,
             facts: dict[int, _Facts]) -> list[tuple[RankRow, Fraction | None]]:
    """Ranked units (see the module docstring), each with its completion gap to time progress."""
    lang = ctx.lang
    scored = []
    for report in reports:
        known = facts[id(report)]
        counts = known.counts
        if not counts.reported:
            continue
        averages = known.averages
        on_track = Fraction(counts.on_track, counts.reported)
        name = known.name
        key = (averages is None, -(averages[0] if averages else 0), -on_track, name)
        scored.append((key, name, averages, counts))
    scored.sort(key=lambda item: item[0])
    rows = []
    for rank, (_, name, averages, counts) in enumerate(scored, start=1):
        gap = None if averages is None else averages[0] - averages[1]
        rows.append((RankRow(
            rank=rank, unit=name,
            completion=fmt_percent(None if averages is None else float(averages[0]), lang=lang),
            time_progress=fmt_percent(None if averages is None else float(averages[1]), lang=lang),
            vs_time="" if gap is None else _direction(gap),
            time_gap=MISSING if gap is None else fmt_pp(abs(float(gap)) * 100, lang=lang),
            on_track=f"{counts.on_track}/{counts.reported}", reported=counts.reported, total=counts.total,
            behind=counts.lagging), gap))
    return rows


def _lagging(flagged: Sequence[tuple[Status, str]], ctx: RenderContext) -> list[LaggingIndicator]:
    units: dict[str, list[str]] = {}
    for status, unit in flagged:
        name = line_text(ctx.indicator(status.target.indicator, status.target.indicator_id))
        units.setdefault(name, []).append(unit)
    rows = [LaggingIndicator(name, len(names), tuple(names)) for name, names in units.items()]
    return sorted(rows, key=lambda row: (-row.count, row.name))


def overall_memo(reports: Sequence[UnitReport], ctx: RenderContext,
                 facts: dict[int, _Facts] | None = None) -> OverallMemo:
    """The memo across `reports`; `facts`: theirs, when already worked out (_facts)."""
    settings, lang = ctx.settings, ctx.lang
    facts = facts if facts is not None else _facts(reports, ctx)
    statuses = [s for r in reports for s in r.statuses]
    unit_of = {id(s): facts[id(r)].name for r in reports for s in r.statuses}
    as_of = max(r.as_of for r in reports)
    year = max(r.year for r in reports)
    ranked = _ranking(reports, ctx, facts)
    ranking = [row for row, _gap in ranked]
    far = Fraction(repr(settings.rules.seriously_behind_pp)) / 100
    flagged = needs_attention(statuses)
    counts = count(statuses, lang)
    ranked_units = {row.unit for row in ranking}
    charted = sum(1 for _row, gap in ranked if gap is not None)
    return OverallMemo(
        year=year,
        years=years_text([s.target.year for s in statuses] or [year], lang),
        as_of=fmt_date(as_of, lang),
        time_progress=fmt_percent(year_progress(year, max(figure_dates(statuses), default=as_of), settings),
                                  lang=lang),
        category=shared_category(statuses, ctx),
        labels=labels(ctx),
        unit_count=len(reports),
        counts=counts,
        situation=situation(counts),
        ranking=tuple(ranking),
        unranked=tuple(facts[id(r)].name for r in reports if r.statuses and facts[id(r)].name not in ranked_units),
        units=tuple(_unit_row(facts[id(r)], len(r.long_term)) for r in reports),
        leaders=tuple(row.unit for row, gap in ranked if gap is not None and gap >= 0)[:3],
        far_behind=tuple(row for row, gap in ranked if gap is not None and gap < -far),
        units_behind=tuple(sorted((row for row in ranking if row.behind), key=lambda row: (-row.behind, row.rank))),
        lagging=tuple(_lagging([(s, unit_of[id(s)]) for s in flagged], ctx)),
        attention=tuple(describe(s, ctx, unit_of[id(s)]) for s in flagged[:ATTENTION_LIMIT]),
        attention_more=max(0, len(flagged) - ATTENTION_LIMIT),
        not_reported_units=tuple(facts[id(r)].name for r in reports
                                 if facts[id(r)].name in ranked_units
                                 and any(s.code == "not_reported" for s in r.statuses)),
        long_term=sum(len(r.long_term) for r in reports),
        chart_units=min(charted, CHART_LIMIT), chart_limited=charted > CHART_LIMIT,
    )


@dataclass(frozen=True)
class OverallPlan:
    """What the memo across units shows, worked out from every unit's report: a build works it
    out itself and sends a worker only this, not the reports of a whole country."""

    memo: OverallMemo
    bars: tuple[Bar, ...]
    as_of: date


def _unit_row(facts: _Facts, long_term: int) -> UnitRow:
    counts = facts.counts
    return UnitRow(unit=facts.name, total=counts.total, achieved=counts.achieved, ahead=counts.ahead,
                   on_schedule=counts.on_schedule, behind=counts.behind, seriously_behind=counts.seriously_behind,
                   not_reported=counts.not_reported, long_term=long_term)


def plan_overall_memo(ctx: RenderContext, reports: Sequence[UnitReport]) -> OverallPlan:
    """The memo across `reports` (not empty), ready to be written."""
    if not reports:
        raise ValueError("the overall memo needs at least one unit report")
    facts = _facts(reports, ctx)
    bars = sorted((bar for bar in (_unit_bar(facts[id(report)], ctx) for report in reports) if bar is not None),
                  key=lambda bar: -bar.completion)
    return OverallPlan(overall_memo(reports, ctx, facts), tuple(bars[-CHART_LIMIT:]),
                       max(report.as_of for report in reports))


def _unit_bar(facts: _Facts, ctx: RenderContext) -> Bar | None:
    averages = facts.averages
    if averages is None:
        return None
    average, pace = averages
    gap = (average - pace) * 100
    rules = ctx.settings.rules
    code = ("achieved" if average >= 1 else "ahead" if gap > rules.ahead_pp
            else "on_schedule" if gap >= -rules.behind_pp
            else "behind" if gap >= -rules.seriously_behind_pp else "seriously_behind")
    return Bar(facts.name, float(average), float(pace), code)

"""One target's situation, worded for memo sentences and tables.

The status module judges; this module only describes. Every figure a template can print is
formatted here with tracker.render.formatting (rounded once, with its unit), so templates hold
wording only and never see a raw float. Directions are given as words the templates test:
`vs_time` and `vs_target` are "above", "below" or "level" (what rounds to 0.0 points is level,
so a memo never says "高于序时进度0.0个百分点"), or "" when there is nothing to compare.

Situations pick the sentence macro (see sentences_zh.j2):
  not_reported   no figure yet
  level          a level to reach, with a completion rate
  level_plain    a level whose target is zero (no completion rate)
  level_cap      a level to stay under (能耗总量控制在…以内)
  rate           a growth, share or change rate to reach
  rate_decline   a growth or change target that is a fall (单位GDP能耗下降3%), cap or not
  rate_cap       any other rate to stay under (城镇调查失业率控制在5.5%以内)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.assess.status import is_cap, judged_value, period_of
from tracker.decimals import round_half_up, to_decimal
from tracker.models import Source, Status
from tracker.render import RenderContext
from tracker.render.formatting import (
    MISSING,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_pp,
    fmt_target,
)
from tracker.render.memo.sources import print_quote
from tracker.render.text import line_text


@dataclass(frozen=True)
class SourceQuote:
    """Where a target was stated: the document's path under seeds/ and the quoted sentence."""

    doc: str
    quote: str


@dataclass(frozen=True)
class IndicatorFacts:
    """One target of one unit, every figure already worded (see the module docstring)."""

    unit: str                 # display name of the unit
    name: str                 # display name of the indicator
    category: str             # "" when the target has none
    metric: str               # level | growth | share | change
    code: str                 # status code (achieved, ahead, ...)
    label: str                # status label in the memo's language
    situation: str            # which sentence macro words it
    reported: bool
    cap: bool                 # a goal to stay under
    annual: bool              # the target's period is one calendar year ("年度目标")
    period_over: bool
    target: str               # the goal as worded in tables: "超过10亿元，力争12亿元"
    target_base: str          # the goal without its stretch value, for sentences
    target_value: str         # the judged figure alone: "10亿元"
    actual: str               # the latest figure with its unit, or "—"
    actual_abs: str           # a rate's magnitude (for "增长"/"下降" wording), or "—"
    actual_falling: bool      # a growth/change figure below zero
    target_falling: bool      # a growth/change target below zero (a decline to reach)
    as_of: str                # date of the latest figure, or "—"
    completion: str           # "62.0%", or "—" for rates and unreported targets
    time_progress: str        # "75.0%" at the date of the figure; "—" with no figure (nothing to compare)
    vs_time: str              # completion against time progress: above | below | level | ""
    time_gap: str             # their distance: "13.0个百分点", or "—"
    vs_target: str            # actual against target (rates, caps, `~`): above | below | level | ""
    target_gap: str           # their distance: points for rates, units for levels, or "—"
    within_tolerance: bool    # a `~` target within the configured tolerance
    stretch: str              # the 力争 figure, or ""
    stretch_met: bool
    stretch_short: str        # how far the figure is from the 力争 figure, or ""
    manual: bool              # entered by hand, not from a document
    sources: tuple[SourceQuote, ...] = ()


FIELDS = tuple(f.name for f in dataclasses.fields(IndicatorFacts))


def _direction(difference: Decimal | None, decimals: int = 1) -> str:
    """above / below / level for a difference, level when it rounds to zero at `decimals` places."""
    if difference is None:
        return ""
    if round_half_up(difference, decimals) == 0:  # the same rounding the figure is shown with
        return "level"
    return "above" if difference > 0 else "below"


def _difference(a: float, b: float) -> Decimal:
    """a - b on the figures' decimal values, so 300 - 280.2 is 19.8, not 19.80000000000001."""
    first, second = to_decimal(a), to_decimal(b)
    if first is None or second is None:
        raise ValueError(f"figures must be finite numbers, found {a!r} and {b!r}")
    return first - second


def _situation(status: Status, cap: bool) -> str:
    if status.actual is None:
        return "not_reported"
    target = status.target
    if target.metric == "level":
        if cap:
            return "level_cap"
        return "level" if status.completion is not None else "level_plain"
    # A fall to achieve (单位GDP能耗下降3%) is worded by its size, whichever way the comparator points.
    if target.metric in ("growth", "change") and judged_value(target) < 0:
        return "rate_decline"
    return "rate_cap" if cap else "rate"


def _sources(sources: tuple[Source, ...], lang: str) -> tuple[SourceQuote, ...]:
    return tuple(SourceQuote(doc=line_text(s.doc), quote=print_quote(s.quote, lang=lang)) for s in sources)


def describe(status: Status, ctx: RenderContext, unit: str) -> IndicatorFacts:
    """Word one status for a memo in `ctx.lang`; `unit` is the unit's display name.

    The label is taken from the settings in the memo's language, not from the status, which was
    labelled in whatever language the reports were built with.
    """
    lang = ctx.lang
    rules = ctx.settings.rules
    target, actual = status.target, status.actual
    cap = is_cap(target)
    value = judged_value(target)
    rate = target.metric != "level"
    uom = target.uom or ("个百分点" if target.metric == "change" else "%" if rate else "")
    start, end = period_of(target)
    reported = actual is not None
    diff_target = _difference(actual.value, value) if actual is not None else None
    within = False
    if diff_target is not None and target.comparator == "~":
        # The same tolerance the status module judged the `~` goal with.
        tolerance = (to_decimal(rules.about_tolerance_pp) if rate
                     else abs(to_decimal(value) or Decimal(0)) * to_decimal(rules.about_tolerance))
        within = abs(diff_target) <= (tolerance or Decimal(0))
    diff_time = None
    if status.completion is not None and status.gap_pp is not None:
        # gap_pp is signed "good when positive": completion - tp for goals to reach, tp - completion for caps.
        diff_time = Decimal(repr(-status.gap_pp if cap else status.gap_pp))
    stretch = target.stretch_value
    stretch_short = _difference(stretch, actual.value) if stretch is not None and actual is not None else None
    return IndicatorFacts(
        unit=unit,
        name=line_text(ctx.indicator(target.indicator, target.indicator_id)),
        category=line_text(ctx.category(target.category) or ""),
        metric=target.metric,
        code=status.code,
        label=line_text(ctx.label(status.code)),
        situation=_situation(status, cap),
        reported=reported,
        cap=cap,
        annual=(start, end) == (date(start.year, 1, 1), date(start.year, 12, 31)),
        period_over=status.as_of >= end,
        target=fmt_target(target, lang),
        target_base=fmt_target(dataclasses.replace(target, stretch_value=None), lang),
        target_value=fmt_number(value, uom, lang),
        actual=fmt_number(actual.value, uom, lang) if actual is not None else MISSING,
        actual_abs=fmt_number(abs(actual.value), uom, lang) if actual is not None else MISSING,
        actual_falling=actual is not None and rate and actual.value < 0,
        target_falling=rate and target.metric != "share" and value < 0,
        as_of=fmt_date(actual.as_of, lang) if actual is not None else MISSING,
        completion=fmt_percent(status.completion, lang=lang),
        time_progress=fmt_percent(status.time_progress, lang=lang) if reported else MISSING,
        vs_time=_direction(diff_time),
        time_gap=fmt_pp(abs(diff_time), lang=lang) if diff_time is not None else MISSING,
        vs_target=_direction(diff_target, 1 if rate else 2),
        target_gap=_target_gap(diff_target, rate, uom, lang),
        within_tolerance=within,
        stretch=fmt_number(stretch, uom, lang) if stretch is not None else "",
        stretch_met=stretch_short is not None and stretch_short <= 0,
        stretch_short=fmt_number(stretch_short, uom, lang) if stretch_short is not None and stretch_short > 0 else "",
        manual=target.origin == "manual",
        sources=_sources(target.sources, lang),
    )


def _target_gap(diff: Decimal | None, rate: bool, uom: str, lang: str) -> str:
    if diff is None:
        return MISSING
    return fmt_pp(abs(diff), lang=lang) if rate else fmt_number(abs(diff), uom, lang)

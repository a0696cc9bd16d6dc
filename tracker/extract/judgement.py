"""Judging a figure in its sentence: target or actual, which year, whose figure, how sure.

- Target or actual: the nearest cue before the figure in its sentence governs it, so the cue
  of an enumeration ("力争…达280家,…260家以上;…110家") governs every item; with none before,
  the first cue after it ("…1.08万台,将于今年建成投运"); a magnitude class ("千亿级产业集群")
  is a scale to reach. A figure for a past year is an actual; one for a future deadline or
  plan period is a target; a cumulative period (1—10月) with no cue is an actual.
- Year: the last time expression before the figure in its sentence, else earlier in its
  paragraph, else the document's year. "去年以来" means up to now.
- Whose: a figure whose subject is a company, institute or project, or that a company's
  representative states, is not a unit's figure.
- How long: a goal of a magnitude class with no deadline ("打造千亿级产业集群") is long-term:
  its record has period "open" and the flag "long_term" (its year is the year it was stated).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from tracker.extract import cues
from tracker.extract.dates import TimeExpr, resolve_year
from tracker.extract.edgechars import end_chars
from tracker.extract.figures import Figure
from tracker.extract.sentences import COMMA_BREAK

_QUOTE_CLOSE = re.compile(r"[”」』]")
_CUE_AFTER = 12  # "…1.08万台，将于今年建成投运": a cue right after the figure
_SINCE = re.compile(r"以来|至今")
_UNIT_ACTS_ON = re.compile(r"等|引进|招引|签约|落户|对接|服务|帮助|支持|推动|指导|组织|鼓励|培育|扶持|入驻|与|和")
_COMPARED = re.compile(r"(较|比|同比|与|相比)$")
_BARE_YEAR_END = re.compile(r"^(?:到|至|截至)?(?:年底|年末)")
_MULTIPLE_OF = re.compile(r"(?:同期)?的")   # 是2011年的1.37倍
# A deadline said as one ("到2025年", "2025年前", "“十四五”末"), not a date reached ("三季度末").
_EXPLICIT_DEADLINE = re.compile(r"^(?:到|至)|(?:前|以前|之前)$|五[”\"」』]?(?:规划)?(?:时期|期)?末")
# "到2020年，全省森林覆盖率达到40%": a plan's deadline stays a goal when the copy is read later.
_PLAN_DEADLINE = re.compile(r"(?:到|至)\s*20\d\d年$")


_PLAN_TITLE = re.compile(r"规划|计划|工作要点|工作安排|工作报告|实施方案|行动方案|行动计划|指导意见|目标任务|任务分解|安排|部署")
_REVIEW_TITLE = re.compile(r"公报|总结|回顾|纪实|成效|成就|情况|进展|运行|综述|盘点")


def default_kind(title: str | None) -> str:
    """What a figure with no cue is: in a plan or work report a goal, elsewhere a fact."""
    title = title or ""
    if _PLAN_TITLE.search(title) and not _REVIEW_TITLE.search(title):
        return "target"
    return "actual"


def kind_of(sentence_cues: list[cues.Cue], q, clause_from: int, default: str = "actual",
            scope: str | None = None) -> tuple[str, bool, bool]:
    """(kind, stretch, whether a cue or a scope decided). `scope` is the kind a heading or an
    introducer above the figure gives; weak actual cues (比上年, 累计) do not outweigh it."""
    if scope is not None:
        sentence_cues = [c for c in sentence_cues if not c.weak]
    before = [c for c in sentence_cues if c.end <= q.start]
    if before:
        nearest = before[-1]
        targets = [c for c in before if c.kind == "target"]
        # An achievement word in an earlier clause does not undo a later target cue.
        if nearest.kind == "actual" and targets and nearest.start < clause_from < targets[-1].start:
            nearest = targets[-1]
        stretch = nearest.kind == "target" and any(c.stretch for c in targets)
        return nearest.kind, stretch, True
    after = [c for c in sentence_cues if c.start >= q.end and c.start - q.end <= _CUE_AFTER]
    if after:
        return after[0].kind, after[0].stretch, True
    if scope is not None:
        return scope, False, True
    if q.kind == "class":
        return "target", False, True
    return default, False, False


def time_for(candidates: Sequence[TimeExpr], sentence_start: int, text: str,
             is_base: Callable[[TimeExpr], bool] | None = None) -> TimeExpr | None:
    """The last time expression before the figure (in its sentence when there is one there, as
    the last one then is). Bare dates (12月17日) date events, not figures, so they never govern;
    nor does the base of a comparison ("较上年增长20%"). `candidates` are in text order; they
    are read from the end, so the cost does not grow with the paragraph. `is_base` is the text's
    `Bases` when the caller keeps one."""
    is_base = is_base or Bases(text)
    for t in reversed(candidates):
        if (t.kind != "date" or t.year is not None) and not is_base(t):
            return t
    return None


def year_of(expr: TimeExpr | None, doc_year: int | None, text: str, frame_year: int | None = None) -> int | None:
    """The figure's year. `frame_year` is the year the passage speaks of (a year named earlier
    in the paragraph, a heading's year): figures with no time expression, and expressions
    without a year of their own (全年, 上半年, 1—10月), belong to it; 今年/去年 follow the
    document's date."""
    frame = frame_year if frame_year is not None else doc_year
    if expr is None or _SINCE.search(expr.text) or _SINCE.match(text, expr.end):
        return frame
    if expr.year is None and expr.span is None and (expr.offset is None or _BARE_YEAR_END.match(expr.text)):
        return frame   # 全年, 上半年, 1—10月, 年末 alone: the year the passage speaks of
    return resolve_year(expr, doc_year)


def _is_base(expr: TimeExpr, text: str) -> bool:
    """较上年, 比2019年同期, 是2011年的1.37倍: the time a figure is compared with."""
    return bool(_COMPARED.search(text, max(0, expr.start - 2), expr.start)
                or (_MULTIPLE_OF.match(text, expr.end) and text[expr.start - 1:expr.start] in ("是", "为")))


class Bases:
    """Whether a time expression of one text is the base of a comparison, decided once for each:
    every figure of a paragraph reads the same expressions back from its end."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[tuple[int, int], bool] = {}

    def __call__(self, expr: TimeExpr) -> bool:
        key = (expr.start, expr.end)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = _is_base(expr, self._text)
        return known


def frame_year(paragraph_times: Sequence[TimeExpr], scope_year: int | None, text: str,
               doc_year: int | None = None, is_base: Callable[[TimeExpr], bool] | None = None) -> int | None:
    """The last year named earlier in the paragraph ("2022年，…全年…", "刚刚过去的一年，…预计全年…"),
    else the scope's; never the base of a comparison (较2019年同期, 是2011年的1.6倍) nor the
    start of a span (2012年以来)."""
    is_base = is_base or Bases(text)
    for expr in reversed(paragraph_times):
        if _SINCE.search(expr.text) or is_base(expr):
            continue
        if expr.year is not None and expr.kind in ("year", "date", "period"):
            return expr.year
        if expr.kind == "relative_year" and expr.offset and doc_year is not None:
            return doc_year + expr.offset
    return scope_year


YEAR_END_MONTH = 11   # from November a year's estimates (预计全年完成…) are its provisional results


def carried_times(before: list[TimeExpr], scope_year: int | None, scope_year_before: int | None,
                  doc_year: int | None) -> list[TimeExpr]:
    """The last time the paragraph before names, for a result with none of its own, when both are
    under the same heading and it is part of a year (前三季度, 1-10月): a statistics release names its
    period once for several paragraphs."""
    if scope_year != scope_year_before or not before:
        return []
    last = before[-1]
    if last.kind != "period" or last.months in (None, (1, 12)) or _SINCE.search(last.text):
        return []
    if last.year is not None and doc_year is not None and last.year > doc_year:
        return []
    return [last]


# "2024年地区生产总值增长目标为6%": a goal stated as one right before the figure stays a goal,
# even when the year it was set for is over.
_STATED_GOAL = re.compile(r"(?:目标|预期)值?(?:为|是|定为|设定为)?[:：]?\s*$")
_STATED_GOAL_ENDS = end_chars(_STATED_GOAL)


def states_goal(text: str, clause_start: int, position: int) -> bool:
    return text[position - 1:position] in _STATED_GOAL_ENDS and bool(_STATED_GOAL.search(text, clause_start, position))


def kind_by_time(kind: str, expr: TimeExpr | None, year: int | None, doc_year: int | None, cue_before: bool,
                 quantity_kind: str, sentence_start: int = 0, doc_month: int | None = None,
                 stated_goal: bool = False) -> str:
    """Time overrides cues: past years are facts, future years goals, 1—9月 figures results,
    and a whole year not yet over (2024年… in a document of January 2024) is a goal. An
    estimate (预计完成, 预计全年: kinds FORECAST, ESTIMATE) of a year that is over, or at its end
    (from November), is a provisional result; earlier in the year, a forecast: a goal."""
    if kind in (cues.FORECAST, cues.ESTIMATE):
        kind, cue_before = _estimate(kind, year, doc_year, doc_month), True
    if stated_goal and kind == "target":
        return kind
    if expr is None or year is None or doc_year is None:
        return kind
    if year > doc_year:
        return "target"
    if year == doc_year and kind == "actual" and not cue_before and doc_month is not None and doc_month < 12 \
            and (expr.kind == "year" or (expr.kind == "period" and expr.months == (1, 12))):
        return "target"
    if year < doc_year and quantity_kind != "class" and not _PLAN_DEADLINE.match(expr.text):
        return "actual"
    if expr.kind == "deadline" and expr.start >= sentence_start and _EXPLICIT_DEADLINE.search(expr.text) \
            and not (cue_before and kind == "actual"):
        return "target"  # "十四五"末…达到2.8%, 到年底…: a deadline still ahead is a goal, even in a review
    if expr.kind == "period" and expr.months and expr.months != (1, 12) and not cue_before:
        return "actual"
    return kind


def _estimate(cue: str, year: int | None, doc_year: int | None, doc_month: int | None) -> str:
    if year is not None and doc_year is not None and year != doc_year:
        return "actual" if year < doc_year else "target"
    if doc_month is None or year is None:
        return "actual" if cue == cues.ESTIMATE else "target"
    return "actual" if doc_month >= YEAR_END_MONTH else "target"


LONG_TERM = "long_term"   # flag of a goal with no deadline; its period is OPEN_PERIOD
OPEN_PERIOD = "open"
_DEADLINE_KINDS = ("year", "deadline", "plan_period", "date", "period")


def is_long_term(kind: str, quantity_kind: str, expr: TimeExpr | None, sentence_start: int) -> bool:
    """A goal of a magnitude class with no deadline in its sentence ("打造千亿级产业集群",
    "百万吨级基地"): a long-term aim, never this year's annual target."""
    if kind != "target" or quantity_kind != "class":
        return False
    return expr is None or expr.start < sentence_start or expr.kind not in _DEADLINE_KINDS


def is_company_figure(text: str, sentence_start: int, clause_from: int, figure: Figure, subject_from: int,
                      speaking_from: int | None = None) -> bool:
    """Whether the figure is a company's, an institute's or a project's. `speaking_from` is where
    a company's representative may have begun an account that the figure's sentence continues
    ("公司研发总监告诉记者，…。1—8月已形成开票销售1.1亿元"): the paragraph's start, or the end of the
    unit last named before the sentence."""
    subject = text[max(clause_from, subject_from):figure.indicator_start]
    if cues.is_company_subject(subject) and not subject.rstrip().endswith("等"):
        return True
    if subject_from <= sentence_start:
        # "某某科技有限公司年营业收入超过50亿元，员工3000余人": a company that opens the sentence
        # is the subject of every clause in it, unless the unit acts on it (引进某某公司等).
        cut = COMMA_BREAK.search(text, sentence_start, figure.quantity.start)
        head = text[sentence_start:cut.start() if cut else figure.quantity.start]
        if cues.NAMED_COMPANY.search(head) and not _UNIT_ACTS_ON.search(head):
            return True
    end = figure.quantity.start
    comma_from = max(text.rfind(",", sentence_start, end), text.rfind("，", sentence_start, end),
                     text.rfind(";", sentence_start, end), text.rfind("；", sentence_start, end))
    named_until = min(figure.quantity.start, figure.indicator_start)   # "新增上市公司7家": the indicator's own word
    if cues.NAMED_COMPANY.search(text, max(comma_from, sentence_start), max(named_until, sentence_start)):
        return True  # "已对接广药集团、某某等近20家企业": partners named, not the unit's own figure
    if cues.SPEAKER_AT_COMPANY.search(text, sentence_start, figure.quantity.start):
        return True
    if speaking_from is not None and subject_from <= sentence_start < figure.quantity.start \
            and cues.SPEAKER_AT_COMPANY.search(text, speaking_from, sentence_start):
        return True   # the company's representative is still speaking
    opened = text.rfind("“", sentence_start, figure.quantity.start)
    if opened >= 0 and text.rfind("”", opened, figure.quantity.start) < 0:
        close = _QUOTE_CLOSE.search(text, figure.quantity.end)
        if close:
            return cues.is_company_subject(text[close.end():close.end() + 20])
    return False


def confidence(figure: Figure, unit_how: str, cue_found: bool, expr: TimeExpr | None) -> float:
    return _score(figure.indicator is None, not cue_found, unit_how == "document", expr is None)


@functools.cache
def _score(no_indicator: bool, no_cue: bool, by_document: bool, no_time: bool) -> float:
    # Sixteen possible scores, each worked out once.
    score = 0.95
    if no_indicator:
        score -= 0.3
    if no_cue:
        score -= 0.1
    if by_document:
        score -= 0.1
    if no_time:
        score -= 0.05
    return round(max(0.05, score), 2)

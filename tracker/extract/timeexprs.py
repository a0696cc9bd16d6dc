"""Finding time expressions in Chinese text: 今年, 到2025年, "十四五"末, 1—10月, 前三季度, 2024年3月5日.

Each expression says what it can without the document's date: an absolute `year` when
written, else an `offset` from the document's year (今年 0, 去年 -1); `resolve_year` adds
the document year later. `months` is the span of months a figure covers (1—10月 -> (1, 10)).

Kinds: year (2023年), relative_year (今年), deadline (到2025年, 2025年前, 年底, "十四五"末),
period (1—10月, 上半年, 截至9月底, 截至目前), plan_period ("十四五"时期, 2021—2025年, 今后五年)
and date (2024年3月5日, 12月17日, 今年6月).
"""

from __future__ import annotations

import datetime
import re

from tracker.extract.edgechars import end_chars
from tracker.extract.numerals import parse_decimal
from tracker.extract.prefilter import WHOLE, pair_guarded, skipping_ahead
from tracker.extract.values import value_class


@value_class
class TimeExpr:
    """A time expression as found; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    kind: str                                # year | relative_year | deadline | period | plan_period | date
    year: int | None = None                  # absolute year when stated (for plans: the end year)
    offset: int | None = None                # relative to the document's year: 今年 0, 去年 -1
    months: tuple[int, int] | None = None    # first and last month covered: 前三季度 -> (1, 9)
    date: datetime.date | None = None        # a full date with its year
    month_day: tuple[int, int] | None = None  # 12月17日 -> (12, 17), with or without a year
    years: tuple[int, int] | None = None     # plan periods: "十四五" -> (2021, 2025)
    span: int | None = None                  # relative plan periods: 今后五年 -> 5 years


_Y = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"
_YCN = r"(?<![〇零一二三四五六七八九十])[一二][〇零一二三四五六七八九]{3}"
# A Chinese month digit must not end a word: 统一月度, 唯一, 第一, 之一, 星期一.
_M = r"(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|(?<![〇零一二三四五六七八九十统唯万第之同专单逐划合其周期])[一二三四五六七八九]"
_D = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"
_GAP = "[ \u3000]?"
_DASH = rf"{_GAP}(?:[-—–~～至到]|－|——){_GAP}"
_REL = r"今年|去年|(?:刚刚)?过去(?:的)?一年|明年|(?<![年以之])前年|(?<![此今以之然])后年|本年|(?<!以)上年|上一年|下一年"
_PERIOD = rf"""
      (?P<r1>{_M})(?:月份?)?{_DASH}(?P<r2>{_M})月份?(?P<rend>底|末)?
    | 前(?P<q>[一二三123])季度
    | 第?(?P<qq>[一二三四1234])季度
    | (?P<half>[上下])半年
    | (?P<full>全年)
    | 前(?P<fm>{_M}|两)个月
    | (?P<ye>年底|年末)
    | (?P<mo>{_M})月份?(?:(?P<day>{_D})[日号]|(?P<mend>底|末))?
"""
# 2023-12-31, 2023/1/5: the separator after the month is the one before it. Said with look-behinds
# rather than a back-reference, which a scanner's look-behind cannot hold (prefilter.skipping_ahead).
_SAME_SEPARATOR = "(?:" + "|".join(rf"(?:(?<={sep}[0-9])|(?<={sep}[0-9]{{2}})){sep}" for sep in (r"-", "/", r"\.")) + ")"
_RX = re.compile(
    rf"""
      (?P<iy>{_Y})[-/.](?P<im>1[0-2]|0?[1-9]){_SAME_SEPARATOR}(?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9])
        (?P<isuf>前|以前|之前)?
    | (?P<sy1>{_Y})年?(?:{_GAP}(?:[-—–~～]|－|——){_GAP}|至|到)(?P<sy2>{_Y})年
    | (?P<q1>[“"「『])?(?<![〇零一二三四五六七八九十])(?P<plan>十[一二三四五六七八九]|[一二三四五六七八九十])五
        (?P<q2>[”"」』])?(?P<psuf>规划期末|规划末|时期末|期末|末期|末|规划期间|规划期内|期间|时期|规划)?
        (?![个届年大〇零一二三四五六七八九十])
    | (?P<nx>今后|未来)(?P<nn>[一二三四五六七八九十两]|[0-9]{{1,2}})个?年
    | (?P<now>截至目前|截止目前|截至当前|截止当前|截至现在|目前为止|迄今为止|迄今)
    | (?:(?:(?P<ya>{_Y}|{_YCN})年|(?P<yr>{_REL}))(?P<du>度)?(?:{_PERIOD.replace("?P<", "?P<a")})?
        | {_PERIOD})
      (?P<suf>底前|末前|以前|之前|前|以来|起|底|末)?
    """,
    re.VERBOSE,
)
_START = r"[0-9〇零一二三四五六七八九十“\"「『今去明前后本上下全第年截目迄未过刚]"
# As in quantities: tried only where an expression can start, so the engine skips ahead itself;
# the pair guard also rejects the many starts whose next character no expression has (一是, 全市).
_RX_AT_START = re.compile((pair_guarded(_RX.pattern, re.VERBOSE) or f"(?={_START})") + f"(?:{_RX.pattern}\n)",
                          re.VERBOSE)
# And skipping ahead in C to the characters an expression starts with: group WHOLE is the match.
_SCAN = skipping_ahead(_RX_AT_START) or re.compile(f"({_RX_AT_START.pattern})", re.VERBOSE)
# 时至年底 is "now at year end"; 增长至2016年底的12万家 tells where a count stood, not a deadline.
_PRE_RX = re.compile(r"(?:截止到|截止至|截至|截止|到|(?<![时长高升降加少大])至)$")
_PRE_ENDS = end_chars(_PRE_RX)
_REL_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1, "下一年": 1, "前年": -2, "后年": 2,
               "过去一年": -1, "过去的一年": -1, "刚刚过去一年": -1, "刚刚过去的一年": -1}
_HALF = {"上": (1, 6), "下": (7, 12)}
_PERIOD_GROUPS = ("r1", "r2", "rend", "q", "qq", "half", "full", "fm", "ye", "mo", "day", "mend")
_YEAR_PERIOD_GROUPS = tuple("a" + name for name in _PERIOD_GROUPS)   # the same after a year (2024年1—10月)
_DEADLINE_SUFFIX = ("底前", "末前", "以前", "之前", "前", "底", "末")


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Every time expression in `text`, in order of position."""
    if not isinstance(text, str) or not text:
        return []
    found: list[TimeExpr] = []
    last_end = 0
    pos = 0
    while (m := _SCAN.search(text, pos)) is not None:
        at = m.start(WHOLE)
        pre_match = _PRE_RX.search(text, max(last_end, at - 3), at) if text[at - 1:at] in _PRE_ENDS else None
        expr = _build(m, pre_match.group() if pre_match else "")
        if expr is None:
            pos = m.start(WHOLE) + 1
            continue
        found.append(expr)
        last_end = pos = expr.end
    return found


def plan_years(number: int) -> tuple[int, int]:
    """Years of the n-th five-year plan: 14 -> (2021, 2025). Plans run in five-year steps from the 3rd (1966)."""
    start = {1: 1953, 2: 1958}.get(number, 1966 + 5 * (number - 3))
    return start, start + 4


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isascii() and text.isdigit():
        return int(text)   # 2024, 10: most numbers in time expressions, read without Decimal
    value = parse_decimal(text.replace("两", "二"))
    return None if value is None else int(value)


def _build(m: re.Match[str], pre: str) -> TimeExpr | None:
    # A bound word in front (到2025年, 截至9月底) always belongs to the expression.
    base = (m.start(WHOLE) - len(pre), m.end(WHOLE), pre + m.group(WHOLE))   # start, end, text
    if m["sy1"]:
        first, last = int(m["sy1"]), int(m["sy2"])
        if not first < last <= first + 30:
            return None
        return TimeExpr(*base, kind="plan_period", year=last, years=(first, last))
    if m["plan"]:
        return _plan(m, pre, base)
    if m["nx"]:
        span = _number(m["nn"])
        return TimeExpr(*base, kind="plan_period", offset=0, span=span) if span else None
    if m["now"]:
        return TimeExpr(*base, kind="period")
    return _year_and_period(m, pre, base)


def _plan(m: re.Match[str], pre: str, base: tuple[int, int, str]) -> TimeExpr | None:
    number = _number(m["plan"])
    quoted = bool(m["q1"] and m["q2"])
    if number is None or (not quoted and not m["psuf"] and number < 11):
        return None  # 十五, 九五 alone are numbers far more often than plans
    first, last = plan_years(number)
    kind = "deadline" if "末" in (m["psuf"] or "") or pre in ("到", "至") else "plan_period"
    return TimeExpr(*base, kind=kind, year=last, years=(first, last))


def _year_and_period(m: re.Match[str], pre: str, base: tuple[int, int, str]) -> TimeExpr | None:
    if m["iy"]:  # 2023-12-31
        year, offset = int(m["iy"]), None
        g = dict.fromkeys(_PERIOD_GROUPS) | {"mo": m["im"], "day": m["id"]}
    else:
        g = dict(zip(_PERIOD_GROUPS, m.group(*(_YEAR_PERIOD_GROUPS if m["ya"] or m["yr"] else _PERIOD_GROUPS)), strict=True))
        year = _number(m["ya"]) if m["ya"] else None
        offset = _REL_OFFSET.get(m["yr"] or "")
        if year is not None and not 1900 <= year <= 2099:
            return None  # 一二三四年 is not a year
    suffix = m["suf"] or m["isuf"] or ""
    ok, months, month_day, point = _months(g)
    if not ok:
        return None
    # Without a year, check the day against a leap year: 2月29日 may be real, 2月30日 never is.
    when = _valid_date(2000 if year is None else year, *month_day) if month_day else None
    if month_day and when is None:
        return None
    if year is None:
        when = None
    ends = bool(g["ye"] or g["rend"] or g["mend"] or suffix in ("底", "末"))
    if pre.startswith("截"):
        kind = "period"
        if point or ends or (months is None and (year is not None or offset is not None)):
            months = (1, months[1] if months else 12)  # 截至9月底: the cumulative figure for Jan–Sep
    elif pre in ("到", "至") or suffix in _DEADLINE_SUFFIX or g["ye"]:
        kind = "deadline"
    elif months and not point:
        kind = "period"
    elif months:
        kind = "date"
    elif suffix == "以来":
        kind = "period"
    else:
        kind = "year" if year is not None else "relative_year"
    if g["ye"] and offset is None and year is None:
        offset = 0  # 年底 alone speaks of the current year
    return TimeExpr(*base, kind=kind, year=year, offset=offset, months=months, date=when, month_day=month_day)


def _months(g: dict[str, str | None]) -> tuple[bool, tuple[int, int] | None, tuple[int, int] | None, bool]:
    """(valid, months covered, (month, day), whether the months name a point in time rather than a span)."""
    if g["r1"]:
        first, last = _number(g["r1"]), _number(g["r2"])
        return bool(first and last and first < last <= 12), (first or 0, last or 0), None, False
    if g["q"]:
        return True, (1, 3 * (_number(g["q"]) or 0)), None, False
    if g["qq"]:
        quarter = _number(g["qq"]) or 0
        return True, (3 * quarter - 2, 3 * quarter), None, False
    if g["half"]:
        return True, _HALF[g["half"]], None, False
    if g["full"]:
        return True, (1, 12), None, False
    if g["fm"]:
        count = _number(g["fm"]) or 0
        return 0 < count <= 12, (1, count), None, False
    if g["mo"]:
        month, day = _number(g["mo"]) or 0, _number(g["day"])
        return 0 < month <= 12, (month, month), ((month, day) if day else None), True
    return True, None, None, False


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None

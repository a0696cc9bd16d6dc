"""Time expressions and the year a document speaks in.

`find_time_expressions` (in `timeexprs`) finds 今年, 到2025年, "十四五"末, 1—10月 ...;
this module resolves them against the document's year and infers that year.

How `infer_document_date` decides, first rule that applies wins:
1. the publication date given by the caller;
2. a full date on one of the first 12 non-empty lines, if the line is a short by-line (at most
   40 characters: "2024年04月23日 02:23 兰州日报") or labelled (发布时间:2023-12-31);
3. the text names its year: "2024年注定是…的一年", "2024年是…之年"; or speaks of a five-year
   plan's last or first year ("实现“十四五”圆满收官" -> 2025, "“十五五”开局之年" -> 2026);
4. the text says 去年/上年/今年 and reports the latest year it names (Y) as past, in a sentence with
   取得/实现/完成/达到… and no 将/力争/计划: it was written in Y + 1;
5. a coming start, "从Y年起" / "自Y年起": written in Y - 1;
6. a sentence that opens with the year and plans for it ("2024年，…将…"): written in Y;
7. the latest year the text names (a weak guess, said so in the reason).
Lines from a related-news list (相关新闻 …) and copyright or legal lines are never used.
"""

from __future__ import annotations

import datetime
import re

from tracker.extract.numerals import parse_decimal
from tracker.extract.timeexprs import TimeExpr, find_time_expressions, plan_years

__all__ = [
    "TimeExpr", "find_time_expressions", "infer_document_date", "period_of", "plan_years",
    "resolve_date", "resolve_year",
]

HEADER_LINES = 12
BYLINE_CHARS = 40  # a dated line longer than this is a sentence about an event, not a by-line
_TAIL = re.compile(r"相关新闻|相关阅读|相关推荐|相关文章|推荐阅读|延伸阅读|热门推荐|往期回顾|猜你喜欢")
_LEGAL = re.compile(r"版权|copyright|©|ICP|备案|声明|免责", re.IGNORECASE)
_DATE_LABEL = re.compile(r"发布|时间|日期|来源|发表|更新|稿")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+")
_NAMES_ITS_YEAR = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})年(?:注定|将|必将|也|更|又)?(?:是|为)[^。！？；\n]{0,30}?(?:一年|之年)"
)
# "实现“十四五”圆满收官", "“十五五”开局之年": the text speaks in the plan's last or first year.
_PLAN_EDGE = re.compile(r"[“\"「]?(?<![〇零一二三四五六七八九十])(十[一二三四五六七八九]|[一二三四五六七八九十])五[”\"」]?"
                        r"[^。！？；\n]{0,8}?(收官|开局)")
_COMING_START = re.compile(r"[从自]((?:19|20)[0-9]{2})年(?:起|开始)")
_PLANS_FOR_YEAR = re.compile(r"^\s*((?:19|20)[0-9]{2})年[，,]?[^。！？；\n]*?(?:将|力争|计划|要|目标)")
_PAST = re.compile(r"取得|实现|完成|达到|突破|新增|累计|获得|获评|建成|增长|同比|成功|创历史")
_FUTURE = re.compile(r"将|力争|计划|拟|目标|预期|争取")
_YEAR_KINDS = ("year", "date", "period")
# Words by which a text speaks of its own time: with the latest year it names told as past,
# they date it to the year after ("2023年完成…", "今年一季度…").
_NOW_WORDS = ("去年", "上年", "今年")


def resolve_year(expr: TimeExpr, doc_year: int | None) -> int | None:
    """The year `expr` refers to: its own year, else `doc_year` plus its offset.

    Plan periods resolve to their end year ("十四五" -> 2025, 今后五年 in 2023 -> 2027);
    expressions without any year (1—10月, 截至目前, 12月17日) are in the document's year.
    """
    if expr.year is not None:
        return expr.year
    if doc_year is None:
        return None
    offset = expr.offset or 0
    return doc_year + offset + (expr.span - 1 if expr.span else 0)


def period_of(expr: TimeExpr, year: int | None) -> str | None:
    """'2023-01/2023-10' for 1—10月 in 2023; None unless `expr` is a period or a month.

    The expression's own year wins over `year` (2023年前三季度 stays in 2023).
    """
    if expr.months is None or expr.kind not in ("period", "date"):
        return None
    year = expr.year if expr.year is not None else year
    if year is None:
        return None
    first, last = expr.months
    return f"{year}-{first:02d}/{year}-{last:02d}"


def resolve_date(expr: TimeExpr, doc_year: int | None) -> datetime.date | None:
    """The full date of a date expression, taking the year from the document when not written."""
    if expr.date is not None:
        return expr.date
    year = resolve_year(expr, doc_year)
    if expr.month_day is None or year is None:
        return None
    try:
        return datetime.date(year, *expr.month_day)
    except ValueError:
        return None


def infer_document_date(
    text: str, *, published: datetime.date | None = None
) -> tuple[datetime.date | None, int | None, str]:
    """(publication date if known, the year the text's 今年 means, a one-line reason)."""
    if published is not None:
        return published, published.year, f"publication date given with the document ({published.isoformat()})"
    if not isinstance(text, str):
        return None, None, "no text to read a date from"
    lines = _body_lines(text)
    header = _header_date(lines)
    if header is not None:
        return header
    year, reason = _year_from_text("\n".join(lines))
    return None, year, reason


def _body_lines(text: str) -> list[str]:
    """The text's lines up to a related-news list, without copyright or legal lines."""
    kept: list[str] = []
    for line in text.splitlines():
        if _TAIL.search(line) and len(line.strip()) <= 20:
            break
        if not _LEGAL.search(line):
            kept.append(line)
    return kept


def _header_date(lines: list[str]) -> tuple[datetime.date, int, str] | None:
    non_empty = [line.strip() for line in lines if line.strip()][:HEADER_LINES]
    for number, line in enumerate(non_empty, start=1):
        if len(line) > BYLINE_CHARS and not _DATE_LABEL.search(line[:12]):
            continue
        for expr in find_time_expressions(line):
            if expr.date is not None and expr.kind == "date":
                return expr.date, expr.date.year, f"date {expr.date.isoformat()} on line {number} near the top"
    return None


def _year_from_text(text: str) -> tuple[int | None, str]:
    named = [int(m.group(1)) for m in _NAMES_ITS_YEAR.finditer(text)]
    if named:
        return max(named), f"the text calls {max(named)} its year ({max(named)}年是…之年)"
    edges = [_plan_edge(m) for m in _PLAN_EDGE.finditer(text)]
    if edges:
        year = min(edges)
        return year, f"the text speaks of a five-year plan's first or last year ({year})"
    sentences = _SENTENCE.findall(text)
    past, mentioned = _years_by_tense(sentences)
    if past and any(word in text for word in _NOW_WORDS) and max(past) >= max(mentioned):
        year = max(past) + 1
        return year, f"the text says 去年 and reports {year - 1} as past, so it was written in {year}"
    coming = [int(m.group(1)) for m in _COMING_START.finditer(text)]
    if coming:
        year = min(coming) - 1
        return year, f"the text announces a start in {year + 1} (从{year + 1}年起), so it was written in {year}"
    planned = [int(m.group(1)) for s in sentences if (m := _PLANS_FOR_YEAR.match(s))]
    if planned:
        return max(planned), f"the text plans for {max(planned)} (\"{max(planned)}年，…将…\")"
    if mentioned:
        return max(mentioned), f"weak guess: the latest year the text names is {max(mentioned)}"
    return None, "no date or year found in the text"


def _plan_edge(match: re.Match[str]) -> int:
    first, last = plan_years(int(parse_decimal(match.group(1)) or 0))
    return last if match.group(2) == "收官" else first


def _years_by_tense(sentences: list[str]) -> tuple[list[int], list[int]]:
    """(years reported as past, all years named) over the sentences, plans and deadlines aside."""
    past: list[int] = []
    mentioned: list[int] = []
    for sentence in sentences:
        found = [e for e in find_time_expressions(sentence) if e.year]
        years = [e.year for e in found if e.kind in _YEAR_KINDS]
        if _PAST.search(sentence) and not _FUTURE.search(sentence):
            # "增长至2016年底的12万家": a year-end reached, in a sentence about the past.
            years += [e.year for e in found if e.kind == "deadline"]
            past.extend(years)
        mentioned.extend(years)
    return past, mentioned

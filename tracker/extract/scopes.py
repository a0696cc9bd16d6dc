"""Kind and year set by a document's structure: headings and the introducers of lists.

A heading ("二、2025年主要目标任务", "■ 2024年成绩单", "一、奋发有为，2018年迈出铿锵步伐") sets
the kind and year of everything under it, until the next heading of the same or a higher
rank; its kind comes from its goal or review words (structure.yaml), else from its year
against the document's (a past year is a review). An introducer ("主要预期目标是：",
"一年来，我们的主要工作及成效是：") sets them for the rest of its paragraph, or, when it ends
its line, for the lines after it up to the next heading or introducer. A figure's own cue
still wins over a scope (judgement.kind_of). Ranks: 0 an unmarked short heading line that
names a kind or a year, 1 一、/■, 2 (一), 3 1./(1)/①.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tracker.extract.lexicon import lexicon
from tracker.extract.prefilter import sees_past_its_match, spans
from tracker.extract.timeexprs import find_time_expressions

_LEX = lexicon()
_MARKS = [(rank, _LEX.compile(r"\s*" + "{heading_marks_" + str(rank) + "}")) for rank in (1, 2, 3)]
_ANY_MARK = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _MARKS))   # most lines have none
_LIST_MARK = _LEX.compile(r"\s*{list_marks}")
_REVIEW = _LEX.compile("{review_words}")
_GOAL = _LEX.compile("{goal_words}")
_INTRODUCER = _LEX.compile("(?:{review_words}|{goal_words})(?:{introducer_ends})")
_INTRODUCER_SEES_PAST = sees_past_its_match(_INTRODUCER)
_HEADING_END = re.compile(r"[。：:；;！!？?]")
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?，,:：]\s*$")  # a line ending in a colon introduces, not heads
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?\n]")
_DIGIT = re.compile(r"[0-9%％]")
_FOOTNOTE = re.compile(r"[\[［【]\d{1,2}[\]］】]")  # "统计公报[1]": a note mark, not a figure
_MARKED_HEADING_CHARS = 40
_BARE_HEADING_CHARS = 30
_LIST_LINE_CHARS = 150  # a longer line without a list mark is prose: a list above it has ended
_YEAR_KINDS = ("year", "relative_year", "deadline", "date")


@dataclass(frozen=True)
class Scope:
    start: int
    end: int
    kind: str | None   # "target" | "actual" | None (a heading that only closes others)
    year: int | None
    rank: int          # the title -1, headings 0-3; introducers 9 (always innermost)
    how: str           # "title" | "heading" | "introducer"


class Scopes:
    """The headings and introducers of one text, looked up by position."""

    def __init__(self, text: str, doc_year: int | None, title: str = ""):
        self.doc_year = doc_year
        lines = _lines(text)
        headings = [h for h in (_heading(text, start, end, doc_year) for start, end in lines) if h is not None]
        scopes = _close_headings(headings, len(text))
        named = _heading(title, 0, len(title), doc_year) if title else None
        if named is not None and named.year is not None:
            # "某县2021年国民经济和社会发展统计公报": the title's year frames the whole text; its
            # kind is the document's default (judgement.default_kind), not a scope.
            scopes.append(Scope(0, len(text), None, named.year, -1, "title"))
        scopes += _introducers(text, lines, headings, doc_year)
        self.scopes = sorted((s for s in scopes if s.kind is not None or s.year is not None), key=lambda s: s.start)
        self._starts = [s.start for s in self.scopes]
        # The scopes holding a position change only where one starts or ends, so the answer is
        # found once for each stretch between those places, not again for every figure in it.
        self._bounds = sorted({at for scope in self.scopes for at in (scope.start, scope.end)})
        self._answers: dict[int, tuple[str | None, int | None]] = {}

    def at(self, position: int) -> tuple[str | None, int | None]:
        """(kind, year) the innermost scopes around `position` give; None where none does."""
        stretch = bisect_right(self._bounds, position)
        if stretch not in self._answers:
            self._answers[stretch] = self._holding(position)
        return self._answers[stretch]

    def _holding(self, position: int) -> tuple[str | None, int | None]:
        holding = [s for s in self.scopes[:bisect_right(self._starts, position)] if s.start <= position < s.end]
        holding.sort(key=lambda s: (s.rank, s.start))
        kind = next((s.kind for s in reversed(holding) if s.kind is not None), None)
        year = next((s.year for s in reversed(holding) if s.year is not None), None)
        return kind, year


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _heading(text: str, start: int, end: int, doc_year: int | None) -> Scope | None:
    line = text[start:end]
    stripped = line.strip()
    if not stripped:
        return None
    rank, body_from = 0, 0
    for mark_rank, pattern in _MARKS if _ANY_MARK.match(line) else ():
        found = pattern.match(line)
        if found:
            rank, body_from = mark_rank, found.end()
            break
    body = line[body_from:]
    if rank:
        cut = _HEADING_END.search(body)
        body = body[:cut.start()] if cut else body
        if len(body.strip()) > _MARKED_HEADING_CHARS:
            return None
    elif len(stripped) > _BARE_HEADING_CHARS or _SENTENCE_PUNCT.search(stripped):
        return None
    times = find_time_expressions(body)
    rest = body
    for expr in reversed(times):
        rest = rest[:expr.start] + rest[expr.end:]
    if _DIGIT.search(_FOOTNOTE.sub("", rest)):
        return None  # "1. 地区生产总值增长6%": a list item with a figure, not a heading
    # A dated line ("2022年3月28日", a byline) is no heading; a heading names a year, not a day.
    year = _year([t for t in times if t.kind != "date"], doc_year)
    kind = _kind_of_words(body)
    if kind is None and year is not None and doc_year is not None and year != doc_year:
        kind = "actual" if year < doc_year else "target"
    if rank == 0 and kind is None and year is None:
        return None   # a short line such as "综合" or a caption: no heading we can use
    return Scope(start, end, kind, year, rank, "heading")


def _kind_of_words(words: str) -> str | None:
    if _REVIEW.search(words):
        return "actual"
    if _GOAL.search(words):
        return "target"
    return None


def _year(times, doc_year: int | None) -> int | None:
    for expr in times:
        if expr.kind not in _YEAR_KINDS:
            continue
        if expr.year is not None:
            return expr.year
        if expr.offset is not None and doc_year is not None:
            return doc_year + expr.offset
    return None


def _close_headings(headings: list[Scope], text_end: int) -> list[Scope]:
    """Each heading reaches the next heading of the same or a higher rank."""
    closed = []
    for index, heading in enumerate(headings):
        end = next((h.start for h in headings[index + 1:] if h.rank <= heading.rank), text_end)
        closed.append(Scope(heading.start, end, heading.kind, heading.year, heading.rank, "heading"))
    return closed


def _introducers(text: str, lines: list[tuple[int, int]], headings: list[Scope], doc_year: int | None) -> list[Scope]:
    heading_starts = {h.start for h in headings}
    found = []
    holding = _lines_holding_introducers(text, lines)
    for number, (start, end) in enumerate(lines):
        for match in _INTRODUCER.finditer(text, start, end) if holding is None or number in holding else ():
            clause_from = max((m.end() for m in _CLAUSE_BREAK.finditer(text, start, match.start())), default=start)
            kind = _kind_of_words(text[clause_from:match.end()])
            sentence_from = max((text.rfind(ch, start, match.start()) + 1 for ch in "。；;！？"), default=start)
            year = _year(list(reversed(find_time_expressions(text[max(sentence_from, start):match.start()]))), doc_year)
            if text[match.end():end].strip():
                scope_end = end
            else:
                scope_end = _list_end(text, lines[number + 1:], heading_starts)
            found.append(Scope(match.end(), scope_end, kind, year, 9, "introducer"))
        last = end   # the line without its trailing spaces ends here (found in place: most lines end otherwise)
        while last > start and text[last - 1].isspace():
            last -= 1
        if last == start or text[last - 1] not in "：:":
            continue
        line = text[start:last]
        if len(line.strip()) <= _MARKED_HEADING_CHARS and not any(s.start == start + len(line) for s in found):
            # "围绕上述目标，我们将重点抓好以下七个方面工作：": a short line ending in a colon
            # introduces the lines below it with the kind its words give.
            kind = _kind_of_words(line)
            if kind is not None:
                year = _year(list(reversed(find_time_expressions(line))), doc_year)
                found.append(Scope(start + len(line), _list_end(text, lines[number + 1:], heading_starts),
                                   kind, year, 9, "introducer"))
    return found


def _lines_holding_introducers(text: str, lines: list[tuple[int, int]]) -> set[int] | None:
    """The lines an introducer found in the whole text starts in or runs into: the only ones a
    line's own search can find one in (the pattern looks at nothing past its match); None when
    every line must be searched."""
    if _INTRODUCER_SEES_PAST:
        return None
    starts = [start for start, _ in lines]
    holding: set[int] = set()
    for start, end in spans(_INTRODUCER, text):
        holding.update(range(bisect_right(starts, start) - 1, bisect_right(starts, end - 1)))
    return holding


def _list_end(text: str, following: list[tuple[int, int]], heading_starts: set[int]) -> int:
    """Where the lines listed under an introducer that ends its line stop."""
    last = following[0][0] if following else len(text)
    for start, end in following:
        line = text[start:end]
        if start in heading_starts or _INTRODUCER.search(line):
            return start
        if len(line.strip()) > _LIST_LINE_CHARS and not _LIST_MARK.match(line) \
                and not _ANY_MARK.match(line):
            return start
        last = end
    return last

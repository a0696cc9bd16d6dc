"""Paragraphs, sentences and clauses of cleaned text, as spans.

A sentence ends at 。！？ (with a closing quote that follows) or at a line end; the cue of a
sentence ("力争…") governs every clause in it. Clauses split at commas, semicolons, colons,
enumeration commas and brackets: the words that name a figure are in its own clause.

Text that runs on without such ends (machine-made copies, tables flattened into one line) is
cut into sentences of at most MAX_SENTENCE characters, at the last comma or semicolon before
the limit: a real sentence is a few hundred characters, and the work per figure must not grow
with the length of the text. For the same reason a figure looks back at most PARAGRAPH_REACH
characters in its paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from tracker.extract.values import value_class

_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』)）]*|\n")
CLAUSE_BREAK = re.compile(r"[,，;；:：、（(）)]")


@value_class
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the line the sentence is in


MAX_SENTENCE = 2000
# How far back in its paragraph a figure looks for the year or the unit named before it: real
# paragraphs are shorter, and a single-line text of megabytes is not one passage.
PARAGRAPH_REACH = 5000
_RUN_ON_CUT = re.compile(r"[,，;；]")


def split_sentences(text: str) -> list[Sentence]:
    return _split(text, 0, len(text), 0)


def _split(text: str, start: int, stop: int, paragraph: int) -> list[Sentence]:
    """The sentences of text[start:stop], which starts a line; `paragraph` is that line's index."""
    sentences: list[Sentence] = []
    for match in _SENTENCE_END.finditer(text, start, stop):
        # Only the bare line end holds a \n (the other alternative cannot), and it ends the
        # sentence before itself.
        at, start_next = match.span()
        if start_next - at == 1 and text[at] == "\n":
            _add(sentences, text, start, at, paragraph)
            paragraph += 1
        else:
            _add(sentences, text, start, start_next, paragraph)
        start = start_next
    _add(sentences, text, start, stop, paragraph)
    return sentences


def lines_holding(text: str, positions: Sequence[int]) -> Iterator[tuple[list[Sentence], int, int]]:
    """For each line that holds one of `positions` (in order): its sentences, as split_sentences
    gives them, where its first sentence starts, and where the first sentence of the nearest line
    before it that holds any starts (the line's own first sentence when none does). The other
    lines are not split: most sentences of a document hold no figure. A line's sentences do not
    depend on the lines before it (no sentence end runs over a line end), and its first sentence
    starts at its first character that is not a space."""
    line_end, paragraph, counted_to = -1, 0, 0
    for position in positions:
        if position <= line_end:
            continue   # in the line just split
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        paragraph += text.count("\n", counted_to, line_start)
        counted_to = line_start
        sentences = _split(text, line_start, line_end, paragraph)
        if sentences:
            own = sentences[0].start
            yield sentences, own, _first_start_before(text, line_start, own)


def _first_start_before(text: str, line_start: int, default: int) -> int:
    """Where the first sentence of the nearest line before the one at `line_start` that has one
    starts (at its first character that is not a space), `default` when no line before has one."""
    end = line_start - 1   # the line end before the line
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        kept = line.lstrip()
        if kept:
            return start + len(line) - len(kept)
        end = start - 1
    return default


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    if end - start <= MAX_SENTENCE and start < end and not text[start].isspace():
        sentences.append(Sentence(start, end, paragraph))   # most sentences: nothing to cut or strip
        return
    while end - start > MAX_SENTENCE:  # a run-on "sentence": cut after a comma near the limit
        cuts = [m.end() for m in _RUN_ON_CUT.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)]
        cut = cuts[-1] if cuts else start + MAX_SENTENCE
        _add(sentences, text, start, cut, paragraph)
        start = cut
    piece = text[start:end]
    kept = piece.lstrip()
    if kept:
        sentences.append(Sentence(start + len(piece) - len(kept), end, paragraph))


COMMA_BREAK = re.compile(r"[,，;；。!！?？\n]")


# "地区生产总值(GDP)", "细颗粒物（PM2.5）", "上市公司(过会)": an abbreviation or a word or two in
# brackets gloss the name before them; their brackets do not end the clause.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?:[A-Za-z][A-Za-z0-9.&+\-·]{0,9}|[\u4e00-\u9fff]{1,4})[)）]")


class Breaks:
    """Clause boundaries of one sentence, found once and looked up by position."""

    def __init__(self, text: str, start: int, end: int, pattern: re.Pattern[str] = CLAUSE_BREAK):
        self.start = start
        self.after = [m.end() for m in pattern.finditer(text, start, end)]
        if pattern is CLAUSE_BREAK and self.after and (text.find("(", start, end) >= 0 or text.find("（", start, end) >= 0):
            glossed = {at for g in _GLOSS.finditer(text, start, end) for at in (g.start() + 1, g.end())}
            self.after = [at for at in self.after if at not in glossed]

    def before(self, position: int) -> int:
        """Where the clause holding `position` begins (after the last break before it)."""
        index = bisect_right(self.after, position) - 1
        return self.after[index] if index >= 0 else self.start


def clause_end(text: str, position: int, sentence_end: int) -> int:
    found = CLAUSE_BREAK.search(text, position, sentence_end)
    return found.start() if found else sentence_end


class SpanIndex:
    """Items with a start offset, looked up by range (all mentions of a document at once)."""

    def __init__(self, items: list, key=lambda item: item[0]):
        self.items = sorted(items, key=key)
        self.starts = [key(item) for item in self.items]

    def between(self, start: int, end: int) -> list:
        """Items starting in [start, end)."""
        return self.items[bisect_right(self.starts, start - 1):bisect_right(self.starts, end - 1)]

    def last_between(self, start: int, end: int):
        """The last item starting in [start, end), or None (without listing the others)."""
        index = bisect_right(self.starts, end - 1) - 1
        return self.items[index] if index >= 0 and self.starts[index] >= start else None

    def view(self, start: int, end: int) -> Sequence:
        """The items starting in [start, end), as a sequence that copies nothing."""
        return _View(self.items, bisect_right(self.starts, start - 1), bisect_right(self.starts, end - 1))


class _View(Sequence):
    """items[low:high] without the copy: the callers read a few items from the end."""

    def __init__(self, items: list, low: int, high: int) -> None:
        self._items, self._low, self._high = items, low, high

    def __len__(self) -> int:
        return self._high - self._low

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._items[self._low + index]

    def __reversed__(self):
        return reversed(self._items[self._low:self._high])   # a paragraph's few items, copied in C

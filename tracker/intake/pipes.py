"""Tables copied as text with their cells between `|`, made rows of tab-separated cells.

Web copies and pasted documents write a table in two ways:
- one line per row, cells between bars: "| 指标 | 单位 | 1-9月 |" (a "|---|---|" rule line goes);
- one cell per line, each ending in a bar, and a bar alone on its line between rows
  ("|", "行业名称 |", "现价(万元) |", ..., "|", "地区生产总值 |", "61234 |" ...).
Both become the form HTML and .docx tables are read into (intake/html.py): one line per row,
cells joined by tabs (each inner bar kept before its tab). Only bars, blanks and line breaks are
replaced, through the offset map, so a row still quotes the original text.
"""

from __future__ import annotations

import re

from tracker.intake.textmap import CELL_BREAK, MappedText, rewrite

_LINE = re.compile(r"[^\n]*")
_CELL_LINE = re.compile(r"[ \t]*(?P<cell>[^|\n]*?[^|\s][^|\n]*?)(?P<bar>[ \t]*\|[ \t]*)$")
_BAR_LINE = re.compile(r"[ \t]*\|[ \t]*$")
_RULE_LINE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*$")
_BAR = re.compile(r"[ \t]*\|[ \t]*")
_MIN_ONE_LINE_BARS = 2     # "a | b | c": fewer bars is prose ("甲|乙")
_MIN_CELL_LINES = 4        # a run of "cell |" lines shorter than this is not a table


def pipe_rows(mapped: MappedText) -> MappedText:
    """`mapped` with tables written with bars rewritten as rows of tab-separated cells."""
    text = mapped.text
    if "|" not in text:
        return mapped
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.start() == 0 or text[m.start() - 1] == "\n"]
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        run = _cell_run(text, lines, index)
        if run > index:
            edits += _one_cell_per_line(text, lines[index:run])
            index = run
            continue
        edits += _one_row_per_line(text, *lines[index])
        index += 1
    return rewrite(mapped, sorted(edits)) if edits else mapped


def _cell_run(text: str, lines: list[tuple[int, int]], index: int) -> int:
    """The end of a run of "cell |" and "|" lines starting at `index` (`index` if none)."""
    end, cells, bars = index, 0, 0
    while end < len(lines):
        start, stop = lines[end]
        if _BAR_LINE.fullmatch(text, start, stop):
            bars += 1
        elif _CELL_LINE.fullmatch(text, start, stop):
            cells += 1
        else:
            break
        end += 1
    return end if bars and cells >= _MIN_CELL_LINES else index


def _one_cell_per_line(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    edits = []
    for number, (start, stop) in enumerate(lines):
        newline_end = stop + 1 if stop < len(text) else stop
        if _BAR_LINE.fullmatch(text, start, stop):
            edits.append((start, newline_end, ""))   # a row break: the cell line before ends the row
            continue
        cell = _CELL_LINE.fullmatch(text, start, stop)
        following = lines[number + 1] if number + 1 < len(lines) else None
        if following is not None and not _BAR_LINE.fullmatch(text, *following):
            edits += _break_at_bar(text, cell.start("bar"), newline_end)
        elif cell.start("bar") < stop:
            edits.append((cell.start("bar"), stop, ""))
    return edits


def _one_row_per_line(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    if text.count("|", start, stop) < _MIN_ONE_LINE_BARS:
        return []
    if _RULE_LINE.fullmatch(text, start, stop):
        return [(start, stop + 1 if stop < len(text) else stop, "")]
    bars = list(_BAR.finditer(text, start, stop))
    edits = []
    for bar in bars:
        if bar.start() == start or not text[start:bar.start()].strip():
            edits.append((bar.start(), bar.end(), ""))      # "| 指标 | …": the bar that opens the row
        elif bar.end() == stop or not text[bar.end():stop].strip():
            edits.append((bar.start(), stop, ""))           # "… | 8.6 |": the bar that closes it
        else:
            edits += _break_at_bar(text, bar.start(), bar.end())
    return edits


def _break_at_bar(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """A tab after the bar between two cells (for the spaces or the line break after it). The bar
    stays with the cell before it, as written: two numbers a single space or tab apart read as one
    number to anyone who strips blanks inside numbers (the tables reader strips the bar)."""
    bar = text.index("|", start, end)
    return [(bar + 1, end, CELL_BREAK)] if end > bar + 1 else [(bar, bar + 1, "|" + CELL_BREAK)]

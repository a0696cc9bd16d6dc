"""A document's title and stated publication date, read from its text."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")
_LABELLED = re.compile(r"(发布时间|发布日期|发表时间|发文日期|成文日期|印发日期|日期|时间)\s*[:：]\s*")
_DATELINE = re.compile(r"^\s*" + _DATE.pattern + r"(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\S{2,16})?\s*$")
# "来源：西安日报　2024年04月22日 09:15", "作者：张三 2024-04-22": a byline ending in its date.
_BYLINE = re.compile(r"^[^。，,；;]{0,30}?[\s:：]" + _DATE.pattern + r"(\s*\d{1,2}:\d{2}(:\d{2})?)?\s*$")
_SENTENCE_END = re.compile(r"[。！？!?；;,，]$")
_HEAD_LINES = 15
_TAIL_LINES = 8


def find_published(text: str) -> date | None:
    """The publication date the text states: a labelled date or a dateline near the top,
    or a date standing alone on one of the last lines (the date under a signature)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_HEAD_LINES]:
        labelled = _LABELLED.search(line)
        if labelled:
            found = _DATE.match(line, labelled.end())
            if found and (day := _to_date(found)):
                return day
        if (_DATELINE.match(line) or _BYLINE.match(line)) and (day := _to_date(_DATE.search(line))):
            return day
    for line in reversed(lines[-_TAIL_LINES:]):
        found = _DATE.fullmatch(line)
        if found and (day := _to_date(found)):
            return day
    return None


def find_title(clean_text: str) -> str | None:
    """The first line that reads like a headline (no sentence punctuation at its end).

    Headlines rarely contain a comma: a comma-free candidate within the next few lines
    beats a first candidate with one (a lead sentence that lost its full stop)."""
    lines = [line.strip() for line in clean_text.splitlines()[:12]]
    candidates = [
        (index, line) for index, line in enumerate(lines)
        if 4 <= len(line) <= 80 and not _SENTENCE_END.search(line) and not _DATE.match(line)
    ]
    if not candidates:
        return None
    first_index, first = candidates[0]
    if "," in first or "，" in first:
        for index, line in candidates[1:]:
            if index - first_index <= 3 and "," not in line and "，" not in line:
                return line
    return first


def _to_date(match: re.Match | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None

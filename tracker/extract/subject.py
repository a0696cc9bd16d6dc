"""The document's subject: the unit a document is about, and the text that never says so.

The subject is named by the title, the lead sentence, the host of a meeting ("某某区召开2024年
工作会议"), the congress whose session the document reports, or the unit of the official who
gives the report ("甘肃省省长某某作政府工作报告" -> 甘肃省; "国务院总理某某作政府工作报告" ->
the country). Datelines (新华社北京3月5日电), bylines, reporters' credits and related-news
lists name where a story was filed or who wrote it, never its subject: mentions inside them
are dropped. Vocabulary: tracker/data/lexicon/structure.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from tracker.extract.lexicon import lexicon
from tracker.extract.prefilter import spans

_LEX = lexicon()
_DATELINE = _LEX.compile("{datelines}")
_BYLINE = _LEX.compile("{byline_lines}", re.MULTILINE)
_CREDIT = _LEX.compile("{reporter_credits}")
_CREDIT_WORDS = ("记者", "通讯员")
_LINE_HEAD = 80
_TITLE = _LEX.compile("{speaker_titles}")
_REPORT = _LEX.compile("{report_acts}")
_BODY = _LEX.compile("{national_bodies}[^，,。；;\n]{0,3}$")
_REPORT_REACH = 24    # 省长某某代表省人民政府作政府工作报告: from the title to the act
_CONGRESS = _LEX.compile("{congress_words}")
_MEETING = _LEX.compile("{meeting_acts}")
_BREAK = re.compile(r"[，,。；;！？!?\n]")
_SPEAKER_REACH = 12   # how far before the title the speaker's unit may be named
_HOST_REACH = 20      # how far after a unit the verb of its meeting may come
_CONGRESS_REACH = 4   # 某某县第十八届人民代表大会: the unit right before the congress
SUBJECT_WEIGHT = 10   # a host, congress or speaker names the subject outright
LEAD_WEIGHT = 2


class Spans:
    """Sorted, non-overlapping character ranges, looked up by position."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


def excluded_spans(text: str) -> Spans:
    """Datelines, byline lines and reporters' credits: text that never names the subject."""
    spans = []
    # Datelines open a line; searching only the line heads keeps this pass cheap. Every dateline
    # ends in 讯 or 电, and one ending in 电 gives the day (3月5日电): the other heads (电子, 电力 …)
    # are not searched.
    line_start = 0
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        head_end = min(line_end, line_start + _LINE_HEAD)
        if text.find("讯", line_start, head_end) >= 0 or (text.find("电", line_start, head_end) >= 0
                                                         and text.find("日", line_start, head_end) >= 0):
            spans += [m.span() for m in _DATELINE.finditer(text, line_start, head_end)]
        line_start = line_end + 1
    for word in _CREDIT_WORDS:
        if word in text and "报道" in text:   # a credit ends in 报道 (记者王军报道)
            spans += [m.span() for m in _CREDIT.finditer(text)]
            break
    for match in _BYLINE.finditer(text):
        line_end = text.find("\n", match.start())
        spans.append((match.start(), len(text) if line_end < 0 else line_end))
    return Spans(spans)


def subject_signals(text: str, mentions: list, nation=None) -> Counter[str]:
    """Weights for the units that host, convene or report: unit name -> weight.

    `mentions` are (start, end, unit) objects in text order; `nation` is the country's unit,
    which a national body's speaker stands for."""
    weights: Counter[str] = Counter()
    ends = [m.end for m in mentions]
    for match in (_TITLE.finditer(text) if "报告" in text else ()):
        act = _REPORT.search(text, match.end(), match.end() + _REPORT_REACH)
        if act is None or _BREAK.search(text, match.end(), act.start()):
            continue
        if _BODY.search(text, max(0, match.start() - 10), match.start()) and nation is not None:
            weights[nation.name] += SUBJECT_WEIGHT
            continue
        before = _last_ending_near(mentions, ends, match.start(), _SPEAKER_REACH, text)
        if before is not None:
            weights[before.unit.name] += SUBJECT_WEIGHT
    for start, _end in spans(_CONGRESS, text):
        before = _last_ending_near(mentions, ends, start, _CONGRESS_REACH, text)
        # 全国人大 sessions are news everywhere; a national report is known by its speaker.
        if before is not None and before.unit.kind != "nation":
            weights[before.unit.name] += SUBJECT_WEIGHT
    verbs = [m.start() for m in _MEETING.finditer(text)]
    for mention in mentions:
        index = bisect_left(verbs, mention.end)
        if index < len(verbs) and verbs[index] - mention.end <= _HOST_REACH \
                and not _BREAK.search(text, mention.end, verbs[index]):
            weights[mention.unit.name] += SUBJECT_WEIGHT
    lead = _lead_mention(text, mentions)
    if lead is not None and lead.unit is not nation:
        weights[lead.unit.name] += LEAD_WEIGHT
    return weights


def _last_ending_near(mentions: list, ends: list[int], position: int, reach: int, text: str):
    index = bisect_right(ends, position) - 1
    if index < 0:
        return None
    mention = mentions[index]
    if position - mention.end > reach or _BREAK.search(text, mention.end, position):
        return None
    return mention


def _lead_mention(text: str, mentions: list):
    """The first unit named in the first sentence that names one, among the first lines."""
    if not mentions:
        return None
    first = mentions[0]
    sentence_end = _BREAK.search(text, first.end)
    line_start = text.rfind("\n", 0, first.start) + 1
    lines_before = text.count("\n", 0, line_start)
    if lines_before > 8 or (sentence_end is not None and text[sentence_end.start()] == "\n" and
                            sentence_end.start() - line_start < 8):
        return None   # far down, or a short line such as a heading or a caption
    return first

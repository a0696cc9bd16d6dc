"""Mirror-site noise inside article lines, removed or normalised through the offset map.

Republishing and mirror sites damage the text in a few recurring ways, each undone here by
deleting or replacing characters (never by inserting), so offsets still point into the
original text:
- pinyin glosses after characters: 进(jìn)出口, 预(yù)算 (ASCII or full-width parentheses,
  tone-marked syllables);
- web debris: image and page URLs glued between sentences, cut HTML tags (trong>, </p>) and
  entities (&nbsp;);
- broken numbers: a stray space after the decimal point (6835. 27亿元), spaces between a number
  and its words (2643.81 亿元, 增长 6%), an ideographic full stop used as a decimal point
  (4。6%, only between digits followed by a measure that takes decimals);
- doubled punctuation (,, or ,。): the strongest mark of the run stays.
"""

from __future__ import annotations

import re

from tracker.intake.textmap import MappedText, rewrite

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]{{0,4}}[{_TONE}][a-zü{_TONE}]{{0,3}}"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\(\s*{_SYLLABLE}(?:[\s']*{_SYLLABLE})*\s*\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef\"'<>,;]+", re.IGNORECASE)
_HTML_DEBRIS = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}\s*/?>|(?<![A-Za-z<])[a-z]{1,9}>|&(?:nbsp|amp|lt|gt|quot|#\d{2,5});")
_SPACED_DECIMAL = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])\d+\.( +)\d")
# The measures that follow a figure (280家, 6.5%, 10亿元, 3万吨); dates are not figures.
MEASURE = (
    r"(?:%|‰|倍|个?百分点|[十百千万亿]*(?:元|美元|家|个|项|件|人|户|吨|辆|台|套|亩|公顷|平方米|平方公里|公里|"
    r"千瓦时|千瓦|座|所|名|栋|批|标箱|立方米)|万|亿)"
)
_UNIT_SPACE = re.compile(rf"(?<=\d)( +){MEASURE}")
# In prose (a line with sentence punctuation) a space beside a number is layout: 增长 6%.
# In a table row it separates cells and stays.
_NUMBER_SPACE = re.compile(r"(?<=\d)( +)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])( +)(?=\d)")
_PROSE = re.compile(r"[,，。;；、]")
# A measure that follows a decimal figure: 4.6%, 1.2万人, 3.5倍, 0.8个百分点.
_DECIMAL_STOP = re.compile(r"(?<![\d.第])\d+(。)\d+(?![\d.])(?=\s*(?:%|‰|倍|个百分点|万|亿))")
_PUNCT_RUN = re.compile(r"[,，、;；。]{2,}")
_STRENGTH = {"。": 4, ";": 3, "；": 3, ",": 2, "，": 2, "、": 1}


def remove_glosses(mapped: MappedText) -> MappedText:
    """Pinyin glosses and HTML debris out of the whole text (before page furniture is judged)."""
    return rewrite(mapped, _deletions(mapped.text, _PINYIN, _HTML_DEBRIS))


def repair_line(mapped: MappedText) -> MappedText:
    """URLs out of an article line, its numbers mended and its doubled punctuation single."""
    mapped = rewrite(mapped, _deletions(mapped.text, _URL))
    text = mapped.text
    edits = [(m.start(1), m.end(1), "") for m in _SPACED_DECIMAL.finditer(text)]
    edits += [(m.start(1), m.end(1), "") for m in _UNIT_SPACE.finditer(text)]
    if _PROSE.search(text):
        edits += [(m.start(g), m.end(g), "") for m in _NUMBER_SPACE.finditer(text) for g in (1, 2) if m.group(g)]
    edits += [(m.start(1), m.end(1), ".") for m in _DECIMAL_STOP.finditer(text)]
    for run in _PUNCT_RUN.finditer(text):
        keep = max(range(run.start(), run.end()), key=lambda i: (_STRENGTH[text[i]], -i))
        edits += [(i, i + 1, "") for i in range(run.start(), run.end()) if i != keep]
    return rewrite(mapped, sorted(set(edits))) if edits else mapped


def _deletions(text: str, *patterns: re.Pattern[str]) -> list[tuple[int, int, str]]:
    spans = sorted(m.span() for pattern in patterns for m in pattern.finditer(text))
    return [(start, end, "") for start, end in spans]

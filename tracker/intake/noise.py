"""Mirror-site noise inside article lines, removed or normalised through the offset map.

Republishing and mirror sites damage the text in a few recurring ways, each undone here by
deleting or replacing characters (never by inserting), so offsets still point into the
original text:
- pinyin glosses after characters: 进(jìn)出口, 预(yù)算 (ASCII or full-width parentheses,
  tone-marked syllables);
- web debris: image and page URLs glued between sentences, cut HTML tags (trong>, </p>) and
  entities (&nbsp;);
- broken numbers: a stray space after the decimal point (6835. 27亿元), spaces between a number
  and its words (1872.46 亿元, 增长 6%), an ideographic full stop used as a decimal point
  (4。6%, only between digits followed by a measure that takes decimals);
- doubled punctuation (,, or ,。): the strongest mark of the run stays;
- hard line breaks inside sentences, as text copied out of a PDF has them: a number alone on
  its line (增长\n3.5%\n左右) joins its neighbours, a line cannot start with a comma, a full
  stop or a percent sign, and in a copy broken like that a line that stops mid-sentence
  (地区生\n产总值) runs on into the next unless that one opens a heading or list item.
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
_NUMBER_SPACE = re.compile(r"(?<=[\d%‰])( +)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])( +)(?=\d)")
_PROSE = re.compile(r"[,，。;；、]")
# A measure that follows a decimal figure: 4.6%, 1.2万人, 3.5倍, 0.8个百分点.
_DECIMAL_STOP = re.compile(r"(?<![\d.第])\d+(。)\d+(?![\d.])(?=\s*(?:%|‰|倍|个百分点|万|亿))")
_PUNCT_RUN = re.compile(r"[,，、;；。]{2,}")
_STRENGTH = {"。": 4, ";": 3, "；": 3, ",": 2, "，": 2, "、": 1}


_BARE_NUMBER = re.compile(r"[-+]?\d[\d.,]*\s*[%‰]?")
_NO_LINE_START = re.compile(r"[,，。、;；:：%‰)）」』”?？!！]")
_OPEN_END = "，、,“(（"   # a paragraph never ends with these
_SENTENCE_END = re.compile(r"[。！？!?；;]$")
_OPENS_ITEM = re.compile(
    r"[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|\d{1,2}[.、](?!\d)|——|[□■●◆▲△◇○◎•·★☆►▶※①-⑳]"
)
_BREAK = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*")
_MIN_BARE_LINES = 3
_MIN_RUN_ON = 15   # a shorter line that stops without punctuation is a title, not a broken sentence


def join_broken_lines(mapped: MappedText, hard_wrapped: bool = False) -> MappedText:
    """Line breaks that fall inside a sentence removed (see the module note). `hard_wrapped`
    says the text is known to break its lines at the page width (PDF text)."""
    text = mapped.text
    if "\n" not in text:
        return mapped
    breaks = list(_BREAK.finditer(text))
    bounds = [0, *[b for m in breaks for b in m.span()], len(text)]
    lines = [text[bounds[2 * i]:bounds[2 * i + 1]] for i in range(len(breaks) + 1)]
    bare = [bool(_BARE_NUMBER.fullmatch(line)) for line in lines]
    broken_layout = hard_wrapped or sum(bare) >= max(_MIN_BARE_LINES, 0.05 * len(lines))
    # A number alone on its line after a finished sentence (a page number) or beside another
    # one (a table column) stands alone.
    alone = [bare[i] and ((i > 0 and (bare[i - 1] or bool(_SENTENCE_END.search(lines[i - 1]))))
                          or (i + 1 < len(lines) and bare[i + 1])) for i in range(len(lines))]
    edits = []
    current = lines[0]   # the line as joined so far
    for index, found in enumerate(breaks):
        after = lines[index + 1]
        if alone[index] or alone[index + 1]:
            joined = False
        else:
            joined = _joins(current, after, bare[index], bare[index + 1], broken_layout, found.group().count("\n") > 1)
        if joined:
            edits.append((found.start(), found.end(), ""))
            current += after
        else:
            current = after
    return rewrite(mapped, edits) if edits else mapped


def _joins(before: str, after: str, bare_before: bool, bare_after: bool, broken_layout: bool, blank: bool) -> bool:
    if not before or not after or "\t" in before or "\t" in after:
        return False   # a row of table cells is a line of its own
    if after[0].isdigit() and (before[-1].isdigit() or before[-1] == "."):
        return before[-1] == "." and before[-2:-1].isdigit()   # 6835.\n27 is one number, 13.1\n100 two
    if bare_after:
        return not _SENTENCE_END.search(before)
    if bare_before:
        return not _OPENS_ITEM.match(after)
    if _NO_LINE_START.match(after):
        return True
    if not broken_layout or blank or _OPENS_ITEM.match(after) or not (_is_cjk(after[0]) or after[0].isdigit()):
        return False
    if _OPENS_ITEM.match(before) and not _PROSE.search(before):
        return False   # a heading
    return before[-1] in _OPEN_END or (len(before) >= _MIN_RUN_ON and _is_cjk(before[-1]))


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


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

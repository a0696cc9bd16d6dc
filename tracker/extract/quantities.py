"""Finding quantities in Chinese text: 280家, 超过10亿元, 增长30%, 3个百分点, 5%-6%, 千亿级产业集群.

One compiled regular expression proposes candidates (a number, an optional range, a
magnitude, a unit of measure and the bound words glued to them); `_build` checks each
candidate and reads it. Dates, years, ordinals (第一批), slogans (1+3), codes and bare
numbers never reach a unit, so they are never returned.

Decisions where Chinese is ambiguous (documented for the extractor):
- 近 means "nearly": comparator "~" and approx; 多/余 ("80多家") mean ">" and approx.
- A lone 一 before a classifier (一个, 一批, 一家) is an article, not a count, and a lone 二
  (二次会议, 二期) is an ordinal, since Chinese counts two with 两 (两个, 两项): both skipped.
- Bare 万/亿 (每万元, 亿元) are never quantities; bare 百/千 count only with a money or
  measure unit (千亿元), with 名 (百名人才), after a bound word (近百人, 超千家) or in a
  magnitude class (千亿级). Idioms like 千家万户 or 千人计划 are thus skipped.
- Magnitude classes (千亿级产业集群) are kind "class" with comparator ">="; without a unit
  they are read as money only when an industry word follows (产业, 园区, 集群, 企业 ...).
- 增长1倍 is 1 倍 as written; 翻一番 / 翻两番 are the multipliers 2 / 4 倍.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from tracker.extract.edgechars import end_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.measures import ALIASES, BASE_UNITS, MULTIPLE, PERCENT, kind_of, normalise_unit
from tracker.extract.numerals import MAGNITUDES, magnitude_of, parse_decimal, to_float
from tracker.extract.prefilter import WHOLE, pair_guarded, skipping_ahead
from tracker.extract.values import value_class


@value_class
class Quantity:
    """A number with its unit as found in a text; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None  # upper end of a range (5%-6%)
    uom: str                 # normalised unit, magnitude included: 亿元, 万家, %, 个百分点
    kind: str                # count | money | percent | points | multiple | fraction | measure | class
    comparator: str | None   # from attached words only: "~", ">", ">=", "<="
    approx: bool
    fraction: str | None = None  # "1/3" for 1/3 and 三分之一


_CN = "零〇一二两三四五六七八九十百千万亿"
_AR = r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
_CN_NUM = rf"[{_CN}]+(?:点[零〇一二三四五六七八九]+)?"
_AR_MAG = r"(?:[十百千]?(?:万亿|亿|万)|[十百千])"
_NOT_AFTER_AR = r"(?<![第每0-9０-９A-Za-z.．+＋/_])"
_NOT_AFTER_CN = rf"(?<![第每{_CN}0-9A-Za-z])"
_GAP = "[ \u00a0\u3000]?"  # one space may sit between a number and its unit ("8 家"), never a line break
_WIDE_NO_COMMAS = str.maketrans("０１２３４５６７８９．", "0123456789.", ",，")


def _unit_pattern() -> str:
    names = sorted({*BASE_UNITS, *ALIASES, "％", "成"}, key=len, reverse=True)
    return "|".join(re.escape(n) + ("(?![A-Za-z])" if n.isascii() and n.isalpha() else "") for n in names)


def _number(tag: str) -> str:
    return rf"(?:{_NOT_AFTER_AR}(?P<a{tag}>{_AR})(?:{_GAP}(?P<m{tag}>{_AR_MAG}))?|{_NOT_AFTER_CN}(?P<c{tag}>{_CN_NUM}))"


_RX = re.compile(
    rf"""
    (?:
        (?P<neg>(?<![0-9A-Za-z.%％)])[-−])?
        {_number("1")}
        (?:{_GAP}(?P<u1>%|％|{_unit_pattern()})?{_GAP}(?P<sep>[-－~～〜—–]{{1,2}}|至|到){_GAP}{_number("2")})?
        (?P<mid>多|余|来|几)?(?P<mag>万亿|亿|万)?(?P<mid2>多|余)?
        (?:{_GAP}(?P<unit>{_unit_pattern()})(?P<cls>级)?|(?P<cls0>级))
      | 百分之(?P<pct>{_AR}|{_CN_NUM})
      | {_NOT_AFTER_AR}(?P<fn>[0-9]{{1,4}})/(?P<fd>[0-9]{{1,4}})(?![0-9/])
      | {_NOT_AFTER_CN}(?P<cfd>{_CN_NUM})分之(?P<cfn>{_CN_NUM})
      | 翻了?(?P<fan>[一两二三四]?)番|(?P<double>翻倍)
    )
    (?P<post>以上|以下|以内|之内|左右)?
    """,
    re.VERBOSE,
)
# Bound words glued before a number (近百人, 超1900家), looked up behind each candidate.
_PRE_RX = re.compile(
    r"(?:不少于|不低于|不超过|不高于|大约|将近|(?<![节签制公条预邀合履违特简相隐])约|(?<![最附邻靠贴])近|超|逾"
    r"|(?<!以)上|[数几])$"
)
_PRE_ENDS = end_chars(_PRE_RX)   # most numbers follow none of the characters a bound word ends with
_PRE_NEEDS_NEXT = {"上": "百千万", "数": "十百千万", "几": "十百千万"}  # 上百家, 数十家, 几千人
# Characters a quantity (after its bound word) can start with; only these positions are tried.
_START = rf"[-−0-9０-９{_CN}翻]"
# Tried only where a number can start: the bound words and look-behinds in front would
# otherwise defeat the engine's own first-character scan and make searching several times slower.
_RX_AT_START = re.compile((pair_guarded(_RX.pattern, re.VERBOSE) or f"(?={_START})") + f"(?:{_RX.pattern}\n)",
                          re.VERBOSE)
# And skipping ahead in C to the characters a number starts with: group WHOLE is the match.
_SCAN = skipping_ahead(_RX_AT_START) or re.compile(f"({_RX_AT_START.pattern})", re.VERBOSE)
_URL_OR_MAIL = re.compile(r"(?:https?://|www\.)[!-~]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.ASCII)
_CLASS_CUE = lexicon().compile(r"[^，。；、,;！？\n]{0,12}?{class_heads}")

_PRE = {
    "近": ("~", True), "将近": ("~", True), "约": ("~", True), "大约": ("~", True),
    "超": (">", False), "逾": (">", False), "不少于": (">=", False), "不低于": (">=", False),
    "不超过": ("<=", False), "不高于": ("<=", False), "上": (">=", True), "数": (">", True), "几": (">", True),
}
_MID = {"多": (">", True), "余": (">", True), "来": ("~", True), "几": (">", True)}
_POST = {"以上": (">=", False), "以下": ("<=", False), "以内": ("<=", False), "之内": ("<=", False), "左右": ("~", True)}
_FAN = {"": 1, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4}
_ONLY_MAGNITUDE = frozenset(("万", "亿", "万亿"))
_SMALL_MAG = {"": 1, "十": 10, "百": 100, "千": 1000}
_EXACT_DIGITS = 28   # the digits Decimal's context keeps: a product by 1 of fewer is the number itself


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text` (a sentence or a whole document), in order of position."""
    if not isinstance(text, str) or not text:
        return []
    blocked = [m.span() for m in _URL_OR_MAIL.finditer(text)] if ("//" in text or "www." in text or "@" in text) else []
    found: list[Quantity] = []
    last_end = 0
    pos = 0
    while (m := _SCAN.search(text, pos)) is not None:
        pos = m.start(WHOLE)
        pre_match = _PRE_RX.search(text, max(last_end, pos - 3), pos) if text[pos - 1:pos] in _PRE_ENDS else None
        pre = pre_match.group() if pre_match else ""
        if pre in _PRE_NEEDS_NEXT and text[pos] not in _PRE_NEEDS_NEXT[pre]:
            pre = ""
        quantity = _build(m, pre, text)
        if quantity is None or (blocked and _inside(blocked, quantity)):
            pos += 1
            continue
        found.append(quantity)
        last_end = pos = m.end(WHOLE)
    return found


def _inside(blocked: list[tuple[int, int]], quantity: Quantity) -> bool:
    """Whether the quantity overlaps a URL or e-mail address (spans sorted by start)."""
    i = bisect.bisect_left(blocked, (quantity.end, -1)) - 1
    return i >= 0 and blocked[i][1] > quantity.start


def _read(m: re.Match[str], tag: str) -> tuple[Decimal, str, str] | None:
    """(value in its magnitude, magnitude, numeral text) of number `tag`, or None if malformed."""
    arabic, cn = m[f"a{tag}"], m[f"c{tag}"]
    if arabic is not None:
        digits = arabic.translate(_WIDE_NO_COMMAS)
        if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
            return None  # 0931: an area code or serial, not an amount
        if "." not in digits and len(digits) > 10:
            return None  # phone numbers, ID numbers
        mag_text = m[f"m{tag}"]
        if mag_text is None and len(digits) <= _EXACT_DIGITS:
            return Decimal(digits), "", arabic   # most numbers: nothing to multiply by (nor to round)
        mag_text = mag_text or ""
        big = magnitude_of(mag_text) if mag_text else ""
        return Decimal(digits) * _SMALL_MAG[mag_text[: len(mag_text) - len(big)]], big, arabic
    value = parse_decimal(cn)
    if value is None:
        return None
    big = magnitude_of(cn)
    return value / MAGNITUDES[big], big, cn



def _build(m: re.Match[str], pre: str, text: str) -> Quantity | None:
    if m["fan"] is not None or m["double"]:
        return _make(m, pre, Decimal(2) ** _FAN[m["fan"] or ""], None, MULTIPLE, "multiple", _bounds(m, pre))
    if m["pct"] is not None:
        value = parse_decimal(m["pct"])
        return None if value is None else _make(m, pre, value, None, PERCENT, "percent", _bounds(m, pre))
    if m["fd"] is not None or m["cfd"] is not None:
        return _fraction(m, pre)
    return _measured(m, pre, text)


def _bounds(m: re.Match[str], pre: str) -> list[tuple[str, bool]]:
    """(comparator, approx) of the attached words, strongest first: 以上 beats 超 beats 多."""
    found = [_POST.get(m["post"] or ""), _PRE.get(pre), _MID.get(m["mid"] or m["mid2"] or "")]
    return [b for b in found if b]


def _fraction(m: re.Match[str], pre: str) -> Quantity | None:
    numerator = parse_decimal(m["fn"] or m["cfn"])
    denominator = parse_decimal(m["fd"] or m["cfd"])
    if numerator is None or not denominator or not 0 < numerator < denominator:
        return None
    exact = f"{numerator}/{denominator}" if numerator == int(numerator) and denominator == int(denominator) else None
    return _make(m, pre, numerator * 100 / denominator, None, PERCENT, "fraction", _bounds(m, pre), fraction=exact)


def _measured(m: re.Match[str], pre: str, text: str) -> Quantity | None:
    first = _read(m, "1")
    if first is None:
        return None
    value, mag, numeral = first
    low: Decimal | None = None
    if m["sep"] is not None:  # a range: the magnitude and unit written after the second number rule both
        second = _read(m, "2")
        if second is None:
            return None
        (low, low_mag), (value, mag, numeral) = first[:2], second
        if low_mag and not mag:
            return None
        low = low * MAGNITUDES[low_mag] / MAGNITUDES[mag]
        if low >= value or (m["u1"] and normalise_unit(m["u1"]) != normalise_unit(m["unit"] or "")):
            return None
    if m["mag"]:
        if mag:
            return None
        mag = m["mag"]
    if m["unit"] is None:  # a magnitude class without a unit: 千亿级产业集群
        if not mag or not _CLASS_CUE.match(text, m.end(WHOLE)):
            return None
        return _make(m, pre, value, low, mag + "元", "class", [(">=", False)])
    unit = normalise_unit(m["unit"])
    if unit == "成":  # 七成, 近3成 = 70%, 30%
        if mag or numeral == "一" or (m["a1"] and (low is not None or not 0 < value < 10)):
            return None
        value, low, unit = value * 10, None if low is None else low * 10, PERCENT
    kind = kind_of(unit)
    if kind in ("percent", "points", "multiple") and mag:
        return None
    if (numeral in ("一", "二") and kind == "count" and not pre) or numeral + unit == "两头":
        return None  # 一个, 一批: an article; 二次会议: an ordinal (two is 两 with a classifier)
    if m["c1"] is not None and set(numeral) <= set("零〇"):
        return None  # 零部件, 零件: a word, never a count of nothing
    bare = m["c1"] is not None and low is None and not pre and set(numeral) <= set("百千万亿")
    if bare and not m["cls"] and (numeral in _ONLY_MAGNITUDE or (kind == "count" and unit != "名")):
        return None  # 每万元, 千家万户, 千人计划
    if m["neg"]:
        value, low = -value, None if low is None else -low
    if m["cls"]:
        return _make(m, pre, value, low, mag + unit, "class", [(">=", False)])
    return _make(m, pre, value, low, mag + unit if kind not in ("percent", "points", "multiple") else unit, kind, _bounds(m, pre))


def _make(
    m: re.Match[str], pre: str, value: Decimal, low: Decimal | None, uom: str, kind: str,
    bounds: list[tuple[str, bool]], fraction: str | None = None,
) -> Quantity:
    """Assemble the Quantity; a range is (low, value), reported as value=low, value_max=value."""
    if bounds:
        strict = [c for c, _ in bounds if c != "~"]
        comparator = strict[0] if strict else "~"
    else:
        comparator = None   # most quantities: no bound word
    lower, upper = (value, None) if low is None else (low, value)
    return Quantity(
        start=m.start(WHOLE) - len(pre), end=m.end(WHOLE), text=pre + m.group(WHOLE), value=to_float(lower),
        value_max=None if upper is None else to_float(upper), uom=uom, kind=kind,
        comparator=comparator, approx=bool(bounds) and any(a for _, a in bounds), fraction=fraction,
    )

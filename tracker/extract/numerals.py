"""Reading numerals: Arabic (1,234.5), Chinese (三百二十亿, 一千零五) and mixed (3.71万).

Everything is computed with Decimal and turned into a float only at the end, rounded to
ten significant digits, so 3.2 comes out as 3.2 and never as 3.2000000000000006.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SIGNIFICANT_DIGITS = 10

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
MAGNITUDES: dict[str, int] = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}

FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")

_ARABIC = re.compile(r"[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.", re.ASCII | re.DOTALL)


def to_float(value: Decimal) -> float:
    """Round to SIGNIFICANT_DIGITS significant digits and return the nearest float."""
    if value == 0:
        return 0.0
    return float(round(value, SIGNIFICANT_DIGITS - 1 - value.adjusted()))


def clean_float(value: float) -> float:
    """Remove binary noise from a float computed elsewhere (0.1 + 0.2 -> 0.3)."""
    return to_float(Decimal(repr(value)))


def parse_arabic(text: str) -> Decimal | None:
    """'1,234.5', '1，234', '-2.1', '０.５' -> Decimal; None unless the whole text is one number."""
    text = text.strip().translate(FULLWIDTH)
    if not _ARABIC.fullmatch(text):
        return None
    return Decimal(text.replace(",", "").replace("，", ""))


def magnitude_of(numeral: str) -> str:
    """The magnitude a numeral ends with, as Chinese reports keep it in the unit: 三百二十亿 -> 亿."""
    for mag in ("万亿", "亿", "万"):
        if numeral.endswith(mag):
            return mag
    return ""


def parse_chinese_number(s: str) -> float | None:
    """三千 -> 3000, 三百二十亿 -> 3.2e10, 3.71万 -> 37100, 半 -> 0.5; None when `s` is not a number."""
    value = parse_decimal(s)
    return None if value is None else to_float(value)


def parse_decimal(s: str) -> Decimal | None:
    """Like parse_chinese_number but exact: the Decimal value, or None."""
    if not isinstance(s, str):
        return None
    s = s.strip().translate(FULLWIDTH)
    if not s:
        return None
    arabic = parse_arabic(s)
    if arabic is not None:
        return arabic
    if s == "半":
        return Decimal("0.5")
    if s in ("零", "〇"):
        return Decimal(0)
    if "点" in s:
        return _with_decimal_point(s)
    if len(s) >= 3 and all(ch in CN_DIGITS for ch in s):
        # 二〇二四: read digit by digit (years, codes); two digits (三四) are a range, not a number.
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in s))
    return _parse_positional(s.replace(",", "").replace("，", ""))


def _with_decimal_point(s: str) -> Decimal | None:
    """三点五 -> 3.5, 十二点零五 -> 12.05 (the digits after 点 are read one by one)."""
    whole, _, frac = s.partition("点")
    integer = _parse_positional(whole) if whole else None
    if integer is None or not frac or any(ch not in CN_DIGITS for ch in frac):
        return None
    return integer + Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))


def _parse_positional(s: str) -> Decimal | None:
    """Positional Chinese numerals with optional Arabic digit groups (3千万, 1.2万亿).

    Rejects what is not a well-formed number (十四五, 千百亿, 百千) so that words made of
    numeral characters are never read as numbers.
    """
    try:
        return _positional(_TOKEN.findall(s))
    except (InvalidOperation, ValueError):
        return None


def _positional(tokens: list[str]) -> Decimal | None:
    total = Decimal(0)        # everything up to the last 万/亿
    section = Decimal(0)      # the part below 万 being built
    pending: Decimal | None = None  # a digit waiting for its unit
    last_small = 10**5        # units within a section must decrease
    last_unit = 0             # value of the unit just read (for 三万五 = 35000)
    after_zero = False
    previous = ""
    started = False
    for token in tokens:
        if token[0].isdigit():
            if pending is not None:
                return None
            pending, after_zero = Decimal(token), False
        elif token in CN_DIGITS:
            digit = CN_DIGITS[token]
            if digit == 0:
                if pending is not None or not started:
                    return None
                after_zero = True
                previous = token
                continue
            if pending is not None:
                return None
            pending = Decimal(digit)
        elif token in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[token]
            if unit >= last_small or (pending is None and (section or total)):
                return None
            section += (pending if pending is not None else 1) * unit
            pending, last_small, last_unit, after_zero = None, unit, unit, False
        elif token in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[token]
            empty = pending is None and section == 0
            if token == "亿" and empty and previous == "万":
                total *= unit                         # 万亿
            elif token == "万" and ((empty and previous == "亿") or total % 10**8 >= 10**4):
                return None                           # 亿万, 一万二万
            elif token == "亿":
                total = (total + section + (pending or 0) or 1) * unit
            else:
                total += (section + (pending or 0) or 1) * unit
            section, pending, last_small, last_unit, after_zero = Decimal(0), None, 10**5, unit, False
        else:
            return None
        started = True
        previous = token
    if not started:
        return None
    if pending is not None:
        # 三万五 / 一千二: a trailing digit counts in the next lower place, unless after 零.
        place = 1 if after_zero or last_unit == 0 else max(last_unit // 10, 1)
        section += pending * place
    return total + section

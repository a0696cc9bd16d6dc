"""English renderings of Chinese units of measure, for the English memo and CLI.

A Chinese unit is a magnitude (万 10^4, 亿 10^8, 万亿 10^12 or nothing) and a base unit. English
has no 万 or 亿, so the magnitude is multiplied out and the figure is named in thousands-free
English scale words: 6.2亿元 -> "CNY 620 million", 113.33亿元 -> "CNY 11.333 billion",
3.5万元 -> "CNY 35,000", 1.5万人 -> "15,000 people". Currencies use ISO codes before the number;
counts whose Chinese measure word has no English noun (家, 个, 项, 件 ...) are bare numbers, since
the indicator name says what is counted. A unit this table does not know is kept in Chinese
after the number ("12 标准机位"), which is readable and never wrong.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.render.words import words

MAGNITUDES = words("units_en")["magnitudes"]
SCALE_WORDS = words("units_en")["scale_words"]

CURRENCIES = words("units_en")["currencies"]
# Base units written after the number; "" means a bare number.
SUFFIXES = words("units_en")["suffixes"]


def split_magnitude(uom: str) -> tuple[int, str]:
    """'亿元' -> (10**8, '元'); a unit without a magnitude -> (1, unit)."""
    for prefix, factor in MAGNITUDES:
        rest = uom[len(prefix):]
        if uom.startswith(prefix) and (rest in CURRENCIES or rest in SUFFIXES):
            return factor, rest
    return 1, uom


def english_amount(number: Decimal, uom: str) -> str:
    """`number` (already rounded, in `uom`) written in English: Decimal('6.2'), '亿元' -> 'CNY 620 million'."""
    if "/" in uom:
        numerator, denominator = uom.split("/", 1)
        return f"{english_amount(number, numerator)} per {_per(denominator)}"
    factor, base = split_magnitude(uom)
    amount = _scaled(number * factor)
    if base in CURRENCIES:
        return f"{CURRENCIES[base]} {amount}"
    suffix = SUFFIXES.get(base, base)
    return f"{amount} {suffix}" if suffix else amount


def _per(uom: str) -> str:
    """The denominator of a compound unit: '万人' -> '10,000 people', '人' -> 'person'."""
    factor, base = split_magnitude(uom)
    if factor == 1:
        return {"人": "person", "元": "yuan"}.get(base) or SUFFIXES.get(base) or base
    return english_amount(Decimal(1), uom)


def _scaled(total: Decimal) -> str:
    """12345 -> '12,345'; 620000000 -> '620 million'; exact digits kept, trailing zeros dropped."""
    for scale, word in SCALE_WORDS:
        if abs(total) >= scale:
            return f"{group(total / scale)} {word}"
    return group(total)


def group(number: Decimal) -> str:
    """Thousands separators, no exponent, no trailing zeros after the point: 12345.50 -> '12,345.5'."""
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

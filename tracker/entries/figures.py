"""A figure typed into a cell (a tracker, an import file, the review sheet): the one rule, exact.

Accepted, and converted to the unit the figure is wanted in (`expected_uom`):
- a number cell, as the spreadsheet shows it at full precision (15 significant digits, all that
  Excel, WPS and LibreOffice keep); a cell formatted as a percentage (25% is stored as 0.25 with
  a `0%` format) is read as the percentage shown, 25 %;
- text: a number with or without its unit (300, 300家, 3.2亿元, 32000万元 for 亿元, 28.5%, 3.2万
  for 家), with thousands separators (1,234) or spaces, full-width digits or Chinese numerals
  (三千, 两万人), read exactly as decimals.
Refused, each with a message saying what to type instead: approximate figures (二百多, 120以上,
约300, 300左右), ranges (200-300), a comma that is not a thousands separator (3,5 is 3.5 to some
and 35 to others), units tracker does not know or that cannot be converted, dates, true/false
cells, and more than 15 significant digits. Whether a figure may be negative is the caller's rule.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.decimals import trimmed
from tracker.entries.cells import CellError
from tracker.extract.measures import kind_of, normalise_unit, split_unit
from tracker.extract.numerals import parse_decimal
from tracker.messages import Message, say

SIGNIFICANT_DIGITS = 15  # what a spreadsheet keeps of a number, and a float holds exactly
MAGNITUDES = ("万亿", "亿", "万")
# Words that make a figure approximate or a bound (二百多, 120以上, 约300, ≥300): not a figure to track.
APPROXIMATE_BEFORE = ("大约", "将近", "接近", "不少于", "不低于", "不超过", "不到", "不足", "至少", "超过", "约",
                      "近", "逾", "超", "上", "数", "几", ">=", "<=", "≥", "≤", ">", "<", "≈", "~")
APPROXIMATE_AFTER = ("以上", "以下", "以内", "左右", "上下", "之多", "出头", "多", "余", "来", "几", "+")
EXAMPLES = {"money": "3.2", "percent": "8.5", "points": "0.5"}  # an example figure per kind of unit

_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_FIGURE = re.compile(rf"(?P<sign>[-+]?)(?P<number>{_NUMBER}|[零〇一二两三四五六七八九十百千万亿点]+)(?P<unit>.*)")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_RANGE = re.compile(rf"[-+]?{_NUMBER}[^\d~\-至到]*(?:~|-|至|到)[-+]?{_NUMBER}\D*")
_DASHES = str.maketrans({"−": "-", "—": "-", "–": "-", "～": "~", "〜": "~"})


def figure_of(value: Any, expected_uom: str, *, uom: str = "", number_format: str | None = None) -> Decimal:
    """The figure in a cell, in `expected_uom`. `uom` is the unit a number is in when the file says it
    elsewhere (an import file's 计量单位 column; empty: `expected_uom`); `number_format` the cell's.
    Raises CellError (message and what to type) when it is not a figure."""
    expected = _expected(expected_uom)
    value = as_shown(value, number_format)
    if isinstance(value, bool):
        raise CellError(say("figure.boolean"), expected)
    if isinstance(value, date):
        raise CellError(say("figure.date"), expected)
    if isinstance(value, int | float):
        number = _number_cell(value, expected)
        return _in_unit(number, uom, expected_uom, trimmed(number) + uom)
    if not isinstance(value, str):
        raise CellError(say("figure.not_number", found=str(value)), expected)
    typed = unicodedata.normalize("NFKC", value).strip()
    text = re.sub(r"\s+", "", typed).translate(_DASHES)
    if uom and re.fullmatch(r"[-+]?[\d,]*\.?\d+", text):
        text += uom
    return _from_text(text, typed, expected_uom)


def as_shown(value: Any, number_format: str | None) -> Any:
    """A number cell formatted as a percentage as the text the spreadsheet shows in full (0.25 in a
    `0%` cell is '25%'); any other cell as it is."""
    if (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            and is_percent_format(number_format)):
        return f"{trimmed(_number_cell(value, None) * 100)}%"
    return value


def is_percent_format(number_format: str | None) -> bool:
    """Whether a cell's number format shows its value as a percentage: a % outside quotes ("0.0%"),
    not a literal percent sign ('0"%"', '0\\%')."""
    if not number_format:
        return False
    bare = re.sub(r'"[^"]*"|\\.', "", number_format)
    return "%" in bare


def _number_cell(value: int | float, expected: Message | None) -> Decimal:
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError(say("figure.not_finite"), expected)
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if len(number.as_tuple().digits) > SIGNIFICANT_DIGITS:
        # Binary noise beyond what the spreadsheet shows (0.28500000000000003): read what it shows.
        number = Decimal(trimmed(number.quantize(Decimal(1).scaleb(number.adjusted() - SIGNIFICANT_DIGITS + 1))))
    return number


def _from_text(text: str, typed: str, expected_uom: str) -> Decimal:
    expected = _expected(expected_uom)
    if not text:
        raise CellError(say("figure.empty"), expected)
    if "," in text:
        text = _without_separators(text, typed)
    if _RANGE.fullmatch(text):
        raise CellError(say("figure.range", found=typed, unit=_unit_hint(expected_uom)), None)
    match = _FIGURE.fullmatch(text)
    number = parse_decimal(("0" if match["number"][0] == "." else "") + match["number"]) if match else None
    if match is None or number is None:
        if _approximate(text, expected_uom):
            raise CellError(say("figure.approximate", found=typed, unit=_unit_hint(expected_uom)), None)
        raise CellError(say("figure.not_number", found=typed), expected)
    if match["sign"] == "-":
        number = -number
    unit = normalise_unit(match["unit"])
    base = split_unit(expected_uom)
    # '3.2万' or '两万' typed for a 家 indicator means 万 (or 1) of the indicator's base unit.
    if base is not None and (unit in MAGNITUDES or (not unit and match["number"][-1] in "万亿")):
        unit += base[1]
    if unit and unit != normalise_unit(expected_uom) and split_unit(unit) is None:
        if _approximate(text, expected_uom):
            raise CellError(say("figure.approximate", found=typed, unit=_unit_hint(expected_uom)), None)
        raise CellError(say("figure.unknown_unit", found=typed, unit=match["unit"]), expected)
    return _in_unit(number, unit, expected_uom, typed)


def _without_separators(text: str, typed: str) -> str:
    """`text` without its thousands separators; a comma that is not one (3,5 or 1,2345) is refused."""
    head = re.match(r"[-+]?([\d,.]+)", text)
    digits = head[1] if head else ""
    if digits and "," in digits and not _GROUPED.fullmatch(digits):
        decimal = digits.replace(",", ".", 1) if digits.count(",") == 1 and "." not in digits else None
        key = "figure.ambiguous_comma" if decimal else "figure.misplaced_comma"
        raise CellError(say(key, found=typed, decimal=decimal or "", plain=digits.replace(",", "")), None)
    return text.replace(",", "")


def _approximate(text: str, expected_uom: str) -> bool:
    """Whether `text` is a figure once its approximation words are taken away (二百多 -> 二百)."""
    bare = text
    for word in sorted((*APPROXIMATE_BEFORE, *APPROXIMATE_AFTER), key=len, reverse=True):
        bare = bare.replace(word, "")
    if bare == text or not bare:
        return False
    try:
        _from_text(bare, bare, expected_uom)
    except CellError:
        return False
    return True


def _in_unit(number: Decimal, unit: str, expected_uom: str, shown: str) -> Decimal:
    """`number` in `unit` converted to `expected_uom` (the same when `unit` is empty)."""
    if len(number.normalize().as_tuple().digits) > SIGNIFICANT_DIGITS:
        raise CellError(say("figure.too_many_digits", found=shown, digits=len(number.as_tuple().digits),
                            limit=SIGNIFICANT_DIGITS), None)
    if not unit or unit == normalise_unit(expected_uom):
        return number
    source, target = split_unit(unit), split_unit(expected_uom)
    if source is None or target is None or source[1] != target[1]:
        raise CellError(say("figure.not_convertible", found=shown, unit=unit, expected_uom=expected_uom),
                        _expected(expected_uom))
    return Decimal(trimmed(number * source[0] / target[0]))


def _unit_hint(uom: str) -> Message:
    return say("figure.unit_hint", uom=uom) if uom else say("figure.no_unit_hint")


def _expected(uom: str) -> Message:
    example = EXAMPLES.get(kind_of(uom), "300")
    if not uom:
        return say("figure.expected_plain", example=example)
    return say("figure.expected", uom=uom, example=example)

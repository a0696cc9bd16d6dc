"""Exact decimal values of numbers, and the one rounding rule every output uses.

A float is taken at its shortest decimal form (what repr() shows: 0.125 is "0.125", 62.45 is
"62.45"), then rounded once, half away from zero, with Decimal; see tracker/render/formatting.py.
Reading a tracker back (tracker/entries/) uses the same rule for numbers typed into a note.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Real


def to_decimal(value: float | int | Decimal | None) -> Decimal | None:
    """The decimal a number stands for (a float's shortest form), or None when it is missing or not finite."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Real):  # float, and numpy numbers (matplotlib, openpyxl)
        number = Decimal(repr(float(value)))
    else:
        raise TypeError(f"expected a number, found {type(value).__name__} {value!r}")
    return number if number.is_finite() else None


def round_half_up(number: Decimal, decimals: int) -> Decimal:
    """`number` rounded to `decimals` places, halves away from zero; -0 becomes 0."""
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 3)  # huge values keep every digit
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def trimmed(number: Decimal) -> str:
    """Without trailing zeros after the point: Decimal("6.20") -> "6.2", Decimal("10.00") -> "10"."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text

"""Numbers in Chinese policy text: the public entry point of the quantity layer.

The work is split by responsibility: `numerals` reads numerals (三百二十亿, 3.71万),
`measures` knows units and converts between magnitudes (32000万元 -> 3.2亿元), `quantities`
finds quantities (number + unit + bound words) in text. Figures users type into cells are read by
tracker/entries/figures.py.
"""

from __future__ import annotations

from tracker.extract.measures import base_value, convert, kind_of, normalise_unit, split_unit
from tracker.extract.numerals import clean_float, parse_chinese_number
from tracker.extract.quantities import Quantity, find_quantities

__all__ = [
    "Quantity", "base_value", "clean_float", "convert", "find_quantities", "kind_of", "normalise_unit",
    "parse_chinese_number", "split_unit",
]

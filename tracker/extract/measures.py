"""Units of measure as Chinese reports write them, and conversion between magnitudes.

A unit is a magnitude (万, 亿, 万亿 or nothing) followed by a base unit: 亿元 = 亿 + 元,
3.71万家 = 3.71 in 万家. Values stay in the unit as written; `convert` and `base_value`
move between magnitudes of the same base. Units of different bases never convert.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from tracker.extract.numerals import FULLWIDTH, MAGNITUDES, magnitude_of, to_float

MONEY = ("元", "美元", "欧元", "港元", "日元", "英镑")
COUNTS = (
    "家", "个", "项", "件", "人", "名", "位", "人次", "户", "批", "批次", "例", "台", "套", "条",
    "座", "所", "家次", "次", "款", "种", "支", "只", "辆", "艘", "架", "栋", "处", "间", "张",
    "份", "篇", "部", "场", "场次", "头", "株", "枚", "颗", "床", "宗",
)
MEASURES = (
    "吨", "斤", "千克", "千瓦", "千瓦时", "兆瓦", "兆瓦时", "吉瓦", "吉瓦时", "平方米", "平方公里", "公里", "米",
    "立方米", "亩", "公顷", "标准机柜", "机柜", "标准箱", "小时", "天", "个月", "个工作日", "分钟",
    "MW", "GW", "kW", "kWh", "MWh", "GWh", "TEU", "km", "Gbps", "Mbps", "Tbps", "TB", "PB", "EB",
    "PFLOPS", "EFLOPS", "TFLOPS", "岁", "微克/立方米", "毫克/立方米", "吨标准煤", "吨标准煤/万元", "件/万人",
    "元/人", "平方米/人",
)
PERCENT = "%"
POINTS = "个百分点"
MULTIPLE = "倍"

# Spellings that mean the same unit; the right-hand side is the unit reported.
ALIASES: dict[str, str] = {
    "％": "%", "百分点": "个百分点", "人民币": "元", "元人民币": "元", "千米": "公里",
    "平方千米": "平方公里", "公斤": "千克", "工作日": "个工作日", "千瓦·时": "千瓦时",
}
# Units that are a fixed multiple of another base: ‰ is a tenth of a percent.
SCALED: dict[str, tuple[Decimal, str]] = {"‰": (Decimal("0.1"), PERCENT)}

BASE_UNITS: frozenset[str] = frozenset((*MONEY, *COUNTS, *MEASURES, PERCENT, POINTS, MULTIPLE, "‰"))
# Bases that can carry 万/亿 in the unit (3.71万家, 10亿元); a rate never does.
SCALABLE: frozenset[str] = frozenset((*MONEY, *COUNTS, *MEASURES))


@functools.lru_cache(maxsize=1024)   # a handful of units, read for every figure
def normalise_unit(unit: str) -> str:
    """'％' -> '%', '万元人民币' -> '万元', '百分点' -> '个百分点'; other text is returned stripped."""
    unit = unit.strip().translate(FULLWIDTH)
    mag = "万亿" if unit.startswith("万亿") else unit[:1] if unit[:1] in ("万", "亿") else ""
    rest = unit[len(mag):]
    if rest in ALIASES:
        return mag + ALIASES[rest]
    return ALIASES.get(unit, unit)


@functools.lru_cache(maxsize=1024)
def split_unit(uom: str) -> tuple[Decimal, str] | None:
    """'亿元' -> (10**8, '元'); '‰' -> (0.1, '%'); None for a unit this module does not know."""
    uom = normalise_unit(uom)
    if uom in BASE_UNITS:
        return SCALED.get(uom, (Decimal(1), uom))
    for mag in ("万亿", "亿", "万"):
        if uom.startswith(mag) and uom[len(mag):] in SCALABLE:
            return Decimal(MAGNITUDES[mag]), uom[len(mag):]
    return None


@functools.lru_cache(maxsize=1024)
def kind_of(uom: str) -> str:
    """count | money | percent | points | multiple | measure ('' for an unknown unit)."""
    parts = split_unit(uom)
    if parts is None:
        return ""
    base = parts[1]
    if base in MONEY:
        return "money"
    if base in COUNTS:
        return "count"
    if base == PERCENT:
        return "percent"
    if base == POINTS:
        return "points"
    if base == MULTIPLE:
        return "multiple"
    return "measure"


def convert(value: float, from_uom: str, to_uom: str) -> float | None:
    """32000 万元 -> 3.2 亿元; 3.71 万家 -> 37100 家. None when the units have different bases."""
    source, target = split_unit(from_uom), split_unit(to_uom)
    if source is None or target is None or source[1] != target[1]:
        return None
    return to_float(Decimal(repr(float(value))) * source[0] / target[0])


def base_value(value: float, uom: str) -> tuple[float, str]:
    """(3.2, '亿元') -> (320000000.0, '元'); an unknown unit comes back unchanged."""
    parts = split_unit(uom)
    if parts is None:
        return value, uom
    return to_float(Decimal(repr(float(value))) * parts[0]), parts[1]


__all__ = [
    "ALIASES", "BASE_UNITS", "COUNTS", "MEASURES", "MONEY", "base_value", "convert", "kind_of",
    "magnitude_of", "normalise_unit", "split_unit",
]

"""Reading single cells that users typed into import files, review workbooks or the command line.

Each reader takes what a CSV or Excel cell holds (text, a number, a date or None) and returns
the value, or raises CellError (a ValueError) whose message says what is wrong and `expected`
what would have been accepted (messages, tracker/messages.py). Figures have their own module,
figures.py.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from tracker.messages import Message, say

# Excel counts days from 1899-12-30 (with its 1900 leap-year bug folded in). Only a number cell
# is read as a serial, and only in this range (2000-01-01..2099-12-31), so 2024 or 300 never is.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIALS = range(36526, 73051)
YEARS = range(1900, 2101)

COMPARATOR_WORDS: dict[str, tuple[str, ...]] = {
    ">=": (">=", "≥", "≧", "=>", "以上", "不低于", "不少于", "达到", "达", "至少", "at least"),
    ">": (">", "超过", "突破", "超", "高于", "多于", "more than"),
    "<=": ("<=", "≤", "≦", "=<", "以内", "以下", "不超过", "不高于", "控制在", "at most"),
    "<": ("<", "低于", "少于", "less than"),
    "=": ("=", "==", "等于", "稳定在", "保持在", "equal to"),
    "~": ("~", "≈", "左右", "约", "about"),
}
METRIC_WORDS: dict[str, tuple[str, ...]] = {
    "level": ("level", "总量", "数量", "规模", "绝对值"),
    "growth": ("growth", "增速", "增长", "增长率", "增幅"),
    "share": ("share", "比重", "占比", "强度", "比率", "比例"),
    "change": ("change", "变化", "提高", "百分点"),
}
DIRECTION_WORDS: dict[str, tuple[str, ...]] = {
    "up": ("up", "上升", "越大越好", "↑"),
    "down": ("down", "下降", "越小越好", "↓"),
}
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "target": ("target", "目标"),
    "actual": ("actual", "实际", "完成", "实绩"),
}

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(?:(\d{1,2})\s*[日号]?)?)?")
_TIME_OF_DAY = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


class CellError(ValueError):
    """A cell's content cannot be used: `message` says why, `expected` what would do (or None when
    the message says it)."""

    def __init__(self, message: Message | str, expected: Message | str | None = None) -> None:
        super().__init__(message)
        self.message, self.expected = message, expected


def text_of(value: Any) -> str:
    """A cell as text: '' for empty; whole floats without '.0' (2024.0 -> '2024'); dates ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value: Any) -> bool:
    return text_of(value) == ""


def _words(table: dict[str, tuple[str, ...]], value: Any, key: str) -> str:
    typed = text_of(value).lower()
    for code, words in table.items():
        if typed in words:
            return code
    raise CellError(say(key))


def comparator_of(value: Any) -> str:
    """'≥', '>=', '以上', '不低于' -> '>='; '以内', '不超过' -> '<='; '左右' -> '~' (see COMPARATOR_WORDS)."""
    return _words(COMPARATOR_WORDS, value, "cell.not_comparator")


def metric_of(value: Any) -> str:
    return _words(METRIC_WORDS, value, "cell.not_metric")


def direction_of(value: Any) -> str:
    return _words(DIRECTION_WORDS, value, "cell.not_direction")


def kind_of_record(value: Any) -> str:
    return _words(KIND_WORDS, value, "cell.not_kind")


def year_of(value: Any) -> int:
    """2024, 2024.0, '2024' or '2024年' -> 2024."""
    text = text_of(value).removesuffix("年")
    if not text.isdigit() or int(text) not in YEARS:
        raise CellError(say("cell.not_year"))
    return int(text)


def date_of(value: Any) -> date:
    """A date as Excel stores it or as people type it.

    Accepted: Excel date cells; Excel serial numbers in number cells (45565); 2024-09-30, 2024/9/30, 2024.9.30,
    2024年9月30日 (a time of day after it is ignored); 20240930; and a month alone (2024-09,
    2024年9月), which means its last day, as monthly reports (1—9月) are cumulative to month end.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and int(value) in EXCEL_SERIALS:
            return EXCEL_EPOCH + timedelta(days=int(value))
        if not (float(value).is_integer() and len(str(int(value))) == 8):
            raise CellError(say("cell.not_date"))
    text = _TIME_OF_DAY.sub("", text_of(value))
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except ValueError:
        raise CellError(say("cell.not_date")) from None


def excel_serial(day: date) -> int:
    """The serial number Excel stores for a date (1900 date system)."""
    # Imported here: the command line reads its --as-of dates with this module, and loading openpyxl
    # for them would cost an unchanged re-run a quarter of its time.
    from openpyxl.utils.datetime import to_excel

    return int(to_excel(day))

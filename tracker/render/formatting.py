"""Numbers, percentages, dates and target wording shared by the workbook, the memo and the CLI.

Rounding rule, the same everywhere: a float is taken at its shortest decimal form (what repr()
shows: 0.125 is "0.125", 62.45 is "62.45", 1.005 is "1.005"), then rounded once, half away from
zero, with Decimal. So 0.125 -> "12.5%", 0.6245 -> "62.5%", 62.45 -> "62.5", 1.005亿元 -> "1.01亿元",
where float rounding would give 62.4 and 1.0. Callers pass unrounded values (tracker/assess/status.py
computes them exactly) and round only here.

fmt_number shows at most two decimals and drops trailing zeros (6.2亿元, 10亿元, 2.43%, 280家);
fmt_percent and fmt_pp show a fixed number of decimals (62.0%, 13.0个百分点) so columns line up.
Missing or unusable values (None, NaN, ±inf) are shown as MISSING ("—"), never "None" or "nan".
Chinese has no thousands separators (12345家); English has them (12,345). Negative values keep
their sign ("-5.5%"); a value that rounds to zero is "0", never "-0". English units: units_en.py.
"""

from __future__ import annotations

from datetime import date

from tracker.decimals import round_half_up, to_decimal, trimmed
from tracker.models import Target
from tracker.render import LANGS
from tracker.render.units_en import english_amount, group
from tracker.render.words import words

MISSING = "—"
NUMBER_DECIMALS = 2

SYMBOLS = words("numbers")["symbols"]
WORDS = words("numbers")["comparators"]
# How a target's figure is qualified in memo parentheses; "{}" is the figure.
TARGET_WORDING = words("numbers")["target_wording"]
# Rates that move: (rising, falling) verbs; a negative target value is a fall ("下降3%").
RATE_VERBS = words("numbers")["rate_verbs"]
RANGE_JOIN = words("numbers")["range_join"]
MONTHS_EN = words("numbers")["months_en"]


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def fmt_number(value: float | None, uom: str | None, lang: str = "zh") -> str:
    """A figure with its unit, at most two decimals: (6.2, "亿元") -> "6.2亿元" / "CNY 620 million"."""
    _check_lang(lang)
    number = to_decimal(value)
    if number is None:
        return MISSING
    rounded = round_half_up(number, NUMBER_DECIMALS)
    uom = (uom or "").strip()
    if lang == "zh":
        return trimmed(rounded) + uom
    if uom in ("%", "‰"):
        return group(rounded) + uom
    return english_amount(rounded, uom)


def fmt_percent(fraction: float | None, decimals: int = 1, lang: str = "zh") -> str:
    """A fraction as a percentage with fixed decimals: 0.62 -> "62.0%", 0.125 -> "12.5%"."""
    _check_lang(lang)
    number = to_decimal(fraction)
    if number is None:
        return MISSING
    return f"{round_half_up(number * 100, decimals):f}%"


def fmt_pp(points: float | None, decimals: int = 1, lang: str = "zh") -> str:
    """Percentage points with fixed decimals and their sign: 13 -> "13.0个百分点" / "13.0 pp"."""
    _check_lang(lang)
    number = to_decimal(points)
    if number is None:
        return MISSING
    text = f"{round_half_up(number, decimals):f}"
    return f"{text}个百分点" if lang == "zh" else f"{text} pp"


def fmt_comparator(cmp: str | None, lang: str = "zh", words: bool = False) -> str:
    """">=" -> "≥" (table cells), or with words=True the word for sentences: "不低于" / "at least".

    An unknown comparator is returned unchanged; None is MISSING.
    """
    _check_lang(lang)
    if cmp is None:
        return MISSING
    table = WORDS[lang] if words else SYMBOLS
    return table.get(cmp, cmp)


def _figure(value: float, value_max: float | None, uom: str, lang: str) -> str:
    if value_max is None:
        return fmt_number(value, uom, lang)
    # Chinese writes the unit once (3～5个, 5～6亿元) except for percentages (5%～6%).
    low = fmt_number(value, uom if lang == "en" or uom == "%" else "", lang)
    return low + RANGE_JOIN[lang] + fmt_number(value_max, uom, lang)


def fmt_target(target: Target, lang: str = "zh") -> str:
    """The target as memos word it in parentheses.

    Levels and shares: "超过10亿元", "280家以上" (>=), "达到280家" (=), "控制在5.5%以内", "低于5%",
    "6%左右". Growth and change rates carry a verb chosen by the sign of the value: "增长30%",
    "增长30%以上", "下降3%", "提高1个百分点左右". A range is "5%～6%" or "3～5个"; a stretch value
    is added as "，力争12亿元"; a missing value gives MISSING. English: "more than CNY 1 billion",
    "growth of at least 30%", "about 6%; stretch goal: CNY 1.2 billion".
    """
    _check_lang(lang)
    if to_decimal(target.value) is None:
        return MISSING
    metric = target.metric
    uom = target.uom or ("个百分点" if metric == "change" else "%" if metric in ("growth", "share") else "")
    verbs = RATE_VERBS[lang].get(metric)
    wording = TARGET_WORDING[lang].get(target.comparator, "{}")

    def phrase(value: float, value_max: float | None, qualify: bool) -> str:
        falling = verbs is not None and value < 0 and (value_max is None or value_max <= 0)
        if falling:
            value, value_max = -value, (None if value_max is None else -value_max)
        figure = _figure(value, value_max, uom, lang)
        # A rate's verb already says "reach": 增长30%, not 增长达到30%.
        if qualify and not (verbs is not None and target.comparator == "="):
            figure = wording.format(figure)
        if verbs is None:
            return figure
        verb = verbs[1] if falling else verbs[0]
        return f"{verb}{figure}" if lang == "zh" else f"{verb} {figure}"

    text = phrase(target.value, target.value_max, qualify=True)
    if target.stretch_value is not None:
        stretch = phrase(target.stretch_value, None, qualify=False)
        text += f"，力争{stretch}" if lang == "zh" else f"; stretch goal: {stretch}"
    return text


def fmt_date(day: date | None, lang: str = "zh") -> str:
    """"2024年9月30日" (no zero padding, as official documents write it) / "30 September 2024"."""
    _check_lang(lang)
    if day is None:
        return MISSING
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"

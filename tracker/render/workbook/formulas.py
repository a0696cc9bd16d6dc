"""The tracker sheet's live formulas: tracker/assess/status.py's rules written in Excel.

Each data row keeps its constants in hidden helper columns (metric, cap flag 1/0, comparator
code, period start and end, judged value T) and works through small steps, so every formula
stays readable:

  计算日期 when    = the row's 数据截至 when it has a figure and a date, else the sheet date
  期满 over        = 1 when `when` >= period end, else 0
  序时进度         = months (or days) elapsed, exactly as status.time_progress
  完成率           = A / T for level targets (blank for rates and for T = 0)
  达标判定 verdict = level up: met; level cap: exceeded; rate: within the ~ tolerance
  超/欠序时 gap    = level: (completion - tp) * 100, reversed for caps; rate: A - T, reversed for caps
  状态             = the status label, by the ladders in status.py

Python's status.py works on exact fractions; Excel works on binary floats, where 5.2 - 6.2 is
-1.0000000000000009. Gaps and tolerance limits are therefore rounded to 9 decimals before they
are compared, so a gap of exactly -10 points is judged as -10 in both. Only functions that Excel
2010, WPS and LibreOffice all have are used (IF, AND, OR, NOT, ABS, ROUND, ISNUMBER, IFERROR,
YEAR, MONTH, EOMONTH, and CELL("format"), whose "P" says a figure was typed as a percentage). `cached_values` gives the value each formula has for a Status, which
the workbook stores beside the formula for readers that do not recalculate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl.utils import get_column_letter

from tracker.assess.status import RATE_METRICS, is_cap, judged_value, period_of, time_progress
from tracker.config import Settings, StatusRules
from tracker.decimals import to_decimal
from tracker.models import Status
from tracker.render.workbook.styles import excel_string
from tracker.render.workbook.wording import word

ROUNDING = 9  # decimals gaps and limits are rounded to before comparisons (see the docstring)
FORMULA_ROLES = ("when", "over", "time_progress", "completion", "verdict", "gap", "status")


@dataclass(frozen=True)
class Columns:
    """Column letters of the tracker sheet by role (see workbook_text.HEADERS)."""

    roles: tuple[str, ...]

    def index(self, role: str) -> int:
        return self.roles.index(role) + 1

    def letter(self, role: str) -> str:
        return get_column_letter(self.index(role))

    def __contains__(self, role: str) -> bool:
        return role in self.roles


def literal(value: float | Decimal) -> str:
    """A number as a formula constant, in its shortest decimal form (0.05, not 0.05000000000000000277)."""
    number = value if isinstance(value, Decimal) else to_decimal(value)
    if number is None:
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{number:f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("", "-0") else text


def progress_expression(when: str, start: str, end: str, basis: str) -> str:
    """序时进度 of the date in `when` for the period start..end (cell references or DATE(...))."""
    if basis == "days":
        elapsed = f"({when}-{start}+1)/({end}-{start}+1)"
    else:
        done = f"(YEAR({when})-YEAR({start}))*12+MONTH({when})-MONTH({start})+IF({when}=EOMONTH({when},0),1,0)"
        total = f"((YEAR({end})-YEAR({start}))*12+MONTH({end})-MONTH({start})+1)"
        elapsed = f"({done})/{total}"
    return f'IF({when}="","",IF({when}<{start},0,IF({when}>={end},1,{elapsed})))'


def row_formulas(cols: Columns, row: int, sheet_as_of: str, settings: Settings, lang: str,
                 percent: bool = False) -> dict[str, str]:
    """The formulas of one data row, by role; `sheet_as_of` is the absolute sheet date cell ("$C$2").
    `percent`: the target is in %, where a figure typed as 8.5% (stored 0.085 in a percent-formatted
    cell) means 8.5, as tracker reads it back (entries/figures.py)."""
    rules = settings.rules

    def c(role: str) -> str:
        return f"${cols.letter(role)}{row}"

    def label(code: str) -> str:
        return excel_string(settings.label(code, lang))

    a, t, cmp, cap, metric = c("actual"), c("judged"), c("comparator"), c("cap"), c("metric")
    when, over, gap, verdict = c("when"), c("over"), c("gap"), c("verdict")
    tol = to_decimal(rules.about_tolerance) or Decimal(0)
    limit = f'ROUND({t}*IF({cmp}="~",{literal(1 + tol)},1),{ROUNDING})'
    floor = f'ROUND({t}*IF({cmp}="~",{literal(1 - tol)},1),{ROUNDING})'
    level_verdict = f'IF({cap}=1,IF({cmp}="<",{a}>={limit},{a}>{limit}),IF({cmp}=">",{a}>{floor},{a}>={floor}))'
    rate = f'IF(LEFT(CELL("format",{a}),1)="P",{a}*100,{a})' if percent else a
    rate_verdict = f'AND({cmp}="~",ABS(ROUND({rate}-{t},{ROUNDING}))<={literal(rules.about_tolerance_pp)})'
    level_gap = (f'IF({c("completion")}="","",ROUND(IF({cap}=1,{c("time_progress")}-{c("completion")},'
                 f'{c("completion")}-{c("time_progress")})*100,{ROUNDING}))')
    rate_gap = f"ROUND(IF({cap}=1,{t}-{rate},{rate}-{t}),{ROUNDING})"
    ladder = (f'IF(AND({over}=0,{gap}>{literal(rules.ahead_pp)}),{label("ahead")},'
              f'IF(AND({over}=0,{gap}>=-{literal(rules.behind_pp)}),{label("on_schedule")},'
              f'IF({gap}>=-{literal(rules.seriously_behind_pp)},{label("behind")},{label("seriously_behind")})))')
    level_status = (f'IF({cap}=1,IF({verdict},{label("seriously_behind")},IF({over}=1,{label("achieved")},'
                    f'IF({gap}="",{label("on_schedule")},{ladder}))),'
                    f'IF({verdict},{label("achieved")},IF({gap}="",{label("behind")},{ladder})))')
    rate_status = (f'IF(AND({over}=1,OR({gap}>=0,{verdict})),{label("achieved")},'
                   f'IF(AND({over}=0,{verdict}),{label("on_schedule")},'
                   f'IF(AND({over}=0,{gap}>0),{label("ahead")},'
                   f'IF(AND({over}=0,{gap}>=-{literal(rules.rate_behind_pp)}),{label("on_schedule")},'
                   f'IF({gap}>=-{literal(rules.rate_seriously_behind_pp)},{label("behind")},'
                   f'{label("seriously_behind")})))))')
    check = excel_string(word(lang, "check"))
    return {
        "when": f'=IF(AND({a}<>"",{c("as_of")}<>""),{c("as_of")},IF({sheet_as_of}="","",{sheet_as_of}))',
        "over": f'=IF({when}="","",IF({when}>={c("end")},1,0))',
        "time_progress": "=IFERROR(" + progress_expression(when, c("start"), c("end"), rules.time_basis) + ',"")',
        "completion": f'=IFERROR(IF(OR({a}="",{metric}<>"level",{t}=0),"",{a}/{t}),"")',
        "verdict": f'=IF(OR({a}="",NOT(ISNUMBER({a}))),"",IF({metric}="level",{level_verdict},{rate_verdict}))',
        "gap": f'=IFERROR(IF(OR({a}="",{when}=""),"",IF({metric}="level",{level_gap},{rate_gap})),"")',
        "status": (f'=IFERROR(IF({a}="",{label("not_reported")},IF(OR(NOT(ISNUMBER({a})),{when}=""),{check},'
                   f'IF({metric}="level",{level_status},{rate_status}))),{check})'),
    }


def sheet_progress_formula(sheet_as_of: str, year: int, basis: str) -> str:
    """序时进度 of the whole sheet: the sheet date within the calendar year (12 months, or its days)."""
    d, start, end = sheet_as_of, f"DATE({year},1,1)", f"DATE({year},12,31)"
    if basis == "days":
        elapsed = f"({d}-{start}+1)/({end}-{start}+1)"
    else:
        elapsed = f"(MONTH({d})-1+IF({d}=EOMONTH({d},0),1,0))/12"
    return f'=IF({d}="","",IF({d}<{start},0,IF({d}>={end},1,{elapsed})))'


def verdict(status: Status, rules: StatusRules) -> bool | None:
    """What the 达标判定 formula gives: level up met / level cap exceeded / rate within tolerance."""
    if status.actual is None:
        return None
    target = status.target
    a = to_decimal(status.actual.value)
    t = to_decimal(judged_value(target))
    if target.metric in RATE_METRICS:
        return target.comparator == "~" and abs(a - t) <= to_decimal(rules.about_tolerance_pp)
    tolerance = to_decimal(rules.about_tolerance) if target.comparator == "~" else Decimal(0)
    if is_cap(target):
        limit = t * (1 + tolerance)
        return a >= limit if target.comparator == "<" else a > limit
    floor = t * (1 - tolerance)
    return a > floor if target.comparator == ">" else a >= floor


def cached_values(status: Status, settings: Settings, lang: str) -> dict[str, object]:
    """The value each formula of `status`'s row has, by role ("" where the formula shows nothing)."""
    _, end = period_of(status.target)
    has_figure = status.actual is not None
    return {
        "when": status.as_of,
        "over": 1 if status.as_of >= end else 0,
        "time_progress": status.time_progress,
        "completion": _blank(status.completion),
        "verdict": _blank(verdict(status, settings.rules)),
        "gap": _blank(status.gap_pp) if has_figure else "",
        "status": settings.label(status.code, lang),
    }


def sheet_progress_value(as_of: date, year: int, basis: str) -> float:
    return time_progress(date(year, 1, 1), date(year, 12, 31), as_of, basis)


def _blank(value: object) -> object:
    return "" if value is None else value

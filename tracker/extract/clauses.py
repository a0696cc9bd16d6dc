"""Where a figure's name is when its own clause does not give it.

- A change from one figure to another ("技术合同成交额从1200亿元增加到3400亿元", "比重由2005年的
  71%上升到77%"): the first figure is the starting point, not a figure of this period; the
  second is named by the words before 由/从, or by the clause before when 由/从 opens its clause.
- A clause with a figure and no name ("规模以上工业增加值增速由负转正，增长3%以上"): the name is
  carried over from the clause before it, when that clause holds no figure of its own.
- A verb of achieving inside the name ("产业项目完成投资", "片区注册企业实现增加值"): the
  name is the thing and the measure, without the verb.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import lexicon
from tracker.extract.quantities import Quantity, find_quantities

_LEX = lexicon()
_COMMA = "，,;；"
_STOP = "。！？!?\n"
_WINDOW = 60
# 由/从, then at most a time and 的 before the figure: "由2005年的", "从成立之初的".
# 由/从 and at most 的-words before the figure ("从成立之初的"); a year written there ("由2020年的")
# makes the starting figure that year's own, which is kept.
_BASE_BEFORE = re.compile(r"(?:由|从)[^,，。;；\d]{0,10}$")
_CHANGE_AFTER = _LEX.compile(r"^(?:多|余|以上|左右)?[^,，。;；\d]{0,14}?{change_verbs}(?:到|至)")
_FROM = _LEX.compile(r"(?:由|从)[^,，。;；]{0,14}?[\d一二三四五六七八九十两百千万亿]+[^,，。;；]{0,12}?{change_verbs}(?:到|至)[^,，。;；]{0,12}$")
# "计算机与通信设备产业2021年实现产值": the year of the achievement goes with its verb.
_ACHIEVED = _LEX.compile(r"^(?P<thing>.{2,}?)(?:(?:19|20)[0-9]{2}年(?:度|全年)?|今年|去年|全年|上半年|前三季度)?"
                         r"(?:{achieving_verbs})了?(?P<measure>.{1,8})$")


# Up to the last comma or sentence end in a window: one backward step of the engine, not a
# search per character.
_UP_TO_BREAK = re.compile(".*[" + _COMMA + _STOP + "]", re.DOTALL)


def _clause_start(text: str, position: int) -> int:
    low = max(0, position - _WINDOW)
    found = _UP_TO_BREAK.match(text, low, position)
    return found.end() if found else low


def _names_a_start(text: str, position: int) -> bool:
    """Whether 由 or 从 is written in the window before `position`: every change opens with one
    (most figures are no change, and their clause is then not looked at)."""
    low = max(0, position - _WINDOW)
    return text.find("由", low, position) >= 0 or text.find("从", low, position) >= 0


def is_change_base(text: str, q: Quantity) -> bool:
    """Whether `q` is where a change starts ("从1200亿元增加到…")."""
    if not _names_a_start(text, q.start):
        return False
    start = _clause_start(text, q.start)
    return bool(_BASE_BEFORE.search(text, start, q.start)) and bool(_CHANGE_AFTER.match(text[q.end:q.end + 24]))


def change_subject(text: str, q: Quantity) -> tuple[int, int] | None:
    """The span naming what changes, for the figure a change ends at ("…从1200亿元增加到3400亿元")."""
    if not _names_a_start(text, q.start):
        return None
    start = _clause_start(text, q.start)
    found = _FROM.search(text, start, q.start)
    if found is None:
        return None
    if found.start() - start >= 2:
        return start, found.start()
    return carried(text, start)


def carried(text: str, clause_start: int) -> tuple[int, int] | None:
    """The clause before `clause_start` in the same sentence, when it holds no figure."""
    if clause_start <= 0 or text[clause_start - 1] not in _COMMA:
        return None
    end = clause_start - 1
    start = _clause_start(text, end)
    if end - start < 2 or find_quantities(text[start:end]):
        return None
    return start, end


def without_achieving(name: str) -> str:
    """"产业项目完成投资" -> "产业项目投资", "某产业2021年实现产值" -> "某产业产值"; other names unchanged."""
    found = _ACHIEVED.match(name)
    return found.group("thing") + found.group("measure") if found else name

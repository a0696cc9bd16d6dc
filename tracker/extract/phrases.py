"""Whether a phrase the catalogue does not know names a measurable quantity of a unit.

A record's indicator is a catalogue indicator or a well-formed noun phrase naming what is
measured. `rejection` says why a phrase is not one: a fragment of a clause ("会上提出努力打造",
"和7家", "分别增速"), an action ("盘活用好闲置厂房"), a rank or first ("全国首个", "连续三年"),
a count of documents or meetings ("出台政策12条"), a measure of one project ("总投资",
"规划用地面积") or a duration. A phrase must end with a measurable head (收入, 投资, 企业, 率 …).
The words are data: `tracker/data/lexicon/phrases.yaml`.
"""

from __future__ import annotations

import re

from tracker.extract.edgechars import end_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.quantities import Quantity

_LEX = lexicon()
_OPENERS = _LEX.compile(r"^(?:{clause_openers}|{comparison_bases}|{collective_openers}|{time_openers}|[\s“”\"'、,，:：])+")
_VAGUE = frozenset(_LEX.words("vague_names"))
_GENERIC = frozenset(_LEX.words("generic_measures"))
_SHARE_OF_WHOLE = _LEX.compile("{shares_of_a_whole}")
_HEAD_END = _LEX.compile("{measurable_heads}$")
_HEAD_ENDS = end_chars(_HEAD_END)
_BAD_START = _LEX.compile("^{not_name_openers}")
_BAD_END = _LEX.compile("{not_name_closers}$")
_BAD_ENDS = end_chars(_BAD_END)
_ACTION = _LEX.compile("^{action_openers}")
_RANKING = _LEX.compile("{rankings}")
_POLICY = _LEX.compile("{policy_heads}$")
_POLICY_ENDS = end_chars(_POLICY)
_PROJECT = _LEX.compile("^(?:总|该|本)?{project_measures}$")
_PROJECT_OF = _LEX.compile("{single_sites}[^,，]*{project_measures}$")
_SECTOR_END = _LEX.compile("{sector_words}$")
_TIME_INSIDE = _LEX.compile("{time_inside}")
_INNER_VERB = _LEX.compile("{inner_verbs}")
_RATE_END = _LEX.compile("{rate_words}$")
_DURATIONS = frozenset(_LEX.words("duration_units"))
_CJK_START = re.compile(r"^[\u4e00-\u9fffA-Za-z“\"]")
_NUMBERISH = re.compile(r"[%％]|[0-9][.．]?$|^[0-9]|[0-9]\s*(?:个|家|项|条|亿|万|人|倍)")
_MAX_LENGTH = 24


def lead_length(phrase: str) -> int:
    """How many characters of clause openers (其中, 全市, 2023年, 实现 …) open `phrase`."""
    found = _OPENERS.match(phrase)
    return found.end() if found else 0


def is_complete(phrase: str) -> bool:
    """Whether `phrase` ends with a measurable head (收入, 企业, 增加值 …)."""
    phrase = phrase.rstrip("”\"'’")
    return bool(_HEAD_END.search(phrase)) and not _SECTOR_END.search(phrase)


def is_project_measure(phrase: str) -> bool:
    """"总投资", "规划用地面积": a measure of one project when nothing says whose."""
    return bool(_PROJECT.match(phrase))


def named_share(phrase: str) -> str:
    """"集成电路产业规模占全省" -> "集成电路产业规模占全省比重"; other phrases unchanged."""
    return phrase + "比重" if _SHARE_OF_WHOLE.search(phrase) else phrase


def is_vague(phrase: str) -> bool:
    """Whether `phrase` is only a head that says too little alone (占比, 投资, 增加值)."""
    return phrase in _VAGUE


def is_generic(phrase: str) -> bool:
    """Whether `phrase` is a measure anything can have (营业收入, 利润总额, 产值)."""
    return phrase in _GENERIC


def is_rate(phrase: str) -> bool:
    return bool(_RATE_END.search(phrase))


def rejection(name: str, q: Quantity | None = None) -> str | None:
    """Why `name` (unknown to the catalogue) cannot be the indicator of figure `q`; None if it can."""
    if len(name) < 2 or not _CJK_START.match(name):
        return "a fragment"
    if _NUMBERISH.search(name):
        return "a fragment with a number in it"
    if len(name) > _MAX_LENGTH or _TIME_INSIDE.search(name) or _INNER_VERB.search(name, 1):
        return "a phrase running across clauses"
    if _RANKING.search(name):
        return "a rank or a first"
    if _BAD_START.match(name) or (name[-1:] in _BAD_ENDS and _BAD_END.search(name)):
        return "a fragment of a clause"
    if _ACTION.match(name):
        return "an action, not a quantity"
    if q is not None and q.uom in _DURATIONS:
        return "a duration"
    if _PROJECT.match(name) or _PROJECT_OF.search(name):
        return "a measure of one project"
    if name[-1:] in _POLICY_ENDS and _POLICY.search(name) and (q is None or q.kind not in ("percent", "fraction")):
        return "a count of documents, meetings or tasks"
    if name in _VAGUE or name[-1:] not in _HEAD_ENDS or not _HEAD_END.search(name):
        return "not a measurable quantity"
    return None

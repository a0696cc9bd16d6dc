"""Reading one figure in its clause: what it measures, how it compares, what kind of rate it is.

Works on the analysis text (cleaned, spin-normalised, same offsets as the cleaned text).
Which unit and year a figure belongs to, and whether it is a target, is decided at the
sentence and document level (records.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract import cues
from tracker.extract.catalogue import Catalogue, Indicator
from tracker.extract.quantities import Quantity
from tracker.extract.sentences import CLAUSE_BREAK

FIGURE_KINDS = ("count", "money", "percent", "points", "multiple", "fraction", "measure", "class")
# The quantity is the object of a verb of having or adding: the indicator follows it ("共有8家科创板上市企业").
_OBJECT_VERB = re.compile(
    r"(有|共有|拥有|现有|新增|引进|培育|造就|认定|创建|建成|建立|签约|对接|邀请|组织|开工|集中开工|入选|形成|获批|"
    r"建设|培植|打造|集聚|聚集|吸引|落地|落户|服务|带动|实施|推出|出台|发布|达到|达|超过|突破|超)[了]?(近|约|超|逾)?$"
)
# Words that open a clause but name nothing: conjunctions, time, cue and filler words.
_LEAD = re.compile(
    r"^(其中|此中|个中|同时|此外|另外|以及|并且|并|及|和|与|且|全年|当年|今年|去年|本年|上年|目前|截至目前|截止目前|"
    r"力争|力图|确保|争取|预计|计划|努力|累计|共|已经|已|将|要|实现|完成|全市|全区|全省|全县|全州|全疆|全国|"
    r"我市|我区|我省|我县|该区|该市|新区|园区|\s)+"
)
_TRAIL = re.compile(r"(达到|达|为|是|约|近|超过|超|突破|实现|完成|共|有|共有|累计|同比|比上年|较上年|增长|的|了|总量|总数|规模|数量|\s)+$")
_PROJECT_SIZE = re.compile(r"^[^,，。;；、]{0,12}(项目|生产线|装置|机组|工程)")
_CAPACITY = re.compile(r"(年产|年产能|产能|年处理|年加工|设计产能|年生产)$")
_QUALIFIER_TAIL = re.compile(r"^(以上|以下)?[^,，。;；、\d]{1,8}?(?=\d|[一二两三四五六七八九十百千])")


@dataclass(frozen=True)
class Figure:
    quantity: Quantity
    value: float
    value_max: float | None
    uom: str
    metric: str
    comparator: str
    indicator: Indicator | None
    indicator_start: int     # span of the indicator phrase in the analysis text
    indicator_end: int
    phrase: str              # the indicator phrase in the analysis text


def is_candidate(q: Quantity, text: str, previous: int) -> bool:
    """Whether a quantity can be a policy figure at all (not a project's size or a capacity)."""
    if q.kind not in FIGURE_KINDS:
        return False
    before = text[max(previous, q.start - 6):q.start]
    if _CAPACITY.search(before):
        return False
    return not (q.kind in ("measure", "count", "money") and q.uom not in ("家", "个") and _PROJECT_SIZE.match(text, q.end))


def qualifies_next(q: Quantity, following: Quantity | None, text: str) -> bool:
    """"100亿元以上园区21个": the first amount only qualifies the counted thing."""
    if following is None or following.kind != "count" or q.kind == "count":
        return False
    between = text[q.end:following.start]
    return 0 < len(between) <= 10 and not CLAUSE_BREAK.search(between)


def read_figure(q: Quantity, text: str, clause_start: int, clause_end: int, catalogue: Catalogue,
                qualifier_start: int | None = None) -> Figure | None:
    prefix = text[clause_start:q.start]
    comparator, verb_start = cues.comparator_before(prefix)
    zone = prefix[:verb_start]
    is_rate, is_fall, rate_start = cues.growth_before(zone)
    value, value_max, uom = q.value, q.value_max, q.uom
    metric = "level"
    if q.kind == "points":
        metric = "change"
    elif q.kind == "multiple":
        # 翻一番 doubles (growth 100%); 增长2倍 is growth of 200%.
        multiplier = value if not is_rate else value + 1
        value, value_max, uom, metric = round((multiplier - 1) * 100, 6), None, "%", "growth"
    elif q.uom == "%" or q.kind == "fraction":
        metric = "growth" if is_rate else "share"
    comparator = q.comparator or comparator or ("=" if q.kind != "class" else ">=")
    if is_rate and metric in ("growth", "change") and is_fall:
        # "下降3%(以上)" is a growth of at most -3%: falling further is better.
        value = -value
        value_max = -value_max if value_max is not None else None
        comparator = "~" if comparator == "~" else "<="
    zone_end = rate_start if is_rate else len(zone)
    name_zone = zone[:zone_end]
    start = clause_start if qualifier_start is None else qualifier_start
    indicator, i_start, i_end = _indicator_in(text, start, clause_start + zone_end, catalogue)
    if indicator is None and (not _LEAD.sub("", name_zone).strip() or _OBJECT_VERB.search(name_zone) or name_zone.endswith("的")):
        indicator, i_start, i_end = _indicator_after(text, q.end, clause_end, catalogue)
    if indicator is None and i_start == i_end:
        i_start, i_end = _phrase_span(text, start, clause_start + zone_end)
    if indicator is not None and indicator.metric != metric:
        indicator = catalogue.variant(indicator, metric) or (indicator if metric == "level" or indicator.metric == "level" else None)
    if indicator is not None and metric == "level" and indicator.metric in ("share", "growth") and q.uom == "%":
        metric = indicator.metric
    phrase = text[i_start:i_end]
    if not phrase.strip():
        return None
    return Figure(q, value, value_max, uom, metric, comparator, indicator, i_start, i_end, phrase)


def _indicator_in(text: str, start: int, end: int, catalogue: Catalogue) -> tuple[Indicator | None, int, int]:
    found = catalogue.find_all(text[start:end])
    if not found:
        return None, start, start
    s, e, indicator = found[-1]
    return indicator, start + s, start + e


def _indicator_after(text: str, start: int, end: int, catalogue: Catalogue) -> tuple[Indicator | None, int, int]:
    tail = text[start:end]
    tail = re.sub(r"^(以上|以内|左右|之多|多|余)", "", tail)
    offset = start + (len(text[start:end]) - len(tail))
    tail = re.split(r"[中里内]$|的$", tail)[0] if tail else tail
    found = catalogue.find_all(tail)
    if found:
        s, e, indicator = found[0]
        return indicator, offset + s, offset + e
    phrase = re.sub(r"(中|里|内|的|在内)$", "", tail).strip()
    return None, offset, offset + len(phrase)


def _phrase_span(text: str, start: int, end: int) -> tuple[int, int]:
    zone = text[start:end]
    lead = _LEAD.match(zone)
    s = start + (lead.end() if lead else 0)
    trail = _TRAIL.search(text[s:end])
    e = s + (trail.start() if trail else end - s)
    return s, max(s, e)

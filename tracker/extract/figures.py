"""Reading one figure in its clause: what it measures, how it compares, what kind of rate it is.

Works on the analysis text (cleaned, spin-normalised, same offsets as the cleaned text).
Which unit and year a figure belongs to, and whether it is a target, is decided at the
sentence and document level (records.py).

Where the indicator is: before the figure ("技术合同成交额超过10亿元"); after it when the
figure is the object of a verb of having or adding ("共有8家科创板上市企业") or nothing names
it before; for a magnitude class, the thing classed ("千亿级产业集群"); for an elliptical
enumeration item ("…示范基地21个，其中国家级9个"), the previous item's indicator.
"""

from __future__ import annotations

import dataclasses
import re

from tracker.extract import clauses, cues, phrases
from tracker.extract.catalogue import Catalogue, Indicator
from tracker.extract.edgechars import end_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.naming import END_PUNCTUATION as _END_PUNCTUATION
from tracker.extract.naming import OBJECT_VERB as _OBJECT_VERB
from tracker.extract.naming import OBJECT_VERB_ENDS as _OBJECT_VERB_ENDS
from tracker.extract.naming import OBJECT_VERB_REACH as _OBJECT_VERB_REACH
from tracker.extract.naming import TRAIL as _TRAIL
from tracker.extract.naming import clean_name as _name
from tracker.extract.naming import fits as _fits
from tracker.extract.naming import indicator_after as _indicator_after
from tracker.extract.naming import indicator_in as _indicator_in
from tracker.extract.naming import qualified as _qualified
from tracker.extract.naming import share_base as _share_base
from tracker.extract.naming import trimmed as _trimmed
from tracker.extract.quantities import Quantity
from tracker.extract.sentences import CLAUSE_BREAK
from tracker.extract.values import value_class

FIGURE_KINDS = ("count", "money", "percent", "points", "multiple", "fraction", "measure", "class")
_LEX = lexicon()
# Word lists: tracker/data/lexicon/phrases.yaml; the shapes of the patterns stay here.
_PROJECT_SIZE = _LEX.compile(r"[^,，。;；、]{0,12}?{project_things}")
_CAPACITY = _LEX.compile(r"(?:首期|[一二三四五]期)?{capacity_words}$")
_CAPACITY_ENDS = end_chars(_CAPACITY)
_POLICY_PACKAGE = _LEX.compile("{policy_heads}")
_BATCH = _LEX.compile(r"{batch_words}[^,，。;；、]{0,6}$")
_COUNTED_BEFORE = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十几]+)\s*(?:个|家|条|批|座)(?:以上|多|余)?$")
_TRAILING_TIME = re.compile(r"(?:到|至)?(?:(?:19|20)\d\d年(?:底|末)?|今年|明年|年底|年末)的?$")
# "较2019年同期增长50%": growth over the same period of an earlier year is a comparison, not the
# year's growth (the same clause usually states that too, 同比增长30%).
_OTHER_BASE = re.compile(r"(?:比|较|相比)(?:19|20)\d\d年同期(?:相比)?[^，,；;。]{0,4}$")
_DIFFERENCE = re.compile(r"(比|较)(上年|去年|上年同期|年初)?(增加|减少|增长|下降|多|少)了?$|同比(增加|减少|多|少)了?$")
# "增速高于全省0.3个百分点": a comparison with a larger area, not a figure of the unit's own.
_ABOVE_AVERAGE = _LEX.compile(r"{comparison_verbs}{yardsticks}[^,，;；。]{0,6}$")
_CONTRIBUTION = _LEX.compile(r"{contribution_verbs}[^,，;；。]{0,14}$")
_COMPLETION = _LEX.compile(r"{completion_phrases}$")
_COMPLETION_ENDS = end_chars(_COMPLETION)
# What the things counted after a share do ("…企业参与了科技创新活动"): a verb phrase to the clause end.
_DOING = re.compile(r"(?P<what>(?:开展|参与|实现|完成|使用|应用|建成|建立|拥有|获得|接入|采用|上云|入驻|通过)了?[^,，。;；0-9]{1,12}?)"
                    r"[。;；,，]?\s*$")
_DIGIT = re.compile(r"[0-9]")
_CHANGE_END = _LEX.compile("{change_verbs}$")
_VERB_HEAD = 4   # 建成投产, 开工建设
_JOINERS = ("和", "及", "与")   # 以及 too: words joining the item before ("…产业集群和5个百亿级园区")
_CHINESE_DIGIT = re.compile(r"^[一二两三四五六七八九几]")
# A magnitude class right after a count ("两个千亿级产业集群") makes the count a goal, not rhetoric.
_CLASS_AFTER = re.compile(r"(?:[一二两三四五六七八九十百千万]+|[0-9]+)(?:亿|万)?(?:元|吨|千瓦)?级")
# Words saying a count is of things added this period, not the total (the indicator's flow).
_FLOW_WORD = _LEX.compile(r"{flow_words}(了|出)?(国家级|省级|市级|国家|省|市|全国)?(以上)?(各类|各种)?(近|约|超|逾)?\s*$")
_RATE_NOUN = _LEX.compile("{rate_nouns}")
_SENTENCE_PART_BREAK = re.compile(r"[,，;；:：。]")
_STOCK_WORD = _LEX.compile("{stock_words}")
_MODIFIER = re.compile(r"^[^,，。;；、]{0,6}?级(以上|以下)?|^[^,，。;；、]{0,4}?(类|型)$")


@value_class
class Figure:
    quantity: Quantity
    value: float
    value_max: float | None
    uom: str
    metric: str
    comparator: str
    indicator: Indicator | None
    indicator_start: int     # span of the indicator phrase as written, in the analysis text
    indicator_end: int
    name: str                # the indicator's name when unknown to the catalogue


def is_candidate(q: Quantity, text: str, clause_from: int) -> bool:
    """Whether a quantity can be a policy figure at all."""
    if q.kind not in FIGURE_KINDS:
        return False
    before = text[max(0, q.start - 10):q.start]
    if before[-1:] in _CAPACITY_ENDS and _CAPACITY.search(before):
        return False  # a plant's capacity, not a unit's figure
    if q.kind == "class" and (_BATCH.search(before) or _COUNTED_BEFORE.search(before)):
        return False  # "一批百亿级园区", "培育3个千亿级集群": the count is the goal, the class its kind
    if q.uom in ("条", "项") and _POLICY_PACKAGE.match(text, q.end, q.end + 6):
        return False  # "36条新政": the name of a policy package
    if q.kind in ("measure", "money") and _PROJECT_SIZE.match(text, q.end):
        return False  # "10万吨负极材料项目": the size of a project
    return not (q.kind == "count" and _CHINESE_DIGIT.match(q.text) and q.value < 10
                and not cues.comparator_before(text[clause_from:q.start])[0]
                and not _CLASS_AFTER.match(text, q.end))  # "两个关键环节": rhetoric; "两个千亿级集群" is not


def qualifies_next(q: Quantity, following: Quantity | None, text: str) -> bool:
    """"100亿元以上园区21个": the first amount only qualifies the counted thing."""
    if following is None or following.kind != "count" or q.kind == "count":
        return False
    between = text[q.end:following.start]
    return 0 < len(between) <= 10 and not CLAUSE_BREAK.search(between)


def read_figure(q: Quantity, text: str, clause_start: int, clause_end: int, catalogue: Catalogue,
                subject_end: int, qualifier_start: int | None = None, previous: Figure | None = None) -> Figure | None:
    """Read the figure `q` in its clause; `subject_end` is where the governing unit's name ends."""
    if clauses.is_change_base(text, q):
        return None  # "从1795亿元增加到5260亿元": where the change starts, not this period's figure
    start = max(clause_start, subject_end) if subject_end <= q.start else clause_start
    if text[start:q.start].rstrip().endswith(_JOINERS):
        start = q.start  # "…产业集群和5个百亿级园区": the words before 和 name the item before
    prefix = text[start:q.start]
    tail = max(0, len(prefix) - 12)
    head = prefix[tail:]
    when = _TRAILING_TIME.search(head) if "年" in head else None   # "增加到2025年的4000家"
    timeless = head[:when.start()] if when else head
    if when and when.group(0)[:1] in "到至" and _CHANGE_END.search(timeless):
        timeless += when.group(0)[0]   # "上升到2010年的73%": the verb keeps its 到, a comparator
    prefix = prefix[:tail] + timeless
    if q.kind not in ("percent", "points", "fraction", "multiple") and ("比" in prefix or "较" in prefix) \
            and _DIFFERENCE.search(prefix):
        return None  # "比上年减少3所": a difference from last year, not a figure to track
    if "同期" in prefix and _OTHER_BASE.search(prefix, max(0, len(prefix) - 16)):
        return None
    if q.kind == "points" and (_ABOVE_AVERAGE.search(prefix) or _CONTRIBUTION.search(text, clause_start, q.start)):
        return None   # above the province's average, or a contribution to another figure's growth
    completion = _COMPLETION.search(prefix) if prefix[-1:] in _COMPLETION_ENDS else None
    if completion is not None and q.uom == "%":
        if previous is None:
            return None
        # "到位资金8.35亿元，完成工作任务的72.6%": how much of its goal the figure before reached.
        name = previous.name.removesuffix("增速") + "目标完成率"
        return Figure(q, q.value, q.value_max, "%", "share", q.comparator or "=", None, start + completion.start(),
                      start + completion.end(), name)
    comparator, verb_start = cues.comparator_before(prefix)
    zone = prefix[:verb_start]
    is_rate, is_fall, rate_start = cues.growth_before(zone)
    value, value_max, uom, metric = metric_of(q, is_rate)
    comparator = q.comparator or comparator or ("=" if q.kind != "class" else ">=")
    if is_rate and is_fall and metric in ("growth", "change"):
        # "下降3%(以上)" is a growth of at most -3%: falling further is better.
        value, value_max = -value, (-value_max if value_max is not None else None)
        comparator = "~" if comparator == "~" else "<="
    name_end = start + (rate_start if is_rate else len(zone))
    named = clauses.change_subject(text, q)
    name_span = None   # the words naming the figure, trimmed (found once)
    if named is None and previous is None and q.kind != "class":
        name_span = _trimmed(text, start, name_end)
        if not text[slice(*name_span)] \
                and not _name(text.__getitem__(slice(*_indicator_after(text, q.end, clause_end, catalogue)[1:]))):
            named = clauses.carried(text, start)   # "…增速由负转正，增长3%以上"
    if named is not None:
        start, name_end = named
        name_span = None
    if qualifier_start is not None:
        s, e = _trimmed(text, qualifier_start, q.start)
        return Figure(q, value, value_max, uom, metric, comparator, None, s, e, text[s:e])
    # In "高新技术产业产值占规上工业产值比重" the indicator comes before 占, the rest is the base.
    share_base = _share_base(text, start, name_end) if metric == "share" else -1
    if share_base == start and previous is not None and previous.indicator is not None:
        # "完成服务业增加值434亿元，占国内生产总值比重达43.5%": the share of the figure before.
        sibling = catalogue.variant(catalogue.get(previous.indicator.family or previous.indicator.id), "share")
        if sibling is not None:
            return Figure(q, value, value_max, uom, metric, comparator, sibling, start, name_end, sibling.name)
    if name_span is None:
        name_span = _trimmed(text, start, name_end)
    indicator, s, e = _indicator_in(text, start, share_base if share_base > start else name_end, catalogue)
    if indicator is not None and share_base > start:
        e = max(e, name_span[1])   # the phrase as written: "…占地区生产总值比重"
    if indicator is not None and (not _fits(indicator, q, metric) or _qualified(text, start, s, e, name_end)):
        # "每出口4辆" is not exports; "绿色矿业营业收入" is the sector's, not the unit's revenue.
        indicator, (s, e) = None, name_span
    bare = text[slice(*name_span)]
    zone_text = text[start:name_end]
    verb = _OBJECT_VERB.search(zone_text, max(0, len(zone_text) - _OBJECT_VERB_REACH)) \
        if zone_text[-1:] in _OBJECT_VERB_ENDS else None
    if indicator is None and (q.kind == "class" or not bare or verb or zone_text.endswith(("的", "等"))):
        after_indicator, a, b = _indicator_after(text, q.end, clause_end, catalogue)
        if after_indicator is None and text[b:b + 1] == "、" and not phrases.is_complete(_name(text[a:b])):
            # "33家省级瞪羚、潜在独角兽及独角兽企业": the counted things are the whole list.
            cut = _SENTENCE_PART_BREAK.search(text, b)
            wider = _indicator_after(text, q.end, cut.start() if cut else len(text), catalogue)
            if phrases.is_complete(_name(text[wider[1]:wider[2]])) and not _DIGIT.search(text, wider[1], wider[2]):
                after_indicator, a, b = wider
        if after_indicator is None and phrases.is_vague(_name(text[a:b])):
            # "14个项目建成投产": the verb after a bare 项目 says which projects are counted.
            tail = _TRAIL.sub("", text[a:clause_end].rstrip(_END_PUNCTUATION))
            if len(tail) - (b - a) <= _VERB_HEAD and phrases.rejection(_name(tail), q) is None:
                b = a + len(tail)
        if after_indicator is not None and not _fits(after_indicator, q, metric):
            after_indicator = None
        if _name(text[a:b]):
            indicator, s, e = after_indicator, a, b
            if q.kind == "class" and bare:
                s = name_span[0]  # "新能源新材料千亿级产业集群"
            elif after_indicator is None and b - a <= 2 and verb:
                # "邀请30多家企业": the verb says which companies.
                name = _name(verb.group(1) + text[a:b])
                if phrases.rejection(name, q) is not None:
                    return None
                return Figure(q, value, value_max, uom, metric, comparator, None, a, b, name)
            doing = _DOING.fullmatch(text, b, clause_end) if metric == "share" else None
            if doing is not None:
                # "近三成规上工业企业开展了智能化改造": the share of the things that do it.
                name = _name(text[a:b]) + doing.group("what").replace("了", "", 1) + "的占比"
                return Figure(q, value, value_max, uom, metric, comparator, None, a, doing.end("what"), name)
    if previous is not None and previous.indicator is not None and _STOCK_WORD.search(zone_text):
        # "新认定高新技术企业1200家，总数突破5000家": the total, not another addition.
        previous = dataclasses.replace(previous, indicator=catalogue.stock(previous.indicator))
    if indicator is None and e <= s:
        if not bare and previous is not None:
            return _elliptical(q, previous, value, value_max, uom, metric, comparator, text, name_end, name_end,
                               catalogue)
        s, e = name_span
        if _MODIFIER.match(text[s:e]) and previous is not None and len(text[s:e]) <= 6:
            return _elliptical(q, previous, value, value_max, uom, metric, comparator, text, s, e, catalogue)
        if _FLOW_WORD.fullmatch(text, s, e) and previous is not None and previous.indicator is not None \
                and (flow := catalogue.flow(catalogue.stock(previous.indicator))) is not None:
            # "高新技术企业达到1200家，其中新认定310家": the additions to the total just given.
            return Figure(q, value, value_max, uom, metric, comparator, flow, s, e, flow.name)
    base = indicator
    indicator = variant_of(indicator, metric, q, catalogue)
    if indicator is not None and indicator.metric == "level" and (flow := catalogue.flow(indicator)) is not None:
        named_at = min(s, q.start)   # the indicator's name, or the figure when the name follows it
        word = _FLOW_WORD.search(text, max(start, named_at - 10), named_at)
        if word is not None:
            indicator, s = flow, min(s, word.start())
        elif _continues_flows(previous, text, named_at, catalogue):
            indicator = flow   # "新增瞪羚企业30家、独角兽企业2家": 新增 governs the whole list
    if indicator is not None and metric == "level" and indicator.metric in ("share", "growth") and q.uom == "%":
        metric = indicator.metric
    if base is None:
        name = clauses.without_achieving(_name(text[s:e]))
        if name != _name(text[s:e]) and (achieved := catalogue.match(name)) is not None and _fits(achieved, q, metric) \
                and not _part_of_generic(name, catalogue):
            indicator = variant_of(achieved, metric, q, catalogue)
            if indicator is not None:
                return Figure(q, value, value_max, uom, metric, comparator, indicator, s, e, indicator.name)
        if phrases.is_vague(name) and previous is not None and previous.indicator is not None:
            # "民营经济增加值增长7%，占比达51.5%": the share of the same indicator.
            sibling = catalogue.variant(catalogue.get(previous.indicator.family or previous.indicator.id), metric)
            if sibling is not None:
                return Figure(q, value, value_max, uom, metric, comparator, sibling, s, e, sibling.name)
        if metric == "share":
            name = phrases.named_share(name)
        if phrases.is_project_measure(name) and previous is not None and "项目" in previous.name:
            # "开工重大项目38个，总投资268亿元": the investment of the projects just counted.
            name = previous.name.removesuffix("数") + name
            base = catalogue.match(name)
            if base is not None and not _fits(base, q, metric):
                base = None   # "签约项目36个，总投资580亿元": the projects' investment, not their number
            indicator = variant_of(base, metric, q, catalogue) if base is not None else None
            return Figure(q, value, value_max, uom, metric, comparator, indicator, s, e, indicator.name if indicator else name)
        if metric == "growth" and is_rate:
            # "经济增长6.5%", "企业数量增长率为49.4%": with its rate word, the phrase is a catalogue name.
            lead = name_span[0]
            for phrase in (name, _name(text[lead:name_end])):
                rated = catalogue.named(phrase + zone[rate_start:].strip())
                if rated is not None and rated.metric == "growth":
                    return Figure(q, value, value_max, uom, metric, comparator, rated, s, e, rated.name)
        if phrases.rejection(name, q) is not None:
            return None
        if metric == "growth" and is_rate:
            # An unknown rate is named with its rate word: "居民消费价格涨幅", not "居民消费价格".
            written = _RATE_NOUN.match(zone, rate_start)
            name += written.group(0) if written else "增速"
    else:
        name = rate_name(base.name, metric) if indicator is None else indicator.name
    if not name:
        return None
    return Figure(q, value, value_max, uom, metric, comparator, indicator, s, e, name)


def _part_of_generic(name: str, catalogue: Catalogue) -> bool:
    """"大型企业利润": a generic measure (利润, 营业收入) after the name of a part is the part's own."""
    found = catalogue.find_all(name)
    if not found:
        return False
    s, e, _ = found[-1]
    return e == len(name) and s >= 2 and phrases.is_generic(name[s:e])


def _continues_flows(previous: Figure | None, text: str, here: int, catalogue: Catalogue) -> bool:
    """Whether the figure at `here` is the next item of a list of additions (joined by 、)."""
    if previous is None or previous.indicator is None or not catalogue.is_flow(previous.indicator):
        return False
    between = text[previous.quantity.end:here]
    return "、" in between and not _SENTENCE_PART_BREAK.search(between)


def metric_of(q: Quantity, is_rate: bool) -> tuple[float, float | None, str, str]:
    if q.kind == "points":
        return q.value, q.value_max, q.uom, "change"
    if q.kind == "multiple":
        # As written: 增长1.8倍 is a growth of 1.8 倍; 是上年的3倍 and 翻一番 (2 倍) are multiples of a base.
        return q.value, None, q.uom, "growth" if is_rate else "share"
    if q.uom == "%" or q.kind == "fraction":
        return q.value, q.value_max, "%", "growth" if is_rate else "share"
    return q.value, q.value_max, q.uom, "level"


def variant_of(indicator: Indicator | None, metric: str, q: Quantity, catalogue: Catalogue) -> Indicator | None:
    if indicator is None or indicator.metric == metric:
        return indicator
    found = catalogue.variant(indicator, metric)
    if found is not None:
        return found
    # A level indicator measured as a rate it has no entry for is a different indicator.
    return indicator if q.uom != "%" and metric == "level" else None


def _elliptical(q, previous: Figure, value, value_max, uom, metric, comparator, text, s, e,
                catalogue: Catalogue) -> Figure:
    """"…基地21个，其中国家级9个", "增长6%，力争7%": the item inherits the previous item's indicator
    (as the rate it now is: "…达到6000亿元，年均增长6.5%" is the growth of the same indicator)."""
    modifier = text[s:e].strip()
    if metric == "share" and previous.metric in ("growth", "share") and uom == previous.uom:
        metric = previous.metric  # "增长6%，力争7%": the stretch value of the same rate
    if previous.indicator is not None and not modifier:
        indicator = variant_of(previous.indicator, metric, q, catalogue)
        name = indicator.name if indicator else rate_name(previous.indicator.name, metric)
        return Figure(q, value, value_max, uom, metric, comparator, indicator,
                      previous.indicator_start, previous.indicator_end, name)
    base = _MODIFIER.sub("", previous.name) if modifier else previous.name
    name = modifier + base
    if metric == "growth" and previous.metric == "level" and not phrases.is_rate(name):
        name += "增速"   # "户籍人均生产总值98320元，增长5.1%": the growth of the same phrase
    if not modifier:
        s, e = previous.indicator_start, previous.indicator_end
    return Figure(q, value, value_max, uom, metric, comparator, None, s, e, name)


def rate_name(name: str, metric: str) -> str:
    """The name of a rate the catalogue has no entry for: "规模以上工业总产值" -> "…增速"."""
    return name + "增速" if metric == "growth" else name



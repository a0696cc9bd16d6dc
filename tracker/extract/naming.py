"""Where the indicator phrase of a figure is written, and how it is trimmed.

Before the figure ("技术合同成交额超过10亿元"), its lead words (其中, 全市, 实现) and trailing
words (达到, 同比, 总数) trimmed; after it for a counted thing ("共有8家科创板上市企业"), up to a
verb or the next figure. A catalogue name found there must fit the figure's unit, and a generic
measure (营业收入) after the name of a part is that part's own indicator. Word lists:
tracker/data/lexicon/phrases.yaml.
"""

from __future__ import annotations

import re

from tracker.extract import clauses, phrases
from tracker.extract.catalogue import Catalogue, Indicator
from tracker.extract.edgechars import end_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.measures import kind_of
from tracker.extract.quantities import Quantity
from tracker.extract.sentences import CLAUSE_BREAK

_LEX = lexicon()
# Word lists: tracker/data/lexicon/phrases.yaml; the shapes of the patterns stay here.
OBJECT_VERB = _LEX.compile(r"({object_verbs})(了|出)?(近|约|超|逾)?$")
OBJECT_VERB_ENDS = end_chars(OBJECT_VERB)
# The verb ends the phrase, so only its last characters need searching (longest verb, 了/出, 近 …).
OBJECT_VERB_REACH = max(len(verb) for verb in _LEX.words("object_verbs")) + 2
# Words that open a clause but name nothing: conjunctions, time, cue, collective and action words.
_LEAD = _LEX.compile(r"^(?:{clause_openers}|{comparison_bases}|{collective_openers}|{time_openers}|\s)+")
TRAIL = _LEX.compile(r"(?:{name_trailers})+$")
_TRAIL_ENDS = end_chars(TRAIL)
# Where the name of a counted thing ends: at a verb, a time word or the end of the clause.
_NOUN_STOP = _LEX.compile("{noun_stops}")
_AFTER_BOUND = re.compile(r"(以上|以内|左右|之多|多|余|的)*")
_LAST_WORD = re.compile(r"[\u4e00-\u9fff]{2}$")
_SPACE = re.compile(r"\s+")
_CLASS_BEFORE = re.compile(r"[0-9十百千万亿]+级")
_MODIFIER_BEFORE = 4
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([A-Za-z][A-Za-z0-9.&+\-·]{0,9}\)")
_WITHIN = re.compile(r"在[^,，。;；]{1,12}?中占")
END_PUNCTUATION = "。！？!?；;，,、：:… \t\n"


def share_base(text: str, start: int, end: int) -> int:
    """Where the whole a share is of begins: 占 in "X占Y比重", 在 in "X在Y中占比"; -1 if neither."""
    within = _WITHIN.search(text, start, end)
    return within.start() if within else text.find("占", start, end)


def fits(indicator: Indicator, q: Quantity, metric: str) -> bool:
    """Whether the figure's unit can measure the indicator (a count is not an amount of money)."""
    if metric != "level" or indicator.metric != "level":
        return True
    have, want = kind_of(q.uom), kind_of(indicator.uom)
    return not have or not want or have == want


def qualified(text: str, start: int, s: int, e: int, name_end: int) -> bool:
    """Whether a generic measure (营业收入) is qualified by the name of a part before it."""
    if not phrases.is_generic(text[s:e]):
        return False
    lead = trimmed(text, start, name_end)[0]
    modifier = text[lead:s]
    # "大型企业实现利润": the part's own profit, its verb of achieving aside.
    return len(modifier) >= 2 and not CLAUSE_BREAK.search(modifier) \
        and phrases.rejection(clauses.without_achieving(modifier + text[s:e])) is None


def indicator_in(text: str, start: int, end: int, catalogue: Catalogue) -> tuple[Indicator | None, int, int]:
    zone = text[start:end]
    if "(" not in zone:
        found = catalogue.find_all(zone)
        if not found:
            return None, end, end
        s, e, indicator = found[-1]
        return indicator, start + s, start + e
    # "单位国内生产总值(GDP)能耗": the name is looked up without the abbreviation glossing it.
    cut = {i for g in _GLOSS.finditer(zone) for i in range(*g.span())}
    kept = [i for i in range(len(zone)) if i not in cut]
    zone = "".join(zone[i] for i in kept)
    found = catalogue.find_all(zone)
    if not found:
        return None, end, end
    s, e, indicator = found[-1]
    return indicator, start + kept[s], start + kept[e - 1] + 1


def indicator_after(text: str, start: int, end: int, catalogue: Catalogue) -> tuple[Indicator | None, int, int]:
    tail = text[start:end].rstrip(END_PUNCTUATION)
    skip = _AFTER_BOUND.match(tail).end()
    stop = _NOUN_STOP.search(tail, skip)
    noun_end = start + (stop.start() if stop and stop.start() > skip else len(tail))
    found = catalogue.find_all(text[start + skip:noun_end])
    if found:
        s, e, indicator = found[0]
        if _CLASS_BEFORE.search(text, start + skip, start + skip + s):
            # "10个以上千亿级战略性新兴产业集群": clusters of a class, not all clusters.
            return None, start + skip, start + skip + e
        if s <= _MODIFIER_BEFORE:
            s = 0   # "十个以上重点战略性新兴产业集群": the phrase as written keeps its modifier
        return indicator, start + skip + s, start + skip + e
    end_trimmed = noun_end
    trail = TRAIL.search(text, start + skip, noun_end) if text[noun_end - 1:noun_end] in _TRAIL_ENDS else None
    if trail and trail.end() == noun_end:
        end_trimmed = trail.start()
    return None, start + skip, max(start + skip, end_trimmed)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    zone = text[start:end]
    lead = _LEAD.match(zone)
    s = start + (lead.end() if lead else 0)
    named = text[s:end]
    trail = TRAIL.search(named) if named[-1:] in _TRAIL_ENDS else None
    e = s + (trail.start() if trail else end - s)
    if 0 < e - s <= 2 and lead and lead.end() > 0:
        # "对接企业": a bare noun says too little without the verb that was trimmed off.
        verb = _LAST_WORD.search(text, start, s)
        s = s - len(verb.group(0)) if verb and OBJECT_VERB.search(verb.group(0)) else s
    return s, max(s, e)


def clean_name(phrase: str) -> str:
    name = _SPACE.sub("", phrase).strip("\"'‘’《》,，。;；、:：()（）")
    # Keep a quoted word whole ("“四上”企业"); drop a quote mark left without its pair.
    if name.startswith("“") and "”" not in name:
        name = name[1:]
    if name.endswith("”") and "“" not in name:
        name = name[:-1]
    return name

"""Lists that pair names with values: "城镇、农村居民人均可支配收入分别增长7%、8%".

In a 分别 list the i-th value goes to the i-th name before 分别; names share a head the
last one carries ("城镇、农村居民人均可支配收入" are 城镇居民人均可支配收入 and
农村居民人均可支配收入; "医疗器械、文化用品等行业产值" are 医疗器械行业产值 and 文化用品行业产值).
A second 分别 with no names of its own ("…分别达34525元、18352元，分别增长8.5%、9%"), or a
run of values in the next clause without one ("…分别为39310元、20356元，增长5.5%、5.6%"), reuses
the names of the list before it. One name with a paired head (城乡, 进出口: lists.yaml
paired_heads) names its parts in order: "城乡居民人均可支配收入分别增长5%、7%" are 城镇居民… and 农村居民…. A list whose name and value counts differ is left to the
clause reader (figures.py), which gives every value the phrase before it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tracker.extract import cues, phrases
from tracker.extract.catalogue import Catalogue
from tracker.extract.figures import Figure, metric_of, rate_name, variant_of
from tracker.extract.lexicon import lexicon
from tracker.extract.quantities import Quantity
from tracker.extract.sentences import COMMA_BREAK

_LEX = lexicon()
_RESPECTIVELY = _LEX.compile("{respectively}")
_JOINER = _LEX.compile(r"^\s*(?:{list_joiners}|[,，])\s*$")
_ALL_JOINERS = _LEX.compile("{list_joiners}")
_QUALIFIERS = _LEX.compile(r"{list_qualifiers}+$")
_SUMMARY = _LEX.compile("{list_summaries}")
_SUMMARY_MODIFIER = _LEX.compile("^{summary_modifiers}+")
_PAIRED = {word: parts.split() for word, parts in _LEX.pairs("paired_heads").items()}
_PAIRED_HEAD = _LEX.compile("{paired_heads}")
_NEXT_LEAD = re.compile(r"[^,，;；。0-9]{0,8}$")   # "，增长5.5%、5.6%": the words before a reused list's values
_LEAD_WINDOW = 16          # "分别恢复到2019年的113%": words between 分别 and the first value
_NAME_WINDOW = 60
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Item:
    """One name of a list, as the indicator phrase of one value."""

    name: str     # the phrase with its shared head restored
    start: int    # where the name is written (its own words)
    end: int
    lead: str     # the words between 分别 and the first value: 增长, 达到, 恢复到…的


def find_lists(text: str, start: int, end: int, quantities: list[Quantity]) -> dict[int, tuple[Item, Quantity]]:
    """{quantity start: (its item, the quantity as the list reads it)} for the 分别 lists of a sentence."""
    found: dict[int, tuple[Item, Quantity]] = {}
    previous: list[tuple[str, int, int]] | None = None
    for match in _RESPECTIVELY.finditer(text, start, end):
        values = _values_after(text, match.end(), quantities)
        if len(values) < 2:
            continue
        lead = text[match.end():values[0].start]
        names = _names_before(text, start, match.start(), len(values))
        if names is None and previous is not None and len(previous) == len(values) \
                and not _names_region(text, start, match.start()):
            names = previous
        if names is None and not _names_region(text, start, match.start()):
            names = _names_of_values(text, start, match.start(), quantities, len(values))
        if names is None:
            continue
        previous = names
        for (name, s, e), value in zip(names, _shared_unit(values), strict=True):
            found[value.start] = (Item(name, s, e, lead), value)
        next_lead, following = _next_run(text, values[-1].end, end, quantities, len(values))
        for (name, s, e), value in zip(names, _shared_unit(following) if following else (), strict=False):
            found.setdefault(value.start, (Item(name, s, e, next_lead), value))
    return found


def _next_run(text: str, position: int, end: int, quantities: list[Quantity],
              count: int) -> tuple[str, list[Quantity]]:
    """"…分别为39310元、20356元，增长5.5%、5.6%": (the words before them, the values) of the next
    clause, when they are as many and the clause names nothing of its own; ("", []) if not."""
    cut = COMMA_BREAK.search(text, position, end)
    if cut is None or text[cut.start()] in "。；;" or _RESPECTIVELY.search(text, cut.end(), end):
        return "", []
    following = [q for q in quantities if q.start >= cut.end()]
    if not following or not _NEXT_LEAD.fullmatch(text, cut.end(), following[0].start):
        return "", []
    run = [following[0]]
    for q in following[1:]:
        if not _JOINER.match(text[run[-1].end:q.start]):
            break
        run.append(q)
    if len(run) != count or len({q.kind for q in run}) != 1:
        return "", []
    return text[cut.end():run[0].start], run


def _names_of_values(text: str, start: int, position: int, quantities: list[Quantity],
                     count: int) -> list[tuple[str, int, int]] | None:
    """"其中出口1120亿元、进口730亿元，分别增长10.5%和4.9%": a 分别 with no names before it in its
    clause takes the names of as many figures, each with its name, in the clause before."""
    before = [q for q in quantities if start <= q.start and q.end <= position]
    if len(before) < count:
        return None
    run = before[-count:]
    clause = COMMA_BREAK.search(text, run[-1].end, position)
    if clause is None or not _NEXT_LEAD.fullmatch(text, clause.end(), position):
        return None
    names, at = [], max((m.end() for m in COMMA_BREAK.finditer(text, start, run[0].start)), default=start)
    for q in run:
        joined = _ALL_JOINERS.match(text, at)
        s = joined.end() if joined else at
        s += phrases.lead_length(text[s:q.start])
        name = _clean(text[s:q.start])
        if not name or COMMA_BREAK.search(text, s, q.start):
            return None
        names.append((name, s, q.start))
        at = q.end
    return names


def owned_by(item: Item, unit_length: int) -> Item:
    """The item without the unit's name that opens it ("南川工业园区投资" -> "投资")."""
    return dataclasses.replace(item, name=item.name[unit_length:])


def read_listed(item: Item, q: Quantity, catalogue: Catalogue, owned: bool = False) -> Figure | None:
    """The figure of value `q` of a list, named by its item; `owned`: the item named its unit."""
    comparator, verb_start = cues.comparator_before(item.lead)
    is_rate, is_fall, _ = cues.growth_before(item.lead[:verb_start])
    value, value_max, uom, metric = metric_of(q, is_rate)
    comparator = q.comparator or comparator or "="
    if is_rate and is_fall and metric in ("growth", "change"):
        value, value_max = -value, (-value_max if value_max is not None else None)
        comparator = "~" if comparator == "~" else "<="
    base = catalogue.match(item.name)
    indicator = variant_of(base, metric, q, catalogue)
    if base is None:
        if phrases.rejection(item.name, q) is not None and not (owned and phrases.is_vague(item.name)):
            return None
        name = item.name + ("增速" if metric == "growth" and is_rate and not phrases.is_rate(item.name) else "")
    else:
        name = indicator.name if indicator is not None else rate_name(base.name, metric)
    return Figure(q, value, value_max, uom, metric, comparator, indicator, item.start, item.end, name)


def _values_after(text: str, position: int, quantities: list[Quantity]) -> list[Quantity]:
    following = [q for q in quantities if q.start >= position]
    if not following or following[0].start - position > _LEAD_WINDOW \
            or COMMA_BREAK.search(text, position, following[0].start):
        return []
    values = [following[0]]
    for q in following[1:]:
        if not _JOINER.match(text[values[-1].end:q.start]):
            break
        values.append(q)
    return values


def _names_region(text: str, sentence_start: int, position: int) -> tuple[int, int]:
    """The words before 分别 back to the clause start, qualifiers trimmed: (start, end) or ()."""
    left = max(sentence_start, position - _NAME_WINDOW)
    begin = max((m.end() for m in COMMA_BREAK.finditer(text, left, position)), default=left)
    region = text[begin:position]
    trimmed = _QUALIFIERS.search(region)
    stop = begin + (trimmed.start() if trimmed else len(region))
    lead = phrases.lead_length(text[begin:stop])
    begin += lead
    return (begin, stop) if stop > begin else ()


def _names_before(text: str, sentence_start: int, position: int, count: int) -> list[tuple[str, int, int]] | None:
    region = _names_region(text, sentence_start, position)
    if not region:
        return None
    begin, stop = region
    for splitter in (re.compile("、"), _ALL_JOINERS):
        parts = _split(text, begin, stop, splitter)
        if len(parts) == count:
            return _with_heads(text, parts)
    name = _clean(text[begin:stop])
    paired = _PAIRED_HEAD.search(name)
    if paired is not None and len(_PAIRED[paired.group()]) == count:
        # "城乡居民人均可支配收入": 城镇居民人均可支配收入 and 农村居民人均可支配收入, one phrase for both.
        head, tail = name[:paired.start()], name[paired.end():]
        return [(head + part + tail, begin, stop) for part in _PAIRED[paired.group()]]
    return None


def _split(text: str, begin: int, stop: int, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    parts, at = [], begin
    for sep in splitter.finditer(text, begin, stop):
        parts.append((at, sep.start()))
        at = sep.end()
    parts.append((at, stop))
    return [(s, e) for s, e in parts if _clean(text[s:e])] if all(_clean(text[s:e]) for s, e in parts) else []


def _with_heads(text: str, parts: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Each name completed with the head the last name carries."""
    names = [_clean(text[s:e]) for s, e in parts]
    last = names[-1]
    head = ""
    summary = _SUMMARY.search(last)
    if summary is not None and summary.end() < len(last):
        head = _SUMMARY_MODIFIER.sub("", last[summary.end():])
        names[-1] = last[:summary.start()]
        return [(name + head, s, e) for name, (s, e) in zip(names, parts, strict=True)]
    if "的" in last[1:-1]:
        cut = last.rindex("的")
        head = last[cut + 1:]
        names[-1] = last[:cut]
        return [(name + head, s, e) for name, (s, e) in zip(names, parts, strict=True)]
    completed = []
    for name, (s, e) in zip(names[:-1], parts[:-1], strict=False):
        completed.append((name + _head_for(name, last), s, e))
    return [*completed, (last, *parts[-1])]


def _head_for(name: str, last: str) -> str:
    """The head `name` takes from the list's last name: 城镇 + (农村)居民人均可支配收入."""
    at = last.find(name[-1], 1, len(last) - 1)
    if at >= 0 and phrases.is_complete(last[at + 1:]):
        return last[at + 1:]   # 存款、贷款余额: 存(款) and 贷(款) end alike, 余额 is the head
    if phrases.is_complete(name) or len(last) <= len(name):
        return ""
    return last[len(name):]


def _clean(phrase: str) -> str:
    return _SPACE.sub("", phrase).strip("“”\"'‘’《》()（）")


def _shared_unit(values: list[Quantity]) -> list[Quantity]:
    """"提高9.9个、3.1个百分点": the unit written once at the end is every value's unit."""
    last = values[-1]
    if last.kind != "points":
        return values
    return [dataclasses.replace(q, uom=last.uom, kind="points") if q.kind == "count" and q.uom == "个" else q
            for q in values]

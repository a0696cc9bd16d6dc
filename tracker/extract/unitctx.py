"""Which administrative unit governs a figure.

The unit named last before the figure in its sentence governs it; else the unit named last
earlier in its paragraph; else the document's main unit, its subject (subject.py: the one it
names most, its title, lead sentence, meeting host, congress and report speaker counting
extra; never its dateline, byline or related-news list). Collective words (全市, 全区, 我市 ...)
stand for the unit of that level the passage is about: the passage's own unit when it fits,
else its parent. Zone words (园区, 开发区 ...) stand for the zone in view. Places after a
comparison word (占全省, 高于全国, 来自) or before a ranking (全国第一) are yardsticks, and
the country (全国, 我国) governs figures only in a document about the whole country.

A collective word that stands for no unit the document names (a district's statistics page
that says only 全区…) is kept as it is written, as a unit of kind UNRESOLVED ("全区"; 我区 and
本区 are 全区 too): its figures are the unit's, which the user names (tracker.toml
default_unit, or a correction in records.xlsx). Such a document's main unit is that word.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain, pairwise

from tracker.extract.edgechars import end_chars, start_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.prefilter import compile_guarded, spans
from tracker.extract.sentences import COMMA_BREAK, PARAGRAPH_REACH, Breaks, SpanIndex
from tracker.extract.subject import SUBJECT_WEIGHT, excluded_spans, subject_signals
from tracker.extract.units import COLLECTIVE_WORDS, Gazetteer, Unit
from tracker.extract.values import value_class

# "新区" inside "高新区" is not the collective word.
_COLLECTIVE = compile_guarded("|".join(
    ("(?<!高)" if word == "新区" else "") + re.escape(word) for word in sorted(COLLECTIVE_WORDS, key=len, reverse=True)
))
_TITLE_WEIGHT = 3
_DOMINANT = 0.7
# "占全省1/3", "高于全省0.3个百分点", "居全国第一": a place after these is the yardstick, not the
# subject; after 来自 it is where people or things come from.
_COMPARISON = re.compile(r"(占|高于|低于|超过|快于|慢于|比|较|居|位居|列|来自|与|领跑|领先)$")
_COMPARISON_ENDS = end_chars(_COMPARISON)   # what the character before a place must be for it to hold
# "总部位于合肥高新区", "太姥山位于福鼎市": where a company or a site is, never the subject.
_LOCATED = lexicon().compile("(?:{location_verbs})$")
_LOCATED_ENDS = end_chars(_LOCATED)
_LOCATED_REACH = 6
# "在全市占比突破14%": a place whose share, rank or lead is told is the yardstick.
_YARDSTICK_AFTER = re.compile(r"中?的?(?:占比|比重|排名|排位|位次|位居|领先)")
_RANKED = re.compile(r"(?:第[一二三四五六七八九十0-9]|前列|首[位个家批]|领先|平均|同类|之最|排名|唯一|最[大高多强优])")
_RANKED_STARTS = start_chars(_RANKED)
_ZONE_WORDS = lexicon().compile("{zone_collective_words}")
UNRESOLVED = "unresolved"   # the kind of a unit a document speaks of only as 全区, 我市 …
_NOT_ZONES = ("zone_group", "ftz", "nation", UNRESOLVED)
_BARE_ZONE = compile_guarded(r"(?<![\u4e00-\u9fff])(高新区|经开区|高新技术产业开发区|经济技术开发区)|(?<=[,，;；。、])(高新区|经开区)")
# "兰州重离子加速器国家实验室", "兰州国家级互联网骨干直联点项目": a place name opening the name of a thing.
_RUN_ON = re.compile(r"[^,，。;；、:：\s]{1,15}")
_THING = re.compile(r"项目|工程|实验室|研究院|研究所|公司|集团|大学|学院|医院|直联点|科学城|科技城|新城|小镇|基地")
_COMPANY_WORDS = re.compile(r"公司|集团|有限|股份")
_LINE_END = re.compile(r"\n")
# What the unit's name must end with for a collective word ending in this character.
_COLLECTIVE_SUFFIX = {"省": "省", "市": "市", "区": "区", "县": "县", "州": "州", "盟": "盟", "旗": "旗", "疆": "自治区"}


@value_class
class Mention:
    start: int
    end: int
    unit: Unit
    collective: bool = False


class UnitContext:
    def __init__(self, text: str, title: str | None, gazetteer: Gazetteer, fallback: str = ""):
        self.gazetteer = gazetteer
        self.text = text
        self._resolved: dict[tuple, Unit | None] = {}
        self._line_ends = [m.start() for m in _LINE_END.finditer(text)]
        breaks = _Breaks(text)
        excluded = excluded_spans(text)
        raw, things = [], Counter()
        located_to = -1   # the end of a place said to be where something is (位于福建省福鼎市)
        for m in gazetteer.find_all(text):
            before = text[m.start - 1:m.start]
            if m.start == located_to or (before in _LOCATED_ENDS and
                                         _LOCATED.search(text, max(0, m.start - _LOCATED_REACH), m.start)):
                located_to = m.end
                if not text.startswith("的", m.end):   # "位于乌鲁木齐市的7家园区": the city's parks
                    continue
            if excluded.covers(m.start) or (before in _COMPARISON_ENDS and _COMPARISON.search(text, max(0, m.start - 2), m.start)) \
                    or (text[m.end:m.end + 1] in _RANKED_STARTS and _RANKED.match(text, m.end)):
                continue
            run_on = "\u4e00" <= text[m.end:m.end + 1] <= "\u9fff"   # a Chinese character follows
            if run_on and _opens_a_name(text, m.end):
                # "新增陕西实验室5家": a thing's name, not a subject, but a hint of where it is.
                if len(m.candidates) == 1:
                    things[m.candidates[0]] += 1
                continue
            if not run_on or not _inside_company_name(text, m.start, m.end, breaks):
                raw.append(m)
        seen: dict[str, Unit] = {}   # distinct units named so far: the context for ambiguous names
        mentions: list[Mention] = []
        for mention in raw:
            unit = mention.candidates[0] if len(mention.candidates) == 1 else \
                gazetteer.disambiguate(mention, seen.values())
            seen.setdefault(unit.name, unit)
            mentions.append(Mention(mention.start, mention.end, unit))
        titled = [Mention(m.start, m.end, gazetteer.disambiguate(m, seen.values())) for m in gazetteer.find_all(title or "")]
        same = {**_two_names(text, mentions), **_two_names(title or "", titled)}
        if same:
            mentions = [dataclasses.replace(m, unit=same.get(m.unit, m.unit)) for m in mentions]
        mentions = self._without_qualifiers(mentions)
        counts: Counter[str] = Counter(m.unit.name for m in mentions if m.unit.kind != "nation")
        by_name = {m.unit.name: m.unit for m in mentions}
        nation = gazetteer.nation
        signals = subject_signals(text, mentions, nation)
        counts.update(signals)
        if nation is not None:
            # 全国/我国 are named in most local documents as a yardstick: they count half, and
            # not at all where the text speaks of 全省/全市… without a national speaker.
            national = sum(1 for m in mentions if m.unit is nation) / 2 + signals.get(nation.name, 0)
            if signals.get(nation.name) or not _COLLECTIVE.search(text):
                counts[nation.name] = national
                by_name.setdefault(nation.name, nation)
            counts = +counts
        for unit, count in things.items():
            unit = same.get(unit, unit)
            counts[unit.name] += count
            by_name.setdefault(unit.name, unit)
        for mention in titled:
            unit = same.get(mention.unit, mention.unit)
            counts[unit.name] += _TITLE_WEIGHT
            by_name.setdefault(unit.name, unit)
        if not counts:
            # Neither text nor headline names a unit: the page title ("…_潍坊市人民政府") or the
            # file name may, and is better than leaving every figure without its unit.
            for mention in gazetteer.find_all(fallback)[:1]:
                unit = gazetteer.disambiguate(mention, ())
                counts[unit.name], by_name[unit.name] = 1, unit
        self.main: Unit | None = by_name[counts.most_common(1)[0][0]] if counts else None
        self.counts, self.by_name = counts, by_name
        if self.main is None or self.main.kind != "nation":
            # In a local document 全国/我国 are the yardstick ("打造全国最大…"), not a subject.
            mentions = [m for m in mentions if m.unit.kind != "nation"]
        mentions = sorted(mentions + self._bare_zones(text, mentions), key=lambda m: m.start)
        taken = _Covered(mentions)
        starts = [m.start for m in mentions]
        # A zone the document only names in passing (no title, host, speaker or lead names it) is no
        # answer to a 全区 written before any unit is named: a district's report that says 全区 and
        # later 推动某某经开区… does not speak of the zone.
        unnamed_until = starts[0] if starts else len(text)
        if self.main is None or not _is_zone(self.main) or signals.get(self.main.name, 0) >= SUBJECT_WEIGHT \
                or any(same.get(m.unit, m.unit) == self.main for m in titled):
            unnamed_until = -1
        collectives = []
        for start, end in spans(_COLLECTIVE, text):
            before = text[start - 1:start]
            if taken.covers(start) or (before in _COMPARISON_ENDS and _COMPARISON.search(text, max(0, start - 2), start)) \
                    or (before == "在" and _YARDSTICK_AFTER.match(text, end)):
                continue
            word = text[start:end]
            if start < unnamed_until:
                collectives.append(Mention(start, end, unresolved(word), collective=True))
                continue
            paragraph_start = self._passage_start(start)
            passage = mentions[bisect_left(starts, paragraph_start):bisect_left(starts, start)]
            unit = self._collective(word, tuple(dict.fromkeys(m.unit for m in reversed(passage))))
            collectives.append(Mention(start, end, unit or unresolved(word), collective=True))
        if (self.main is None or unnamed_until >= 0) and collectives:
            # Never named, only spoken of as 全区 (or named only after it, in passing): the
            # document is that word's unit.
            spoken = Counter(m.unit for m in collectives if m.unit.kind == UNRESOLVED)
            self.main = spoken.most_common(1)[0][0] if spoken else self.main
        mentions += collectives + self._zone_words(text, mentions, starts, _Covered(mentions))
        self.mentions = SpanIndex(mentions, key=lambda m: m.start)

    def _passage_start(self, position: int) -> int:
        """Where the paragraph holding `position` starts, at most PARAGRAPH_REACH before it."""
        index = bisect_left(self._line_ends, position) - 1
        return max(self._line_ends[index] + 1 if index >= 0 else 0, position - PARAGRAPH_REACH)

    def _without_qualifiers(self, mentions: list[Mention]) -> list[Mention]:
        """"济南市历城区", "甘肃省兰州市": a parent written before its child only qualifies it;
        "某某示范区（太原区域）": a place in brackets right after a unit only annotates it."""
        kept = []
        for index, mention in enumerate(mentions):
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following is not None and following.start == mention.end \
                    and mention.unit in self.gazetteer.parent_chain(following.unit):
                continue
            if kept and self.text[kept[-1].end:mention.start] in ("(", "（"):
                continue
            kept.append(mention)
        return kept

    def _zone_words(self, text: str, mentions: list[Mention], starts: list[int], taken: _Covered) -> list[Mention]:
        """园区, 开发区 … alone: the zone last named in the paragraph, else the document's zone."""
        found = []
        for start, end in spans(_ZONE_WORDS, text):
            if taken.covers(start):
                continue
            low = bisect_left(starts, self._passage_start(start))
            # The mentions of the passage from the last back (read lazily: the zone is most often
            # the last one), then the main unit.
            anchors = chain((mentions[i].unit for i in range(bisect_left(starts, start) - 1, low - 1, -1)),
                            [self.main] if self.main else ())
            zone = next((unit for unit in anchors if unit.kind not in _NOT_ZONES and unit.kind not in
                         ("province", "prefecture", "county")), None)
            if zone is not None:
                found.append(Mention(start, end, zone, collective=True))
        return found

    def _bare_zones(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"高新区" alone in a city's document is that city's high-tech zone (兰州高新区)."""
        city = self._city()
        if city is None:
            return []
        found = []
        taken = _Covered(mentions)
        resolved: dict[str, Unit | None] = {}
        for start, end in spans(_BARE_ZONE, text):
            if taken.covers(start):
                continue
            word = text[start:end]
            if word not in resolved:
                names = (short + word for short in (*city.aliases[:1], city.name))
                resolved[word] = next((u for u in map(self.gazetteer.resolve, names) if u is not None), None)
            if resolved[word] is not None:
                found.append(Mention(start, end, resolved[word]))
        return found

    def _city(self) -> Unit | None:
        """The prefecture the document is about: the main unit's, else the one it names most."""
        if self.main is not None:
            for unit in (self.main, *self.gazetteer.parent_chain(self.main)):
                if unit.kind == "prefecture":
                    return unit
        # Only a city the document is clearly about: in a text about several cities, "高新区"
        # alone means high-tech zones in general.
        cities: Counter[str] = Counter()
        found: dict[str, Unit] = {}
        for name, count in self.counts.items():
            for unit in (self.by_name[name], *self.gazetteer.parent_chain(self.by_name[name])):
                if unit.kind == "prefecture":
                    cities[unit.name] += count
                    found[unit.name] = unit
        if not cities:
            return None
        name, count = cities.most_common(1)[0]
        return found[name] if count >= _DOMINANT * sum(cities.values()) else None

    def _collective(self, word: str, passage: tuple[Unit, ...]) -> Unit | None:
        key = (word, passage)
        if key not in self._resolved:
            self._resolved[key] = self._resolve_collective(word, passage)
        return self._resolved[key]

    def _resolve_collective(self, word: str, passage: tuple[Unit, ...]) -> Unit | None:
        """The unit a collective word stands for: a unit whose name fits the word (全市 a 市,
        全区 a 区 ...), of its preferred level, in the chain of the units the passage names (the
        last first), else of the document's main unit."""
        levels = COLLECTIVE_WORDS[word]
        suffix = _COLLECTIVE_SUFFIX.get(word[-1])
        anchors = [*passage, *([self.main] if self.main else [])]
        fits = [unit for anchor in anchors for unit in (anchor, *self.gazetteer.parent_chain(anchor))
                if unit.level in levels and (suffix is None or _bare_name(unit.name).endswith(suffix))]
        # The passage's own unit when it fits the word (全市 in a county-level city's report is
        # that city), else the first fitting level up its chain.
        own = [unit for unit in fits if unit in anchors]
        if own:
            return min(own, key=lambda unit: (levels.index(unit.level), anchors.index(unit)))
        for level in levels:
            for unit in fits:
                if unit.level == level:
                    return unit
        # No chain fits (a document about a zone that is not in any city's chain): the unit of
        # that kind the document names most.
        fitting = [name for name, _ in self.counts.most_common()
                   if self.by_name[name].level in levels and (suffix is None or _bare_name(name).endswith(suffix))]
        return self.by_name[fitting[0]] if fitting else None

    def governing(self, paragraph_start: int, sentence_start: int, position: int,
                  previous: Mention | None = None, clause_from: int | None = None) -> tuple[Mention | None, str]:
        """(the governing mention, how it was found: "clause" | "sentence" | "paragraph" | "document").

        In a clause the subject comes first ("准东开发区是新疆唯一…"), so the first unit named
        in the figure's comma-clause governs; an item of an enumeration without one keeps the
        unit of the item before it (`previous`); else the first unit named in the sentence
        (up to a semicolon, which starts a new subject). `clause_from` is where the figure's
        comma-clause starts, when the caller knows it."""
        if clause_from is None:
            clause_from = Breaks(self.text, sentence_start, position, COMMA_BREAK).before(position)
        in_clause = [m for m in self.mentions.between(clause_from, position)
                     if self.text[m.start - 1:m.start] not in _COMPARISON_ENDS
                     or not _COMPARISON.search(self.text, max(0, m.start - 2), m.start)]
        if in_clause:
            # "其中合肥市400家、芜湖市200家": each item of a list names its own unit.
            item_from = self.text.rfind("、", clause_from, position)
            in_item = [m for m in in_clause if m.start > item_from] if item_from >= 0 else []
            return (in_item or in_clause)[0], "clause"
        if previous is not None:
            return previous, "sentence"
        subject_from = max(sentence_start, self.text.rfind("；", sentence_start, position) + 1,
                           self.text.rfind(";", sentence_start, position) + 1)
        in_sentence = self.mentions.between(subject_from, position)
        if in_sentence:
            return in_sentence[0], "sentence"
        in_paragraph = self.mentions.last_between(paragraph_start, sentence_start)
        if in_paragraph is not None:
            return in_paragraph, "paragraph"
        if self.main is None:
            return None, "document"
        return Mention(sentence_start, sentence_start, self.main), "document"


def _two_names(text: str, mentions: list[Mention]) -> dict[Unit, Unit]:
    """"北仑区（宁波经济技术开发区）", "宁波经开区（北仑区）": a district or county and a zone named one
    in brackets after the other are one unit with two names (两块牌子、一套人马). Both mean the one
    unit, named the same whichever comes first: the zone with the district in brackets, as the
    gazetteer names the pairs it knows (乌鲁木齐高新区(新市区))."""
    same: dict[Unit, Unit] = {}
    for first, second in pairwise(mentions):
        if text[first.end:second.start] not in ("(", "（") or text[second.end:second.end + 1] not in (")", "）"):
            continue
        zone, division = (first.unit, second.unit) if _is_zone(first.unit) else (second.unit, first.unit)
        if not _is_zone(zone) or division.kind != "county" or zone.name == division.name:
            continue
        one = Unit(name=f"{zone.name}({division.name})", kind=zone.kind, level=division.level, code=division.code,
                   parent=division.parent or zone.parent,
                   aliases=tuple(dict.fromkeys((zone.name, division.name, *zone.aliases, *division.aliases))),
                   name_en=zone.name_en)
        same[zone] = same[division] = one
    return same


def _is_zone(unit: Unit) -> bool:
    return unit.kind not in ("province", "prefecture", "county", "nation", "zone_group", UNRESOLVED)


def unresolved(word: str) -> Unit:
    """The unit a collective word stands for when no unit it can mean is named: "全区" (我区 too)."""
    name = "全" + word[1:] if word[:1] in "我本该" else word
    return Unit(name=name, kind=UNRESOLVED, level=COLLECTIVE_WORDS[word][0], code=None, parent=None)


def _opens_a_name(text: str, end: int) -> bool:
    run = _RUN_ON.match(text, end)
    return bool(run and _THING.search(run.group(0)))


def _inside_company_name(text: str, start: int, end: int, breaks: _Breaks) -> bool:
    """"广药集团、广东新南方等": a place name that runs on into a name, in a list of companies."""
    left = breaks.last_before(start) + 1
    right_match = COMMA_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return bool(_COMPANY_WORDS.search(text, left, right))


class _Breaks:
    """The last character that ends a list of names (,，;；。 or a line end) before a position:
    one backward step of the engine over the few characters before it (such characters are
    close together in prose), the whole text before it only when the window holds none."""

    _WINDOW = 64
    _CHARACTERS = ",，;；。\n"
    _LAST = re.compile(".*[" + _CHARACTERS + "]", re.DOTALL)

    def __init__(self, text: str) -> None:
        self.text = text

    def last_before(self, position: int) -> int:
        """The last such position before `position`, -1 when there is none."""
        low = max(0, position - self._WINDOW)
        found = self._LAST.match(self.text, low, position)
        if found is not None:
            return found.end() - 1
        return max(self.text.rfind(char, 0, low) for char in self._CHARACTERS) if low else -1


_BRACKETED_END = re.compile(r"[(（][^)）]*[)）]$")


def _bare_name(name: str) -> str:
    """"乌鲁木齐高新区(新市区)" -> "乌鲁木齐高新区"."""
    return _BRACKETED_END.sub("", name)


class _Covered:
    """Whether a position falls inside one of the (non-overlapping) mentions."""

    def __init__(self, mentions: list[Mention]):
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]

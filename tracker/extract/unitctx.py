"""Which administrative unit governs a figure.

The unit named last before the figure in its sentence governs it; else the unit named last
earlier in its paragraph; else the document's main unit (the one it names most, its title
counting extra). Collective words (全市, 全区, 我市 ...) stand for the unit of that level the
passage is about: the last such unit named, else the main unit's own or parent unit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tracker.extract.sentences import SpanIndex
from tracker.extract.units import COLLECTIVE_WORDS, Gazetteer, Unit

_COLLECTIVE = re.compile("|".join(sorted(map(re.escape, COLLECTIVE_WORDS), key=len, reverse=True)))
_TITLE_WEIGHT = 3
_ZONE_KINDS = ("high_tech_zone", "etdz", "new_area", "industrial_park", "ftz_area")
_PROVINCE_WORDS = ("全省", "我省", "本省", "该省", "全疆")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    unit: Unit
    collective: bool = False


class UnitContext:
    def __init__(self, text: str, title: str | None, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        raw = gazetteer.find_all(text)
        seen: list[Unit] = []
        mentions: list[Mention] = []
        for mention in raw:
            unit = gazetteer.disambiguate(mention, seen)
            seen.append(unit)
            mentions.append(Mention(mention.start, mention.end, unit))
        counts: Counter[str] = Counter(m.unit.name for m in mentions)
        for mention in gazetteer.find_all(title or ""):
            counts[gazetteer.disambiguate(mention, seen).name] += _TITLE_WEIGHT
        by_name = {m.unit.name: m.unit for m in mentions}
        if title:
            for mention in gazetteer.find_all(title):
                unit = gazetteer.disambiguate(mention, seen)
                by_name.setdefault(unit.name, unit)
        self.main: Unit | None = by_name[counts.most_common(1)[0][0]] if counts else None
        taken = [(m.start, m.end) for m in mentions]
        for found in _COLLECTIVE.finditer(text):
            if any(s <= found.start() < e for s, e in taken):
                continue
            unit = self._collective(found.group(0), mentions, found.start(), text.rfind("\n", 0, found.start()) + 1)
            if unit is not None:
                mentions.append(Mention(found.start(), found.end(), unit, collective=True))
        self.mentions = SpanIndex(mentions, key=lambda m: m.start)

    def _collective(self, word: str, mentions: list[Mention], position: int, paragraph_start: int) -> Unit | None:
        """The unit a collective word stands for: of its preferred level, in the chain of the
        unit the passage names last, else of the document's main unit."""
        levels = COLLECTIVE_WORDS[word]
        passage = [m.unit for m in mentions if paragraph_start <= m.start < position]
        anchors = [*reversed(passage), *([self.main] if self.main else [])]
        for level in levels:
            for anchor in anchors:
                for unit in (anchor, *self.gazetteer.parent_chain(anchor)):
                    if unit.level == level and not (unit is anchor and anchor.kind in _ZONE_KINDS and word in _PROVINCE_WORDS):
                        return unit
        return self.main

    def governing(self, paragraph_start: int, sentence_start: int, position: int) -> tuple[Unit | None, str]:
        """(unit, how it was found: "sentence" | "paragraph" | "document")."""
        in_sentence = self.mentions.between(sentence_start, position)
        if in_sentence:
            return in_sentence[-1].unit, "sentence"
        in_paragraph = self.mentions.between(paragraph_start, sentence_start)
        if in_paragraph:
            return in_paragraph[-1].unit, "paragraph"
        return self.main, "document"

    def subject_end(self, sentence_start: int, position: int) -> int:
        """Where the last unit mention before `position` ends (the start of the predicate)."""
        in_sentence = self.mentions.between(sentence_start, position)
        return in_sentence[-1].end if in_sentence else sentence_start

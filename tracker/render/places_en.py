"""English names of administrative units and zones, for --lang en outputs.

Where a name comes from, first found wins:
1. the project's `[units.en]` in tracker.toml (Settings.unit_names_en);
2. the zone tables' `name_en` (tracker/data/zones.yaml, national_zones.yaml, a project's zones.yaml);
3. tracker/data/places_en.yaml: the English names of every province and prefecture-level division
   (Urumqi, Hohhot, Kashgar Prefecture, Ili Kazakh Autonomous Prefecture, Xinjiang Uygur Autonomous
   Region), compiled from the official usage, with the words for division types, ethnic groups
   and zone kinds;
4. a rule, for counties, districts and zones without an official English name: the place in
   Hanyu Pinyin (pypinyin, with the apostrophe before a, o, e: Xi'an) and the type in English:
   新市区 -> Xinshi District, 沛县 -> Pei County, 如皋高新区 -> Rugao High-tech Zone (its place
   named as its parent division is named in English when it is that division: 保定高新区 -> Baoding
   High-tech Zone; 兰州新区 -> Lanzhou New Area).
A unit the gazetteer does not know keeps its Chinese name: a wrong English name would be worse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import yaml

from tracker.extract.trie import fold
from tracker.extract.unit import Unit
from tracker.extract.units import Gazetteer

ZONE_KINDS = ("high_tech_zone", "etdz", "development_zone", "industrial_park", "new_area", "bonded_zone", "ftz",
              "ftz_area", "innovation_zone", "zone_group")


@cache
def place_words() -> dict:
    """tracker/data/places_en.yaml: names, division_types, ethnic_groups, zone_kinds."""
    text = resources.files("tracker").joinpath("data/places_en.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def pinyin(text: str) -> str:
    """'新市' -> 'Xinshi', '西安' -> "Xi'an": Hanyu Pinyin without tones, one capitalised word."""
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, errors="ignore", v_to_u=True) if s]
    word = "".join(s if i == 0 or s[0] not in "aoe" else "'" + s for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


def _ethnic(stem: str) -> tuple[str, list[str]]:
    """The place and the ethnic groups of an autonomous area's name: 伊犁哈萨克 -> (伊犁, [Kazakh])."""
    groups = place_words()["ethnic_groups"]
    found: list[str] = []
    for _ in range(3):
        for chinese in sorted(groups, key=len, reverse=True):
            for suffix in (chinese + "族", chinese):
                if stem.endswith(suffix) and len(stem) > len(suffix):
                    found.insert(0, groups[chinese])
                    stem = stem[: -len(suffix)]
                    break
            else:
                continue
            break
    return stem, found


def division_name(name: str) -> str:
    """A division's English name: from the table, else by the rule (see the module docstring)."""
    words = place_words()
    names = words.get("names") or {}
    if name in names:
        return names[name]
    for suffix, english in words["division_types"].items():
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") and stem in words["ethnic_groups"]:   # 鄂伦春自治旗
                return f"{words['ethnic_groups'][stem]} {english}"
            if suffix.startswith("自治"):
                stem, groups = _ethnic(stem)
                english = " and ".join(groups) + " " + english if groups else english
            return f"{pinyin(stem)} {english}".strip()
    return pinyin(name)


def _short(english: str) -> str:
    """'Baoding' of 'Baoding', 'Lanzhou' of 'Lanzhou'; a province's or prefecture's name without its type word."""
    for word in (" Province", " Prefecture", " League", " City"):
        english = english.removesuffix(word)
    return english


def zone_name(unit: Unit, gazetteer: Gazetteer) -> str:
    """A zone's English name by the rule: its place, then its kind (see the module docstring)."""
    words = place_words()
    kind = words["zone_kinds"].get(unit.kind, "Zone")
    forms = sorted(words["zone_forms"], key=len, reverse=True)
    name = unit.name
    form = next((f for f in forms if name.endswith(f) and len(name) > len(f)), None)
    place = name[: -len(form)] if form else name
    for parent in gazetteer.parent_chain(unit):
        short = next((alias for alias in parent.aliases if alias), parent.name)
        if fold(place) in (fold(parent.name), fold(short)):
            return f"{_short(division_name(parent.name))} {kind}"
        if place.startswith(short) and len(place) > len(short):
            return f"{_short(division_name(parent.name))} {pinyin(place[len(short):])} {kind}"
    return f"{pinyin(place)} {kind}"


def english_unit_names(units: Iterable[str], gazetteer: Gazetteer, configured: Mapping[str, str]) -> dict[str, str]:
    """English names for `units` (names as in the ledger); units with no English name are left out."""
    found: dict[str, str] = {}
    by_name: dict[str, list[Unit]] = {}
    for known in gazetteer:
        by_name.setdefault(known.name, []).append(known)
    for name in units:
        if name in configured:
            found[name] = configured[name]
            continue
        exact = by_name.get(name, [])
        unit = exact[0] if len(exact) == 1 else gazetteer.resolve(name)
        if unit is None:
            continue
        if unit.name_en:
            found[name] = unit.name_en
        elif unit.kind in ZONE_KINDS:
            found[name] = zone_name(unit, gazetteer)
        elif unit.kind == "nation":
            continue
        else:
            found[name] = division_name(unit.name)
    return found

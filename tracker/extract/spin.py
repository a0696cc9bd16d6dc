"""Undo "spinning": synonym-replaced republished copies (技能合同成交额 -> 技术合同成交额).

Word-by-word undoing is unsafe (当代, 培养, 增加 and 家当 are ordinary words, and the synonym
lists also map words to antonyms), so only whole domain compounds are rewritten. The rule table
is generated, not typed: every indicator name and alias of the catalogue, every zone form
(开发区, 高新技术产业开发区 ...) and the extra `terms` of `tracker/data/spin.yaml` are spun with the
synonym pairs of that file, in chains (全产业链 -> 全家当链 -> 百口当链), and each spun variant that
is not itself a real term or an ordinary word becomes a rule. Spun comparators are rewritten
only next to a number (到达280家, 6%摆布).

Every replacement has exactly the length of what it replaces, so offsets into the normalised
text are offsets into the original; characters the rule does not change (full-width letters,
quote marks) are kept as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tracker.config import PACKAGE_DATA
from tracker.errors import ConfigError
from tracker.extract.catalogue import load_catalogue
from tracker.extract.trie import WordSearch, fold
from tracker.extract.unit_tables import read_zone_files
from tracker.extract.units import ZONES_NAME

SPIN_NAME = "spin.yaml"
_MAX_VARIANTS = 2000   # per term; real terms have at most a few dozen
_NUMBER = re.compile("[0-9０-９一二三四五六七八九十两百千]")
_NUMBER_END = re.compile("[0-9０-９%％万亿元家个项件人吨]")


@dataclass(frozen=True)
class SpinTable:
    """Spun form -> original, plus the context rules; build with `build_spin_table`."""

    rules: dict[str, str]
    joins: dict[str, frozenset[str]]
    before_number: dict[str, str]
    after_number: dict[str, str]

    @functools.cached_property
    def _search(self) -> WordSearch:
        # One matcher of every key, contexts checked afterwards.
        return WordSearch([*self.rules, *self.before_number, *self.after_number])

    def normalise(self, text: str) -> str:
        """`text` with known spun compounds restored; always the same length as `text`."""
        pieces, done = [], 0
        for start, end in self._search.spans(text):
            found = text[start:end]
            restored = self._restore(text, found, start, end)
            if restored != found:
                pieces += (text[done:start], restored)
                done = end
        if not pieces:
            return text
        result = "".join(pieces) + text[done:]
        assert len(result) == len(text), "spin rules must keep the text's length"
        return result

    @functools.cached_property
    def _direct(self) -> dict[str, str]:
        """Rules that need no context check, for spun text written exactly as the key."""
        return {key: original for key, original in self.rules.items() if key[-1] not in self.joins}

    def _restore(self, text: str, found: str, start: int, end: int) -> str:
        """What `found` (text[start:end], the longest key there) stands for, in its context."""
        direct = self._direct.get(found)
        if direct is not None:
            return direct
        if found in self.before_number:
            return self.before_number[found] if _NUMBER.match(text, end) else found
        if found in self.after_number:
            return self.after_number[found] if start and _NUMBER_END.match(text[start - 1]) else found
        key = fold(found)
        if text[end:end + 1] in self.joins.get(key[-1], ()):
            return found
        original = self.rules[key]
        return "".join(kept if spun == orig else orig for kept, spun, orig in zip(found, key, original, strict=True))


def spun_variants(term: str, synonyms: dict[str, tuple[str, ...]]) -> set[str]:
    """Every way of spinning `term` with `synonyms`, chains included; `term` itself excluded."""
    seen = {term}
    frontier = [term]
    while frontier and len(seen) < _MAX_VARIANTS:
        text = frontier.pop()
        for word, spun_forms in synonyms.items():
            start = text.find(word)
            while start >= 0:
                for spun in spun_forms:
                    variant = text[:start] + spun + text[start + len(word):]
                    if variant not in seen:
                        seen.add(variant)
                        frontier.append(variant)
                start = text.find(word, start + 1)
    seen.discard(term)
    return seen


def build_spin_table(config: dict[str, Any], terms: list[str], where: str = SPIN_NAME) -> SpinTable:
    """Rules from `config` (the spin.yaml mapping) applied to `terms` and to the file's own terms."""
    synonyms = {str(word): tuple(forms) for word, forms in (config.get("synonyms") or {}).items()}
    for word, forms in synonyms.items():
        for spun in forms:
            if len(spun) != len(word):
                raise ConfigError(f"{where}: synonyms: {word!r} -> {spun!r} changes the length; only same-length pairs keep offsets valid.")
    for table in ("before_number", "after_number"):
        for spun, original in (config.get(table) or {}).items():
            if len(spun) != len(original):
                raise ConfigError(f"{where}: {table}: {spun!r} -> {original!r} changes the length; only same-length pairs keep offsets valid.")
    originals = {fold(term) for term in [*terms, *config.get("terms", [])] if term}
    protected = originals | {fold(word) for word in config.get("ordinary_words", [])}
    rules: dict[str, str] = {}
    ambiguous: set[str] = set()
    for original in sorted(originals):
        for variant in spun_variants(original, synonyms):
            assert len(variant) == len(original)
            if variant in protected:
                continue
            if rules.setdefault(variant, original) != original:
                ambiguous.add(variant)
    for variant in ambiguous:
        del rules[variant]
    joins = {str(last): frozenset(chars) for last, chars in (config.get("joins") or {}).items()}
    return SpinTable(rules=rules, joins=joins, before_number=dict(config.get("before_number") or {}),
                     after_number=dict(config.get("after_number") or {}))


def load_spin_table(project_dir: Path | None = None) -> SpinTable:
    """The table for the package data, or for a project's catalogue.yaml and zones.yaml as well."""
    names = ("catalogue.yaml", ZONES_NAME)
    own = tuple(str(Path(project_dir) / name) for name in names if project_dir and (Path(project_dir) / name).is_file())
    stamps = tuple((path, Path(path).stat().st_mtime_ns) for path in own)
    return _load_cached(str(project_dir) if own else None, stamps)


@functools.lru_cache(maxsize=8)
def _load_cached(project_dir: str | None, _stamps: tuple[tuple[str, int], ...]) -> SpinTable:
    path = PACKAGE_DATA / SPIN_NAME
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot be read as YAML ({exc}). Reinstall tracker.") from exc
    project = Path(project_dir) if project_dir else None
    zone_files = [PACKAGE_DATA / ZONES_NAME]
    if project is not None and (project / ZONES_NAME).is_file():
        zone_files.append(project / ZONES_NAME)
    forms = [form for spec in read_zone_files(zone_files)["zone_forms"] for form in spec["forms"]]
    return build_spin_table(config, [*load_catalogue(project).phrases(), *forms], where=str(path))


def normalise_spun(text: str) -> str:
    """`text` with spun domain compounds restored (经济技能开拓区 -> 经济技术开发区); same length."""
    return load_spin_table().normalise(text)

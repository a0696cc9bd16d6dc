"""The extraction lexicon: the words and patterns of Chinese policy prose, as validated data.

Every list lives in a YAML file under `tracker/data/lexicon/`, one entry per concept:

    comparator_verbs:
      means: verbs before a number that say how the figure compares (达到 >=, 控制在 <=)
      pairs: {达到: ">=", 控制在: "<="}

An entry has `means` (what the concept is, in a sentence) and exactly one of
  words     literal words (matched literally, longest first),
  patterns  regular expressions (for shapes such as headings: "^[一二三四五六七八九十]+、"),
  pairs     literal words, each with a value (a comparator, a kind, a level).
A concept is defined once across all files. A bad file raises `ConfigError` naming the file,
the concept and what is wrong, before any document is read.

`alternation(name)` gives a regex alternation of a concept (words escaped, longest first), and
`compile(template)` substitutes `{name}` placeholders with them, so modules keep the shape of a
pattern in code and its vocabulary here.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from tracker.config import PACKAGE_DATA
from tracker.errors import ConfigError
from tracker.extract.prefilter import compile_guarded

LEXICON_DIR = PACKAGE_DATA / "lexicon"
_KINDS = ("words", "patterns", "pairs")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lexicon:
    """All concepts of one lexicon folder, validated."""

    def __init__(self, entries: dict[str, dict[str, Any]]):
        self._entries = entries

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self._entries))

    def means(self, name: str) -> str:
        return self._entry(name)["means"]

    def words(self, name: str) -> tuple[str, ...]:
        """The literal words of a `words` or `pairs` concept, in file order."""
        entry = self._entry(name)
        if "patterns" in entry:
            raise KeyError(f"lexicon concept {name!r} holds patterns, not words")
        return tuple(entry.get("words") or entry["pairs"])

    def pairs(self, name: str) -> dict[str, str]:
        entry = self._entry(name)
        if "pairs" not in entry:
            raise KeyError(f"lexicon concept {name!r} holds no pairs")
        return dict(entry["pairs"])

    def patterns(self, name: str) -> tuple[str, ...]:
        entry = self._entry(name)
        if "patterns" in entry:
            return tuple(entry["patterns"])
        return tuple(re.escape(word) for word in sorted(self.words(name), key=len, reverse=True))

    def alternation(self, name: str) -> str:
        """`(?:a|b|c)` for the concept: words escaped and longest first, patterns as written."""
        return "(?:" + "|".join(self.patterns(name)) + ")"

    def compile(self, template: str, flags: int = 0) -> re.Pattern[str]:
        """`template` with each `{concept}` replaced by its alternation, compiled (behind a
        first-character guard where `re` would try it at every position: prefilter.py)."""
        return compile_guarded(_PLACEHOLDER.sub(lambda m: self.alternation(m.group(1)), template), flags)

    def _entry(self, name: str) -> dict[str, Any]:
        try:
            return self._entries[name]
        except KeyError:
            raise KeyError(f"no lexicon concept {name!r}") from None


def load_lexicon(folder: Path = LEXICON_DIR) -> Lexicon:
    """Read and validate every `*.yaml` in `folder`."""
    entries: dict[str, dict[str, Any]] = {}
    origin: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot be read as YAML ({exc})") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected concepts as a mapping at the top level")
        for name, entry in data.items():
            where = f"{path}: concept {name!r}"
            if name in origin:
                raise ConfigError(f"{where} is already defined in {origin[name]}")
            entries[str(name)] = _validated(where, name, entry)
            origin[name] = path.name
    return Lexicon(entries)


def _validated(where: str, name: Any, entry: Any) -> dict[str, Any]:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: a concept name is lower-case ASCII with underscores")
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping with 'means' and one of {', '.join(_KINDS)}")
    unknown = set(entry) - {"means", *_KINDS}
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    if not isinstance(entry.get("means"), str) or not entry["means"].strip():
        raise ConfigError(f"{where}: 'means' must say in a sentence what the concept is")
    kinds = [kind for kind in _KINDS if kind in entry]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: give exactly one of {', '.join(_KINDS)}")
    kind = kinds[0]
    items = entry[kind]
    if kind == "pairs":
        if not isinstance(items, dict) or not items:
            raise ConfigError(f"{where}: 'pairs' must be a non-empty mapping of word: value")
        for word, value in items.items():
            if not isinstance(word, str) or not word.strip() or not isinstance(value, str | int | float):
                raise ConfigError(f"{where}: pair {word!r}: {value!r} must map a word to a value")
        return {"means": entry["means"], "pairs": {w: str(v) for w, v in items.items()}}
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{where}: '{kind}' must be a non-empty list")
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where}: every item of '{kind}' must be a non-empty string, found {item!r}")
        if item in seen:
            raise ConfigError(f"{where}: {item!r} is listed twice")
        seen.add(item)
        if kind == "patterns":
            try:
                re.compile(item)
            except re.error as exc:
                raise ConfigError(f"{where}: pattern {item!r} is not a valid regular expression ({exc})") from exc
    return {"means": entry["means"], kind: list(items)}


@functools.cache
def lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return load_lexicon()

"""A unit named on the command line (`tracker status --unit`): the full name, or any name people use.

The ledger keeps each unit under its full name (乌鲁木齐高新区(新市区)). A user may type that, the
name without its bracketed part (乌鲁木齐高新区), an alias from the zone tables (乌鲁木齐高新技术
产业开发区, 新市区), or its English name (from tracker.toml or the tables), in any width or case.
A name that fits no unit, or several, is refused with the units there are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from tracker.errors import UnknownUnit
from tracker.messages import say

_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")


def unit_named(typed: str, units: Sequence[str], project_dir: Path | None = None,
               english: Mapping[str, str] | None = None) -> str:
    """The unit of `units` that `typed` names; UnknownUnit (listing `units`) when none or several do."""
    if typed in units:
        return typed
    wanted = _key(typed)
    forms = {unit: {_key(unit), _key(_BRACKETS.sub("", unit)), _key((english or {}).get(unit, unit))}
             for unit in units}
    matches = [unit for unit in units if wanted in forms[unit]]
    if not matches:
        matches = _by_table(typed, units, project_dir)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownUnit(say("units.ambiguous", unit=typed, units=matches))
    raise UnknownUnit(say("units.unknown", unit=typed, units=list(units)) if units else say("units.none", unit=typed))


def _by_table(typed: str, units: Sequence[str], project_dir: Path | None) -> list[str]:
    """Units the zone and division tables know `typed` as (an alias, or an English name)."""
    from tracker.extract.units import load_gazetteer

    gazetteer = load_gazetteer(project_dir)
    meant = gazetteer.resolve(unicodedata.normalize("NFKC", typed).strip())
    wanted = _key(typed)
    found = []
    for unit in units:
        known = gazetteer.resolve(unit)
        if known is None:
            continue
        if (meant is not None and known == meant) or wanted in {_key(name) for name in (*known.aliases, known.name_en or "")}:
            found.append(unit)
    return found


def _key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()

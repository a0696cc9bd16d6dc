"""An administrative unit, the value the gazetteer (units.py) finds and its tables (unit_tables.py) hold."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A province, prefecture, county-level division or functional zone.

    `kind` is province, prefecture, county, or a zone kind (high_tech_zone, etdz, new_area ...);
    `level` 1 province .. 3 county (a zone takes the level it is administered at); `parent` is
    the code of the division it lies in; `aliases` are other names (the short name first).
    """

    name: str
    kind: str
    level: int
    code: str | None
    parent: str | None
    aliases: tuple[str, ...] = ()
    name_en: str | None = None

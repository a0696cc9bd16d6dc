"""`tracker eval`: extraction scored against hand-checked expected records.

The gold format is documented in tests/gold/README.md (one YAML file per document). A gold
record matches an extracted record when kind and unit are equal, the indicators agree and
the values are equal in base units (元, counts, percent). Indicators agree when they have the
same name, or (for indicators outside the catalogue) when one phrase contains the other or
they share most of their characters, after spin normalisation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.errors import ConfigError
from tracker.extract.measures import base_value
from tracker.extract.spin import normalise_spun
from tracker.models import Record

REQUIRED = ("kind", "unit", "indicator", "value", "uom")


@dataclass(frozen=True)
class Expected:
    kind: str
    unit: str
    indicator: str
    value: float
    uom: str
    comparator: str | None = None
    year: int | None = None
    period: str | None = None


@dataclass
class Score:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    year_checked: int = 0
    year_right: int = 0
    comparator_checked: int = 0
    comparator_right: int = 0
    missed: list[Expected] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        for name in ("matched", "extracted", "expected", "year_checked", "year_right",
                     "comparator_checked", "comparator_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load_gold(folder: Path) -> dict[str, list[Expected]]:
    """{document file name: expected records} from every *.yaml file in `folder`."""
    if not folder.is_dir():
        raise ConfigError(f"The gold folder {folder} does not exist.")
    gold: dict[str, list[Expected]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc}).") from exc
        if not isinstance(data, dict) or "doc" not in data:
            raise ConfigError(f"{path}: expected a mapping with 'doc' and 'records' (see tests/gold/README.md).")
        gold[str(data["doc"])] = [_expected(entry, path, n) for n, entry in enumerate(data.get("records") or [], 1)]
    if not gold:
        raise ConfigError(f"No gold files (*.yaml) in {folder}.")
    return gold


def _expected(entry: Any, path: Path, number: int) -> Expected:
    missing = [name for name in REQUIRED if not isinstance(entry, dict) or entry.get(name) in (None, "")]
    if missing:
        raise ConfigError(f"{path}, record {number}: missing {', '.join(missing)}.")
    try:
        return Expected(
            kind=str(entry["kind"]), unit=str(entry["unit"]), indicator=str(entry["indicator"]),
            value=float(entry["value"]), uom=str(entry["uom"]),
            comparator=entry.get("comparator"), year=entry.get("year"), period=entry.get("period"),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}, record {number}: {exc}.") from exc


def score_document(expected: Sequence[Expected], records: Sequence[Record]) -> Score:
    score = Score(extracted=len(records), expected=len(expected))
    free = list(records)
    for gold in expected:
        candidates = [r for r in free if _same_figure(gold, r)]
        if not candidates:
            score.missed.append(gold)
            continue
        best = max(candidates, key=lambda r: _similarity(gold.indicator, r))
        free.remove(best)
        score.matched += 1
        if gold.year is not None:
            score.year_checked += 1
            score.year_right += gold.year == best.year
        if gold.comparator is not None:
            score.comparator_checked += 1
            score.comparator_right += gold.comparator == best.comparator
    score.spurious = free
    return score


def score_all(gold: dict[str, list[Expected]], extracted: dict[str, Sequence[Record]]) -> tuple[Score, dict[str, Score]]:
    per_doc = {doc: score_document(expected, extracted.get(doc, ())) for doc, expected in gold.items()}
    total = Score()
    for score in per_doc.values():
        total.add(score)
    return total, per_doc


def _same_figure(gold: Expected, record: Record) -> bool:
    if gold.kind != record.kind or gold.unit != record.unit:
        return False
    try:
        a, a_uom = base_value(gold.value, gold.uom)
        b, b_uom = base_value(record.value, record.uom)
    except (ValueError, KeyError):
        return False
    if a_uom != b_uom or not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
        return False
    return _similarity(gold.indicator, record) >= 0.5


def _similarity(indicator: str, record: Record) -> float:
    gold = _norm(indicator)
    best = 0.0
    for phrase in (record.indicator, record.indicator_text):
        found = _norm(phrase)
        if not found:
            continue
        if gold == found:
            return 1.0
        if gold in found or found in gold:
            best = max(best, 0.9)
        best = max(best, _dice(gold, found))
    return best


def _norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’《》「」]", "", normalise_spun(text or ""))


def _dice(a: str, b: str) -> float:
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0


def report_lines(total: Score, per_doc: dict[str, Score]) -> Iterable[str]:
    def line(name: str, s: Score) -> str:
        return (f"{name}: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
                f"({s.matched} matched, {s.extracted} extracted, {s.expected} expected)")

    for doc, score in per_doc.items():
        yield line(doc, score)
    yield line("overall", total)
    if total.year_checked:
        yield f"year accuracy {total.year_right / total.year_checked:.3f} ({total.year_right}/{total.year_checked})"
    if total.comparator_checked:
        yield (f"comparator accuracy {total.comparator_right / total.comparator_checked:.3f} "
               f"({total.comparator_right}/{total.comparator_checked})")

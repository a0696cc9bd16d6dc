"""Targets that left the trackers, or changed their key, since the last build, and the figures typed for them.

Figures are kept by (unit, indicator, year), the target's key. When a review correction gives a
target another key (更正 indicator, unit or year), the target lives on under the new key: its
records are the same. Its figures follow it (copied under the new key, the originals kept)
when the new key has none of its own; otherwise they stay where they are and the build says so.
A target that is gone altogether (its document left seeds/, its record was rejected) leaves the
trackers with a message; the figures typed for it stay in the ledger.

The targets of the last build are kept in the build state (key -> record ids), so corrections
made between builds with `tracker review` are followed too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tracker.assess.status import standing_actuals
from tracker.ledger import Ledger
from tracker.messages import Message, say
from tracker.models import FLAG_REJECTED, FLAG_STALE, Actual, Record, Target

Snapshot = dict[str, list[str]]   # target key -> the ids of its records


@dataclass
class Followed:
    carried: int = 0                                   # figures copied to a target's new key
    warnings: list[Message] = field(default_factory=list)


def snapshot(targets: Sequence[Target]) -> Snapshot:
    return {target.key: list(target.record_ids) for target in targets}


def follow(ledger: Ledger, before: Mapping[str, Sequence[str]], after: Sequence[Target],
           gone_documents: Mapping[str, int]) -> Followed:
    """Carry the figures of targets whose key changed, and say what happened to those that left."""
    result = Followed()
    now = {target.key: target for target in after}
    left = [key for key in before if key not in now]
    if not left:
        return result
    # Only the records, and the figures of the units, that the targets which left concern: a
    # national ledger's are read once already, and one changed document makes a few leave.
    wanted = {rid for key in left for rid in before[key]}
    records = {record.id: record
               for record in ledger.records(include_rejected=True, include_stale=True, ids=wanted)}
    keys_of: dict[str, set[str]] = {}   # record id -> the keys of the targets it makes now
    for target in after:
        for rid in target.record_ids:
            if rid in wanted:
                keys_of.setdefault(rid, set()).add(target.key)
    successors_of: dict[str, tuple[list[Record], set[str], list[str]]] = {}
    for key in left:
        ids = set(before[key])
        mine = [records[rid] for rid in sorted(ids) if rid in records]
        linked = set().union(*(keys_of.get(rid, ()) for rid in ids))
        named = {_record_key(r) for r in mine if not {FLAG_REJECTED, FLAG_STALE} & set(r.flags)} & set(now)
        successors_of[key] = (mine, linked, sorted(linked | named))
    # A figure's target is keyed by its unit: the figures of the units of these targets are all
    # the loop below looks at (a figure typed for a target, and whether an heir has any).
    units = {_unit(key) for key in left} | {_unit(s) for _, _, found in successors_of.values() for s in found}
    history = [actual for unit in sorted(units) for actual in ledger.actual_history(unit)]
    keys_with_figures = {_key(actual) for actual in history}
    standing = standing_actuals(reversed(history))
    by_document: dict[Message, list[str]] = {}
    for key in sorted(left):
        mine, linked, successors = successors_of[key]
        figures = [a for a in standing if _key(a) == key]   # oldest first
        heir = now[successors[0]] if len(successors) == 1 else None
        if heir is not None and heir.key in linked and figures and heir.key not in keys_with_figures \
                and all(a.uom in ("", heir.uom) for a in figures):
            result.carried += ledger.add_actuals([_moved(actual, heir) for actual in figures])
            result.warnings.append(say("continuity.carried", old=_shown(key), new=_shown(heir.key),
                                       count=len(figures)))
            continue
        why = _why(mine, successors, figures, keys_with_figures, now, gone_documents)
        if figures:
            result.warnings.append(say("continuity.kept", old=_shown(key), why=why, count=len(figures)))
        elif why.key == "continuity.why_document":
            by_document.setdefault(why, []).append(key)
        else:
            result.warnings.append(say("continuity.left", old=_shown(key), why=why))
    for why, keys in by_document.items():
        result.warnings.append(say("continuity.left_with_document", count=len(keys), why=why,
                                   targets=[_shown(key) for key in keys]))
    return result


def _why(mine: Sequence[Record], successors: Sequence[str], figures: Sequence[Actual], keys_with_figures: set[str],
         now: Mapping[str, Target], gone_documents: Mapping[str, int]) -> Message:
    if len(successors) > 1:
        return say("continuity.why_many", count=len(successors), targets=[_shown(s) for s in successors])
    if successors:
        heir = now[successors[0]]
        if heir.key in keys_with_figures:
            return say("continuity.why_has_figures", target=_shown(heir.key))
        uoms = sorted({a.uom for a in figures if a.uom and a.uom != heir.uom})
        if uoms:
            return say("continuity.why_uom", target=_shown(heir.key), uom=heir.uom, uoms=uoms)
        return say("continuity.why_gives", target=_shown(heir.key))
    gone = sorted({r.doc for r in mine if r.doc in gone_documents})
    if gone and all(FLAG_STALE in r.flags for r in mine):
        return say("continuity.why_document", documents=gone)
    if mine and all(FLAG_REJECTED in r.flags for r in mine):
        return say("continuity.why_rejected")
    if mine and all(FLAG_STALE in r.flags for r in mine):
        return say("continuity.why_unstated")
    return say("continuity.why_other")


def _record_key(record: Record) -> str:
    return f"{record.unit}|{record.indicator}|{record.year}"


def _moved(actual: Actual, target: Target) -> Actual:
    # The origin says where the figure was typed and which target it was typed for.
    return dataclasses.replace(actual, unit=target.unit, indicator=target.indicator, year=target.year,
                               origin=f"{actual.origin} ← {_key(actual)}", recorded_at=None)


def _unit(key: str) -> str:
    return key.rsplit("|", 2)[0]


def _key(actual: Actual) -> str:
    return f"{actual.unit}|{actual.indicator}|{actual.year}"


def _shown(key: str) -> Message:
    unit, indicator, year = key.rsplit("|", 2)
    return say("continuity.target", unit=unit, indicator=indicator, year=year)

"""The ledger's contents: documents, records, review decisions, actuals and manual targets."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from datetime import date, datetime

import pytest

from tests.helpers.builders import CST, TickingClock, document, record
from tracker.assess.targets import targets_from_records
from tracker.errors import LedgerError, UnknownRecord
from tracker.ledger import Ledger, RecordChanges
from tracker.ledger.rows import StoredDigests
from tracker.models import Actual, Source, Target


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "tracker.db", clock=TickingClock()) as opened:
        opened.save_document(document(), date(2024, 1, 20), "published")
        yield opened


def actual(value: float = 120.0, *, as_of: date = date(2024, 6, 30), note: str | None = None,
           unit: str = "乌鲁木齐高新区", origin: str = "trackers/乌鲁木齐高新区.xlsx!目标跟踪!I5") -> Actual:
    return Actual(unit=unit, indicator="高新技术企业", year=2024, value=value, uom="家", as_of=as_of,
                  origin=origin, note=note)


# Documents

def test_document_changed_and_saved(ledger):
    assert ledger.document_changed("a.txt", "sha-1") is False
    assert ledger.document_changed("a.txt", "sha-2") is True
    assert ledger.document_changed("b.txt", "sha-1") is True
    ledger.save_document(document(sha256="sha-2", title="政府工作报告"), None, "no date found")
    [stored] = ledger.documents()
    assert (stored.file, stored.sha256, stored.title, stored.date_used, stored.date_reason) == (
        "a.txt", "sha-2", "政府工作报告", None, "no date found")
    assert stored.first_seen == datetime(2024, 7, 1, 9, 0, 1, tzinfo=CST)
    assert stored.last_seen == datetime(2024, 7, 1, 9, 0, 2, tzinfo=CST)
    assert ledger.document_changed("a.txt", "sha-2") is False


# Records

def test_replace_records_counts_each_kind_of_change(ledger):
    r1, r2, r3 = record("r1"), record("r2", value=300.0), record("r3", value=10.0)
    steps = [
        ([r1, r2], RecordChanges(added=2)),
        ([r1, dataclasses.replace(r2, confidence=0.9), r3], RecordChanges(added=1, updated=1, unchanged=1)),
        ([r1], RecordChanges(unchanged=1, stale=2)),
        ([r1], RecordChanges(unchanged=1)),
        ([r1, r3], RecordChanges(updated=1, unchanged=1)),   # r3 comes back from stale
    ]
    for given, expected in steps:
        assert ledger.replace_records("a.txt", given) == expected
    assert [r.id for r in ledger.records()] == ["r1", "r3"]
    assert [(r.id, r.flags) for r in ledger.records(include_stale=True)] == [
        ("r1", ()), ("r2", ("stale",)), ("r3", ())]


def test_replace_records_keeps_the_first_of_duplicate_ids(ledger):
    assert ledger.replace_records("a.txt", [record("r1", start=5), record("r1", start=40)]) == RecordChanges(added=1)
    assert [r.source.start for r in ledger.records()] == [5]


def test_records_come_back_in_document_order(ledger):
    ledger.replace_records("a.txt", [record("late", start=90), record("early", start=3)])
    assert [r.id for r in ledger.records()] == ["early", "late"]


@pytest.mark.parametrize(("doc_file", "records", "message"), [
    ("a.txt", [record("r1", doc="b.txt")], "was given records of b.txt"),
    ("b.txt", [record("r1", doc="b.txt")], "Save the document 'b.txt' before its records"),
])
def test_replace_records_refuses_records_it_cannot_place(ledger, doc_file, records, message):
    with pytest.raises(ValueError, match=message):
        ledger.replace_records(doc_file, records)
    assert ledger.records(include_stale=True) == []


def test_records_read_as_stored_get_the_digest_of_their_stored_text(ledger):
    ledger.replace_records("a.txt", [record("r1"), record("r2", start=20), record("r3", start=40),
                                     record("r4", start=60)])
    ledger.decide("r2", "set", {"value": 300})
    ledger.decide("r3", "reject")
    ledger.replace_records("a.txt", [record("r1"), record("r2", start=20), record("r3", start=40)])  # r4 stale
    digests = StoredDigests()
    read = {r.id: r for r in ledger.records(include_rejected=True, include_stale=True, digests=digests)}
    stored = {row[0]: row[1] for row in ledger._conn.execute("SELECT id, record_json FROM records")}
    assert digests.get(read["r1"]) == hashlib.sha256(stored["r1"].encode("utf-8")).digest()
    # Corrected, rejected or stale: not the stored text any more, so no digest of it.
    assert [digests.get(read[rid]) for rid in ("r2", "r3", "r4")] == [None, None, None]
    assert len(digests) == 1
    # An equal record made anew (a default unit filled in) is not the one read.
    assert digests.get(dataclasses.replace(read["r1"])) is None


# Review decisions

def test_reject_confirm_and_set_are_applied_when_reading(ledger):
    ledger.replace_records("a.txt", [record("r1"), record("r2", start=20), record("r3", start=40)])
    ledger.decide("r1", "reject", origin="records.xlsx!记录!R2")
    ledger.decide("r2", "confirm")
    ledger.decide("r3", "set", {"value": 300, "year": 2025})
    ledger.decide("r3", "set", {"value": 310})
    reviewed = {r.id: r for r in ledger.records()}
    assert sorted(reviewed) == ["r2", "r3"]
    assert (reviewed["r2"].confidence, reviewed["r2"].flags) == (1.0, ("confirmed",))
    assert (reviewed["r3"].value, reviewed["r3"].year, reviewed["r3"].confidence, reviewed["r3"].flags) == (
        310.0, 2025, 0.8, ("corrected",))
    assert [(r.id, r.flags) for r in ledger.records(include_rejected=True)] == [
        ("r1", ("rejected",)), ("r2", ("confirmed",)), ("r3", ("corrected",))]


def test_a_later_confirm_undoes_a_reject_and_confirm_can_carry_corrections(ledger):
    ledger.replace_records("a.txt", [record("r1")])
    ledger.decide("r1", "reject")
    ledger.decide("r1", "confirm", {"uom": "个", "indicator_id": None})
    [reviewed] = ledger.records()
    assert (reviewed.uom, reviewed.indicator_id, reviewed.confidence, reviewed.flags) == (
        "个", None, 1.0, ("corrected", "confirmed"))


def test_decisions_for_keeps_the_whole_history(ledger):
    ledger.replace_records("a.txt", [record("r1")])
    ledger.decide("r1", "reject", origin="records.xlsx!记录!R2")
    ledger.decide("r1", "confirm", {"value": 281}, origin="cli")
    history = [(d.action, d.field, d.value, d.origin, d.decided_at.second) for d in ledger.decisions_for("r1")]
    assert history == [
        ("reject", "review", None, "records.xlsx!记录!R2", 3),
        ("set", "value", 281.0, "cli", 4),
        ("confirm", "review", None, "cli", 4),
    ]


@pytest.mark.parametrize(("action", "changes", "message"), [
    ("approve", None, "Unknown review action 'approve'"),
    ("set", None, "needs at least one field"),
    ("set", {"quote": "x"}, "'quote' cannot be corrected"),
    ("set", {"value": "300"}, "'value' must be a finite number; found '300'"),
    ("set", {"value": True}, "'value' must be a finite number"),
    ("set", {"value": float("nan")}, "'value' must be a finite number"),
    ("set", {"year": 2024.0}, "'year' must be a year"),
    ("set", {"year": 24}, "'year' must be a year"),
    ("set", {"unit": " "}, "'unit' must be non-empty text"),
    ("set", {"comparator": "≥"}, "'comparator' must be one of >=, >, <=, <, =, ~"),
    ("set", {"kind": "goal"}, "'kind' must be one of target, actual"),
    ("set", {"metric": "rate"}, "'metric' must be one of level, growth, share, change"),
    ("reject", {"value": 1}, "cannot also be corrected"),
])
def test_decide_refuses_bad_decisions_and_records_nothing(ledger, action, changes, message):
    ledger.replace_records("a.txt", [record("r1")])
    with pytest.raises(ValueError, match=message):
        ledger.decide("r1", action, changes)
    assert ledger.decisions_for("r1") == []


def test_unknown_record_ids_are_reported(ledger):
    with pytest.raises(UnknownRecord, match="No record with id 'nope' in the ledger"):
        ledger.decide("nope", "confirm")
    with pytest.raises(UnknownRecord):
        ledger.decisions_for("nope")


def test_decisions_survive_re_extraction_at_shifted_offsets(ledger):
    ledger.replace_records("a.txt", [record("r1", start=10), record("r2", start=30)])
    ledger.decide("r1", "reject")
    ledger.decide("r2", "set", {"value": 300})
    # The document was edited: a paragraph inserted above moves every quote by 57 characters.
    ledger.save_document(document(sha256="sha-2"), date(2024, 1, 20), "published")
    changes = ledger.replace_records("a.txt", [record("r1", start=67), record("r2", start=87)])
    assert changes == RecordChanges(updated=2)
    [corrected] = ledger.records()
    assert (corrected.id, corrected.value, corrected.source.start, corrected.flags) == ("r2", 300.0, 87, ("corrected",))
    assert [r.id for r in ledger.records(include_rejected=True)] == ["r1", "r2"]


# Actuals

def test_add_actuals_appends_only_what_changed(ledger):
    steps = [
        ([actual(120)], 1),
        ([actual(120)], 0),                              # an unchanged tracker read again
        ([actual(120, note="")], 0),                     # an empty note is no note
        ([actual(125)], 1),                              # a corrected figure
        ([actual(125, note="含第二批认定")], 1),
        ([actual(125, as_of=date(2024, 9, 30))], 1),
        ([actual(120), actual(120)], 1),                 # back to 120: appended once
    ]
    for given, appended in steps:
        assert ledger.add_actuals(given) == appended
    assert [(a.value, a.as_of.month, a.note) for a in ledger.actual_history()] == [
        (120.0, 6, None), (125.0, 9, None), (125.0, 6, "含第二批认定"), (125.0, 6, None), (120.0, 6, None)]
    assert [(a.value, a.as_of.month) for a in ledger.current_actuals()] == [(120.0, 6), (125.0, 9)]


def test_actual_history_filters_by_unit_and_stamps_recorded_at(ledger):
    ledger.add_actuals([actual(120), actual(8, unit="兰州新区", origin="import.csv, row 3")])
    [only] = ledger.actual_history("兰州新区")
    assert (only.value, only.origin, only.recorded_at) == (
        8.0, "import.csv, row 3", datetime(2024, 7, 1, 9, 0, 2, tzinfo=CST))
    # One call is one batch with one time stamp; newest first means last appended first.
    assert [(a.unit, a.recorded_at) for a in ledger.actual_history()] == [
        ("兰州新区", only.recorded_at), ("乌鲁木齐高新区", only.recorded_at)]


def test_actuals_cannot_be_rewritten(ledger):
    ledger.add_actuals([actual(120)])
    replace = ("REPLACE INTO actuals (seq, unit, indicator, year, value, uom, as_of, origin, recorded_at) "
               "SELECT seq, unit, indicator, year, 1, uom, as_of, origin, recorded_at FROM actuals")
    for statement in ("UPDATE actuals SET value = 1", "DELETE FROM actuals", replace,
                      replace.replace("REPLACE INTO", "INSERT OR REPLACE INTO"),
                      "INSERT INTO actuals SELECT * FROM actuals WHERE true ON CONFLICT(seq) DO UPDATE SET value = 1"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            ledger._conn.execute(statement)
    assert [a.value for a in ledger.actual_history()] == [120.0]


def test_a_failed_write_changes_nothing(ledger):
    broken = dataclasses.replace(actual(121), uom=None)
    with pytest.raises(LedgerError, match="nothing was changed"):
        ledger.add_actuals([actual(120), broken])
    assert ledger.actual_history() == []


# Manual targets and units

def manual(value: float = 300.0, **changes) -> Target:
    base = Target(unit="兰州新区", indicator="技术合同成交额", indicator_id="tech_contracts", year=2024,
                  metric="level", direction="up", comparator=">=", value=value, uom="亿元",
                  period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))
    return dataclasses.replace(base, **changes)


def test_manual_targets_upsert_by_unit_indicator_year(ledger):
    assert ledger.upsert_manual_targets([manual(300), manual(5, indicator="孵化器", uom="个")], "targets.csv") == 2
    assert ledger.upsert_manual_targets([manual(300)], "targets.csv") == 0
    assert ledger.upsert_manual_targets([manual(320, stretch_value=350)], "targets.csv") == 1
    assert ledger.manual_targets() == [
        manual(5, indicator="孵化器", uom="个", origin="manual"),
        manual(320, stretch_value=350, origin="manual"),
    ]


def test_units_gathers_records_manual_targets_and_actuals(ledger):
    ledger.replace_records("a.txt", [record("r1"), record("r2", unit="江苏高新区", start=20)])
    ledger.decide("r2", "reject")
    ledger.upsert_manual_targets([manual()], "targets.csv")
    ledger.add_actuals([actual(unit="新疆工业园区")])
    assert ledger.units() == ["乌鲁木齐高新区", "兰州新区", "新疆工业园区"]


def test_records_round_trip_every_field(ledger):
    full = record("r1", period="2024-01/2024-10", value_max=6.0, stretch=True, baseline=954.0,
                  direction="down", category="科技创新", flags=("unknown_indicator",),
                  source=Source("a.txt", 3, 11, "力争达到280家"))
    ledger.replace_records("a.txt", [full])
    assert ledger.records() == [full]


def test_reviewed_records_feed_the_targets(ledger):
    ledger.replace_records("a.txt", [record("r1", confidence=0.9), record("r2", value=290.0, start=30),
                                     record("r3", value=2.0, start=60)])
    ledger.decide("r2", "confirm")
    ledger.decide("r3", "reject")
    [tracked] = targets_from_records(ledger.records(include_rejected=True, include_stale=True))
    assert (tracked.value, tracked.record_ids) == (290.0, ("r1", "r2"))


def test_withdrawals_are_appended_only_for_a_figure_that_stands(ledger):
    from tracker.assess.status import standing_actuals

    withdrawal = dataclasses.replace(actual(120), withdrawn=True)
    assert ledger.add_actuals([withdrawal]) == 0          # nothing to withdraw yet
    assert ledger.add_actuals([actual(120)]) == 1
    assert ledger.add_actuals([withdrawal, withdrawal]) == 1
    assert [(a.value, a.withdrawn) for a in ledger.actual_history()] == [(120, True), (120, False)]
    assert standing_actuals(ledger.actual_history()) == []
    assert ledger.add_actuals([actual(125)]) == 1          # a figure again after the withdrawal
    assert [a.value for a in standing_actuals(ledger.actual_history())] == [125]


def test_remarks_are_appended_when_they_change_and_never_rewritten(ledger):
    from tracker.models import Remark

    def remark(note, as_of=None):
        return Remark("乌鲁木齐高新区", "高新技术企业", 2024, as_of, note, "trackers/x.xlsx!目标跟踪!O7")

    assert ledger.add_remarks([remark("待核定"), remark("待核定")]) == 1
    assert ledger.add_remarks([remark("待核定")]) == 0
    assert ledger.add_remarks([remark(None, date(2024, 8, 31))]) == 1
    assert ledger.add_remarks([remark(None)]) == 1            # emptied
    assert [(r.note, r.as_of) for r in ledger.remarks()] == [(None, None), (None, date(2024, 8, 31)), ("待核定", None)]
    for statement in ("UPDATE remarks SET note = 'x'", "DELETE FROM remarks",
                      "REPLACE INTO remarks SELECT * FROM remarks"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            ledger._conn.execute(statement)


# The content token (schema version 6)

def test_the_content_token_changes_with_what_records_and_targets_are_made_of_and_not_with_figures(ledger):
    from tracker.models import Remark

    seen = [ledger.content_token()]

    def changed() -> bool:
        seen.append(ledger.content_token())
        return seen[-1] != seen[-2]

    ledger.replace_records("a.txt", [record("r1"), record("r2", start=20)])
    assert changed()
    ledger.replace_records("a.txt", [record("r1"), record("r2", start=20)])   # the same records again
    assert not changed()
    ledger.decide("r1", "set", {"value": 300.0})
    assert changed()
    ledger.upsert_manual_targets([manual(300)], "targets.csv")
    assert changed()
    ledger.save_document(document(title="另一个标题"), None, "no date found")
    assert changed()
    ledger.replace_records("a.txt", [record("r1")])   # r2 goes stale
    assert changed()
    ledger.retire_document("a.txt")
    assert changed()
    ledger.add_actuals([actual(150.0)])
    ledger.add_remarks([Remark("乌鲁木齐高新区", "高新技术企业", 2024, None, "已核实", "trackers/x.xlsx!目标跟踪!O7")])
    assert not changed()
    assert len(set(seen)) == 7


def test_the_content_token_changes_whatever_program_writes_to_the_ledger(ledger, tmp_path):
    ledger.replace_records("a.txt", [record("r1")])
    before = ledger.content_token()
    with sqlite3.connect(tmp_path / "tracker.db") as other:
        other.execute("UPDATE records SET record_json = json_set(record_json, '$.value', 999.0)")
    assert ledger.content_token() != before
    assert [r.value for r in ledger.records()] == [999.0]

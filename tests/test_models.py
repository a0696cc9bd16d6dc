"""Records as dicts: the public form of records.json and of the ledger's record_json."""

from __future__ import annotations

import dataclasses

from tracker.models import Record, Source


def test_a_record_as_a_dict_is_what_dataclasses_make_of_it_with_flags_as_a_list() -> None:
    record = Record(id="r1", doc="a.txt", unit="兰州新区", indicator="高新技术企业数", indicator_id="hte_count",
                    indicator_text="高新技术企业", kind="target", metric="level", value=300.0, uom="家",
                    comparator=">=", year=2024, source=Source("a.txt", 3, 15, "高新技术企业总量达到300家"),
                    confidence=0.9, period="2024-01/2024-06", value_max=320.0, stretch=True, baseline=250.0,
                    direction="up", category="科技创新", flags=("unknown_indicator", "stale"))
    expected = dataclasses.asdict(record)
    expected["flags"] = ["unknown_indicator", "stale"]
    found = record.to_dict()
    assert found == expected
    assert list(found) == list(expected) and list(found["source"]) == list(expected["source"])
    assert Record.from_dict(found) == record

"""Records as dicts: the public form of records.json and of the ledger's record_json."""

from __future__ import annotations

import dataclasses
import sys

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


def test_made_makes_the_same_frozen_record_as_the_constructor_and_refuses_missing_or_unknown_fields() -> None:
    import pickle

    import pytest

    from tracker.models import made

    fields = dict(id="r2", doc="b.txt", unit="某某县", indicator="地区生产总值增速", indicator_id=None,
                  indicator_text="地区生产总值", kind="actual", metric="growth", value=6.5, uom="%",
                  comparator="=", year=2023, source=Source("b.txt", 0, 9, "地区生产总值增长6.5%"),
                  confidence=0.85, period=None, value_max=None, stretch=False, baseline=None,
                  direction="up", category=None, flags=())
    fast, slow = made(Record, dict(fields)), Record(**fields)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert fast.to_dict() == slow.to_dict() and pickle.loads(pickle.dumps(fast)) == slow
    assert dataclasses.replace(fast, value=7.0) == dataclasses.replace(slow, value=7.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"missing \['baseline'\]"):
        made(Record, {k: v for k, v in fields.items() if k != "baseline"})
    with pytest.raises(TypeError, match=r"unknown \['colour'\]"):
        made(Record, {**fields, "colour": "red"})
    assert made(Source, {"doc": "b.txt", "start": 1, "end": 2, "quote": "地"}) == Source("b.txt", 1, 2, "地")


def test_records_read_from_dicts_share_one_copy_of_their_repeated_texts_and_leave_the_dicts_alone() -> None:
    import json

    line = json.dumps({"id": "r1", "doc": "甲区-2024年报告.txt", "unit": "甲区", "indicator": "高新技术企业数",
                       "indicator_id": None, "indicator_text": "高新技术企业", "kind": "target", "metric": "level",
                       "value": 300.0, "uom": "家", "comparator": ">=", "year": 2024, "confidence": 0.9,
                       "source": {"doc": "甲区-2024年报告.txt", "start": 3, "end": 15, "quote": "总量达到300家"}},
                      ensure_ascii=False)
    first, second = json.loads(line), json.loads(line)   # as the ledger gives them: separate strings
    assert first["unit"] is not second["unit"]
    one, other = Record.from_dict(first), Record.from_dict(second)
    assert one == other
    for name in ("doc", "unit", "indicator", "indicator_text", "kind", "metric", "uom", "comparator"):
        assert getattr(one, name) is getattr(other, name), name
    assert one.source.doc is other.source.doc is one.doc
    assert one.indicator_id is None and one.period is None
    assert first == json.loads(line) and isinstance(first["source"], dict)   # the dict as it was given


def test_a_record_read_from_a_full_dict_in_any_order_is_the_constructed_record_with_its_fields_in_order() -> None:
    record = Record(id="r3", doc="c.txt", unit="乙县", indicator="技术合同成交额", indicator_id="tech_contracts",
                    indicator_text="技术合同成交额", kind="target", metric="level", value=10.0, uom="亿元",
                    comparator=">", year=2025, source=Source("c.txt", 4, 20, "技术合同成交额超过10亿元"),
                    confidence=0.8, flags=("stale",))
    stored = record.to_dict()
    shuffled = dict(reversed(list(stored.items())))   # every field, in another order
    shuffled["source"] = dict(reversed(list(stored["source"].items())))
    for data in (stored, shuffled):
        found = Record.from_dict(data)
        assert found == record and repr(found) == repr(record) and hash(found) == hash(record)
        assert list(vars(found)) == [field.name for field in dataclasses.fields(Record)]
        # Its attribute names shared with every other record's, as the constructor makes them: a
        # dict of its own per record cost a national ledger 30 MB.
        assert sys.getsizeof(vars(found)) == sys.getsizeof(vars(record))
        assert found.source == record.source and found.flags == ("stale",)
    assert Record.from_dict({**stored, "colour": "red"}) == record   # a field of a later version left out

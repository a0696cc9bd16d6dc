"""Extraction on the seeds, scored against the hand-checked records in tests/gold/."""

from __future__ import annotations

import pytest

from tests.helpers import GOLD, SEEDS
from tracker.extract.evaluate import load_gold, score_all
from tracker.extract.run import Knowledge, extract_files, files_under


@pytest.fixture(scope="module")
def extracted():
    done, skipped = extract_files(files_under([SEEDS]), Knowledge.load())
    assert skipped == []
    return {prepared.doc.file: (prepared, extraction) for prepared, extraction in done}


def test_f1_on_the_seeds_is_at_least_090(extracted):
    total, per_doc = score_all(load_gold(GOLD), {doc: ex.records for doc, (_, ex) in extracted.items()})
    assert total.f1 >= 0.9, [(doc, round(score.f1, 3)) for doc, score in per_doc.items()]
    assert all(score.f1 >= 0.8 for score in per_doc.values())


def test_urumqi_targets_are_exact(extracted):
    _, extraction = extracted["乌鲁木齐高新区-产业链动春潮涌.txt"]
    targets = [(r.unit, r.indicator, r.value, r.uom, r.comparator, r.year, r.kind, r.stretch)
               for r in extraction.records if r.kind == "target"]
    unit = "乌鲁木齐高新区(新市区)"
    assert targets == [
        (unit, "高新技术企业数", 280, "家", ">=", 2024, "target", True),
        (unit, "科技型中小企业入库数", 260, "家", ">=", 2024, "target", True),
        (unit, "创新平台数", 110, "家", ">=", 2024, "target", True),
        (unit, "技术合同成交额", 10, "亿元", ">", 2024, "target", True),
        (unit, "全社会研发经费投入增速", 30, "%", "=", 2024, "target", True),
    ]
    assert extraction.year == 2024


def test_every_quote_is_the_original_text_at_its_offsets(extracted):
    for prepared, extraction in extracted.values():
        original = (SEEDS / prepared.doc.file).read_text(encoding="utf-8")
        for record in extraction.records:
            assert original[record.source.start:record.source.end] == record.source.quote
            assert record.source.quote.strip()


def test_spun_copy_is_understood_but_quoted_as_written(extracted):
    _, extraction = extracted["新疆工业园区-园区经济撑起新疆工业.txt"]
    high_tech = [r for r in extraction.records if r.indicator == "高新技术企业数"]
    assert [(r.value, r.comparator, r.indicator_text) for r in high_tech] == [(1900, ">", "高新技能企业")]
    assert "高新技能企业超1900家" in high_tech[0].source.quote


def test_ids_are_stable_and_unique(extracted):
    again, _ = extract_files(files_under([SEEDS]), Knowledge.load())
    first = [r.id for _, ex in extracted.values() for r in ex.records]
    second = [r.id for _, ex in again for r in ex.records]
    assert first == second
    assert len(set(first)) == len(first)


def test_ids_survive_shifted_offsets(extracted, tmp_path):
    name = "乌鲁木齐高新区-产业链动春潮涌.txt"
    shifted = tmp_path / name
    shifted.write_text("编者按：本文有改动。\n\n" + (SEEDS / name).read_text(encoding="utf-8"), encoding="utf-8")
    (done,), _ = extract_files([(shifted, name)], Knowledge.load())
    before = {r.id: r.source.start for r in extracted[name][1].records}
    after = {r.id: r.source.start for r in done[1].records}
    assert before.keys() == after.keys()
    assert all(after[key] > before[key] for key in before)


def test_restated_figures_give_one_record(extracted):
    _, extraction = extracted["新疆工业园区-园区经济撑起新疆工业.txt"]
    parks = [r for r in extraction.records if r.value == 84 and r.uom == "家"]
    assert len(parks) == 1

"""Fresh documents written for these tests, in the genres the extractor meets and has never seen:
county and district work reports, zone news, statistical communiqués and releases with tables
(HTML, .docx, text set out with spaces), action plans to 2027, mid-year progress, a five-year
plan's table, estimates at the year's end and in mid-year, traditional-script and mirror copies
(pinyin glosses, page furniture), a release that never names its unit, two names of one unit,
and negatives (a company profile, a scenic spot, a county's history).

Each document in tests/extract/fresh/docs has the records an analyst would put in the ledger in
tests/extract/fresh/gold (the format of tests/gold, read by `tracker eval`): every one must be
found, nothing else, with its year and comparator. A document the extractor does not read right
yet is listed in KNOWN_GAPS with what is wrong; the test then expects it to fail, so a fix shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.evaluate import load_gold, score_document
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare

FRESH = Path(__file__).parent / "fresh"
GOLD = load_gold(FRESH / "gold")
KNOWN_GAPS = {
    "09-镜像拼音.txt": "a paragraph continuing the year of the one before gets the document's year",
    "34-区报告节选.txt": "推动…突破 in a plan's list item after its goals is read as a result",
}


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def test_the_suite_has_thirty_documents_in_every_format_and_their_gold():
    names = sorted(path.name for path in (FRESH / "docs").iterdir())
    assert len(names) >= 30
    assert {Path(name).suffix for name in names} == {".txt", ".html", ".docx"}
    assert sorted(GOLD) == names
    assert sum(1 for expected in GOLD.values() if not expected) >= 3   # negatives


@pytest.mark.parametrize("name", sorted(GOLD))
def test_a_fresh_document_gives_exactly_its_records(name, knowledge, request):
    if name in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True))
    prepared = prepare(FRESH / "docs" / name, name)
    records = extract(prepared, *knowledge).records
    score = score_document(GOLD[name], records)
    assert not score.missed, [f"{e.kind} {e.unit} {e.indicator} {e.value}{e.uom}" for e in score.missed]
    assert not score.spurious, [f"{r.kind} {r.unit} {r.indicator} {r.value}{r.uom}" for r in score.spurious]
    assert (score.year_right, score.comparator_right) == (score.year_checked, score.comparator_checked), \
        [(r.indicator, r.year, r.comparator) for r in records]

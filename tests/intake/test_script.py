"""Traditional-script copies are read in simplified script; quotes stay the original text."""

from __future__ import annotations

import pytest

from tracker.extract.records import extract
from tracker.extract.run import Knowledge
from tracker.intake import prepare_document
from tracker.intake.clean import clean
from tracker.intake.readers import read_bytes

TRADITIONAL = (
    "廈門市2024年政府工作報告\n"
    "過去一年，全市地區生產總值達到1850億元、增長6.2%，規模以上工業增加值增長8.5%，"
    "製造業投資增長12%，進出口總額突破600億元。臺商投資項目新增35個。\n"
    "今年發展主要預期目標是：地區生產總值增長6%左右，一般公共預算收入增長5%。\n"
)
SIMPLIFIED_LINE = "过去一年,全市地区生产总值达到1850亿元、增长6.2%,规模以上工业增加值增长8.5%,"


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def test_a_traditional_paragraph_reads_in_simplified_script():
    cleaned = clean(TRADITIONAL)
    assert cleaned.traditional
    assert SIMPLIFIED_LINE in cleaned.text.text
    assert "制造业投资增长12%,进出口总额突破600亿元。台商投资项目新增35个。" in cleaned.text.text


def test_every_simplified_character_stands_for_the_original_at_its_place():
    cleaned = clean(TRADITIONAL)
    start = cleaned.text.text.index(SIMPLIFIED_LINE)
    a, b = cleaned.text.original_span(start, start + len(SIMPLIFIED_LINE))
    assert TRADITIONAL[a:b] == "過去一年，全市地區生產總值達到1850億元、增長6.2%，規模以上工業增加值增長8.5%，"


def test_records_of_a_traditional_document_quote_the_original(knowledge):
    doc = read_bytes(TRADITIONAL.encode("big5"), "廈門.txt")
    prepared = prepare_document(doc)
    assert prepared.doc.title == "厦门市2024年政府工作报告"
    records = extract(prepared, knowledge.catalogue, knowledge.gazetteer).records
    values = {(r.value, r.uom) for r in records}
    assert {(1850.0, "亿元"), (6.2, "%"), (8.5, "%"), (600.0, "亿元")} <= values
    for record in records:
        quote = record.source.quote
        assert quote == doc.text[record.source.start:record.source.end]
        assert quote in TRADITIONAL


@pytest.mark.parametrize("text", [
    "全市生产总值增长6%，发展质量稳步提升。",
    "本报讯 某某集团董事长在臺北表示，全年新增订单20亿元。",   # one traditional place name
])
def test_simplified_text_is_left_as_written(text):
    cleaned = clean(text)
    assert not cleaned.traditional
    assert "臺" not in text or "臺" in cleaned.text.text


@pytest.mark.parametrize(("codec", "name"), [("big5", "big5"), ("gbk", "gbk"), ("gb18030", "gbk")])
def test_traditional_bytes_decode_in_their_own_encoding(codec, name):
    doc = read_bytes(TRADITIONAL.encode(codec), "a.txt")
    assert (doc.text, doc.encoding) == (TRADITIONAL, name)

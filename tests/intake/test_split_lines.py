"""Numbers and their units that land on separate lines (PDF text, copies of PDF text) are
joined again; headings, list items and table cells keep their own lines."""

from __future__ import annotations

import io

import pytest

from tracker.extract.records import extract
from tracker.extract.run import Knowledge
from tracker.intake import prepare_document
from tracker.intake.clean import clean
from tracker.intake.readers import read_bytes

# Text as it comes out of a PDF whose digits were set in another font: each run on its line.
COPIED_FROM_PDF = """2023
年某某省
政府工作报告
一、2022年工作回顾
面对多重困难挑战,全省经济运行在低位开局的情况下,从
9
月份开始回升,预计全年地区生
产总值增长
4.5%
左右。规模以上工业增加值增长
6%
以上。金融机构存贷款余额分别增长
10.2%
、
9.2%
,分别提高
1.9
个、
3.1
个百分点。减税降费
322
亿元。
(一)产业转型
全年新增高新技术企业
1200
家。
"""


def test_a_copy_of_pdf_text_reads_as_sentences():
    lines = clean(COPIED_FROM_PDF).text.text.splitlines()
    assert lines == [
        "2023年某某省",
        "政府工作报告",
        "一、2022年工作回顾",
        "面对多重困难挑战,全省经济运行在低位开局的情况下,从9月份开始回升,预计全年地区生产总值增长4.5%左右。"
        "规模以上工业增加值增长6%以上。金融机构存贷款余额分别增长10.2%、9.2%,分别提高1.9个、3.1个百分点。"
        "减税降费322亿元。",
        "(一)产业转型",
        "全年新增高新技术企业1200家。",
    ]


def test_a_joined_quote_is_the_original_text():
    cleaned = clean(COPIED_FROM_PDF).text
    start = cleaned.text.index("增长4.5%左右")
    a, b = cleaned.original_span(start, start + len("增长4.5%左右"))
    assert COPIED_FROM_PDF[a:b] == "增长\n4.5%\n左右"


@pytest.mark.parametrize("text", [
    "指标\n612340\n598215\n10.4",                 # cells of a table column stay apart
    "全年增长6%。\n2\n下一步工作",                # a page number after a sentence
    "主要目标\n●地区生产总值增长6%左右\n●规上工业增加值增长7%以上",
    "某某区2024年工作要点\n各街道、各部门:",    # a title is not a broken sentence
])
def test_lines_that_are_not_broken_stay(text):
    assert clean(text).text.text == text


def test_a_number_broken_after_its_decimal_point_is_one_number():
    assert clean("全省生产总值6835.\n27亿元,增长8.9%。").text.text == "全省生产总值6835.27亿元,增长8.9%。"


def _pdf_with_shifted_digits() -> bytes:
    """A page where every number is a separate run in a Latin font, set on a raised baseline
    with wide gaps, as Word's justified text often is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setTitle("兰州新区2024年工作报告")
    rows = [
        ["预计全年地区生产总值增长", "4.2%", "左右,规模以上工业增加值增长"],
        ["7%", "以上。全年新增高新技术企业", "120", "家。"],
        ["二、2024年目标"],
        ["地区生产总值增长", "6%", "左右。"],
    ]
    y = 780
    for row in rows:
        x = 50
        for run in row:
            latin = run[0].isdigit()
            font = "Helvetica" if latin else "STSong-Light"
            page.setFont(font, 12)
            page.drawString(x, y + (5 if latin else 0), run)
            x += pdfmetrics.stringWidth(run, font, 12) + 30
        y -= 20
    page.save()
    return buffer.getvalue()


def test_pdf_numbers_on_shifted_runs_stay_with_their_units():
    doc = read_bytes(_pdf_with_shifted_digits(), "兰州新区.pdf")
    prepared = prepare_document(doc)
    assert prepared.text.splitlines() == [
        "预计全年地区生产总值增长4.2%左右,规模以上工业增加值增长7%以上。全年新增高新技术企业120家。",
        "二、2024年目标",
        "地区生产总值增长6%左右。",
    ]
    knowledge = Knowledge.load()
    records = extract(prepared, knowledge.catalogue, knowledge.gazetteer).records
    assert {(r.value, r.uom) for r in records} >= {(4.2, "%"), (7.0, "%"), (120.0, "家"), (6.0, "%")}
    for record in records:
        assert record.source.quote == doc.text[record.source.start:record.source.end]

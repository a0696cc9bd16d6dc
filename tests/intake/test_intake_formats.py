"""Every supported format and encoding yields the same document text."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.documents import (
    EXPECTED_LINES,
    FIXTURE_TITLE,
    fixture_docx,
    fixture_html,
    fixture_pdf,
    fixture_text,
)
from tracker.intake import prepare
from tracker.intake.readers import read_bytes
from tracker.models import Skipped

TEXT_ENCODINGS = [
    ("utf-8", lambda s: s.encode("utf-8"), "utf-8"),
    ("utf-8-sig", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16", lambda s: s.encode("utf-16"), "utf-16"),
    ("gbk", lambda s: s.encode("gbk"), "gbk"),
    ("gb18030", lambda s: (s + "㐀\n").encode("gb18030"), "gb18030"),
]


@pytest.mark.parametrize(("label", "encode", "expected_encoding"), TEXT_ENCODINGS, ids=[e[0] for e in TEXT_ENCODINGS])
def test_plain_text_in_every_encoding(tmp_path, label, encode, expected_encoding):
    path = tmp_path / f"{label}.txt"
    path.write_bytes(encode(fixture_text()))
    result = prepare(path, path.name)
    assert not isinstance(result, Skipped), result
    assert result.doc.format == "text"
    assert result.doc.encoding == expected_encoding
    assert result.doc.title == FIXTURE_TITLE
    assert result.text.splitlines()[:3] == [FIXTURE_TITLE, *EXPECTED_LINES]


def test_utf16_without_bom_ascii_heavy(tmp_path):
    path = tmp_path / "le.txt"
    path.write_bytes(("Plan 2024: 280 enterprises, 10 billion yuan.\n" * 3).encode("utf-16-le"))
    result = prepare(path, path.name)
    assert result.doc.encoding == "utf-16-le"
    assert result.text.startswith("Plan 2024: 280 enterprises")


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_html_keeps_article_and_drops_navigation_scripts_styles(tmp_path, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(fixture_html().replace("charset='utf-8'", f"charset='{encoding}'").encode(encoding))
    result = prepare(path, path.name)
    assert result.doc.format == "html"
    assert result.doc.encoding == encoding
    assert result.doc.title == FIXTURE_TITLE
    assert result.doc.published == date(2024, 3, 5)
    assert result.text.splitlines() == [FIXTURE_TITLE, *EXPECTED_LINES, "指标\t目标", "高新技术企业\t280家"]
    for furniture in ("首页", "网站首页", "上一篇", "力争1000家", "color", "分享到", "版权所有", "广告"):
        assert furniture not in result.doc.text


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text(fixture_html(), encoding="utf-8")
    result = prepare(path, path.name)
    assert result.doc.format == "html"
    assert EXPECTED_LINES[0] in result.text


def test_docx_paragraphs_and_table_cells_in_order(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(fixture_docx())
    result = prepare(path, path.name)
    assert result.doc.format == "docx"
    assert result.doc.encoding is None
    assert result.doc.title == FIXTURE_TITLE
    assert result.text.splitlines() == [FIXTURE_TITLE, *EXPECTED_LINES, "指标\t目标", "高新技术企业\t280家"]


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(fixture_pdf())
    result = prepare(path, path.name)
    assert result.doc.format == "pdf"
    assert result.doc.title == FIXTURE_TITLE
    assert result.text.splitlines() == [FIXTURE_TITLE, *EXPECTED_LINES]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (bytes(range(256)) * 8, "binary data ("),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "an image (PNG); tracker reads text, HTML, .docx and PDF"),
        (b"\xd0\xcf\x11\xe0" + bytes(100), "an old Office file (.doc/.xls/.wps); save it as .docx and run again"),
        (b"PK\x03\x04garbage", "a damaged .docx file (its zip structure is broken: File is not a zip file); "
                                "open it in Word or WPS and save it again"),
        (b"%PDF-1.4\n%%EOF", "a damaged PDF file (PDFSyntaxError: No /Root object! - Is this really a PDF?); "
                              "save or print it to PDF again"),
    ],
    ids=["empty", "blank", "binary", "png", "ole2", "bad-zip", "bad-pdf"],
)
def test_unreadable_files_are_skipped_with_reason(data, reason):
    result = read_bytes(data, "x.bin")
    assert isinstance(result, Skipped)
    assert result.file == "x.bin"
    assert result.reason.startswith(reason)


def test_xlsx_is_not_a_document(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "book.xlsx"
    Workbook().save(path)
    result = prepare(path, path.name)
    assert result == Skipped("book.xlsx", "an Excel workbook, not a document; tracker reads text, HTML, .docx and PDF")


def test_pdf_without_text_layer_is_skipped(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(10, 10, 100, 100)
    page.save()
    result = prepare(path, path.name)
    assert result == Skipped("scan.pdf", "PDF has no text layer (a scan?); run OCR first")

"""Text out of .docx and PDF files, in reading order.

Errors of a damaged file are the caller's to describe (readers.py turns any into a reason); only
what needs its own advice is raised here as Unreadable: a PDF with a password or without text.
"""

from __future__ import annotations

import io
import logging
import re

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tracker.intake.guards import Unreadable
from tracker.intake.noise import join_broken_lines
from tracker.intake.textmap import CELL_BREAK, MappedText
from tracker.messages import say

# pdfminer logs every unusual font table at WARNING; none of it is the user's business.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _layout():
    # Word sets digits in a Latin font, often on a shifted baseline and with wide justified
    # gaps; pdfminer's defaults then cut "增长 3.5% 左右" into three text boxes and reorder
    # them. A wider character margin and a looser line overlap keep such runs on their line.
    from pdfminer.layout import LAParams

    return LAParams(char_margin=6.0, line_overlap=0.3)


def read_docx(data: bytes) -> tuple[str, str | None]:
    """Paragraphs and table rows in document order; (text, title)."""
    doc = open_docx(io.BytesIO(data))
    lines: list[str] = []
    _body_lines(doc.element.body, doc, lines)
    title = (doc.core_properties.title or "").strip() or None
    if title is None:
        for para in doc.paragraphs:
            if para.style is not None and para.style.name.lower() in ("title", "heading 1") and para.text.strip():
                title = para.text.strip()
                break
    return "\n".join(lines), title


def _body_lines(container, parent, lines: list[str]) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            text = Paragraph(child, parent).text.strip()
            if text:
                lines.append(text)
        elif child.tag == qn("w:tbl"):
            _table_lines(Table(child, parent), lines)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _body_lines(content, parent, lines)


def _table_lines(table: Table, lines: list[str]) -> None:
    """One line per row, cells joined by tabs in their grid columns (as intake/html.py does): a
    cell spanning columns is repeated in each, one merged down from the row above is empty."""
    for tr in table._tbl.tr_lst:
        cells: list[str] = [""] * tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                text = ""
            else:
                inner: list[str] = []
                _body_lines(tc, _Cell(tc, table), inner)
                text = " ".join(inner).replace(CELL_BREAK, " ").strip()
            cells += [text] * tc.grid_span
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            lines.append(CELL_BREAK.join(cells))


def read_pdf(data: bytes) -> tuple[str, str | None]:
    """The text layer of a PDF; (text, title). Raises Unreadable for scans without text."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        text = extract_text(io.BytesIO(data), laparams=_layout())
        parser = PDFParser(io.BytesIO(data))
        info = PDFDocument(parser).info
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise Unreadable(say("intake.pdf_password")) from exc
    text = _join_pdf_lines(text)
    if not text.strip():
        raise Unreadable(say("intake.no_text_layer"))
    title = None
    for entry in info or []:
        raw = entry.get("Title")
        if isinstance(raw, bytes):
            raw = _pdf_string(raw)
        if isinstance(raw, str) and raw.strip():
            title = raw.strip()
    return text, title


def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    return raw.decode("latin-1")


def _join_pdf_lines(text: str) -> str:
    # PDF lines break at the page width; rejoin the lines of a paragraph (blank lines and page
    # breaks separate paragraphs) with the rules every copy of broken text gets.
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\x0c", "\n\n")).strip()
    return join_broken_lines(MappedText.identity(text), hard_wrapped=True).text

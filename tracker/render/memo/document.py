"""Laying memo blocks out in a Word document that starts as a copy of the reference .docx.

The reference (memo-reference.docx, the project's copy first) brings the styles, page setup and
page-number footers; its sample paragraphs are removed and the memo's blocks added with its
styles. Each run names its fonts, copied from its style in the reference, so Chinese text has
an East Asian font even in a viewer that ignores style fonts, and a user's restyling still holds.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from tracker.config import Templates
from tracker.errors import TemplateError
from tracker.render.formatting import MISSING, fmt_number
from tracker.render.memo.facts import SourceQuote
from tracker.render.memo.markup import Block
from tracker.render.memo.reference import REFERENCE_NAME, stable_zip
from tracker.render.memo.style import TABLE_STYLE, set_fonts, style_fonts
from tracker.render.memo.table_rows import HeldRows, plain
from tracker.render.memo.templates import display_path, file_stamp
from tracker.render.words import words

TYPE_AREA_MM = 156.0
EM_MM = 4.3                # 小4 (12 pt) in millimetres, with a little air
CELL_PADDING_MM = 3.5      # the table style's left and right cell margins
MAX_EMS = 14.0             # no column asks for more, however long its text
FIGURE_SLACK = 1.1         # a figure's estimated width is stretched by this, so it never wraps
TITLE_EMS = 20.0           # 2号 characters on a 156 mm line
CHART_WIDTH_MM = 150.0
DOCUMENT_PART = "word/document.xml"
BLOCK_STYLES = {"title": "Title", "subtitle": "Subtitle", "heading1": "Heading 1", "heading2": "Heading 2",
                "paragraph": "Normal"}
REQUIRED_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "Table Heading", "Table Text",
                   "Figure", "Caption", TABLE_STYLE)
YES_NO = words("memo")["yes_no"]


def open_reference(templates: Templates) -> DocxDocument:
    """The reference document with its sample content removed, ready to receive a memo."""
    path = templates.resource(REFERENCE_NAME)
    return docx.Document(io.BytesIO(_emptied_reference(path, display_path(path, templates), file_stamp(path))))


@functools.lru_cache(maxsize=8)
def _emptied_reference(path: Path, where: str, stamp: object) -> bytes:
    """The reference at `path` (as it is at `stamp`), checked and with its samples removed, as
    .docx bytes: read and checked once per build rather than once per memo."""
    try:
        doc = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise TemplateError(f"{where} is not a Word document ({exc}). Save it from Word as .docx, "
                            f"or delete it to use the default layout.") from exc
    names = {style.name for style in doc.styles}
    for name in REQUIRED_STYLES:
        if name not in names and name.lower() not in names:
            raise TemplateError(f"{where} has no style '{name}', which memos use. Add it in Word, "
                                f"or delete the file to use the default layout.")
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def cell_text(value: object, lang: str) -> str:
    """A table value as text: never "None", "nan" or a raw float."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, float):
        return fmt_number(value, "", lang)
    if isinstance(value, tuple):
        sep = "、" if lang == "zh" else ", "
        return sep.join(f"“{v.quote}”（{v.doc}）" if isinstance(v, SourceQuote) else cell_text(v, lang)
                        for v in value) or MISSING
    return str(value)


class MemoWriter:
    """Adds paragraphs, tables and a picture to a memo document in the reference's styles."""

    def __init__(self, doc: DocxDocument, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self._fonts: dict[str, tuple[str, str]] = {}
        self._style_ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self.held = HeldRows()

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id python-docx writes for a style name (None for the default style), looked up once
        per memo: each look-up scans every style of the reference."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids[key] = self.doc.part.get_style_id(name, kind)
        return self._style_ids[key]

    def fonts(self, style: str) -> tuple[str, str]:
        if style not in self._fonts:
            self._fonts[style] = style_fonts(self.doc, style)
        return self._fonts[style]

    def run(self, paragraph, text: str, style: str) -> None:
        run = paragraph.add_run(text)
        set_fonts(run._r.get_or_add_rPr(), *self.fonts(style), hint=True)

    def paragraph(self, block: Block) -> None:
        style = BLOCK_STYLES[block.kind]
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_id(style)
        # Chinese lines break between any two characters, so a long title is broken by hand.
        if self.lang == "en" and block.kind in ("paragraph", "heading1", "heading2"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified English opens wide gaps between words
        lines = title_lines(block.text) if block.kind == "title" and self.lang == "zh" else [block.text]
        for number, line in enumerate(lines):
            if number:
                paragraph.runs[-1].add_break()
            self.run(paragraph, line, style)

    def table(self, block: Block, rows: Sequence[object]) -> None:
        if not rows:
            return
        # The header row first, the rest as they are written: a table made whole first and then
        # filled would hold every row twice (made, and replaced by a copy of the template).
        table = self.doc.add_table(rows=1, cols=len(block.columns))
        table._tbl.tblStyle_val = self.style_id(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        headers = [header for _field, header in block.columns]
        texts = [[cell_text(getattr(row, field), self.lang) for field, _header in block.columns] for row in rows]
        widths = column_widths(headers, texts)
        left_first = any(text_width(row[0]) > 4 for row in texts)  # names read better flush left
        # Row by row: table.cell(r, c) lists every cell of the table on each call.
        for column, cell in enumerate(table.rows[0].cells):
            self._cell(cell, headers[column], "Table Heading", widths[column])
        template = None  # the first data row written cell by cell, once its texts are plain
        held: list[Sequence[str]] = []
        for row_texts in texts:
            if template is not None and plain(row_texts):
                # Written as copies of the template's XML when the document is saved (table_rows.py):
                # a national table has thousands of rows.
                held.append(row_texts)
                continue
            if held:
                self.held.hold(table._tbl, template, held)
                held = []
            row = table.add_row()
            for column, (cell, text) in enumerate(zip(row.cells, row_texts, strict=True)):
                align = WD_ALIGN_PARAGRAPH.LEFT if column == 0 and left_first else None
                self._cell(cell, text, "Table Text", widths[column], align)
            if template is None and plain(row_texts):
                template = row._tr
        if held:
            self.held.hold(table._tbl, template, held)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for index, tr in enumerate(table._tbl.tr_lst):
            properties = tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if index == 0:  # the header row repeats on every page the table runs over
                properties.append(OxmlElement("w:tblHeader"))

    def _cell(self, cell, text: str, style: str, width, align=None) -> None:
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph._p.style = self.style_id(style)
        if align is not None:
            paragraph.alignment = align
        self.run(paragraph, text, style)

    def chart(self, block: Block, png: bytes) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_id("Figure")
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
        if block.text:
            caption = self.doc.add_paragraph()
            caption._p.style = self.style_id("Caption")
            self.run(caption, block.text, "Caption")


def text_width(text: str) -> float:
    """Width in em: a Chinese character is one, a digit, Latin letter or sign (Times New Roman) about half."""
    return sum(1.0 if ord(char) > 0x2E7F else 0.55 for char in text)


_PIECE_BREAKS = re.compile(r"[\s，、；：。（）,;:()]+")


def _unbreakable(text: str) -> float:
    """Ems of the longest piece a line must not break inside: an English word, or a figure with its
    unit and qualifier (1000亿元以上, 达到1.08万台: the pieces between Chinese punctuation that hold
    a digit). Other Chinese text may break between any characters, but a cell of four or fewer stays whole."""
    pieces = [text_width(word) for word in text.split() if word.isascii()]
    # Figures get some slack: digits and signs print a little wider in some fonts than estimated.
    pieces += [text_width(piece) * FIGURE_SLACK + 0.3 for piece in _PIECE_BREAKS.split(text)
               if any(char.isdigit() for char in piece)]
    if not text.isascii():
        pieces.append(min(text_width(text), 4.0))
    return max(pieces, default=0.0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Mm]:
    """Widths sharing the type area: every column gets what it cannot do without (its longest
    word or number, its header's longest word), and the rest goes to the columns whose text
    would otherwise wrap, in proportion to how much more they need (up to MAX_EMS)."""
    least, wanted = [], []
    for column, header in enumerate(headers):
        cells = [row[column] for row in rows]
        minimum = max([_unbreakable(header), *(_unbreakable(cell) for cell in cells), 2.0])
        desired = max(minimum, min(MAX_EMS, max((text_width(cell) for cell in cells), default=0.0)))
        least.append(CELL_PADDING_MM + EM_MM * minimum)
        wanted.append(CELL_PADDING_MM + EM_MM * desired)
    if sum(wanted) <= TYPE_AREA_MM or sum(least) >= TYPE_AREA_MM:
        basis = wanted if sum(wanted) <= TYPE_AREA_MM else least
        return [Mm(TYPE_AREA_MM * width / sum(basis)) for width in basis]
    share = (TYPE_AREA_MM - sum(least)) / (sum(wanted) - sum(least))
    return [Mm(low + (high - low) * share) for low, high in zip(least, wanted, strict=True)]


def title_lines(title: str, per_line: float = TITLE_EMS) -> list[str]:
    """A title too long for one line, broken where a phrase ends rather than wherever the line fills.

    GB/T 9704 asks that a title's lines keep words whole; the break goes before a number (the
    year) or after a closing bracket, whichever gives the most even lines that both fit.
    """
    if text_width(title) <= per_line:
        return [title]
    candidates = [i for i in range(1, len(title))
                  if (title[i].isdigit() and not title[i - 1].isdigit()) or title[i - 1] in ")）》"]
    fitting = [i for i in candidates if max(text_width(title[:i]), text_width(title[i:])) <= per_line]
    if not fitting:
        return [title]
    best = min(fitting, key=lambda i: abs(text_width(title[:i]) - text_width(title[i:])))
    return [title[:best], title[best:]]


def lay_out(doc: DocxDocument, blocks: Sequence[Block], variables: object, lang: str,
            chart: bytes | None) -> HeldRows:
    """Add every block; tables take their rows from the memo variable they name. Returns the
    table rows still to be written when the document is saved (`to_bytes`)."""
    writer = MemoWriter(doc, lang)
    for block in blocks:
        if block.kind == "table":
            writer.table(block, getattr(variables, block.table))
        elif block.kind == "chart":
            if chart is not None:
                writer.chart(block, chart)
        else:
            writer.paragraph(block)
    return writer.held


def to_bytes(doc: DocxDocument, title: str, day: datetime | None = None, held: HeldRows | None = None) -> bytes:
    """The document as .docx bytes, with fixed metadata so the same memo gives the same bytes, and
    the rows `held` by lay_out written into it."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "tracker", "tracker"
    props.comments, props.revision = "", 1
    if day is not None:
        props.created = props.modified = day
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue(), {DOCUMENT_PART: held.fill} if held else None)


def memo_time(day) -> datetime:
    return datetime.combine(day, time())


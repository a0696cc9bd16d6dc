"""Table rows written as text into the saved document, rather than built as XML elements.

A memo across a national project's units has tables of thousands of rows. Built as lxml
elements, a cell costs about 3 KB (the cell, its properties, paragraph, run, fonts and text), so
the overall memo of 3,000 units held some 150 MB of elements for a 13 MB document.xml. The rows
after a table's first plain row (each cell one plain text, document.py) differ from it only in
their texts: they are kept as texts, a comment marks their place in the table, and when the
document is saved the comment is replaced by copies of the first row's XML with their texts in
it, as lxml would have written them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx.oxml.ns import qn
from lxml import etree

_SLOT = "\ue000{}\ue001"        # private-use characters: never in a plain text (see plain)
_SLOTS = re.compile("\ue000\\d+\ue001")
_DECLARATION = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
# Characters XML 1.0 cannot hold, and the private-use pair the slots are made of.
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000\ue001]")


def plain(texts: Sequence[str]) -> bool:
    """Whether each text is written as one w:t: not empty, no tab or line break, no space to
    preserve (python-docx would add xml:space), and nothing XML cannot hold."""
    return all(text and text == text.strip() and not any(char in text for char in "\t\r\n")
               and not _UNFIT.search(text) for text in texts)


class HeldRows:
    """The rows of a document's tables kept as texts until the document is saved (`fill`)."""

    def __init__(self) -> None:
        self._held: list[tuple[str, etree._Element, list[Sequence[str]]]] = []

    def __bool__(self) -> bool:
        return bool(self._held)

    def hold(self, table: etree._Element, template: etree._Element, rows: list[Sequence[str]]) -> None:
        """Keep `rows` (each a plain text per cell) to be written at the end of `table` as it is
        now, each as a copy of the row `template`."""
        marker = f"tracker-rows-{len(self._held)}"
        table.append(etree.Comment(marker))
        self._held.append((f"<!--{marker}-->", template, rows))

    def fill(self, document_xml: bytes) -> bytes:
        """word/document.xml as saved, with each marker replaced by its rows (written a row at a
        time: the whole document as one string would be several copies of it in memory)."""
        out = io.BytesIO()
        start = 0
        for marker, template, rows in self._held:  # in the order of the document
            at = document_xml.find(marker.encode("ascii"), start)
            if at < 0:
                raise ValueError(f"{marker} is not in the document")
            out.write(document_xml[start:at])
            pieces = _pieces(template)
            for texts in rows:
                out.write(_row(pieces, texts).encode("utf-8"))
            start = at + len(marker)
        out.write(document_xml[start:])
        return out.getvalue()


def _pieces(template: etree._Element) -> list[str]:
    """The XML of the row `template` as it is written inside the document, cut around its texts."""
    row = etree.fromstring(etree.tostring(template))  # a copy, its texts replaced by numbered slots
    slots = list(row.iter(qn("w:t")))
    for number, slot in enumerate(slots):
        slot.text = _SLOT.format(number)
    xml = etree.tostring(row, encoding="unicode")
    # Standing alone, the row declares the namespaces it inherits in the document: not repeated there.
    end = xml.index(">")
    xml = _DECLARATION.sub("", xml[:end]) + xml[end:]
    pieces = _SLOTS.split(xml)
    if len(pieces) != len(slots) + 1:
        raise ValueError(f"a row template has {len(slots)} texts, and {len(pieces) - 1} slots were found")
    return pieces


def _row(pieces: list[str], texts: Sequence[str]) -> str:
    if len(texts) != len(pieces) - 1:
        raise ValueError(f"a row template has {len(pieces) - 1} texts, not {len(texts)}")
    parts = [pieces[0]]
    for text, piece in zip(texts, pieces[1:], strict=True):
        parts.append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        parts.append(piece)
    return "".join(parts)

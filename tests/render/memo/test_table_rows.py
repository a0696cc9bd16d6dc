"""Table rows written as text when the memo is saved (table_rows.py) are the rows python-docx
and lxml would have written as elements, whatever their texts."""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass

import docx
import pytest
from docx.oxml.ns import qn

from tracker.config import Templates
from tracker.render.memo.document import DOCUMENT_PART, lay_out, open_reference, to_bytes
from tracker.render.memo.markup import Block
from tracker.render.memo.table_rows import HeldRows, plain


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    note: str


TEXTS = [
    Row("一号区", "100.0%", "5/5"),
    Row("A&B <新区>", "12.5%", "\"引号\" 'x'"),
    Row("二号区", "", "empty value"),                 # not plain: written cell by cell
    Row("三号区", "3", "—"),
    Row(" 前导空格", "4", "x"),                       # not plain (a space to preserve)
    Row("制表\t符", "5", "y"),                        # not plain (a tab)
    Row("𠀀区", "6", "乙"),                           # beyond the BMP
    Row("末区", "7", "&amp; as typed"),
]
BLOCK = Block("table", table="rows", columns=(("name", "单位"), ("value", "完成率"), ("note", "备注")))


@dataclass(frozen=True)
class Memo:
    rows: tuple[Row, ...]


def _document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(DOCUMENT_PART)


def _as_elements(monkeypatch: pytest.MonkeyPatch, rows: tuple[Row, ...]) -> bytes:
    """The memo with every held row put into the tree as a copy of the template instead."""
    def hold(self, table, template, held):
        for texts in held:
            row = copy.deepcopy(template)
            for slot, text in zip(row.iter(qn("w:t")), texts, strict=True):
                slot.text = text
            table.append(row)

    monkeypatch.setattr(HeldRows, "hold", hold)
    doc = open_reference(Templates())
    held = lay_out(doc, [BLOCK], Memo(rows), "zh", None)
    assert not held
    return _document_xml(to_bytes(doc, "t", None, held))


@pytest.mark.parametrize("rows", [tuple(TEXTS), tuple(TEXTS[:2]) * 50, (TEXTS[2], TEXTS[0]), (TEXTS[0],)])
def test_held_rows_are_written_as_lxml_writes_them(monkeypatch, rows):
    doc = open_reference(Templates())
    held = lay_out(doc, [BLOCK], Memo(rows), "zh", None)
    written = _document_xml(to_bytes(doc, "t", None, held))
    assert b"tracker-rows-" not in written
    assert written == _as_elements(monkeypatch, rows)
    table = docx.Document(io.BytesIO(_zip_with(written))).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == \
        [["单位", "完成率", "备注"]] + [[row.name, row.value, row.note] for row in rows]


def _zip_with(document_xml: bytes) -> bytes:
    doc = open_reference(Templates())
    buffer = io.BytesIO()
    doc.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, document_xml if item.filename == DOCUMENT_PART else source.read(item))
    return out.getvalue()


def test_rows_after_the_first_plain_one_are_held_not_built():
    doc = open_reference(Templates())
    held = lay_out(doc, [BLOCK], Memo(tuple(TEXTS[:2]) * 100), "zh", None)
    assert held
    assert len(doc.tables[0]._tbl.tr_lst) == 2   # the header and the template: the other 199 are text


def test_plain_texts():
    assert plain(["一号区", "100.0%", "A&B <x>"])
    assert not plain(["", "x"])
    assert not plain([" x"])
    assert not plain(["x\ty"])
    assert not plain(["x\ny"])
    assert not plain(["x\x07y"])      # XML cannot hold it: left to lxml, which refuses it
    assert not plain(["x\ue000y"])    # the slots' own characters


def test_a_marker_missing_from_the_document_is_an_error():
    held = HeldRows()
    doc = docx.Document()
    table = doc.add_table(rows=1, cols=1)
    table.rows[0].cells[0].paragraphs[0].add_run("x")
    held.hold(table._tbl, table._tbl.tr_lst[0], [["y"]])
    with pytest.raises(ValueError, match=r"^<!--tracker-rows-0--> is not in the document$"):
        held.fill(b"<w:document/>")

"""The <sheetData> of a streamed sheet, written as text: the XML openpyxl 3.1 writes for the same cells.

openpyxl writes every cell through lxml's incremental writer, a dozen Python calls and objects
per cell; a national summary has hundreds of thousands of cells, and that was most of its
time. Here each cell is one formatted string: the same attributes in the same order (`r`,
`s`, `t`), strings inline (`inlineStr`, `xml:space="preserve"` when they start or end with
space), numbers as openpyxl's safe_string writes them, dates as serial numbers, each distinct
style registered once with the workbook as openpyxl would register it (so styles.xml is the
same). Values of any other kind (rich text, array formulas, times) go through openpyxl's own
cell writer. The text is written in UTF-8 rather than lxml's ASCII with character references:
the same XML, a third of the bytes for Chinese.

The worksheet part itself is still openpyxl's (views, columns, merges, conditional formats,
tables, print settings): it is written with an empty <sheetData>, and `splice` puts the rows in.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from copy import copy
from datetime import date, datetime
from math import isfinite
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from lxml.etree import xmlfile
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import write_cell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, TIME_TYPES, get_time_format
from openpyxl.compat import NUMERIC_TYPES, safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError

from tracker.render.workbook.row_cache import NUMBER, NUMBER_BYTES, RowCache

STYLES = ("font", "fill", "border", "alignment", "protection")
EMPTY = (b"<sheetData></sheetData>", b"<sheetData/>")
MAX_TEXT = 32767  # characters in a cell; openpyxl cuts longer strings
_REPEATED_TEXT = 64  # texts up to this long are names and labels that repeat (SheetData._repeated)


def text(value: str) -> str:
    """`value` escaped as element content, as libxml2 escapes it (a carriage return kept as &#13;)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


class CellStyle(NamedTuple):
    """How a cell looks, shared by the cells of a column in rows written whole (StreamedSheet.put_row)."""

    font: Any = None
    fill: Any = None
    border: Any = None
    alignment: Any = None
    protection: Any = None
    number_format: str | None = None


_DEFAULT = CellStyle()
PLAIN_TYPES = frozenset((str, int, float, bool, type(None)))   # values that are never times
_DATES = frozenset((date, datetime))
_EMPTY_TYPES = {"s": ' t="inlineStr"', "f": "", "d": ' t="n"', "n": ' t="n"'}  # the t of an empty cell


class PutRow(NamedTuple):
    """A row written whole: its values from column 1 (text already cleaned, and text whatever it
    looks like), each with its style, and the hyperlinks of some of its cells (column -> an
    openpyxl Hyperlink; each such cell has its text)."""

    values: Sequence[Any]
    styles: Sequence[CellStyle | None]
    links: Mapping[int, Any] | None = None
    key: bytes | None = None   # the row is kept under this key for the next build (row_cache.py)


class KeptRow(NamedTuple):
    """A row an earlier build made, kept under `key` at `place` in the RowCache (row_cache.py):
    its XML holds its height, and NUMBER for its number."""

    key: bytes
    place: tuple[int, int]


class SheetData:
    """Writes the cells of one write-only sheet (`sheet`) as XML text (see the module docstring).

    A row is a PutRow, or column -> cell, a cell being anything with openpyxl's cell attributes
    (stream.StreamedCell): `_value`, `data_type` (None: inferred from the value, as openpyxl
    infers it), the five style objects, `number_format` and `hyperlink`."""

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet
        self._workbook = sheet.parent
        self._styles: dict[tuple, tuple[str, StyleArray, tuple]] = {}
        self._shared: dict[tuple, tuple[CellStyle, tuple[str, StyleArray, tuple]]] = {}
        self._tails: dict[tuple[str | None, int], str] = {}
        self._numbers: dict[tuple[int, ...], tuple[list[str | None], tuple[CellStyle, ...], tuple[int, ...]]] = {}
        self._attributes: dict[tuple[tuple[int, ...], tuple[int, ...]], str] = {}   # _content_key

    def register(self, styles: Sequence[CellStyle]) -> str:
        """Register `styles` with the workbook, in order, before any cell; returns their s attributes
        (a kept row's style ids hold where the same registration gives the same: row_cache.py)."""
        return "".join(self._resolved(style, None)[0] or ' s="0"' for style in styles)

    def rows(self, rows: dict[int, dict[int, Any] | PutRow | KeptRow], heights: Mapping[int, Any],
             kept: RowCache | None = None, by_content: bool = False) -> Iterator[str | bytes]:
        """Every row from 1 to the last, in order, as openpyxl writes appended rows (`rows` is emptied);
        `heights`: row -> an object whose `height` is the row's height in points, or None.

        With `kept` (row_cache.py): a row an earlier build made (KeptRow) is copied, with its
        height; a row written whole with a key is kept under it for the next build; and
        `by_content`, every row written whole without links is kept under a key of its values,
        styles and height, and copied when an earlier build kept the same."""
        letters: list[str] = [""]
        for number in range(1, max(rows, default=0) + 1):
            cells = rows.pop(number, {})
            if type(cells) is KeptRow:
                assert kept is not None
                yield _kept(kept, cells.key, kept.read(cells.place), number)
                continue
            height = heights[number].height if number in heights else None
            # As openpyxl's RowDimension writes a height: ht (unless 0) and customHeight.
            extra = "" if height is None else f' ht="{safe_string(float(height))}" customHeight="1"' if height \
                else ' customHeight="1"'
            key = None
            if kept is not None and type(cells) is PutRow:
                key = cells.key
                if key is None and by_content and not cells.links:
                    key = self._content_key(cells, extra)
                    place = kept.find(key) if key is not None else None
                    if place is not None:
                        yield _kept(kept, key, kept.read(place), number)
                        continue
            shown = NUMBER if key is not None else number
            parts = [f'<row r="{shown}"{extra}>']
            last = len(cells.values) if isinstance(cells, PutRow) else max(cells, default=0)
            while len(letters) <= last:
                letters.append(get_column_letter(len(letters)))
            if isinstance(cells, PutRow):
                self._put_row(cells, shown, letters, parts)
            else:
                for column in sorted(cells):
                    parts.append(self.cell(cells[column], f"{letters[column]}{number}"))
            parts.append("</row>")
            if key is None:
                yield "".join(parts)
            else:
                assert kept is not None
                yield _kept(kept, key, "".join(parts).encode("utf-8"), number)

    def _content_key(self, cells: PutRow, extra: str) -> bytes | None:
        """A key of all a row written whole is made of: its values, the s attribute of each of its
        cells (each style registered here as making the row would register it, so the
        workbook's styles are the same whether the row is made or copied) and its height; None
        for a row holding values other than text, numbers, dates and blanks."""
        _, looks, ids = self._columns(cells.styles)
        dated = tuple(index for index, value in enumerate(cells.values) if type(value) not in PLAIN_TYPES)
        if any(type(cells.values[index]) not in _DATES for index in dated):
            return None
        attributes = self._attributes.get((ids, dated))
        if attributes is None:
            attributes = self._attributes[ids, dated] = "".join(
                self._resolved(style, cells.values[index] if index in dated else None)[0] + "|"
                for index, style in enumerate(looks))
        text = f"{cells.values!r}{attributes}{extra}"
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def _put_row(self, cells: PutRow, number: int | str, letters: list[str], parts: list[str]) -> None:
        """The <c> elements of a row written whole, appended to `parts`. Most of a national sheet's
        cells: names, labels, blanks and numbers, each found in a table made once per set of styles."""
        values = cells.values  # as many as its styles (StreamedSheet.put_row checks)
        numbered, looks, ids = self._columns(cells.styles)
        tails, append = self._tails, parts.append
        for index, value in enumerate(values):
            plain = type(value)
            if plain is float or plain is int:
                # A number's element differs from row to row only in its place and value.
                attribute = numbered[index]
                if attribute is None:  # registered where its first number is, as cell by cell
                    attribute = numbered[index] = self._resolved(looks[index], 0)[0]
                shown = f"{value:.16g}" if isfinite(value) else ""  # as safe_string writes it
                append(f'<c r="{letters[index + 1]}{number}"{attribute} t="n"><v>{shown}</v></c>')
            elif value is None or (plain is str and len(value) <= _REPEATED_TEXT):
                tail = tails.get((value, ids[index]))
                if tail is None:
                    tail = self._repeated(value, looks[index])
                if tail:
                    append(f'<c r="{letters[index + 1]}{number}"{tail}')
            else:
                append(self.element(value, "s" if plain is str else None, looks[index],
                                    f"{letters[index + 1]}{number}"))
        for column, link in sorted((cells.links or {}).items()):  # as cell() lists a cell's link
            link.ref = f"{letters[column]}{number}"
            self._sheet._hyperlinks.append(link)

    def _columns(self, styles: Sequence[CellStyle | None]) -> tuple[list[str | None], tuple, tuple[int, ...]]:
        """For rows written whole with `styles`: the s attribute of a number in each column, once
        worked out (None until then), each column's style and its id; per set of styles (found by
        their ids, and kept, so that no other style gets one of them while this sheet is written)."""
        key = tuple(map(id, styles))
        known = self._numbers.get(key)
        if known is None:
            looks = tuple(style or _DEFAULT for style in styles)
            known = self._numbers[key] = ([None] * len(styles), looks, tuple(map(id, looks)))
        return known

    def _repeated(self, value: str | None, looks: CellStyle) -> str:
        """The <c> element of a short text or an empty cell in a row written whole, after its r
        attribute ("" for a cell left out): made once per text and style, since names, labels and
        blanks come back on every row of a national sheet. Kept by the style's id: `looks` is one
        of the styles `_columns` keeps, so no other style gets its id while this sheet is written."""
        key = (value, id(looks))
        known = self._tails.get(key)
        if known is None:
            whole = self.element(value, None if value is None else "s", looks, "")
            known = self._tails[key] = whole[len('<c r=""'):] if whole else ""
        return known

    def cell(self, cell: Any, ref: str) -> str:
        """The <c> element of `cell` at `ref`; "" for a cell openpyxl leaves out (no value, no style)."""
        value, kind, link = cell._value, cell.data_type, cell.hyperlink
        if link is not None:
            if value is None:  # as openpyxl's hyperlink setter fills an empty cell, typed anew
                value, kind = link.target or link.location, None
            link.ref = ref
            self._sheet._hyperlinks.append(link)
        return self.element(value, kind, cell, ref)

    def element(self, value: Any, kind: str | None, looks: Any, ref: str) -> str:
        """The <c> element of `value` (`kind`: its data type, None to infer it) styled as `looks` says."""
        if isinstance(value, str):
            value = value[:MAX_TEXT]
            if ILLEGAL_CHARACTERS_RE.search(value):
                raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        if kind is None:
            kind = inferred(value)
        resolved = self._resolved(looks, value)
        style = resolved[0]
        if value is None and not style:
            return ""
        head = f'<c r="{ref}"{style}'
        if value is None or value == "":
            shown = _EMPTY_TYPES.get(kind, f' t="{kind}"')
            return f"{head}{shown}></c>"
        plain = type(value)
        if kind == "s" and plain is str:
            space = ' xml:space="preserve"' if value != value.strip() else ""
            return f'{head} t="inlineStr"><is><t{space}>{text(value)}</t></is></c>'
        if kind in ("n", "b") and plain in (int, float, bool):
            return f'{head} t="{kind}"><v>{safe_string(value)}</v></c>'
        if kind == "d" and plain in (date, datetime) and not self._workbook.iso_dates:
            if plain is datetime and value.tzinfo is not None:
                raise TypeError("Excel does not support timezones in datetimes.")
            return f'{head} t="n"><v>{safe_string(to_excel(value, self._workbook.epoch))}</v></c>'
        if kind == "e" and plain is str:
            return f'{head} t="e"><v>{text(value)}</v></c>'
        if kind == "f" and plain is str:
            return f"{head}><f>{text(value[1:])}</f><v></v></c>"
        return self._by_openpyxl(value, kind, resolved[1], ref)

    def _resolved(self, looks: Any, value: Any) -> tuple[str, StyleArray, tuple]:
        """(' s="N"' for a styled cell, "" for one with the default style; its StyleArray)."""
        plain = type(value)
        time_format = None if plain in PLAIN_TYPES or not isinstance(value, TIME_TYPES) else get_time_format(plain)
        if type(looks) is not CellStyle:
            return self._registered(looks, time_format)
        # A CellStyle is shared by many cells: found by identity (and kept, so its id stays its own).
        shared = self._shared.get((id(looks), time_format))
        if shared is None or shared[0] is not looks:
            shared = self._shared[id(looks), time_format] = (looks, self._registered(looks, time_format))
        return shared[1]

    def _registered(self, looks: Any, time_format: str | None) -> tuple[str, StyleArray, tuple]:
        """The style `looks` says, registered with the workbook once per distinct set of style objects."""
        number_format = looks.number_format if looks.number_format is not None else time_format
        objects = (looks.font, looks.fill, looks.border, looks.alignment, looks.protection)
        key = (*map(id, objects), number_format, time_format)
        known = self._styles.get(key)
        if known is None:
            written = WriteOnlyCell(self._sheet)
            if time_format is not None:
                # openpyxl gives a date cell its default format before the one set on it, and so
                # lists that format in styles.xml: done here too, for the same styles.xml.
                written.number_format = time_format
            for name, style in zip(STYLES, objects, strict=True):
                if style is not None:
                    setattr(written, name, style)
            written.number_format = number_format or "General"
            # An all-default style is no style (openpyxl's has_style). The key's objects are kept
            # with it, so their ids are not reused while it lives.
            shown = f' s="{written.style_id}"' if written.has_style else ""
            known = self._styles[key] = (shown, written._style, objects)
        return known

    def _by_openpyxl(self, value: Any, kind: str, style: StyleArray, ref: str) -> str:
        """A value of a kind this module does not write itself, written by openpyxl's cell writer."""
        written = WriteOnlyCell(self._sheet, value=value)
        written.data_type = kind
        written.row, written.column = coordinate_to_tuple(ref)
        written._style = copy(style)
        out = io.BytesIO()
        with xmlfile(out, encoding="utf-8") as xf:
            write_cell(xf, self._sheet, written, written.has_style)
        return out.getvalue().decode("utf-8")


def _kept(kept: RowCache, key: bytes, xml: bytes, number: int) -> bytes:
    """A row's XML (NUMBER for its number) kept for the next build, and as row `number` of this one."""
    kept.add(key, xml)
    return xml.replace(NUMBER_BYTES, b"%d" % number)


def inferred(value: Any) -> str:
    """The data type openpyxl gives a value (Cell._bind_value)."""
    plain = type(value)
    if plain is int or plain is float or value is None:
        return "n"
    if plain is str:
        return "f" if len(value) > 1 and value.startswith("=") else "e" if value in ERROR_CODES else "s"
    if isinstance(value, bool):
        return "b"
    if isinstance(value, TIME_TYPES):
        return "d"
    if isinstance(value, NUMERIC_TYPES):
        return "n"
    return WriteOnlyCell(value=value).data_type  # rich text, formula objects; anything else is refused


def write_rows(out: BinaryIO, rows: Iterable[str | bytes]) -> None:
    """Write `rows` (SheetData.rows: text, or XML already in UTF-8) to the binary file `out`, a few
    hundred rows at a time."""
    batch: list[str] = []
    for row in rows:
        if type(row) is bytes:
            if batch:
                out.write("".join(batch).encode("utf-8"))
                batch.clear()
            out.write(row)
            continue
        batch.append(row)
        if len(batch) == 512:
            out.write("".join(batch).encode("utf-8"))
            batch.clear()
    out.write("".join(batch).encode("utf-8"))


def empty_sheet_data(writer: Any) -> None:
    """What openpyxl's WorksheetWriter.write_rows writes for a sheet without rows: the place for `splice`."""
    xf = writer.xf.send(True)
    with xf.element("sheetData"):
        pass
    writer.xf.send(None)


def splice(part: str | Path, rows: BinaryIO) -> None:
    """Put the rows XML in the file `rows` into the empty <sheetData> of the worksheet XML file `part`, in place."""
    path = Path(part)
    data = path.read_bytes()
    for empty in EMPTY:
        head, found, tail = data.partition(empty)
        if found:
            break
    else:
        raise ValueError(f"no empty <sheetData> in {path}")
    with path.open("wb") as out:
        out.write(head)
        out.write(b"<sheetData>")
        shutil.copyfileobj(rows, out)
        out.write(b"</sheetData>")
        out.write(tail)

"""StreamedSheet writes its rows as XML text (sheet_xml.py): the package must be the one openpyxl's own
cell writer gives for the same cells, part for part once canonicalised, and read back the same."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from tracker.render.text import cell_text
from tracker.render.workbook.sheet_xml import CellStyle, PutRow, text
from tracker.render.workbook.stream import StreamedCell, StreamedSheet, _cells, put_row

BOLD, RED = Font(name="宋体", size=10, bold=True), Font(name="宋体", size=10, color="9C0006")
FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
STYLES = ("font", "fill", "border", "alignment", "protection")
WRAP, UNLOCKED = Alignment(wrap_text=True, vertical="top"), Protection(locked=False)

# Values as the renderers write them, and the awkward ones: spaces at either end (an ideographic
# one too), markup characters, a carriage return, text that looks like a formula or an error,
# numbers at the edges of what %.16g writes, and kinds openpyxl's own cell writer handles here.
TEXTS = ["甲区", " 前导空格", "末尾空格 ", "\u3000全角空格", "a & b < c > d \"e\" 'f'", "一\r\n二\n三", "=280家",
         "#N/A", "", "x" * 40_000, cell_text("_x000D_ 与控制符\x07"), "+1", "@SUM(A1)"]
NUMBERS = [0, -7, 2024, 10**15 + 1, 0.1 + 0.2, 1e20, 1.5e-7, -0.0, 3.859259259259259, math.nan, math.inf, True, False]
OTHERS = [date(2024, 9, 30), datetime(2024, 9, 30, 12, 30, 15, 250_000), time(8, 45), timedelta(days=1, hours=3),
          Decimal("12.34"), None]

LOOKS = (CellStyle(font=BOLD, alignment=WRAP), CellStyle(number_format="0.00", border=BORDER), None,
         CellStyle(font=RED, number_format='yyyy"年"m"月"d"日"'), CellStyle(fill=FILL), CellStyle())
WHOLE = (["=1+1", 280.5, "#N/A", date(2024, 3, 1), None, "\x07控制符"],
         [" 甲 ", 3, None, datetime(2024, 3, 1, 9), "乙", None],
         ["", None, True, None, 0.25, "_x000D_"],
         # Numbers in rows written whole take a shorter way (SheetData._numbered): its edges.
         [math.nan, -0.0, 10**15 + 1, math.inf, 1.5e-7, -7])


def _fill(sheet: StreamedSheet, name: str) -> None:
    """The same calls on a sheet, whichever way it is written."""
    for column, header in enumerate(("文本", "数字", "其他", "链接", "空"), start=1):
        cell = sheet.cell(1, column, header)
        cell.data_type, cell.font, cell.fill, cell.border, cell.alignment = "s", BOLD, FILL, BORDER, WRAP
    rows = max(len(TEXTS), len(NUMBERS), len(OTHERS))
    for offset in range(rows):
        row = 2 + offset * 2  # every other row left out: empty rows are written too
        if offset < len(TEXTS):
            cell = sheet.cell(row, 1)
            cell.value = TEXTS[offset]
            if offset % 3:
                cell.data_type = "s"  # put() forces text; without it "=280家" is a formula, "#N/A" an error
            cell.font, cell.alignment = (RED, WRAP) if offset % 2 else (BOLD, None)
        if offset < len(NUMBERS):
            cell = sheet.cell(row, 2, NUMBERS[offset])
            cell.number_format = ("0.0%", "0.00", None, "#,##0")[offset % 4]
            cell.border = BORDER if offset % 2 else None
        if offset < len(OTHERS):
            cell = sheet.cell(row, 3)
            cell.value = OTHERS[offset]
            cell.number_format = 'yyyy"年"m"月"d"日"' if offset == 0 else None
            cell.protection, cell.fill = UNLOCKED, FILL if offset % 2 else None
        link = sheet.cell(row, 4, f"trackers/单位 {offset}.xlsx" if offset % 2 else None)
        link.hyperlink = Hyperlink(ref="", target=f"trackers/%E5%8D%95 {offset}.xlsx", display=f"单 {offset}")
        sheet.cell(row, 5).border = BORDER if offset % 3 == 0 else None  # styled and empty, or not there
        if offset % 4 == 0:
            sheet.row_dimensions[row].height = 13.5 * (offset + 1) + 2
    # Rows written whole (put_row), as the summary's list of targets and records.xlsx write them:
    # text stays text and is cleaned, styles are shared; one cell of one row restyled afterwards.
    # Twice over: the second time, short texts and empty cells come from SheetData's memo.
    for row, values in enumerate(WHOLE + WHOLE, start=rows * 2 + 2):
        # A row's own list of the shared styles, as records.xlsx makes one for a row with figures;
        # links on some cells with text, as the summary's overview links each unit's tracker.
        links = None
        if row >= rows * 2 + 2 + len(WHOLE) and row % 3 == 0:  # the second time over: the first is read below
            links = {1: Hyperlink(ref="", target=f"trackers/行 {row}.xlsx", display="行")}
        if row >= rows * 2 + 2 + len(WHOLE) and row % 4 == 0:  # two links, the later column given first
            links = {6: Hyperlink(ref="", location=f"'二'!A{row}"), 1: Hyperlink(ref="", target="总体情况.docx")}
        sheet.put_row(row, values, LOOKS if row % 2 else list(LOOKS), links)
    sheet.cell(rows * 2 + 3, 2).border = None
    sheet.cell(rows * 2 + 5, 2).font = BOLD  # a last row of one styled empty cell
    sheet.row_dimensions[rows * 2 + 9].height = 20  # set beyond the last cell: no effect, as before
    sheet.merge_cells(start_row=2, start_column=4, end_row=3, end_column=5)
    table = Table(displayName=name, ref="A1:E6")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    dropdown = DataValidation(type="list", formula1='"确认,拒绝"', allow_blank=True)
    dropdown.add("E2:E9")
    sheet.add_data_validation(dropdown)
    sheet.freeze_panes = "B2"


def _by_openpyxl(sheet: StreamedSheet) -> None:
    """How StreamedSheet.close wrote rows before: openpyxl's write-only append of WriteOnlyCells."""
    target = sheet._sheet
    for number, height in sheet.row_dimensions.items():
        target.row_dimensions[number].height = height.height
    for number in range(1, max(sheet._rows, default=0) + 1):
        cells, row = sheet._rows.pop(number, {}), []
        if isinstance(cells, PutRow):
            cells = _cells(number, cells)
        for column in range(1, max(cells, default=0) + 1):
            cell: StreamedCell | None = cells.get(column)
            if cell is None:
                row.append(None)
                continue
            written = WriteOnlyCell(target, value=cell._value)
            if cell.data_type is not None:
                written.data_type = cell.data_type
            for name in STYLES:
                if getattr(cell, name) is not None:
                    setattr(written, name, getattr(cell, name))
            if cell.number_format is not None:
                written.number_format = cell.number_format
            if cell.hyperlink is not None:
                written.hyperlink = cell.hyperlink
            row.append(written)
        target.append(row)


def _saved(old: bool) -> bytes:
    book = Workbook(write_only=True)
    for title, table in (("一", "First"), ("二", "Second")):
        sheet = StreamedSheet(book, title)
        _fill(sheet, table)
        if old:
            _by_openpyxl(sheet)
            sheet._sheet.close()
        else:
            sheet.close()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: etree.tostring(etree.fromstring(package.read(name)), method="c14n")
            for name in package.namelist() if name != "docProps/core.xml"}  # core.xml: the time of saving


@pytest.fixture(scope="module")
def packages() -> tuple[bytes, bytes]:
    return _saved(old=True), _saved(old=False)


def test_the_package_is_the_one_openpyxl_writes_part_for_part(packages: tuple[bytes, bytes]) -> None:
    old, new = map(_parts, packages)
    assert sorted(new) == sorted(old)
    assert [name for name in old if old[name] != new[name]] == []
    written = zipfile.ZipFile(io.BytesIO(packages[1])).read("xl/worksheets/sheet1.xml")
    assert "<t>甲区</t>".encode() in written  # UTF-8, where openpyxl writes character references


def test_cells_read_back_the_same(packages: tuple[bytes, bytes]) -> None:
    old, new = (load_workbook(io.BytesIO(data)) for data in packages)
    assert new.sheetnames == old.sheetnames == ["一", "二"]
    for title in old.sheetnames:
        was, now = old[title], new[title]
        assert now.max_row == was.max_row and now.max_column == was.max_column
        for before, after in zip(was.iter_rows(), now.iter_rows(), strict=True):
            for a, b in zip(before, after, strict=True):
                assert (b.value, b.data_type, b.number_format, b.style_id) == (a.value, a.data_type, a.number_format,
                                                                               a.style_id), b.coordinate
                assert [repr(getattr(b, name)) for name in STYLES] == [repr(getattr(a, name)) for name in STYLES]
                assert (b.hyperlink.target if b.hyperlink else None) == (a.hyperlink.target if a.hyperlink else None)
        assert {r: d.height for r, d in now.row_dimensions.items()} == {r: d.height
                                                                        for r, d in was.row_dimensions.items()}
    sheet = new["一"]
    assert sheet["A2"].value == "甲区" and sheet["A3"].value is None
    assert sheet["A4"].value == " 前导空格" and sheet["A12"].value == "一\r\n二\n三"
    assert sheet["A14"].data_type == "f" and sheet["A16"].data_type == "s"  # "=280家" without put(), "#N/A" with
    assert len(sheet["A20"].value) == 32767
    assert sheet["D4"].value == "trackers/单位 1.xlsx" and sheet["D4"].hyperlink.target == "trackers/%E5%8D%95 1.xlsx"
    assert sheet["D2"].value == "trackers/%E5%8D%95 0.xlsx"  # an empty cell shows its link, as openpyxl fills it
    linked = {cell.coordinate: cell.hyperlink.target or cell.hyperlink.location
              for row in sheet.iter_rows(min_row=28) for cell in row if cell.hyperlink}
    assert linked == {"A33": "trackers/行 33.xlsx", "A32": "总体情况.docx", "F32": "'二'!A32"}, linked
    whole = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=28, max_row=30, max_col=6)]
    assert whole == [["=1+1", 280.5, "#N/A", datetime(2024, 3, 1), None, "控制符"],
                     [" 甲 ", 3, None, datetime(2024, 3, 1, 9), "乙", None],
                     [None, None, True, None, 0.25, "_x005F_x000D_"]]
    assert sheet["A28"].data_type == "s" and sheet["C28"].data_type == "s" and sheet["B28"].number_format == "0.00"
    assert sheet["B29"].border.left.style is None and sheet["B28"].border.left.style == "thin"


def test_text_is_escaped_as_libxml2_escapes_it() -> None:
    assert text("a & b < c > d \"e\" 'f'\r\n") == "a &amp; b &lt; c &gt; d \"e\" 'f'&#13;\n"
    assert text("甲区") == "甲区"


def test_rows_written_whole_read_back_the_same_from_an_ordinary_sheet() -> None:
    ordinary, streamed = Workbook(), Workbook(write_only=True)
    sheet = StreamedSheet(streamed, "Sheet")
    for row, values in enumerate(WHOLE, start=1):
        put_row(ordinary.active, row, values, LOOKS)
        put_row(sheet, row, values, LOOKS)
    sheet.close()
    books = []
    for book in (ordinary, streamed):
        out = io.BytesIO()
        book.save(out)
        books.append(load_workbook(out)["Sheet"])
    seen = [[(c.value, c.data_type, c.number_format, *(repr(getattr(c, name)) for name in STYLES))
             for c in row] for row in books[1].iter_rows(min_row=1, max_row=3, max_col=6)]
    assert seen == [[(c.value, c.data_type, c.number_format, *(repr(getattr(c, name)) for name in STYLES))
                     for c in row] for row in books[0].iter_rows(min_row=1, max_row=3, max_col=6)]
    assert seen[0][0][:2] == ("=1+1", "s") and seen[2][5][0] == "_x005F_x000D_"


def test_a_link_goes_on_a_cell_with_text_in_either_kind_of_sheet() -> None:
    streamed = StreamedSheet(Workbook(write_only=True), "流")
    for links in ({2: Hyperlink(ref="", target="t.xlsx")}, {5: Hyperlink(ref="", target="t.xlsx")}):
        with pytest.raises(ValueError, match=r"row 2: a link needs a cell with text: columns \[[25]\]"):
            streamed.put_row(2, ["甲区", None, 3], [None] * 3, links)
    ordinary = Workbook().active
    put_row(ordinary, 2, ["甲区", None], [None, None], {1: Hyperlink(ref="", target="trackers/甲区.xlsx")})
    assert ordinary["A2"].value == "甲区" and ordinary["A2"].hyperlink.target == "trackers/甲区.xlsx"


def test_a_row_written_whole_needs_a_style_for_each_value() -> None:
    streamed = StreamedSheet(Workbook(write_only=True), "流")
    with pytest.raises(ValueError, match=r"^row 4: 3 values but 2 styles$"):
        streamed.put_row(4, ["甲区", 1, None], [None, None])
    with pytest.raises(ValueError):
        put_row(Workbook().active, 4, ["甲区", 1, None], [None, None])

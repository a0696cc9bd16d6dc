"""The raw-library floor of benchmarks/scale.py: the same output files written with openpyxl,
python-docx, matplotlib and json directly, with no logic of the tool's.

`describe(output)` reads what the tool wrote (every sheet's cells, every memo's paragraphs,
tables and chart sizes, the JSON and text files) into a plain description; `python
benchmarks/scale_floor.py MODE DESCRIPTION FOLDER [--unit NAME] [--jobs 2]` then writes the
same content into FOLDER, in a fresh process, as fast as the libraries allow:
- every workbook in write-only mode with the same cells, styles (each distinct style set up
  once), merges, widths, comments, links, validations, conditional formats and charts; every
  memo from the same reference document, paragraphs and table cells (row by row) in their
  styles with their fonts, each chart drawn again by matplotlib at the same size;
- cold: each document read, decoded, scanned by a plain regex and its text written; every
  unit's tracker and memo in a pool of `--jobs` processes; the cross-unit files in the parent;
- unchanged: every document hashed and every output file stat-ed (what noticing that nothing
  changed costs at least);
- typed: unchanged, plus one tracker read back and that unit's tracker and memo, summary.xlsx
  and the overall memo written;
- document: typed, plus the changed document scanned and its text written, and records.json,
  records.xlsx and documents.json written.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import re
import struct
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from copy import copy
from pathlib import Path

SCAN = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|家|个|%|人|项|件|吨)")
CROSS_XLSX = ("summary.xlsx", "records.xlsx")
CROSS_JSON = ("records.json", "documents.json")
DPI = 200
# The memos' layout comes from this document (an input of the tool, like the seeds): the floor
# starts from it too, so its memos carry the same styles.
REFERENCE = Path(__file__).resolve().parent.parent / "tracker" / "templates" / "memo-reference.docx"


# ---- describing the tool's outputs (not timed) ----

def describe(output: Path, seeds: Path, overall: str) -> dict:
    """A plain description of every output under `output` (Chinese outputs only)."""
    units = {}
    for tracker in sorted((output / "trackers").glob("*.xlsx")):
        memo = output / "memos" / f"{tracker.stem}.docx"
        units[tracker.stem] = {"tracker": describe_xlsx(tracker), "memo": describe_docx(memo)}
    cross = {name: describe_xlsx(output / name) for name in CROSS_XLSX}
    cross["overall"] = describe_docx(output / "memos" / f"{overall}.docx")
    for name in CROSS_JSON:
        cross[name] = json.loads((output / name).read_text(encoding="utf-8"))
    return {"units": units, "cross": cross, "seeds": [str(p) for p in sorted(seeds.rglob("*")) if p.is_file()],
            "outputs": [str(p) for p in sorted(output.rglob("*")) if p.is_file()]}


def describe_xlsx(path: Path) -> dict:
    """Every sheet's cells with their styles, and what else the sheet holds (merges, widths,
    heights, comments, links, validations, conditional formats, panes, printing, protection)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    styles: dict[tuple, int] = {}
    sheets = []
    for ws in book:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                if cell.value is None and not cell.has_style:
                    cells.append(None)
                    continue
                style = (copy(cell.font), copy(cell.fill), copy(cell.border), copy(cell.alignment), cell.number_format,
                         copy(cell.protection)) if cell.has_style else None
                key = styles.setdefault(style, len(styles)) if style else None
                link = cell.hyperlink
                cells.append((cell.value, cell.data_type, key, cell.comment.text if cell.comment else None,
                              (link.target, link.location) if link is not None else None))
            rows.append(cells)
        sheets.append({
            "title": ws.title, "rows": rows, "state": ws.sheet_state, "merged": [str(r) for r in ws.merged_cells.ranges],
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "validations": list(ws.data_validations.dataValidation),
            "formats": [(str(cf.sqref), list(cf.rules)) for cf in ws.conditional_formatting],
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "titles": ws.print_title_rows,
            "area": ws.print_area, "protected": ws.protection.sheet, "charts": len(ws._charts),
            "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.oddFooter.center.text,
                     ws.oddFooter.right.text),
        })
    book.close()
    return {"sheets": sheets, "styles": [style for style, _ in sorted(styles.items(), key=lambda item: item[1])]}


def describe_docx(path: Path) -> dict:
    """Every paragraph (style, text, the fonts of its runs) and table (cell texts, widths), and
    the pixel size of each picture."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def fonts(paragraph: Paragraph) -> tuple[str | None, str | None]:
        run = paragraph.runs[0] if paragraph.runs else None
        slots = run._r.rPr.rFonts if run is not None and run._r.rPr is not None else None
        return (slots.get(qn("w:ascii")), slots.get(qn("w:eastAsia"))) if slots is not None else (None, None)

    document = docx.Document(str(path))
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(("p", item.style.name if item.style is not None else "Normal", item.text, fonts(item)))
        elif isinstance(item, Table):
            rows = [[(cell.text, cell.paragraphs[0].style.name, cell.width) for cell in row.cells] for row in item.rows]
            blocks.append(("t", rows, item.style.name if item.style is not None else None,
                           fonts(item.rows[0].cells[0].paragraphs[0]) if rows else (None, None)))
    with zipfile.ZipFile(path) as archive:
        images = [_png_size(archive.read(name)) for name in archive.namelist() if name.startswith("word/media/")]
    return {"blocks": blocks, "images": images}


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else (1220, 600)


# ---- writing (timed) ----

def write_xlsx(spec: dict, path: Path) -> None:
    """The workbook in write-only mode, each distinct style set up once and copied to its cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import Rule
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.hyperlink import Hyperlink

    book = Workbook(write_only=True)
    arrays: dict[int, object] = {}
    for sheet in spec["sheets"]:
        ws = book.create_sheet(sheet["title"])
        ws.sheet_state = sheet["state"]
        for letter, (width, hidden) in sheet["widths"].items():
            ws.column_dimensions[letter].width, ws.column_dimensions[letter].hidden = width, hidden
        for row, height in sheet["heights"].items():
            ws.row_dimensions[row].height = height
        for validation in sheet["validations"]:
            ws.data_validations.append(validation)
        for ranges, rules in sheet["formats"]:
            for rule in rules:
                ws.conditional_formatting.add(ranges, Rule(**{k: getattr(rule, k) for k in ("type", "operator",
                                              "formula", "dxf", "colorScale", "dataBar", "priority")}))
        ws.freeze_panes, ws.auto_filter.ref = sheet["freeze"], sheet["filter"]
        if sheet["titles"]:
            ws.print_title_rows = sheet["titles"]
        ws.protection.sheet = sheet["protected"]
        ws.page_setup.orientation, ws.page_setup.paperSize, center, right = sheet["page"]
        ws.oddFooter.center.text, ws.oddFooter.right.text = center, right
        for merged in sheet["merged"]:
            ws.merged_cells.add(CellRange(merged))
        for row in sheet["rows"]:
            cells = []
            for item in row:
                if item is None:
                    cells.append(None)
                    continue
                value, data_type, style, comment, link = item
                if style is None and comment is None and link is None and data_type != "s":
                    cells.append(value)
                    continue
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = data_type
                if style is not None:
                    if style not in arrays:
                        font, fill, border, alignment, number_format, protection = spec["styles"][style]
                        cell.font, cell.fill, cell.border, cell.alignment = font, fill, border, alignment
                        cell.number_format, cell.protection = number_format, protection
                        arrays[style] = copy(cell._style)
                    else:
                        cell._style = copy(arrays[style])
                if comment is not None:
                    cell.comment = Comment(comment, "tracker")
                if link is not None:
                    cell.hyperlink = Hyperlink(ref="A1", target=link[0], location=link[1])
                cells.append(cell)
            ws.append(cells)
        for _ in range(sheet["charts"]):
            chart = BarChart()
            chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=max(2, len(sheet["rows"]))), titles_from_data=True)
            ws.add_chart(chart, "A1")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _chart(width: int, height: int) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import fontManager

    installed = {entry.name for entry in fontManager.ttflist}
    matplotlib.rcParams["font.family"] = [name for name in ("Noto Sans CJK SC", "WenQuanYi Zen Hei") if name in installed] \
        or ["DejaVu Sans"]
    bars = max(1, round((height / DPI - 1.3) / 0.4))
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.barh(range(bars), [50 + (i * 7) % 60 for i in range(bars)], height=0.56)
    axes.set_yticks(range(bars), [f"指标{i}" for i in range(bars)], fontsize=9)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def write_docx(spec: dict, path: Path, reference: Path | None = None) -> None:
    """The memo from the same reference document, each paragraph and table cell in its style,
    every run with its Latin and East Asian fonts, the chart drawn again at the same size."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = docx.Document(str(reference or REFERENCE))
    body = document.element.body
    for child in list(body)[:-1]:  # the reference's samples; its section settings stay
        body.remove(child)
    styles = {}

    def style(name: str):
        if name not in styles:
            styles[name] = document.styles[name]
        return styles[name]

    def run(paragraph, text: str, fonts: tuple) -> None:
        added = paragraph.add_run(text)
        if fonts[0]:
            added.font.name = fonts[0]
            added._r.rPr.rFonts.set(qn("w:eastAsia"), fonts[1] or fonts[0])

    images = iter(spec["images"])
    for block in spec["blocks"]:
        if block[0] == "p":
            _, name, text, fonts = block
            paragraph = document.add_paragraph(style=style(name))
            if text:
                run(paragraph, text, fonts)
            elif name == "Figure":
                size = next(images, None)
                if size is not None:
                    paragraph.add_run().add_picture(io.BytesIO(_chart(*size)), width=Mm(150))
            continue
        _, rows, table_style, fonts = block
        table = document.add_table(rows=0, cols=max(len(r) for r in rows) if rows else 1)
        if table_style:
            table.style = style(table_style)
        for texts in rows:
            for cell, (text, name, width) in zip(table.add_row().cells, texts, strict=False):
                cell.width = width
                paragraph = cell.paragraphs[0]
                paragraph.style = style(name)
                run(paragraph, text, fonts)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def write_unit(name: str, spec: dict, folder: Path) -> None:
    write_xlsx(spec["tracker"], folder / "trackers" / f"{name}.xlsx")
    write_docx(spec["memo"], folder / "memos" / f"{name}.docx")


def write_text_of(seed: str, folder: Path) -> int:
    text = Path(seed).read_bytes().decode("utf-8", errors="replace")
    found = sum(1 for _ in SCAN.finditer(text))
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "text" / Path(seed).name).write_text(text, encoding="utf-8")
    return found


def nothing_changed(description: dict) -> None:
    for seed in description["seeds"]:
        hashlib.sha256(Path(seed).read_bytes()).hexdigest()
    for output in description["outputs"]:
        os.stat(output)


def write_cross(cross: dict, folder: Path, names: tuple[str, ...]) -> None:
    for name in names:
        if name in CROSS_XLSX:
            write_xlsx(cross[name], folder / name)
        elif name in CROSS_JSON:
            (folder / name).write_text(json.dumps(cross[name], ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            write_docx(cross["overall"], folder / "memos" / "overall.docx")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("cold", "unchanged", "typed", "document"))
    parser.add_argument("description", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--unit", help="the unit whose figure was typed or whose document changed")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with args.description.open("rb") as source:
        description = pickle.load(source)
    folder = args.folder
    if args.mode == "cold":
        for seed in description["seeds"]:
            write_text_of(seed, folder)
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for future in [pool.submit(write_unit, name, spec, folder) for name, spec in description["units"].items()]:
                future.result()
        write_cross(description["cross"], folder, (*CROSS_JSON, *CROSS_XLSX, "overall"))
        return
    nothing_changed(description)
    if args.mode == "unchanged":
        return
    from openpyxl import load_workbook

    tracker = next(p for p in description["outputs"] if p.endswith(f"trackers/{args.unit}.xlsx"))
    load_workbook(tracker, read_only=True).close()
    write_unit(args.unit, description["units"][args.unit], folder)
    if args.mode == "typed":
        write_cross(description["cross"], folder, ("summary.xlsx", "overall"))
        return
    write_text_of(next(s for s in description["seeds"] if Path(s).name.startswith(args.unit)), folder)
    write_cross(description["cross"], folder, (*CROSS_JSON, *CROSS_XLSX, "overall"))


if __name__ == "__main__":
    sys.exit(main())

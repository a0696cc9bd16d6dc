"""The raw-library floor of benchmarks/scale.py: the same output files written with openpyxl,
python-docx, matplotlib and json directly, with no logic of the tool's.

`describe(output)` reads what the tool wrote (every sheet's cells, every memo's paragraphs,
tables and chart sizes, the JSON and text files) into a plain description; `python
benchmarks/scale_floor.py MODE DESCRIPTION FOLDER [--unit NAME] [--jobs 2]` then writes the
same content into FOLDER, in a fresh process, as fast as the libraries allow:
- every workbook in write-only mode, with its charts; every memo from python-docx's default
  template, tables row by row, each chart drawn again by matplotlib at the same size;
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
from pathlib import Path

SCAN = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|家|个|%|人|项|件|吨)")
CROSS_XLSX = ("summary.xlsx", "records.xlsx")
CROSS_JSON = ("records.json", "documents.json")
DPI = 200


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
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in book]
    book.close()
    with zipfile.ZipFile(path) as archive:
        charts = sum(1 for name in archive.namelist() if name.startswith("xl/charts/chart"))
    return {"sheets": sheets, "charts": charts}


def describe_docx(path: Path) -> dict:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(("p", item.style.name if item.style is not None else "Normal", item.text))
        elif isinstance(item, Table):
            blocks.append(("t", [[cell.text for cell in row.cells] for row in item.rows]))
    with zipfile.ZipFile(path) as archive:
        images = [_png_size(archive.read(name)) for name in archive.namelist() if name.startswith("word/media/")]
    return {"blocks": blocks, "images": images}


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24]) if data[:8] == b"\x89PNG\r\n\x1a\n" else (1220, 600)


# ---- writing (timed) ----

def write_xlsx(spec: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook(write_only=True)
    for number, (title, rows) in enumerate(spec["sheets"]):
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        if number == 0:
            for _ in range(spec["charts"]):
                chart = BarChart()
                chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=max(2, len(rows))), titles_from_data=True)
                ws.add_chart(chart, "A1")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _chart(width: int, height: int) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    matplotlib.rcParams["font.family"] = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "DejaVu Sans"]
    bars = max(1, round((height / DPI - 1.3) / 0.4))
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.barh(range(bars), [50 + (i * 7) % 60 for i in range(bars)], height=0.56)
    axes.set_yticks(range(bars), [f"指标{i}" for i in range(bars)], fontsize=9)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def write_docx(spec: dict, path: Path) -> None:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    images = iter(spec["images"])
    for block in spec["blocks"]:
        if block[0] == "p":
            document.add_paragraph(block[2])
        else:
            rows = block[1]
            table = document.add_table(rows=0, cols=max(len(r) for r in rows) if rows else 1)
            for texts in rows:
                for cell, text in zip(table.add_row().cells, texts, strict=False):
                    cell.text = text
    for size in images:
        document.add_picture(io.BytesIO(_chart(*size)), width=Mm(150))
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

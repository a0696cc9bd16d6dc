"""Typing into a tracker, and reading it back, by visible labels, as a person would; and small projects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tracker.config import Project
from tracker.pipeline import BuildOptions, build

SHEET = "目标跟踪"
SMALL_UNIT = "兰州新区"
AS_OF_OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1)
EN_HEADERS = {"实际完成": "Actual", "数据截至": "As of", "备注": "Note", "指标名称": "Indicator", "行键": "Row key"}
SMALL_SEEDS = {
    "要点.txt": "兰州新区2024年工作要点\n发布时间：2024-01-20\n"
               "今年兰州新区高新技术企业总量达到300家，技术合同成交额超过20亿元，新增专精特新企业15家。\n",
    "转载.txt": "兰州新区2024年工作要点（转载）\n发布时间：2024-01-22\n"
               "今年兰州新区高新技术企业总量达到300家。全年规模以上工业增加值增长8%。\n",
}


def small_project(root: Path, seeds: dict[str, str] | None = None) -> Project:
    """A project with two short documents about one unit, tracking every indicator."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for name, text in (SMALL_SEEDS if seeds is None else seeds).items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    (root / "tracker.toml").write_text('unknown_indicators = "all"\n', encoding="utf-8")
    return Project.at(root)


def built_project(root: Path) -> Project:
    """small_project, built once as of 2024-09-30."""
    project = small_project(root)
    result = build(project, AS_OF_OPTIONS)
    assert result.ok, result.problems
    return project


def unit_tracker(project: Project, unit: str = SMALL_UNIT) -> Path:
    return project.output / "trackers" / f"{unit}.xlsx"


def header_columns(ws) -> tuple[int, dict[str, int]]:
    """The header row (the one with 指标名称 or Indicator) and each header's column, by its Chinese text."""
    english = {en: zh for zh, en in EN_HEADERS.items()}
    for row in ws.iter_rows(max_row=30):
        texts = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "指标名称" in texts or "Indicator" in texts:
            return row[0].row, {english.get(text, text): column for text, column in texts.items()}
    raise AssertionError("no header row")


def rows_by_indicator(ws) -> dict[str, int]:
    """Row numbers by the Chinese indicator name, read from each row's key (unit|indicator|year)."""
    header, columns = header_columns(ws)
    key = columns["行键"]
    return {str(ws.cell(r, key).value).split("|")[1]: r for r in range(header + 1, ws.max_row + 1)
            if ws.cell(r, key).value}


def sheet_of(book) -> str:
    return SHEET if SHEET in book.sheetnames else "Tracker"


def type_into(path: Path, entries: dict[str, dict[str, object]]) -> dict[str, str]:
    """Set cells by indicator and header ({"技术合同成交额": {"实际完成": 12, "备注": None}}), in a
    Chinese or English tracker, and save; returns "indicator header" -> cell reference."""
    book = load_workbook(path)
    ws = book[sheet_of(book)]
    _, columns = header_columns(ws)
    rows = rows_by_indicator(ws)
    cells = {}
    for indicator, values in entries.items():
        for header, value in values.items():
            cell = ws.cell(rows[indicator], columns[header])
            cell.value = value
            cells[f"{indicator} {header}"] = cell.coordinate
    book.save(path)
    return cells


def shown(path: Path, indicator: str, header: str) -> object:
    book = load_workbook(path)
    ws = book[sheet_of(book)]
    _, columns = header_columns(ws)
    return ws.cell(rows_by_indicator(ws)[indicator], columns[header]).value

"""Document text made safe for outputs (tracker/render/text.py): one cleaning for cells, one for memo lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.workbook_fixtures import GENERATED, SETTINGS, UNIT_A, reports
from tracker.render import RenderContext
from tracker.render.text import DATA_MARK, cell_text, line_text
from tracker.render.workbook.tracker import render_tracker


@pytest.mark.parametrize(("text", "expected"), [
    ("高新\x00技术\x0b企业\x1f230家", "高新技术企业230家"),
    ("tab\tand\nbreak stay", "tab\tand\nbreak stay"),
    ("lone \ud800 surrogate \ufffe", "lone  surrogate "),
    ("literal _x000D_ and _x0041_", "literal _x005F_x000D_ and _x005F_x0041_"),
    ("_x00zz_ is no escape", "_x00zz_ is no escape"),
])
def test_cell_text(text, expected):
    assert cell_text(text) == expected


def test_line_text_is_one_line_without_marks():
    assert line_text(f"  一行\n两行\t{DATA_MARK}三\x7f\x00行   ") == "一行 两行 三行"


def test_a_literal_escape_in_a_quote_is_stored_escaped_in_the_tracker(tmp_path: Path):
    report = next(r for r in reports() if r.unit == UNIT_A)
    quoted = replace(report, records=tuple(replace(r, source=replace(r.source, quote="达到_x000D_280家"))
                                           for r in report.records))
    path = tmp_path / "quoted.xlsx"
    render_tracker(RenderContext(SETTINGS, generated=GENERATED), quoted, path)
    # Excel and LibreOffice show "_x005F_x000D_" as the text "_x000D_" (see the review sheet's office test).
    assert load_workbook(path)["来源"]["E7"].value == "达到_x005F_x000D_280家"

"""Golden content: every cell of the fixture ledger's workbooks, formulas included, as JSON.

A change to layout, wording or formulas shows up here as a readable diff. After an intended
change, regenerate with UPDATE_GOLDEN=1 and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import GOLDEN
from tests.helpers.workbook_fixtures import UNIT_A, build_outputs

CASES = {
    "tracker_unit_a_zh": ("zh", UNIT_A),
    "tracker_unit_a_en": ("en", UNIT_A),
    "summary_zh": ("zh", "summary"),
    "summary_en": ("en", "summary"),
}


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump(path: Path) -> dict[str, dict[str, object]]:
    """Sheet -> cell reference -> value for every non-empty cell, in reading order."""
    book = load_workbook(path)
    return {ws.title: {cell.coordinate: _plain(cell.value) for row in ws.iter_rows() for cell in row
                       if cell.value is not None} for ws in book.worksheets}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    return {lang: build_outputs(tmp_path_factory.mktemp(lang), lang) for lang in ("zh", "en")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_content(outputs: dict[str, dict[str, Path]], name: str) -> None:
    lang, which = CASES[name]
    content = dump(outputs[lang][which])
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert content == json.loads(golden.read_text(encoding="utf-8"))

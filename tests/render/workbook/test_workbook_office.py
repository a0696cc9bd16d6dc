"""LibreOffice opens and prints every generated workbook; the PDF shows the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.office import office, pdf_text, soffice_convert
from tests.helpers.workbook_fixtures import UNIT_A, UNIT_B, build_outputs

TITLES = {
    ("zh", UNIT_A): "甲区2024年目标任务跟踪台账",
    ("zh", UNIT_B): "乙县2024年目标任务跟踪台账",
    ("en", UNIT_A): "District A: 2024 targets tracker",
    ("zh", "summary"): "各单位目标任务完成情况总览",
    ("en", "summary"): "Targets by unit: overview",
}


@office
@pytest.mark.parametrize(("lang", "which"), sorted(TITLES))
def test_workbook_converts_to_pdf_with_its_title(tmp_path: Path, lang: str, which: str) -> None:
    path = build_outputs(tmp_path / "out", lang)[which]
    pdf = soffice_convert(path, "pdf", tmp_path / "pdf")
    text = pdf_text(pdf)
    assert " ".join(TITLES[(lang, which)].split()) in " ".join(text.split())
    if which != "summary":
        assert ("第 1 页，共 4 页" if lang == "zh" else "Page 1 of 4") in text

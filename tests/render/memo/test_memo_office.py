"""LibreOffice opens every kind of memo and prints it: title, every indicator, A4 pages, page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.memo_ledgers import NAMES_EN, UNIT_A, UNIT_NAMES_EN, context, report_of, reports
from tests.helpers.office import office, pdf_text, soffice_convert
from tracker.config import Project
from tracker.render import RenderContext
from tracker.render.memo.write import write_overall_memo, write_unit_memo

pytestmark = office
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Three memos (Chinese unit, Chinese overall, English unit) and the text of their PDFs.

    One conversion per memo: LibreOffice takes a few seconds each, so the tests share them.
    """
    root = tmp_path_factory.mktemp("office")
    project = Project.at(root).with_settings(unit_names_en=UNIT_NAMES_EN)
    memos = root / "memos"
    write_unit_memo(context(project), report_of(UNIT_A), memos / "unit_zh.docx")
    write_overall_memo(context(project), reports(), memos / "overall_zh.docx")
    write_unit_memo(context(project, "en", NAMES_EN), report_of(UNIT_A), memos / "unit_en.docx")
    found = {}
    for name in ("unit_zh", "overall_zh", "unit_en"):
        pdf = soffice_convert(memos / f"{name}.docx", "pdf", root / "pdf")
        found[name] = (pdf, pdf_text(pdf))
    return found


def squeezed(text: str) -> str:
    """PDF text without spaces and line breaks, so names wrapped across lines are found whole."""
    return re.sub(r"\s+", "", text)


def test_unit_memo_prints_title_and_every_indicator(printed):
    _pdf, text = printed["unit_zh"]
    flat = squeezed(text)
    assert f"{UNIT_A}2024年科技创新目标任务进展情况" in flat
    assert "（数据截至2024年9月30日，序时进度75.0%）" in flat
    for status in report_of(UNIT_A).statuses:
        assert status.target.indicator in flat
    assert "—1—" in flat and "—2—" in flat


def test_english_memo_prints_title_and_every_indicator(printed):
    _pdf, text = printed["unit_en"]
    flat = squeezed(text)
    assert squeezed(f"{UNIT_NAMES_EN[UNIT_A]}: progress on 2024 science, technology and innovation targets") in flat
    for status in report_of(UNIT_A).statuses:
        assert squeezed(RenderContext(lang="en", names=NAMES_EN).indicator(status.target.indicator)) in flat


def test_overall_memo_prints_every_unit_and_lagging_indicator(printed):
    _pdf, text = printed["overall_zh"]
    flat = squeezed(text)
    assert "2024年目标任务进展总体情况" in flat
    for report in reports():
        assert report.unit in flat
    for status in (s for report in reports() for s in report.statuses if s.code in ("behind", "seriously_behind")):
        assert status.target.indicator in flat


def test_pages_are_a4(printed):
    for pdf, _text in printed.values():
        for page in PdfReader(pdf).pages:
            assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A4_POINTS

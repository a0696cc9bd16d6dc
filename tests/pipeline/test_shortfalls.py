"""A memo written without its chart (no Chinese font) is said in the normal build summary, on every
build while it lacks the chart, and written again with it on the first build after the font is there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from tracker.cli import cli
from tracker.ledger import Ledger
from tracker.models import Actual
from tracker.render.memo import chart

REPORT = "兰州新区2024年工作报告\n今年兰州新区新增高新技术企业60家，引进重点项目40个。\n"
UNIT = "兰州新区"
MEMOS = ("memos/兰州新区.docx", "memos/总体情况.docx")

pytestmark = pytest.mark.slow  # five builds


def build(root: Path):
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--as-of", "2024-09-30", "--jobs", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def charts(root: Path) -> list[int]:
    return [len(open_docx(root / "output" / memo).inline_shapes) for memo in MEMOS]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "tracker.toml").write_text('unknown_indicators = "all"\n', encoding="utf-8")
    build(tmp_path)
    with Ledger.open(tmp_path / "tracker.db") as ledger:
        targets = {r.indicator: r for r in ledger.records() if r.unit == UNIT}
        ledger.add_actuals([Actual(UNIT, name, 2024, 30, record.uom, date(2024, 9, 30), "test")
                            for name, record in targets.items()])
    return tmp_path


def test_a_memo_without_its_chart_is_said_and_healed_once_the_font_is_there(project, monkeypatch) -> None:
    said = ("- 2 memos have no chart: matplotlib finds no Chinese font. Install one (fonts-noto-cjk or "
            "fonts-wqy-zenhei, for example) and run tracker build again: they will be written again with their chart.")
    with monkeypatch.context() as no_font:
        no_font.setattr(chart, "cjk_family", lambda: None)
        first = build(project)
        assert said in first.stdout.splitlines()
        assert charts(project) == [0, 0]
        again = build(project)                  # nothing changed, and the font is still missing
        assert "wrote 0 files" in again.stdout and said in again.stdout.splitlines()
    healed = build(project)                     # the font is installed
    assert "have no chart" not in healed.stdout
    assert "wrote 2 files" in healed.stdout
    assert charts(project) == [1, 1]
    assert "wrote 0 files" in build(project).stdout

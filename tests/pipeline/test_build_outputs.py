"""What `tracker build` writes, read back: hostile document text, English outputs, template errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import load_workbook

from tracker.cli import cli

HOSTILE = (
    "兰州新区2024年工作要点\n发布时间：2024-01-20\n"
    "=HYPERLINK(\"http://evil.example\",\"点击\")力争今年兰州新区高新技术企业总量达到300家。\n"
    "+1+2 @SUM(A1:A9) 兰州新区技术合同成交额超过20亿元。\n"
    "-3+4 <script>&amp; \x07 今年兰州新区全社会研发经费投入增长25%。\n"
)


def build(root: Path, *extra: str):
    return CliRunner().invoke(cli, ["build", "--root", str(root), "--as-of", "2024-09-30", "--jobs", "1", *extra])


@pytest.mark.slow
def test_text_from_documents_is_never_a_formula(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = build(tmp_path)
    assert result.exit_code == 0, result.stderr
    checked = 0
    for path in [tmp_path / "output" / "records.xlsx", *sorted((tmp_path / "output" / "trackers").glob("*.xlsx"))]:
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@" and "HYPERLINK(\"http" in cell.value:
                        assert cell.data_type == "s", (path.name, ws.title, cell.coordinate)
                        checked += 1
    assert checked >= 2  # the quote shows in the review sheet and in the tracker's 来源 sheet
    memo = open_docx(tmp_path / "output" / "memos" / "兰州新区.docx")
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "=HYPERLINK" in text and "\x07" not in text


@pytest.mark.slow
def test_english_outputs_go_to_output_en(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plan.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "tracker.toml").write_text('[units.en]\n"兰州新区" = "Lanzhou New Area"\n', encoding="utf-8")
    result = build(tmp_path, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(tmp_path / "output" / "en" / "trackers" / "Lanzhou New Area.xlsx")
    assert book.sheetnames[0] == "Tracker"
    names = {book["Tracker"].cell(row, 2).value for row in range(6, book["Tracker"].max_row + 1)}
    assert {"High-tech enterprises", "Value of technology contracts"} <= names
    memo = open_docx(tmp_path / "output" / "en" / "memos" / "Lanzhou New Area.docx")
    assert memo.paragraphs[0].text.startswith("Lanzhou New Area")
    assert (tmp_path / "output" / "en" / "summary.xlsx").is_file()


def test_a_template_with_an_unknown_variable_stops_the_build_before_writing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plan.txt").write_text(HOSTILE, encoding="utf-8")
    assert CliRunner().invoke(cli, ["init", str(tmp_path), "--force"]).exit_code == 0
    template = tmp_path / "templates" / "memo_unit_zh.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{{ no_such_thing }}\n", encoding="utf-8")
    result = build(tmp_path)
    assert result.exit_code == 1
    assert "memo_unit_zh.j2, line" in result.stderr and "no_such_thing" in result.stderr
    assert not (tmp_path / "output" / "trackers").exists()


@pytest.mark.slow
def test_records_json_lists_every_record_with_its_source(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "plan.txt").write_text(HOSTILE, encoding="utf-8")
    assert build(tmp_path).exit_code == 0
    records = json.loads((tmp_path / "output" / "records.json").read_text(encoding="utf-8"))["records"]
    assert [(r["indicator"], r["value"], r["comparator"], r["kind"]) for r in records] == [
        ("高新技术企业数", 300, ">=", "target"), ("技术合同成交额", 20, ">", "target"),
        ("全社会研发经费投入增速", 25, "=", "target"),
    ]
    original = (tmp_path / "seeds" / "plan.txt").read_text(encoding="utf-8")
    assert all(original[r["source"]["start"]:r["source"]["end"]] == r["source"]["quote"] for r in records)

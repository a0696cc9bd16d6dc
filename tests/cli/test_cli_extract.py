"""`tracker extract` and `tracker eval`, run in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from tests.helpers import GOLD, SEEDS
from tracker.cli import cli

URUMQI = SEEDS / "乌鲁木齐高新区-产业链动春潮涌.txt"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_extract_json_to_stdout_is_utf8_not_escaped():
    result = invoke("extract", str(URUMQI))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    assert sorted(data) == ["documents", "records", "skipped"]
    assert "高新技术企业数" in result.output and "\\u" not in result.output
    assert [r["value"] for r in data["records"]] == [280, 260, 110, 10, 30]
    assert data["documents"][0]["year_used"] == 2024
    assert data["documents"][0]["date_reason"]


def test_extract_folder_to_csv_and_xlsx(tmp_path: Path):
    out = tmp_path / "records.csv"
    result = invoke("extract", str(SEEDS), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert result.output.startswith("Wrote 71 records from 5 documents to ")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 71
    assert rows[0]["source_quote"] and rows[0]["unit"]
    book = tmp_path / "records.xlsx"
    assert invoke("extract", str(SEEDS), "--format", "xlsx", "-o", str(book)).exit_code == 0
    assert load_workbook(book).active.max_row == 72


def test_extract_xlsx_needs_an_output_file():
    result = invoke("extract", str(URUMQI), "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx needs -o FILE." in result.stderr


def test_extract_reports_skipped_files_and_missing_paths(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke("extract", str(tmp_path))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["skipped"] == [{"file": "empty.txt", "reason": "empty file"}]
    assert result.stderr == "- empty.txt: skipped: empty file.\n1 problem; see above. Everything else was done.\n"
    result = invoke("extract", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.txt'} does not exist; give files or folders of documents.\n"


def test_eval_reports_precision_recall_f1_and_accuracies():
    result = invoke("eval", str(GOLD), "--seeds", str(SEEDS))
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    assert lines[0].startswith("乌鲁木齐高新区-产业链动春潮涌.txt: precision 1.000  recall 1.000  F1 1.000")
    overall = next(line for line in lines if line.startswith("overall:"))
    f1 = float(overall.split("F1 ")[1].split()[0])
    assert f1 >= 0.9
    assert any(line.startswith("year accuracy ") for line in lines)
    assert any(line.startswith("comparator accuracy ") for line in lines)


def test_eval_names_a_broken_gold_file(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("doc: x.txt\nrecords:\n  - {kind: target}\n", encoding="utf-8")
    result = invoke("eval", str(tmp_path), "--seeds", str(SEEDS))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'bad.yaml'}, record 1: missing unit, indicator, value, uom.\n"


def test_extract_csv_never_holds_a_formula(tmp_path: Path):
    # A quote, an indicator phrase or a file name that starts like a formula is written as text.
    (tmp_path / "=1+1今年.txt").write_text("=1+1今年，白银高新区将力争高新技术企业总量达到120家。\n"
                                           "@白银高新区技术合同成交额超过5亿元。\n", encoding="utf-8")
    out = tmp_path / "records.csv"
    result = invoke("extract", str(tmp_path / "=1+1今年.txt"), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row["doc"] for row in rows] == ["'=1+1今年.txt"] * 2
    assert [row["source_quote"][:6] for row in rows] == ["'=1+1今", "'@白银高新"]
    assert [row["comparator"] for row in rows] == [">=", ">"]
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r") or
                (cell[:1] == "-" and not cell[1:].replace(".", "").isdigit())]


def test_extract_reports_what_a_folder_holds_but_does_not_read(tmp_path: Path):
    import os

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("今年，白银高新区将力争高新技术企业总量达到120家。\n", encoding="utf-8")
    (folder / "big.txt").write_text("今年，白银高新区将力争高新技术企业总量达到120家。\n" * 400, encoding="utf-8")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "tracker.toml").write_text("[limits]\nmax_file_mb = 0.01\n", encoding="utf-8")
    result = invoke("extract", str(folder), "--root", str(tmp_path))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [document["file"] for document in data["documents"]] == ["a.txt"]
    assert data["skipped"] == [
        {"file": "big.txt", "reason": "too large to read (29 KB; the limit is 10 KB, max_file_mb in tracker.toml [limits])"},
        {"file": "passwd.txt", "reason": "a link to /etc/passwd, outside the seeds folder; not followed "
                                         "(copy it into the seeds folder to have it read)"},
    ]
    assert "root:x:0:0" not in result.output
    assert result.stderr.splitlines()[-1] == "2 problems; see above. Everything else was done."

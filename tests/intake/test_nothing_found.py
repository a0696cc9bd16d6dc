"""Documents that give nothing are reported in the build summary and documents.json; an
empty seeds folder is a warning that says where documents go."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tracker.cli import cli

REPORT = "兰州新区2024年工作报告\n今年兰州新区地区生产总值增长8%,新增高新技术企业60家。\n"
NO_FIGURE = "秦安县名称的由来\n秦安县历史悠久,因地处秦州之安宁而得名,山川秀美,民风淳朴。\n"
COMPANY = "某某科技有限公司简介\n某某科技有限公司成立于2010年,现有员工1200人,年产值15亿元,拥有专利80项。\n"


def _build(tmp_path, documents: dict[str, str]):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in documents.items():
        (seeds / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")],
                                catch_exceptions=False)
    return seeds, result


def test_documents_without_figures_are_listed_with_the_reason(tmp_path):
    seeds, result = _build(tmp_path, {"a-report.txt": REPORT, "b-history.txt": NO_FIGURE, "c-company.txt": COMPANY})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Read 3 of 3 documents from {seeds} (3 extracted anew); ")
    assert lines[1:3] == [
        f"- {seeds / 'b-history.txt'}: nothing taken: no figure found.",
        f"- {seeds / 'c-company.txt'}: nothing taken: no administrative unit found (1 figure without a unit left out).",
    ]
    listing = json.loads((tmp_path / "out" / "documents.json").read_text(encoding="utf-8"))
    found = {entry["file"]: entry.get("nothing_found") for entry in listing["documents"]}
    assert found == {
        "a-report.txt": None,
        "b-history.txt": "no figure found",
        "c-company.txt": "no administrative unit found (1 figure without a unit left out)",
    }


def test_an_unchanged_document_is_reported_again_on_the_next_build(tmp_path):
    seeds, _ = _build(tmp_path, {"b-history.txt": NO_FIGURE})
    again = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")])
    assert again.exit_code == 0, again.output
    assert f"- {seeds / 'b-history.txt'}: nothing taken: no figure found." in again.stdout.splitlines()


def test_an_empty_seeds_folder_is_a_warning_saying_where_documents_go(tmp_path):
    seeds, result = _build(tmp_path, {})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"Read 0 of 0 documents from {seeds} (0 extracted anew); recorded 0 new figures and 0 review decisions.",
        f"- No documents in {seeds}: put policy documents there (text, HTML, .docx, PDF) and run `tracker build` again.",
    ]


def test_a_document_naming_its_unit_but_only_company_figures():
    from tracker.extract.export import nothing_found
    from tracker.extract.records import Extraction

    extraction = Extraction([], 2024, "stated", None, "兰州新区", ["a.txt: left out 15亿元", "a.txt: left out 80项"])
    assert nothing_found(extraction) == "only company or project figures (2 left out)"

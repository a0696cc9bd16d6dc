"""`tracker actuals`, `tracker targets`, `tracker review` and `tracker status`, run in-process."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

import tracker.cli.ledger as cli_module
from tests.helpers.fixture_ledger import UNIT, build_fixture_ledger
from tracker.cli import cli
from tracker.ledger import Ledger

HEADER = "unit,indicator,year,value,uom,as_of,note"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path):
    """A project folder whose ledger holds the fixture targets and figures."""
    build_fixture_ledger(tmp_path / "tracker.db")
    return tmp_path


def history(project):
    with Ledger.open(project / "tracker.db") as ledger:
        return ledger.actual_history()


def test_actuals_import_records_valid_rows_once(project):
    (project / "oct.csv").write_bytes("\n".join([
        "单位,指标,年度,实际完成,计量单位,数据截至,备注",
        f"{UNIT},技术合同成交额,2024,72000万元,,2024年10月31日,含技术服务",
        f"{UNIT},高新技术企业,2024,310,家,2024-10-31,",
    ]).encode("gbk"))
    result = run("actuals", "import", "oct.csv")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "Recorded 2 figures from oct.csv.\n", "")
    assert [(a.indicator, a.value, a.as_of, a.note, a.origin) for a in history(project)[:2]] == [
        ("高新技术企业", 310.0, date(2024, 10, 31), None, "oct.csv, row 3"),
        ("技术合同成交额", 7.2, date(2024, 10, 31), "含技术服务", "oct.csv, row 2"),
    ]
    again = run("actuals", "import", "oct.csv")
    assert (again.exit_code, again.stdout) == (0, "Recorded 0 figures from oct.csv.\n")
    assert len(history(project)) == 6


def test_actuals_import_reports_bad_rows_together(project):
    (project / "a.csv").write_text("\n".join([
        HEADER,
        f"{UNIT},高新技术企业,2024,320,,2024-10-31,",
        f"{UNIT},高新技术企业,2024,很多,,2024-10-31,",
        f"{UNIT},专利,2024,3,,2024-10-31,",
    ]), encoding="utf-8")
    result = run("actuals", "import", "a.csv")
    assert result.exit_code == 1
    assert result.stdout == "Recorded 1 figure from a.csv.\n"
    assert result.stderr == (
        "- a.csv, row 3, column value: '很多' is not a number; expected a number in 家, such as 300 or 300家.\n"
        "- a.csv, row 4: no target for this unit, indicator and year; add it with `tracker targets import` or "
        f"correct the names (found '{UNIT} | 专利 | 2024'); expected an indicator with a 2024 target for {UNIT}, "
        "such as 技术合同成交额, 研发经费投入增长, 高新技术企业.\n"
        "2 problems; see above. Everything else was done.\n"
    )
    assert history(project)[0].value == 320.0


@pytest.mark.parametrize("args", [("actuals", "import", "a.csv"), ("status",), ("actuals", "template"),
                                  ("review", "r1", "--confirm")])
def test_commands_need_a_ledger(tmp_path, args):
    (tmp_path / "a.csv").write_text(HEADER, encoding="utf-8")
    result = run(*args)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: There is no ledger at {tmp_path / 'tracker.db'} yet; run `tracker build` first.\n")
    assert not (tmp_path / "tracker.db").exists()


def test_a_ledger_without_targets(tmp_path):
    Ledger.open(tmp_path / "tracker.db").close()
    for args in [("status",), ("actuals", "template")]:
        result = run(*args)
        assert (result.exit_code, result.stderr) == (1, (
            f"Error: The ledger {tmp_path / 'tracker.db'} has no targets yet; run `tracker build` first "
            "(or add targets with `tracker targets import FILE`).\n"))


def test_an_unreadable_ledger_gives_its_message(tmp_path):
    (tmp_path / "other.db").write_bytes(b"not a database at all" * 100)
    result = run("status", "--db", "other.db")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {tmp_path / 'other.db'} is not a tracker ledger (not an SQLite database); "
                             "move it away or pass another ledger path.\n")


def test_writing_commands_wait_for_a_build(project, monkeypatch):
    monkeypatch.setattr(cli_module, "LOCK_WAIT", 0)
    (project / "a.csv").write_text(HEADER, encoding="utf-8")
    with Ledger.open(project / "tracker.db", wait=0):
        result = run("actuals", "import", "a.csv")
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: Another tracker build is using {project / 'tracker.db'}; wait for it to finish and run again.\n"))


def test_missing_import_file_is_a_usage_error(project):
    result = run("actuals", "import", "nope.csv")
    assert result.exit_code == 2
    assert "File 'nope.csv' does not exist." in result.stderr


def test_actuals_template_then_import(project):
    result = run("actuals", "template")
    path = project / "output" / "actuals-template.xlsx"
    assert (result.exit_code, result.stdout) == (0, f"Wrote a template for 4 targets to {path}.\n")
    book = openpyxl.load_workbook(path)
    sheet = book["实际完成"]
    assert [sheet.cell(row=r, column=2).value for r in range(2, 6)] == [
        "技术合同成交额", "研发经费投入增长", "高新技术企业", "城镇调查失业率"]
    sheet["D2"], sheet["F2"] = "7.5亿元", "2024年10月31日"
    book.save(path)
    imported = run("actuals", "import", str(path))
    assert (imported.exit_code, imported.stdout) == (0, f"Recorded 1 figure from {path}.\n")
    assert (history(project)[0].value, history(project)[0].origin) == (7.5, "actuals-template.xlsx, row 2")
    csv = run("actuals", "template", "-o", "mine.csv")
    assert csv.stdout == "Wrote a template for 4 targets to mine.csv.\n"
    assert (project / "mine.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_targets_import_then_status(tmp_path):
    (tmp_path / "targets.csv").write_text("\n".join([
        "unit,indicator,year,value,uom,comparator,metric,direction",
        "乙区,规上工业增加值增速,2024,6.5,%,≥,growth,",
        "乙区,单位GDP能耗,2024,-3,%,,growth,down",
        "乙区,招商引资到位资金,2024,abc,亿元,,level,",
    ]), encoding="utf-8-sig")
    result = run("targets", "import", "targets.csv")
    assert result.exit_code == 1
    assert result.stdout == "Recorded 2 targets from targets.csv.\n"
    assert result.stderr == ("- targets.csv, row 4, column value: 'abc' is not a number; expected a number in 亿元, "
                             "such as 3.2 or 3.2亿元.\n1 problem; see above. Everything else was done.\n")
    status = run("status", "--as-of", "2024-06-30", "--format", "json")
    [unit] = json.loads(status.stdout)["units"]
    assert [(s["target"]["indicator"], s["target"]["origin"], s["code"]) for s in unit["statuses"]] == [
        ("单位GDP能耗", "manual", "not_reported"), ("规上工业增加值增速", "manual", "not_reported")]
    again = run("targets", "import", "targets.csv")
    assert again.stdout == "Recorded 0 targets from targets.csv.\n"


@pytest.mark.parametrize(("args", "said"), [
    (("--confirm",), "Record r1 confirmed.\n"),
    (("--reject",), "Record r1 rejected.\n"),
    (("--set", "value=300", "--set", "year=2025"), "Record r1 corrected (value=300, year=2025).\n"),
    (("--confirm", "--set", "comparator=以上"), "Record r1 confirmed (comparator=以上).\n"),
])
def test_review(project, args, said):
    result = run("review", "r1", *args)
    assert (result.exit_code, result.stdout) == (0, said)
    again = run("review", "r1", *args)
    assert again.stdout == "Nothing changed: record r1 already has this decision.\n"


@pytest.mark.parametrize(("args", "message"), [
    (("zz", "--confirm"), "Error: No record with id 'zz'; see output/records.json or records.xlsx for ids.\n"),
    (("r1",), "Error: Give one decision: --confirm (optionally with --set), --reject, or --set field=value.\n"),
    (("r1", "--reject", "--set", "year=2025"),
     "Error: Give one decision: --confirm (optionally with --set), --reject, or --set field=value.\n"),
    (("r1", "--set", "colour=red"), "Error: Cannot set 'colour'; the fields that can be set are unit, indicator, "
                                    "value, uom, comparator, year, kind.\n"),
    (("r1", "--set", "year=明年"), "Error: Cannot set year to '明年': not a year; type a year such as 2024.\n"),
])
def test_review_usage_errors(project, args, message):
    result = run("review", *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_status_table_for_one_unit(project):
    result = run("status", "--unit", "甲区", "--as-of", "2024年9月30日")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "甲区  2024年  截至2024年9月30日",
        "┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━┳━━━━━━┳━━━━━━━━┓",
        "┃ 指标           ┃ 目标           ┃ 实际完成 ┃ 完成率 ┃ 序时进度 ┃ 差距 ┃ 状态   ┃",
        "┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━╇━━━━━━╇━━━━━━━━┩",
        "│ 城镇调查失业率 │ 控制在5.5%以内 │        — │      — │    75.0% │    — │ 未填报 │",
        "└────────────────┴────────────────┴──────────┴────────┴──────────┴──────┴────────┘",
        "共1项：未填报1",
    ]


def test_status_as_of_a_past_date_leaves_later_figures_out(project):
    result = run("status", "--unit", UNIT, "--as-of", "2024-06-30", "--format", "json", "--lang", "en")
    [unit] = json.loads(result.stdout)["units"]
    assert [(s["target"]["indicator"], s["actual"] and s["actual"]["value"], s["label"]) for s in unit["statuses"]] == [
        ("技术合同成交额", None, "Not reported"),
        ("高新技术企业", 200.0, "Ahead of schedule"),
        ("研发经费投入增长", None, "Not reported"),
    ]


@pytest.mark.parametrize(("args", "message"), [
    (("--unit", "丙区"), f"Error: No unit named 丙区; known units: {UNIT}, 甲区.\n"),
    (("--as-of", "下月"), "Error: Invalid value for --as-of: not a date; type a date such as 2024-09-30 or "
                          "2024年9月30日.\n"),
])
def test_status_usage_errors(project, args, message):
    result = run("status", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(message)

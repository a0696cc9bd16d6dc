"""Review decisions survive a document's rename; a deleted document takes its targets out of the trackers
with a message; a review correction takes the figures typed for its target along."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.helpers.trackers import (
    built_project,
    rows_by_indicator,
    shown,
    type_into,
    unit_tracker,
)
from tracker.cli import cli
from tracker.config import Project
from tracker.ledger import Ledger
from tracker.models import Actual
from tracker.pipeline import BuildOptions, build

OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1)
UNIT = "兰州新区"

# Every test here runs whole builds, several times over.
pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return built_project(tmp_path)


tracker = unit_tracker


def records(project: Project) -> dict[str, dict]:
    found = json.loads((project.output / "records.json").read_text(encoding="utf-8"))["records"]
    return {(r["doc"], r["indicator"]): r for r in found}


def review(project: Project, record_id: str, *args: str) -> None:
    result = CliRunner().invoke(cli, ["review", record_id, *args, "--root", str(project.root)])
    assert result.exit_code == 0, result.stderr


def test_review_decisions_survive_a_renamed_document(project: Project) -> None:
    before = records(project)
    review(project, before[("要点.txt", "技术合同成交额")]["id"], "--reject")
    review(project, before[("要点.txt", "新增专精特新中小企业数")]["id"], "--set", "value=18")
    (project.seeds / "要点.txt").rename(project.seeds / "2024年要点.txt")
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert f"{project.seeds / '要点.txt'} was renamed {project.seeds / '2024年要点.txt'}: its records and the " \
           "review decisions on them carry over" in result.warnings
    after = records(project)
    assert ("2024年要点.txt", "技术合同成交额") not in after
    assert after[("2024年要点.txt", "新增专精特新中小企业数")]["value"] == 18
    assert set(rows_by_indicator(load_workbook(tracker(project))["目标跟踪"])) == {
        "高新技术企业数", "新增专精特新中小企业数", "规模以上工业增加值增速"}


def test_a_deleted_document_takes_its_targets_out_of_the_trackers_and_its_figures_stay_in_the_ledger(
        project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": date(2024, 9, 30)}})
    (project.seeds / "要点.txt").unlink()
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert result.recorded == 1
    assert result.warnings == [
        f"{project.seeds / '要点.txt'} is no longer in {project.seeds}: its 3 records are no longer tracked",
        "兰州新区 技术合同成交额 (2024) is no longer tracked (its document 要点.txt is no longer in seeds/); "
        "its 1 reported figure stays in the ledger",
        "1 target left the trackers (its document 要点.txt is no longer in seeds/): 兰州新区 新增专精特新中小企业数 (2024)",
    ]
    assert set(rows_by_indicator(load_workbook(tracker(project))["目标跟踪"])) == {"高新技术企业数", "规模以上工业增加值增速"}
    with Ledger.open(project.db) as ledger:
        assert [(a.indicator, a.value) for a in ledger.actual_history()] == [("技术合同成交额", 12)]
    again = build(project, OPTIONS)
    assert again.warnings == []  # said once


def test_a_correction_in_records_xlsx_takes_the_typed_figures_along(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": date(2024, 9, 30), "备注": "前三季度"}})
    assert build(project, OPTIONS).recorded == 1
    book = load_workbook(project.output / "records.xlsx")
    ws = book["记录"]
    header = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, header.index("指标") + 1).value == "技术合同成交额")
    ws.cell(row, header.index("更正 指标") + 1).value = "技术合同成交金额"
    book.save(project.output / "records.xlsx")
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert result.warnings == ["兰州新区 技术合同成交额 (2024) is now 兰州新区 技术合同成交金额 (2024) (a review correction): "
                               "its 1 reported figure moved with it"]
    assert shown(tracker(project), "技术合同成交金额", "实际完成") == 12
    assert shown(tracker(project), "技术合同成交金额", "备注") == "前三季度"
    with Ledger.open(project.db) as ledger:
        kept = sorted((a.indicator, a.value) for a in ledger.actual_history())
    assert kept == [("技术合同成交金额", 12), ("技术合同成交额", 12)]  # the original stays as typed


def test_a_correction_onto_a_target_with_figures_of_its_own_says_where_the_figures_are(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": date(2024, 9, 30)},
                                 "高新技术企业数": {"实际完成": 250, "数据截至": date(2024, 9, 30)}})
    assert build(project, OPTIONS).recorded == 2
    review(project, records(project)[("要点.txt", "技术合同成交额")]["id"], "--set", "indicator=高新技术企业数")
    result = build(project, OPTIONS)
    assert result.warnings == [
        "兰州新区 技术合同成交额 (2024) is no longer tracked (its records now give 兰州新区 高新技术企业数 (2024), which "
        "has figures of its own); its 1 reported figure stays in the ledger"]
    assert shown(tracker(project), "高新技术企业数", "实际完成") == 250


def test_a_correction_onto_another_units_target_with_figures_of_its_own_says_where_the_figures_are(
        project: Project) -> None:
    # The heir's figures are the other unit's: the build looks at the figures of every unit concerned.
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": date(2024, 9, 30)}})
    assert build(project, OPTIONS).recorded == 1
    with Ledger.open(project.db) as ledger:
        ledger.add_actuals([Actual("白银市", "技术合同成交额", 2024, 3, "亿元", date(2024, 9, 30), "import.csv, row 2")])
    review(project, records(project)[("要点.txt", "技术合同成交额")]["id"], "--set", "unit=白银市")
    result = build(project, OPTIONS)
    assert result.warnings == [
        "兰州新区 技术合同成交额 (2024) is no longer tracked (its records now give 白银市 技术合同成交额 (2024), which "
        "has figures of its own); its 1 reported figure stays in the ledger"]
    with Ledger.open(project.db) as ledger:
        assert sorted((a.unit, a.value) for a in ledger.actual_history()) == [("兰州新区", 12), ("白银市", 3)]


def test_the_ledger_reads_only_the_records_asked_for(project: Project) -> None:
    with Ledger.open(project.db) as ledger:
        every = ledger.records(include_rejected=True, include_stale=True)
        wanted = {every[0].id, every[-1].id, "no-such-id"}
        asked = ledger.records(include_rejected=True, include_stale=True, ids=wanted)
        # One claim in two documents is one id, a record in each.
        assert asked == [record for record in every if record.id in wanted] and len(asked) >= 2
        assert ledger.records(ids=[]) == []

"""What users type around the figures: a note or date alone, a cleared figure, a date still to come, a
formula saved without its result, two copies of one tracker, and a ledger restored from a backup."""

from __future__ import annotations

import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.helpers.trackers import (
    built_project,
    header_columns,
    rows_by_indicator,
    shown,
    type_into,
    unit_tracker,
)
from tracker.cli import cli
from tracker.config import Project
from tracker.ledger import Ledger, backups
from tracker.pipeline import BuildOptions, build

OPTIONS = BuildOptions(as_of=date(2024, 9, 30), jobs=1)
EN = BuildOptions(as_of=date(2024, 9, 30), jobs=1, lang="en")
UNIT = "兰州新区"

# Every test here runs whole builds, several times over.
pytestmark = pytest.mark.slow
DAY = date(2024, 9, 30)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return built_project(tmp_path)


tracker = unit_tracker


def english(project: Project) -> Path:
    [path] = (project.output / "en" / "trackers").glob("*.xlsx")
    return path


def figures(project: Project) -> list[tuple]:
    with Ledger.open(project.db) as ledger:
        return [(a.indicator, a.value, a.as_of, a.withdrawn) for a in reversed(ledger.actual_history())]


def later() -> None:
    time.sleep(1.1)  # workbooks record their saved time to the second


def test_a_note_or_a_date_typed_without_a_figure_is_recorded_and_shown_again(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"备注": "待统计局核定"}, "高新技术企业数": {"数据截至": date(2024, 8, 31)}})
    result = build(project, OPTIONS)
    assert result.ok, result.problems
    assert (result.recorded, result.remarks) == (0, 2)
    with Ledger.open(project.db) as ledger:
        assert sorted((r.indicator, r.as_of, r.note) for r in ledger.remarks()) == [
            ("技术合同成交额", None, "待统计局核定"), ("高新技术企业数", date(2024, 8, 31), None)]
    assert shown(tracker(project), "技术合同成交额", "备注") == "待统计局核定"
    assert shown(tracker(project), "高新技术企业数", "数据截至").date() == date(2024, 8, 31)
    assert (build(project, OPTIONS).remarks, shown(tracker(project), "技术合同成交额", "备注")) == (0, "待统计局核定")
    type_into(tracker(project), {"技术合同成交额": {"备注": None}})
    assert build(project, OPTIONS).remarks == 1  # emptied: recorded, and no longer shown
    assert shown(tracker(project), "技术合同成交额", "备注") is None


def test_a_cleared_figure_is_a_withdrawal_kept_in_the_history_and_shown(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": DAY}})
    assert build(project, OPTIONS).recorded == 1
    type_into(tracker(project), {"技术合同成交额": {"实际完成": None}})
    result = build(project, OPTIONS)
    assert result.recorded == 1
    assert figures(project) == [("技术合同成交额", 12, DAY, False), ("技术合同成交额", 12, DAY, True)]
    assert shown(tracker(project), "技术合同成交额", "实际完成") is None
    history = [[c.value for c in row] for row in load_workbook(tracker(project))["历史"].iter_rows(min_row=3)]
    assert [(row[1], row[3], row[7]) for row in history] == [("技术合同成交额", 12, "已撤回"), ("技术合同成交额", 12, None)]
    assert build(project, OPTIONS).recorded == 0
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 13, "数据截至": DAY}})
    assert build(project, OPTIONS).recorded == 1
    assert shown(tracker(project), "技术合同成交额", "实际完成") == 13


def test_a_date_moved_back_withdraws_the_later_figure_so_the_row_shows_what_was_typed(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": DAY}})
    build(project, OPTIONS)
    cells = type_into(tracker(project), {"技术合同成交额": {"数据截至": date(2024, 9, 29)}})
    result = build(project, OPTIONS)
    assert result.warnings == [f"trackers/{UNIT}.xlsx!目标跟踪!{cells['技术合同成交额 数据截至']}: the date went back from "
                               "2024-09-30 to 2024-09-29, so the figure of 2024-09-30 (12) was withdrawn"]
    assert shown(tracker(project), "技术合同成交额", "数据截至").date() == date(2024, 9, 29)


def test_a_date_after_today_is_refused_and_the_workbook_left_as_typed(project: Project) -> None:
    soon = date.today() + timedelta(days=10)
    cells = type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": soon}})
    typed = tracker(project).read_bytes()
    result = build(project, OPTIONS)
    assert [str(p) for p in result.problems] == [
        f"trackers/{UNIT}.xlsx!目标跟踪!{cells['技术合同成交额 数据截至']}: the date {soon.isoformat()} is after today "
        f"({date.today().isoformat()}); a figure is reported for a day that has come (found "
        f"'{soon.isoformat()}T00:00:00'); expected a date such as 2024-9-30, not after today.",
        f"trackers/{UNIT}.xlsx: nothing was recorded from this workbook and it was not regenerated; correct the cells "
        "named above and run tracker build again."]
    assert tracker(project).read_bytes() == typed
    assert figures(project) == []


def test_a_formula_saved_without_its_result_is_reported_not_wiped(project: Project) -> None:
    cells = type_into(tracker(project), {"技术合同成交额": {"实际完成": "=G7*0.8", "数据截至": DAY}})
    typed = tracker(project).read_bytes()
    result = build(project, OPTIONS)
    assert str(result.problems[0]) == (
        f"trackers/{UNIT}.xlsx!目标跟踪!{cells['技术合同成交额 实际完成']}: this formula was saved without its result, so "
        "its value is unknown (the program that saved the workbook did not calculate it); open the workbook in "
        "Excel, WPS or LibreOffice and save it, or type the figure (found '=G7*0.8'); expected a figure, or a "
        "formula saved with its result.")
    assert tracker(project).read_bytes() == typed


def test_a_correction_in_one_language_is_not_undone_by_the_other_copy(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 5, "数据截至": DAY}})
    assert build(project, OPTIONS).recorded == 1
    assert build(project, EN).recorded == 0
    assert shown(english(project), "技术合同成交额", "实际完成") == 5
    later()
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 6}})  # a correction, in Chinese
    for _ in range(3):
        result = build(project, OPTIONS)
        assert result.ok and result.warnings == []
    assert figures(project) == [("技术合同成交额", 5, DAY, False), ("技术合同成交额", 6, DAY, False)]
    assert shown(english(project), "技术合同成交额", "实际完成") == 5  # not rebuilt in Chinese builds, and harmless
    assert build(project, EN).recorded == 0
    assert shown(english(project), "技术合同成交额", "实际完成") == 6


def test_when_both_copies_change_a_row_the_one_saved_last_wins_and_the_other_is_reported(project: Project) -> None:
    build(project, EN)
    cells = type_into(english(project), {"技术合同成交额": {"实际完成": 7, "数据截至": DAY}})
    later()
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 8, "数据截至": DAY}})
    saved = load_workbook(tracker(project)).properties.modified
    result = build(project, OPTIONS)
    en_name = english(project).relative_to(project.output).as_posix()
    from datetime import UTC
    assert result.warnings == [
        f"{en_name}!Tracker!{cells['技术合同成交额 实际完成']}: 7 (2024-09-30) was not recorded: trackers/{UNIT}.xlsx, "
        f"saved later ({saved.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M:%S}), gives 8 (2024-09-30)"]
    assert figures(project) == [("技术合同成交额", 8, DAY, False)]
    again = build(project, OPTIONS)  # the English copy still shows 7, older than the 8 now recorded
    assert again.recorded == 0
    assert len(again.warnings) == 1 and "7 (2024-09-30) was not recorded: a figure from trackers/" in again.warnings[0]
    assert again.warnings[0].endswith("; type it again to record it")


def test_a_backup_copy_in_the_folder_is_reported_and_not_read(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 5, "数据截至": DAY}})
    build(project, OPTIONS)
    copy = tracker(project).with_name(f"副本 {UNIT}.xlsx")
    shutil.copy(tracker(project), copy)
    type_into(copy, {"技术合同成交额": {"实际完成": 4}})
    later()
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 6}})
    for _ in range(2):
        result = build(project, OPTIONS)
        assert result.warnings == [f"trackers/副本 {UNIT}.xlsx is a copy of the tracker of {UNIT} (trackers/{UNIT}.xlsx), "
                                   f"so it was not read: type into trackers/{UNIT}.xlsx, or delete the copy"]
    assert figures(project) == [("技术合同成交额", 5, DAY, False), ("技术合同成交额", 6, DAY, False)]
    assert copy.is_file()


def test_after_a_restore_what_the_trackers_show_is_recorded_again(project: Project) -> None:
    type_into(tracker(project), {"技术合同成交额": {"实际完成": 12, "数据截至": DAY},
                                 "新增专精特新中小企业数": {"备注": "四季度认定"}})
    assert build(project, OPTIONS).recorded == 1
    oldest = backups(project.db)[-1]
    result = CliRunner().invoke(cli, ["ledger", "restore", str(oldest), "--root", str(project.root)])
    assert result.exit_code == 0, result.stderr
    assert figures(project) == []
    again = build(project, OPTIONS)
    assert (again.recorded, again.remarks) == (1, 1)
    assert figures(project) == [("技术合同成交额", 12, DAY, False)]


def test_a_version_1_tracker_is_still_read(project: Project) -> None:
    book = load_workbook(tracker(project))
    meta = book["_tracker"]
    meta["B1"] = 1
    for row in meta.iter_rows(min_row=10, min_col=7, max_col=9):
        for cell in row:
            cell.value = None
    ws = book["目标跟踪"]
    _, columns = header_columns(ws)
    ws.cell(rows_by_indicator(ws)["技术合同成交额"], columns["实际完成"]).value = 3
    book.save(tracker(project))
    result = build(project, OPTIONS)
    assert result.ok and result.recorded == 1
    assert load_workbook(tracker(project))["_tracker"]["B1"].value == 2

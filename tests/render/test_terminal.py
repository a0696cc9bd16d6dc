"""`tracker status` output for a fixture ledger: the tables (zh and en) and the JSON."""

from __future__ import annotations

import dataclasses
import io

import pytest
from rich.console import Console

from tests.helpers.fixture_ledger import AS_OF, UNIT, build_fixture_ledger
from tracker.assess.status import unit_reports
from tracker.assess.targets import targets_from_records
from tracker.config import Settings
from tracker.ledger import Ledger
from tracker.models import Status, Target, UnitReport
from tracker.render.terminal import counts_line, status_json, status_table


def fixture_reports(tmp_path, lang: str) -> list[UnitReport]:
    path = tmp_path / "tracker.db"
    if not path.exists():
        build_fixture_ledger(path)
    with Ledger.open(path) as ledger:
        targets = targets_from_records(ledger.records(), ledger.manual_targets())
        history = ledger.actual_history()
    return unit_reports(targets, history, AS_OF, Settings(), lang)


def rendered(reports, lang, names=None) -> list[str]:
    console = Console(width=120, record=True, file=io.StringIO())
    for shown in status_table(reports, lang, names):
        console.print(shown)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_status_table_zh(tmp_path):
    assert rendered(fixture_reports(tmp_path, "zh"), "zh") == [
        "乌鲁木齐高新区  2024年  截至2024年9月30日",
        "┏━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━┓",
        "┃ 指标             ┃ 目标                   ┃ 实际完成 ┃ 完成率 ┃ 序时进度 ┃          差距 ┃ 状态     ┃",
        "┡━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━┩",
        "│ 技术合同成交额   │ 超过10亿元，力争12亿元 │  6.2亿元 │  62.0% │    75.0% │ -13.0个百分点 │ 滞后     │",
        "│ 高新技术企业     │ 280家以上              │    300家 │ 107.1% │    75.0% │  32.1个百分点 │ 已完成   │",
        "│ 研发经费投入增长 │ 增长30%以上            │    24.5% │      — │    75.0% │  -5.5个百分点 │ 严重滞后 │",
        "└──────────────────┴────────────────────────┴──────────┴────────┴──────────┴───────────────┴──────────┘",
        "共3项：已完成1，滞后1，严重滞后1",
        "甲区  2024年  截至2024年9月30日",
        "┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━┳━━━━━━┳━━━━━━━━┓",
        "┃ 指标           ┃ 目标           ┃ 实际完成 ┃ 完成率 ┃ 序时进度 ┃ 差距 ┃ 状态   ┃",
        "┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━╇━━━━━━╇━━━━━━━━┩",
        "│ 城镇调查失业率 │ 控制在5.5%以内 │        — │      — │    75.0% │    — │ 未填报 │",
        "└────────────────┴────────────────┴──────────┴────────┴──────────┴──────┴────────┘",
        "共1项：未填报1",
    ]


def test_status_table_en_with_english_unit_names(tmp_path):
    lines = rendered(fixture_reports(tmp_path, "en"), "en", {"甲区": "Jia District"})
    assert lines[0] == "乌鲁木齐高新区  2024  as of 30 September 2024"
    assert lines[2] == ("┃ Indicator        ┃ Target                ┃          Actual ┃ Completion ┃ Time elapsed ┃"
                        "      Gap ┃ Status           ┃")
    assert lines[4] == ("│ 技术合同成交额   │ more than CNY 1       │ CNY 620 million │      62.0% │        75.0% │"
                        " -13.0 pp │ Behind           │")
    assert lines[7] == ("│ 高新技术企业     │ at least 280          │             300 │     107.1% │        75.0% │"
                        "  32.1 pp │ Achieved         │")
    assert lines[11:13] == ["3 targets: 1 Achieved, 1 Behind, 1 Seriously behind",
                            "Jia District  2024  as of 30 September 2024"]
    assert lines[-1] == "1 target: 1 Not reported"


def target_json(indicator, value, uom, record_ids, **changes):
    base = {
        "indicator": indicator, "indicator_id": None, "year": 2024, "category": None, "metric": "level",
        "direction": "up", "comparator": ">=", "value": value, "value_max": None, "stretch_value": None,
        "baseline": None, "uom": uom, "period_start": "2024-01-01", "period_end": "2024-12-31",
        "origin": "document", "record_ids": record_ids,
    }
    return {**base, **changes}


def status_entry(target, actual, code, label, **numbers):
    base = {"as_of": "2024-09-30", "time_progress": 0.75, "completion": None, "stretch_completion": None,
            "baseline_progress": None, "gap_pp": None, "rate_diff_pp": None}
    return {"target": target, "actual": actual, **base, **numbers, "code": code, "label": label}


def actual_json(value, uom, origin, recorded_at):
    return {"value": value, "uom": uom, "as_of": "2024-09-30", "origin": origin, "note": None,
            "recorded_at": recorded_at}


def test_status_json(tmp_path):
    zero = dict.fromkeys(("achieved", "ahead", "on_schedule", "behind", "seriously_behind", "not_reported"), 0)
    assert status_json(fixture_reports(tmp_path, "zh")) == {"as_of": "2024-09-30", "units": [
        {"unit": UNIT, "year": 2024, "as_of": "2024-09-30",
         "counts": {**zero, "achieved": 1, "behind": 1, "seriously_behind": 1},
         "statuses": [
             status_entry(
                 target_json("技术合同成交额", 10.0, "亿元", ["r2", "r2s"], category="科技创新", comparator=">",
                             stretch_value=12.0),
                 actual_json(6.2, "亿元", "a.csv, row 3", "2024-07-01T09:00:03+08:00"), "behind", "滞后",
                 completion=0.62, stretch_completion=0.516666666666667, gap_pp=-13.0),
             status_entry(
                 target_json("高新技术企业", 280.0, "家", ["r1"], category="科技创新", indicator_id="hightech_firms",
                             baseline=250.0),
                 actual_json(300.0, "家", "b.csv, row 2", "2024-07-01T09:00:04+08:00"), "achieved", "已完成",
                 completion=1.07142857142857, baseline_progress=1.66666666666667, gap_pp=32.1428571428571),
             status_entry(
                 target_json("研发经费投入增长", 30.0, "%", ["r3"], metric="growth"),
                 actual_json(24.5, "%", "a.csv, row 4", "2024-07-01T09:00:03+08:00"), "seriously_behind",
                 "严重滞后", gap_pp=-5.5, rate_diff_pp=-5.5),
         ], "long_term": []},
        {"unit": "甲区", "year": 2024, "as_of": "2024-09-30", "counts": {**zero, "not_reported": 1},
         "statuses": [status_entry(
             target_json("城镇调查失业率", 5.5, "%", ["r5"], metric="share", direction="down", comparator="<="),
             None, "not_reported", "未填报")], "long_term": []},
    ]}


@pytest.mark.parametrize(("noisy", "clean"), [
    (0.1 + 0.2, 0.3), (-13.000000000000002, -13.0), (2 / 3, 0.666666666666667), (62.0, 62.0), (1e-20, 1e-20),
])
def test_json_numbers_lose_only_float_noise(tmp_path, noisy, clean):
    report = fixture_reports(tmp_path, "zh")[0]
    status = dataclasses.replace(report.statuses[0], gap_pp=noisy)
    [unit] = status_json([dataclasses.replace(report, statuses=(status,))])["units"]
    assert unit["statuses"][0]["gap_pp"] == clean


def test_counts_line_of_an_empty_report():
    report = UnitReport(unit="甲区", year=2024, as_of=AS_OF, statuses=(), counts={})
    assert counts_line(report, "zh") == "共0项"
    assert counts_line(report, "en") == "0 targets"
    assert status_json([]) == {"as_of": None, "units": []}


def test_a_status_without_actual_has_no_numbers_but_time_progress():
    target = Target(unit=UNIT, indicator="高新技术企业", indicator_id=None, year=2024, metric="level",
                    direction="up", comparator=">=", value=280.0, uom="家")
    status = Status(target=target, actual=None, as_of=AS_OF, time_progress=0.75, label="未填报")
    report = UnitReport(unit=UNIT, year=2024, as_of=AS_OF, statuses=(status,), counts={"not_reported": 1})
    [line] = [text for text in rendered([report], "zh") if text.startswith("│")]
    assert line == "│ 高新技术企业 │ 280家以上 │        — │      — │    75.0% │    — │ 未填报 │"


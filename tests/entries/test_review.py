"""Review decisions: records.xlsx written and read back, `tracker review`, and applying only what changed."""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import date

import openpyxl
import pytest

from tests.helpers.builders import TickingClock, document, record
from tests.helpers.office import office, recalculate_xlsx
from tracker.entries.review import (
    ReviewDecision,
    apply_review,
    current_reviews,
    read_review_workbook,
    review_by_hand,
)
from tracker.errors import UnknownRecord, UsageError
from tracker.ledger import Ledger
from tracker.models import Source
from tracker.render.review_sheet import write_review_workbook

HOSTILE = ["=SUM(A1:A9)", "+86 10 1234", "@cmd", "-1+1", "a\x00b\x07c\x1fd\ttab", "literal _x000D_ escape",
           "=HYPERLINK(\"http://x\")"]


def records():
    return [
        record("r1", start=0),
        record("r2", start=20, value=10.0, uom="亿元", indicator="技术合同成交额", comparator=">"),
        record("r3", start=40, value=30.0, uom="%", metric="growth", indicator="研发经费投入增长"),
        record("r4", start=60, kind="actual", value=954.0, year=2023, comparator="="),
    ]


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "tracker.db", clock=TickingClock()) as opened:
        opened.save_document(document(), date(2024, 1, 20), "published")
        opened.replace_records("a.txt", records())
        yield opened


def write(ledger, path):
    shown = ledger.records(include_rejected=True)
    write_review_workbook(shown, path, current_reviews(ledger, [r.id for r in shown]))


def sheet_rows(path):
    sheet = openpyxl.load_workbook(path)["记录"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_hostile_quotes_stay_text(tmp_path):
    hostile = [record(f"h{i}", source=Source("a.txt", i, i + 1, quote)) for i, quote in enumerate(HOSTILE)]
    path = tmp_path / "records.xlsx"
    write_review_workbook(hostile, path, {})
    sheet = openpyxl.load_workbook(path)["记录"]
    quotes = [sheet.cell(row=r, column=15) for r in range(2, 2 + len(HOSTILE))]
    # "_x000D_" is stored escaped, so Excel and LibreOffice show it as typed (see the office test);
    # openpyxl does not unescape inline strings and shows the escape.
    assert [c.value for c in quotes] == ["=SUM(A1:A9)", "+86 10 1234", "@cmd", "-1+1", "abcd\ttab",
                                         "literal _x005F_x000D_ escape", "=HYPERLINK(\"http://x\")"]
    assert {c.data_type for c in quotes} == {"s"}
    assert all(c.alignment.wrap_text for c in quotes)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


@office
def test_hostile_quotes_stay_text_in_libreoffice(tmp_path):
    hostile = [record(f"h{i}", source=Source("a.txt", i, i + 1, quote)) for i, quote in enumerate(HOSTILE)]
    write_review_workbook(hostile, tmp_path / "records.xlsx", {})
    resaved = recalculate_xlsx(tmp_path / "records.xlsx", tmp_path)
    sheet = openpyxl.load_workbook(resaved)["记录"]
    assert [sheet.cell(row=r, column=15).value for r in range(2, 2 + len(HOSTILE))] == [
        "=SUM(A1:A9)", "+86 10 1234", "@cmd", "-1+1", "abcd\ttab", "literal _x000D_ escape", "=HYPERLINK(\"http://x\")"]


def test_layout_and_existing_decisions(ledger, tmp_path):
    ledger.decide("r1", "confirm")
    ledger.decide("r2", "reject")
    ledger.decide("r3", "set", {"value": 25.0, "year": 2025})
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    rows = sheet_rows(path)
    assert rows[0] == [
        "编号", "文件", "单位", "指标", "原文指标", "类型", "指标类型", "数值", "计量单位", "比较", "年份",
        "期间", "置信度", "标记", "原文", "起", "止", "决定", "更正 单位", "更正 指标",
        "更正 数值", "更正 计量单位", "更正 比较", "更正 年份", "更正 类型",
    ]
    assert rows[1] == ["r1", "a.txt", "乌鲁木齐高新区", "高新技术企业", "高新技术企业", "目标", "总量", 280, "家",
                       "≥", 2024, None, 1, "已确认", "高新技术企业达280家", 0, 8, "确认", *[None] * 7]
    assert [row[13] for row in rows[1:]] == ["已确认", "已拒绝", "已修改", None]
    assert [row[5] for row in rows[1:]] == ["目标", "目标", "目标", "实绩"]
    assert [row[17:] for row in rows[2:]] == [
        ["拒绝", *[None] * 7],
        ["修改", None, None, 25, None, None, 2025, None],
        [None, *[None] * 7],
    ]
    sheet = openpyxl.load_workbook(path)["记录"]
    [dropdown] = sheet.data_validations.dataValidation
    assert (dropdown.type, dropdown.formula1, str(dropdown.sqref)) == ("list", '"确认,拒绝,修改"', "R2:R5")
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("B2", "A1:Y5")
    assert sheet["A1"].font.bold
    # Figures show at most two decimals, 置信度 as a percentage; it prints landscape with the header repeated.
    assert [sheet.cell(r, 8).number_format for r in range(2, 6)] == ["0", "0", "0", "0"]
    assert sheet.cell(2, 13).number_format == "0%"
    assert (sheet.page_setup.orientation, sheet.print_title_rows) == ("landscape", "$1:$1")


def test_a_file_with_the_old_english_headers_is_still_read(ledger, tmp_path):
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    book = openpyxl.load_workbook(path)
    sheet = book["记录"]
    old = ["id", "doc", "unit", "indicator", "indicator_text", "kind", "metric", "value", "uom", "comparator", "year",
           "period", "confidence", "flags", "quote", "start", "end", "决定", "更正 unit", "更正 indicator",
           "更正 value", "更正 uom", "更正 comparator", "更正 year", "更正 kind"]
    for column, header in enumerate(old, start=1):
        sheet.cell(1, column, header)
    sheet["R2"], sheet["U3"] = "确认", "3.2亿元"
    book.save(path)
    decisions, problems = read_review_workbook(path)
    assert problems == []
    assert [(d.record_id, d.action, dict(d.changes)) for d in decisions] == [
        ("r1", "confirm", {}), ("r2", "set", {"value": 3.2})]


def fill(path, cells):
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["记录"][ref] = value
    book.save(path)


# Decision column R; corrections S unit, T indicator, U value, V uom, W comparator, X year, Y kind.
BAD_CELLS = [
    ({"R2": "同意"}, "records.xlsx!记录!R2: not a decision (found '同意'); expected 确认, 拒绝 or 修改."),
    ({"R2": "修改", "U2": "很多"}, "records.xlsx!记录!U2: '很多' is not a number; expected a number in 家, such as "
                                 "300 or 300家."),
    ({"U3": "3吨"}, "records.xlsx!记录!U3: '3吨' is in 吨, which cannot be converted to 亿元; expected a number in "
                   "亿元, such as 3.2 or 3.2亿元."),
    ({"U3": "3,5"}, "records.xlsx!记录!U3: the comma in '3,5' is ambiguous: write 3.5 for a decimal or 35 for a "
                   "whole number (a thousands separator comes every three digits, as in 3,500)."),
    ({"X2": "明年"}, "records.xlsx!记录!X2: not a year; type a year such as 2024 (found '明年')."),
    ({"W2": "大约"}, "records.xlsx!记录!W2: not a known comparator; use one of ≥, >, ≤, <, =, ≈ or 以上, 超过, 以内, "
                     "低于, 左右 (found '大约')."),
    ({"Y2": "计划"}, "records.xlsx!记录!Y2: not a known kind; use one of target, actual or 目标, 实际 (found '计划')."),
    ({"R2": "拒绝", "U2": 300}, "records.xlsx!记录!R2: a rejected record cannot also be corrected; "
                                "expected 拒绝 with empty 更正 cells, or 修改."),
    ({"R2": "修改"}, "records.xlsx!记录!R2: 修改 needs a value in at least one 更正 column."),
]


@pytest.mark.parametrize(("cells", "problem"), BAD_CELLS)
def test_bad_cells_are_reported_with_sheet_and_cell(ledger, tmp_path, cells, problem):
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    fill(path, {**cells, "R5": "确认"})
    decisions, problems = read_review_workbook(path)
    assert [str(p) for p in problems] == [problem]
    assert decisions == [ReviewDecision("r4", "confirm", {}, "records.xlsx!记录!R5")]


def test_decisions_from_the_workbook_are_applied_once(ledger, tmp_path):
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    fill(path, {"R2": "确认", "R3": "修改", "U3": "32000万元", "W3": "以上",
                "X4": "2025年", "R5": "拒绝"})
    decisions, problems = read_review_workbook(path)
    assert problems == []
    assert decisions == [
        ReviewDecision("r1", "confirm", {}, "records.xlsx!记录!R2"),
        ReviewDecision("r2", "set", {"value": 3.2, "comparator": ">="}, "records.xlsx!记录!R3"),
        ReviewDecision("r3", "set", {"year": 2025}, "records.xlsx!记录!R4"),
        ReviewDecision("r4", "reject", {}, "records.xlsx!记录!R5"),
    ]
    assert apply_review(ledger, decisions) == 4
    assert apply_review(ledger, read_review_workbook(path)[0]) == 0     # the same file again
    write(ledger, path)                                                  # as the next build writes it
    assert apply_review(ledger, read_review_workbook(path)[0]) == 0
    assert [(r.id, r.value, r.comparator, r.year, r.flags) for r in ledger.records(include_rejected=True)] == [
        ("r1", 280.0, ">=", 2024, ("confirmed",)),
        ("r2", 3.2, ">=", 2024, ("corrected",)),
        ("r3", 30.0, ">=", 2025, ("corrected",)),
        ("r4", 954.0, "=", 2023, ("rejected",)),
    ]
    assert [d.origin for d in ledger.decisions_for("r2")] == ["records.xlsx!记录!R3"] * 2


@pytest.mark.parametrize(("now", "wanted", "recorded"), [
    # (decisions already in the ledger, the decision read, the decisions then added as (action, changes))
    ([], ("confirm", {}), [("confirm", {})]),
    ([("confirm", {})], ("confirm", {}), []),
    ([("confirm", {})], ("confirm", {"value": 300.0}), [("set", {"value": 300.0})]),
    ([("set", {"value": 300.0})], ("set", {"value": 300.0}), []),
    ([("set", {"value": 300.0})], ("set", {"value": 300.0, "year": 2025}), [("set", {"year": 2025})]),
    ([("set", {"value": 300.0})], ("confirm", {"value": 300.0}), [("confirm", {})]),
    ([("reject", {})], ("reject", {}), []),
    ([("reject", {})], ("set", {"value": 300.0}), [("confirm", {"value": 300.0})]),   # 修改 brings it back
    ([("reject", {})], ("confirm", {}), [("confirm", {})]),
    ([("confirm", {})], ("reject", {}), [("reject", {})]),
])
def test_only_what_differs_is_recorded(ledger, now, wanted, recorded):
    for action, changes in now:
        ledger.decide("r1", action, changes)
    before = len(ledger.decisions_for("r1"))
    assert apply_review(ledger, [ReviewDecision("r1", *wanted)]) == (1 if recorded else 0)
    added = ledger.decisions_for("r1")[before:]
    expected = [(a, f, v) for action, changes in recorded
                for a, f, v in [*(("set", k, x) for k, x in changes.items()),
                                *([] if action == "set" else [(action, "review", None)])]]
    assert [(d.action, d.field, d.value) for d in added] == expected


def test_a_corrected_then_rejected_record_reads_back_cleanly(ledger, tmp_path):
    ledger.decide("r1", "set", {"value": 300.0})
    ledger.decide("r1", "reject")
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    assert sheet_rows(path)[1][17:] == ["拒绝", *[None] * 7]
    decisions, problems = read_review_workbook(path)
    assert (problems, apply_review(ledger, decisions)) == ([], 0)


def test_a_record_named_twice_is_decided_once(ledger):
    twice = [ReviewDecision("r1", "confirm", {"year": 2025}), ReviewDecision("r1", "confirm", {"year": 2025})]
    assert apply_review(ledger, twice) == 1
    assert apply_review(ledger, [*twice, ReviewDecision("r1", "reject"), ReviewDecision("r1", "reject")]) == 1


def test_unknown_ids_are_refused_before_anything_is_written(ledger):
    decisions = [ReviewDecision("r1", "confirm"), ReviewDecision("zz", "reject", origin="records.xlsx!记录!R9")]
    with pytest.raises(UnknownRecord) as info:
        apply_review(ledger, decisions)
    assert str(info.value) == "No record with id 'zz' (records.xlsx!记录!R9); see output/records.json or records.xlsx for ids."
    assert ledger.decisions_for("r1") == []


def test_review_by_hand(ledger):
    assert review_by_hand(ledger, "r2", "set", ["value=32000万元", "comparator=以上"]) == 1
    assert review_by_hand(ledger, "r2", "set", ["value=3.2"]) == 0
    assert review_by_hand(ledger, "r1", "set", ["value=3万", "uom=万家"]) == 1    # uom first, whatever the order
    assert review_by_hand(ledger, "r3", "confirm", ["year=2025"]) == 1
    by_id = {r.id: r for r in ledger.records()}
    assert (by_id["r2"].value, by_id["r2"].comparator) == (3.2, ">=")
    assert (by_id["r1"].value, by_id["r1"].uom) == (3.0, "万家")
    assert (by_id["r3"].year, by_id["r3"].flags) == (2025, ("corrected", "confirmed"))


@pytest.mark.parametrize(("assignments", "error", "message"), [
    (["value"], UsageError, "--set takes field=value, such as value=300; found 'value'."),
    (["colour=red"], UsageError, "Cannot set 'colour'; the fields that can be set are unit, indicator, value, uom, "
                                 "comparator, year, kind."),
    (["year=soon"], UsageError, "Cannot set year to 'soon': not a year; type a year such as 2024."),
    (["unit="], UsageError, "Cannot set unit to '': the new text is empty."),
    (["uom= "], UsageError, "Cannot set uom to ' ': the new text is empty."),
    (["value=lots"], UsageError, "Cannot set value to 'lots': 'lots' is not a number; expected a number in 家, "
                                 "such as 300 or 300家."),
])
def test_review_by_hand_refuses_bad_fields(ledger, assignments, error, message):
    with pytest.raises(error) as info:
        review_by_hand(ledger, "r1", "set", assignments)
    assert str(info.value) == message
    assert ledger.decisions_for("r1") == []


def test_review_by_hand_unknown_record(ledger):
    with pytest.raises(UnknownRecord) as info:
        review_by_hand(ledger, "nope", "confirm")
    assert str(info.value) == "No record with id 'nope'; see output/records.json or records.xlsx for ids."


def test_decisions_survive_a_rebuild_that_shifts_offsets(ledger, tmp_path):
    path = tmp_path / "records.xlsx"
    write(ledger, path)
    fill(path, {"R2": "确认", "R3": "修改", "U3": 12})
    apply_review(ledger, read_review_workbook(path)[0])
    review_by_hand(ledger, "r3", "reject")
    # The document gained a paragraph at the top: same records, every offset 100 later.
    shifted = [dataclasses.replace(r, source=dataclasses.replace(r.source, start=r.source.start + 100,
                                                                  end=r.source.end + 100)) for r in records()]
    ledger.replace_records("a.txt", shifted)
    assert [(r.id, r.value, r.source.start, r.flags) for r in ledger.records(include_rejected=True)] == [
        ("r1", 280.0, 100, ("confirmed",)),
        ("r2", 12.0, 120, ("corrected",)),
        ("r3", 30.0, 140, ("rejected",)),
        ("r4", 954.0, 160, ()),
    ]
    write(ledger, path)
    assert apply_review(ledger, read_review_workbook(path)[0]) == 0


def test_the_review_workbook_is_stamped_with_its_date_so_the_same_records_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_review_workbook(records(), first, {}, date(2024, 9, 30))
    write_review_workbook(records(), second, {}, date(2024, 9, 30))
    assert first.read_bytes() == second.read_bytes()
    core = zipfile.ZipFile(first).read("docProps/core.xml").decode()
    assert ">2024-09-30T00:00:00Z</dcterms:modified>" in core and ">2024-09-30T00:00:00Z</dcterms:created>" in core
    assert {info.date_time for info in zipfile.ZipFile(first).infolist()} == {(2024, 9, 30, 0, 0, 0)}
    assert sheet_rows(first)[1][0] == "r1"


def test_figures_show_as_their_kind_and_an_open_period_in_words(tmp_path):
    shown = [record("r1", value=12.5, period="open", confidence=0.75, flags=("long_term",)),
             record("r2", value=40.0, kind="actual", metric="growth", comparator="=")]
    path = tmp_path / "records.xlsx"
    write_review_workbook(shown, path, {"r2": ReviewDecision("r2", "set", {"value": 41.25})})
    rows = sheet_rows(path)
    assert [row[5:14] for row in rows[1:]] == [["目标", "总量", 12.5, "家", "≥", 2024, "长期（无期限）", 0.75, "长期目标"],
                                               ["实绩", "增速", 40, "家", "=", 2024, None, 0.8, None]]
    assert [row[20] for row in rows[1:]] == [None, 41.25]
    sheet = openpyxl.load_workbook(path)["记录"]
    assert [sheet.cell(r, 8).number_format for r in (2, 3)] == ["0.0#", "0"]
    assert [sheet.cell(r, 13).number_format for r in (2, 3)] == ["0%", "0%"]
    assert sheet.cell(3, 21).number_format == "0.0#"

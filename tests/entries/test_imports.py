"""Import files: actual figures and targets in the long format (CSV in every encoding, .xlsx)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from tests.helpers.builders import TickingClock
from tracker.entries.imports import read_actuals_file, read_targets_file, write_actuals_template
from tracker.entries.tables import decode_table
from tracker.errors import InputRejected
from tracker.ledger import Ledger
from tracker.models import Actual, Target

UNIT = "乌鲁木齐高新区"


def target(indicator: str, value: float, uom: str, metric: str = "level", **changes) -> Target:
    return Target(unit=UNIT, indicator=indicator, indicator_id=None, year=2024, metric=metric, direction="up",
                  comparator=">=", value=value, uom=uom, **changes)


TARGETS = [
    target("高新技术企业", 280, "家"),
    target("技术合同成交额", 10, "亿元"),
    target("研发经费投入增长", 30, "%", metric="growth"),
    target("研发投入强度", 2.5, "%", metric="share"),
]

CHINESE_HEADER = "单位,指标,年度,实际完成,计量单位,数据截至,备注"
ENGLISH_HEADER = "unit,indicator,year,value,uom,as_of,note"
GOOD_ROWS = [
    f"{UNIT},高新技术企业,2024,300,家,2024-09-30,第二批认定后",
    f"{UNIT},技术合同成交额,2024,32000,万元,2024/9/30,",
    f"{UNIT},研发经费投入增长,2024,-3.5,%,2024年9月30日,",
]


def expected_actuals(file: str) -> list[Actual]:
    return [
        Actual(UNIT, "高新技术企业", 2024, 300.0, "家", date(2024, 9, 30), f"{file}, row 2", "第二批认定后"),
        Actual(UNIT, "技术合同成交额", 2024, 3.2, "亿元", date(2024, 9, 30), f"{file}, row 3"),
        Actual(UNIT, "研发经费投入增长", 2024, -3.5, "%", date(2024, 9, 30), f"{file}, row 4"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
@pytest.mark.parametrize("header", [CHINESE_HEADER, ENGLISH_HEADER])
def test_csv_in_every_encoding_and_header_language(tmp_path, encoding, header):
    path = tmp_path / "actuals.csv"
    path.write_bytes("\r\n".join([header, *GOOD_ROWS]).encode(encoding))
    assert read_actuals_file(path, TARGETS) == (expected_actuals("actuals.csv"), [])


@pytest.mark.parametrize(("data", "text"), [
    ("unit,value\n甲区,1\n".encode("gbk"), "unit,value\n甲区,1\n"),           # too little Chinese to detect
    ("unit,value\n甲区,R&D,万元\n".encode("gb18030"), "unit,value\n甲区,R&D,万元\n"),
    ("单位,值\n".encode("utf-16"), "单位,值\n"),                                  # Excel "Unicode text"
    ("单位,值\n".encode("utf-8-sig"), "单位,值\n"),
])
def test_csv_encodings(data, text):
    assert decode_table(data) == text


@pytest.mark.parametrize("header", [CHINESE_HEADER, ENGLISH_HEADER])
def test_xlsx_with_typed_cells(tmp_path, header):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", *header.split(",")])          # an extra column is ignored
    sheet.append([1, UNIT, "高新技术企业", 2024, 300, "家", datetime(2024, 9, 30), "第二批认定后"])
    sheet.append([2, UNIT, "技术合同成交额", 2024.0, "3.2亿元", None, 45565, None])
    sheet.append([3, UNIT, "研发经费投入增长", "2024年", -0.035, None, "2024-09", None])
    sheet["E4"].number_format = "0.0%"                  # shown as -3.5%
    book.save(tmp_path / "actuals.xlsx")
    assert read_actuals_file(tmp_path / "actuals.xlsx", TARGETS) == (expected_actuals("actuals.xlsx"), [])


BAD_ROWS = [
    (f"{UNIT},高新技术企业,2024,三百家,,2024-09-30,", []),
    (f"{UNIT},高新技术企业,2024,abc,,2024-09-30,",
     ["actuals.csv, row 3, column value: 'abc' is not a number; expected a number in 家, such as 300 or 300家."]),
    (f"{UNIT},高新技术企业,2024,30,吨,2024-09-30,",
     ["actuals.csv, row 4, column uom: cannot be converted to 家, the unit of this target (found '吨'); "
      "expected 家 or a unit convertible to it."]),
    (f"{UNIT},技术合同成交额,2024,3.2吨,,2024-09-30,",
     ["actuals.csv, row 5, column value: '3.2吨' is in 吨, which cannot be converted to 亿元; "
      "expected a number in 亿元, such as 3.2 or 3.2亿元."]),
    (f"{UNIT},高新技术企业,2024,-5,,2024-09-30,",
     ["actuals.csv, row 6, column value: only growth and change figures may be negative (found '-5'); "
      "expected a number of 0 or more (in 家)."]),
    (f"{UNIT},研发投入强度,2024,-0.1,,2024-09-30,",
     ["actuals.csv, row 7, column value: only growth and change figures may be negative (found '-0.1'); "
      "expected a number of 0 or more (in %)."]),
    (f"{UNIT},高新技术企业,2024,300,,九月底,",
     ["actuals.csv, row 8, column as_of: not a date; type a date such as 2024-09-30 or 2024年9月30日 (found '九月底')."]),
    (f"{UNIT},高新技术企业,2024,300,,2023-12-31,",
     ["actuals.csv, row 9, column as_of: the date is before the period of the 2024 target (found '2023-12-31'); "
      "expected a date from 2024-01-01 on."]),
    (f"{UNIT},高新企业,2024,300,,2024-09-30,",
     [f"actuals.csv, row 10: no target for this unit, indicator and year; add it with `tracker targets import` "
      f"or correct the names (found '{UNIT} | 高新企业 | 2024'); expected an indicator with a 2024 target for "
      f"{UNIT}, such as 高新技术企业."]),
    ("乌鲁木齐经开区,高新技术企业,2024,300,,2024-09-30,",
     ["actuals.csv, row 11: no target for this unit, indicator and year; add it with `tracker targets import` "
      "or correct the names (found '乌鲁木齐经开区 | 高新技术企业 | 2024'); expected a unit with targets, "
      f"such as {UNIT}."]),
    (f"{UNIT},高新技术企业,2025,300,,2025-09-30,",
     [f"actuals.csv, row 12: no target for this unit, indicator and year; add it with `tracker targets import` "
      f"or correct the names (found '{UNIT} | 高新技术企业 | 2025'); expected a year with targets for {UNIT}: 2024."]),
    (f"{UNIT},高新技术企业,24,,,,说明",
     ["actuals.csv, row 13, column year: not a year; type a year such as 2024 (found '24').",
      "actuals.csv, row 13, column as_of: the cell is empty; this column is required.",
      "actuals.csv, row 13, column value: the cell is empty; this column is required."]),
    (",,2024,1,,2024-09-30,",
     ["actuals.csv, row 14, column unit: the cell is empty; this column is required.",
      "actuals.csv, row 14, column indicator: the cell is empty; this column is required."]),
    (f"{UNIT},高新技术企业,2024,299,,2024-09-30,",
     ["actuals.csv, row 15: row 2 already gives this unit, indicator, year and date another figure; "
      "keep one of the two rows."]),
    (f"{UNIT},高新技术企业,2024,300,,2024-09-30,", []),    # an identical repeat of row 2
    (f"{UNIT},研发投入强度,2024,,,,", []),                  # a template row nobody filled in
    (f"{UNIT},高新技术企业,2024,-5,,2023-06-30,",            # every problem of a row at once
     ["actuals.csv, row 18, column value: only growth and change figures may be negative (found '-5'); "
      "expected a number of 0 or more (in 家).",
      "actuals.csv, row 18, column as_of: the date is before the period of the 2024 target (found '2023-06-30'); "
      "expected a date from 2024-01-01 on."]),
    (f"{UNIT},高新技术企业,2024,二百多,,2024-09-30,",
     ["actuals.csv, row 19, column value: '二百多' is an approximate figure, from which no completion can be "
      "computed: type the exact figure (in 家), and any remark in the note (备注)."]),
    (f"{UNIT},技术合同成交额,2024,\"3,5\",,2024-09-30,",
     ["actuals.csv, row 20, column value: the comma in '3,5' is ambiguous: write 3.5 for a decimal or 35 for a "
      "whole number (a thousands separator comes every three digits, as in 3,500)."]),
]


def test_every_kind_of_bad_row_is_reported_at_once(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join([ENGLISH_HEADER, *(row for row, _ in BAD_ROWS)]), encoding="utf-8")
    actuals, problems = read_actuals_file(path, TARGETS)
    assert [str(p) for p in problems] == [message for _, messages in BAD_ROWS for message in messages]
    assert [(a.indicator, a.value, a.origin) for a in actuals] == [("高新技术企业", 300.0, "actuals.csv, row 2")]


def test_missing_columns_are_one_problem_each_and_no_rows_are_read(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text("单位,指标,年份,数值\n甲区,高新技术企业,2024,300\n", encoding="utf-8")
    actuals, problems = read_actuals_file(path, TARGETS)
    assert actuals == []
    assert [str(p) for p in problems] == [
        "actuals.csv, row 1: no column headed value; expected a column headed one of: value, 实际完成, 完成值.",
        "actuals.csv, row 1: no column headed as_of; expected a column headed one of: as_of, 数据截至, 截至日期.",
    ]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("actuals.xls", b"\xd0\xcf\x11\xe0", "actuals.xls is neither a CSV nor an .xlsx file; save it from Excel as .xlsx or CSV."),
    ("actuals.csv", bytes(range(256)) * 8, "actuals.csv is not a text file (binary data (not text in any known "
                                           "encoding)); save it from Excel as CSV or .xlsx."),
])
def test_unreadable_files_are_rejected(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputRejected) as info:
        read_actuals_file(tmp_path / name, TARGETS)
    assert str(info.value) == message


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_round_trip_into_the_ledger(tmp_path, suffix):
    path = tmp_path / f"actuals-template{suffix}"
    write_actuals_template(path, TARGETS)
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book["实际完成"]
        assert [c.value for c in sheet[1]] == ["单位 (unit)", "指标 (indicator)", "年度 (year)", "实际完成 (value)",
                                               "计量单位 (uom)", "数据截至 (as_of)", "备注 (note)"]
        assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
            [UNIT, "技术合同成交额", 2024, None, "亿元", None, None],
            [UNIT, "研发投入强度", 2024, None, "%", None, None],
            [UNIT, "研发经费投入增长", 2024, None, "%", None, None],
            [UNIT, "高新技术企业", 2024, None, "家", None, None],
        ]
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert book.sheetnames == ["实际完成", "说明"]
        sheet["D3"], sheet["F3"] = 2.43, datetime(2024, 9, 30)
        sheet["D5"], sheet["F5"], sheet["G5"] = 300, "2024年9月30日", "含第二批"
        book.save(path)
    else:
        text = path.read_bytes()
        assert text.startswith(b"\xef\xbb\xbf")
        lines = text.decode("utf-8-sig").split("\r\n")
        assert lines[0] == "单位 (unit),指标 (indicator),年度 (year),实际完成 (value),计量单位 (uom),数据截至 (as_of),备注 (note)"
        assert lines[2] == f"{UNIT},研发投入强度,2024,,%,,"
        lines[2] = f"{UNIT},研发投入强度,2024,2.43,%,2024-09-30,"
        lines[4] = f"{UNIT},高新技术企业,2024,300,家,2024年9月30日,含第二批"
        path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    actuals, problems = read_actuals_file(path, TARGETS)
    assert problems == []
    with Ledger.open(tmp_path / "tracker.db", clock=TickingClock()) as ledger:
        assert ledger.add_actuals(actuals) == 2
        history = ledger.actual_history()
    name = path.name
    assert [(a.indicator, a.value, a.uom, a.as_of, a.note, a.origin) for a in history] == [
        ("高新技术企业", 300.0, "家", date(2024, 9, 30), "含第二批", f"{name}, row 5"),
        ("研发投入强度", 2.43, "%", date(2024, 9, 30), None, f"{name}, row 3"),
    ]


TARGETS_CSV = """\
单位,指标,年度,目标值,计量单位,比较,指标类型,方向,类别,力争值,基数,期间,备注
甲区,高新技术企业,2024,280,家,以上,总量,,科技创新,300,954,,省下达
甲区,地区生产总值增速,2024,6%-6.5%,,,增速,,,,,,
甲区,单位GDP能耗下降,2024,-3,%,,growth,down,,,,,
甲区,城镇调查失业率,2024,5.5,%,,share,down,,,,,
甲区,技术合同成交额,2021,100,亿元,≥,level,,,,,2021-01/2025-12,十四五
甲区,科技型中小企业,2024,,家,,level,,,,,,
甲区,专利,24,5件,,大约,数量,sideways,,,,2024/12,
甲区,专利,2024,-5,件,,数量,,,,,,
甲区,高新技术企业,2024,290,家,,level,,,,,,
"""


def test_targets_file(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_bytes(TARGETS_CSV.encode("gbk"))
    targets, problems = read_targets_file(path)
    manual = {"indicator_id": None, "origin": "manual"}
    assert targets == [
        Target(unit="甲区", indicator="高新技术企业", year=2024, metric="level", direction="up", comparator=">=",
               value=280.0, uom="家", category="科技创新", stretch_value=300.0, baseline=954.0, **manual),
        Target(unit="甲区", indicator="地区生产总值增速", year=2024, metric="growth", direction="up", comparator="=",
               value=6.0, value_max=6.5, uom="%", **manual),
        Target(unit="甲区", indicator="单位GDP能耗下降", year=2024, metric="growth", direction="down",
               comparator="<=", value=-3.0, uom="%", **manual),
        Target(unit="甲区", indicator="城镇调查失业率", year=2024, metric="share", direction="down", comparator="<=",
               value=5.5, uom="%", **manual),
        Target(unit="甲区", indicator="技术合同成交额", year=2021, metric="level", direction="up", comparator=">=",
               value=100.0, uom="亿元", period_start=date(2021, 1, 1), period_end=date(2025, 12, 31), **manual),
    ]
    assert [str(p) for p in problems] == [
        "targets.csv, row 7, column 目标值: the cell is empty; this column is required.",
        "targets.csv, row 8, column 年度: not a year; type a year such as 2024 (found '24').",
        "targets.csv, row 8, column 方向: not a known direction; use one of up, down or 上升, 下降 (found 'sideways').",
        "targets.csv, row 8, column 计量单位: the cell is empty; a level target needs its unit of measure; "
        "expected a unit of measure such as 家 or 亿元.",
        "targets.csv, row 8, column 比较: not a known comparator; use one of ≥, >, ≤, <, =, ≈ or 以上, 超过, 以内, "
        "低于, 左右 (found '大约').",
        "targets.csv, row 8, column 期间: not a period; write it as 2024-01/2024-12 or 2024-01-01/2024-12-31 "
        "(found '2024/12').",
        "targets.csv, row 9, column 目标值: only growth and change targets may be negative (found '-5'); "
        "expected a number of 0 or more (in 件).",
        "targets.csv, row 10: this unit, indicator and year already has a target in row 2; keep one of the two rows.",
    ]


def test_xlsx_data_on_a_later_sheet_with_marked_headers(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["请在“数据”表填写"])
    sheet = book.create_sheet("数据")
    sheet.append(["单位*", "指标*", "年度*", "实际完成*", "数据截至*", "责任人"])
    sheet.append([UNIT, "高新技术企业", 2024, 300, "2024-09-30", "张三"])
    book.save(tmp_path / "figures.xlsx")
    actuals, problems = read_actuals_file(tmp_path / "figures.xlsx", TARGETS)
    assert (problems, [(a.value, a.origin) for a in actuals]) == ([], [(300.0, "figures.xlsx, row 2")])


def test_a_template_csv_never_holds_a_formula_and_imports_back_as_it_was(tmp_path):
    # Names users or documents gave can start as a formula does; in the CSV they are text.
    hostile = [target("=1+1今年指标", 280, "家"), target("-高新技术企业", 10, "亿元"), target("@SUM(A1)", 5, "家"),
               target("\t制表符开头", 3, "家"), target("+86", 4, "家")]
    hostile = [*hostile, Target(unit="=HYPERLINK(\"x\")", indicator="高新技术企业", indicator_id=None, year=2024,
                                metric="level", direction="up", comparator=">=", value=1, uom="家")]
    path = tmp_path / "template.csv"
    write_actuals_template(path, hostile)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[1:7] == [
        "\"'=HYPERLINK(\"\"x\"\")\",高新技术企业,2024,,家,,",
        f"{UNIT},\t制表符开头,2024,,家,,".replace("\t", "'\t"),
        f"{UNIT},+86,2024,,家,,",               # a plain number means the same either way
        f"{UNIT},'-高新技术企业,2024,,亿元,,",
        f"{UNIT},'=1+1今年指标,2024,,家,,",
        f"{UNIT},'@SUM(A1),2024,,家,,",
    ]
    lines[5] = f"{UNIT},'=1+1今年指标,2024,300,家,2024-09-30,"
    lines[1] = "\"'=HYPERLINK(\"\"x\"\")\",高新技术企业,2024,2,家,2024-09-30,"
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    actuals, problems = read_actuals_file(path, hostile)
    assert problems == []
    assert [(a.unit, a.indicator, a.value) for a in actuals] == [
        ("=HYPERLINK(\"x\")", "高新技术企业", 2.0), (UNIT, "=1+1今年指标", 300.0)]

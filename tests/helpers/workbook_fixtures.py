"""A fixed ledger for the workbook tests: two units whose targets cover every rule in status.py.

Targets cover level/growth/share/change, up and cap, every comparator, ~ with tolerance, a
range, a stretch value, a baseline, a zero target, a half-year period (over by September), a
target with no figure, a manual target and hostile text (a formula-like quote and name).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from tracker.assess.status import unit_reports
from tracker.config import Settings
from tracker.models import Actual, Record, Source, Target, UnitReport
from tracker.render import RenderContext
from tracker.render.names import safe_file_name
from tracker.render.workbook.summary import Summary, render_summary
from tracker.render.workbook.tracker import render_tracker

SETTINGS = Settings(unit_names_en={"甲区": "District A", "乙县": "County B"})
AS_OF = date(2024, 9, 30)
GENERATED = date(2024, 10, 8)
NAMES_EN = {
    "高新技术企业": "High-tech enterprises", "技术合同成交额": "Technology contract turnover",
    "研发经费投入增长": "R&D spending growth", "科技创新": "Innovation",
}
UNIT_A, UNIT_B = "甲区", "乙县"
DOC = "2024年甲区政府工作报告.txt"


def source(start: int, quote: str, doc: str = DOC) -> Source:
    return Source(doc, start, start + len(quote), quote)


def target(indicator: str, value: float, *, unit: str = UNIT_A, metric: str = "level", comparator: str = ">=",
           direction: str = "up", uom: str = "家", **changes: object) -> Target:
    changes.setdefault("category", "科技创新")
    return Target(unit=unit, indicator=indicator, indicator_id=None, year=2024, metric=metric,
                  direction=direction, comparator=comparator, value=value, uom=uom, **changes)


TARGETS = [
    target("高新技术企业", 280, sources=(source(10, "高新技术企业总量达到280家"),), record_ids=("r1",),
           stretch_value=300, baseline=230),
    target("技术合同成交额", 10, comparator=">", uom="亿元",
           sources=(source(40, "技术合同成交额超过10亿元"), source(90, "技术合同成交额10亿元", doc="要点.docx")),
           record_ids=("r2", "r3")),
    target("研发经费投入增长", 30, metric="growth", uom="%", sources=(source(70, "研发经费投入增长30%"),),
           record_ids=("r4",)),
    target("研发投入强度", 2.5, metric="share", comparator="~", uom="%", category="创新投入"),
    target("单位GDP能耗下降", 3, metric="change", comparator="=", direction="down", uom="个百分点", category=None),
    target("城镇调查失业率", 5.5, metric="share", comparator="<=", uom="%", category="民生"),
    target("能源消费总量", 120, comparator="<", uom="万吨标准煤", category="绿色"),
    target("新增专精特新企业", 20, comparator="~", uom="家", value_max=25),
    target("上半年招商引资到位资金", 50, uom="亿元", period_start=date(2024, 1, 1),
           period_end=date(2024, 6, 30), category="招商"),
    target("零目标指标", 0, uom="项", category=None),
    target("=HYPERLINK(\"http://x\")", 12, uom="个", origin="manual", category="+危险"),
    target("规上工业增加值增速", 8, unit=UNIT_B, metric="growth", uom="%", comparator="~"),
    target("高新技术企业", 90, unit=UNIT_B, uom="家", sources=(source(5, "@高企90家", doc="乙县.txt"),)),
    target("一般公共预算收入", 12.5, unit=UNIT_B, uom="亿元"),
]


def actual(indicator: str, value: float, as_of: date = AS_OF, *, unit: str = UNIT_A, uom: str = "家",
           note: str | None = None, recorded: datetime | None = None) -> Actual:
    return Actual(unit=unit, indicator=indicator, year=2024, value=value, uom=uom, as_of=as_of,
                  origin="import.csv, row 2", note=note, recorded_at=recorded)


ACTUALS = [
    actual("高新技术企业", 150, date(2024, 6, 30), recorded=datetime(2024, 7, 5, 9, 30)),
    actual("高新技术企业", 201, note="第二批认定未公布", recorded=datetime(2024, 10, 8, 9, 0)),
    actual("技术合同成交额", 6.2, uom="亿元"),
    actual("研发经费投入增长", 24.5, uom="%"),
    actual("研发投入强度", 2.1, uom="%", as_of=date(2024, 8, 31)),
    actual("单位GDP能耗下降", 2.0, uom="个百分点"),
    actual("城镇调查失业率", 5.2, uom="%"),
    actual("能源消费总量", 80, uom="万吨标准煤"),
    actual("新增专精特新企业", 19, uom="家"),
    actual("上半年招商引资到位资金", 41, date(2024, 6, 30), uom="亿元"),
    actual("零目标指标", 2, uom="项"),
    actual("规上工业增加值增速", 7.6, unit=UNIT_B, uom="%"),
    actual("高新技术企业", 30, unit=UNIT_B),
]

RECORDS = [
    Record(id="r9", doc=DOC, unit=UNIT_A, indicator="高新技术企业", indicator_id=None,
           indicator_text="高新技术企业", kind="actual", metric="level", value=230, uom="家", comparator="=",
           year=2023, source=source(200, "=2023年高新技术企业230家，比上年增加56家，总量创历史新高；技术合同成交额8.3亿元，"
                                 "同比增长21.5%，全社会研发经费投入强度达到2.3%，科技型中小企业评价入库312家"), confidence=0.9),
]


def reports(as_of: date = AS_OF, settings: Settings = SETTINGS, lang: str = "zh",
            actuals: list[Actual] | None = None) -> list[UnitReport]:
    made = unit_reports(TARGETS, ACTUALS if actuals is None else actuals, as_of, settings, lang)
    return [_with_records(report) for report in made]


def _with_records(report: UnitReport) -> UnitReport:
    own = tuple(r for r in RECORDS if r.unit == report.unit)
    return replace(report, records=own)


def tracker_files(reports_: list[UnitReport]) -> dict[str, str]:
    return {r.unit: f"trackers/{safe_file_name(r.unit)}.xlsx" for r in reports_}


def context(lang: str = "zh", settings: Settings = SETTINGS) -> RenderContext:
    """What the fixture workbooks are rendered with."""
    return RenderContext(settings, lang, NAMES_EN, GENERATED)


def build_outputs(folder: Path, lang: str = "zh") -> dict[str, Path]:
    """Every workbook of the fixture ledger under `folder`: unit -> tracker path, and "summary"."""
    made = reports(lang=lang)
    links = tracker_files(made)
    ctx = context(lang)
    paths = {}
    for report in made:
        paths[report.unit] = folder / links[report.unit]
        render_tracker(ctx, report, paths[report.unit])
    paths["summary"] = folder / "summary.xlsx"
    render_summary(ctx, Summary(tuple(made), links), paths["summary"])
    return paths

"""Hand-built ledgers for the memo tests: targets and actuals -> tracker.assess.status.unit_reports.

Between them the units cover every status code, every metric, caps, a decline target, a `~`
target, a stretch value, a multi-year target, a period that is over, a target entered by hand
and a source quote that is long and full of characters XML and the memo markup care about.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
from datetime import date
from pathlib import Path

import docx

from tests.helpers import GOLDEN
from tracker.assess.status import unit_reports
from tracker.config import Project, Settings
from tracker.models import Actual, DocumentInfo, Source, Target, UnitReport
from tracker.render import RenderContext

Q3, YEAR_END = date(2024, 9, 30), date(2024, 12, 31)
UNIT_A, UNIT_B, UNIT_C = "乌鲁木齐高新区(新市区)", "乙区", "丙区"
DOC = "乌鲁木齐/2024年政府工作报告.html"
NASTY_QUOTE = "# 力争<技术合同>成交额 & 超过10亿元\x01\x0b\n@table x\n" + "很长的句子" * 60
NAMES_EN = {"技术合同成交额": "Technology contract turnover", "高新技术企业": "High-tech enterprises",
            "全社会研发经费投入": "R&D spending", "城镇调查失业率": "Surveyed urban unemployment rate",
            "科技创新": "Science, technology and innovation"}
UNIT_NAMES_EN = {UNIT_A: "Urumqi High-tech Zone (Xinshi District)"}


def target(unit: str, indicator: str, value: float, comparator: str = ">=", metric: str = "level",
           uom: str = "家", quote: str | None = None, **changes) -> Target:
    changes.setdefault("category", "科技创新")
    changes.setdefault("direction", "up")
    sources = () if changes.get("origin") == "manual" else (
        Source(DOC, 10, 30, quote or f"{indicator}{comparator}{value}{uom}"),)
    return Target(unit=unit, indicator=indicator, indicator_id=None, year=2024, metric=metric,
                  comparator=comparator, value=value, uom=uom, sources=sources, **changes)


def actual(unit: str, indicator: str, value: float, as_of: date = Q3) -> Actual:
    return Actual(unit=unit, indicator=indicator, year=2024, value=value, uom="", as_of=as_of,
                  origin="fixture")


LEDGER_A = [  # as of 30 September: time progress 75%
    (target(UNIT_A, "技术合同成交额", 10, ">", uom="亿元", quote=NASTY_QUOTE), 6.2),         # behind, -13.0
    (target(UNIT_A, "高新技术企业", 280, stretch_value=300), 285),                            # achieved, stretch short
    (target(UNIT_A, "科技型中小企业", 500), 401),                                             # ahead, +5.2
    (target(UNIT_A, "发明专利拥有量", 1000, uom="件"), 700),                                  # on schedule, -5.0
    (target(UNIT_A, "新型研发机构", 10, uom="个"), 3),                                        # seriously behind, -45.0
    (target(UNIT_A, "全社会研发经费投入", 30, metric="growth", uom="%"), 24.5),               # seriously behind rate
    (target(UNIT_A, "研发投入强度", 2.3, metric="share", uom="%"), 2.4),                     # ahead share
    (target(UNIT_A, "高新技术产业增加值占比", 1, metric="change", uom="个百分点"), 0.8),        # on schedule change
    (target(UNIT_A, "规上工业增加值", 6, "~", metric="growth", uom="%"), 6.3),                # `~` within tolerance
    (target(UNIT_A, "单位GDP能耗", -3, "=", metric="growth", uom="%", direction="down"), -4),  # decline, beaten
    (target(UNIT_A, "专精特新企业", 20), None),                                               # not reported
]
LEDGER_B = [
    (target(UNIT_B, "技术合同成交额", 8, ">", uom="亿元"), 9),                                 # achieved early
    (target(UNIT_B, "城镇调查失业率", 5.5, "<=", metric="share", uom="%", category="民生"), 5.2),  # cap rate
    (target(UNIT_B, "能源消费总量", 50, "<=", uom="万吨标准煤", category="民生"), 55),          # cap exceeded
    (target(UNIT_B, "重点实验室", 20, "~", uom="个"), 19),                                    # `~` level, met
    (target(UNIT_B, "高新技术企业", 500, period_start=date(2021, 1, 1),
            period_end=date(2025, 12, 31)), 420),                                             # five-year plan
    (target(UNIT_B, "科技成果转化项目", 30, uom="项", origin="manual"), 15),                   # entered by hand
]
LEDGER_C = [  # as of 31 December: the year is over
    (target(UNIT_C, "技术合同成交额", 5, uom="亿元"), 4.1),                                   # missed
    (target(UNIT_C, "全社会研发经费投入", 10, metric="growth", uom="%"), 12.2),               # achieved rate
    (target(UNIT_C, "能源消费总量", 40, "<=", uom="万吨标准煤"), 38.5),                       # cap kept
    (target(UNIT_C, "单位GDP能耗", -2, "=", metric="growth", uom="%", direction="down"), 1.5),  # rose instead
]


def reports(settings: Settings | None = None) -> list[UnitReport]:
    """Reports for the three units: A and B at 30 September, C at 31 December 2024."""
    settings = settings or Settings()
    found = []
    for ledger, as_of in ((LEDGER_A + LEDGER_B, Q3), (LEDGER_C, YEAR_END)):
        targets = [t for t, _ in ledger]
        actuals = [actual(t.unit, t.indicator, value, as_of) for t, value in ledger if value is not None]
        found += unit_reports(targets, actuals, as_of, settings)
    return sorted(found, key=lambda report: report.unit)


def report_of(unit: str) -> UnitReport:
    return next(report for report in reports() if report.unit == unit)


def context(project: Project, lang: str = "zh", names: dict[str, str] | None = None) -> RenderContext:
    """How the memo tests render: with the project's settings and templates."""
    return RenderContext(project.settings, lang, names or {}, templates=project.template_source)


def dump(path: Path) -> dict:
    """A memo's text: every paragraph with its style, and every table's cells."""
    doc = docx.Document(io.BytesIO(path.read_bytes()))
    return {
        "paragraphs": [[p.style.name, p.text] for p in doc.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables],
    }


def check_golden(name: str, data: dict) -> None:
    """Compare a dump with tests/golden/<name>.json; UPDATE_GOLDEN=1 rewrites it instead.

    The file holds one line per paragraph ("[Style] text") and per table row (cells joined by " | "),
    so a change in wording shows as a one-line diff.
    """
    path = GOLDEN / f"{name}.json"
    readable = {"paragraphs": [f"[{style}] {text}" for style, text in data["paragraphs"]],
                "tables": [[" | ".join(row) for row in table] for table in data["tables"]]}
    text = json.dumps(readable, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run the tests once with UPDATE_GOLDEN=1 and review it"
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))


# --- situations (tests/render/memo/test_memo_situations.py) -----------------------------------------
UNIT_D, UNIT_E, UNIT_F = "丁区", "戊区", "己区"
SITUATION_DOC = "丁区/2024年工作报告.txt"
FIVE = ("力争今年高新技术企业达到300家,科技型中小企业500家以上;技术合同成交额超过12亿元,"
        "全社会研发经费投入增长20%,新增“专精特新”企业30家。")
LONG_TERM = "全力打造新能源新材料千亿级产业集群、生物医药百亿级产业集群。"
SITUATION_DOCUMENTS = (DocumentInfo(SITUATION_DOC, "丁区2024年政府工作报告", date(2024, 1, 20)),
                       DocumentInfo("戊区/会议新闻.txt"))


def sentence_target(unit: str, indicator: str, value: float, uom: str, quote: str, doc: str = SITUATION_DOC,
                    **changes) -> Target:
    """A target stated by `quote` in `doc` (targets of one sentence share its offsets; FIVE comes first)."""
    changes.setdefault("category", "科技创新")
    start = 0 if quote == FIVE else len(FIVE)
    return Target(unit=unit, indicator=indicator, indicator_id=None, year=2024, metric=changes.pop("metric", "level"),
                  direction="up", comparator=changes.pop("comparator", ">="), value=value, uom=uom,
                  sources=(Source(doc, start, start + len(quote), quote),), **changes)


def five_targets(unit: str, doc: str = SITUATION_DOC) -> list[Target]:
    return [sentence_target(unit, "高新技术企业", 300, "家", FIVE, doc, comparator="="),
            sentence_target(unit, "科技型中小企业", 500, "家", FIVE, doc),
            sentence_target(unit, "技术合同成交额", 12, "亿元", FIVE, doc, comparator=">"),
            sentence_target(unit, "全社会研发经费投入", 20, "%", FIVE, doc, metric="growth", comparator="="),
            sentence_target(unit, "新增专精特新企业", 30, "家", FIVE, doc, comparator="=")]


def situation_reports() -> dict[str, UnitReport]:
    """丁区: nothing reported, two long-term goals, five targets from one sentence (a titled, dated
    document); 戊区: every target ahead (a document without a title); 己区: one unit far behind."""
    settings = Settings()
    d_targets = [*five_targets(UNIT_D),
                 sentence_target(UNIT_D, "新能源新材料千亿级产业集群", 1000, "亿元", LONG_TERM, long_term=True),
                 sentence_target(UNIT_D, "生物医药百亿级产业集群", 100, "亿元", LONG_TERM, long_term=True)]
    e_targets = five_targets(UNIT_E, "戊区/会议新闻.txt")
    f_targets = five_targets(UNIT_F, "己区/报告.txt")
    figures = {UNIT_E: (240, 400, 10, 21.5, 25), UNIT_F: (90, 150, 3, 8.0, 6)}
    actuals = [actual(t.unit, t.indicator, value) for unit, values in figures.items()
               for t, value in zip(e_targets if unit == UNIT_E else f_targets, values, strict=True)]
    found = unit_reports(d_targets + e_targets + f_targets, actuals, Q3, settings)
    return {r.unit: dataclasses.replace(r, documents=SITUATION_DOCUMENTS) for r in found}

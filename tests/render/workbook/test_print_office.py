"""summary.xlsx and records.xlsx printed by LibreOffice: landscape, fitted to the page width, text of
8 points or more, headers repeated on every page (issue 13: 指标矩阵 printed unreadably small,
records.xlsx printed on 14 portrait pages with columns cut)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from tests.helpers.builders import record
from tests.helpers.office import office, soffice_convert
from tests.helpers.workbook_fixtures import GENERATED, SETTINGS
from tracker.assess.status import unit_reports
from tracker.models import Actual, Source, Target
from tracker.render import RenderContext
from tracker.render.review_sheet import write_review_workbook
from tracker.render.workbook.summary import Summary, render_summary

pytestmark = office
AS_OF = date(2024, 9, 30)
MIN_POINTS = 8.0
UNITS = ("甲高新区", "乙经开区", "丙县", "丁市")
INDICATORS = [f"第{n}项科技创新指标名称" for n in range(1, 25)]   # 24 columns: far too many for one page


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    text: str
    smallest: float
    right: float            # the rightmost edge of any character
    left: float


def _chars(item):
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars(child)


def pages(pdf: Path) -> list[Page]:
    found = []
    for layout in extract_pages(pdf):
        chars = list(_chars(layout))
        text = "".join(c.get_text() for c in chars if c.get_text().strip())
        found.append(Page(layout.width, layout.height, text, min(c.size for c in chars),
                          max(c.x1 for c in chars), min(c.x0 for c in chars)))
    return found


def summary_reports():
    targets = [Target(unit=unit, indicator=name, indicator_id=None, year=2024, metric="level", direction="up",
                      comparator=">=", value=100 + n, uom="家", category="科技创新",
                      sources=(Source(f"{unit}/2024年政府工作报告.txt", n, n + 10, f"{name}达到{100 + n}家"),))
               for unit in UNITS for n, name in enumerate(INDICATORS)]
    actuals = [Actual(unit=t.unit, indicator=t.indicator, year=2024, value=t.value * 0.7, uom="家", as_of=AS_OF,
                      origin="test") for t in targets[::2]]
    return unit_reports(targets, actuals, AS_OF, SETTINGS)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[Page]]:
    root = tmp_path_factory.mktemp("print")
    summary = root / "summary.xlsx"
    render_summary(RenderContext(SETTINGS, "zh", {}, GENERATED), Summary(tuple(summary_reports())), summary)
    records = [record(hashlib.sha1(str(n).encode()).hexdigest(), start=n * 40, unit=UNITS[n % 4],
                      indicator=INDICATORS[n % 24], indicator_text=INDICATORS[n % 24],
                      value=[280.0, 11.11111111, 1.08, 30.0][n % 4], flags=("unknown_indicator",) if n % 3 else (),
                      source=Source("江苏高新区-做强创新型产业集群.txt", n * 40, n * 40 + 60,
                                    "力争今年高新技术企业总量达280家,入库科技型中小企业260家以上;市级以上创新平台达到110家"))
               for n in range(90)]
    review = root / "records.xlsx"
    write_review_workbook(records, review, {})
    return {name: pages(soffice_convert(path, "pdf", root / "pdf")) for name, path in
            (("summary", summary), ("records", review))}


def sheet_pages(found: list[Page], title: str, next_title: str | None) -> list[Page]:
    """The pages of one sheet: from the page with its title to the page before the next sheet's."""
    start = next(i for i, page in enumerate(found) if title in page.text)
    end = next((i for i, page in enumerate(found) if next_title and next_title in page.text), len(found))
    return found[start:end]


def check_readable(found: list[Page]) -> None:
    for page in found:
        assert page.width > page.height, "landscape"
        assert page.smallest >= MIN_POINTS - 0.05, f"text at {page.smallest:.1f} pt: {page.text[:40]}"
        assert page.left >= 0 and page.right <= page.width, "nothing runs off the page"


def test_matrix_prints_landscape_readable_in_page_wide_parts_with_units_and_headers_repeated(printed):
    matrix = sheet_pages(printed["summary"], "分指标完成情况矩阵", "全部目标（")
    check_readable(matrix)
    assert len(matrix) >= 2                       # 24 indicators do not squeeze onto one page
    for page in matrix:
        assert "单位" in page.text and all(unit in page.text for unit in UNITS)   # unit column on every part
    for name in INDICATORS:                       # every indicator column printed, none cut
        assert any(name in page.text for page in matrix), name


def test_summary_sheets_all_print_readably(printed):
    check_readable(printed["summary"])


def test_records_print_landscape_readable_with_the_header_and_id_on_every_page(printed):
    found = [page for page in printed["records"] if "审核说明" not in page.text]
    check_readable(found)
    for page in found:
        assert page.text.startswith("编号")       # the header row repeats, its first column too
    headers = ["文件", "单位", "指标", "原文指标", "类型", "指标类型", "数值", "计量单位", "比较", "年份", "期间",
               "置信度", "标记", "原文", "决定", "更正 单位", "更正 数值", "更正 类型"]
    for header in headers:
        assert any(header.replace(" ", "") in page.text for page in found), header
    text = "".join(page.text for page in found)
    assert "11.11111111" not in text and "11.11" in text      # figures show two decimals at most
    assert "target" not in text and "level" not in text and "unknown_indicator" not in text
    assert "目录外指标" in text and "目标" in text and "总量" in text

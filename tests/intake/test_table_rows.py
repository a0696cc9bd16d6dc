"""Tables reach the extractor as one line per row with cells joined by tabs, whatever their
format: HTML (spans filled so columns line up), .docx, and text copies with bars."""

from __future__ import annotations

import pytest

from tracker.intake.clean import clean
from tracker.intake.html import read_html


def test_html_rows_keep_their_columns_across_row_and_column_spans():
    page = ("<html><body><div class='article'><p>前三季度全区经济运行平稳，主要指标稳中有升，质量效益持续向好。</p><table>"
            "<tr><th rowspan='2'>指标</th><th rowspan='2'>单位</th><th colspan='2'>1-9月</th></tr>"
            "<tr><th>绝对值</th><th>增长(%)</th></tr>"
            "<tr><td><p>地区生产</p><p>总值</p></td><td>亿元</td><td>412.5</td><td>8.6</td></tr>"
            "</table></div></body></html>")
    assert read_html(page).text.splitlines()[1:] == [
        "指标\t单位\t1-9月\t1-9月", "\t\t绝对值\t增长(%)", "地区生产 总值\t亿元\t412.5\t8.6"]


def test_a_layout_table_is_read_as_blocks():
    long = "全区地区生产总值增长6%，规模以上工业增加值增长8%，固定资产投资增长10%。" * 6
    page = f"<html><body><table><tr><td><p>{long}</p><p>第二段。</p></td></tr></table></body></html>"
    assert read_html(page).text.splitlines() == [long, "第二段。"]


# An inner bar stays before its tab: two numbers one blank apart would read as one number.
@pytest.mark.parametrize(("original", "rows"), [
    ("|\n指标 |\n单位 |\n1-9月 |\n|\n地区生产总值 |\n亿元 |\n412.5 |\n",
     ["指标 |\t单位 |\t1-9月", "地区生产总值 |\t亿元 |\t412.5"]),
    ("| 指标 | 单位 | 1-9月 |\n|---|:---:|---|\n| 地区生产总值 | 亿元 | 412.5 |",
     ["指标 |\t单位 |\t1-9月", "地区生产总值 |\t亿元 |\t412.5"]),
    ("指标｜单位｜1-9月\n地区生产总值｜亿元｜412.5", ["指标|\t单位|\t1-9月", "地区生产总值|\t亿元|\t412.5"]),
    ("|\n指标 |\n上年 |\n本年 |\n|\n工业增加值 |\n1380 |\n412.5 |\n",
     ["指标 |\t上年 |\t本年", "工业增加值 |\t1380 |\t412.5"]),
])
def test_text_tables_with_bars_become_rows_of_cells(original, rows):
    cleaned = clean(original).text
    assert cleaned.text.splitlines() == rows
    last = cleaned.text.rindex("412.5")
    a, b = cleaned.original_span(last, last + 5)
    assert original[a:b] == "412.5"


@pytest.mark.parametrize("text", [
    "甲|乙两地合作共建产业园区。",          # one bar is prose
    "\t今年全区新增企业200家。",              # an indent is not a cell break
    "全区新增企业200家。\t",
])
def test_what_is_not_a_table_keeps_its_text(text):
    assert "\t" not in clean(text).text.text
    assert clean(text).text.text.strip().replace(" ", "") == text.strip().replace("\t", "")

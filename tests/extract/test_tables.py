"""Tables of statistical releases and plans: each row's figures with their indicator (the row
name, or the column's in a table of units), measure (单位 column, the header's (万元)/(%), a
caption's 单位:), metric (a growth column is growth, a share column share) and period; the
quote is the row as the document writes it. HTML, .docx and three text forms of tables."""

from __future__ import annotations

import io

import pytest

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes

A, T = "actual", "target"


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def _extract(data: bytes, name: str, knowledge):
    prepared = prepare_document(read_bytes(data, name))
    return prepared, extract(prepared, *knowledge).records


def _rows(records) -> list[tuple]:
    return [(r.kind, r.unit, r.indicator, r.metric, r.value, r.uom, r.year, r.period) for r in records]


QUARTER_PAGE = """<html><head><meta charset="utf-8"><title>涪陵区2024年前三季度经济运行情况</title>
<meta name="PubDate" content="2024-10-25"></head><body><div class="content">
<h1>涪陵区2024年前三季度经济运行情况</h1>
<p>前三季度，全区经济运行总体平稳，主要指标稳中有升，发展质量持续提升，各项工作有序推进。</p>
<table>
<tr><td rowspan="2">指标</td><td rowspan="2">单位</td><td colspan="2">1-9月</td></tr>
<tr><td>绝对值</td><td>比上年同期增长(%)</td></tr>
<tr><td><p>地区生产总值</p></td><td>亿元</td><td>1012.5</td><td>6.1</td></tr>
<tr><td>规模以上工业增加值</td><td>—</td><td>—</td><td>8.6</td></tr>
<tr><td>社会消费品零售总额</td><td>亿元</td><td>440.9</td><td>-2.1</td></tr>
<tr><td>　其中：城镇消费品零售额</td><td>亿元</td><td>351.6</td><td>4.0</td></tr>
<tr><td>城镇调查失业率</td><td>%</td><td>5.2</td><td>-0.3</td></tr>
</table></div></body></html>"""


def test_an_html_table_with_two_header_rows(knowledge):
    prepared, records = _extract(QUARTER_PAGE.encode("utf-8"), "page.html", knowledge)
    period = "2024-01/2024-09"
    assert _rows(records) == [
        (A, "涪陵区", "地区生产总值", "level", 1012.5, "亿元", 2024, period),
        (A, "涪陵区", "地区生产总值增速", "growth", 6.1, "%", 2024, period),
        (A, "涪陵区", "规模以上工业增加值增速", "growth", 8.6, "%", 2024, period),
        (A, "涪陵区", "社会消费品零售总额", "level", 440.9, "亿元", 2024, period),
        (A, "涪陵区", "社会消费品零售总额增速", "growth", -2.1, "%", 2024, period),
        (A, "涪陵区", "城镇消费品零售额", "level", 351.6, "亿元", 2024, period),
        (A, "涪陵区", "城镇消费品零售额增速", "growth", 4.0, "%", 2024, period),
        # A rate's "growth" column is its change in points, which the header does not say: left out.
        (A, "涪陵区", "城镇调查失业率", "share", 5.2, "%", 2024, period),
    ]
    text = prepared.doc.text
    gdp = records[0]
    assert gdp.source.quote == "地区生产总值\t亿元\t1012.5\t6.1" == text[gdp.source.start:gdp.source.end]
    assert gdp.indicator_text == "地区生产总值"
    assert records[5].indicator_text == "其中：城镇消费品零售额"


def _docx(paragraphs: list[str], table: list[list[str]], merges: list[tuple] = ()) -> bytes:
    from docx import Document

    doc = Document()
    for paragraph in paragraphs:
        doc.add_paragraph(paragraph)
    grid = doc.add_table(rows=len(table), cols=len(table[0]))
    for (r1, c1), (r2, c2) in merges:
        grid.cell(r1, c1).merge(grid.cell(r2, c2))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            if value is not None:
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_docx_table_of_products_under_a_caption(knowledge):
    data = _docx(
        ["长顺县2023年国民经济和社会发展统计公报", "发布时间：2024-04-10", "表2 2023年长顺县主要工业产品产量"],
        [["产品名称", "计量单位", "产量", "比上年增长(%)"],
         ["水泥", "万吨", "123.4", "5.6"],
         ["发电量", "亿千瓦时", "12.5", "-3.0"]])
    _prepared, records = _extract(data, "公报.docx", knowledge)
    assert [(r.kind, r.unit, r.indicator, r.value, r.uom, r.year) for r in records] == [
        (A, "长顺县", "水泥产量", 123.4, "万吨", 2023),
        (A, "长顺县", "水泥产量增速", 5.6, "%", 2023),
        (A, "长顺县", "发电量", 12.5, "亿千瓦时", 2023),
        (A, "长顺县", "发电量增速", -3.0, "%", 2023),
    ]
    assert records[0].source.quote == "水泥\t万吨\t123.4\t5.6"


def test_a_docx_plan_table_gives_the_base_year_achieved_and_the_plan_year_as_goals(knowledge):
    data = _docx(
        ["宜昌市国民经济和社会发展第十四个五年规划纲要", "发布时间：2021-03-01", "专栏1 “十四五”经济社会发展主要指标"],
        [["指标", "单位", "2020年", "2025年", "年均增长(%)", "属性"],
         ["地区生产总值", "亿元", "4261", "6000", "6.5", "预期性"],
         ["研发经费投入强度", "%", "2.1", "2.8", "—", "预期性"]])
    _prepared, records = _extract(data, "规划.docx", knowledge)
    assert [(r.kind, r.indicator, r.value, r.uom, r.year) for r in records] == [
        (A, "地区生产总值", 4261, "亿元", 2020),
        (T, "地区生产总值", 6000, "亿元", 2025),
        (T, "地区生产总值增速", 6.5, "%", 2025),
        (A, "研发投入强度", 2.1, "%", 2020),
        (T, "研发投入强度", 2.8, "%", 2025),
    ]
    assert {r.unit for r in records} == {"宜昌市"}


def test_a_docx_table_with_merged_header_cells(knowledge):
    data = _docx(
        ["某某区2024年1-6月经济运行简况", "发布时间：2024-07-20", "九龙坡区上半年主要经济指标"],
        [["指标", "单位", "1-6月", None], [None, None, "绝对值", "增速(%)"], ["固定资产投资", "亿元", "300.2", "4.5"]],
        merges=[((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3))])
    _prepared, records = _extract(data, "简况.docx", knowledge)
    assert _rows(records) == [
        (A, "九龙坡区", "固定资产投资", "level", 300.2, "亿元", 2024, "2024-01/2024-06"),
        (A, "九龙坡区", "固定资产投资增速", "growth", 4.5, "%", 2024, "2024-01/2024-06"),
    ]


def test_a_table_of_units_gives_each_row_its_own_unit(knowledge):
    page = ("<html><head><meta charset='utf-8'><title>2023年重庆市各区县地区生产总值</title></head><body>"
            "<p>发布时间：2024-02-01</p><p>2023年，全市经济持续回升向好，各区县发展态势良好，总体保持稳定增长。</p>"
            "<table><tr><th>区县</th><th>地区生产总值(亿元)</th><th>增长(%)</th></tr>"
            "<tr><td>九龙坡区</td><td>2310.5</td><td>6.5</td></tr>"
            "<tr><td>江北区</td><td>1590.2</td><td>5.9</td></tr></table></body></html>")
    _prepared, records = _extract(page.encode("utf-8"), "区县.html", knowledge)
    assert [(r.unit, r.indicator, r.value, r.uom, r.year) for r in records] == [
        ("九龙坡区", "地区生产总值", 2310.5, "亿元", 2023), ("九龙坡区", "地区生产总值增速", 6.5, "%", 2023),
        ("江北区", "地区生产总值", 1590.2, "亿元", 2023), ("江北区", "地区生产总值增速", 5.9, "%", 2023),
    ]
    assert records[0].indicator_text == "地区生产总值(亿元)"


COPIED_CELLS = """羅甸縣2018年國民經濟和社會發展統計公報
發布時間：2019-04-28
2018年，全縣經濟運行穩中有進，發展質量穩步提升，民生事業持續改善。
表1 羅甸縣2018年地區生產總值構成表
|
行業名稱 |
現價 (萬元) |
不變價 (萬元) |
增速 (%) |
占比 (%) |
|
地區生產總值 |
612340 |
598215 |
10.4 |
100 |
|
工業 |
98760 |
97110 |
9.6 |
16 |
"""


def test_a_text_copy_with_one_cell_per_line_between_bars(knowledge):
    _prepared, records = _extract(COPIED_CELLS.encode("utf-8"), "公报.txt", knowledge)
    assert [(r.indicator, r.metric, r.value, r.uom, r.year) for r in records] == [
        ("地区生产总值", "level", 612340, "万元", 2018),
        ("地区生产总值增速", "growth", 10.4, "%", 2018),
        ("工业增加值", "level", 98760, "万元", 2018),
        ("工业增加值增速", "growth", 9.6, "%", 2018),
        ("工业增加值占GDP比重", "share", 16, "%", 2018),
    ]
    assert {r.unit for r in records} == {"罗甸县"}
    assert records[2].source.quote == "工業 |\n98760 |\n97110 |\n9.6 |\n16"
    assert records[2].indicator_text == "工業"


def test_a_text_copy_with_rows_between_bars_and_one_set_out_with_spaces(knowledge):
    text = ("某某县2024年一季度经济运行情况\n发布时间：2024-04-20\n"
            "一季度，全县经济运行开局良好，主要指标好于预期，为全年发展打下坚实基础。\n"
            "| 指标 | 单位 | 1-3月 | 增长(%) |\n|---|---|---|---|\n| 一般公共预算收入 | 亿元 | 12.3 | 5.2 |\n"
            "\n表2 主要指标\n"
            "指标名称 单位 1-3月 同比增长(%)\n固定资产投资 亿元 45.6 7.8\n农、林、牧、渔业 亿元 3.2 4.1\n")
    _prepared, records = _extract(("涪陵区" + text).encode("utf-8"), "情况.txt", knowledge)
    period = "2024-01/2024-03"
    assert [(r.indicator, r.value, r.uom, r.period) for r in records] == [
        ("一般公共预算收入", 12.3, "亿元", period), ("一般公共预算收入增速", 5.2, "%", period),
        ("固定资产投资", 45.6, "亿元", period), ("固定资产投资增速", 7.8, "%", period),
        ("农、林、牧、渔业", 3.2, "亿元", period), ("农、林、牧、渔业增速", 4.1, "%", period),
    ]


def test_a_layout_table_is_read_as_paragraphs_and_a_table_without_figures_gives_nothing(knowledge):
    long = "今年，高新区将力争高新技术企业总量达到280家，技术合同成交额超过10亿元。" * 5
    page = ("<html><head><meta charset='utf-8'><title>兰州高新区2024年工作要点</title></head><body>"
            f"<table><tr><td><p>{long}</p><p>全社会研发经费投入增长30%。</p></td></tr></table>"
            "<table><tr><td>联系人</td><td>电话</td></tr><tr><td>张三</td><td>0931-8159799</td></tr></table>"
            "</body></html>")
    _prepared, records = _extract(page.encode("utf-8"), "要点.html", knowledge)
    assert [(r.indicator, r.value) for r in records] == [
        ("高新技术企业数", 280), ("技术合同成交额", 10), ("全社会研发经费投入增速", 30)]

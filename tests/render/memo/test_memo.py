"""Word memos as written: text (golden), tables, page setup, fonts, footers, chart and safety of the text."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.helpers.memo_ledgers import (
    NAMES_EN,
    UNIT_A,
    UNIT_B,
    UNIT_C,
    UNIT_NAMES_EN,
    check_golden,
    context,
    dump,
    report_of,
    reports,
)
from tracker.config import PACKAGE_TEMPLATES, Project
from tracker.errors import TemplateError
from tracker.render import Shortfall
from tracker.render.memo import chart as memo_chart
from tracker.render.memo.document import column_widths, title_lines
from tracker.render.memo.write import (
    memo_filename,
    render_unit_memo,
    write_memos,
    write_overall_memo,
    write_unit_memo,
)
from tracker.render.text import DATA_MARK

THEME_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
FORBIDDEN = [
    re.compile(r"(?<![A-Za-z])(None|nan|NaN|null)(?![A-Za-z])"),
    re.compile(r"\{\{|\{%|%\}|\}\}|\{#"),
    re.compile(r"\d\.\d{4,}"),           # float noise such as 0.6199999999
    re.compile(r"\d[eE][-+]\d"),
    re.compile(f"[{DATA_MARK}\x00-\x08\x0b\x0c\x0e-\x1f]"),
]


@pytest.fixture(scope="module")
def memos(tmp_path_factory) -> dict[str, Path]:
    """Every memo of the fixture ledgers, Chinese and English, keyed "zh/<file>" and "en/<file>"."""
    root = tmp_path_factory.mktemp("memos")
    project = Project.at(root).with_settings(unit_names_en=UNIT_NAMES_EN)
    found = {}
    for lang in ("zh", "en"):
        for result in write_memos(context(project, lang, NAMES_EN), reports(project.settings), project.output / "memos" / ("" if lang == "zh" else lang)):
            assert result.chart and result.written and not result.problems
            found[f"{lang}/{result.path.name}"] = result.path
    return found


def open_docx(path: Path) -> docx.document.Document:
    return docx.Document(io.BytesIO(path.read_bytes()))


def test_memos_are_written_under_output_memos(memos):
    names = sorted(str(path.relative_to(path.parents[2] if "en" in key else path.parents[1]))
                   for key, path in memos.items())
    assert names == sorted([f"memos/{UNIT_A}.docx", f"memos/{UNIT_B}.docx", f"memos/{UNIT_C}.docx", "memos/总体情况.docx",
                            f"memos/en/{UNIT_NAMES_EN[UNIT_A]}.docx", f"memos/en/{UNIT_B}.docx",
                            f"memos/en/{UNIT_C}.docx", "memos/en/Overview.docx"])


GOLDEN_MEMOS = {
    "zh_unit_a": f"zh/{UNIT_A}.docx", "zh_unit_b": f"zh/{UNIT_B}.docx", "zh_unit_c": f"zh/{UNIT_C}.docx",
    "zh_overall": "zh/总体情况.docx", "en_unit_a": f"en/{UNIT_NAMES_EN[UNIT_A]}.docx", "en_unit_b": f"en/{UNIT_B}.docx",
    "en_unit_c": f"en/{UNIT_C}.docx", "en_overall": "en/Overview.docx",
}


@pytest.mark.parametrize("name", GOLDEN_MEMOS)
def test_memo_text_matches_golden(memos, name):
    check_golden(f"memo_{name}", dump(memos[GOLDEN_MEMOS[name]]))


def test_unit_memo_headings_title_and_table(memos):
    doc = open_docx(memos[f"zh/{UNIT_A}.docx"])
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styled[0] == ("Title", f"{UNIT_A}\n2024年科技创新目标任务进展情况")
    assert styled[1] == ("Subtitle", "（数据截至2024年9月30日，序时进度75.0%）")
    assert [text for style, text in styled if style == "Heading 1"] == [
        "一、总体情况", "二、主要指标完成情况", "三、需要关注的事项", "四、下一步工作", "五、目标来源"]
    (table,) = doc.tables
    report = report_of(UNIT_A)
    assert [cell.text for cell in table.rows[0].cells] == ["指标", "年度目标", "实际完成", "完成率", "序时进度", "状态"]
    assert [row.cells[0].text for row in table.rows[1:]] == [s.target.indicator for s in report.statuses]
    assert table.style.name == "Memo Table"


def test_overall_memo_tables(memos):
    doc = open_docx(memos["zh/总体情况.docx"])
    ranking, units = doc.tables
    assert [row.cells[1].text for row in ranking.rows[1:]] == [UNIT_B, UNIT_C, UNIT_A]
    assert [cell.text for cell in units.rows[0].cells] == [
        "单位", "目标数", "已完成", "超序时", "序时推进", "滞后", "严重滞后", "未填报"]
    assert [[cell.text for cell in row.cells] for row in units.rows[1:]] == [
        [UNIT_C, "4", "2", "0", "0", "2", "0", "0"], [UNIT_A, "11", "1", "3", "3", "1", "2", "1"],
        [UNIT_B, "6", "2", "2", "0", "1", "1", "0"]]


def test_page_setup_is_gbt_9704(memos):
    for path in memos.values():
        (section,) = open_docx(path).sections
        sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                 section.left_margin, section.right_margin]
        assert [round(value / Mm(1), 1) for value in sizes] == [210, 297, 37, 35, 28, 26], path.name


def _styles_used(doc) -> set[str]:
    used = {p.style.style_id for p in doc.paragraphs}
    for table in doc.tables:
        used.add(table.style.style_id)
        used.update(p.style.style_id for row in table.rows for cell in row.cells for p in cell.paragraphs)
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        used.update(p.style.style_id for p in footer.paragraphs)
    return used


def test_every_run_and_style_names_an_east_asian_font_and_no_theme_font(memos):
    for path in memos.values():
        doc = open_docx(path)
        parts = [doc.element, doc.sections[0].footer._element, doc.sections[0].even_page_footer._element]
        runs = [run for part in parts for run in part.iter(qn("w:r")) if run.find(qn("w:t")) is not None]
        assert runs
        for run in runs:
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts is not None and fonts.get(qn("w:eastAsia")), (path.name, "".join(run.itertext()))
        for style_id in _styles_used(doc):
            style = doc.styles.element.get_by_id(style_id)
            fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts is not None and fonts.get(qn("w:eastAsia")), (path.name, style_id)
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.endswith(".xml"):
                    text = package.read(name).decode("utf-8")
                    assert not any(f"w:{attribute}=" in text for attribute in THEME_ATTRIBUTES), (path.name, name)
                    assert 'w:eastAsia="ja-JP"' not in text, (path.name, name)


def test_styles_keep_the_official_faces_and_sizes(memos):
    doc = open_docx(memos[f"zh/{UNIT_A}.docx"])
    expected = {"Title": ("方正小标宋简体", 22), "Normal": ("仿宋_GB2312", 16), "Heading 1": ("黑体", 16),
                "Heading 2": ("楷体_GB2312", 16), "Table Text": ("仿宋_GB2312", 12), "Footer": ("宋体", 14)}
    for name, (face, size) in expected.items():
        style = doc.styles[name]
        fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert (fonts.get(qn("w:eastAsia")), style.font.size.pt) == (face, size), name
    assert doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii")) == "Times New Roman"
    body = doc.styles["Normal"].paragraph_format
    assert (body.line_spacing.pt, body.first_line_indent.pt) == (28.95, 32.0)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_footers_carry_page_fields_in_the_official_form(memos):
    doc = open_docx(memos[f"zh/{UNIT_B}.docx"])
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, "w:right"), (section.even_page_footer, "w:left")):
        (paragraph,) = footer.paragraphs
        instructions = [node.text for node in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == [" PAGE "]
        assert "".join(node.text for node in paragraph._p.iter(qn("w:t"))) == "— 1 —"
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn(side)) == "280"   # one 4号 character in


def test_no_memo_shows_none_nan_raw_floats_or_template_syntax(memos):
    for path in memos.values():
        data = dump(path)
        texts = [text for _style, text in data["paragraphs"]]
        texts += [cell for table in data["tables"] for row in table for cell in row]
        for text in texts:
            for pattern in FORBIDDEN:
                assert not pattern.search(text), (path.name, pattern.pattern, text)


def test_quotes_from_documents_are_cleaned_shortened_and_stay_body_text(memos):
    doc = open_docx(memos[f"zh/{UNIT_A}.docx"])
    (quote,) = [p for p in doc.paragraphs if p.text.startswith("技术合同成交额：“")]
    assert quote.style.name == "Normal"
    assert quote.text.startswith("技术合同成交额：“# 力争<技术合同>成交额 & 超过10亿元 @table x 很长的句子")
    assert quote.text.endswith("……”（乌鲁木齐/2024年政府工作报告.html）。")
    assert len(quote.text.split("“")[1].split("”")[0]) == 202     # 200 characters and the ellipsis


def test_chart_is_one_deterministic_png_without_metadata(memos, tmp_path):
    path = memos[f"zh/{UNIT_A}.docx"]
    with zipfile.ZipFile(path) as package:
        (image,) = [name for name in package.namelist() if name.startswith("word/media/")]
        png = package.read(image)
    assert png.startswith(b"\x89PNG") and b"tIME" not in png and b"Software" not in png
    project = Project.at(tmp_path)
    again = write_unit_memo(context(project), report_of(UNIT_A), tmp_path / "a.docx")
    same = write_unit_memo(context(project), report_of(UNIT_A), tmp_path / "a.docx")
    assert again.written and not same.written       # byte for byte the same memo: not rewritten


def test_without_a_cjk_font_the_chart_is_left_out_and_said(tmp_path, monkeypatch):
    monkeypatch.setattr(memo_chart, "cjk_family", lambda: None)
    path = tmp_path / "memo.docx"
    result = write_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), path)
    assert not result.chart
    assert [p.message for p in result.problems] == [
        "chart left out: matplotlib finds no Chinese font; install one (fonts-noto-cjk or fonts-wqy-zenhei, for "
        "example) and run tracker build again"]
    assert render_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), path) == [
        Shortfall("no_cjk_font", str(path))]
    doc = open_docx(path)
    assert not doc.inline_shapes
    assert "Caption" not in {p.style.name for p in doc.paragraphs}


def test_no_chart_without_a_reported_level_target(tmp_path):
    year_end = report_of(UNIT_C)
    report = dataclasses.replace(year_end, statuses=tuple(s for s in year_end.statuses if s.target.metric != "level"))
    result = write_unit_memo(context(Project.at(tmp_path)), report, tmp_path / "memo.docx")
    assert (result.chart, result.problems) == (False, ())
    assert not open_docx(tmp_path / "memo.docx").inline_shapes


def test_overall_memo_needs_reports(tmp_path):
    with pytest.raises(ValueError, match="at least one unit report"):
        write_overall_memo(context(Project.at(tmp_path)), [], tmp_path / "x.docx")


@pytest.mark.parametrize(("name", "filename"), [
    ("乌鲁木齐高新区(新市区)", "乌鲁木齐高新区(新市区).docx"), ("A/B:C", "A_B_C.docx"), ("...", "memo.docx")])
def test_memo_filename(name, filename):
    assert memo_filename(name) == filename


def test_a_reference_that_is_not_a_word_document_is_reported(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "memo-reference.docx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^templates/memo-reference.docx is not a Word document \("):
        write_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), tmp_path / "memo.docx")


def test_a_reference_without_a_memo_style_is_reported(tmp_path):
    (tmp_path / "templates").mkdir()
    docx.Document().save(tmp_path / "templates" / "memo-reference.docx")   # python-docx's default: no Memo Table
    with pytest.raises(TemplateError) as error:
        write_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), tmp_path / "memo.docx")
    assert str(error.value) == ("templates/memo-reference.docx has no style 'Table Heading', which memos use. "
                                "Add it in Word, or delete the file to use the default layout.")


def test_a_restyled_reference_gives_runs_its_fonts(tmp_path):
    reference = docx.Document(str(PACKAGE_TEMPLATES / "memo-reference.docx"))
    fonts = reference.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    fonts.set(qn("w:eastAsia"), "方正仿宋_GBK")
    (tmp_path / "templates").mkdir()
    reference.save(tmp_path / "templates" / "memo-reference.docx")
    write_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), tmp_path / "memo.docx")
    doc = open_docx(tmp_path / "memo.docx")
    body = next(p for p in doc.paragraphs if p.style.name == "Normal")
    assert {run.element.rPr.rFonts.get(qn("w:eastAsia")) for run in body.runs} == {"方正仿宋_GBK"}
    assert not any(p.text.startswith("正文为3号仿宋") for p in doc.paragraphs)   # the sample text is gone


@pytest.mark.parametrize(("title", "lines"), [
    ("乙区2024年科技创新目标任务进展情况", ["乙区2024年科技创新目标任务进展情况"]),
    ("乌鲁木齐高新区(新市区)2024年科技创新目标任务进展情况", ["乌鲁木齐高新区(新市区)", "2024年科技创新目标任务进展情况"]),
    ("关于《某某规划》实施情况和2024年科技创新目标任务进展情况", ["关于《某某规划》实施情况和", "2024年科技创新目标任务进展情况"]),
    ("很长很长很长很长很长很长很长很长很长很长很长很长的标题没有数字", ["很长很长很长很长很长很长很长很长很长很长很长很长的标题没有数字"]),
])
def test_long_titles_break_where_a_phrase_ends(title, lines):
    assert title_lines(title) == lines


def test_columns_share_the_type_area_and_keep_words_whole():
    widths = column_widths(["Indicator", "Completion"], [["Technology contract turnover", "62.0%"]])
    assert round(sum(widths) / Mm(1), 1) == 156.0
    # Both fit, so each gets room in proportion to its longest text: 3.5 + 4.3 × 14 and 3.5 + 4.3 × 5.5 mm.
    assert [round(w / Mm(1), 1) for w in widths] == [109.4, 46.6]
    # Four long Chinese columns want more than the type area: "62.0%" keeps its width with some slack
    # (3.5 + 4.3 × (2.75 × 1.1 + 0.3) mm), the Chinese columns share the rest equally.
    crowded = column_widths(["指标", "目标", "来源", "说明", "完成"], [["字" * 40] * 4 + ["62.0%"]])
    assert [round(w / Mm(1), 1) for w in crowded] == [34.6, 34.6, 34.6, 34.6, 17.8]


def test_a_figure_with_its_unit_is_never_broken_inside_a_table_cell():
    # A crowded table: the target and actual columns still get the width of their longest figure
    # ("1000亿元以上", "达到1.08万台"), so a line never breaks inside one.
    from tracker.render.memo.document import CELL_PADDING_MM, EM_MM, text_width
    rows = [["新能源新材料千亿级产业集群" * 3, "1000亿元以上", "达到1.08万台", "—", "75.0%", "严重滞后"]]
    widths = column_widths(["指标", "年度目标", "实际完成", "完成率", "序时进度", "状态"], rows)
    for column, figure in ((1, "1000亿元以上"), (2, "达到1.08万台")):
        assert widths[column] / Mm(1) >= CELL_PADDING_MM + EM_MM * text_width(figure) - 0.01
    assert round(sum(widths) / Mm(1), 1) == 156.0
    # A target with a stretch value may break at its comma, not inside either figure.
    widths = column_widths(["指标", "年度目标"], [["高新技术企业" * 6, "280家以上，力争300家"]])
    assert widths[1] / Mm(1) >= CELL_PADDING_MM + EM_MM * text_width("280家以上") - 0.01

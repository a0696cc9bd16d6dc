"""Memo wording machinery: template checks, overrides, the line markup and cleaning of quoted text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.memo_ledgers import UNIT_B, context, dump, report_of
from tracker.config import PACKAGE_TEMPLATES, Project
from tracker.errors import TemplateError
from tracker.render.memo.context import UnitMemo, variables
from tracker.render.memo.markup import Block, MarkupError, parse, parse_directive
from tracker.render.memo.templates import TemplateLoader, cn_numeral, display_path
from tracker.render.memo.write import check_templates, write_unit_memo
from tracker.render.text import DATA_MARK, line_text, shorten

UNIT_VARIABLES = ", ".join(sorted(variables(UnitMemo)))


def project_with(tmp_path: Path, **templates: str) -> Project:
    """A project whose templates/ holds the given files (name -> text); the rest come from the package."""
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Project.at(tmp_path)


def package_template(name: str) -> str:
    return (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")


# --- check_templates ------------------------------------------------------------------------------

def test_shipped_templates_pass_the_check(tmp_path):
    for lang in ("zh", "en"):
        check_templates(Project.at(tmp_path).template_source, lang)


def test_unknown_variable_is_reported_with_template_line_and_known_variables(tmp_path):
    project = project_with(tmp_path, **{"memo_unit_zh.j2": "# {{ unit }}\n## 一、总体情况\n{{ foo }}条\n"})
    with pytest.raises(TemplateError) as error:
        check_templates(project.template_source, "zh")
    assert str(error.value) == (f"templates/memo_unit_zh.j2, line 3: unknown variable 'foo'. "
                                f"Known variables: {UNIT_VARIABLES}.")


def test_templates_are_named_relative_to_the_project_or_the_package(tmp_path):
    project = project_with(tmp_path, **{"memo_unit_zh.j2": "# x\n"})
    loader = TemplateLoader(project.template_source)
    assert display_path(loader.path("memo_unit_zh.j2"), project.template_source) == "templates/memo_unit_zh.j2"
    assert display_path(loader.path("memo_unit_en.j2"), project.template_source) == "tracker/templates/memo_unit_en.j2"


def test_syntax_error_is_reported_with_its_line(tmp_path):
    project = project_with(tmp_path, **{"memo_overall_zh.j2": "# 标题\n\n{% if unit_count %}\n正文\n"})
    with pytest.raises(TemplateError) as error:
        check_templates(project.template_source, "zh")
    assert str(error.value) == (
        "templates/memo_overall_zh.j2, line 4: syntax error: Unexpected end of template. Jinja was looking "
        "for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed "
        "is 'if'. Fix the template, or delete it from templates/ to use the default."
    )


def test_misspelt_field_is_reported(tmp_path):
    text = "{% for s in indicators %}\n{{ s.name }}{{ s.compleiton }}\n{% endfor %}\n"
    project = project_with(tmp_path, **{"memo_unit_zh.j2": text})
    with pytest.raises(TemplateError) as error:
        check_templates(project.template_source, "zh")
    assert str(error.value) == ("templates/memo_unit_zh.j2, line 2: unknown field 'compleiton'. "
                                "Fix the template, or delete it from templates/ to use the default.")


@pytest.mark.parametrize(("line", "message"), [
    ("@table indicator | name=指标", "unknown table 'indicator'. Known tables: attention, indicators, long_term, not_reported, reported."),
    ("@table indicators | nmae=指标", "table indicators has no field 'nmae'. Known fields: unit, name,"),
    ("@table indicators | name", "table column 'name' must be written field=Header, e.g. name=指标."),
    ("@tabel indicators", "unknown directive '@tabel' (known: @table, @chart)."),
])
def test_directive_lines_are_checked(tmp_path, line, message):
    project = project_with(tmp_path, **{"memo_unit_zh.j2": "{# @table examples | in=comments are skipped #}\n"
                                                           f"# 标题\n{line}\n"})
    with pytest.raises(TemplateError) as error:
        check_templates(project.template_source, "zh")
    assert str(error.value).startswith(f"templates/memo_unit_zh.j2, line 3: {message}")


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(TemplateError) as error:
        check_templates(Project.at(tmp_path).template_source, "fr")
    assert str(error.value) == "Memos can be written in zh, en, not 'fr'."


def test_error_while_rendering_names_the_template_line(tmp_path):
    project = project_with(tmp_path, **{"memo_unit_zh.j2": "# {{ unit }}\n\n{{ counts.total // 0 }}\n"})
    with pytest.raises(TemplateError) as error:
        write_unit_memo(context(project), report_of(UNIT_B), tmp_path / "out.docx")
    assert str(error.value) == ("templates/memo_unit_zh.j2, line 3: integer division or modulo by zero. "
                                "Fix the template, or delete it from templates/ to use the default.")
    assert not (tmp_path / "out.docx").exists()


# --- overrides ------------------------------------------------------------------------------------

def test_project_override_of_one_template_is_used_and_the_others_come_from_the_package(tmp_path):
    sentences = package_template("sentences_zh.j2").replace("尚未填报完成情况。", "未报送数据。")
    sentences = sentences.replace("完成{{ s.actual }}，", "累计完成{{ s.actual }}，")
    project = project_with(tmp_path, **{"sentences_zh.j2": sentences})
    write_unit_memo(context(project), report_of(UNIT_B), tmp_path / "memo.docx")
    paragraphs = [text for _style, text in dump(tmp_path / "memo.docx")["paragraphs"]]
    assert "科技成果转化项目累计完成15项，完成年度目标（30项以上）的50.0%，低于序时进度25.0个百分点。" in paragraphs
    assert "二、主要指标完成情况" in paragraphs       # the package's memo_unit_zh.j2


# --- markup -----------------------------------------------------------------------------------------

def test_markup_lines_become_blocks():
    rendered = "\n".join([
        "# 标题", "> （截至2024年9月30日）", "## 一、总体情况", "### （一）科技创新", "正文。", "   ",
        "@table indicators | name=指标 | target=年度 目标", "@chart 图1 对比", f"{DATA_MARK}# 引文{DATA_MARK}不是标题",
        f"@table units | achieved={DATA_MARK}已完成",
    ])
    assert parse(rendered) == [
        Block("title", "标题"), Block("subtitle", "（截至2024年9月30日）"), Block("heading1", "一、总体情况"),
        Block("heading2", "（一）科技创新"), Block("paragraph", "正文。"),
        Block("table", table="indicators", columns=(("name", "指标"), ("target", "年度 目标"))),
        Block("chart", "图1 对比"), Block("paragraph", "# 引文不是标题"),
        Block("table", table="units", columns=(("achieved", "已完成"),)),
    ]


@pytest.mark.parametrize(("line", "message"), [
    ("@table", "@table needs the name of its rows, e.g. '@table indicators | name=指标'"),
    ("@table indicators", "@table indicators has no columns; add them as | field=Header"),
    ("@image x", "unknown directive '@image' (known: @table, @chart)"),
])
def test_bad_directives(line, message):
    with pytest.raises(MarkupError, match=message.replace("(", r"\(").replace(")", r"\)").replace("|", r"\|")):
        parse_directive(line)


# --- cleaning ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("a\x00b\x08c\x0bd\x1fe\x7f", "abc de"),
    ("第一行\r\n第二行\t第三行", "第一行 第二行 第三行"),
    ("  多个   空格  ", "多个 空格"),
    ("<&>\"'", "<&>\"'"),
    (f"标记{DATA_MARK}不留", "标记不留"),
    ("\ufffe\ud800x", "x"),
])
def test_line_text(text, expected):
    assert line_text(text) == expected


def test_shorten_cuts_long_quotes_with_an_ellipsis():
    assert shorten("短句。", 200) == "短句。"
    assert shorten("字" * 201, 200) == "字" * 200 + "……"
    assert shorten("字" * 199 + "，后文", 200) == "字" * 199 + "……"
    assert shorten("word " * 50, 20, "en") == "word word word word…"


@pytest.mark.parametrize(("number", "text"), [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"),
                                              (23, "二十三"), (99, "九十九"), (100, "100"), (0, "0")])
def test_cn_numeral(number, text):
    assert cn_numeral(number) == text


def test_english_names_inside_a_sentence_and_lists() -> None:
    from tracker.extract.catalogue import in_sentence as midsentence
    from tracker.render.memo.templates import enumerate_words

    assert [midsentence(n) for n in ("New urban jobs", "R&D intensity", "GDP growth", "")] == \
        ["new urban jobs", "R&D intensity", "GDP growth", ""]
    assert enumerate_words(["a", "b", "c"], "en") == "a, b and c"
    assert enumerate_words(["甲", "乙", "丙"], "zh") == "甲、乙和丙"
    assert enumerate_words(["a"], "en") == "a" and enumerate_words([], "en") == ""


@pytest.mark.parametrize(("raw", "printed"), [
    ("去年以来,围绕构建“3+2”现代产业体系;打造“6+X“先进制造业(一期)。", "去年以来，围绕构建‘3+2’现代产业体系；打造‘6+X’先进制造业（一期）"),
    ("产值1,000亿元,增长3.5%。", "产值1,000亿元，增长3.5%"),
    ('称为"双碳"目标：', "称为‘双碳’目标"),
])
def test_quotes_are_printed_with_full_width_marks_single_inner_quotes_and_no_final_stop(raw, printed):
    from tracker.render.memo.sources import print_quote
    assert print_quote(raw) == printed


def test_documents_are_cited_by_title_and_date_else_by_file_name():
    from datetime import date

    from tracker.models import DocumentInfo
    from tracker.render.memo.sources import citation
    titled = DocumentInfo("a/000_f40f3c62.txt", "高新区(新市区):产业“链”动春潮涌", date(2024, 4, 23))
    assert citation(titled, "zh") == "《高新区（新市区）：产业“链”动春潮涌》，2024年4月23日"
    assert citation(titled, "en") == "“高新区(新市区):产业“链”动春潮涌”, 23 April 2024"
    assert citation(DocumentInfo("a/000_f40f3c62.txt"), "zh") == "a/000_f40f3c62.txt"

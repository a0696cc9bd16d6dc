"""The reference document memos take their layout from (tracker/templates/memo-reference.docx).

Built from python-docx's default template by scripts/make_reference_docx.py and committed. It
holds the GB/T 9704 styles (memo_style.STYLES and the "Memo Table" table style), the page setup
(A4, margins 37/35/28/26 mm, a line grid of 22 lines), the page-number footers ("— 1 —", 4号 宋体, odd
pages right and even pages left, one character in) and a sample of each style, which the memo
builder removes. Users restyle memos by editing their project's copy in Word.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from tracker.render.memo.style import (
    BODY_FONT,
    FOOTER_DISTANCE_MM,
    HEADING1_FONT,
    LATIN_FONT,
    LINE_PITCH_TWIPS,
    MARGINS_MM,
    PAGE_NUMBER_FONT,
    SIZE_3,
    SIZE_4,
    SIZE_SMALL_4,
    STYLES,
    TABLE_STYLE,
    apply_style,
    set_fonts,
    strip_theme_fonts,
)

REFERENCE_NAME = "memo-reference.docx"
FIXED_TIME = datetime(2024, 1, 1)           # core properties and zip entries: no build timestamps
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SAMPLE = (
    ("Title", "××单位2024年目标任务进展情况（样式示例）"),
    ("Subtitle", "（截至2024年9月30日，序时进度75.0%）"),
    ("Heading 1", "一、一级标题（黑体3号）"),
    ("Normal", "正文为3号仿宋_GB2312，首行缩进2字符，固定行距28.95磅，每页22行、每行28字；数字和西文为"
               "Times New Roman。tracker生成简报时使用本文件的样式、页面设置和页脚，并删去这些示例段落："
               "在Word中修改样式（标题Title、副标题Subtitle、标题1、标题2、正文Normal、表格Memo Table、"
               "Table Heading、Table Text、Figure、题注Caption、页脚Footer）后保存，再次运行tracker即可。"),
    ("Heading 2", "（一）二级标题（楷体_GB2312 3号）"),
)


def stable_zip(data: bytes, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same .docx with fixed entry timestamps, so equal content gives equal bytes; each part
    named in `edits` is first changed by its function."""
    source = zipfile.ZipFile(io.BytesIO(data))
    edits = edits or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            part = source.read(item.filename)
            target.writestr(info, edits[item.filename](part) if item.filename in edits else part)
    return out.getvalue()


def _defaults(doc: DocxDocument) -> None:
    styles = doc.styles.element
    strip_theme_fonts(styles)
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, LATIN_FONT, BODY_FONT)
    for tag, value in (("w:sz", SIZE_3), ("w:szCs", SIZE_3)):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(value * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")  # the default template says en-US/ja-JP: Japanese glyph forms
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    settings = doc.settings.element
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    doc.settings.odd_and_even_pages_header_footer = True
    for part in doc.part.package.iter_parts():
        if part.partname.endswith("/theme1.xml"):
            # The theme's East Asian faces are empty, which falls back to its Japanese entries.
            blob = part.blob.decode("utf-8")
            major, _, minor = blob.partition("<a:minorFont>")
            major = major.replace('<a:ea typeface=""/>', f'<a:ea typeface="{HEADING1_FONT}"/>', 1)
            minor = minor.replace('<a:ea typeface=""/>', f'<a:ea typeface="{BODY_FONT}"/>', 1)
            part._blob = (major + "<a:minorFont>" + minor).encode("utf-8")
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of the default template's blank page
            del package_rels[rel_id]
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010's copy of the styles, theme fonts and all
            del doc.part.rels[rel_id]


def _table_style(doc: DocxDocument) -> None:
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]
    style.font.size = Pt(SIZE_SMALL_4)
    set_fonts(style.element.get_or_add_rPr(), LATIN_FONT, BODY_FONT)
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        style.element.append(tblpr)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            border.set(qn(f"w:{name}"), value)
        borders.append(border)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "85")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tblpr.extend([jc, borders, margins])


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """"— n —" with a PAGE field, one character in from the side it is aligned to."""
    paragraph.style = "Footer"
    paragraph.alignment = align
    indent = Pt(SIZE_4)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    for kind, text in (("text", "— "), ("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"),
                       ("end", ""), ("text", " —")):
        run = paragraph.add_run()
        set_fonts(run._r.get_or_add_rPr(), PAGE_NUMBER_FONT, PAGE_NUMBER_FONT, hint=True)
        if kind == "text":
            run.text = text
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)


def _sample(doc: DocxDocument) -> None:
    for style, text in SAMPLE:
        run = doc.add_paragraph(style=style).add_run(text)
        set_fonts(run._r.get_or_add_rPr(), *_fonts_of(style), hint=True)
    table = doc.add_table(rows=2, cols=3)
    table.style = doc.styles[TABLE_STYLE]
    for column, (head, cell) in enumerate((("指标", "技术合同成交额"), ("年度目标", "超过10亿元"), ("完成率", "62.0%"))):
        for row, (style, text) in enumerate((("Table Heading", head), ("Table Text", cell))):
            paragraph = table.cell(row, column).paragraphs[0]
            paragraph.style = doc.styles[style]
            set_fonts(paragraph.add_run(text)._r.get_or_add_rPr(), *_fonts_of(style), hint=True)
    for style, text in (("Caption", "图1 图题（楷体_GB2312 4号）"),):
        run = doc.add_paragraph(style=style).add_run(text)
        set_fonts(run._r.get_or_add_rPr(), *_fonts_of(style), hint=True)


def _fonts_of(style_name: str) -> tuple[str, str]:
    spec = next(spec for spec in STYLES if spec.name == style_name)
    return spec.latin, spec.east_asian


def build_reference() -> bytes:
    """The reference .docx, byte for byte the same on every run."""
    doc = docx.Document()
    _defaults(doc)
    for spec in STYLES:
        apply_style(doc, spec)
    _table_style(doc)
    strip_theme_fonts(doc.styles.element)
    _page(doc)
    _sample(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = "tracker 简报样式参考文档", "tracker", ""
    props.last_modified_by, props.revision = "tracker", 1
    props.created = props.modified = FIXED_TIME
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())

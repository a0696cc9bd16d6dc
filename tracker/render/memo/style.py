"""GB/T 9704-2012 styles for memos, and fonts that survive Word's East Asian font rules.

python-docx's `font.name` writes only the Latin slots of w:rFonts; Chinese text is drawn with
the w:eastAsia slot, so every style and run here sets all four slots explicitly. The default
template's styles name theme fonts (asciiTheme, eastAsiaTheme ...), which win over explicit names
and resolve to a Japanese face, so those attributes are removed wherever they occur.

The styles are written once into the reference document (reference.py); memos take their
layout from that file, so a user restyles memos by editing their copy of it in Word. Runs copy
their fonts from the style in the reference (run_fonts), which keeps a user's font choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# 号 sizes in points (GB/T 9704 names them so).
SIZE_2 = 22.0
SIZE_3 = 16.0
SIZE_4 = 14.0
SIZE_SMALL_4 = 12.0

# 22 lines in the 225 mm type area: 225 mm = 637.8 pt, / 22 = 28.99 pt; Word stores twentieths of a
# point, and 579 (28.95 pt) is the largest pitch that still fits 22 lines.
LINE_PITCH_TWIPS = 579
# 28 characters in the 156 mm (442.2 pt) line need 15.79 pt per character, 3号 being 16 pt. Word's
# character grid (docGrid linesAndChars, charSpace -842) would squeeze them, but LibreOffice and
# WPS lay such a grid out as two cells per character; so the grid is for lines only and 3号 text is
# condensed by 0.25 pt (15.75 pt a character), which gives 28 a line in Word and LibreOffice alike.
CONDENSE_TWIPS = -5
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
# The page number's dash line sits 7 mm below the type area (35 mm from the page's edge): the
# footer's baseline about 25 mm up.
FOOTER_DISTANCE_MM = 25

THEME_ATTRIBUTES = ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme")
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")

TABLE_STYLE = "Memo Table"


@dataclass(frozen=True)
class ParagraphStyle:
    """What GB/T 9704 asks of one paragraph style."""

    name: str
    east_asian: str
    size: float
    latin: str = LATIN_FONT
    align: str = "justify"            # justify | center | left | right
    first_line_chars: int = 0         # indent in characters of the style's size
    line_pt: float | None = LINE_PITCH_TWIPS / 20   # exact line spacing; None: single, free
    before_pt: float = 0.0
    after_pt: float = 0.0
    bold: bool = False
    keep_with_next: bool = False
    outline_level: int | None = None
    grid: bool = True                 # snap to the document grid
    condense: bool = False            # 3号 text: 28 characters a line (see CONDENSE_TWIPS)


BODY_LINE = LINE_PITCH_TWIPS / 20
STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle("Normal", BODY_FONT, SIZE_3, first_line_chars=2, condense=True),
    ParagraphStyle("Title", TITLE_FONT, SIZE_2, align="center", line_pt=35.0, keep_with_next=True, grid=False),
    ParagraphStyle("Subtitle", HEADING2_FONT, SIZE_3, align="center", after_pt=BODY_LINE, keep_with_next=True,
                   condense=True),
    ParagraphStyle("Heading 1", HEADING1_FONT, SIZE_3, first_line_chars=2, keep_with_next=True, outline_level=0,
                   condense=True),
    ParagraphStyle("Heading 2", HEADING2_FONT, SIZE_3, first_line_chars=2, keep_with_next=True, outline_level=1,
                   condense=True),
    ParagraphStyle("Table Text", BODY_FONT, SIZE_SMALL_4, align="center", line_pt=20.0, grid=False),
    ParagraphStyle("Table Heading", HEADING1_FONT, SIZE_SMALL_4, align="center", line_pt=20.0, grid=False),
    ParagraphStyle("Figure", BODY_FONT, SIZE_3, align="center", line_pt=None, before_pt=6.0,
                   keep_with_next=True, grid=False),
    ParagraphStyle("Caption", HEADING2_FONT, SIZE_4, align="center", line_pt=BODY_LINE),
    ParagraphStyle("Footer", PAGE_NUMBER_FONT, SIZE_4, latin=PAGE_NUMBER_FONT, align="right", line_pt=None,
                   grid=False),
)
STYLE_NAMES = tuple(style.name for style in STYLES)
ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def set_fonts(rpr: etree._Element, latin: str, east_asian: str, hint: bool = False) -> None:
    """Name all four font slots of an rPr (and drop theme fonts); `hint` makes shared punctuation East Asian."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), east_asian if slot == "w:eastAsia" else latin)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def strip_theme_fonts(root: etree._Element) -> None:
    """Remove theme-font attributes from every w:rFonts under `root`."""
    for fonts in root.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)


def _reset(element: etree._Element, tag: str) -> etree._Element:
    """An emptied child `tag` of a style element (its pPr or rPr), so old theme colours go too."""
    old = element.find(qn(tag))
    if old is not None:
        element.remove(old)
    new = OxmlElement(tag)
    # CT_Style's schema order: name, aliases, basedOn, next, link, ..., pPr, rPr, tblPr ...
    later = [element.find(qn(t)) for t in ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")]
    anchor = next((e for e in later if e is not None and e is not new), None)
    if anchor is not None:
        anchor.addprevious(new)
    else:
        element.append(new)
    return new


def apply_style(doc: DocxDocument, spec: ParagraphStyle) -> None:
    """Create or reset one paragraph style to `spec`."""
    styles = doc.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    element = style.element
    _reset(element, "w:pPr")
    rpr = _reset(element, "w:rPr")
    set_fonts(rpr, spec.latin, spec.east_asian)
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    if spec.condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
        rpr.find(qn("w:sz")).addprevious(spacing)
    complex_size = OxmlElement("w:szCs")  # the size of complex-script text, kept equal
    complex_size.set(qn("w:val"), str(round(spec.size * 2)))
    rpr.find(qn("w:sz")).addnext(complex_size)
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.align]
    fmt.space_before = Pt(spec.before_pt)
    fmt.space_after = Pt(spec.after_pt)
    if spec.line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(round(spec.line_pt * 20))
    fmt.first_line_indent = Pt(spec.size * spec.first_line_chars) if spec.first_line_chars else Pt(0)
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True
    ppr = element.find(qn("w:pPr"))
    if spec.first_line_chars:
        # Word sizes the indent in characters when firstLineChars is set, so it follows the font.
        ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
    if not spec.grid:
        _insert_ppr(ppr, "w:snapToGrid", {"w:val": "0"})
    if spec.outline_level is not None:
        _insert_ppr(ppr, "w:outlineLvl", {"w:val": str(spec.outline_level)})


# CT_PPrBase child order, enough of it to place the elements set here.
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _insert_ppr(ppr: etree._Element, tag: str, attributes: dict[str, str]) -> None:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    position = _PPR_ORDER.index(tag)
    for child in ppr:
        name = "w:" + etree.QName(child).localname
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > position:
            child.addprevious(element)
            return
    ppr.append(element)


def style_fonts(doc: DocxDocument, style_name: str) -> tuple[str, str]:
    """(Latin, East Asian) font of a style as the reference defines it, following basedOn and docDefaults."""
    latin = east_asian = None
    style = doc.styles[style_name]
    while style is not None and (latin is None or east_asian is None):
        fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            latin = latin or fonts.get(qn("w:ascii"))
            east_asian = east_asian or fonts.get(qn("w:eastAsia"))
        style = style.base_style
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if defaults is not None:
        latin = latin or defaults.get(qn("w:ascii"))
        east_asian = east_asian or defaults.get(qn("w:eastAsia"))
    return latin or LATIN_FONT, east_asian or BODY_FONT

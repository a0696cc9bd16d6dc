"""Small documents in every format the intake reads, all holding the same short policy text."""

from __future__ import annotations

import io

# One small policy text, written into every format the intake reads.
FIXTURE_TITLE = "高新区2024年工作要点"
FIXTURE_LINES = [
    "今年，高新区将力争高新技术企业总量达到280家，技术合同成交额超过10亿元。",
    "全社会研发经费投入增长30%。",
]
FIXTURE_TABLE = [("指标", "目标"), ("高新技术企业", "280家")]
# What cleaning makes of it (full-width punctuation normalised).
EXPECTED_LINES = [
    "今年,高新区将力争高新技术企业总量达到280家,技术合同成交额超过10亿元。",
    "全社会研发经费投入增长30%。",
]


def fixture_text() -> str:
    return "\n".join([FIXTURE_TITLE, *FIXTURE_LINES]) + "\n"


def fixture_html() -> str:
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in FIXTURE_TABLE)
    body = "".join(f"<p>{line}</p>" for line in FIXTURE_LINES)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + FIXTURE_TITLE + "_某某市人民政府</title>"
        "<meta name='PubDate' content='2024-03-05 10:00'>"
        "<script>var ad = '<p>力争1000家</p>';</script><style>p { color: red }</style></head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a>政务公开</a> &gt; 正文</div>"
        "<div id='header'><ul><li>网站首页</li><li>机构设置</li><li>政务公开</li></ul></div>"
        "<nav><a>上一篇</a><a>下一篇</a></nav>"
        f"<div class='article'><h1>{FIXTURE_TITLE}</h1>{body}<table>{rows}</table></div>"
        "<div class='share'>分享到：微信 微博</div>"
        "<div class='footer'>版权所有：某某市人民政府 &copy; 2024 电话：0931-8159799</div>"
        "<script>document.write('广告 500万元')</script></body></html>"
    )


def fixture_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = FIXTURE_TITLE
    doc.add_heading(FIXTURE_TITLE, level=1)
    for line in FIXTURE_LINES:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(FIXTURE_TABLE), cols=2)
    for r, row in enumerate(FIXTURE_TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def fixture_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setTitle(FIXTURE_TITLE)
    page.setFont("STSong-Light", 12)
    y = 800
    for line in [FIXTURE_TITLE, *FIXTURE_LINES]:
        page.drawString(50, y, line)
        y -= 24
    page.save()
    return buffer.getvalue()

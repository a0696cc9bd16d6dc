"""The one cleaning of document text for outputs: what an Excel cell and a memo line can hold.

Text comes from messy web copies: control characters that XML forbids (Excel and Word refuse the
file), lone surrogates, line breaks inside a quote, and literal "_x000D_" sequences, which Excel
would read as the escape of a character. Every string written to a workbook passes through
`cell_text`; everything a memo template or table receives passes through `line_text`.
"""

from __future__ import annotations

import re

from tracker.render.words import words

# Marks text that came from data rather than from a template line (see memo/markup.py); data
# must never carry it, so line_text removes it.
DATA_MARK = "\ue000"

# Characters XML 1.0 does not allow, plus the noncharacters U+FFFE/U+FFFF and lone surrogates.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")

ELLIPSIS = words("memo")["ellipsis"]


def cell_text(text: str) -> str:
    """`text` as an .xlsx cell can hold it: without control characters and lone surrogates, and
    with a literal "_x000D_" escaped (as "_x005F_x000D_"), which Excel would otherwise show as a character."""
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", _XML_ILLEGAL.sub("", text))


def line_text(text: str) -> str:
    """`text` on one line, without XML-illegal characters: safe for a docx run and the memo markup."""
    text = _BREAKS.sub(" ", text)
    text = _XML_ILLEGAL.sub("", text.replace("\x7f", "").replace(DATA_MARK, ""))
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int, lang: str = "zh") -> str:
    """`text` cut to about `limit` characters, ending with an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    mark = ELLIPSIS.get(lang, ELLIPSIS["zh"])
    return text[:limit].rstrip(" ，,、；;：:") + mark

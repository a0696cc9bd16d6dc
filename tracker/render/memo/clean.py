"""Making text from documents safe to put in a memo.

Quotes come from messy web copies: they may hold control characters that XML forbids (python-docx
refuses them and the file would not open), line breaks that would split a line of the memo
markup, and whole paragraphs. Everything a template or table receives passes through clean_text.
"""

from __future__ import annotations

import re

from tracker.render.words import words

# Marks text that came from data rather than from a template line (see markup.py); data
# must never carry it, so it is removed here.
DATA_MARK = "\ue000"

# Characters XML 1.0 does not allow, plus the noncharacters U+FFFE/U+FFFF and lone surrogates.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff" + DATA_MARK + "]")
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")

ELLIPSIS = words("memo")["ellipsis"]


def clean_text(text: str) -> str:
    """`text` on one line, without XML-illegal characters: safe for a docx run and the memo markup."""
    text = _BREAKS.sub(" ", text)
    text = _XML_ILLEGAL.sub("", text.replace("\x7f", ""))
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int, lang: str = "zh") -> str:
    """`text` cut to about `limit` characters, ending with an ellipsis when it was cut."""
    if len(text) <= limit:
        return text
    mark = ELLIPSIS.get(lang, ELLIPSIS["zh"])
    return text[:limit].rstrip(" ，,、；;：:") + mark

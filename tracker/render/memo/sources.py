"""Where targets come from, as a memo prints it: quotes cleaned for print and grouped by sentence.

Quotes come from web copies: ASCII commas and semicolons between Chinese characters, quotation
marks of the same kind nested inside the memo's own “…”, a sentence stop before the closing mark.
`print_quote` gives the quote as a printed bulletin would carry it: full-width ，；：！？（） where
the neighbouring text is Chinese (1,000 and 3.5 keep theirs), inner “…” (and "…") as ‘…’, and no
sentence stop at its end, since the citation line ends with its own 。 after the bracket.

A source sentence that states several targets is quoted once, with all their names
(`source_groups`); a document is cited by its title and date, by its file name only when it
has no title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.models import DocumentInfo, Status
from tracker.render.formatting import fmt_date
from tracker.render.text import line_text, shorten

QUOTE_LIMIT = 200  # characters of a source quote shown in a memo
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]"
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_ASCII_MARK = re.compile(rf"(?<={_CJK})\s*([,;:!?])\s*|\s*([,;:!?])\s*(?={_CJK})")
_BRACKETS = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")
_TRAILING = re.compile(r"[。．.，,；;：:、\s]+$")
_STRAIGHT_QUOTES = re.compile(r'"([^"]*)"')
_UNCLOSED = re.compile(r"‘([^‘’]{1,20})‘")


def _inner_quotes(text: str) -> str:
    """Every “…” and "…" inside the quote as ‘…’, so the memo's own “…” is never nested in kind.

    A pair a web copy wrote with two opening marks (“3+2“) is mended to ‘3+2’."""
    text = _STRAIGHT_QUOTES.sub(r"‘\1’", text).replace("“", "‘").replace("”", "’")
    return _UNCLOSED.sub(r"‘\1’", text)


def full_width_marks(text: str) -> str:
    """ASCII , ; : ! ? and brackets next to Chinese text as their full-width forms (1,000 keeps its comma)."""
    text = _ASCII_MARK.sub(lambda m: _FULL_WIDTH[m.group(1) or m.group(2)], text)
    return _BRACKETS.sub(r"（\1）", text)


def print_quote(text: str, limit: int = QUOTE_LIMIT, lang: str = "zh") -> str:
    """A source sentence as a memo prints it inside “…” (see the module docstring)."""
    text = _inner_quotes(full_width_marks(line_text(text)))
    text = shorten(text, limit, lang)
    return _TRAILING.sub("", text)


def citation(document: DocumentInfo, lang: str) -> str:
    """《title》, 2024年4月23日 / "Title", 23 April 2024; the file name when there is no title."""
    title = line_text(document.title or "")
    if not title:
        return line_text(document.file)
    if lang == "zh":
        title = "《" + full_width_marks(title).replace("《", "〈").replace("》", "〉") + "》"
        return title + ("，" + fmt_date(document.published, lang) if document.published else "")
    title = "“" + title + "”"
    return title + (", " + fmt_date(document.published, lang) if document.published else "")


@dataclass(frozen=True)
class SourceGroup:
    """One source sentence and the targets it states: names (in the memo's language), quote, citation."""

    names: tuple[str, ...]
    quote: str
    citation: str
    count: int


def source_groups(statuses: Iterable[Status], names: Mapping[int, str], documents: Mapping[str, DocumentInfo],
                  lang: str) -> tuple[SourceGroup, ...]:
    """The source sentences of the targets of `statuses` (id(status) -> display name in `names`), each
    once (by document and printed text), in document order, with the names of every target it states."""
    found: dict[tuple[str, str], list[str]] = {}
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for status in statuses:
        for source in status.target.sources:
            key = (source.doc, print_quote(source.quote, lang=lang))
            first[key] = min(first.get(key, (source.start, source.end)), (source.start, source.end))
            bucket = found.setdefault(key, [])
            if names[id(status)] not in bucket:
                bucket.append(names[id(status)])
    ordered = sorted(found, key=lambda key: (key[0], first[key]))
    return tuple(SourceGroup(tuple(found[key]), key[1], citation(documents.get(key[0], DocumentInfo(key[0])), lang),
                             len(found[key])) for key in ordered)

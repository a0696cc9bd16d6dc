"""Cleaning a document's text for extraction, remembering where every character came from.

Steps, each on whole lines (a line is a paragraph in all the formats we read):
1. normalise characters: full-width ASCII forms to ASCII (NFKC for U+FF01–FF5E), ideographic
   and no-break spaces to spaces, invisible and control characters removed; a document in
   traditional script converted to simplified, character for character (script.py); pinyin
   glosses and HTML debris removed (noise.py); tables written with bars made rows of cells
   (pipes.py). A tab between cells of a line stays (it separates a table's cells, as HTML and
   .docx rows are read); any other tab is a space;
2. cut the page footer (from a copyright, disclaimer or related-news line onwards);
3. drop page furniture lines (boilerplate.py) and learn the site's name from them;
4. remove spam glued into article lines (spam.py) and "(图3)" caption markers, then mend
   what mirror sites break inside a line: URLs, spaces and full stops in numbers, doubled
   punctuation (noise.py);
5. drop lines repeated verbatim and collapse runs of spaces.
The result is a MappedText whose origins index the document's original text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from tracker.intake import boilerplate, noise, pipes, script, spam
from tracker.intake.textmap import MappedText, MappedTextBuilder

_DELETE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({0x3000: 0x20, 0x00A0: 0x20})
_SPACES = re.compile(r" *\t *| {2,}")   # spaces beside a cell break go, runs of spaces become one
_MIN_DEDUP = 8
# What is left of "《某某网》江南第一门户网站!" once the site name is gone: a slogan, not article text.
_EMPTY_BRACKETS = re.compile(r"《\s*》|【\s*】|“\s*”|\(\s*\)|（\s*）|☆\s*☆")


@dataclass(frozen=True)
class Cleaned:
    text: MappedText
    dropped: tuple[tuple[str, str], ...] = ()        # (reason, line) for each line removed
    site_names: tuple[str, ...] = ()
    fragments: tuple[str, ...] = field(default=())  # repeated affixes removed from lines
    traditional: bool = False                       # converted from traditional script


def normalise_chars(text: str) -> MappedText:
    if not _DELETE.search(text):
        return MappedText(text.translate(_TRANSLATE), array("i", range(len(text))))
    origin = array("i")
    pieces = []
    pos = 0
    for match in _DELETE.finditer(text):
        pieces.append(text[pos:match.start()])
        origin.extend(range(pos, match.start()))
        pos = match.end()
    pieces.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return MappedText("".join(pieces).translate(_TRANSLATE), origin)


def clean(original: str) -> Cleaned:
    chars, traditional = script.to_simplified(normalise_chars(original))
    chars = noise.join_broken_lines(_cells_only_between_cells(pipes.pipe_rows(noise.remove_glosses(chars))))
    lines = _lines(chars.text)
    dropped: list[tuple[str, str]] = []
    cut = _tail_cut(lines, len(chars.text))
    for _, line in lines[cut:]:
        dropped.append(("page footer", line))
    body = lines[:cut]
    suffix, prefix = spam.repeated_affixes([line for _, line in body])
    furniture = [line for _, line in lines[cut:]]
    kept: list[tuple[int, str]] = []
    for start, line in body:
        reason = boilerplate.line_reason(_strip_affixes(line, suffix, prefix))
        if reason:
            dropped.append((reason, line))
            furniture.append(line)
        else:
            kept.append((start, line))
    names = spam.site_names(furniture)
    name_pattern = spam.site_name_pattern(names)
    out = MappedTextBuilder()
    seen: set[str] = set()
    for start, line in kept:
        spans = _spam_spans(line, suffix, prefix, name_pattern)
        piece = noise.repair_line(_without(line, start, spans, chars))
        residue = piece.text.strip()
        reason = boilerplate.line_reason(residue) if spans else None
        if spans and not reason and _EMPTY_BRACKETS.search(residue) and not _EMPTY_BRACKETS.search(line):
            reason = "site slogan"
        if reason or not residue:
            dropped.append((reason or "spam only", line))
            continue
        if len(residue) >= _MIN_DEDUP and residue in seen:
            dropped.append(("repeated line", line))
            continue
        seen.add(residue)
        if len(out.last_char()):
            out.replace("\n", piece.origin[0] - 1 if piece.origin[0] > 0 else 0)
        _append_squashed(out, piece)
    fragments = tuple(f for f in (suffix, prefix) if f)
    return Cleaned(out.build(), tuple(dropped), tuple(names), fragments, traditional)


def _cells_only_between_cells(mapped: MappedText) -> MappedText:
    """Tabs stay only inside a line that has cells on both sides of one: elsewhere (an indent,
    a tab at the end of a line) a tab is a space."""
    text = mapped.text
    if "\t" not in text:
        return mapped
    kept: list[str] = []
    for line in text.split("\n"):
        if "\t" in line and "\t" not in line.strip(" \t"):
            line = line.replace("\t", " ")
        kept.append(line)
    return MappedText("\n".join(kept), mapped.origin)


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, stripped line) for every non-blank line."""
    result = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" ")
        if stripped:
            result.append((pos + len(raw) - len(raw.lstrip(" ")), stripped))
        pos += len(raw) + 1
    return result


def _tail_cut(lines: list[tuple[int, str]], total: int) -> int:
    """Index of the first footer line; footers only start in the second half of a page."""
    for index, (start, line) in enumerate(lines):
        if start >= 0.4 * total and boilerplate.is_tail_start(line):
            return index
    return len(lines)


def _strip_affixes(line: str, suffix: str | None, prefix: str | None) -> str:
    if suffix and line.endswith(suffix):
        line = line[: -len(suffix)]
    if prefix and line.startswith(prefix):
        line = line[len(prefix):]
    return line.strip() or line


def _spam_spans(line, suffix, prefix, name_pattern) -> list[tuple[int, int]]:
    spans = []
    if suffix and line.endswith(suffix):
        spans.append((len(line) - len(suffix), len(line)))
    if prefix and line.startswith(prefix):
        spans.append((0, len(prefix)))
    if name_pattern:
        spans.extend(m.span() for m in name_pattern.finditer(line))
    spans.extend(boilerplate.remove_inline_captions(line))
    return sorted(spans)


def _without(line: str, start: int, spans: list[tuple[int, int]], chars: MappedText) -> MappedText:
    """The line minus the spans, with origins in the original text."""
    keep_text, keep_origin, pos = [], array("i"), 0
    for s, e in [*spans, (len(line), len(line))]:
        if s > pos:
            keep_text.append(line[pos:s])
            keep_origin.extend(chars.origin[start + pos:start + s])
        pos = max(pos, e)
    return MappedText("".join(keep_text), keep_origin)


def _append_squashed(out: MappedTextBuilder, piece: MappedText) -> None:
    text = piece.text
    lead = len(text) - len(text.lstrip(" "))
    end = len(text.rstrip(" "))
    pos = lead
    for match in _SPACES.finditer(text, lead, end):
        tab = match.group().find("\t")
        # Keep one character of the run: the tab between cells, else one space.
        keep = match.start() + (tab if tab >= 0 else 0)
        out.extend_mapped(piece, pos, match.start())
        out.extend_mapped(piece, keep, keep + 1)
        pos = match.end()
    out.extend_mapped(piece, pos, end)

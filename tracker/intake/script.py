"""Traditional script (繁體) to simplified, character for character, through the offset map.

Many real copies are traditional: Big5 pages, Hong Kong and Taiwan mirrors. The extractor's
vocabulary is simplified, so such a document is converted with OpenCC (Hong Kong and Taiwan
variants first, then the standard traditional-to-simplified tables). OpenCC converts phrase
by phrase, and its phrases keep their length; a line where they would not is converted one
character at a time, so every simplified character stands for the original character at the
same place and a quote taken at a record's offsets is the original text.

A document is converted when a noticeable share of its Chinese characters exist only in
traditional script; simplified text (which OpenCC would leave almost unchanged anyway) and
a simplified page quoting a traditional name are left as written.
"""

from __future__ import annotations

import functools
import re

from tracker.intake.textmap import MappedText

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CONFIGS = ("hk2s", "tw2s")
_MIN_SHARE = 0.05   # of Chinese characters that only traditional script writes that way
_MIN_CHARS = 2


@functools.cache
def _converters():
    import opencc

    return tuple(opencc.OpenCC(config) for config in _CONFIGS)


def _convert(text: str) -> str:
    for converter in _converters():
        text = converter.convert(text)
    return text


def to_simplified(mapped: MappedText) -> tuple[MappedText, bool]:
    """(`mapped` in simplified script, True) for a traditional document, else (`mapped`, False)."""
    text = mapped.text
    if not _CJK.search(text):
        return mapped, False
    converted = _aligned(text, _convert(text))
    changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    chinese = len(_CJK.findall(text))
    if changed < _MIN_CHARS or changed < _MIN_SHARE * chinese:
        return mapped, False
    return MappedText(converted, mapped.origin), True


def simplified(text: str | None) -> str | None:
    """A short text (a title) in simplified script, for a document that was converted."""
    return None if text is None else _aligned(text, _convert(text))


def _aligned(text: str, converted: str) -> str:
    """`converted` when it keeps `text`'s length, else `text` converted line by line, and a
    line whose phrases changed length one character at a time."""
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        out = _convert(line)
        if len(out) != len(line):
            out = "".join(single if len(single := _convert(ch)) == 1 else ch for ch in line)
        lines.append(out)
    return "\n".join(lines)

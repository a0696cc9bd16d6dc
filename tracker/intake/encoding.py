"""Decoding text files in whatever encoding Chinese offices and websites use.

Order matters: a byte-order mark is certain; strict UTF-8 almost never decodes
non-UTF-8 Chinese by accident; GB18030 (a superset of GBK and GB2312, the usual
encodings of government files) is tried next and accepted only if the result reads
like Chinese; Big5 (traditional-script pages) wins over GB18030 when the bytes read as
both and Big5 gives the common characters; charset-normalizer decides everything else.

A UTF-8 file with a few damaged bytes (a bad copy, a cut in the middle of a character) is still
UTF-8: it is read with those bytes replaced by U+FFFD, and the count is reported.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from charset_normalizer import from_bytes

from tracker.messages import say

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_CJK_OR_PRIVATE = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# At most a few damaged characters and one in this many, and ten intact multi-byte characters for
# each damaged place, for bytes that are not valid UTF-8 to be read as UTF-8 all the same (GBK or
# Big5 text read as UTF-8 fails at nearly every character). One bad byte can damage four.
_DAMAGE_FEW = 8
_DAMAGE_SHARE = 200
_INTACT_PER_DAMAGED = 10
_REPLACED_RUN = re.compile("\ufffd+")
_UTF8_LEAD3 = tuple(bytes([lead]) for lead in range(0xE0, 0xF0))


class NotText(ValueError):
    """The bytes do not decode to readable text."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    damaged: int = 0   # characters replaced by U+FFFD because their bytes were not valid in `encoding`


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise NotText."""
    found = decoded(data)
    return found.text, found.encoding


def decoded(data: bytes) -> Decoded:
    """The text, its encoding and how many characters were damaged; raises NotText."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _replacing(data[len(bom):], codec, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(*utf16)
    try:
        return Decoded(*_checked(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    damaged_utf8 = _damaged_utf8(data)
    if damaged_utf8:
        return damaged_utf8
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_chinese(text):
        big5 = _big5_instead(data, text)
        if big5:
            return Decoded(*_checked(big5, "big5"))
        return Decoded(*_checked(text, _gb_name(data)))
    best = from_bytes(data).best()
    if best is None:
        raise NotText(say("intake.binary"))
    return Decoded(*_checked(str(best), best.encoding.replace("_", "-")))


def _replacing(data: bytes, codec: str, name: str) -> Decoded:
    text, damaged = _replaced(data, codec)
    return Decoded(*_checked(text, name), damaged)


def _replaced(data: bytes, codec: str) -> tuple[str, int]:
    text = data.decode(codec, errors="replace")
    return text, text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes, read with them replaced; None when the bytes are not UTF-8."""
    text, damaged = _replaced(data, "utf-8")
    # One bad byte inside a character gives a run of up to four U+FFFD: one damaged place.
    places = len(_REPLACED_RUN.findall(text)) - len(_REPLACED_RUN.findall(data.decode("utf-8", errors="ignore")))
    three_byte = sum(data.count(lead) for lead in _UTF8_LEAD3)  # CJK characters, intact or not
    if damaged > _DAMAGE_FEW + len(text) / _DAMAGE_SHARE or three_byte - damaged < _INTACT_PER_DAMAGED * places:
        return None
    try:
        return Decoded(*_checked(text, "utf-8"), damaged)
    except NotText:
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    # ASCII-heavy UTF-16 has a zero in every other byte; CJK-heavy UTF-16 has none, so
    # only the former can be recognised without a BOM (charset-normalizer handles the rest).
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros) and (even if zeros is odd else odd).count(0) == 0:
            try:
                return _checked(data.decode(codec), codec)
            except UnicodeDecodeError:
                return None
    return None


def _gb_name(data: bytes) -> str:
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return "gb18030"
    return "gbk"


def _looks_chinese(text: str) -> bool:
    """Mostly Chinese characters, or few but nearly all common ones (GB2312): other bytes read
    as GB18030 give rare characters, so a short GBK file with few Chinese words still passes."""
    sample = text[:20000]
    letters = sum(1 for ch in sample if not ch.isspace())
    cjk = _CJK.findall(sample)
    if letters == 0 or not cjk:
        return False
    if len(cjk) >= 0.3 * letters:
        return True
    common = sum(1 for ch in cjk if _in_gb2312(ch))
    return common >= 0.95 * len(cjk)


def _big5_instead(data: bytes, gb_text: str) -> str | None:
    """The Big5 reading of bytes that GB18030 reads as rare or private-use characters.

    Both encodings decode most two-byte sequences, so the bytes alone cannot tell them apart;
    the reading whose characters, once in simplified script, are the common ones is the right
    one (GBK also encodes traditional characters, so the comparison is made after conversion)."""
    if _common_share(gb_text, convert=False) >= 0.95:
        return None
    try:
        big5 = data.decode("big5hkscs")
    except UnicodeDecodeError:
        return None
    return big5 if _common_share(big5) > _common_share(gb_text) + 0.2 else None


def _common_share(text: str, convert: bool = True) -> float:
    from tracker.intake.script import simplified

    sample = text[:5000]
    if convert:
        sample = simplified(sample) or ""
    cjk = _CJK_OR_PRIVATE.findall(sample)
    if not cjk:
        return 0.0
    return sum(1 for ch in cjk if _in_gb2312(ch)) / len(cjk)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _checked(text: str, name: str) -> tuple[str, str]:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample) + 2:
        raise NotText(say("intake.binary_control"))
    return text, name

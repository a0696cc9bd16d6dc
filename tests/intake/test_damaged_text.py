"""Text with a few damaged bytes is still read, with the damage counted; Big5 is not taken for GB18030."""

from __future__ import annotations

import codecs

import pytest

from tracker.intake.encoding import NotText, decoded
from tracker.intake.readers import read_bytes

TEXT = "今年，白银高新区将力争高新技术企业总量达到120家，技术合同成交额超过5亿元。"
TRADITIONAL = "今年，白銀高新區將力爭高新技術企業總量達到120家，技術合同成交額超過5億元。"


@pytest.mark.parametrize(("data", "encoding", "damaged", "text"), [
    # one bad byte between two characters
    (TEXT.encode()[:9] + b"\xff" + TEXT.encode()[9:], "utf-8", 1, TEXT[:3] + "\ufffd" + TEXT[3:]),
    # a character cut short at the end of the file
    (TEXT.encode() + "。".encode()[:2], "utf-8", 1, TEXT + "\ufffd"),
    # a bad byte inside a character: the character and its stray bytes are replaced
    (TEXT.encode()[:10] + b"\xff" + TEXT.encode()[10:], "utf-8", 4, TEXT[:3] + "\ufffd" * 4 + TEXT[4:]),
    (codecs.BOM_UTF8 + TEXT.encode()[:9] + b"\x80" + TEXT.encode()[9:], "utf-8-sig", 1,
     TEXT[:3] + "\ufffd" + TEXT[3:]),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00", "utf-16", 1, TEXT + "\ufffd"),
    # a U+FFFD the file really holds is not damage
    ("\ufffd".encode() + TEXT.encode() + b"\xff", "utf-8", 1, "\ufffd" + TEXT + "\ufffd"),
])
def test_a_few_bad_bytes_are_replaced_and_counted(data: bytes, encoding: str, damaged: int, text: str) -> None:
    assert decoded(data) == (text, encoding, damaged)


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("gbk"), "gbk"),
    (TEXT.encode("gb18030"), "gbk"),
    (TRADITIONAL.encode("big5"), "big5"),
    (("甲" * 3 + "。").encode("gbk"), "gbk"),   # short GBK is not damaged UTF-8
])
def test_other_chinese_encodings_are_not_taken_for_damaged_utf8(data: bytes, encoding: str) -> None:
    assert decoded(data)[1:] == (encoding, 0)


def test_bytes_damaged_throughout_are_still_not_text() -> None:
    data = bytearray(TEXT.encode() * 4)
    data[::5] = b"\xff" * len(data[::5])
    with pytest.raises(NotText):
        decoded(bytes(data))


def test_the_document_says_how_many_characters_were_damaged() -> None:
    doc = read_bytes(TEXT.encode() + b"\xfe\n", "a.txt", ".txt")
    assert (doc.encoding, doc.damaged, doc.text) == ("utf-8", 1, TEXT + "\ufffd\n")
    big5 = read_bytes(TRADITIONAL.encode("big5"), "b.txt", ".txt")
    assert (big5.encoding, big5.damaged, big5.text) == ("big5", 0, TRADITIONAL)

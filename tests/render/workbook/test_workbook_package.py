"""Cached formula values injected into the saved package, and reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from tracker.render.workbook.package import finish, inject_values

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(cells: str) -> bytes:
    return f'<worksheet {NS}><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()


@pytest.mark.parametrize(("value", "expected"), [
    (0.62, '<c r="A1"><f>B1/C1</f><v>0.62</v></c>'),
    (3, '<c r="A1"><f>B1/C1</f><v>3</v></c>'),
    (-10.0, '<c r="A1"><f>B1/C1</f><v>-10.0</v></c>'),
    ("滞后", '<c r="A1" t="str"><f>B1/C1</f><v>滞后</v></c>'),
    ("", '<c r="A1" t="str"><f>B1/C1</f><v></v></c>'),
    ("a\x00b\x1fc", '<c r="A1" t="str"><f>B1/C1</f><v>abc</v></c>'),
    (True, '<c r="A1" t="b"><f>B1/C1</f><v>1</v></c>'),
    (False, '<c r="A1" t="b"><f>B1/C1</f><v>0</v></c>'),
    (date(2024, 9, 30), '<c r="A1"><f>B1/C1</f><v>45565</v></c>'),
])
def test_inject_values_by_type(value: object, expected: str) -> None:
    out = inject_values(sheet('<c r="A1" t="n"><f>B1/C1</f><v></v></c><c r="B1"><v>1</v></c>'), {"A1": value})
    assert expected.encode() in out.replace(b' t="n"', b"")
    assert b'<c r="B1"><v>1</v></c>' in out


def test_inject_values_refuses_missing_cells_and_plain_values() -> None:
    with pytest.raises(ValueError, match="cells not found in the sheet: Z9"):
        inject_values(sheet('<c r="A1"><f>1</f></c>'), {"Z9": 1})
    with pytest.raises(ValueError, match="cell A1 has no formula"):
        inject_values(sheet('<c r="A1"><v>1</v></c>'), {"A1": 2})
    with pytest.raises(TypeError, match="cannot cache a list value"):
        inject_values(sheet('<c r="A1"><f>1</f></c>'), {"A1": [1]})


def test_entities_are_not_expanded() -> None:
    hostile = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
               + sheet('<c r="A1"><f>1</f></c><c r="B1" t="inlineStr"><is><t>&x;</t></is></c>'))
    out = inject_values(hostile, {"A1": 1})
    assert b"<is><t>&x;</t></is>" in out  # left as a reference, the file is never read


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_finish_caches_values_and_fixes_every_timestamp() -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "目标跟踪"
    ws["A1"], ws["A2"], ws["A3"] = 6.2, 10, "=A1/A2"
    ws["A4"] = '=IF(A3<0.75,"滞后","序时推进")'
    stamp = datetime(2024, 10, 8)
    first = finish(_saved(workbook), {"目标跟踪": {"A3": 0.62, "A4": "滞后"}}, stamp)
    second = finish(_saved(workbook), {"目标跟踪": {"A3": 0.62, "A4": "滞后"}}, stamp)
    assert first == second
    cached = load_workbook(io.BytesIO(first), data_only=True)["目标跟踪"]
    assert (cached["A3"].value, cached["A4"].value) == (0.62, "滞后")
    formulas = load_workbook(io.BytesIO(first))["目标跟踪"]
    assert formulas["A3"].value == "=A1/A2"
    package = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in package.infolist()} == {(2024, 10, 8, 0, 0, 0)}
    core = package.read("docProps/core.xml").decode()
    assert core.count("2024-10-08T00:00:00Z") == 2
    with pytest.raises(KeyError, match="no sheet named 'Other'"):
        finish(_saved(workbook), {"Other": {"A1": 1}}, stamp)


def _package(parts: dict[str, bytes]) -> bytes:
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def test_a_large_part_is_compressed_at_the_fastest_level_and_a_small_one_as_usual() -> None:
    import random
    import zlib

    from tracker.render.workbook.package import LARGE_PART

    rng = random.Random(7)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{rng.random()}</v></c></row>' for n in range(220_000))
    large, small = rows.encode()[: LARGE_PART + 1000], rows.encode()[:50_000]

    def deflated(data: bytes, level: int) -> int:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        return len(compressor.compress(data) + compressor.flush())

    finished = zipfile.ZipFile(io.BytesIO(finish(_package({"big.xml": large, "small.xml": small}), {},
                                                 datetime(2024, 9, 30))))
    assert finished.read("big.xml") == large and finished.read("small.xml") == small
    assert finished.getinfo("big.xml").compress_size == deflated(large, 1) != deflated(large, 6)
    assert finished.getinfo("small.xml").compress_size == deflated(small, 6) != deflated(small, 1)

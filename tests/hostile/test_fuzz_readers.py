"""Fuzzing every reader with damaged .docx, PDF and .xlsx bytes (a seeded loop, the same cases every
run): each returns a document or a reason, or for the workbooks users type into, a problem naming
the file; none raises anything else."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.generate import (
    LOW_LIMITS,
    fixture_docx,
    fixture_pdf,
    members,
    rezip,
    saved_workbook,
    xlsx_bytes,
)
from tracker.config import Limits
from tracker.entries.imports import read_actuals_file
from tracker.entries.review import read_review_workbook
from tracker.entries.trackers import read_unit_inputs
from tracker.errors import InputRejected
from tracker.intake.readers import read_bytes
from tracker.models import Document, Skipped

QUICK = 60     # cases per format in the normal suite (about a second each)
THOROUGH = 800  # in the slow suite


def damaged(data: bytes, rng: random.Random, count: int) -> Iterator[bytes]:
    """`count` damaged copies of `data`: flipped bits, cuts, inserted or zeroed runs, and for zip
    files a part whose XML (or bytes) is damaged the same ways and packed again correctly."""
    parts = members(data) if data.startswith(b"PK") else None
    for _ in range(count):
        if parts and rng.random() < 0.4:
            which = rng.randrange(len(parts))
            name, old = parts[which]
            yield rezip([*parts[:which], (name, _mutated(old, rng)), *parts[which + 1:]])
        else:
            yield _mutated(data, rng)


def _mutated(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    if not out:
        return bytes(rng.randbytes(rng.randint(1, 20)))
    how = rng.choice(("flip", "cut", "insert", "zero", "splice"))
    if how == "flip":
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(out))
            out[at] ^= 1 << rng.randrange(8)
    elif how == "cut":
        out = out[:rng.randrange(len(out))]
    elif how == "insert":
        at = rng.randrange(len(out))
        out[at:at] = rng.choice((rng.randbytes(rng.randint(1, 40)), b"<", b"&", b"<!DOCTYPE x [<!ENTITY a 'b'>]>"))
    elif how == "zero":
        at = rng.randrange(len(out))
        size = min(rng.randint(1, 300), len(out) - at)
        out[at:at + size] = bytes(size)
    else:  # a stretch copied over another place
        at, to = rng.randrange(len(out)), rng.randrange(len(out))
        out[to:to] = out[at:at + rng.randint(1, 200)]
    return bytes(out)


SAMPLES = {"docx": fixture_docx, "pdf": fixture_pdf, "xlsx": xlsx_bytes}


def _check_seed_reader(fmt: str, count: int, seed: int) -> None:
    rng = random.Random(seed)
    limits = Limits(**LOW_LIMITS)
    for number, data in enumerate(damaged(SAMPLES[fmt](), rng, count)):
        result = read_bytes(data, f"case{number}.{fmt}", f".{fmt}", limits)
        assert isinstance(result, Document | Skipped), (number, result)
        if isinstance(result, Skipped):
            assert result.reason and "Traceback" not in result.reason
            assert result.reason.isprintable(), result.reason


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_a_damaged_file_gives_a_document_or_a_reason(fmt: str) -> None:
    _check_seed_reader(fmt, QUICK, seed=16)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_many_damaged_files_give_a_document_or_a_reason(fmt: str) -> None:
    _check_seed_reader(fmt, THOROUGH, seed=1616)


def _review_sheet() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "记录"
    book.active.append(["id", "决定", "更正:value"])
    book.active.append(["abc123", "确认", None])
    return saved_workbook(book)


def _check_workbook_readers(tmp_path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "typed.xlsx"
    for base in (xlsx_bytes(), _review_sheet()):
        for data in damaged(base, rng, count):
            path.write_bytes(data)
            figures, problems = read_unit_inputs(path)
            assert isinstance(figures, list) and isinstance(problems, list)
            for read in (lambda: read_actuals_file(path, []), lambda: read_review_workbook(path)):
                try:
                    read()
                except InputRejected as exc:
                    assert str(exc).startswith("typed.xlsx cannot be read as")


def test_a_damaged_workbook_is_a_problem_named_by_its_file(tmp_path: Path) -> None:
    _check_workbook_readers(tmp_path, QUICK // 2, seed=16)


@pytest.mark.slow
def test_many_damaged_workbooks_are_problems_named_by_their_file(tmp_path: Path) -> None:
    _check_workbook_readers(tmp_path, THOROUGH // 2, seed=1616)


def test_the_fuzzer_damages_what_it_is_given() -> None:
    # A fuzzer whose copies all read fine would test nothing: most copies must be refused.
    rng = random.Random(16)
    results = [read_bytes(data, "x.docx", ".docx") for data in damaged(fixture_docx(), rng, 40)]
    skipped = [result for result in results if isinstance(result, Skipped)]
    assert 20 <= len(skipped) < 40
    kinds = {result.reason.split("(", 1)[-1].split(":")[0] for result in skipped}   # "its zip structure is broken" ...
    assert len(kinds) >= 3, kinds
    assert zipfile.is_zipfile(io.BytesIO(fixture_docx()))

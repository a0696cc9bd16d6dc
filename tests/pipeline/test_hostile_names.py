"""Names that used to crash a build or share an output file: long, non-UTF-8, colliding document
names, unit names starting with ".", with "/" or of 90 characters; and one document's failure."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.documents import fixture_docx
from tests.hostile.generate import LONG_NAME, policy_text
from tests.pipeline.test_build_loop import type_into
from tracker.cli import cli
from tracker.pipeline.documents import text_names

pytestmark = pytest.mark.slow   # whole builds


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_text_names_never_share_a_file_and_fit_in_255_bytes() -> None:
    names = text_names(["Report.TXT", "Report.txt", "sub/dir/x.txt", "sub__dir__x.txt", "a/b.html", "a__b_html.txt",
                        LONG_NAME + ".txt", LONG_NAME + "甲.txt", ".hidden.txt", "CON.txt"])
    assert len({name.casefold() for name in names.values()}) == len(names)
    assert names["sub/dir/x.txt"] == "text/sub__dir__x.txt"
    assert names["sub__dir__x.txt"].startswith("text/sub__dir__x~")
    assert names["a/b.html"] == "text/a__b_html.txt"
    assert names[".hidden.txt"] == "text/_hidden.txt" and names["CON.txt"] == "text/_CON.txt"
    for name in names.values():
        assert len(os.fsencode(Path(name).name.replace(".txt", ".original.txt"))) <= 255 - 14   # the temporary's


def test_hostile_document_names_are_each_read_into_a_file_of_their_own(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    files = {"Report.TXT": 1, "Report.txt": 2, "sub/dir/x.txt": 3, "sub__dir__x.txt": 4, LONG_NAME + ".txt": 5}
    for number, (name, value) in enumerate(files.items()):
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_text(policy_text(value + number * 10), encoding="utf-8")
    (seeds / (LONG_NAME[:80] + ".docx")).write_bytes(fixture_docx())     # 245 bytes; the text beside: 256
    gbk = os.path.join(os.fsencode(seeds), "高新区要点.txt".encode("gbk"))
    with open(gbk, "wb") as out:
        out.write(policy_text(99).encode())
    result = run("build", "--root", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    documents = json.loads((tmp_path / "output" / "documents.json").read_text("utf-8"))["documents"]
    assert all(entry["status"] == "read" for entry in documents)
    texts = [entry["text_file"] for entry in documents]
    assert len({text.casefold() for text in texts}) == len(texts) == 7
    contents = {(tmp_path / "output" / text).read_text("utf-8") for text in texts}
    assert len(contents) == 7   # no text overwrote another's
    gbk_entry = next(entry for entry in documents if entry["file"] == "高新区要点.txt")
    assert gbk_entry["notes"] == ["the file name is GBK, not UTF-8 (as unzipping an archive made on Windows gives: "
                                  "\\xb8\\xdf\\xd0\\xc2\\xc7\\xf8\\xd2\\xaa\\xb5\\xe3.txt); it is listed decoded"]
    assert f"- {seeds / '高新区要点.txt'}: the file name is GBK, not UTF-8" in result.output
    # A second build reads nothing again.
    again = run("build", "--root", str(tmp_path), "--jobs", "1")
    assert again.exit_code == 0 and "(0 extracted anew)" in again.output


HOSTILE_UNITS = [".隐藏区", "甲/乙高新区", "甲_乙高新区", "总体情况", "长" * 88 + "高新区", "长" * 88 + "经开区"]


def test_units_with_hostile_names_get_distinct_trackers_that_are_read_back(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    rows = "".join(f"{unit},高新技术企业数,2024,{100 + n},家,level\n" for n, unit in enumerate(HOSTILE_UNITS))
    (tmp_path / "targets.csv").write_text("unit,indicator,year,value,uom,metric\n" + rows, encoding="utf-8")
    imported = run("targets", "import", str(tmp_path / "targets.csv"), "--root", str(tmp_path))
    assert imported.exit_code == 0, imported.stderr
    first = run("build", "--root", str(tmp_path), "--jobs", "1", "--as-of", "2024-09-30")
    assert first.exit_code == 0, first.stderr
    trackers = sorted((tmp_path / "output" / "trackers").iterdir())
    memos = sorted((tmp_path / "output" / "memos").iterdir())
    assert len(trackers) == 6 and len(memos) == 7
    names = [path.name for path in trackers]
    assert not any(name.startswith(".") for name in names)
    assert all(len(os.fsencode(name)) <= 200 for name in names + [path.name for path in memos])
    assert "甲_乙高新区.xlsx" in names and "总体情况.docx" in [path.name for path in memos]
    # Every tracker names its own unit, and a figure typed into any of them is recorded.
    for path in trackers:
        assert type_into(path, {"高新技术企业数": (50, datetime(2024, 9, 30))})
    second = run("build", "--root", str(tmp_path), "--jobs", "1", "--as-of", "2024-09-30")
    assert second.exit_code == 0, second.stderr
    assert "recorded 6 new figures" in second.output
    shutil.rmtree(tmp_path / "output")   # and the names are the same from scratch
    third = run("build", "--root", str(tmp_path), "--jobs", "1", "--as-of", "2024-09-30")
    assert third.exit_code == 0 and sorted((tmp_path / "output" / "trackers").iterdir()) == trackers


def test_an_unexpected_error_in_one_document_skips_it_and_reads_the_rest(tmp_path: Path, monkeypatch) -> None:
    import tracker.extract.run as run_module

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(policy_text(1), encoding="utf-8")
    (seeds / "b.txt").write_text(policy_text(2, unit="兰州新区"), encoding="utf-8")
    real = run_module.extract

    def failing(prepared, *args):
        if prepared.doc.file == "a.txt":
            raise RuntimeError("boom")
        return real(prepared, *args)

    monkeypatch.setattr(run_module, "extract", failing)
    result = run("build", "--root", str(tmp_path), "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"- {seeds / 'a.txt'}: skipped: could not be read: an unexpected error (RuntimeError: boom); the other "
        "documents were read. Please report this file to the tracker developers.")
    assert "Traceback" not in result.output + result.stderr
    assert (tmp_path / "output" / "trackers" / "兰州新区.xlsx").is_file()
    verbose = run("-v", "build", "--root", str(tmp_path), "--jobs", "1")
    assert "Traceback (most recent call last)" in verbose.stderr and "RuntimeError: boom" in verbose.stderr

"""A build over the seeds beside more than a hundred hostile inputs: every hostile file is listed with
what became of it, every seed is still read and every output written, no traceback, bounded memory."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SEEDS
from tests.hostile.generate import LOW_LIMITS, hostile_inputs, write_inputs
from tracker.extract.run import Knowledge, extract_files, files_under

MEMORY_BOUND_MB = 500   # a build of the seeds alone peaks near 120 MB; one unpacked bomb would need gigabytes
ADDRESS_SPACE = 6 << 30   # the build is stopped, not the machine, if a bomb gets through

# Runs the command line in a child process and writes its peak memory (with its workers') to a file.
RUNNER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from tracker.cli import cli
try:
    cli.main(args=sys.argv[2:], prog_name="tracker")
finally:
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    open(sys.argv[1], "w").write(str(peak // 1024))
"""


def run_measured(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, int]:
    peak = tmp_path / "peak-mb"
    done = subprocess.run([sys.executable, "-c", RUNNER.format(limit=ADDRESS_SPACE), str(peak), *args],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"})
    return done, int(peak.read_text())


def hostile_project(tmp_path: Path) -> tuple[Path, list]:
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    limits = "".join(f"{name} = {value}\n" for name, value in LOW_LIMITS.items())
    (project / "tracker.toml").write_text(f'unknown_indicators = "all"\n\n[limits]\n{limits}', encoding="utf-8")
    inputs = hostile_inputs(seed=16)
    write_inputs(project / "seeds", inputs)
    return project, inputs


@pytest.mark.slow
def test_hostile_inputs_beside_the_seeds_are_each_reported_and_the_build_goes_on(tmp_path: Path) -> None:
    project, inputs = hostile_project(tmp_path)
    assert len(inputs) >= 100
    done, peak_mb = run_measured(tmp_path, "build", "--root", str(project), "--jobs", "2")
    seeds = project / "seeds"
    output = project / "output"

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert peak_mb < MEMORY_BOUND_MB
    entries = {entry["file"]: entry for entry in json.loads((output / "documents.json").read_text("utf-8"))["documents"]}
    problems = done.stderr.splitlines()
    warnings = done.stdout

    for item in inputs:
        if item.expect == "unlisted":   # a file inside a hidden folder: the folder is listed
            assert item.shown not in entries
            continue
        entry = entries.pop(item.shown)
        assert entry["status"] == item.expect, (item.kind, entry)
        if item.expect == "skipped":
            assert item.says in entry["reason"], (item.kind, entry["reason"])
            assert f"- {seeds / item.shown}: skipped: {entry['reason']}." in problems, item.kind
        elif item.expect == "ignored":
            assert item.says in entry["reason"], (item.kind, entry["reason"])
        else:
            assert entry["records"] >= 1 and entry["main_unit"] == item.unit, (item.kind, entry)
            assert item.says in warnings, (item.kind, item.says)
    ignored = sum(1 for item in inputs if item.expect == "ignored")
    assert f"- Not read in {seeds}: {ignored} hidden, system or lock file(s) or link(s) (" in warnings
    # What remains are the seeds: each read as it is on its own, with the same records.
    alone, _ = extract_files(files_under([SEEDS]), Knowledge.load())
    assert {prepared.doc.file: len(extraction.records) for prepared, extraction in alone} == {
        name: entry["records"] for name, entry in entries.items()}
    assert all(entry["status"] == "read" for entry in entries.values())
    assert f"{len(problems) - 1} problems; see above. Everything else was done." == problems[-1]

    # Every document read has a text file of its own; outputs are all there and none is hidden.
    read = [json.loads((output / "documents.json").read_text("utf-8"))["documents"]]
    texts = [entry["text_file"] for entry in read[0] if entry["status"] == "read"]
    assert len(set(texts)) == len(texts) and all((output / text).is_file() for text in texts)
    assert all(len(os.fsencode(path.name)) <= 255 for path in output.rglob("*"))
    units = int(re.search(r"^(\d+) units: wrote", warnings, re.MULTILINE).group(1))
    assert len(list((output / "trackers").glob("*.xlsx"))) == units >= 4
    assert len(list((output / "memos").glob("*.docx"))) == units + 1
    for unit in {item.unit for item in inputs if item.unit}:
        assert (output / "trackers" / f"{unit}.xlsx").is_file() and (output / "memos" / f"{unit}.docx").is_file()
    for name in ("records.json", "records.xlsx", "summary.xlsx", "memos/总体情况.docx"):
        assert (output / name).is_file()
    # Nothing from outside the seeds folder was read.
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".json"):
            assert "root:x:0:0" not in path.read_text("utf-8")

"""`tracker build` and the command line's conventions, run in-process."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.helpers import SEEDS
from tests.helpers.documents import fixture_docx
from tracker import __version__
from tracker.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_on_seeds_writes_cleaned_texts_and_documents_json(seeds_copy):
    result = run("build", "--root", str(seeds_copy))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Read 5 of 5 documents from {seeds_copy / 'seeds'} (5 extracted anew); recorded 0 new figures and "
        "0 review decisions.\n"
        f"3 units: wrote 16 files, 0 unchanged; results in {seeds_copy / 'output'}.\n"
    )
    listing = json.loads((seeds_copy / "output" / "documents.json").read_text(encoding="utf-8"))
    entries = {entry["file"]: entry for entry in listing["documents"]}
    assert sorted(entries) == sorted(path.name for path in SEEDS.iterdir())
    lanbai = entries["兰白两区-征程万里风正劲.txt"]
    assert lanbai["format"] == "text"
    assert lanbai["encoding"] == "utf-8"
    assert lanbai["title"] == "征程万里风正劲 重任在肩再出发"
    assert lanbai["published"] == "2024-04-23"
    assert lanbai["chars_before"] == len((SEEDS / "兰白两区-征程万里风正劲.txt").read_text(encoding="utf-8"))
    assert 0 < lanbai["chars_after"] < lanbai["chars_before"]
    cleaned = (seeds_copy / "output" / lanbai["text_file"]).read_text(encoding="utf-8")
    assert "高新技术企业达到954家" in cleaned
    assert len(cleaned) == lanbai["chars_after"] + 1


def test_bad_files_are_reported_and_good_ones_still_processed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "兰白两区-征程万里风正劲.txt", seeds / "good.txt")
    (seeds / "plan.docx").write_bytes(fixture_docx())
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blob.bin").write_bytes(bytes(range(256)) * 16)
    (seeds / ".~lock.plan.docx#").write_text("lock")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"Read 2 of 4 documents from {seeds} (2 extracted anew); ")
    assert (f"- Not read in {seeds}: 1 hidden, system or lock file(s) or link(s) (.~lock.plan.docx#); "
            "documents.json says why for each.\n") in result.stdout
    assert result.stderr == (
        f"- {seeds / 'blob.bin'}: skipped: binary data (not text in any known encoding).\n"
        f"- {seeds / 'empty.txt'}: skipped: empty file.\n"
        "2 problems; see above. Everything else was done.\n"
    )
    listing = json.loads((tmp_path / "out" / "documents.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["status"]) for e in listing["documents"]] == [
        (".~lock.plan.docx#", "ignored"), ("blob.bin", "skipped"), ("empty.txt", "skipped"), ("good.txt", "read"),
        ("plan.docx", "read"),
    ]
    assert listing["documents"][0]["reason"] == "a lock file Word, WPS or LibreOffice keeps while a document is open"
    assert (tmp_path / "out" / "text" / "plan_docx.txt").read_text(encoding="utf-8").startswith("高新区2024年工作要点\n")
    assert (tmp_path / "out" / "text" / "plan_docx.original.txt").is_file()


def test_missing_seeds_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: The documents folder {tmp_path / 'nope'} does not exist. Put documents in it or pass --seeds DIR.\n"
    )


def test_verbose_shows_traceback_on_errors(tmp_path):
    result = CliRunner().invoke(cli, ["-v", "build", "--seeds", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.endswith("Put documents in it or pass --seeds DIR.\n")


@pytest.mark.slow
def test_quiet_prints_nothing_on_success(seeds_copy):
    result = CliRunner().invoke(cli, ["-q", "build", "--root", str(seeds_copy)])
    assert result.exit_code == 0
    assert result.output == ""


@pytest.mark.slow
def test_rerun_rewrites_nothing(seeds_copy):
    run("build", "--root", str(seeds_copy))
    result = CliRunner().invoke(cli, ["-v", "build", "--root", str(seeds_copy)])
    assert result.exit_code == 0
    assert "wrote" not in result.stderr


def test_version_help_and_unknown_command():
    assert run("--version").output == f"tracker, version {__version__}\n"
    assert "Run the whole job" in run("--help").output
    assert "--seeds DIRECTORY" in run("build", "--help").output
    result = CliRunner().invoke(cli, ["biuld"])
    assert result.exit_code == 2
    assert "No such command 'biuld'" in result.stderr


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout == f"tracker, version {__version__}\n"


UNNAMED_PLAN = ("2025年工作要点\n发布时间：2025-01-20\n"
                "今年全区地区生产总值增长6%，固定资产投资增长8%，招商专班达到12个。\n")


def test_records_waiting_for_review_are_counted_and_a_default_unit_resolves_them(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "要点.txt").write_text(UNNAMED_PLAN, encoding="utf-8")
    result = run("build", "--root", str(tmp_path), "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output
    sheet = tmp_path / "output" / "records.xlsx"
    assert f"- 3 records wait for review in {sheet}: 1 of indicators outside the catalogue (confirm them there to " \
           "track them), 3 whose document names its unit only as 全区/我市… (set default_unit under [project] " \
           "in tracker.toml or correct 单位 there).\n" in result.output
    assert not (tmp_path / "output" / "trackers").exists() or not list((tmp_path / "output" / "trackers").iterdir())
    (tmp_path / "tracker.toml").write_text('[project]\ndefault_unit = "涪陵区"\n', encoding="utf-8")
    result = run("build", "--root", str(tmp_path), "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert f"- 1 record waits for review in {sheet}: 1 of indicators outside the catalogue" in result.output
    zh = run("build", "--root", str(tmp_path), "--as-of", "2025-06-30", "--lang", "zh")
    assert f"- {sheet} 中有 1 条记录等待审核：1 条的指标不在指标目录中（在表中确认后纳入跟踪）。\n" in zh.output
    assert [p.name for p in (tmp_path / "output" / "trackers").iterdir()] == ["涪陵区.xlsx"]

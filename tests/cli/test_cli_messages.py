"""What the command line says: Chinese by default, English with --lang en or an English locale,
counted nouns that agree, and the rough edges a new user meets first (a missing project or seeds
folder, an empty seeds folder, a unit named the way people name it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.fixture_ledger import build_fixture_ledger
from tracker.cli import cli
from tracker.messages import chosen, say, sentence


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


def empty_project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    return tmp_path


def test_an_empty_seeds_folder_says_so_in_chinese_by_default(tmp_path, locale_language) -> None:
    root = empty_project(tmp_path)
    result = run("build", "--root", str(root))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"已读取 {root / 'seeds'} 中的文件 0 份（共 0 份，其中重新提取 0 份）；记入新填报数据 0 条、审核决定 0 条。",
        f"- {root / 'seeds'} 中没有文件：请把政策文件（文本、HTML、.docx、PDF）放进去，再运行 tracker build。",
        f"0 个单位：写入文件 3 个，另有 0 个没有变化、未重写；结果在 {root / 'output'}。",
    ]


@pytest.mark.parametrize(("env", "args", "lang"), [
    ({"LANG": "en_US.UTF-8"}, (), "en"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, (), "en"),   # LC_ALL wins, as POSIX says
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, (), "zh"),
    ({"LANG": "C.UTF-8"}, (), "zh"),
    ({"LANG": "C.UTF-8"}, ("--lang", "en"), "en"),
    ({"LANG": "en_US.UTF-8"}, ("--lang", "zh"), "zh"),
])
def test_the_language_of_messages(tmp_path, locale_language, env, args, lang) -> None:
    root = empty_project(tmp_path)
    result = run("build", "--root", str(root), *args, env=env)
    first = result.stdout.splitlines()[0]
    assert first.startswith("Read 0 of 0 documents" if lang == "en" else "已读取"), first


def test_errors_are_in_the_users_language(tmp_path, locale_language) -> None:
    result = run("status", "--root", str(tmp_path))
    assert (result.exit_code, result.stderr) == (1, f"错误：{tmp_path / 'tracker.db'} 还没有台账；请先运行 tracker build。\n")
    result = run("status", "--root", str(tmp_path), env={"LANG": "en_US.UTF-8"})
    assert result.stderr == f"Error: There is no ledger at {tmp_path / 'tracker.db'} yet; run `tracker build` first.\n"


def test_a_missing_seeds_folder_leaves_no_ledger_and_no_lock_behind(tmp_path) -> None:
    result = run("build", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: The documents folder {tmp_path / 'seeds'} does not exist. Put documents in it "
                             "or pass --seeds DIR.\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("build",), ("status",), ("actuals", "template"), ("review", "r1", "--reject")])
def test_a_project_folder_that_does_not_exist_is_a_usage_error(tmp_path, command) -> None:
    missing = tmp_path / "nonexist"
    result = run(*command, "--root", str(missing))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: The project folder {missing} does not exist; check --root, or set one up "
                             "with `tracker init`.\n")
    assert not missing.exists()


@pytest.mark.parametrize(("key", "params", "one", "many"), [
    ("cli.problems", {}, "1 problem; see above. Everything else was done.",
     "2 problems; see above. Everything else was done."),
    ("build.wrote", {"unchanged": 0, "output": "out"}, "1 unit: wrote 1 file, 0 unchanged; results in out.",
     "2 units: wrote 2 files, 0 unchanged; results in out."),
    ("build.read", {"read": 1, "total": 1, "seeds": "seeds", "extracted": 1},
     "Read 1 of 1 documents from seeds (1 extracted anew); recorded 1 new figure and 1 review decision.",
     "Read 1 of 1 documents from seeds (1 extracted anew); recorded 2 new figures and 2 review decisions."),
    ("actuals.recorded", {"file": "a.csv"}, "Recorded 1 figure from a.csv.", "Recorded 2 figures from a.csv."),
    ("shortfall.no_cjk_font", {}, "1 memo has no chart: matplotlib finds no Chinese font. Install one "
     "(fonts-noto-cjk or fonts-wqy-zenhei, for example) and run tracker build again: they will be written again "
     "with their chart.", "2 memos have no chart: matplotlib finds no Chinese font. Install one (fonts-noto-cjk or "
     "fonts-wqy-zenhei, for example) and run tracker build again: they will be written again with their chart."),
])
def test_counted_nouns_agree(key, params, one, many) -> None:
    def counts(n: int) -> dict[str, int]:
        return {name: n for name in ("count", "units", "written", "recorded", "decisions")}

    assert sentence(say(key, **params, **counts(1))) == one
    assert sentence(say(key, **params, **counts(2))) == many


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    import string

    from tracker.messages import catalogue

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, texts in catalogue().items():
        assert set(texts) == {"zh", "en"}, key
        assert fields(texts["zh"]) == fields(texts["en"]), key
        for text in texts.values():
            assert not text.endswith(("。", ".", "；", ";")), key   # the stop is added where the sentence ends
    with chosen("zh"):
        assert "problem(s)" not in say("cli.problems", count=2) and "个问题" in say("cli.problems", count=2)


@pytest.fixture
def zones(tmp_path: Path) -> Path:
    """A ledger with targets for two zones, named in full as the ledger keeps them."""
    (tmp_path / "targets.csv").write_text("\n".join([
        "unit,indicator,year,value,uom,metric",
        "乌鲁木齐高新区(新市区),高新技术企业,2024,280,家,level",
        "兰州新区,高新技术企业,2024,100,家,level",
    ]), encoding="utf-8")
    assert run("targets", "import", "targets.csv", "--root", str(tmp_path)).exit_code == 0
    return tmp_path


@pytest.mark.parametrize("name", [
    "乌鲁木齐高新区(新市区)", "乌鲁木齐高新区（新市区）", "乌鲁木齐高新区", "乌鲁木齐高新技术产业开发区", "新市区",
    "Urumqi High-tech Zone (Xinshi District)", "urumqi high-tech zone (xinshi district)",
])
def test_a_unit_is_found_by_any_name_people_use(zones, name) -> None:
    result = run("status", "--root", str(zones), "--unit", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"unit": "乌鲁木齐高新区(新市区)"' in result.stdout and "兰州新区" not in result.stdout


def test_a_name_that_fits_no_unit_lists_the_units(zones, locale_language) -> None:
    result = run("status", "--root", str(zones), "--unit", "乌鲁木齐")
    assert (result.exit_code, result.stderr) == (2, "错误：没有名为“乌鲁木齐”的单位；现有单位：乌鲁木齐高新区(新市区)、兰州新区。\n")
    english = run("status", "--root", str(zones), "--unit", "乌鲁木齐", "--lang", "en")
    assert english.stderr == "Error: No unit named 乌鲁木齐; known units: 乌鲁木齐高新区(新市区), 兰州新区.\n"


def test_a_fixture_ledger_unit_by_its_exact_name_still_works(tmp_path) -> None:
    build_fixture_ledger(tmp_path / "tracker.db")
    result = run("status", "--root", str(tmp_path), "--unit", "甲区", "--format", "json")
    assert result.exit_code == 0 and '"unit": "甲区"' in result.stdout


def _command_line(tmp_path, *args: str, handler: str = "") -> subprocess.CompletedProcess:
    """`tracker ARGS` in a fresh process, with an exit handler registered first when `handler` is given."""
    script = ("import atexit, sys\n"
              + (f"atexit.register(lambda: print({handler!r}, file=sys.stderr))\n" if handler else "")
              + f"sys.argv = ['tracker', *{list(args)!r}]\n"
              + "from tracker.cli import main\nmain()\nprint('not reached')\n")
    return subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=120)


def test_the_command_line_ends_with_its_output_flushed_and_the_exit_handlers_run(tmp_path) -> None:
    done = _command_line(tmp_path, "--help", handler="handler ran")
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: tracker [OPTIONS] COMMAND [ARGS]...") and "build" in done.stdout
    assert "not reached" not in done.stdout
    assert done.stderr == "handler ran\n"


def test_the_command_lines_exit_status_is_the_commands(tmp_path) -> None:
    done = _command_line(tmp_path, "build")
    assert done.returncode == 2
    assert done.stderr == f"错误：文件夹 {tmp_path / 'seeds'} 不存在。请建立它并放入政策文件，或用 --seeds DIR 指定。\n"
    assert _command_line(tmp_path, "no-such-command").returncode == 2


def test_an_exit_with_a_message_is_ended_as_the_interpreter_ends_it(capsys) -> None:
    from tracker.cli import exit_code

    assert (exit_code(None), exit_code(0), exit_code(3), exit_code(256 + 2)) == (0, 0, 3, 2)
    assert exit_code("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"

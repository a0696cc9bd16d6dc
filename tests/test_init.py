"""`tracker init` (tracker/init.py): the project layout, refusing to overwrite, and memos from its templates."""

from __future__ import annotations

import dataclasses
import re
import tomllib

import pytest
from click.testing import CliRunner

from tests.helpers.memo_ledgers import UNIT_B, context, dump, report_of
from tracker.cli import cli
from tracker.config import PACKAGE_TEMPLATES, Limits, Project, Settings, StatusRules, load_settings
from tracker.errors import ProjectExists, UsageError
from tracker.init import LIMIT_HELP, RULE_HELP, init_project, settings_text
from tracker.render.memo.write import write_unit_memo

SHIPPED = sorted(path.name for path in PACKAGE_TEMPLATES.iterdir() if path.is_file())


def test_init_creates_the_layout(tmp_path):
    root = tmp_path / "project"
    created = init_project(root)
    assert [path.relative_to(root).as_posix() for path in created] == [
        ".", "seeds", "templates", "output", "seeds/.README.txt", "tracker.toml",
        *(f"templates/{name}" for name in SHIPPED)]
    assert {"memo-reference.docx", "memo_unit_zh.j2", "sentences_en.j2"} <= set(SHIPPED)
    for name in SHIPPED:
        assert (root / "templates" / name).read_bytes() == (PACKAGE_TEMPLATES / name).read_bytes()
    assert "Put the policy documents to read here" in (root / "seeds" / ".README.txt").read_text(encoding="utf-8")
    assert list((root / "output").iterdir()) == []


def test_settings_file_is_all_defaults_and_every_setting_is_there_commented(tmp_path):
    text = settings_text()
    assert tomllib.loads(text) == {"project": {}, "status": {}, "limits": {}, "labels": {"zh": {}, "en": {}},
                                   "units": {"en": {}}}
    (tmp_path / "tracker.toml").write_text(text, encoding="utf-8")
    assert load_settings(tmp_path / "tracker.toml") == Settings()
    # Uncommenting every setting (the year and the default unit have no default) must give the defaults again.
    settings_lines = [line[2:] if re.match(r"# [a-z_]+ = ", line) and not line.startswith(("# year", "# default_unit"))
                      else line for line in text.splitlines()]
    uncommented = tomllib.loads("\n".join(settings_lines))
    assert uncommented["status"] == dataclasses.asdict(StatusRules())
    assert uncommented["limits"] == dataclasses.asdict(Limits())
    (tmp_path / "tracker.toml").write_text("\n".join(settings_lines), encoding="utf-8")
    assert load_settings(tmp_path / "tracker.toml") == Settings()


def test_every_status_rule_has_help():
    assert set(RULE_HELP) == {field.name for field in dataclasses.fields(StatusRules)}


def test_every_limit_has_help():
    assert set(LIMIT_HELP) == {field.name for field in dataclasses.fields(Limits)}


def test_init_refuses_to_overwrite_and_says_which_files(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "tracker.toml").write_text("year = 2023\n", encoding="utf-8")
    (tmp_path / "templates" / "memo_unit_zh.j2").write_text("# 我的模板\n", encoding="utf-8")
    with pytest.raises(ProjectExists) as error:
        init_project(tmp_path)
    assert str(error.value) == (f"{tmp_path} already has tracker.toml, templates/memo_unit_zh.j2. Nothing was "
                                f"changed; run again with --force to overwrite them.")
    assert (tmp_path / "tracker.toml").read_text(encoding="utf-8") == "year = 2023\n"
    assert not (tmp_path / "seeds").exists()
    init_project(tmp_path, force=True)
    assert load_settings(tmp_path / "tracker.toml") == Settings()


def test_init_keeps_documents_already_in_seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "报告.txt").write_text("今年高新技术企业达280家。", encoding="utf-8")
    created = init_project(tmp_path)
    assert tmp_path / "seeds" not in created
    assert (tmp_path / "seeds" / "报告.txt").is_file()


def test_init_refuses_a_file(tmp_path):
    (tmp_path / "x").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        init_project(tmp_path / "x")


def test_created_project_builds_memos_with_its_own_templates(tmp_path):
    init_project(tmp_path)
    unit_template = tmp_path / "templates" / "memo_unit_zh.j2"
    unit_template.write_text(unit_template.read_text(encoding="utf-8").replace("、需要关注的事项", "、存在的问题"),
                             encoding="utf-8")
    write_unit_memo(context(Project.at(tmp_path)), report_of(UNIT_B), tmp_path / "output" / "memo.docx")
    headings = [text for style, text in dump(tmp_path / "output" / "memo.docx")["paragraphs"] if style == "Heading 1"]
    assert headings == ["一、总体情况", "二、主要指标完成情况", "三、存在的问题", "四、下一步工作", "五、目标来源"]


def test_cli_init(tmp_path):
    runner = CliRunner()
    first = runner.invoke(cli, ["init", str(tmp_path / "p")])
    assert first.exit_code == 0, first.output
    assert first.output.startswith(f"Set up {tmp_path / 'p'}.")
    again = runner.invoke(cli, ["init", str(tmp_path / "p")])
    assert again.exit_code == 2
    assert "Nothing was changed; run again with --force to overwrite them." in again.output
    forced = runner.invoke(cli, ["init", "--force", str(tmp_path / "p")])
    assert forced.exit_code == 0, forced.output

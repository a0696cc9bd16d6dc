"""`tracker init`: set up a project folder.

    init_project(folder, force=False) -> list[Path]

Creates seeds/ (with a hidden note on what to put there: the intake skips hidden files),
templates/ with copies of the shipped templates and reference .docx (edit them to change a
memo's wording or layout), output/, and tracker.toml with every setting commented out at its
default. Existing files are never overwritten unless force=True; folders are simply reused,
so a folder that already holds documents can be set up in place.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from tracker.config import CONFIG_NAME, DEFAULT_LABELS, PACKAGE_TEMPLATES, Limits, StatusRules
from tracker.errors import ProjectExists, UsageError
from tracker.messages import say

SEEDS_NOTE = ".README.txt"
SEEDS_TEXT = (
    "Put the policy documents to read here (work reports, plans, news; .txt, .html, .docx or .pdf, "
    "in subfolders if you like), then run `tracker build`.\n"
    "把要读取的政策文件（工作报告、规划、新闻稿等，.txt/.html/.docx/.pdf，可分子文件夹）放在这里，然后运行 tracker build。\n"
)
# One line of help per [status] setting; tests check every StatusRules field has one.
RULE_HELP: dict[str, str] = {
    "time_basis": 'How time progress (序时进度) is measured: "months" (completed months, Chinese practice) or "days".',
    "ahead_pp": "Level targets: completion more than this many points above time progress is 超序时 (ahead).",
    "behind_pp": "Level targets: more than this many points behind time progress is 滞后 (behind).",
    "seriously_behind_pp": "Level targets: more than this many points behind is 严重滞后 (seriously behind).",
    "rate_behind_pp": "Growth/share targets: more than this many points below the target rate is 滞后.",
    "rate_seriously_behind_pp": "Growth/share targets: more than this many points below is 严重滞后.",
    "about_tolerance": "`~` (左右) level targets: within this fraction of the target counts as met (0.05 is 5%).",
    "about_tolerance_pp": "`~` (左右) rate targets: within this many points of the target counts as met.",
}

# One line of help per [limits] setting; tests check every Limits field has one.
LIMIT_HELP: dict[str, str] = {
    "max_file_mb": "Documents larger than this many megabytes are skipped.",
    "max_unpacked_mb": "A .docx whose parts, or a PDF whose compressed streams, unpack to more MB than this is skipped (a zip bomb).",
    "max_ratio": "A part or stream of over 1 MB unpacked that is compressed more than this many times is skipped (a zip bomb).",
    "max_parts": "A .docx with more parts (files inside the zip) than this is skipped.",
}


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    return repr(value)


def settings_text() -> str:
    """tracker.toml with every setting commented out at its default."""
    rules = StatusRules()
    lines = [
        "# Settings for this tracker project. Each setting is commented out and shows its default:",
        '# remove the "# " in front of one to change it.',
        "",
        "# The year to report on. Not set: the year is taken from the documents.",
        "# year = 2024",
        "",
        "# Figures of indicators outside the catalogue go to records.xlsx for review; trackers show them",
        '# once confirmed there ("confirmed"), or at once ("all").',
        '# unknown_indicators = "confirmed"',
        "",
        "# Documents that never name their unit (a district's statistics page that says only 全区, 我市 …)",
        "# give records whose unit is that word: they wait in records.xlsx until a correction of 单位 names",
        "# the unit. Not set: they wait. Set: they are this unit's figures.",
        "[project]",
        '# default_unit = "涪陵区"',
        "",
        "[status]",
    ]
    for field in fields(StatusRules):
        lines += [f"# {RULE_HELP[field.name]}", f"# {field.name} = {_toml_value(getattr(rules, field.name))}"]
    limits = Limits()
    lines += ["", "# How much of one document tracker reads; a larger or suspicious file is skipped with a reason.",
              "[limits]"]
    for field in fields(Limits):
        lines += [f"# {LIMIT_HELP[field.name]}", f"# {field.name} = {_toml_value(getattr(limits, field.name))}"]
    for lang, labels in DEFAULT_LABELS.items():
        lines += ["", f"# Status labels in {'Chinese' if lang == 'zh' else 'English'} (tables, memos).",
                  f"[labels.{lang}]"]
        lines += [f"# {code} = {_toml_value(label)}" for code, label in labels.items()]
    lines += [
        "",
        "# English names of units, for English memos; units not listed keep their Chinese names. For example:",
        '#   "乌鲁木齐高新区(新市区)" = "Urumqi High-tech Zone (Xinshi District)"',
        "[units.en]",
        "",
    ]
    return "\n".join(lines)


def _planned_files(root: Path) -> dict[Path, bytes]:
    files = {root / "seeds" / SEEDS_NOTE: SEEDS_TEXT.encode("utf-8"),
             root / CONFIG_NAME: settings_text().encode("utf-8")}
    for shipped in sorted(PACKAGE_TEMPLATES.iterdir()):
        if shipped.is_file() and not shipped.name.startswith((".", "__")):
            files[root / "templates" / shipped.name] = shipped.read_bytes()
    return files


def init_project(folder: Path, force: bool = False) -> list[Path]:
    """Set up `folder` as a project; returns the folders and files created (or overwritten with force)."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise UsageError(say("init.is_file", root=str(root)))
    files = _planned_files(root)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        names = [path.relative_to(root).as_posix() for path in existing[:5]]
        if len(existing) > 5:
            raise ProjectExists(say("init.exists_more", root=str(root), names=names, more=len(existing) - 5))
        raise ProjectExists(say("init.exists", root=str(root), names=names))
    created: list[Path] = []
    for sub in ("", "seeds", "templates", "output"):
        path = root / sub
        if not path.is_dir():
            path.mkdir(parents=True)
            created.append(path)
    for path, data in files.items():
        path.write_bytes(data)
        created.append(path)
    return created

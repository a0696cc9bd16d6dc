"""What `pip install .` (README command 1) installs: every data file the package reads, and CI runs
the README's commands in the README's order."""

from __future__ import annotations

import glob
import subprocess
import tomllib

from tests.helpers import ROOT

PACKAGE = ROOT / "tracker"


def test_every_file_of_the_package_that_is_not_python_is_installed() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["tracker"]
    installed = {path for pattern in patterns for path in glob.glob(str(PACKAGE / pattern), recursive=True)}
    data = {str(path) for path in PACKAGE.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts}
    assert data - installed == set()


def test_ci_runs_the_readme_commands_in_their_order() -> None:
    block = (ROOT / "README.md").read_text(encoding="utf-8").split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2 and commands[1] == "bash scripts/test"
    shown = subprocess.run(["bash", str(ROOT / ".ci" / "run"), "--list"], capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines() == commands

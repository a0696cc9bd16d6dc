"""The memo chart finds CJK fonts installed after matplotlib first cached its font list (a fresh
machine where `tracker build` ran before fonts-noto-cjk was installed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CJK_INSTALLED = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                               check=False).stdout.strip() if os.path.exists("/usr/bin/fc-list") else ""
needs_cjk = pytest.mark.skipif(not CJK_INSTALLED, reason="no CJK font installed (fonts-noto-cjk)")

DRAW = """
from tracker.render.memo.chart import Bar, cjk_family, draw
png = draw([Bar("高新技术企业数", 0.62, 0.75, "behind")], "zh", {"behind": "滞后"})
print(cjk_family(), png is not None, sep="|")
"""


def _python(code: str, config: Path, **env: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "MPLCONFIGDIR": str(config), **env})
    return run.stdout.strip()


@needs_cjk
def test_fonts_installed_after_the_font_cache_was_made_are_found(tmp_path: Path) -> None:
    # A font cache made while only matplotlib's own fonts existed, as after README command 1 on a
    # machine without fonts-noto-cjk.
    _python("import matplotlib.font_manager", tmp_path, MPL_IGNORE_SYSTEM_FONTS="1")
    cache = next(tmp_path.glob("fontlist-*.json"))
    assert not any("CJK" in entry["name"] for entry in json.loads(cache.read_text())["ttflist"])
    family, drawn = _python(DRAW, tmp_path).split("|")
    assert family != "None" and drawn == "True"
    # The cache now knows the fonts, so the next process finds them without scanning again.
    assert any("CJK" in entry["name"] for entry in json.loads(cache.read_text())["ttflist"])

"""Running LibreOffice headless and poppler from tests.

Tests that need them use the `office` marker and the fixtures below; on a machine without
them they skip and say why. Official Chinese face names (仿宋_GB2312, 方正小标宋简体 ...)
are mapped to the free Noto CJK fonts with a fontconfig file of our own, so the check
renders with real CJK glyphs while the documents keep the official names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FONT_ALIASES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "FangSong": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "KaiTi": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "SimSun": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "SimHei": "Noto Sans CJK SC",
    "微软雅黑": "Noto Sans CJK SC",
    "等线": "Noto Sans CJK SC",
}


def office_missing() -> str | None:
    """Why the office tests cannot run here, or None."""
    for tool in ("soffice", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (bash scripts/test installs it as root on Debian)"
    return None


# Tests that need LibreOffice and poppler; conftest.py skips them, saying why, where these are missing.
office = pytest.mark.office


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f"<alias binding='same'><family>{name}</family><prefer><family>{free}</family></prefer></alias>"
        for name, free in FONT_ALIASES.items()
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>" + aliases + "</fontconfig>",
        encoding="utf-8",
    )
    return conf


def soffice_convert(source: Path, target_format: str, out_dir: Path, *, filter_options: str = "",
                    infilter: str = "") -> Path:
    """Convert `source` with LibreOffice headless (e.g. "pdf", "xlsx"); returns the new file.
    `infilter` is the import filter with its options (a CSV read as Calc reads what is typed).

    Each call uses its own user profile, so parallel tests and a running LibreOffice do not clash.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    _always_recalculate(profile)
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(out_dir)), HOME=str(out_dir))
    convert_to = target_format + (f":{filter_options}" if filter_options else "")
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         *([f"--infilter={infilter}"] if infilter else []),
         "--convert-to", convert_to, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )
    result = out_dir / (source.stem + "." + target_format.split(":")[0])
    if done.returncode != 0 or not result.is_file():
        raise AssertionError(f"LibreOffice failed on {source.name}: rc={done.returncode}\n{done.stdout}\n{done.stderr}")
    return result


def _always_recalculate(profile: Path) -> None:
    # LibreOffice trusts the cached values in an .xlsx by default; a recalculation check must
    # not, or it would read back the values the tool wrote.
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "".join(
        f'<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>0</value></prop></item>"
        for name in ("OOXMLRecalcMode", "ODFRecalcMode")
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + items + "</oor:items>",
        encoding="utf-8",
    )


def recalculate_xlsx(source: Path, out_dir: Path) -> Path:
    """A copy of the workbook with every formula recalculated by LibreOffice."""
    return soffice_convert(source, "xlsx", out_dir / "recalculated")


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout

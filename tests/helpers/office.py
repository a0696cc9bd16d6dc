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


# A Basic macro that types into a workbook as a person would: for each line of an instructions file
# (UTF-8, tab-separated), "type<TAB>sheet<TAB>A1<TAB>text" goes to the cell and enters the text through
# the input line (.uno:EnterString: "35%" becomes 0.35 shown as a percentage, "2024-9-30" a date), and
# "sheet<TAB>name" adds a sheet. Protected sheets are unprotected first, as users do (no password).
TYPING_MACRO = r"""
Sub TypeInto(path As String, instructions As String, donePath As String)
    Dim load(0) As New com.sun.star.beans.PropertyValue
    Dim jump(0) As New com.sun.star.beans.PropertyValue
    Dim enter(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden"
    load(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), "_blank", 0, load())
    ctrl = doc.getCurrentController()
    frame = ctrl.getFrame()
    disp = createUnoService("com.sun.star.frame.DispatchHelper")
    files = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    lines = createUnoService("com.sun.star.io.TextInputStream")
    lines.setInputStream(files.openFileRead(ConvertToURL(instructions)))
    lines.setEncoding("UTF-8")
    Do While Not lines.isEOF()
        parts = Split(lines.readLine(), Chr(9))
        If parts(0) = "sheet" Then
            doc.Sheets.insertNewByName(parts(1), doc.Sheets.getCount())
        ElseIf parts(0) = "type" Then
            sheet = doc.Sheets.getByName(parts(1))
            If sheet.isProtected() Then sheet.unprotect("")
            ctrl.setActiveSheet(sheet)
            jump(0).Name = "ToPoint"
            jump(0).Value = parts(2)
            disp.executeDispatch(frame, ".uno:GoToCell", "", 0, jump())
            enter(0).Name = "StringName"
            enter(0).Value = parts(3)
            disp.executeDispatch(frame, ".uno:EnterString", "", 0, enter())
        End If
    Loop
    lines.closeInput()
    doc.store()
    doc.close(True)
    done = FreeFile
    Open donePath For Output As #done
    Print #done, "done"
    Close #done
End Sub
"""


def type_in_libreoffice(workbook: Path, steps: list[tuple[str, ...]], folder: Path) -> None:
    """Type into `workbook` with LibreOffice itself and save it (TYPING_MACRO): steps are
    ("type", sheet, "A1", text) and ("sheet", name). Runs with a profile of its own in `folder`."""
    from xml.sax.saxutils import escape

    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / ".lo-profile"
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(folder)), HOME=str(folder))
    base = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo"]
    if not (profile / "user" / "basic" / "Standard").is_dir():  # LibreOffice writes its default macros first
        subprocess.run([*base, "--terminate_after_init"], capture_output=True, timeout=180, env=env, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    module.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument '
        '1.0//EN" "module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
        f'script:language="StarBasic">{escape(TYPING_MACRO)}</script:module>\n', encoding="utf-8")
    instructions, done = folder / "steps.txt", folder / "done.txt"
    instructions.write_text("\n".join("\t".join(step) for step in steps), encoding="utf-8")  # no newline after the last
    done.unlink(missing_ok=True)
    call = f'macro:///Standard.Module1.TypeInto("{workbook}","{instructions}","{done}")'
    ran = subprocess.run([*base, call], capture_output=True, text=True, timeout=180, env=env, check=False)
    if not done.is_file():
        raise AssertionError(f"LibreOffice did not run the macro: rc={ran.returncode}\n{ran.stdout}\n{ran.stderr}")

"""Which files under the seeds folder are read, under which names, and why the others are not.

Nothing is passed over in silence. Hidden files and folders, the lock and temporary files that
office programs leave and the folder settings of Windows and macOS are listed as ignored; links
that lead out of the folder (or nowhere), pipes and devices, and names built to mislead (an
encoded "../", a line break) are refused with a reason. A link to a file inside the folder is
ignored: the file is read under its own name. Names that are not UTF-8 (GBK bytes, as a zip made
on Windows unpacks) are decoded, so every name can be stored, printed and written.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tracker.messages import Message, say
from tracker.models import Skipped

Verdict = tuple[str, Message]   # IGNORED or REFUSED, and why

_SYSTEM_FILES = {"thumbs.db": "survey.thumbs", "desktop.ini": "survey.desktop_ini", ".ds_store": "survey.ds_store"}
IGNORED, REFUSED = "ignored", "refused"
_LOCK = re.compile(r"^(~\$|\.~lock\.)")
_TEMPORARY = re.compile(r"(\.tmp|\.lock|~)$", re.IGNORECASE)
_ENCODED_PATH = re.compile(r"%(2f|5c|2e%2e)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Survey:
    """The files to read as (path, name), the ones refused (problems) and the ones ignored; `notes`
    holds what the user should know about a name (one decoded from GBK)."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    refused: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


def survey(folder: Path) -> Survey:
    """Walk `folder` without following links; every entry ends up read, refused or ignored."""
    root = folder.resolve()
    found = Survey()
    entries: list[tuple[Path, str, Verdict | None]] = []   # (path, name, why it is ignored or refused)
    for here, dirs, files in os.walk(root, followlinks=False):
        base = Path(here)
        for name in sorted(dirs):
            why = _folder_verdict(base / name, root)
            if why is not None:
                dirs.remove(name)
                entries.append((base / name, _display(base / name, root) + "/", why))
        dirs.sort()
        for name in sorted(files):
            path = base / name
            entries.append((path, _display(path, root), _file_verdict(path, name, root)))
    entries.sort(key=lambda entry: entry[0])
    # Names decoded from GBK could equal a real UTF-8 name beside them: those keep theirs.
    taken = {name for path, name, why in entries if why is None and _utf8(os.fsencode(path.relative_to(root)))}
    for path, name, why in entries:
        if why is None:
            raw = os.fsencode(path.relative_to(root))
            if not _utf8(raw):
                name = name if name not in taken else _escaped(path.relative_to(root))
                taken.add(name)
                found.notes.setdefault(name, []).append(_name_note(raw, name))
            found.files.append((path, name))
        else:
            (found.ignored if why[0] == IGNORED else found.refused).append(Skipped(name, why[1]))
    return found


def _folder_verdict(path: Path, root: Path) -> Verdict | None:
    if path.is_symlink():
        return _link_verdict(path, root, folder=True)
    why = _name_verdict(path.name)
    if why is not None:
        return why
    if path.name.startswith("."):
        count = sum(len(files) for _, _, files in os.walk(path))
        return IGNORED, say("survey.hidden_folder", count=count)
    return None


def _file_verdict(path: Path, name: str, root: Path) -> Verdict | None:
    why = _name_verdict(name)
    if why is not None:
        return why
    lowered = name.lower()
    if lowered in _SYSTEM_FILES:
        return IGNORED, say(_SYSTEM_FILES[lowered])
    if _LOCK.search(name):
        return IGNORED, say("survey.lock")
    if name.startswith("._"):
        return IGNORED, say("survey.apple_double")
    if name.startswith("."):
        return IGNORED, say("survey.hidden_file")
    if _TEMPORARY.search(name):
        return IGNORED, say("survey.temporary")
    if path.is_symlink():
        return _link_verdict(path, root, folder=False)
    if not stat.S_ISREG(path.lstat().st_mode):
        return REFUSED, say("survey.special")
    return None


def _name_verdict(name: str) -> Verdict | None:
    if _CONTROL.search(name):
        return REFUSED, say("survey.control")
    if _ENCODED_PATH.search(name):
        return REFUSED, say("survey.encoded")
    return None


def _link_verdict(path: Path, root: Path, folder: bool) -> Verdict:
    target = Path(os.path.realpath(path))
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return REFUSED, say("survey.link_loop")
        return REFUSED, say("survey.link_missing", target=_shown(Path(os.readlink(path))))
    if not target.is_relative_to(root):
        return REFUSED, say("survey.link_folder_outside" if folder else "survey.link_outside", target=_shown(target))
    return IGNORED, say("survey.link_inside", target=_display(target, root) + ("/" if folder else ""))


def _shown(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _display(path: Path, root: Path) -> str:
    """The '/'-separated name of `path` under `root`, valid Unicode whatever bytes the name has, and
    on one line (a line break in a name is shown as \\n: messages cannot be forged with it)."""
    name = "/".join(_part_name(os.fsencode(part)) for part in path.relative_to(root).parts)
    return _CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), name)


def _part_name(raw: bytes) -> str:
    if _utf8(raw):
        return raw.decode("utf-8")
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return _escaped_part(raw)
    return text if _CJK.search(text) and not _CONTROL.search(text) else _escaped_part(raw)


def _escaped(relative: Path) -> str:
    """The name with the bytes of each part that is not UTF-8 escaped (\\xb8), the rest as it is."""
    return "/".join(_escaped_part(os.fsencode(part)) for part in relative.parts)


def _escaped_part(raw: bytes) -> str:
    return raw.decode("utf-8") if _utf8(raw) else raw.decode("ascii", errors="backslashreplace")


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _name_note(raw: bytes, name: str) -> Message:
    if "\\x" not in name:
        return say("survey.gbk_name", raw=raw.decode("ascii", errors="backslashreplace"))
    return say("survey.escaped_name")

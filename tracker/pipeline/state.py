"""What the last build wrote, so the next one rewrites only what changed.

`output/.tracker-state.json` maps each output file to a fingerprint of everything it was made
from (its data, the language, the settings, the code and templates that render it), and to what
it was written without and why (the causes of its shortfalls: a memo without its chart because no
Chinese font was installed). A file is not written again while it still exists, its fingerprint is
unchanged and each cause of a shortfall still holds; so installing the font heals the memos on the
next build. The state lives in output/ on purpose: wiping output/ wipes it too, and everything is
made again.

It also keeps what a re-run needs to skip work (rerun.py): each output's size and time stamp
as the build left it (`stamps`), the ledger file's as the build closed it (`ledger`), and per
language the key of the last build and how many units and outputs it had (`builds`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.outputs import file_stamp, write_json
from tracker.render import RENDERERS

STATE_NAME = ".tracker-state.json"
PACKAGE = Path(__file__).resolve().parent.parent
MEMO_KINDS = ("memo", "overall")


class BuildState:
    def __init__(self, output: Path):
        self.path = output / STATE_NAME
        self.output = output
        self._root = output.resolve()
        # Path.resolve makes a system call per part of a path, and a build asks about each of its
        # thousands of outputs several times: each path's answer is kept, and each folder resolved once.
        self._relative: dict[Path, str] = {}
        self._folders: dict[Path, Path] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.fingerprints: dict[str, str] = dict(data.get("fingerprints", {}))
        self.documents: dict[str, Any] = dict(data.get("documents", {}))
        self.shortfalls: dict[str, list[str]] = dict(data.get("shortfalls", {}))
        self.stamps: dict[str, list[int]] = dict(data.get("stamps", {}))
        self.ledger: list[int] | None = data.get("ledger")
        self.builds: dict[str, dict[str, Any]] = dict(data.get("builds", {}))
        # The targets the last build tracked (key -> record ids), to follow them to this one (continuity.py).
        self.targets: dict[str, list[str]] | None = data.get("targets")
        # Trackers that held something of their user's to carry when last read: read every time, since
        # their next version must carry it (inputs.py).
        self.carrying: set[str] = set(data.get("carrying", []))

    def unchanged(self, path: Path, fingerprint: str) -> bool:
        return path.is_file() and self.fingerprints.get(self.relative(path)) == fingerprint

    def causes(self, path: Path) -> list[str]:
        """Why the file as last written lacks something (shortfall causes; empty: it is complete)."""
        return list(self.shortfalls.get(self.relative(path), []))

    def record(self, path: Path, fingerprint: str, causes: list[str] | tuple[str, ...] = ()) -> None:
        key = self.relative(path)
        self.fingerprints[key] = fingerprint
        if causes:
            self.shortfalls[key] = sorted(set(causes))
        else:
            self.shortfalls.pop(key, None)
        self.stamp(path)

    def stamp(self, path: Path) -> None:
        """Remember the file at `path` as it is now (as written, or as read back)."""
        stamp = file_stamp(path)
        if stamp is None:
            self.stamps.pop(self.relative(path), None)
        else:
            self.stamps[self.relative(path)] = stamp

    def untouched(self, path: Path) -> bool:
        """Whether the file at `path` is as this state last saw it (same size, time stamp, inode)."""
        stamp = self.stamps.get(self.relative(path))
        return stamp is not None and file_stamp(path) == stamp

    def may_skip(self, path: Path) -> bool:
        """Whether an input need not be read again: untouched, and holding nothing of its user's to carry."""
        return self.relative(path) not in self.carrying and self.untouched(path)

    def read_back(self, path: Path, carries: bool) -> None:
        """Remember an input as read now, and whether it holds something of its user's to carry."""
        self.stamp(path)
        if carries:
            self.carrying.add(self.relative(path))
        else:
            self.carrying.discard(self.relative(path))

    def save(self) -> bool:
        data = {"fingerprints": dict(sorted(self.fingerprints.items())),
                "documents": dict(sorted(self.documents.items())),
                "targets": dict(sorted((self.targets or {}).items()))}
        if self.shortfalls:
            data["shortfalls"] = dict(sorted(self.shortfalls.items()))
        data.update({"stamps": dict(sorted(self.stamps.items())), "ledger": self.ledger,
                     "builds": dict(sorted(self.builds.items())), "carrying": sorted(self.carrying)})
        return write_json(self.path, data)

    def relative(self, path: Path) -> str:
        """The key of `path` in the state: relative to the output folder, both resolved."""
        known = self._relative.get(path)
        if known is None:
            known = self._relative[path] = self._key(self._resolved(path))
        return known

    def _key(self, resolved: Path) -> str:
        try:
            return resolved.relative_to(self._root).as_posix()
        except ValueError:
            return str(resolved)

    def _resolved(self, path: Path) -> Path:
        """`path.resolve()`, from its folder's resolved once (a file that is a link is resolved itself)."""
        path = path if path.is_absolute() else Path.cwd() / path
        if ".." in path.parts or path.is_symlink():   # a link before ".." changes where ".." leads
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name


def digest(value: Any) -> str:
    """A stable hash of a (large) dataclass value: of its repr, which for the values the build
    renders (dataclasses, tuples, dicts built in a fixed order, dates, numbers, text) is the same
    in every process and four times quicker to make than `fingerprint`'s JSON. A value holding a
    set would not be (its order changes between processes): it would only be rewritten each time."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def hashed(value: Any) -> bytes:
    """The sha256 of `value`'s repr (see `digest`), to be combined by `digest_with`."""
    return hashlib.sha256(repr(value).encode("utf-8")).digest()


def digest_with(value: Any, parts: Iterable[bytes]) -> str:
    """`digest` of `value` and of values already `hashed` (`parts`, in order): a record is
    hashed once, for the review's outputs and for its unit's."""
    combined = hashlib.sha256(repr(value).encode("utf-8"))
    for part in parts:
        combined.update(part)  # 32 bytes each: no separator needed
    return combined.hexdigest()


def fingerprint(*parts: Any) -> str:
    """A stable hash of dataclasses, dates, mappings and sequences."""
    text = json.dumps([_plain(part) for part in parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint(*folders: str, extra: tuple[Path, ...] = (), package: Path = PACKAGE) -> str:
    """A hash of the package's source and data files under `folders` and of `extra` files, so
    that a new version of the code or of a template counts as a change."""
    files = [path for folder in folders for path in sorted((package / folder).rglob("*")) if path.is_file()]
    return _digest([*files, *sorted(p for p in extra if p.is_file())])


def renderer_fingerprint(kind: str, extra: tuple[Path, ...] = (), package: Path = PACKAGE) -> str:
    """A hash of everything an output's renderer is made of: every module of the package it imports,
    directly or not (found in their source, so a module imported inside a function counts too), the
    data files beside them, the shipped templates for memos, and `extra` files."""
    module = RENDERERS[kind].partition(":")[0]
    files = renderer_sources(module, package)
    if kind in MEMO_KINDS:
        files += sorted(p for p in (package / "templates").rglob("*") if p.is_file())
    return _digest([*files, *sorted(p for p in extra if p.is_file())])


def renderer_sources(module: str, package: Path = PACKAGE) -> list[Path]:
    """The source files of `module` and of every package module it imports, and the data files
    (not Python) in their folders, in a stable order."""
    seen: set[Path] = set()
    named: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in named:
            continue
        named.add(name)
        path = _module_path(name, package)
        if path is None or path in seen:
            continue
        seen.add(path)
        todo += _imported(path, package)
    data = {p for source in seen for p in source.parent.iterdir()
            if p.is_file() and p.suffix not in (".py", ".pyc") and not p.name.startswith(".")}
    return sorted(seen | data)


def _module_path(module: str, package: Path) -> Path | None:
    parts = module.split(".")
    if parts[0] != package.name:
        return None
    base = package.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


_PARSED: dict[tuple[Path, int, int], list[str]] = {}


def _imported(path: Path, package: Path) -> list[str]:
    """Package modules `path` imports anywhere in its source, with the packages they are in (whose
    __init__ runs first), and each `from X import name` where name is a module itself."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:  # the renderers share most of their modules: parse each once
        _PARSED[key] = _imports_in(path, package)
    return _PARSED[key]


# Import statements anywhere in a module (inside functions too); a line in a docstring that looks like
# one only makes the fingerprint cover a module more.
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.M)
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)", re.M)


def _imports_in(path: Path, package: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    names = [name.split(" as ")[0].strip() for match in _IMPORT.finditer(text) for name in match[1].split(",")]
    for match in _FROM_IMPORT.finditer(text):
        imported = match[2].strip("()").replace("\n", " ")
        names += [match[1], *(f"{match[1]}.{name.split(' as ')[0].strip()}" for name in imported.split(","))]
    found: list[str] = []
    for name in names:
        parts = name.split(".")
        found += [".".join(parts[:end]) for end in range(1, len(parts) + 1)]
    return [name for name in found if name.split(".")[0] == package.name]


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        if path.suffix == ".pyc":
            continue
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value

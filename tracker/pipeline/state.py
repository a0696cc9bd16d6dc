"""What the last build wrote, so the next one rewrites only what changed.

`output/.tracker-state.json` maps each output file to a fingerprint of everything it was made
from (its data, the language, the settings, the code and templates that render it). A file
whose fingerprint is unchanged and that still exists is not written again. The state lives in
output/ on purpose: wiping output/ wipes it too, and everything is made again.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.outputs import write_json
from tracker.render import RENDERERS

STATE_NAME = ".tracker-state.json"
PACKAGE = Path(__file__).resolve().parent.parent
MEMO_KINDS = ("memo", "overall")


class BuildState:
    def __init__(self, output: Path):
        self.path = output / STATE_NAME
        self.output = output
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.fingerprints: dict[str, str] = dict(data.get("fingerprints", {}))
        self.documents: dict[str, Any] = dict(data.get("documents", {}))
        # The targets the last build tracked (key -> record ids), to follow them to this one (continuity.py).
        self.targets: dict[str, list[str]] | None = data.get("targets")

    def unchanged(self, path: Path, fingerprint: str) -> bool:
        return path.is_file() and self.fingerprints.get(self._key(path)) == fingerprint

    def record(self, path: Path, fingerprint: str) -> None:
        self.fingerprints[self._key(path)] = fingerprint

    def save(self) -> bool:
        return write_json(self.path, {"fingerprints": dict(sorted(self.fingerprints.items())),
                                      "documents": dict(sorted(self.documents.items())),
                                      "targets": dict(sorted((self.targets or {}).items()))})

    def _key(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.output.resolve()).as_posix()
        except ValueError:
            return str(path.resolve())


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
    todo = [module]
    while todo:
        path = _module_path(todo.pop(), package)
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


def _imported(path: Path, package: Path) -> list[str]:
    """Package modules `path` imports anywhere in its source, with the packages they are in (whose
    __init__ runs first), and each `from X import name` where name is a module itself."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
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

"""What the last build wrote, so the next one rewrites only what changed.

`output/.tracker-state.json` maps each output file to a fingerprint of everything it was made
from (its data, the language, the settings, the code and templates that render it). A file
whose fingerprint is unchanged and that still exists is not written again. The state lives in
output/ on purpose: wiping output/ wipes it too, and everything is made again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.outputs import write_json

STATE_NAME = ".tracker-state.json"
PACKAGE = Path(__file__).resolve().parent.parent


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

    def unchanged(self, path: Path, fingerprint: str) -> bool:
        return path.is_file() and self.fingerprints.get(self._key(path)) == fingerprint

    def record(self, path: Path, fingerprint: str) -> None:
        self.fingerprints[self._key(path)] = fingerprint

    def save(self) -> bool:
        return write_json(self.path, {"fingerprints": dict(sorted(self.fingerprints.items())),
                                      "documents": dict(sorted(self.documents.items()))})

    def _key(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.output.resolve()).as_posix()
        except ValueError:
            return str(path.resolve())


def fingerprint(*parts: Any) -> str:
    """A stable hash of dataclasses, dates, mappings and sequences."""
    text = json.dumps([_plain(part) for part in parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint(*folders: str, extra: tuple[Path, ...] = ()) -> str:
    """A hash of the package's source and data files under `folders` and of `extra` files, so
    that a new version of the code or of a template counts as a change."""
    digest = hashlib.sha256()
    files = [path for folder in folders for path in sorted((PACKAGE / folder).rglob("*")) if path.is_file()]
    for path in [*files, *sorted(p for p in extra if p.is_file())]:
        if path.suffix in (".pyc",):
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

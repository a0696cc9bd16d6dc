"""Where things are (seeds/, templates/, output/, the ledger) and the settings in tracker.toml.

Resources shipped with the package (catalogue, default templates) are found here and only
here, so a project folder can override them file by file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from tracker.errors import ConfigError
from tracker.messages import say

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
PACKAGE_TEMPLATES = PACKAGE_DIR / "templates"

CONFIG_NAME = "tracker.toml"
LEDGER_NAME = "tracker.db"

# The status labels every output shows unless tracker.toml changes them; the words of the
# outputs are data in tracker/render/words/, and these are read from there too.
WORDS_DIR = PACKAGE_DIR / "render" / "words"
DEFAULT_LABELS: dict[str, dict[str, str]] = yaml.safe_load((WORDS_DIR / "status.yaml").read_text(encoding="utf-8"))["labels"]


@dataclass(frozen=True)
class StatusRules:
    """Thresholds that turn completion and time progress into a status (see tracker/assess/status.py)."""

    time_basis: str = "months"             # "months" (Chinese practice) or "days"
    ahead_pp: float = 0.0                  # level: gap above this is 超序时
    behind_pp: float = 10.0                # level: more than this many points behind is 滞后
    seriously_behind_pp: float = 30.0      # level: more than this many points behind is 严重滞后
    rate_behind_pp: float = 1.0            # growth/share: below target by more than this is 滞后
    rate_seriously_behind_pp: float = 5.0  # growth/share: below target by more than this is 严重滞后
    about_tolerance: float = 0.05          # `~` level targets: within 5% of the target counts
    about_tolerance_pp: float = 0.5        # `~` rate targets: within 0.5 points counts


@dataclass(frozen=True)
class Limits:
    """How much of one input tracker reads (tracker.toml [limits]); beyond them a file is skipped.

    They keep a hostile or broken file from taking all memory or time: a .docx is a zip whose
    parts can unpack to a thousand times their size (a zip bomb), and a PDF's streams likewise.
    Sizes are checked before anything is unpacked or parsed."""

    max_file_mb: float = 100.0       # a document file's size on disk
    max_unpacked_mb: float = 200.0   # what a .docx's parts, or a PDF's compressed streams, unpack to in all
    max_ratio: float = 200.0         # unpacked/packed size of one part or stream (checked above 1 MB unpacked)
    max_parts: int = 10000           # parts (zip members) in one .docx

    def mb(self, name: str) -> int:
        """A limit in bytes."""
        return int(getattr(self, name) * 1024 * 1024)


@dataclass(frozen=True)
class Settings:
    """Everything tracker.toml can set; defaults follow Chinese practice."""

    rules: StatusRules = field(default_factory=StatusRules)
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: {k: dict(v) for k, v in DEFAULT_LABELS.items()})
    unit_names_en: dict[str, str] = field(default_factory=dict)
    year: int | None = None                # overrides the year inferred from documents
    # Records of indicators not in the catalogue are tracked once confirmed ("confirmed") or always ("all").
    unknown_indicators: str = "confirmed"
    # The unit of documents that never name theirs (only 全区, 我市 ...): [project] default_unit.
    default_unit: str | None = None
    limits: Limits = field(default_factory=Limits)

    def label(self, code: str, lang: str = "zh") -> str:
        return self.labels.get(lang, DEFAULT_LABELS["zh"]).get(code, code)

    def unit_name(self, unit: str, lang: str = "zh") -> str:
        """A unit's name in `lang`: its configured English name, else the name in the ledger."""
        return self.unit_names_en.get(unit, unit) if lang == "en" else unit


@dataclass(frozen=True)
class Templates:
    """Where templates come from: a project's templates/ folder first (file by file), then the package.

    `root` is the project folder, which messages name templates relative to.
    """

    folder: Path | None = None
    root: Path | None = None

    def resource(self, name: str) -> Path:
        """A template or data file: the project's copy if it has one, else the package's."""
        own = self.folder / name if self.folder is not None else None
        if own is not None and own.is_file():
            return own
        for base in (PACKAGE_TEMPLATES, PACKAGE_DATA):
            shipped = base / name
            if shipped.is_file():
                return shipped
        raise ConfigError(say("config.missing_resource", name=name, folder=str(self.folder))
                          if self.folder is not None else say("config.missing_shipped", name=name))

    def shown(self, path: Path) -> str:
        """How messages name a template: relative to the project, else to the package's parent."""
        for base in (self.root, PACKAGE_DIR.parent):
            if base is not None and path.is_relative_to(base):
                return path.relative_to(base).as_posix()
        return str(path)


@dataclass(frozen=True)
class Project:
    """A project folder: seeds/, templates/, output/, tracker.toml and the ledger."""

    root: Path
    seeds: Path
    output: Path
    templates: Path
    db: Path
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def at(
        cls,
        root: Path | str = ".",
        *,
        seeds: Path | str | None = None,
        output: Path | str | None = None,
        db: Path | str | None = None,
    ) -> Project:
        root = Path(root).resolve()
        settings = load_settings(root / CONFIG_NAME)
        return cls(
            root=root,
            seeds=Path(seeds).resolve() if seeds else root / "seeds",
            output=Path(output).resolve() if output else root / "output",
            templates=root / "templates",
            db=Path(db).resolve() if db else root / LEDGER_NAME,
            settings=settings,
        )

    @property
    def template_source(self) -> Templates:
        """Where this project's memo templates come from: its templates/ first, then the package's."""
        return Templates(self.templates, self.root)

    def resource(self, name: str) -> Path:
        """A template or data file: the project's copy if it has one, else the package's."""
        return self.template_source.resource(name)

    def with_settings(self, **changes: Any) -> Project:
        return replace(self, settings=replace(self.settings, **changes))


def load_settings(path: Path) -> Settings:
    """Read tracker.toml; a missing file means all defaults."""
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(say("config.not_toml", path=str(path), error=str(exc))) from exc
    return settings_from_dict(data, where=str(path))


def settings_from_dict(data: dict[str, Any], where: str = CONFIG_NAME) -> Settings:
    base = Settings()
    rules_data = data.get("status", {})
    known = set(StatusRules.__dataclass_fields__)
    unknown = sorted(set(rules_data) - known)
    if unknown:
        raise ConfigError(say("config.unknown_status", where=where, names=unknown, known=sorted(known)))
    try:
        rules = replace(base.rules, **rules_data)
    except TypeError as exc:
        raise ConfigError(say("config.invalid_status", where=where, error=str(exc))) from exc
    if rules.time_basis not in ("months", "days"):
        raise ConfigError(say("config.time_basis", where=where, found=repr(rules.time_basis)))
    for name in known - {"time_basis"}:
        value = getattr(rules, name)
        if not isinstance(value, int | float) or value < 0:
            raise ConfigError(say("config.not_number", where=where, name=name, found=repr(value)))
    labels = {lang: dict(values) for lang, values in base.labels.items()}
    for lang, values in data.get("labels", {}).items():
        labels.setdefault(lang, {}).update({str(k): str(v) for k, v in values.items()})
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise ConfigError(say("config.year", where=where, found=repr(year)))
    units_en = {str(k): str(v) for k, v in data.get("units", {}).get("en", {}).items()}
    unknown_indicators = data.get("unknown_indicators", base.unknown_indicators)
    if unknown_indicators not in ("confirmed", "all"):
        raise ConfigError(say("config.unknown_indicators", where=where, found=repr(unknown_indicators)))
    project = data.get("project", {})
    if not isinstance(project, dict):
        raise ConfigError(say("config.project_table", where=where))
    unknown = sorted(set(project) - {"default_unit"})
    if unknown:
        raise ConfigError(say("config.unknown_project", where=where, names=", ".join(unknown), known="default_unit"))
    default_unit = project.get("default_unit")
    if default_unit is not None and (not isinstance(default_unit, str) or not default_unit.strip()):
        raise ConfigError(say("config.default_unit", where=where, found=repr(default_unit)))
    return Settings(rules=rules, labels=labels, unit_names_en=units_en, year=year,
                    unknown_indicators=unknown_indicators,
                    default_unit=default_unit.strip() if default_unit else None,
                    limits=_limits(data.get("limits", {}), where))


def _limits(data: dict[str, Any], where: str) -> Limits:
    known = set(Limits.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(say("config.unknown_limits", where=where, names=unknown, known=sorted(known)))
    for name, value in data.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(say("config.limit_not_number", where=where, name=name, found=repr(value)))
    return replace(Limits(), **data)

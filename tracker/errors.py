"""Errors the user can act on. The CLI prints their message, never a traceback."""

from __future__ import annotations

from tracker.messages import sentence


class TrackerError(Exception):
    """Base class: a problem the user can fix; the message (tracker/messages.py) says what and how."""

    exit_code = 1

    def text(self, lang: str | None = None) -> str:
        """The message as a sentence in `lang` (default: the language of the moment)."""
        return sentence(self.args[0], lang) if self.args else ""

    def __str__(self) -> str:
        return self.text()


class UsageError(TrackerError):
    """The command line or a path given on it is wrong."""

    exit_code = 2


class SeedsNotFound(UsageError):
    """The seeds folder does not exist."""


class ProjectNotFound(UsageError):
    """The project folder (--root) does not exist."""


class ConfigError(TrackerError):
    """tracker.toml or a catalogue file cannot be read or has invalid values."""


class LedgerError(TrackerError):
    """The ledger database cannot be opened, upgraded or written."""


class LedgerTooNew(LedgerError):
    """The ledger was written by a newer version of tracker."""


class LedgerDamaged(LedgerError):
    """The ledger file fails SQLite's integrity check."""


class LedgerBusy(LedgerError):
    """Another tracker process is using the ledger."""


class OutputError(TrackerError):
    """An output folder cannot be written: the disk is full, or the folder is read-only."""


class InputRejected(TrackerError):
    """An import file or a tracker contains values that cannot be read."""


class TemplateError(TrackerError):
    """A template is missing, broken or uses a variable the tool does not supply."""


class UnknownRecord(UsageError):
    """A review command names a record id that is not in the ledger."""


class NoTargets(TrackerError):
    """The ledger holds no targets yet, so there is nothing to import figures for or report on."""


class UnknownUnit(UsageError):
    """A command names an administrative unit the ledger has no targets for."""


class ProjectExists(UsageError):
    """`tracker init` would overwrite files that are already in the project folder."""


class FileInUse(TrackerError):
    """An output file is open in Excel, WPS or LibreOffice (their lock file is beside it), so it is not replaced."""

    def __init__(self, path: object) -> None:
        super().__init__(str(path))   # the only argument, so the error survives a worker process
        self.path = path

    def __str__(self) -> str:
        return f"{self.path} is open in Excel, WPS or LibreOffice; close it and run again."

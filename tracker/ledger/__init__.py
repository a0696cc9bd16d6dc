"""The ledger: an SQLite file keeping documents, records, review decisions, manual targets
and every actual figure users report, across builds."""

from tracker.ledger.backups import Restored, backup_folder, backups
from tracker.ledger.connection import restore_ledger
from tracker.ledger.core import Ledger, RecordChanges
from tracker.ledger.decisions import CORRECTABLE, Decision
from tracker.ledger.rows import StoredDocument
from tracker.ledger.schema import MIGRATIONS

__all__ = [
    "CORRECTABLE", "MIGRATIONS", "Decision", "Ledger", "RecordChanges", "Restored", "StoredDocument",
    "backup_folder", "backups", "restore_ledger",
]

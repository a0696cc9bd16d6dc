"""What the tests share: paths of the repository's data, hand-built inputs (builders, ledgers,
reports), small documents in every format, and running LibreOffice (office)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
GOLDEN = ROOT / "tests" / "golden"

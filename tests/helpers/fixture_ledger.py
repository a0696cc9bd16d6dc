"""A small ledger built by hand: two units, four targets, figures reported twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers.builders import TickingClock, document, record
from tracker.ledger import Ledger
from tracker.models import Actual

UNIT = "乌鲁木齐高新区"
AS_OF = date(2024, 9, 30)


def figure(indicator: str, value: float, uom: str, as_of: date, origin: str) -> Actual:
    return Actual(UNIT, indicator, 2024, value, uom, as_of, origin)


def build_fixture_ledger(path: Path) -> None:
    """Targets: 高新技术企业 ≥280家 (baseline 250 from a 2023 actual), 技术合同成交额 >10亿元 (力争12),
    研发经费投入增长 ≥30%, and 甲区 城镇调查失业率 ≤5.5%; figures as of 2024-09-30: 300家, 6.2亿元, 24.5%."""
    money = {"indicator": "技术合同成交额", "indicator_id": None, "uom": "亿元", "comparator": ">", "category": "科技创新"}
    with Ledger.open(path, clock=TickingClock()) as ledger:
        ledger.save_document(document(), date(2024, 1, 20), "published")
        ledger.replace_records("a.txt", [
            record("r1", category="科技创新"),
            record("r2", start=20, value=10.0, **money),
            record("r2s", start=30, value=12.0, stretch=True, **money),
            record("r3", start=40, indicator="研发经费投入增长", indicator_id=None, value=30.0, uom="%", metric="growth"),
            record("r4", start=60, kind="actual", year=2023, value=250.0, comparator="="),
            record("r5", start=80, unit="甲区", indicator="城镇调查失业率", indicator_id=None, value=5.5, uom="%",
                   metric="share", direction="down", comparator="<="),
        ])
        ledger.add_actuals([
            figure("高新技术企业", 200, "家", date(2024, 6, 30), "a.csv, row 2"),
            figure("技术合同成交额", 6.2, "亿元", AS_OF, "a.csv, row 3"),
            figure("研发经费投入增长", 24.5, "%", AS_OF, "a.csv, row 4"),
        ])
        ledger.add_actuals([figure("高新技术企业", 300, "家", AS_OF, "b.csv, row 2")])

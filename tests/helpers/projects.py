"""A project of several units, each with its own short work report (sentences written for the tests)."""

from __future__ import annotations

from pathlib import Path

UNITS = ("德清县", "安吉县", "宜昌市", "桐乡市", "海宁市", "慈溪市", "余姚市", "义乌市")


def work_report(unit: str, number: int) -> str:
    return (f"{unit}2024年政府工作报告\n发布时间：2024-01-20\n"
            f"过去一年，{unit}实现地区生产总值{300 + 40 * number}亿元，高新技术企业达到{100 + 10 * number}家。\n"
            f"今年主要预期目标是：地区生产总值增长{5 + number % 3 * 0.5}%左右；高新技术企业达到{150 + 10 * number}家；"
            f"技术合同成交额达到{20 + number}亿元；城镇调查失业率控制在5.5%以内。\n")


def units_project(root: Path, count: int = 4) -> Path:
    """root/seeds with one work report for each of the first `count` UNITS; returns root."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for number, unit in enumerate(UNITS[:count]):
        (seeds / f"{unit}-工作报告.txt").write_text(work_report(unit, number), encoding="utf-8")
    return root

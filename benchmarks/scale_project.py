"""A seeded national synthetic project for benchmarks/scale.py: N units of several kinds, their
documents, and the figures their offices type in.

Units are taken from the tool's own gazetteer (names that mean one unit only): counties
(about four in five), prefecture-level cities and development zones (national high-tech zones
and ETDZs). Each unit has a 2024 work report: a review of 2023 (achieved figures, which become
baselines), company news, paragraphs of policy prose without figures, and 8 to 11 targets for
2024; one unit in four also has a mid-year news story (achieved figures for part of the year).
Every sentence is generated from the templates below; nothing is copied from real documents.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

# (what the report says, the value's range, decimals): {v} is the figure.
TARGETS = (
    ("地区生产总值增长{v}%左右", (4.5, 8.0), 1),
    ("一般公共预算收入增长{v}%", (3.0, 9.0), 1),
    ("固定资产投资增长{v}%", (3.0, 12.0), 1),
    ("规模以上工业增加值增长{v}%", (5.0, 11.0), 1),
    ("社会消费品零售总额增长{v}%", (4.0, 9.0), 1),
    ("高新技术企业达到{v}家", (40, 900), 0),
    ("研发经费投入强度达到{v}%", (1.2, 4.5), 1),
    ("城镇调查失业率控制在5.5%以内", None, 0),
    ("城乡居民人均可支配收入增长{v}%", (5.0, 7.5), 1),
    ("实际使用外资{v}亿美元", (0.5, 20.0), 1),
    ("技术合同成交额达到{v}亿元", (2.0, 150.0), 1),
    ("新增高新技术企业{v}家", (10, 200), 0),
    ("专精特新中小企业达到{v}家", (5, 120), 0),
    ("规模以上工业总产值达到{v}亿元", (50, 3000), 0),
)
REVIEW = (
    "实现地区生产总值{v}亿元，同比增长{p}%",
    "一般公共预算收入{v}亿元，增长{p}%",
    "规模以上工业增加值增长{p}%",
    "高新技术企业达到{n}家",
    "社会消费品零售总额{v}亿元，增长{p}%",
    "技术合同成交额{v}亿元",
)
MIDYEAR = (
    "地区生产总值增长{p}%",
    "规模以上工业总产值{v}亿元",
    "技术合同成交额{v}亿元",
    "一般公共预算收入{v}亿元",
)
PROSE = (
    "坚持稳中求进工作总基调", "完整准确全面贯彻新发展理念", "加快构建现代化产业体系", "持续优化营商环境",
    "深入实施创新驱动发展战略", "统筹推进城乡融合发展", "扎实做好保障和改善民生工作", "着力扩大有效投资",
    "大力发展数字经济", "推动传统产业转型升级", "切实防范化解重大风险", "不断提升基层治理水平",
    "全面推进乡村振兴", "持续改善生态环境质量", "深化重点领域改革", "推进高水平对外开放",
    "加强人才引进和培养", "完善科技成果转化机制", "提升公共服务均等化水平", "巩固拓展脱贫攻坚成果",
)
COMPANIES = ("华联新材料", "恒信智能装备", "瑞丰生物医药", "远航电子科技", "金石能源", "创力精密制造",
             "宏达化工", "博远信息技术", "青松食品", "鼎盛汽车零部件")
NOISE = (
    "联系电话0571-8{a:03d}{b:04d}，邮编31{a:04d}。",
    "本报记者 张{c}  通讯员 李{c}",
    "（责任编辑：王{c}）",
    "相关阅读：{unit}召开第{a}次常务会议",
)
KINDS = {"county": "县", "prefecture": "市", "high_tech_zone": "区", "etdz": "区"}
SPEAKER = {"county": "县长", "prefecture": "市长", "high_tech_zone": "管委会主任", "etdz": "管委会主任"}


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str   # county, prefecture, high_tech_zone, etdz


def pick_units(n: int, seed: int) -> list[Unit]:
    """`n` units whose names mean one unit only: about 80% counties, 10% cities, 10% zones."""
    from tracker.extract.units import load_gazetteer

    gazetteer = load_gazetteer()
    pools: dict[str, list[Unit]] = {"county": [], "prefecture": [], "zone": []}
    for unit in gazetteer:
        if unit.kind in KINDS and gazetteer.resolve(unit.name) == unit and "(" not in unit.name:
            pools["zone" if unit.kind in ("high_tech_zone", "etdz") else unit.kind].append(Unit(unit.name, unit.kind))
    rng = random.Random(seed)
    for pool in pools.values():
        rng.shuffle(pool)
    zones = min(len(pools["zone"]), n // 10)
    cities = min(len(pools["prefecture"]), n // 10)
    counties = n - zones - cities
    if counties > len(pools["county"]):
        raise SystemExit(f"at most {len(pools['county']) + zones + cities} units can be generated")
    return pools["county"][:counties] + pools["prefecture"][:cities] + pools["zone"][:zones]


def _figure(rng: random.Random, low: float, high: float, decimals: int) -> str:
    value = rng.uniform(low, high)
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def _prose(rng: random.Random, sentences: int) -> str:
    return "，".join(rng.sample(PROSE, sentences)) + "。"


def work_report(unit: Unit, rng: random.Random, version: int = 0) -> str:
    """The unit's 2024 work report (`version` changes its targets, as a corrected copy would)."""
    short = unit.name[-1] if unit.kind == "county" and unit.name[-1] in "县区市旗" else KINDS[unit.kind]
    speaker = short + "长" if unit.kind in ("county", "prefecture") else SPEAKER[unit.kind]
    lines = [f"{unit.name}2024年政府工作报告", "发布时间：2024-01-20",
             f"——2024年1月18日在{unit.name}人民代表大会上", f"{speaker} 王{rng.choice('明华军平')}",
             "各位代表：", "现在，我代表人民政府，向大会报告政府工作，请予审议。", "一、2023年工作回顾"]
    review = [template.format(v=_figure(rng, 20, 900, 1), p=_figure(rng, 3, 9, 1), n=rng.randint(30, 800))
              for template in rng.sample(REVIEW, 4)]
    lines.append(f"过去一年，全{short}" + "；".join(review) + "。")
    for _ in range(rng.randint(3, 6)):
        lines.append(_prose(rng, rng.randint(3, 6)))
    company = rng.choice(COMPANIES)
    lines.append(f"{company}有限公司年产{rng.randint(2, 50)}万吨新材料项目投产，总投资{_figure(rng, 2, 80, 1)}亿元，"
                 f"该公司去年营业收入增长{_figure(rng, 5, 60, 0)}%。")
    lines.append("二、2024年主要目标")
    chosen = rng.sample(TARGETS, rng.randint(8, 11))
    targets = []
    for template, bounds, decimals in chosen:
        figure = _figure(rng, *bounds, decimals) if bounds else ""
        if version and bounds:
            figure = _figure(random.Random(f"{unit.name}{version}{template}"), *bounds, decimals)
        targets.append(template.format(v=figure))
    lines.append("今年经济社会发展的主要预期目标是：" + "；".join(targets) + "。")
    for _ in range(rng.randint(4, 8)):
        lines.append(_prose(rng, rng.randint(3, 6)))
    lines.append(rng.choice(NOISE).format(a=rng.randint(1, 999), b=rng.randint(0, 9999), c=rng.choice("明华军平"),
                                          unit=unit.name))
    return "\n".join(lines) + "\n"


def midyear_news(unit: Unit, rng: random.Random) -> str:
    figures = [template.format(v=_figure(rng, 10, 600, 1), p=_figure(rng, 3, 9, 1))
               for template in rng.sample(MIDYEAR, 3)]
    return "\n".join([
        f"{unit.name}上半年经济运行稳中向好", "发布时间：2024-07-25",
        f"1—6月，{unit.name}" + "，".join(figures) + "。",
        _prose(rng, 4),
        f"{rng.choice(COMPANIES)}有限公司上半年产值增长{_figure(rng, 5, 40, 0)}%，新签订单{rng.randint(3, 90)}亿元。",
        _prose(rng, 3),
    ]) + "\n"


def report_name(unit: Unit) -> str:
    return f"{unit.name}-2024年政府工作报告.txt"


def write_project(root: Path, n: int, seed: int = 2024) -> list[Unit]:
    """Seeds for `n` units under root/seeds; returns the units."""
    units = pick_units(n, seed)
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for unit in units:
        rng = random.Random(f"{seed}:{unit.name}")
        (seeds / report_name(unit)).write_text(work_report(unit, rng), encoding="utf-8")
        if rng.random() < 0.25:
            (seeds / f"{unit.name}-上半年经济运行.txt").write_text(midyear_news(unit, rng), encoding="utf-8")
    return units


def change_document(root: Path, unit: Unit, seed: int = 2024, version: int = 1) -> Path:
    """Rewrite one unit's work report with other target figures (a corrected copy, `version` of them)."""
    path = root / "seeds" / report_name(unit)
    path.write_text(work_report(unit, random.Random(f"{seed}:{unit.name}"), version=version), encoding="utf-8")
    return path


def change_document_again(root: Path, unit: Unit, seed: int = 2024) -> Path:
    """Rewrite one unit's work report with target figures other than those it has now (the first
    corrected copy that differs from it)."""
    path = root / "seeds" / report_name(unit)
    now = path.read_text(encoding="utf-8")
    version = next(v for v in range(1, 1000) if work_report(unit, random.Random(f"{seed}:{unit.name}"), v) != now)
    return change_document(root, unit, seed, version)


def fill_actuals(template: Path, filled: Path, seed: int = 2024, share: float = 0.85) -> int:
    """The month's figures, as offices type them: `share` of the rows of `tracker actuals template`
    get a figure as of 2024-09-30. Returns the number of figures."""
    rng = random.Random(seed)
    with template.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    header, body = rows[0], rows[1:]
    column = {name.rpartition("(")[2].strip(" )*"): index for index, name in enumerate(header)}
    count = 0
    for row in body:
        if rng.random() >= share:
            continue
        uom = row[column["uom"]] if "uom" in column else ""
        row[column["value"]] = _figure(rng, 1, 9, 1) if uom in ("%", "个百分点") else _figure(rng, 5, 600, 1)
        row[column["as_of"]] = "2024-09-30"
        count += 1
    with filled.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *body])
    return count

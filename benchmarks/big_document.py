"""One very large document: a whole `tracker build` of a project holding it, against reading it
and scanning it for figures with one compiled regex in the same run.

Usage: python benchmarks/big_document.py [--mb 50] [--seed 2024] [--keep DIR]

Two seeded documents of the given size are built one after the other, each alone in a fresh
project (`tracker build --jobs 2`, a fresh process, timed by the wall clock, peak memory the sum
of the proportional set sizes of the build's processes):

  sentences     a zone's report of unique sentences: targets, results, company news and noise,
                one unit, so the unit's tracker and memo hold thousands of rows
  run-on        the same kind of text with no sentence or line breaks at all (a damaged copy)

Printed per document: its size, the build's seconds and peak memory, the records it kept, and
the seconds of the plain scan. No assertions: the figures go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import tracker  # noqa: E402

INDICATORS = ("高新技术企业", "科技型中小企业", "技术合同成交额", "规上工业总产值", "固定资产投资", "实际使用外资",
              "进出口总额", "社会消费品零售总额", "一般公共预算收入", "新增就业", "研发经费投入", "专精特新企业")
MEASURES = {"高新技术企业": "家", "科技型中小企业": "家", "专精特新企业": "家", "新增就业": "人"}
OPENERS = ("今年", "全年", "力争", "前三季度", "上半年", "1-8月", "一季度")
VERBS = ("达到", "突破", "完成", "实现", "超过", "增长")
NOISE = ("会议强调，要坚持稳中求进工作总基调，推动各项工作取得新成效。",
         "记者从区管委会获悉，相关工作正在有序推进。",
         "责任编辑：张明 来源：开发区融媒体中心",
         "某某科技股份有限公司总部位于区内，现有员工1200余人。")
SCAN = re.compile(r"\d+(?:\.\d+)?\s*(?:%|家|亿元|万元|人|个)")


WORDS = ("推进", "产业", "创新", "发展", "项目", "建设", "服务", "改革", "开放", "平台", "企业", "园区", "人才",
         "科技", "数字", "绿色", "招商", "营商环境", "制造", "协同", "质量", "效益", "机制", "生态", "融合")


def sentence(rng: random.Random, n: int) -> str:
    """A unique sentence (the running number `n` goes into it); about one in 40 carries a figure,
    so that 50 MB hold some 25,000 figures, as a large real compilation does."""
    if rng.random() < 0.025:
        indicator = rng.choice(INDICATORS)
        measure = MEASURES.get(indicator, rng.choice(("亿元", "%")))
        value = f"{rng.randint(1, 90)}.{n % 97:02d}" if measure != "家" else str(100 + n % 9000)
        verb = "增长" if measure == "%" else rng.choice(VERBS[:-1])
        return f"{rng.choice(OPENERS)}，{indicator}{verb}{value}{measure}。"
    if rng.random() < 0.05:
        return rng.choice(NOISE)
    words = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
    return f"第{n}项工作中，{words}。"


def document(size_mb: float, seed: int, breaks: bool) -> str:
    rng = random.Random(seed)
    parts = ["芜湖高新区2024年工作报告\n发布时间：2024-10-15\n"]
    total, n = len(parts[0].encode("utf-8")), 0
    limit = int(size_mb * 1024 * 1024)
    while total < limit:
        piece = sentence(rng, n)
        if not breaks:
            piece = piece.replace("。", "，")
        elif n % 6 == 5:
            piece += "\n"
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        n += 1
    return "".join(parts)


def scan_seconds(path: Path) -> float:
    start = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    sum(1 for _ in SCAN.finditer(text))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--keep", type=Path, help="build in this folder and leave it there")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="tracker-big-"))
    print(f"documents of {args.mb:g} MB; seed {args.seed}")
    print(f"  {'document':<12}{'build':>10}{'peak':>10}{'records':>10}{'scan':>10}")
    for name, breaks in (("sentences", True), ("run-on", False)):
        project = base / name
        shutil.rmtree(project, ignore_errors=True)
        (project / "seeds").mkdir(parents=True)
        path = project / "seeds" / "report.txt"
        path.write_text(document(args.mb, args.seed, breaks), encoding="utf-8")
        (project / "tracker.toml").write_text('unknown_indicators = "all"\n', encoding="utf-8")
        seconds, peak = tracker(project, "build", "--jobs", "2", "--as-of", "2024-09-30")
        records = json.loads((project / "output" / "records.json").read_text(encoding="utf-8"))["records"]
        print(f"  {name:<12}{seconds:>9.1f}s{peak:>8.0f}MB{len(records):>10}{scan_seconds(path):>9.2f}s")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Extraction speed on a generated corpus, beside a plain compiled-regex scan of the same text.

Usage: python benchmarks/extract_speed.py [--mb 20]

The corpus is paragraphs of the seeds' cleaned texts with generated figure sentences mixed in
(one paragraph in four by default, about three times the density of figures in the seeds),
until it reaches the requested size in UTF-8 bytes. Both passes run on one core in this process:
- baseline: one compiled regex finding every number with its unit (what a naive scanner does);
- tracker: the whole extractor (spin normalisation, quantities, time expressions, cues, units,
  indicators, records) on the same text, split into documents of about 20 KB.
Times are CPU seconds of this process (time.process_time), the fastest of `--repeat` runs, so
other work on the machine inflates them as little as possible. Prints MB/s for both and the ratio. No assertions: figures for the closing note.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from tracker.extract.records import extract
from tracker.extract.run import Knowledge
from tracker.intake import prepare, prepare_document
from tracker.intake.readers import read_bytes

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    "力争{year}年{unit}高新技术企业总量达{n}家，技术合同成交额超过{m}亿元，全社会研发经费投入增长{p}%。",
    "{year}年，{unit}实现地区生产总值{m}亿元，同比增长{p}%，规上工业增加值增长{q}%。",
    "截至目前，{unit}累计培育专精特新“小巨人”企业{n}家，入驻企业超过{k}家。",
    "到2025年，{unit}研发投入强度达到{q}%，城镇调查失业率控制在5.5%以内。",
    "1—{mo}月，{unit}完成固定资产投资{m}亿元，招商引资到位资金{k}亿元。",
    "会议于{year}年3月5日召开，联系电话0931-8159799，某某科技有限公司年产{n}万吨。",
]
UNITS = ["兰州新区", "无锡高新区", "宜昌市", "海淀区", "苏州工业园区", "乌鲁木齐高新区", "全市", "全区"]


def corpus(megabytes: float, figure_share: float = 0.25, seed: int = 7) -> list[str]:
    """Documents of about 7,000 characters: real paragraphs from the seeds, with one in four
    replaced by a generated sentence full of figures (`figure_share`)."""
    rng = random.Random(seed)
    seeds = [prepare(path, path.name).text for path in sorted((ROOT / "seeds").iterdir())]
    documents, size, target = [], 0, int(megabytes * 1024 * 1024)
    while size < target:
        paragraphs = []
        while sum(len(p) for p in paragraphs) < 7000:
            if rng.random() >= figure_share:
                seed_text = rng.choice(seeds).splitlines()
                paragraphs.append(rng.choice(seed_text))
            else:
                paragraphs.append(rng.choice(TEMPLATES).format(
                    year=rng.choice([2023, 2024, 2025]), unit=rng.choice(UNITS), n=rng.randint(10, 3000),
                    m=round(rng.uniform(1, 5000), 2), p=round(rng.uniform(1, 30), 1), q=round(rng.uniform(0.5, 9), 1),
                    k=rng.randint(10, 900), mo=rng.randint(2, 11)))
        text = "某市2024年工作报告\n发布时间：2024-01-20\n" + "\n".join(paragraphs) + "\n"
        documents.append(text)
        size += len(text.encode("utf-8"))
    return documents


def best_of(repeat: int, work) -> tuple[int, float]:
    """The result and the fastest of `repeat` runs (CPU seconds): the least disturbed one."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        result = work()
        times.append(time.process_time() - start)
    return result, min(times)


BASELINE = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|家|个|%|人|项|件|吨)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pass; the fastest counts")
    parser.add_argument("--figure-share", type=float, default=0.25,
                        help="share of paragraphs that are generated figure sentences (stress: 0.6)")
    args = parser.parse_args()
    documents = corpus(args.mb, args.figure_share)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1024 / 1024
    knowledge = Knowledge.load()
    prepared = [prepare_document(read_bytes(d.encode("utf-8"), f"doc{i}.txt")) for i, d in enumerate(documents)]

    def scan() -> int:
        return sum(1 for d in documents for _ in BASELINE.finditer(d))

    def extraction() -> int:
        return sum(len(extract(p, knowledge.catalogue, knowledge.gazetteer).records) for p in prepared)

    hits, baseline = best_of(args.repeat, scan)
    records, tracker = best_of(args.repeat, extraction)

    print(f"corpus: {megabytes:.1f} MB of UTF-8 Chinese text in {len(documents)} documents")
    print(f"baseline regex scan: {megabytes / baseline:8.1f} MB/s ({hits} numbers)")
    print(f"tracker extraction:  {megabytes / tracker:8.1f} MB/s ({records} records)")
    print(f"extraction takes {tracker / baseline:.0f}x the time of the plain scan")


if __name__ == "__main__":
    main()

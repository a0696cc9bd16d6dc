"""The memo chart: completion of each level target (or unit) against time progress, as a PNG.

Drawn with matplotlib's Agg canvas (no pyplot, no global state). Chinese labels need a CJK font:
the first installed one of CJK_FAMILIES is used; with none, `draw` returns None and the memo
leaves the chart out (and says so), rather than drawing boxes in place of characters. The PNG is
deterministic: fixed size and dpi, and no software or time stamps in its metadata.

matplotlib caches the list of installed fonts once and never looks again, so fonts installed after
its first run (fonts-noto-cjk after `tracker build` on a fresh machine) stay unknown to it. When no
CJK font is in that list, the system's fonts are scanned once per process and the cache rewritten.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tracker.render.formatting import fmt_percent
from tracker.render.memo.bars import Bar
from tracker.render.words import words

DPI = 200
WIDTH_IN = 6.1                     # the 156 mm type area
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti", "Noto Serif CJK SC",
    "Source Han Serif SC", "SimSun", "AR PL UMing CN", "AR PL UKai CN", "Noto Sans CJK TC", "Noto Sans CJK JP",
    "Droid Sans Fallback",
)
# Status colours: on track green, behind amber, seriously behind red (the traffic lights offices use).
COLOURS = {"achieved": "#1b5e20", "ahead": "#43a047", "on_schedule": "#8bc34a", "behind": "#e0a100",
           "seriously_behind": "#c62828"}
LEGEND_ORDER = ("achieved", "ahead", "on_schedule", "behind", "seriously_behind")
WORDS = words("memo")["chart"]


def cjk_family() -> str | None:
    """The first installed font family of CJK_FAMILIES, or None (after looking for new fonts once)."""
    family = _first_cjk()
    if family is None and _rescan_fonts():
        family = _first_cjk()
    return family


def no_cjk_font() -> bool:
    """Whether charts with Chinese text cannot be drawn (the cause of a memo without its chart)."""
    return cjk_family() is None


def _first_cjk() -> str | None:
    installed = {entry.name for entry in fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


_RESCANNED: list[bool] = []  # set once the system's fonts were scanned in this process


def _rescan_fonts() -> bool:
    """Add the fonts installed since matplotlib cached its font list; True when some were added.
    Runs once per process; the cache is rewritten so later processes find them at once."""
    if _RESCANNED:
        return False
    _RESCANNED.append(True)
    known = {entry.fname for entry in fontManager.ttflist}
    added = False
    for path in sorted(set(font_manager.findSystemFonts()) - known):
        try:
            fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue  # a font file FreeType cannot read: matplotlib skips those too
        added = True
    if added:
        cache = Path(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
        font_manager.json_dump(fontManager, cache)  # logs and carries on when the cache is not writable
    return added


def _needs_cjk(texts: Sequence[str]) -> bool:
    return any(not text.isascii() for text in texts)


def _wrap(label: str, per_line: int = 12) -> str:
    """A long axis label on even lines (a lone last character reads badly)."""
    if label.isascii():
        return "\n".join(textwrap.wrap(label, 2 * per_line)) or label
    lines = -(-len(label) // per_line)
    size = -(-len(label) // lines)
    return "\n".join(label[i:i + size] for i in range(0, len(label), size))


def draw(bars: Sequence[Bar], lang: str, labels: Mapping[str, str]) -> bytes | None:
    """The chart as PNG bytes, or None when its text needs a CJK font and none is installed.

    `labels` maps status codes to their wording in the memo's language (for the legend).
    """
    words = WORDS.get(lang, WORDS["zh"])
    texts = [bar.label for bar in bars] + list(words.values()) + list(labels.values())
    family = cjk_family()
    if family is None and _needs_cjk(texts):
        return None
    font = FontProperties(family=family) if family else FontProperties(family="DejaVu Sans")
    with matplotlib.rc_context({"axes.unicode_minus": False, "svg.hashsalt": "tracker"}):
        return _render(bars, lang, labels, words, font)


def _render(bars: Sequence[Bar], lang: str, labels: Mapping[str, str], words: Mapping[str, str],
            font: FontProperties) -> bytes:
    height = 1.3 + 0.4 * len(bars)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(bars)))[::-1]  # first bar on top
    values = [bar.completion * 100 for bar in bars]
    axes.barh(positions, values, height=0.56, color=[COLOURS.get(bar.code, "#888888") for bar in bars])
    for y, bar in zip(positions, bars, strict=True):
        axes.plot([bar.time_progress * 100] * 2, [y - 0.38, y + 0.38], color="#222222", linewidth=1.6)
    limit = max([100.0, *values, *(bar.time_progress * 100 for bar in bars)]) * 1.18
    label_width = limit * 0.09
    for y, value, bar in zip(positions, values, bars, strict=True):
        marker = bar.time_progress * 100
        # After the bar's end, or after the time-progress mark when the label would run over it.
        x = value + limit * 0.01
        if x - limit * 0.01 <= marker <= x + label_width:
            x = marker + limit * 0.015
        axes.text(x, y, fmt_percent(value / 100, lang=lang), va="center", fontproperties=font, fontsize=8)
    axes.set_xlim(0, limit)
    axes.set_ylim(-0.7, len(bars) - 0.3)
    axes.set_yticks(positions, [_wrap(bar.label) for bar in bars], fontproperties=font, fontsize=9)
    axes.set_xlabel(words["completion"], fontproperties=font, fontsize=9)
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font)
        tick.set_fontsize(8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    present = [code for code in LEGEND_ORDER if any(bar.code == code for bar in bars)]
    handles = [Patch(color=COLOURS[code], label=labels.get(code, code)) for code in present]
    handles.append(Line2D([], [], color="#222222", linewidth=1.6, label=words["time_progress"]))
    small = font.copy()
    small.set_size(8)
    axes.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, prop=small,
                bbox_to_anchor=(0.5, 1.0))
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()

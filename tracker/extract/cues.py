"""The words around a figure that say what kind of figure it is.

- comparator verbs before a number (达到 >=, 超过 >, 控制在 <= ...);
- rate words that make a percentage a growth rate, a share, or a change in points;
- target cues (力争, 确保, 目标, 到2025年 ...) versus achievement cues (已, 累计, 截至 ...),
  from the lexicon (kinds.yaml);
- subjects that are companies, not administrative units.
Spun synonyms of the cue words are listed beside them (力图 for 力争, 凌驾 for 超过 ...):
the cue lexicon is ours to extend, unlike the document text, which is never rewritten.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

from tracker.extract.edgechars import end_chars
from tracker.extract.lexicon import lexicon
from tracker.extract.prefilter import spans
from tracker.extract.values import value_class

_VERB_CMP = lexicon().pairs("comparator_verbs")
# The alternation is longest first, so 不超过 wins over 超过 and 达到 over 达.
_VERB_RE = lexicon().compile(r"{comparator_verbs}(?:到|至|了)?\s*$")
# The verb ends the prefix, so only its last characters need searching (longest verb + 到/至/了 + spaces).
_VERB_WINDOW = max(len(verb) for verb in _VERB_CMP) + 4
_VERB_PARTICLE = re.compile(r"(到|至|了)$")
_VERB_ENDS = end_chars(_VERB_RE)
_GROWTH_WINDOW = 12
# Rate words: rates.yaml. group(2) is the rate word, so a fall can be told from a rise.
_GROWTH_RE = lexicon().compile(r"(同比)?({growth_words}|{fall_words})({rate_tails})?\s*$")
_FALL_WORDS = frozenset(lexicon().words("fall_words"))
_GROWTH_ENDS = end_chars(_GROWTH_RE)

# Target and actual cues: kinds.yaml. Weak actual cues (同比, 累计, 认定 ...) give way to a
# heading or introducer that says the figures below it are goals.
_TARGET_CUES = lexicon().compile("{target_cues}")
_ACTUAL_CUES = lexicon().compile("{actual_cues}")
_FORECAST_CUES = lexicon().compile("{forecast_cues}")
_ESTIMATE_CUES = lexicon().compile("{estimate_cues}")
# The kinds of the cues of estimates: a result or a goal by the document's date (judgement.kind_by_time);
# with no date a forecast (预计实现) is a goal and a whole year's estimate (预计全年) a result.
FORECAST, ESTIMATE = "forecast", "estimate"
_WEAK_ACTUAL_CUES = lexicon().compile("{weak_actual_cues}")
_STRETCH = frozenset(lexicon().words("stretch_cues"))
# Company words: companies.yaml.
_COMPANY = lexicon().compile("{company_words}")
NAMED_COMPANY = lexicon().compile("{named_company_words}")
# "某某有限公司总经理张三说，…": what follows is the company's own account.
SPEAKER_AT_COMPANY = lexicon().compile(r"(?:{named_company_words}|企业)[^,，。;；“”]{0,16}{speech_verbs}[,，:：]")


@value_class
class Cue:
    kind: str      # "target" | "actual" | FORECAST | ESTIMATE
    start: int
    end: int
    word: str
    stretch: bool  # 力争/力图: a stretch goal
    weak: bool = False  # an actual cue that a goal scope outweighs (比上年, 累计)


def comparator_before(prefix: str) -> tuple[str | None, int]:
    """The comparator of the verb ending `prefix`, and where that verb starts (len(prefix) if none)."""
    found = _VERB_RE.search(prefix, max(0, len(prefix) - _VERB_WINDOW)) if prefix[-1:] in _VERB_ENDS else None
    if not found:
        return None, len(prefix)
    verb = found.group(0).rstrip()
    verb = _VERB_PARTICLE.sub("", verb) if verb not in _VERB_CMP else verb
    return _VERB_CMP.get(verb, ">="), found.start()


def growth_before(prefix: str) -> tuple[bool, bool, int]:
    """(is a rate of change, is a fall, where the rate word starts) for the words ending `prefix`."""
    found = _GROWTH_RE.search(prefix, max(0, len(prefix) - _GROWTH_WINDOW)) if prefix[-1:] in _GROWTH_ENDS else None
    if not found:
        return False, False, len(prefix)
    return True, found.group(2) in _FALL_WORDS, found.start()


def find_cues(text: str) -> list[Cue]:
    cues = [Cue("target", s, e, text[s:e], text[s:e] in _STRETCH) for s, e in spans(_TARGET_CUES, text)]
    cues += [Cue("actual", s, e, text[s:e], False) for s, e in spans(_ACTUAL_CUES, text)]
    cues += [Cue("actual", s, e, text[s:e], False, weak=True) for s, e in spans(_WEAK_ACTUAL_CUES, text)]
    estimates = [Cue(ESTIMATE, m.start(), m.end(), m.group(0), False) for m in _ESTIMATE_CUES.finditer(text)]
    estimated = {e.start for e in estimates}
    cues += estimates + [Cue(FORECAST, m.start(), m.end(), m.group(0), False) for m in _FORECAST_CUES.finditer(text)
                         if m.start() not in estimated]
    # "预计全年将超过1200万人", "预计全年完成": a target word or a weak achievement word inside an
    # achievement or estimate cue belongs to it. Looked up by position: the strong cues sorted by
    # start, with the furthest end reached so far (a text of megabytes has thousands of each).
    strong = sorted((c for c in cues if c.kind != "target" and not c.weak), key=lambda c: c.start)
    starts = [c.start for c in strong]
    reach = list(itertools.accumulate((c.end for c in strong), max))

    def inside(c: Cue) -> bool:
        index = bisect_right(starts, c.start) - 1
        return index >= 0 and c.start < reach[index]

    cues = [c for c in cues if not (c.kind == "target" or c.weak) or not inside(c)]
    return sorted(cues, key=lambda cue: cue.start)


def is_company_subject(phrase: str) -> bool:
    return bool(_COMPANY.search(phrase))

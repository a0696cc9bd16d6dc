"""The small values extraction makes by the ten thousand: slots, yet compared and hashed by content."""

from __future__ import annotations

import dataclasses
import pickle

from tracker.extract.quantities import find_quantities
from tracker.extract.sentences import Sentence
from tracker.extract.timeexprs import find_time_expressions


def test_values_are_compared_and_hashed_by_content_and_survive_pickling():
    first, again = find_quantities("增长5%")[0], find_quantities("增长5%")[0]
    assert first == again and hash(first) == hash(again) and len({first, again}) == 1
    assert pickle.loads(pickle.dumps(first)) == first
    when = find_time_expressions("到2025年")[0]
    assert pickle.loads(pickle.dumps(when)) == when and when.year == 2025
    assert dataclasses.replace(Sentence(0, 5, 0), end=7) == Sentence(0, 7, 0)
    assert not hasattr(Sentence(0, 5, 0), "__dict__")   # slots: no per-object dictionary

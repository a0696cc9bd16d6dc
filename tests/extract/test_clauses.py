"""Changes from one figure to another: the check for 由/从 before reading the clause."""

from __future__ import annotations

from tracker.extract import clauses
from tracker.extract.quantities import find_quantities


def _base_by_clause(text, q):
    start = clauses._clause_start(text, q.start)
    return bool(clauses._BASE_BEFORE.search(text, start, q.start)) and bool(
        clauses._CHANGE_AFTER.match(text[q.end:q.end + 24]))


def _subject_by_clause(text, q):
    start = clauses._clause_start(text, q.start)
    found = clauses._FROM.search(text, start, q.start)
    if found is None:
        return None
    return (start, found.start()) if found.start() - start >= 2 else clauses.carried(text, start)


def test_figures_without_you_or_cong_before_them_read_as_a_search_of_their_clause_does():
    texts = [
        "技术合同成交额从1200亿元增加到3400亿元，增长1.8倍。",
        "比重由2005年的71%上升到77%，高新技术企业达到300家。",
        "企业数量由负转正，增长3%以上；从业人员" + "很" * 70 + "增加到5000人。",
        "从" + "，" * 3 + "10亿元增长到20亿元，研发投入增长8%。",
        "由此可见，营业收入增长10%，利润增加到8亿元。",
        "自由贸易试验区进出口增长12%，从业人员增长5%。",
    ]
    checked = 0
    for text in texts:
        for q in find_quantities(text):
            assert clauses.is_change_base(text, q) == _base_by_clause(text, q), (text, q.text)
            assert clauses.change_subject(text, q) == _subject_by_clause(text, q), (text, q.text)
            checked += 1
    assert checked >= 10
    text = texts[0]
    assert clauses.is_change_base(text, find_quantities(text)[0])
    assert clauses.change_subject(text, find_quantities(text)[1]) == (0, 7)

"""Told without a call into `re`: the characters a match of a pattern can end or start with.

Patterns that end in `$` are searched in the few characters before a position ("(占|高于|…)$"
before a place name, a bound word before a number), and patterns matched at a position are
tried after every place name: each is a call into `re` even where the character at hand ends
or starts no match, which most of the time it cannot. The characters, read from the parsed
pattern as prefilter.py reads its guards, reject those positions with a set look-up; the
pattern itself still decides every other position.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's own names for what it parsed
from re import _parser

from tracker.extract.prefilter import _CATEGORIES, _first, _first_of

_SPACES = frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())   # \s, as `re` reads it
_NO_END_GUARD = (re.IGNORECASE | re.LOCALE | re.MULTILINE).value


class _Anything:
    """The set of every character: where a pattern's last characters cannot be listed."""

    def __contains__(self, char: object) -> bool:
        return True


ANY_END = _Anything()


def end_chars(pattern: re.Pattern[str]):
    """The characters a match of `pattern` can end with when every match ends at `$` (the end of
    the searched range), a line end included (`$` also matches before a final line end): a
    character `text[end - 1:end]` outside them means `pattern.search(text, start, end)` finds
    nothing. ANY_END (which holds every character) where they cannot be listed, or a match can
    be empty or end elsewhere."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return ANY_END
    if parsed.state.flags & _NO_END_GUARD or not _ends_at_end(list(parsed)):
        return ANY_END
    found = _last(list(parsed))
    if found is None or found[1]:
        return ANY_END
    chars = found[0]
    if _CATEGORIES[sre.CATEGORY_DIGIT] in chars:
        return ANY_END
    if _CATEGORIES[sre.CATEGORY_SPACE] in chars:
        chars = (chars - {_CATEGORIES[sre.CATEGORY_SPACE]}) | _SPACES
    return frozenset(chars | {"\n"})


def _ends_at_end(items: list) -> bool:
    """Whether every match of the sequence ends with `$` (in a group or in each alternative)."""
    if not items:
        return False
    op, av = items[-1]
    if op is sre.AT:
        return av is sre.AT_END
    if op is sre.SUBPATTERN:
        return not av[1] and not av[2] and _ends_at_end(list(av[3]))
    if op is sre.BRANCH:
        return all(_ends_at_end(list(alternative)) for alternative in av[1])
    return False


def _last(items) -> tuple[set[str], bool] | None:
    """`_first` read from the end: (the characters a match of the sequence can end with, whether
    it can be empty); None when they cannot be listed."""
    return _first(reversed(list(items)), _last_of)


def _last_of(op, av) -> tuple[set[str], bool] | None:
    return _first_of(op, av, _last)   # a group's items read from their end too


def start_chars(pattern: re.Pattern[str]):
    """The characters a match of `pattern` can start with: a character `text[at:at + 1]` outside
    them means `pattern.match(text, at)` finds nothing, told without the call into `re` (a place
    name's next character, read for every place name). ANY_END where they cannot be listed or a
    match can be empty."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return ANY_END
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE).value:
        return ANY_END
    found = _first(parsed)
    if found is None or found[1] or _CATEGORIES[sre.CATEGORY_DIGIT] in found[0]:
        return ANY_END
    chars = found[0]
    if _CATEGORIES[sre.CATEGORY_SPACE] in chars:
        chars = (chars - {_CATEGORIES[sre.CATEGORY_SPACE]}) | _SPACES
    return frozenset(chars)

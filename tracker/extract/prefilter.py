"""A first-character guard for patterns that `re` would otherwise try at every position.

`re` skips ahead quickly only when a pattern starts with a literal, a character class or an
alternation of literals. A pattern that opens with a look-behind ("(?<![比较])去年"), a group
or a mix of alternatives ("(?<!完成)(?:主要|预期)目标|力争|…") is tried in full at every
position of the text, which makes a whole-document `finditer` several times slower. Putting
`(?=[…])` with every character a match can start with in front changes no match (a match must
start with one of them) and rejects most positions with one class test.

The characters are read from the parsed pattern; where they cannot be listed (a negated class,
`.`, `\\d`, a wide range, a pattern that can match the empty string) the pattern is left as it is.
"""

from __future__ import annotations

import functools
import re
from re import _constants as sre  # the parser's own names for what it parsed
from re import _parser

_WIDEST_RANGE = 64        # a class range wider than this ([\u4e00-\u9fff]) is "any character"
_NO_GUARD = (re.IGNORECASE | re.VERBOSE | re.LOCALE).value


def guarded(source: str, flags: int = 0) -> str:
    """`source` behind a look-ahead for its first characters, or unchanged where that cannot help."""
    try:
        parsed = _parser.parse(source, flags)
    except re.error:
        return source   # let re.compile report it
    if parsed.state.flags & _NO_GUARD or _skips_ahead_already(parsed):
        return source
    first = _first(parsed)
    if first is None or first[1] or not first[0]:
        return source
    return "(?=[" + "".join(char if char in _CATEGORIES.values() else re.escape(char)
                            for char in sorted(first[0])) + "])(?:" + source + ")"


def compile_guarded(source: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(guarded(source, flags), flags)


def _skips_ahead_already(items) -> bool:
    """Whether `re` rejects a position with one test already: a literal or class prefix (what its
    compiler looks for), or a repeat of one character or class that must match at least once."""
    while items.data and items.data[0][0] is sre.SUBPATTERN and not items.data[0][1][1] and not items.data[0][1][2]:
        items = items.data[0][1][3]
    if not items.data:
        return False
    op, av = items.data[0]
    if op in (sre.LITERAL, sre.IN):
        return True
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return av[0] >= 1 and len(av[2].data) == 1 and av[2].data[0][0] in (sre.LITERAL, sre.IN)
    return op is sre.BRANCH and all(alt.data and alt.data[0][0] is sre.LITERAL for alt in av[1])


def _first(items, of=None) -> tuple[set[str], bool] | None:
    """(the characters a match of the sequence `items` can start with, whether it can be empty);
    None when they cannot be listed. `of` reads one item (default `_first_of`; edgechars.py reads
    the sequence from its end with its own)."""
    of = of or _first_of
    chars: set[str] = set()
    for op, av in items:
        found = of(op, av)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _first_of(op, av, sequence=None) -> tuple[set[str], bool] | None:
    """One item's (characters a match of it can start with, whether it can be empty); the items
    inside it read by `sequence` (default `_first`; edgechars.py passes its reader from the end)."""
    sequence = sequence or _first
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        return _class_chars(av)
    if op is sre.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            found = sequence(alternative)
            if found is None:
                return None
            chars |= found[0]
            empty = empty or found[1]
        return chars, empty
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, items = av
        return None if add_flags & _NO_GUARD else sequence(items)
    if op is sre.ATOMIC_GROUP:
        return sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, items = av
        found = sequence(items)
        return None if found is None else (found[0], found[1] or low == 0)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return set(), True   # zero width: the match starts with what follows
    return None   # ., \d, [^…], back-references, conditionals …


# Categories a guard's class can hold as they are written ("为|是|\s" starts with [为是\s]).
_CATEGORIES = {sre.CATEGORY_SPACE: "\\s", sre.CATEGORY_DIGIT: "\\d"}


def _class_chars(members, categories: bool = True) -> tuple[set[str], bool] | None:
    """The characters of a class; \\s and \\d as written when `categories` (a guard's class can
    hold them, a pair guard's list of characters cannot)."""
    chars: set[str] = set()
    for op, av in members:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] <= _WIDEST_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is sre.CATEGORY and categories and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])
        else:
            return None   # NEGATE, another category (\w), a wide range
    return chars, False


# A second look-ahead for the two big scanners (quantities, time expressions), whose first
# characters (digits, 一, 上, 年, 全 …) start a tenth of a Chinese text: most of those positions
# fail on the next character (进一步, 全市, 一是), and one more class test rejects them before the
# whole alternation is tried.
_ANY = ("", False)   # a character that cannot be listed: nothing after it is known


def pair_guarded(source: str, flags: int = 0) -> str | None:
    """A look-ahead for the first two characters of every match of `source`, to put in front of
    it, or None when they cannot be listed. Every match starts with one of the pairs, so the
    guard changes no match (an item that cannot be listed lets any character through)."""
    try:
        parsed = _parser.parse(source, flags)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE).value:
        return None
    seconds: dict[str, set[str] | None] = {}
    for prefix, _open in _prefixes(parsed):
        if not prefix:
            return None   # the first character cannot be listed, or the match can be empty
        if len(prefix) == 1 or seconds.get(prefix[0], set()) is None:
            seconds[prefix[0]] = None
        else:
            seconds.setdefault(prefix[0], set()).add(prefix[1])
    groups: dict[frozenset[str] | None, list[str]] = {}
    for first, after in seconds.items():
        groups.setdefault(None if after is None else frozenset(after), []).append(first)
    branches = [_escaped_class(firsts) + ("" if after is None else _escaped_class(after))
                for after, firsts in sorted(groups.items(), key=lambda item: -len(item[1]))]
    return "(?=" + _escaped_class(seconds) + ")(?=" + "|".join(branches) + ")"


def _escaped_class(chars) -> str:
    # \uXXXX for every character: safe inside a verbose pattern too.
    return "[" + "".join(f"\\u{ord(char):04x}" for char in sorted(chars)) + "]"


def _prefixes(items) -> set[tuple[str, bool]]:
    """The first two characters of the matches of a sequence, as (prefix, open): `open` when the
    prefix is shorter than two and what follows it is still known (the match may end there too)."""
    result = {("", True)}
    for op, av in items:
        result = _joined(result, _prefixes_of(op, av))
    return result


def _joined(heads: set[tuple[str, bool]], tails: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    joined = set()
    for head, head_open in heads:
        if not head_open or len(head) >= 2:
            joined.add((head[:2], False))
            continue
        for tail, tail_open in tails:
            both = head + tail
            joined.add((both[:2], False) if len(both) >= 2 else (both, tail_open))
    return joined


def _prefixes_of(op, av) -> set[tuple[str, bool]]:
    if op is sre.LITERAL:
        return {(chr(av), True)}
    if op is sre.IN:
        found = _class_chars(av, categories=False)
        return {_ANY} if found is None else {(char, True) for char in found[0]}
    if op is sre.BRANCH:
        return set().union(*(_prefixes(alternative) for alternative in av[1]))
    if op is sre.SUBPATTERN:
        return {_ANY} if av[1] & _NO_GUARD else _prefixes(av[3])
    if op is sre.ATOMIC_GROUP:
        return _prefixes(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, items = av
        once = _prefixes(items)
        # Two repetitions fix the first two characters whatever follows, so counts above two add nothing.
        powers = [{("", True)}, once, _joined(once, once)]
        return set().union(*(powers[count] for count in range(3) if count <= high and (count >= low or count == 2)))
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {("", True)}   # zero width
    return {_ANY}


# A whole-text scan of a guarded pattern still enters the engine at every position: `re` skips
# ahead in C only for a pattern that opens with a literal or a class it consumes. The scanner
# opens with the guard's class, consumed, and looks one character back for the guarded pattern
# in a look-ahead, whose group 1 holds the match: a match there is exactly the pattern's match.
_GUARD = re.compile(r"\(\?=\[((?:\\.|[^\\\]])+)\]\)(?=\(\?[:=])")
WHOLE = 1   # the scanner's group holding the guarded pattern's match


@functools.cache
def skipping_ahead(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The scanner for a pattern `compile_guarded` or `pair_guarded` guarded (its own groups keep
    their names, their numbers move up one), or None for any other pattern."""
    found = _GUARD.match(pattern.pattern)
    if found is None:
        return None
    body = pattern.pattern[found.end():]
    try:
        if _refers_to_groups(_parser.parse(body, pattern.flags)):
            return None   # the group around the match would renumber the ones it refers to
        return re.compile(f"[{found.group(1)}](?<=(?=({body}))[\\s\\S])", pattern.flags)
    except re.error:
        return None


def _refers_to_groups(node) -> bool:
    """Whether a parsed pattern holds a back-reference (\\1, (?P=name), (?(1)…))."""
    if isinstance(node, _parser.SubPattern):
        node = node.data
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and (node[0] is sre.GROUPREF or node[0] is sre.GROUPREF_EXISTS):
            return True
        return any(_refers_to_groups(part) for part in node)
    return False


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in pattern.finditer(text)]`, faster for a pattern `compile_guarded` guarded
    (a guarded pattern never matches the empty string: the scan goes on where a match ends)."""
    scanner = skipping_ahead(pattern)
    if scanner is None:
        return [m.span() for m in pattern.finditer(text)]
    found, position, search = [], 0, scanner.search
    while (match := search(text, position)) is not None:
        span = match.span(WHOLE)
        found.append(span)
        position = span[1]
    return found


def sees_past_its_match(pattern: re.Pattern[str]) -> bool:
    """Whether finding a match can depend on the text after it: a negative look-ahead,
    $, \\b or \\Z (True where that cannot be told). A pattern that does not finds in a line
    (finditer(text, start, end)) only what a scan of the whole text finds in or across it."""
    try:
        return _sees_past(_parser.parse(pattern.pattern, pattern.flags))
    except re.error:
        return True


_BLIND_AT = (sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BEGINNING_STRING)


def _sees_past(node) -> bool:
    if isinstance(node, _parser.SubPattern):
        node = node.data
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and node[0] is sre.AT and node[1] not in _BLIND_AT:
            return True
        if len(node) == 2 and node[0] is sre.ASSERT_NOT and node[1][0] == 1:
            return True
        if len(node) == 2 and (node[0] is sre.GROUPREF_EXISTS or node[0] is sre.GROUPREF):
            return True
        return any(_sees_past(part) for part in node)
    return False


"""Fast leftmost-longest matching of many literal words, shared by the catalogue, gazetteer and spin tables.

Python's `re` takes the first alternative that matches, not the longest, and tries a flat
alternation branch by branch. A trie-shaped pattern fixes both: branches at each node start
with distinct characters (so at most one can go on), and a word that ends at a node is made
optional after its longer continuations (so the longest word wins). `re.search` then gives
leftmost-longest matches at regex-engine speed.

Width and case variants (Ｒ＆Ｄ, r&d, “小巨人” / "小巨人", （ / ( ) are folded by `fold`, which
maps one character to one character, so offsets in folded text equal offsets in the original.
The compiled patterns accept every variant directly, so documents are never folded as a whole.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import ahocorasick_rs

_QUOTES = "“”「」『』‘’＂'"


def _fold_table() -> dict[int, str]:
    table = {code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)}
    table.update({code: chr(code - 0xFEE0).lower() for code in range(0xFF01, 0xFF5F)})
    table[0x3000] = " "
    table.update({ord(quote): '"' for quote in _QUOTES})
    return table


FOLD_TABLE = _fold_table()

# For each folded character, every character that folds to it (itself included).
_VARIANTS: dict[str, str] = {}
for _code, _folded in FOLD_TABLE.items():
    _VARIANTS.setdefault(_folded, _folded)
    _VARIANTS[_folded] += chr(_code)


def fold(text: str) -> str:
    """Half-width, lower-case ASCII and one kind of double quote; always the same length as `text`."""
    return text.translate(FOLD_TABLE)


def _char_pattern(char: str) -> str:
    variants = _VARIANTS.get(char)
    if variants is None:
        return re.escape(char)
    return "[" + "".join(re.escape(v) for v in variants) + "]"


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of `words` (given folded), longest first at each position."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return "(?!)"
    if "" in root:
        raise ValueError("the empty word cannot be matched")
    # Literal first characters, with their width/case variants, each followed by its subtree.
    firsts = {variant: _node_pattern(child) for char, child in root.items() for variant in _VARIANTS.get(char, char)}
    if len(firsts) <= _FLAT_LIMIT:
        return _pair_guard(root) + "(?:" + "|".join(re.escape(char) + rest for char, rest in sorted(firsts.items())) + ")"
    chars = sorted(firsts)
    return _pair_guard(root) + _class(chars) + "(?:" + _dispatch(chars, firsts) + ")"


def _pair_guard(root: dict) -> str:
    """`(?=[first characters][second characters])` when no word is one character long: a third
    of the positions of a Chinese text start with a place name's first character, and most of
    them fail on the second, which one class test rejects before the subtrees are tried."""
    if any("" in child for child in root.values()):
        return ""
    seconds = {char for child in root.values() for char in child}
    return "(?=" + _variant_class(root) + _variant_class(seconds) + ")"


def _variant_class(chars) -> str:
    return _class(sorted({variant for char in chars for variant in _VARIANTS.get(char, char)}))


# `re` tries the alternatives of a group one after the other. With hundreds of first characters
# (place names) that linear scan dominates, so the first character is consumed by one class and
# the right subtree is then found by halving the candidates with look-behind classes: a few
# checks per position instead of hundreds.
_FLAT_LIMIT = 128
_FANOUT = 4


def _class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(char) for char in chars) + "]"


def _dispatch(chars: list[str], rests: dict[str, str]) -> str:
    if len(chars) <= _FANOUT:
        return "|".join(f"(?<={re.escape(char)}){rests[char]}" for char in chars)
    size = -(-len(chars) // _FANOUT)
    chunks = [chars[i:i + size] for i in range(0, len(chars), size)]
    return "|".join(f"(?<={_class(chunk)})(?:{_dispatch(chunk, rests)})" for chunk in chunks)


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [_char_pattern(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def compile_words(words: Iterable[str]) -> re.Pattern[str]:
    """Compiled leftmost-longest matcher for `words` (folded); match text with `fold(m.group())`."""
    return re.compile(trie_pattern(words))


class WordSearch:
    """The matches of `compile_words(words)` found by an Aho–Corasick automaton (ahocorasick-rs):
    three times the regex trie's speed over a whole Chinese document (place names, spin rules).
    Every width and case variant the pattern accepts is a word of the automaton, so the text is
    searched as written (folding a document costs as much as the search saves)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._build(list(dict.fromkeys(spelling for word in words if word for spelling in _spellings(word))))

    def _build(self, spellings: list[str]) -> None:
        self._spellings = spellings
        self._folded = [fold(spelling) for spelling in spellings]
        self._leftmost = ahocorasick_rs.AhoCorasick(spellings, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self._every = ahocorasick_rs.AhoCorasick(spellings)

    # The automata cannot be pickled; their words can, and a copy (a catalogue or gazetteer sent
    # to another process, as a compiled pattern could be) builds them again.
    def __getstate__(self) -> list[str]:
        return self._spellings

    def __setstate__(self, spellings: list[str]) -> None:
        self._build(spellings)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the leftmost-longest, non-overlapping matches, as `finditer` gives them."""
        return [(start, end) for _, start, end in self._leftmost.find_matches_as_indexes(text)]

    def longest_at(self, text: str) -> dict[int, tuple[int, str]]:
        """For each position where a word starts, where the longest one starting there ends (the
        match `re.match` gives there) and that word folded."""
        # The automaton reports overlapping matches as the text reaches their ends, so of the
        # words starting at one place the longest comes last, and the last one written stays.
        folded = self._folded
        return {start: (end, folded[index])
                for index, start, end in self._every.find_matches_as_indexes(text, overlapping=True)}


def _spellings(word: str) -> Iterable[str]:
    """Every way of writing `word` (folded) that its trie pattern accepts."""
    return map("".join, itertools.product(*(_VARIANTS.get(char, char) for char in word)))

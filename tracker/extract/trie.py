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

import re
from collections.abc import Iterable

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
    return _node_pattern(root, top=True)


def _node_pattern(node: dict, top: bool = False) -> str:
    ends_here = "" in node
    branches: list[str] = []
    for char, child in sorted(node.items()):
        if not char:
            continue
        rest = _node_pattern(child)
        if top:
            # Literal first characters let `re` skip non-starting positions with a fast
            # character-set test; a character class here would disable that.
            branches.extend(re.escape(variant) + rest for variant in _VARIANTS.get(char, char))
        else:
            branches.append(_char_pattern(char) + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def compile_words(words: Iterable[str]) -> re.Pattern[str]:
    """Compiled leftmost-longest matcher for `words` (folded); match text with `fold(m.group())`."""
    return re.compile(trie_pattern(words))

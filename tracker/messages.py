"""What tracker says to its users, in Chinese (the default) or English: the catalogue and the language.

Every sentence for users (problems, warnings, the build summary, errors) is a `Message`: a key of
the catalogue `tracker/messages.yaml` with its parameters. It is a `str` (the text in the language
of the moment, so it goes wherever text goes) that remembers its key and parameters, so it can be
shown in the other language too: `message.text("en")`.

The language is the one chosen for the command (`--lang`, `chosen`), else English when the locale
is English (LC_ALL, LC_MESSAGES or LANG starting with "en"), else Chinese.

In the catalogue each key has `zh` and `en`, `str.format` templates over the parameters. A
parameter may itself be a Message (shown in the same language). `{count:figure/figures}` shows
the count with the singular or plural noun ("1 figure", "2 figures"); a list parameter is shown
as a list (甲区、乙区 / 甲区, 乙区). Texts end without a full
stop, so they can be joined into a sentence; `sentence()` adds the stop each language uses.
"""

from __future__ import annotations

import contextlib
import functools
import os
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

LANGS = ("zh", "en")
CATALOGUE = Path(__file__).resolve().parent / "messages.yaml"
_STOPS = "。．.；;，,：: "
_chosen: list[str] = []   # the language chosen for the running command, innermost last


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    with CATALOGUE.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def locale_language(environ: Mapping[str, str] = os.environ) -> str:
    """'en' when the locale for messages is English, else 'zh' (C, POSIX, zh_CN ... and unset)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def language() -> str:
    """The language messages are shown in now."""
    return _chosen[-1] if _chosen else locale_language()


def choose(lang: str | None) -> None:
    """Messages in `lang` from now on (None: as the locale says), until `session` ends."""
    if lang is not None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
        _chosen.append(lang)


@contextlib.contextmanager
def session() -> Iterator[None]:
    """A command: the language chosen inside it (`choose`) is forgotten when it ends."""
    depth = len(_chosen)
    try:
        yield
    finally:
        del _chosen[depth:]


@contextlib.contextmanager
def chosen(lang: str | None) -> Iterator[None]:
    """Messages in `lang` inside the block (None: as the locale says)."""
    if lang is None:
        yield
        return
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    _chosen.append(lang)
    try:
        yield
    finally:
        _chosen.pop()


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "/" in format_spec:  # {count:figure/figures}
            one, _, many = format_spec.partition("/")
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, Message):
            value = value.text(self.lang)
        elif isinstance(value, list | tuple):  # a list in running text: 甲区、乙区 / 甲区, 乙区
            value = join(list(value), self.lang)
        return super().convert_field(value, conversion)


class Message(str):
    """A catalogue text with its parameters; as a str, the text in the language it was made in."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Message:
        if key not in catalogue():
            raise KeyError(f"no message {key!r} in {CATALOGUE.name}")
        made = super().__new__(cls, _render(key, params, language()))
        made.key, made.params = key, params
        return made

    def text(self, lang: str | None = None) -> str:
        return _render(self.key, self.params, lang or language())

    def __reduce__(self):  # worker processes send messages back to the build
        return (_rebuild, (self.key, self.params, str(self)))


def _rebuild(key: str, params: dict[str, Any], shown: str) -> Message:
    made = str.__new__(Message, shown)
    made.key, made.params = key, params
    return made


def _render(key: str, params: Mapping[str, Any], lang: str) -> str:
    return _Formatter(lang).vformat(catalogue()[key][lang], (), params)


def say(key: str, **params: Any) -> Message:
    """The message `key` of the catalogue with its parameters."""
    return Message(key, **params)


def text(value: object, lang: str | None = None) -> str:
    """A message in `lang`; any other text as it is."""
    return value.text(lang) if isinstance(value, Message) else str(value)


def clause(value: object, lang: str | None = None) -> str:
    """A message without the stop it may end with, ready to be joined into a sentence."""
    return text(value, lang).rstrip(_STOPS)


def sentence(value: object, lang: str | None = None) -> str:
    """A message as a sentence, with one full stop of its language; other text keeps its own stop
    (or gets the one its last character calls for)."""
    lang = lang or language()
    if not isinstance(value, Message):
        shown = str(value).rstrip(" ")
        if not shown or shown.endswith(("。", ".")):
            return shown
        return stop(shown, "en" if shown[-1].isascii() else "zh")
    return stop(clause(value, lang), lang)


def stop(body: str, lang: str) -> str:
    """`body` (a clause) ended with the full stop of `lang`, unless it ends with ? or !."""
    if not body or body[-1] in "?？!！":
        return body
    return body + ("。" if lang == "zh" else ".")


def quotes(found: object, lang: str) -> str:
    """How messages quote what a user typed: “二百多” / '二百多'."""
    return f"“{found}”" if lang == "zh" else f"'{found}'"


def join(items: list[Any], lang: str | None = None) -> str:
    """Items as a list in running text: 甲区、乙区 / 甲区, 乙区."""
    lang = lang or language()
    return ("、" if lang == "zh" else ", ").join(text(item, lang) for item in items)


__all__ = [
    "LANGS", "Message", "choose", "chosen", "clause", "join", "language", "locale_language", "quotes", "say", "sentence", "session",
    "stop", "text",
]

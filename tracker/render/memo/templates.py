"""The memo's wording: jinja2 templates, found in the project's templates/ first, then the package's.

Templates per language: memo_unit_<lang>.j2, memo_overall_<lang>.j2 and sentences_<lang>.j2 (macros
per situation, imported by the other two). The environment is strict (an unknown variable is an
error, never an empty string), does not escape (we write docx runs, not HTML) and offers the
formatting functions as filters: number(uom), percent, pp, date, comparator, target, cn_numeral.

Every printed value passes through `_finalize`: None becomes "—", a float is rounded like any
figure, a date is written the memo's way, and line breaks inside a value are removed (so a
macro may span lines and a value never splits a markup line). Each value is also marked as data
(DATA_MARK), so markup in a value is never obeyed (see markup.py).
"""

from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from tracker.config import Templates
from tracker.errors import ConfigError, TemplateError
from tracker.extract.catalogue import in_sentence
from tracker.render.formatting import (
    LANGS,
    MISSING,
    fmt_comparator,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_pp,
    fmt_target,
)
from tracker.render.memo.markup import Block, parse
from tracker.render.text import DATA_MARK, line_text

CN_DIGITS = "零一二三四五六七八九"
_EDGE_BREAKS = re.compile(r"^\s*\n\s*|\s*\n\s*$")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_BREAK_BEFORE_PUNCTUATION = re.compile(r"\s*\n\s*(?=" + DATA_MARK + r"?[.,;:!?)])")
FIX_HINT = "Fix the template, or delete it from templates/ to use the default."


def template_names(lang: str) -> dict[str, str]:
    """The templates of one language, by role (unit, overall, sentences)."""
    if lang not in LANGS:
        raise TemplateError(f"Memos can be written in {', '.join(LANGS)}, not {lang!r}.")
    return {role: f"{prefix}_{lang}.j2" for role, prefix in
            (("unit", "memo_unit"), ("overall", "memo_overall"), ("sentences", "sentences"))}


def cn_numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (for "（一）" headings), up to 99."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else CN_DIGITS[tens]) + "十" if tens else ""
    return text + (CN_DIGITS[ones] if ones else "")


def display_path(path: Path, templates: Templates) -> str:
    """How messages name a template: relative to the project, else to the package's parent."""
    return templates.shown(path)


class TemplateLoader(jinja2.BaseLoader):
    """Loads a template from the project's templates/ if it has that file, else from the package."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def path(self, name: str) -> Path:
        try:
            return self.templates.resource(name)
        except ConfigError as exc:
            raise jinja2.TemplateNotFound(name) from exc

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.path(template)
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"{display_path(path, self.templates)} is not UTF-8 text; save it as UTF-8.") from exc
        stamp = file_stamp(path)
        # Up to date while the name still resolves to this file and the file is unchanged, so a
        # template added to (or removed from) the project's folder is picked up too.
        return source, str(path), lambda: self._resolves(template, path) and file_stamp(path) == stamp

    def _resolves(self, name: str, path: Path) -> bool:
        try:
            return self.path(name) == path
        except jinja2.TemplateNotFound:
            return False


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of a file, None when it is gone."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def environment(templates: Templates, lang: str) -> jinja2.Environment:
    """The jinja2 environment of a language's templates, made once per process: it compiles each
    template once and recompiles it when its file changes."""
    template_names(lang)  # checks the language
    return _environment(templates, lang)


@functools.lru_cache(maxsize=16)
def _environment(templates: Templates, lang: str) -> jinja2.Environment:

    def finalize(value: Any) -> Any:
        if value is None:
            return MISSING
        if isinstance(value, float | Decimal):
            value = fmt_number(value, "", lang)
        elif isinstance(value, date):
            value = fmt_date(value, lang)
        elif not isinstance(value, str):
            return value
        # A macro's own line breaks: none at its ends, and inside one space (English) or none (Chinese).
        value = _BREAK_BEFORE_PUNCTUATION.sub("", _EDGE_BREAKS.sub("", value))
        value = _LINE_BREAK.sub("" if lang == "zh" else " ", value)
        return DATA_MARK + value

    env = jinja2.Environment(
        loader=TemplateLoader(templates), undefined=jinja2.StrictUndefined, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, finalize=finalize,
    )
    env.filters.update({
        "number": lambda value, uom="": fmt_number(value, uom, lang),
        "percent": lambda value, decimals=1: fmt_percent(value, decimals, lang),
        "pp": lambda value, decimals=1: fmt_pp(value, decimals, lang),
        "date": lambda value: fmt_date(value, lang),
        "comparator": lambda value, words=False: fmt_comparator(value, lang, words),
        "target": lambda value: fmt_target(value, lang),
        "cn_numeral": cn_numeral,
        "midsentence": in_sentence,
        "enumerate": lambda items: enumerate_words(items, lang),
    })
    return env


def enumerate_words(items, lang: str) -> str:
    """"a, b and c" in English, "a、b和c" in Chinese."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    comma, last = (", ", " and ") if lang == "en" else ("、", "和")
    return comma.join(items[:-1]) + last + items[-1]


def template_place(exc: BaseException, templates: Templates) -> str | None:
    """"templates/x.j2, line 12" for the innermost template frame of an error's traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{display_path(Path(frame.filename), templates)}, line {frame.lineno}"
    return None


def render_blocks(templates: Templates, lang: str, role: str, variables: Mapping[str, Any]) -> list[Block]:
    """Render the memo template of `role` ("unit" or "overall") and read its markup."""
    name = template_names(lang)[role]
    env = environment(templates, lang)
    try:
        rendered = env.get_template(name).render(**variables)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"Template {exc.name} is missing from templates/ and from the tracker package.") from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        place = template_place(exc, templates) or name
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        raise TemplateError(f"{place}: {line_text(message).rstrip('.')}. {FIX_HINT}") from exc
    try:
        return parse(rendered)
    except ValueError as exc:
        raise TemplateError(f"{name}: {exc}. {FIX_HINT}") from exc

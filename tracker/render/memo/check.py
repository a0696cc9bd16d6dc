"""Checking memo templates before anything is rendered, so a typo is reported with its line.

Checked per template: syntax; variables the tool does not supply (UnitMemo/OverallMemo fields,
see context.py); field names after a dot that no memo item has (`s.compleiton`); and the
@table/@chart directive lines (table names and column fields). A directive is checked as
written in the template, so table names and fields must be literal text there.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

import jinja2
from jinja2 import meta, nodes

from tracker.config import Templates
from tracker.errors import TemplateError
from tracker.models import STATUS_CODES
from tracker.render.memo.context import Counts, Group, LongTermGoal, UnitMemo, variables
from tracker.render.memo.facts import IndicatorFacts, SourceQuote
from tracker.render.memo.markup import MarkupError, parse_directive
from tracker.render.memo.overall import LaggingIndicator, OverallMemo, RankRow, UnitRow
from tracker.render.memo.sources import SourceGroup
from tracker.render.memo.templates import FIX_HINT, TemplateLoader, display_path, environment, template_names

MEMO_TYPES: dict[str, type] = {"unit": UnitMemo, "overall": OverallMemo}
# Tables each memo can lay out: the variable holding the rows, and the type of a row.
TABLES: dict[str, dict[str, type]] = {
    "unit": {"indicators": IndicatorFacts, "reported": IndicatorFacts, "attention": IndicatorFacts,
             "not_reported": IndicatorFacts, "long_term": LongTermGoal},
    "overall": {"ranking": RankRow, "units": UnitRow, "units_behind": RankRow, "far_behind": RankRow,
                "attention": IndicatorFacts},
}
ITEM_TYPES = (IndicatorFacts, SourceQuote, Counts, Group, LongTermGoal, SourceGroup, RankRow, UnitRow,
              LaggingIndicator)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
LOOP_ATTRIBUTES = ("index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle", "depth",
                   "depth0", "previtem", "nextitem", "changed")


def _known_attributes(macros: Iterable[str]) -> set[str]:
    known = {f.name for kind in ITEM_TYPES for f in dataclasses.fields(kind)}
    known.update(STATUS_CODES, LOOP_ATTRIBUTES, macros)
    known.update(name for kind in (str, dict, list) for name in dir(kind) if not name.startswith("_"))
    return known


def _macro_names(ast: nodes.Template) -> set[str]:
    return {macro.name for macro in ast.find_all(nodes.Macro)}


def _namespace_fields(ast: nodes.Template) -> set[str]:
    """The attributes of `namespace(section=0)` objects a template declares (counters)."""
    return {keyword.key for call in ast.find_all(nodes.Call)
            if isinstance(call.node, nodes.Name) and call.node.name == "namespace" for keyword in call.kwargs}


def check_templates(templates: Templates, lang: str) -> None:
    """Raise TemplateError for the first problem in the memo templates of `lang`, naming file and line."""
    names = template_names(lang)
    env = environment(templates, lang)
    trees = {role: _parse(env, templates, name) for role, name in names.items()}
    attributes = _known_attributes(_macro_names(trees["sentences"]))
    for role, name in names.items():
        where = display_path(TemplateLoader(templates).path(name), templates)
        known = set(variables(MEMO_TYPES[role])) if role in MEMO_TYPES else set()
        _check_variables(trees[role], where, known | set(env.globals))
        _check_attributes(trees[role], where, attributes | _namespace_fields(trees[role]))
        if role in TABLES:
            _check_directives(env, templates, name, where, TABLES[role])


def _parse(env: jinja2.Environment, templates: Templates, name: str) -> nodes.Template:
    loader = TemplateLoader(templates)
    try:
        source, filename, _ = loader.get_source(env, name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"Template {name} is missing from templates/ and from the tracker package.") from exc
    try:
        return env.parse(source, name, filename)
    except jinja2.TemplateSyntaxError as exc:
        where = display_path(loader.path(name), templates)
        raise TemplateError(f"{where}, line {exc.lineno}: syntax error: {(exc.message or '').rstrip('.')}. {FIX_HINT}") from exc


def _check_variables(ast: nodes.Template, where: str, known: set[str]) -> None:
    unknown = meta.find_undeclared_variables(ast) - known
    if not unknown:
        return
    uses = [(node.lineno, node.name) for node in ast.find_all(nodes.Name)
            if node.ctx == "load" and node.name in unknown]
    line, name = min(uses)
    listed = ", ".join(sorted(known - {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}))
    raise TemplateError(f"{where}, line {line}: unknown variable '{name}'. Known variables: {listed or 'none'}.")


def _check_attributes(ast: nodes.Template, where: str, known: set[str]) -> None:
    unknown = sorted((node.lineno, node.attr) for node in ast.find_all(nodes.Getattr) if node.attr not in known)
    if unknown:
        line, attr = unknown[0]
        raise TemplateError(f"{where}, line {line}: unknown field '{attr}'. {FIX_HINT}")


def _check_directives(env: jinja2.Environment, templates: Templates, name: str, where: str,
                      tables: dict[str, type]) -> None:
    source, _, _ = TemplateLoader(templates).get_source(env, name)
    # Comments may show directives as examples; blank them out, keeping the line numbers.
    source = _COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), source)
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith("@"):
            continue
        try:
            block = parse_directive(line)
        except MarkupError as exc:
            raise TemplateError(f"{where}, line {number}: {exc}. {FIX_HINT}") from exc
        if block.kind != "table":
            continue
        if block.table not in tables:
            raise TemplateError(f"{where}, line {number}: unknown table '{block.table}'. "
                                f"Known tables: {', '.join(sorted(tables))}.")
        fields = [f.name for f in dataclasses.fields(tables[block.table])]
        for field, _header in block.columns:
            if field not in fields:
                raise TemplateError(f"{where}, line {number}: table {block.table} has no field '{field}'. "
                                    f"Known fields: {', '.join(fields)}.")

"""The line markup memo templates produce, read into blocks the document builder lays out.

One item per line (blank lines are ignored):
    # text                          the title
    > text                          a centred line under the title (date, time progress)
    ## text                         a first-level heading ("一、…")
    ### text                        a second-level heading ("（一）…")
    @table NAME | field=Header | …  a table: one row per item of NAME, one column per field
    @chart caption                  the chart, with its caption; left out when there is nothing to chart
    anything else                   a body paragraph

Markup counts only when the template itself writes it: the environment marks every printed value
with DATA_MARK (templates.py), so a line that starts with a value is always a paragraph, whatever
the value holds ("# 1" in a quote stays text).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.render.text import DATA_MARK

PREFIXES = (("### ", "heading2"), ("## ", "heading1"), ("# ", "title"), ("> ", "subtitle"))
DIRECTIVES = ("table", "chart")


class MarkupError(ValueError):
    """A directive line that cannot be read; memo_text turns it into a TemplateError with its place."""


@dataclass(frozen=True)
class Block:
    """One laid-out item: kind is title, subtitle, heading1, heading2, paragraph, table or chart."""

    kind: str
    text: str = ""
    table: str = ""                            # for tables: the context variable holding the rows
    columns: tuple[tuple[str, str], ...] = ()  # for tables: (field, header) pairs


def parse_directive(line: str) -> Block:
    """Read an "@table …" or "@chart …" line (without any DATA_MARK)."""
    word, _, rest = line[1:].partition(" ")
    if word == "chart":
        return Block("chart", text=rest.strip())
    if word != "table":
        raise MarkupError(f"unknown directive '@{word}' (known: @table, @chart)")
    name, *cells = (part.strip() for part in rest.split("|"))
    if not name:
        raise MarkupError("@table needs the name of its rows, e.g. '@table indicators | name=指标'")
    columns = []
    for cell in cells:
        field, equals, header = cell.partition("=")
        if not equals or not field.strip():
            raise MarkupError(f"table column {cell!r} must be written field=Header, e.g. name=指标")
        columns.append((field.strip(), header.strip()))
    if not columns:
        raise MarkupError(f"@table {name} has no columns; add them as | field=Header")
    return Block("table", table=name, columns=tuple(columns))


def parse(rendered: str) -> list[Block]:
    """The blocks of a rendered template, in order."""
    blocks = []
    for raw in rendered.splitlines():
        line = raw.strip()
        if not line.replace(DATA_MARK, "").strip():
            continue
        if line.startswith(DATA_MARK):
            blocks.append(Block("paragraph", text=_text(line)))
        elif line.startswith("@"):
            blocks.append(parse_directive(_text(line)))
        else:
            blocks.append(_line_block(line))
    return blocks


def _line_block(line: str) -> Block:
    for prefix, kind in PREFIXES:
        if line.startswith(prefix):
            return Block(kind, text=_text(line[len(prefix):]))
    return Block("paragraph", text=_text(line))


def _text(line: str) -> str:
    return line.replace(DATA_MARK, "").strip()

"""Statistical tables: each row's figures with their indicator, measure, metric and period.

Tables reach the extractor as lines of tab-separated cells (HTML and .docx tables, text
copies with bars: intake/html.py, intake/pipes.py), or as lines of space-separated cells
under a header line whose first cell names the rows (指标 单位 1-9月 增长%). A table is
known by its header: what each header cell says its column holds (tables.yaml) gives the
column its role (the row name, the unit of measure, a figure, or nothing to track), its
metric (a growth column is growth, a share column share), its measure ((万元), (%)) and its
time (1-9月, 2025年目标). Header rows stack (1-9月 over 绝对值 | 增长(%)). Each row's figures
then get the row's name as their indicator, or, in a table of units (地区 | 地区生产总值(亿元)
| 增长(%)), the column's name, the row naming whose figures they are. The unit, kind and year
are judged in records.py with the rest of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tracker.extract import phrases
from tracker.extract.catalogue import Catalogue, Indicator
from tracker.extract.figures import Figure, rate_name, variant_of
from tracker.extract.lexicon import lexicon
from tracker.extract.measures import PERCENT, POINTS, normalise_unit, split_unit
from tracker.extract.prefilter import spans
from tracker.extract.quantities import Quantity, find_quantities
from tracker.extract.timeexprs import find_time_expressions

_LEX = lexicon()
_NAME = _LEX.compile("{table_name_headers}")
# A header set out with spaces opens its line with the name of the rows' column (指标名称 单位 …).
_SPACED_HEADER = _LEX.compile(r"^(?:{table_name_headers}) +\S", re.MULTILINE)
_UNIT = _LEX.compile("{table_unit_headers}")
_LEVEL = _LEX.compile("{table_level_headers}")
_GROWTH = _LEX.compile("{table_growth_headers}")
_SHARE = _LEX.compile("{table_share_headers}")
_GOAL = _LEX.compile("{table_goal_headers}")
_SKIP = _LEX.compile("{table_skip_headers}")
_BASE = _LEX.compile("{table_base_headers}")
_ROW_LEAD = _LEX.compile("^(?:{table_row_leads})+")
_CAPTION_MEASURE = _LEX.compile(r"{table_caption_measures}(?P<m>[^\s,，、;；)）]+)")
_ROW_HEADS = _LEX.pairs("table_row_heads")
_MEASURE_END = _LEX.compile("(?:{table_measure_ends})$")
_BRACKET = re.compile(r"[(（]([^()（）]{1,12})[)）]")
_NUMBER = re.compile(r"[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d年?")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\S+")
_GLUED = re.compile(r"(?<=[\u4e00-\u9fff)）])(?=[-−]?\d)")   # "农、林、牧、渔业24580": a name glued to its figure
_CAPTION_CHARS = 60
_CAPTION_LINES = 2
_HARD_REJECTIONS = ("a fragment", "a fragment with a number in it", "a rank or a first")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Column:
    role: str                       # name | unit | value | skip | unknown
    metric: str = "level"           # of a value column
    uom: str | None = None          # the measure its header gives: (万元), (%)
    kind: str | None = None         # "target" when the header announces goals
    name: str = ""                  # what the header names, in a table of units: 地区生产总值
    spans: tuple[tuple[int, int], ...] = ()   # the header cells, where its time is written
    text: str = ""


@dataclass(frozen=True)
class Table:
    start: int                      # the first header row
    end: int                        # the end of the last row
    columns: tuple[Column, ...]
    rows: tuple[tuple[int, int, tuple[Cell, ...]], ...]   # (start, end, cells) of each data row
    captions: tuple[tuple[int, int], ...]   # lines above the header that title it
    uom: str | None                 # 单位:亿元 in a caption
    head: str | None                # the head part names take (工业 -> 工业增加值)

    @property
    def row_spans(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end, _ in self.rows]


@dataclass(frozen=True)
class TableFigure:
    figure: Figure
    row: tuple[int, int]            # the row's span: the record's quote
    column: Column
    owner: Cell | None              # the row's name cell when it names a unit


def find_tables(text: str, catalogue: Catalogue) -> list[Table]:
    """Every table of `text` whose header tells what its columns hold."""
    spaced = {start for start, _ in spans(_SPACED_HEADER, text)}
    if "\t" not in text and not spaced:
        return []
    lines = _lines(text)
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        start, end = lines[index]
        tabbed = "\t" in text[start:end]
        if not tabbed and start not in spaced:
            index += 1
            continue
        cells = _tab_cells(text, start, end) if tabbed else _space_cells(text, start, end)
        header = _header(cells, catalogue, strict=not tabbed) if len(cells) >= 2 else None
        if header is None:
            index += 1
            continue
        table, index = _read_table(text, lines, index, header, tabbed, catalogue)
        if table is not None:
            tables.append(table)
    return tables


def read_table(table: Table, text: str, catalogue: Catalogue,
               names_unit: Callable[[int, int], bool]) -> list[TableFigure]:
    """The figures of each row; `names_unit(start, end)` says whether a cell is a unit's name."""
    found: list[TableFigure] = []
    name_at = next(i for i, c in enumerate(table.columns) if c.role == "name")
    unit_at = next((i for i, c in enumerate(table.columns) if c.role == "unit"), None)
    for start, end, cells in table.rows:
        name_cell = cells[name_at] if name_at < len(cells) else None
        if name_cell is None or not name_cell.text:
            continue
        owner = name_cell if names_unit(name_cell.start, name_cell.end) else None
        name, row_uom = _row_name(name_cell.text)
        if unit_at is not None and unit_at < len(cells) and cells[unit_at].text:
            row_uom = _measure(cells[unit_at].text) or row_uom
        named_by: Column | None = None   # in a table of units, the last column that named its figure
        for index, column in enumerate(table.columns):
            if column.role != "value":
                continue
            if column.name:
                named_by = column
            if index >= len(cells) or (q := _quantity(cells[index])) is None:
                continue
            figure = _figure(q, column, row_uom, table, owner, name, name_cell, named_by, catalogue)
            if figure is not None:
                found.append(TableFigure(figure, (start, end), column, owner))
    return found


def _figure(q: Quantity, column: Column, row_uom: str | None, table: Table, owner: Cell | None, name: str,
            name_cell: Cell, named_by: Column | None, catalogue: Catalogue) -> Figure | None:
    metric = column.metric
    if metric == "share" and q.value == 100:
        return None   # the total row of a composition: 100% of itself
    if metric == "level":
        uom = q.uom or (column.uom if column.uom != PERCENT else None) or row_uom or table.uom or column.uom
        if uom is None:
            return None   # a figure without a measure cannot be tracked
        if uom == PERCENT:
            metric = "share"
    elif metric == "growth" and row_uom == PERCENT and column.uom != POINTS:
        return None   # a rate's "growth" column holds its change in points, which the header does not say
    else:
        uom = POINTS if column.uom == POINTS else PERCENT
        metric = "change" if uom == POINTS else metric
    q = replace(q, uom=uom)
    if owner is not None:
        if named_by is None:
            return None
        name, (s, e) = named_by.name, named_by.spans[-1]
    else:
        s, e = name_cell.start, name_cell.end
    indicator, written = _indicator(name, metric, q, table.head if owner is None else None, catalogue)
    if not written:
        return None
    return Figure(q, q.value, None, uom, metric, "=", indicator, s, e, written)


def _indicator(name: str, metric: str, q: Quantity, head: str | None,
               catalogue: Catalogue) -> tuple[Indicator | None, str]:
    base = catalogue.match(name)
    if head and not _MEASURE_END.search(name):
        with_head = catalogue.match(name + head)
        if with_head is not None or base is None:
            base, name = with_head, name + head   # 工业 in a 生产总值构成 table: 工业增加值
    if base is not None:
        indicator = variant_of(base, metric, q, catalogue)
        if indicator is not None:
            return indicator, indicator.name
        return None, _rate_name(base.name, metric)
    if phrases.rejection(name, q) in _HARD_REJECTIONS:
        return None, ""
    return None, _rate_name(name, metric)


def _rate_name(name: str, metric: str) -> str:
    if metric == "share" and not _SHARE.search(name):
        return name + "占比"
    return rate_name(name, metric) if metric == "growth" and not phrases.is_rate(name) else name


def _quantity(cell: Cell) -> Quantity | None:
    text = cell.text.replace(" ", "")
    number = _NUMBER.fullmatch(text.rstrip("%％"))
    if number is not None:
        value = float(number.group().replace(",", "").replace("−", "-"))
        uom = PERCENT if text[-1:] in "%％" else ""
        return Quantity(cell.start, cell.end, cell.text, value, None, uom, "percent" if uom else "count", None, False)
    found = find_quantities(cell.text)
    if len(found) == 1 and found[0].end - found[0].start >= len(cell.text.rstrip()) - 1:
        q = found[0]
        return replace(q, start=cell.start + q.start, end=cell.start + q.end)
    return None


def _row_name(text: str) -> tuple[str, str | None]:
    """The row's name without its list marks, and the measure it gives in brackets: 出口(亿元)."""
    name = _SPACES.sub("", text)
    name = _ROW_LEAD.sub("", name)
    uom = None
    bracket = _BRACKET.search(name)
    if bracket is not None and bracket.end() == len(name) and (uom := _measure(bracket.group(1))) is not None:
        name = name[:bracket.start()]
    return name.strip("：:*"), uom


def _measure(text: str) -> str | None:
    """The unit of measure a cell or a bracket gives (万元, %, 个百分点), or None."""
    text = _SPACES.sub("", text).strip("()（）")
    if text in ("%", "％", "±%"):
        return PERCENT
    if text in ("百分点", "个百分点"):
        return POINTS
    unit = normalise_unit(text)
    return unit if split_unit(unit) is not None else None


def _classify(cell: Cell, catalogue: Catalogue) -> Column:
    text = _SPACES.sub("", cell.text)
    uom = None
    for bracket in _BRACKET.finditer(text):
        if (uom := _measure(bracket.group(1))) is not None:
            text = text[:bracket.start()] + text[bracket.end():]
            break
    if uom is None and text.endswith(("%", "％")) and len(text) > 1:
        uom, text = PERCENT, text[:-1]
    spans = ((cell.start, cell.end),) if cell.text else ()
    base = Column("unknown", spans=spans, text=text, uom=uom)
    if not text and uom is None:
        return replace(base, role="empty")
    kind = "target" if _GOAL.search(text) else None
    if _SKIP.search(text):
        return replace(base, role="skip")
    if _GROWTH.search(text):
        return replace(base, role="value", metric="growth", kind=kind, name=_named(text, catalogue, "growth"))
    if _SHARE.search(text):
        return replace(base, role="value", metric="share", kind=kind, name=_named(text, catalogue, "share"))
    if _BASE.search(text):
        return replace(base, role="skip")
    if _NAME.fullmatch(text):
        return replace(base, role="name")
    if _UNIT.fullmatch(text):
        return replace(base, role="unit")
    bare = text
    for expr in reversed(find_time_expressions(text)):
        bare = bare[:expr.start] + bare[expr.end:]
    timed = bare != text or bool(_YEAR.fullmatch(text))
    if kind or timed or uom or _LEVEL.fullmatch(bare) or not bare:
        return replace(base, role="value", kind=kind, name=_named(bare, catalogue, "level"))
    if catalogue.match(bare) is not None:
        return replace(base, role="value", name=bare)
    return base


def _named(text: str, catalogue: Catalogue, metric: str) -> str:
    """The indicator a header names, if any ("地区生产总值增长" -> 地区生产总值增长)."""
    for expr in reversed(find_time_expressions(text)):
        text = text[:expr.start] + text[expr.end:]
    if catalogue.match(text) is None and metric == "level":
        text = _LEVEL.sub("", _GOAL.sub("", text))
    return text if text and catalogue.match(text) is not None else ""


def _header(cells: list[Cell], catalogue: Catalogue, strict: bool) -> list[Column] | None:
    """The columns a header row gives, or None if the row is no header."""
    if any(_NUMBER.fullmatch(c.text.replace(" ", "")) and not _YEAR.fullmatch(c.text) for c in cells):
        return None
    columns = [_classify(cell, catalogue) for cell in cells]
    values = [c for c in columns if c.role == "value"]
    names = [i for i, c in enumerate(columns) if c.role == "name"]
    if not values:
        return None
    if names:
        return columns if not strict or names[0] == 0 else None
    if strict or columns[0].role not in ("empty", "unknown") or len(values) < 2:
        return None
    return [replace(columns[0], role="name"), *columns[1:]]


def _merged(columns: list[Column], cells: list[Cell], catalogue: Catalogue) -> list[Column] | None:
    """The header with a second header row stacked under it, or None if `cells` is no header row."""
    if any(_NUMBER.fullmatch(c.text.replace(" ", "")) and not _YEAR.fullmatch(c.text) for c in cells):
        return None
    lower = [_classify(cell, catalogue) for cell in cells]
    if not any(c.role in ("value", "skip") for c in lower):
        return None
    merged = []
    for index, column in enumerate(columns):
        below = lower[index] if index < len(lower) else None
        if below is None or below.role == "empty" or column.role in ("name", "unit"):
            merged.append(column)
            continue
        text = column.text + below.text
        cell = Cell(0, 0, text + (f"({below.uom})" if below.uom else f"({column.uom})" if column.uom else ""))
        redone = _classify(cell, catalogue)
        merged.append(replace(redone, spans=column.spans + below.spans))
    return merged


def _read_table(text: str, lines: list[tuple[int, int]], index: int, columns: list[Column], tabbed: bool,
                catalogue: Catalogue) -> tuple[Table | None, int]:
    header_start = lines[index][0]
    width = len(columns)
    index += 1
    while index < len(lines) and tabbed and "\t" in text[slice(*lines[index])]:
        stacked = _merged(columns, _tab_cells(text, *lines[index]), catalogue)
        if stacked is None:
            break
        columns, index = stacked, index + 1
    if not any(c.role == "name" for c in columns):
        return None, index
    columns = _dated_rates(columns)
    rows = []
    while index < len(lines):
        start, end = lines[index]
        if tabbed:
            if "\t" not in text[start:end]:
                break
            cells = _tab_cells(text, start, end)
        else:
            cells = _space_cells(text, start, end)
            if len(cells) != width:
                break
        rows.append((start, end, tuple(cells)))
        index += 1
    if not rows:
        return None, index
    captions = _captions(text, lines, header_start)
    caption_text = "".join(text[a:b] for a, b in captions)
    measure = _CAPTION_MEASURE.search(caption_text)
    uom = _measure(measure.group("m").split("、")[0]) if measure else None
    first = _row_name(rows[0][2][0].text)[0] if rows[0][2] else ""
    head = next((h for word, h in _ROW_HEADS.items() if word in caption_text or word in first), None)
    return Table(header_start, rows[-1][1], tuple(columns), tuple(rows), tuple(captions), uom, head), index


def _dated_rates(columns: list[Column]) -> list[Column]:
    """"指标 | 2020年 | 2025年 | 年均增长(%)": a growth column with no time of its own is the
    growth up to the latest year the header names (a plan's targets)."""
    years = [(int(m.group()[:4]), c) for c in columns if c.role == "value" and (m := _YEAR.search(c.text))]
    if not years:
        return columns
    latest = max(years, key=lambda pair: pair[0])[1]
    return [replace(c, spans=c.spans + latest.spans, kind=c.kind or latest.kind)
            if c.metric == "growth" and not _YEAR.search(c.text) and not find_time_expressions(c.text) else c
            for c in columns]


def _captions(text: str, lines: list[tuple[int, int]], header_start: int) -> list[tuple[int, int]]:
    """The short lines right above a header (表1 某县2016年地区生产总值构成表, 单位:万元)."""
    at = next(i for i, (start, _) in enumerate(lines) if start == header_start)
    found = []
    for start, end in reversed(lines[max(0, at - _CAPTION_LINES):at]):
        line = text[start:end]
        if len(line) > _CAPTION_CHARS or "。" in line or "\t" in line:
            break
        found.insert(0, (start, end))
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + 1
    return spans


def _tab_cells(text: str, start: int, end: int) -> list[Cell]:
    cells, pos = [], start
    for part in text[start:end].split("\t"):
        s, e = pos, pos + len(part)
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] in " |":   # "61234 |": a pipe table's bar (intake/pipes.py)
            e -= 1
        cells.append(Cell(s, e, text[s:e]))
        pos += len(part) + 1
    return cells


def _space_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of a line set out with spaces: a measure in brackets stays with its cell
    ("现价 (万元)"), a name glued to its figure is cut from it."""
    cells: list[Cell] = []
    for token in _TOKEN.finditer(text, start, end):
        s, e = token.span()
        if cells and text[s] in "(（" and _BRACKET.fullmatch(text, s, e):
            cells[-1] = Cell(cells[-1].start, e, text[cells[-1].start:e])
            continue
        cut = _GLUED.search(text, s, e)
        if cut is not None and _NUMBER.fullmatch(text[cut.start():e].rstrip("%")):
            cells += [Cell(s, cut.start(), text[s:cut.start()]), Cell(cut.start(), e, text[cut.start():e])]
        else:
            cells.append(Cell(s, e, text[s:e]))
    return cells

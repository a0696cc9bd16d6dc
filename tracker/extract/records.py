"""Records from a cleaned document: every quantitative goal and achieved figure.

Per sentence: find the figures (quantities that can be policy figures), read each in its
clause (figures.py), give it the unit that governs it (unitctx.py), decide target or actual
from the cues before it (the cue of an enumeration governs every item), and the year from
the nearest time expression, else the document's year. Quotes and offsets refer to the
document's original text, through the cleaning offset map.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from tracker.extract import cues, judgement, lists, tables
from tracker.extract.catalogue import Catalogue
from tracker.extract.dates import find_time_expressions, infer_document_date, period_of, resolve_year
from tracker.extract.figures import Figure, is_candidate, qualifies_next, read_figure
from tracker.extract.quantities import find_quantities
from tracker.extract.scopes import Scopes
from tracker.extract.sentences import (
    COMMA_BREAK,
    PARAGRAPH_REACH,
    Breaks,
    SpanIndex,
    clause_end,
    lines_holding,
)
from tracker.extract.spin import SpinTable, load_spin_table
from tracker.extract.subject import Spans
from tracker.extract.unitctx import UNRESOLVED, UnitContext
from tracker.extract.units import Gazetteer
from tracker.intake import Prepared
from tracker.models import FLAG_UNIT_UNRESOLVED, FLAG_UNKNOWN_INDICATOR, Record, Source, made


@dataclass(frozen=True)
class Extraction:
    records: list[Record]
    year: int | None
    date_reason: str
    date: date | None
    main_unit: str | None
    notes: list[str] = field(default_factory=list)   # figures left out, and why (company figures ...)


def extract(prepared: Prepared, catalogue: Catalogue, gazetteer: Gazetteer, year: int | None = None,
            spin: SpinTable | None = None) -> Extraction:
    """Records of one document; `spin` undoes spun copies (the package table when None)."""
    normalise_spun = (spin or load_spin_table()).normalise
    cleaned = prepared.clean.text
    text = normalise_spun(cleaned.text)
    if year is not None:
        doc_date, doc_year, reason = None, year, "given with --year"
    else:
        doc_date, doc_year, reason = infer_document_date(text, published=prepared.doc.published)
    fallback = " ".join(filter(None, (prepared.doc.page_title, PurePosixPath(prepared.doc.file).stem)))
    units = UnitContext(text, normalise_spun(prepared.doc.title or ""), gazetteer, normalise_spun(fallback))
    default_kind = judgement.default_kind(normalise_spun(prepared.doc.title or ""))
    quantities = SpanIndex(find_quantities(text), key=lambda q: q.start)
    times = SpanIndex(find_time_expressions(text), key=lambda t: t.start)
    cue_index = SpanIndex(cues.find_cues(text), key=lambda c: c.start)
    scopes = Scopes(text, doc_year, normalise_spun(prepared.doc.title or ""))
    bases = judgement.Bases(text)
    records: list[Record] = []
    notes: list[str] = []
    seen: set[tuple] = set()

    def add(record: Record) -> None:
        # A figure restated later in the document (summary, then section) is one record.
        whole_year = f"{record.year}-01/{record.year}-12"
        key = (record.unit, record.indicator, record.kind, record.value, record.uom, record.year,
               None if record.period == whole_year else record.period)
        if key not in seen:
            seen.add(key)
            records.append(record)

    found_tables = tables.find_tables(text, catalogue)
    in_table = Spans([span for table in found_tables for span in table.row_spans])
    title_times = find_time_expressions(normalise_spun(prepared.doc.title or ""))
    for table in found_tables:
        for record in _table_records(prepared, table, text, catalogue, units, scopes, times, title_times,
                                     doc_year, doc_date):
            add(record)
    for sentence, paragraph_start, before_start in _sentences_holding(text, quantities.starts):
        found = quantities.between(sentence.start, sentence.end)
        if not found or in_table.covers(sentence.start):
            continue
        sentence_cues = cue_index.between(sentence.start, sentence.end)
        previous_end, qualifier_start, previous, previous_mention = sentence.start, None, None, None
        breaks = Breaks(text, sentence.start, sentence.end)
        commas = Breaks(text, sentence.start, sentence.end, COMMA_BREAK)
        listed = lists.find_lists(text, sentence.start, sentence.end, found)
        figures_before: list[Figure] = []   # the figures read so far in the sentence
        for index, q in enumerate(found):
            start = _listed_name_start(text, breaks, max(breaks.before(q.start), previous_end), previous_end)
            previous = _previous_for(text, previous, figures_before, q.start)
            previous_end = q.end
            if not is_candidate(q, text, start):
                continue
            following = found[index + 1] if index + 1 < len(found) else None
            if q.start not in listed and qualifies_next(q, following, text):
                qualifier_start = start
                continue
            mention, unit_how = units.governing(paragraph_start, sentence.start, q.start, previous_mention,
                                                commas.before(q.start))
            subject_from = mention.end if mention is not None and mention.end <= q.start else sentence.start
            if q.start in listed:
                item, q = listed[q.start]
                # "南川工业园区、东川工业园区投资分别增长…": an item that is a unit names whose figure it is.
                owner = next((m for m in units.mentions.between(item.start, item.end)
                              if m.start == item.start and not m.collective), None)
                if owner is not None:
                    mention, item = owner, lists.owned_by(item, owner.end - owner.start)
                figure = lists.read_listed(item, q, catalogue, owned=owner is not None)
            else:
                figure = read_figure(q, text, start, clause_end(text, q.end, sentence.end), catalogue,
                                     subject_from, qualifier_start, previous)
            qualifier_start = None
            if figure is None:
                continue
            previous, previous_mention = figure, mention
            figures_before.append(figure)
            speaking_from = max(paragraph_start, mention.end if mention is not None and mention.end < sentence.start else 0)
            if mention is None or judgement.is_company_figure(text, sentence.start, start, figure, subject_from,
                                                              speaking_from):
                notes.append(f"{prepared.doc.file}: left out {q.text} (not a figure of an administrative unit)")
                continue
            scope_kind, scope_year = scopes.at(q.start)
            kind, stretch, cue_found = judgement.kind_of(sentence_cues, q, start, default_kind, scope_kind)
            paragraph_times = times.view(max(paragraph_start, q.start - PARAGRAPH_REACH), q.start)
            if not paragraph_times and kind == "actual":
                # "前三季度，全市…。\n全市规模以上工业增加值增长7.4%": a result with no time of its own
                # is of the time the paragraph before it ends with, under the same heading.
                paragraph_times = judgement.carried_times(
                    times.view(max(before_start, paragraph_start - PARAGRAPH_REACH), paragraph_start), scope_year,
                    scopes.at(before_start)[1], doc_year)
            expr = judgement.time_for(paragraph_times, sentence.start, text, bases)
            fig_year = judgement.year_of(expr, doc_year, text,
                                         judgement.frame_year(paragraph_times, scope_year, text, doc_year, bases))
            period = period_of(expr, fig_year) if expr is not None and expr.kind == "period" else None
            cue_before = any(c.end <= q.start for c in sentence_cues)
            kind = judgement.kind_by_time(kind, expr, fig_year, doc_year, cue_before, q.kind, sentence.start,
                                          doc_date.month if doc_date else None,
                                          judgement.states_goal(text, start, q.start))
            long_term = judgement.is_long_term(kind, q.kind, expr, sentence.start)
            record = _record(prepared, cleaned, figure, mention.unit, kind, stretch, fig_year,
                             judgement.OPEN_PERIOD if long_term else period, sentence.start, sentence.end,
                             judgement.confidence(figure, unit_how, cue_found, expr),
                             (judgement.LONG_TERM,) if long_term else ())
            add(record)
    return Extraction(_unique_ids(records), doc_year, reason, doc_date, units.main.name if units.main else None, notes)


def _sentences_holding(text: str, positions: list[int]):
    """(sentence, where its paragraph starts, where the paragraph before it starts) for each sentence
    of the lines holding a quantity: the others hold no figure."""
    for sentences, paragraph_start, before_start in lines_holding(text, positions):
        for sentence in sentences:
            yield sentence, paragraph_start, before_start


_BEFORE_ITEM = re.compile(r"[^,，;；:：、（(）)0-9]{1,8}$")


def _listed_name_start(text: str, breaks: Breaks, start: int, floor: int) -> int:
    """"交通运输、仓储和邮政业完成投资38.6亿元": names joined by 、 before one figure name it
    together, so its clause reaches back over them (never past the figure before)."""
    while start - 1 > floor and text[start - 1] == "、":
        before = breaks.before(start - 1)
        if before < floor or not _BEFORE_ITEM.fullmatch(text, before, start - 1):
            break
        start = before
    return start


def _previous_for(text: str, previous: Figure | None, figures: list[Figure], position: int) -> Figure | None:
    """The figure a figure at `position` may take its name from: none across a semicolon (a new
    item of a list); across a closing bracket, the figure before the bracket opened ("进出口总值512
    亿元(出口297亿元…进口215亿元),增长1.3倍")."""
    if previous is None:
        return None
    between = text[previous.quantity.end:position]
    if "；" in between or ";" in between:
        return None
    close = max(between.rfind(")"), between.rfind("）"))
    if close >= 0:
        opened = max(text.rfind("(", 0, previous.quantity.end), text.rfind("（", 0, previous.quantity.end))
        outside = [f for f in figures if f.quantity.end <= opened]
        return outside[-1] if outside else None
    return previous


def _table_records(prepared, table: tables.Table, text: str, catalogue: Catalogue, units: UnitContext,
                   scopes: Scopes, times: SpanIndex, title_times: list, doc_year: int | None,
                   doc_date: date | None) -> list[Record]:
    """The records of one table: the unit its caption or the document names (or the row, in a
    table of units), the time its column header, caption or the title gives, the kind its
    column says (else the heading's, else an achieved figure)."""

    def names_unit(start: int, end: int) -> bool:
        return any(m.start == start and m.end >= end - 1 for m in units.mentions.between(start, end))

    anchor = table.captions[0][0] if table.captions else table.start
    mention, how = units.governing(anchor, anchor, table.start)
    scope_kind, scope_year = scopes.at(table.start)
    frame = scope_year if scope_year is not None else doc_year
    found = []
    for item in tables.read_table(table, text, catalogue, names_unit):
        owner = mention
        if item.owner is not None:
            owner = next(m for m in units.mentions.between(item.owner.start, item.owner.end))
        if owner is None:
            continue
        expr = _table_time(item.column, table, times, title_times)
        if expr is None or (expr.year is None and expr.offset is None):
            year = frame
        else:
            year = resolve_year(expr, doc_year)
        period = period_of(expr, year) if expr is not None and expr.kind == "period" else None
        kind = judgement.kind_by_time(item.column.kind or scope_kind or "actual", expr, year, doc_year, True,
                                      "count", item.row[0], doc_date.month if doc_date else None)
        confidence = judgement.confidence(item.figure, "clause" if item.owner else how, True, expr)
        found.append(_record(prepared, prepared.clean.text, item.figure, owner.unit, kind, False, year,
                             period, *item.row, confidence))
    return found


def _table_time(column: tables.Column, table: tables.Table, times: SpanIndex, title_times: list):
    """The time a column's header gives, else the table's caption, else the document's title."""
    for start, end in (*column.spans, *table.captions):
        written = [t for t in times.between(start, end) if t.end <= end and t.kind in ("year", "period", "deadline")]
        if written:
            return written[-1]
    return next((t for t in title_times if t.kind in ("year", "period")), None)


def _record(prepared, cleaned, figure: Figure, unit, kind, stretch, year, period, s_start, s_end, confidence,
            extra_flags: tuple[str, ...] = ()) -> Record:
    doc = prepared.doc
    a, b = cleaned.original_span(s_start, s_end)
    ia, ib = cleaned.original_span(figure.indicator_start, figure.indicator_end)
    indicator_text = doc.text[ia:ib]
    indicator = figure.indicator
    metric = figure.metric
    flags = (() if indicator else (FLAG_UNKNOWN_INDICATOR,)) + extra_flags
    if unit.kind == UNRESOLVED:
        flags += (FLAG_UNIT_UNRESOLVED,)
    unit = unit.name
    return made(Record, {
        "id": record_id(unit, indicator_text, kind, metric, figure.value, figure.uom, year, period,
                           stretch and kind == "target"),
        "doc": doc.file,
        "unit": unit,
        "indicator": indicator.name if indicator else figure.name,
        "indicator_id": indicator.id if indicator else None,
        "indicator_text": indicator_text,
        "kind": kind,
        "metric": metric,
        "value": figure.value,
        "uom": figure.uom,
        "comparator": figure.comparator,
        "year": year,
        "source": made(Source, {"doc": doc.file, "start": a, "end": b, "quote": doc.text[a:b]}),
        "confidence": confidence,
        "period": period,
        "value_max": figure.value_max,
        "stretch": stretch and kind == "target",
        "baseline": None,
        "direction": indicator.direction if indicator else "up",
        "category": indicator.category if indicator else None,
        "flags": flags,
    })


def _norm(phrase: str) -> str:
    # str.split() cuts at the very characters `\s` matches (Unicode whitespace), without a regex call.
    return "".join(phrase.split()).strip("“”\"'‘’《》")


def record_id(unit, indicator_text, kind, metric, value, uom, year, period, stretch, occurrence=1) -> str:
    """Content hash of what a record claims, not of where: it keeps its id when offsets move and when its
    document is renamed, and one claim stated in two documents is one id (a decision on it holds for both).
    The ledger keeps a record per (document, id)."""
    basis = f"{unit}|{_norm(indicator_text)}|{kind}|{metric}|{value}|{uom}|{year}|{period}|{stretch}"
    if occurrence > 1:
        basis += f"|{occurrence}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _unique_ids(records: list[Record]) -> list[Record]:
    """Two records with the same content (rare) are told apart by their order."""
    result, taken = [], set()
    for record in records:
        occurrence = 1
        while record.id in taken:
            occurrence += 1
            record = dataclasses.replace(record, id=record_id(
                record.unit, record.indicator_text, record.kind, record.metric, record.value, record.uom,
                record.year, record.period, record.stretch, occurrence))
        taken.add(record.id)
        result.append(record)
    return result

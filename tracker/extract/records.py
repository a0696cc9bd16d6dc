"""Records from a cleaned document: every quantitative goal and achieved figure.

Per sentence: find the figures (quantities that can be policy figures), read each in its
clause (figures.py), give it the unit that governs it (unitctx.py), decide target or actual
from the cues before it (the cue of an enumeration governs every item), and the year from
the nearest time expression, else the document's year. Quotes and offsets refer to the
document's original text, through the cleaning offset map.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from tracker.extract import cues
from tracker.extract.catalogue import Catalogue
from tracker.extract.dates import TimeExpr, find_time_expressions, infer_document_date, period_of, resolve_year
from tracker.extract.figures import Figure, is_candidate, qualifies_next, read_figure
from tracker.extract.quantities import find_quantities
from tracker.extract.sentences import SpanIndex, clause_end, clause_start, split_sentences
from tracker.extract.spin import normalise_spun
from tracker.extract.unitctx import UnitContext
from tracker.extract.units import Gazetteer
from tracker.intake import Prepared
from tracker.models import Record, Source

_QUOTE_CLOSE = re.compile(r"[”」』]")


@dataclass(frozen=True)
class Extraction:
    records: list[Record]
    year: int | None
    date_reason: str
    main_unit: str | None
    notes: list[str] = field(default_factory=list)   # figures left out, and why (company figures ...)


def extract(prepared: Prepared, catalogue: Catalogue, gazetteer: Gazetteer, year: int | None = None) -> Extraction:
    cleaned = prepared.clean.text
    text = normalise_spun(cleaned.text)
    if year is not None:
        doc_year, reason = year, "given with --year"
    else:
        _, doc_year, reason = infer_document_date(text, published=prepared.doc.published)
    units = UnitContext(text, normalise_spun(prepared.doc.title or ""), gazetteer)
    quantities = SpanIndex(find_quantities(text), key=lambda q: q.start)
    times = SpanIndex(find_time_expressions(text), key=lambda t: t.start)
    cue_index = SpanIndex(cues.find_cues(text), key=lambda c: c.start)
    records: list[Record] = []
    notes: list[str] = []
    seen: dict[tuple, int] = {}
    paragraph_start = 0
    last_paragraph = -1
    for sentence in split_sentences(text):
        if sentence.paragraph != last_paragraph:
            paragraph_start, last_paragraph = sentence.start, sentence.paragraph
        found = quantities.between(sentence.start, sentence.end)
        previous_end = sentence.start
        qualifier_start = None
        for index, q in enumerate(found):
            following = found[index + 1] if index + 1 < len(found) else None
            if not is_candidate(q, text, previous_end):
                previous_end = q.end
                continue
            start = clause_start(text, sentence.start, q.start)
            start = max(start, previous_end)
            if qualifies_next(q, following, text):
                qualifier_start = start
                continue
            end = clause_end(text, q.end, sentence.end)
            figure = read_figure(q, text, start, end, catalogue, qualifier_start)
            qualifier_start = None
            previous_end = q.end
            if figure is None:
                continue
            unit, unit_how = units.governing(paragraph_start, sentence.start, q.start)
            subject = text[units.subject_end(sentence.start, q.start):q.start]
            if unit is None or cues.is_company_subject(subject) or _company_quote(text, q.end, sentence.end):
                notes.append(f"{prepared.doc.file}: left out {q.text} (not a figure of an administrative unit)")
                continue
            kind, stretch, cue_found = _kind(cue_index.between(sentence.start, sentence.end), q.start, q.end, start)
            expr = _time_for(times.between(paragraph_start, q.start), sentence.start)
            fig_year = resolve_year(expr, doc_year) if expr else doc_year
            period = period_of(expr, fig_year) if expr is not None and expr.kind in ("period", "date") else None
            kind = _kind_by_time(kind, expr, fig_year, doc_year, cue_found)
            record = _record(prepared, cleaned, figure, unit.name, kind, stretch, fig_year, period,
                             sentence.start, sentence.end, _confidence(figure, unit_how, cue_found, expr))
            key = (record.unit, record.indicator, record.kind, record.value, record.uom, record.year,
                   record.period, _norm(record.indicator_text))
            if key in seen:
                continue
            seen[key] = len(records)
            records.append(record)
    return Extraction(_unique_ids(records), doc_year, reason, units.main.name if units.main else None, notes)


def _kind(sentence_cues: list[cues.Cue], q_start: int, q_end: int, clause_from: int) -> tuple[str, bool, bool]:
    """(kind, stretch, whether a cue decided): the nearest cue before the figure governs it."""
    before = [c for c in sentence_cues if c.end <= q_start]
    stretch = any(c.stretch for c in before)
    if before:
        nearest = before[-1]
        # An achievement cue inside a target enumeration ("力争…达280家,已有…") wins only in its own clause.
        targets = [c for c in before if c.kind == "target"]
        if nearest.kind == "actual" and targets and nearest.start < clause_from and targets[-1].start > nearest.start:
            return "target", stretch, True
        return nearest.kind, stretch and nearest.kind == "target", True
    after = [c for c in sentence_cues if c.start >= q_end]
    if after and after[0].kind == "target" and after[0].word in ("目标", "计划", "任务"):
        return "target", False, True
    return "actual", False, False


def _time_for(candidates: list[TimeExpr], sentence_start: int) -> TimeExpr | None:
    """The time expression governing a figure: the last one before it in its sentence, else
    the last one earlier in its paragraph."""
    useful = [t for t in candidates if t.kind != "date" or t.months]
    in_sentence = [t for t in useful if t.start >= sentence_start]
    if in_sentence:
        return in_sentence[-1]
    return useful[-1] if useful else None


def _kind_by_time(kind: str, expr: TimeExpr | None, year: int | None, doc_year: int | None, cue_found: bool) -> str:
    if expr is None or year is None or doc_year is None:
        return kind
    if expr.kind in ("deadline", "plan_period") and year > doc_year:
        return "target"
    if year < doc_year:
        return "actual"
    if expr.kind == "period" and not cue_found:
        return "actual"
    return kind


def _company_quote(text: str, position: int, sentence_end: int) -> bool:
    """A figure inside a direct quotation attributed to someone at a company."""
    close = _QUOTE_CLOSE.search(text, position, sentence_end + 2)
    if not close:
        return False
    return cues.is_company_subject(text[close.end():close.end() + 20])


def _confidence(figure: Figure, unit_how: str, cue_found: bool, expr: TimeExpr | None) -> float:
    score = 0.95
    if figure.indicator is None:
        score -= 0.3
    if not cue_found:
        score -= 0.1
    if unit_how == "document":
        score -= 0.1
    if expr is None:
        score -= 0.05
    return round(max(0.05, score), 2)


def _record(prepared, cleaned, figure: Figure, unit, kind, stretch, year, period, s_start, s_end, confidence) -> Record:
    doc = prepared.doc
    a, b = cleaned.original_span(s_start, s_end)
    ia, ib = cleaned.original_span(figure.indicator_start, figure.indicator_end)
    indicator_text = doc.text[ia:ib]
    indicator = figure.indicator
    metric = figure.metric
    flags = () if indicator else ("unknown_indicator",)
    return Record(
        id="",
        doc=doc.file,
        unit=unit,
        indicator=indicator.name if indicator else _norm(figure.phrase),
        indicator_id=indicator.id if indicator else None,
        indicator_text=indicator_text,
        kind=kind,
        metric=metric,
        value=figure.value,
        uom=figure.uom,
        comparator=figure.comparator,
        year=year,
        source=Source(doc=doc.file, start=a, end=b, quote=doc.text[a:b]),
        confidence=confidence,
        period=period,
        value_max=figure.value_max,
        stretch=stretch and kind == "target",
        direction=indicator.direction if indicator else "up",
        category=indicator.category if indicator else None,
        flags=flags,
    )


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", "", phrase).strip("“”\"'‘’《》")


def _unique_ids(records: list[Record]) -> list[Record]:
    """Content-hash ids: the same figure in the same document keeps its id when offsets move."""
    import dataclasses

    result, taken = [], set()
    for record in records:
        basis = "|".join(map(str, (record.doc, record.unit, _norm(record.indicator_text), record.kind, record.metric,
                                   record.value, record.uom, record.year, record.period, record.stretch)))
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        suffix = 1
        while digest in taken:
            suffix += 1
            digest = hashlib.sha1(f"{basis}|{suffix}".encode()).hexdigest()[:16]
        taken.add(digest)
        result.append(dataclasses.replace(record, id=digest))
    return result

"""The values that flow through tracker: documents -> records -> targets/actuals -> status.

Every stage hands the next one frozen dataclasses from this module, so a renderer
can never reach back into the ledger and a test can build any stage's input by hand.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.messages import clause, language, quotes, stop, text

COMPARATORS: tuple[str, ...] = (">=", ">", "<=", "<", "=", "~")
METRICS: tuple[str, ...] = ("level", "growth", "share", "change")
STATUS_CODES: tuple[str, ...] = (
    "achieved", "ahead", "on_schedule", "behind", "seriously_behind", "not_reported",
)

# Flags the ledger adds to records it reads back with review decisions applied;
# later stages (targets, the evidence sheet) read them instead of the ledger.
FLAG_CONFIRMED = "confirmed"
FLAG_CORRECTED = "corrected"
FLAG_REJECTED = "rejected"
FLAG_STALE = "stale"
# Flags the extractor sets on records that wait for a reviewer before they are tracked: an
# indicator outside the catalogue; a unit the document never names (only 全区, 我市 ...), whose
# `unit` is then that word as written until tracker.toml's default_unit or a correction names it.
FLAG_UNKNOWN_INDICATOR = "unknown_indicator"
FLAG_UNIT_UNRESOLVED = "unit_unresolved"


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@functools.cache
def _field_set(cls: type) -> frozenset[str]:
    return frozenset(_field_names(cls))


def made(cls: type, values: dict[str, Any]) -> Any:
    """`cls(**values)` for a frozen dataclass without `__post_init__`, given every field: the
    same value, made without the `object.__setattr__` per field of the frozen `__init__` (three
    times the cost, and extraction makes records by the ten thousand). `values` becomes the
    value's own dictionary: the caller does not keep it."""
    if values.keys() != _field_set(cls):
        missing, extra = _field_set(cls) - values.keys(), values.keys() - _field_set(cls)
        raise TypeError(f"{cls.__name__}: missing {sorted(missing)}, unknown {sorted(extra)}")
    made_value = object.__new__(cls)
    object.__setattr__(made_value, "__dict__", values)
    return made_value


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, reported to the user together with the others.

    `where` names the place (a file, "file!sheet!cell", "file, row 7"), `found` what was
    there, `expected` what would have been accepted. Texts are messages (tracker/messages.py)
    or plain text; `text(lang)` is the whole problem as one sentence in that language.
    """

    where: str
    message: str
    found: str | None = None
    expected: str | None = None

    def text(self, lang: str | None = None) -> str:
        lang = lang or language()
        message = clause(self.message, lang)
        # What was found is left out when the message already quotes it.
        found = None if self.found is None or quotes(self.found, lang) in message else str(self.found)
        expected = None if self.expected is None else clause(self.expected, lang)
        if lang == "zh":
            shown = f"{text(self.where, lang)}：{message}"
            shown += f"（填写内容为“{found}”）" if found is not None else ""
            shown += f"；应为{expected}" if expected else ""
        else:
            shown = f"{text(self.where, lang)}: {message}"
            shown += f" (found {found!r})" if found is not None else ""
            shown += f"; expected {expected}" if expected else ""
        return stop(shown, lang)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Document:
    """One input file as read: `text` is the document's original text.

    For plain text files `text` is the decoded file; for HTML, .docx and PDF it is the
    visible text in reading order. Record offsets index into `text`.
    """

    file: str                      # path relative to the seeds folder, '/'-separated
    format: str                    # "text" | "html" | "docx" | "pdf"
    encoding: str | None           # detected encoding for text and HTML, else None
    text: str
    sha256: str                    # of the file's bytes
    title: str | None = None
    published: date | None = None  # publication date stated in the text, if any
    page_title: str | None = None  # an HTML page's <title>, which often names the site's government
    damaged: int = 0               # characters replaced by U+FFFD: their bytes were invalid in `encoding`


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class Source:
    """Where a record comes from: `quote == Document.text[start:end]`."""

    doc: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Record:
    """One quantitative goal or achieved figure extracted from a document.

    Field names are a public contract (records.json, eval, other tools).
    `value` is in `uom` (10 with "亿元"; percentages as percent numbers, 30 for 30%).
    """

    id: str
    doc: str
    unit: str
    indicator: str
    indicator_id: str | None
    indicator_text: str
    kind: str                       # target | actual
    metric: str                     # level | growth | share | change
    value: float
    uom: str
    comparator: str                 # one of COMPARATORS
    year: int | None
    source: Source
    confidence: float
    period: str | None = None       # "2023-01/2023-10" for a cumulative figure
    value_max: float | None = None  # upper end of a range ("5%-6%": value 5, value_max 6)
    stretch: bool = False           # governed by 力争: a stretch value
    baseline: float | None = None   # base-period value when the text states one
    direction: str = "up"           # up | down, from the catalogue
    category: str | None = None
    flags: tuple[str, ...] = ()     # e.g. ("unknown_indicator",): reasons to review

    def to_dict(self) -> dict[str, Any]:
        # As dataclasses.asdict makes it, field by field (its deep copies took seconds on a national ledger).
        data = {name: getattr(self, name) for name in _field_names(Record)}
        source = self.source
        data["source"] = {"doc": source.doc, "start": source.start, "end": source.end, "quote": source.quote}
        data["flags"] = list(self.flags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        data = dict(data)
        # A national ledger's records repeat a few thousand names, units and codes: one copy of
        # each (sys.intern) halves what its records take in memory.
        for name in _REPEATED_FIELDS:
            value = data.get(name)
            if type(value) is str:
                data[name] = sys.intern(value)
        source = dict(data["source"])
        if type(source.get("doc")) is str:
            source["doc"] = sys.intern(source["doc"])
        # Made by the constructor, not `made`: a constructed record's attributes share their
        # names with every other record's, where a dict of its own costs a national ledger 30 MB.
        data["source"] = Source(**source)
        data["flags"] = tuple(data.get("flags") or ())
        known = _field_set(cls)
        return cls(**(data if data.keys() <= known else {k: v for k, v in data.items() if k in known}))


_REPEATED_FIELDS = ("doc", "unit", "indicator", "indicator_id", "indicator_text", "kind", "metric", "uom",
                    "comparator", "period", "direction", "category")


@dataclass(frozen=True)
class Target:
    """A goal to track: one (unit, indicator, year), from records or entered by hand."""

    unit: str
    indicator: str
    indicator_id: str | None
    year: int
    metric: str
    direction: str
    comparator: str
    value: float
    uom: str
    category: str | None = None
    value_max: float | None = None
    stretch_value: float | None = None   # 力争 value reported beside the base target
    baseline: float | None = None
    period_start: date | None = None     # defaults to 1 January of `year`
    period_end: date | None = None       # defaults to 31 December of `year`
    record_ids: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = "document"             # "document" | "manual"
    long_term: bool = False              # no deadline (打造千亿级产业集群): tracked apart, no 序时进度

    @property
    def key(self) -> str:
        return f"{self.unit}|{self.indicator}|{self.year}"


@dataclass(frozen=True)
class Actual:
    """One reported figure for (unit, indicator, year); the ledger keeps every one.

    A withdrawal (`withdrawn`, a figure cleared from a tracker) names the figure it takes back:
    the figure for its (unit, indicator, year, as_of) no longer stands until another is reported.
    """

    unit: str
    indicator: str
    year: int
    value: float
    uom: str
    as_of: date
    origin: str                          # "trackers/X.xlsx!目标跟踪!I5" or "import.csv, row 3"
    note: str | None = None
    recorded_at: datetime | None = None
    withdrawn: bool = False


@dataclass(frozen=True)
class Remark:
    """A note (备注) or date (数据截至) typed on a tracker row without a figure; the ledger keeps every one,
    and a row without a figure shows its latest (when no figure was reported or withdrawn after it)."""

    unit: str
    indicator: str
    year: int
    as_of: date | None
    note: str | None
    origin: str
    recorded_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.unit}|{self.indicator}|{self.year}"


@dataclass(frozen=True)
class Status:
    """A target judged against its latest actual at a date. Renderers only read these.

    Rates are fractions (0.62 means 62%); gaps are in percentage points (-13.0).
    For growth/share/change targets `completion` is None, `gap_pp` is the difference
    from the target rate signed "good when positive" (actual - target for goals to
    exceed, target - actual for caps) and `rate_diff_pp` is the raw actual - target
    ("低于目标增速5.5个百分点"). See tracker/assess/status.py for the rules.
    """

    target: Target
    actual: Actual | None
    as_of: date
    time_progress: float                 # share of the target period elapsed, 0..1
    completion: float | None = None      # actual / target for level targets
    stretch_completion: float | None = None
    baseline_progress: float | None = None
    gap_pp: float | None = None
    code: str = "not_reported"           # one of STATUS_CODES
    label: str = ""                      # localised label from the configuration
    rate_diff_pp: float | None = None    # rate targets: actual rate - target rate, in points


@dataclass(frozen=True)
class DocumentInfo:
    """How outputs cite a document: its file under seeds/, its title and publication date when known."""

    file: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class UnitReport:
    """Everything a renderer needs for one administrative unit.

    `statuses` are the goals with a deadline, judged against time elapsed; `long_term` holds the
    goals without one (Target.long_term), whose status is only "reported or not": renderers show
    them apart, without 序时进度. `counts` counts `statuses` only.
    """

    unit: str
    year: int
    as_of: date
    statuses: tuple[Status, ...]
    history: tuple[Actual, ...] = ()
    records: tuple[Record, ...] = ()     # evidence for the 来源 sheet / memo section
    counts: dict[str, int] = field(default_factory=dict)
    long_term: tuple[Status, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()   # the documents the unit's targets cite
    remarks: tuple[Remark, ...] = ()     # what rows without a figure show in 数据截至 and 备注 (one per target)

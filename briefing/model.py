"""A briefing pack as plain data: statements, tables and figures that cite numbered source notes.

`briefing.assemble` reads the rows; `briefing.build` turns them into a `Brief`;
``briefing.docx``, ``briefing.markdown`` and ``briefing.pdf`` write one, in the
reading order of `briefing.outline`.  A note names the sources and the load
(file, row, load id and time) a fact came from, or the analysis a finding was
derived by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.dates import local_date
from graph.settings import aggregator

IDENTITY = (
    ("country", "Country"),
    ("region", "Region"),
    ("aliases", "Aliases"),
    ("description", "Description"),
    ("tags", "Tags"),
    ("themes", "Themes"),
    ("priority", "Priority"),
)
EXPECTED = ("country", "region", "description", "priority")  # said to be missing when blank
RECENT = 10  # engagements listed in a pack
NETWORK_CAP = 60  # entities in a static network picture
LISTED = 10  # items named in one data-quality note before "and N more"
MISSING_SOURCE = "No source recorded"
MIRROR = "mirror or aggregator site"


def flag(source: str) -> str:
    """What a reader should know about a source before trusting it: `` (mirror or aggregator site: ...)``."""
    domain = aggregator(source)
    return f" ({MIRROR}: {domain})" if domain else ""


@dataclass(frozen=True)
class Note:
    """One numbered source note: the sources and load of a fact, or how a finding was derived."""

    number: int
    sources: tuple[str, ...] = ()
    origin: str | None = None  # file:row the fact was loaded from
    load: str | None = None  # the load, described
    derived: str | None = None  # set for findings of an analysis or counts

    @property
    def text(self) -> str:
        if self.derived:
            return self.derived
        return ("; ".join(s + flag(s) for s in self.sources) if self.sources else MISSING_SOURCE) + self.provenance

    @property
    def provenance(self) -> str:
        """The part after the sources, last: the load record (file and row, the load and its date)."""
        if self.derived:
            return ""
        return f". Load record: {self.origin or 'file not recorded'}, {self.load or 'load not recorded'}."


@dataclass
class Statement:
    """A sentence (or a labelled key fact) and the notes it cites."""

    text: str
    notes: tuple[int, ...]
    label: str = ""


@dataclass
class Table:
    """Rows of text cells; ``notes[i]`` are the notes row i cites (shown as a last "Sources" column)."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[tuple[int, ...]] = field(default_factory=list)
    empty: str = "Nothing recorded."

    def widths(
        self, total: float, measure: Callable[[str], float], *, pad: float = 0, sample: int = 200
    ) -> list[float]:
        """Column widths summing to `total`, the Sources column last, from the content as `measure` sizes text.

        Each column first gets its longest word (header or cell) plus `pad`, so no word breaks inside; the room
        left goes to the columns whose text is longer than that, in proportion to what they lack (a column's
        text counts up to a third of the page). Only when the longest words alone do not fit are they scaled.
        """
        texts = [[c, *(row[i] for row in self.rows[:sample])] for i, c in enumerate(self.columns)]
        texts.append(["Sources", *(cite(n) for n in self.notes[:sample])])
        least = [max(measure(w) for t in column for w in (t.split() or [""])) + pad for column in texts]
        wanted = [
            max(low, min(max(measure(t) for t in column) + pad, total / 3))
            for low, column in zip(least, texts, strict=True)
        ]
        if sum(least) >= total:
            return [w * total / sum(least) for w in least]
        room, lack = total - sum(least), [want - low for want, low in zip(wanted, least, strict=True)]
        if not sum(lack):
            return [low + room / len(least) for low in least]
        return [low + room * gap / sum(lack) for low, gap in zip(least, lack, strict=True)]

    def add(self, cells: Iterable[Any], notes: Iterable[int]) -> None:
        self.rows.append(tuple("" if c is None else str(c) for c in cells))
        self.notes.append(tuple(sorted(set(notes))))


@dataclass
class Figure:
    """A static picture (PNG bytes) with its caption."""

    title: str
    png: bytes
    caption: str = ""


@dataclass
class Section:
    """A titled part of a pack; `missing` says what could not be shown and why."""

    key: str
    title: str
    statements: list[Statement] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class OnePage:
    """The one-page brief of a pack: purpose, who they are, our relationship in three lines, open gaps, three next
    steps each with its reason, and the notes it cites (the whole pack follows as an annex)."""

    purpose: Statement
    who: list[Statement]
    relationship: list[Statement]  # active links, last engagement and through whom, agreements
    gaps: list[Statement]  # labelled by the kind of gap
    steps: list[Statement]  # numbered, each sentence says who, through whom and why

    def statements(self) -> list[Statement]:
        return [self.purpose, *self.who, *self.relationship, *self.gaps, *self.steps]

    def cited(self) -> list[int]:
        """The note numbers the page cites, in order."""
        return sorted({n for s in self.statements() for n in s.notes})


@dataclass
class Brief:
    """A whole pack; `parts` are the briefs of a set's members (their notes are numbered in this one's list)."""

    title: str
    subject_id: str
    kind: str
    as_of: str
    generated_at: str
    marking: str
    home_filter: str = ""
    sample: bool = False  # made from sample data: every page says so (`graph.settings.SAMPLE_NOTICE`)
    summary: list[Statement] = field(default_factory=list)
    facts: list[Statement] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # identity facts not recorded
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    parts: list[Brief] = field(default_factory=list)
    one_page: OnePage | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass
class ProfileData:
    """What the graph says about one entity, as read by `queries.briefing` (plain rows)."""

    entity: dict  # id, kind, props
    on: str  # the as-of date (ISO)
    links: list[dict] = field(default_factory=list)  # entity_links rows
    engagements: list[dict] = field(default_factory=list)  # entity_engagements rows
    shared: list[dict] = field(default_factory=list)  # shared_with_home rows
    located: list[dict] | None = None  # entities_in_country rows (countries only)
    home_filter: str = ""
    home_ids: frozenset[str] = frozenset()
    home_problem: str | None = None  # why the home set could not be read
    findings: dict[str, list[dict] | str] = field(default_factory=dict)  # analysis -> rows about it, or why not
    efforts: list[dict] | str = field(default_factory=list)  # lines_of_effort rows about it, or why not
    assessments: list[dict] = field(default_factory=list)  # the team's risks and opportunities about it and its units
    via: dict[str, str] = field(default_factory=dict)  # roll-up: unit or agency id -> "Cyber Unit, part of ..."
    home_of: dict[str, list[str]] = field(default_factory=dict)  # participant id -> home entity names it acts for
    rollup: bool = True
    contacts: dict[str, list[dict] | str] = field(default_factory=dict)  # path analyses -> rows, or why not
    network: dict | None = None  # nodes, links, hops, total, png
    timeline: bytes | None = None  # engagements per year (PNG)

    @property
    def day(self) -> str:
        """The as-of date as the pack writes it: ``2 December 2026``."""
        return local_date(self.on)


class Notes:
    """The numbered notes of one pack; the same sources and load get the same number."""

    def __init__(self, loads: dict[str, dict] | None = None):
        self.loads = loads or {}
        self.items: list[Note] = []
        self._numbers: dict[tuple, int] = {}

    def _add(self, key: tuple, **fields: Any) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(Note(self._numbers[key], **fields))
        return self._numbers[key]

    def fact(self, record: dict, prefix: str = "") -> int:
        """The note for a fact with ``sources``, ``loaded_from`` and ``load_id`` (keys after `prefix`)."""
        sources = tuple(str(s) for s in record.get(f"{prefix}sources") or ())
        origin = record.get(f"{prefix}loaded_from")
        load_id = record.get(f"{prefix}load_id")
        return self._add(
            ("fact", sources, origin, load_id), sources=sources, origin=origin, load=self.describe_load(load_id)
        )

    def derived(self, text: str) -> int:
        """The note for a finding or count derived from the graph rather than read from one fact."""
        return self._add(("derived", text), derived=text)

    def describe_load(self, load_id: str | None) -> str:
        if not load_id:
            return "load not recorded"
        load = self.loads.get(load_id)
        if not load:
            return f"load {load_id[:8]} (no record of that load)"
        return f"load {load_id[:8]} of {local_date(load.get('at'))}"


def cite(numbers: Iterable[int]) -> str:
    """Note numbers as a marker: ``[1, 3–5]``."""
    numbers = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f"[{text}]" if text else ""

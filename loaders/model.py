"""Plain records passed between the loader stages."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from graph.vocabulary import fold

FREE, IGNORE = "free", "ignore"  # a header kept as a free column, or not loaded at all


@dataclass
class Table:
    """One sheet or file of rows, before normalisation.

    ``rows`` holds ``(row_number, {header: raw value})`` with spreadsheet row
    numbers (the header is row 1), so that messages point where users look.
    """

    source: str
    headers: list[str]
    rows: list[tuple[int, dict]]
    role: str = ""  # "elements", "connections" or "findings"
    kind_hint: str | None = None  # a sheet named after a kind ("Agencies")


def headers_key(headers: list[str]) -> str:
    """What identifies a table's header set for a column mapping: its headers folded, sorted, as JSON."""
    return json.dumps(sorted({fold(h) for h in headers if fold(h)}), ensure_ascii=False)


@dataclass
class ColumnMapping:
    """How a user reads one header set: what the table holds and, per header, its field, `FREE` or `IGNORE`.

    ``role`` is ``elements``, ``connections`` or ``""`` (the table is not loaded); ``columns`` maps each header
    as written to a field of `loaders.validate.COLUMNS` for that role (``name``, ``from``, ``since``), `FREE`
    or `IGNORE`.  A mapping applies to every table with the same headers, in any order and case (`key`).
    """

    role: str
    columns: dict[str, str]

    @property
    def key(self) -> str:
        return headers_key(list(self.columns))

    def field(self, header: str) -> str | None:
        """The field `header` is read as (matched by folded text), or None when the mapping does not name it."""
        wanted = fold(header)
        return next((f for h, f in self.columns.items() if fold(h) == wanted), None)

    def as_json(self) -> dict:
        return {"role": self.role, "columns": dict(self.columns)}


@dataclass(frozen=True)
class Wording:
    """A team's reading of a kind or relationship wording the shipped vocabulary does not know.

    ``what`` is ``kind`` (``maps_to`` a kind label) or ``relationship`` (``maps_to`` a relationship type, read
    backwards when `reverse`: "sponsored by" → FUNDS read backwards); ``by`` and ``at`` say who added it, when.
    """

    what: str
    text: str
    maps_to: str
    reverse: bool = False
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Problem:
    """An error or warning about one cell, row or file.

    A fix the loader made on its own (a trimmed cell, a date read from ``Mar 2020``) is a warning with a `code`
    naming its kind (`loaders.fixes.KINDS`) and `change`, the fix in a few words (``'Mar 2020' → 2020-03``).
    A `knock_on` error says which rejected row caused it (``because row 7 of Elements.csv was rejected``).
    """

    level: str  # "error" or "warning"
    file: str
    row: int | None
    column: str | None
    message: str
    code: str = ""
    change: str = ""
    knock_on: bool = False  # the row fails only because another row was rejected (reported after the causes)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{self.level.upper()}: {where}: {self.message}"


def origin_label(origin: tuple[str, int | None]) -> str:
    """``file:row`` (or the file alone), as ``loaded_from`` and merged notes name a row."""
    file, number = origin
    return f"{file}:{number}" if number is not None else file


class _Merged:
    """Where a row came from, and the later rows that `loaders.combine` folded into it."""

    __slots__ = ()  # the rows are slotted: a million links each without an attribute dict

    origin: tuple[str, int | None]
    merged_from: list[tuple[str, int | None]]

    @property
    def loaded_from(self) -> str:
        """Every row this one stands for: ``file:row; file:row``."""
        return "; ".join(origin_label(o) for o in [self.origin, *self.merged_from])


@dataclass(slots=True)
class EntityRow(_Merged):
    """A node to write: ``Entity`` plus ``kind`` label, properties and origin."""

    id: str
    kind: str
    props: dict
    origin: tuple[str, int | None]
    merged_from: list[tuple[str, int | None]] = field(default_factory=list)  # later rows describing it too
    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # joined text -> (row, text) per row
    columns: dict[str, str] = field(default_factory=dict)  # property -> its header as written


@dataclass(slots=True)
class LinkRow(_Merged):
    """A relationship to write, keyed so that reloading merges instead of adding."""

    type: str
    source: str
    target: str
    props: dict
    origin: tuple[str, int | None]
    merged_from: list[tuple[str, int | None]] = field(default_factory=list)  # later rows describing it too
    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # joined text -> (row, text) per row
    columns: dict[str, str] = field(default_factory=dict)  # property -> its header as written

    @property
    def key(self) -> str:
        return "|".join(
            [self.type, self.source, self.target, self.props.get("since") or "", self.props.get("kind") or ""]
        )


@dataclass(slots=True)
class FindingRow(_Merged):
    """A finding to write (`loaders.findings`): its id, the entity it is ``about``, and its properties."""

    id: str
    about: str
    props: dict
    origin: tuple[str, int | None]
    merged_from: list[tuple[str, int | None]] = field(default_factory=list)  # later rows describing it too
    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # joined text -> (row, text) per row
    columns: dict[str, str] = field(default_factory=dict)  # property -> its header as written


@dataclass
class LoadReport:
    """What a load found and did: counts per kind and type, and every problem."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entities: dict[str, Counter] = field(default_factory=dict)  # kind -> created/updated/unchanged
    links: dict[str, Counter] = field(default_factory=dict)  # type -> created/updated/unchanged
    findings: Counter = field(default_factory=Counter)  # created/updated/unchanged
    rejected_rows: int = 0
    rejects_files: list[str] = field(default_factory=list)  # the rejects CSVs written, one per table
    written: bool = False
    dry_run: bool = False
    load_id: str | None = None
    note: str = ""
    same_as: str | None = None  # the load whose report this is, when the files were its files (loaders.unchanged)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def changed(self) -> int:
        """Number of entities, links and findings created or updated."""
        counts = [*self.entities.values(), *self.links.values(), self.findings]
        return sum(c["created"] + c["updated"] for c in counts)

    def as_dict(self) -> dict:
        """JSON-ready summary (used by the load record and the app)."""
        return {
            "files": self.files,
            "entities": {k: dict(v) for k, v in sorted(self.entities.items())},
            "links": {k: dict(v) for k, v in sorted(self.links.items())},
            "findings": dict(self.findings),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "rejected_rows": self.rejected_rows,
        }

"""Turn raw tables into entities and links, reporting every problem by file, row and column.

Over 400 lines on purpose: every validation rule and its message, in the order rows are checked, reads best in
one place; the rules' pure helpers live in `loaders.normalise`, `loaders.dates` and `loaders.fixes`.

Pure: the database's existing entities come in as plain dicts, so that
connections can name entities loaded earlier and element rows without an ID
resolve to them (`loaders.identity`); rows that describe one entity or link
are merged without losing a note (`loaders.combine`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from graph.collection import collector_held
from graph.dates import EARLIEST, LATEST
from graph.direction import End, direction_warning
from graph.model import BOOKKEEPING
from graph.settings import fy_start, today
from graph.vocabulary import KINDS, Vocabulary, country_name, fold
from loaders import fixes
from loaders.columns import TableTidier
from loaders.combine import merge_props as merge_props  # re-exported: the database side merges the same way
from loaders.combine import merge_rows
from loaders.cycles import part_of_cycles
from loaders.dates import DateError, read_date
from loaders.findings import KINDS as FINDING_KINDS
from loaders.findings import TEXT, finding_id, finding_kind
from loaders.identity import Index, endpoint, likely_duplicate, resolve
from loaders.model import FREE, IGNORE, ColumnMapping, EntityRow, FindingRow, LinkRow, Problem, Table, headers_key
from loaders.normalise import clean, slug, split_list
from loaders.read import EXTRA_CELLS, MAX_CELL

COLUMNS = {
    "elements": {
        "id": ["id", "identifier", "key", "_id", "element id"],
        "name": ["label", "name", "title", "organisation", "organization", "entity"],
        "type": ["type", "kind", "element type", "category"],
        "aliases": ["aliases", "alias", "also known as", "aka", "other names", "acronym", "abbreviation"],
        "country": ["country", "country code", "iso3", "home country"],
        "region": ["region"],
        "description": ["description", "summary", "about"],
        "tags": ["tags", "tag", "keywords"],
        "themes": ["themes", "theme", "line of effort", "lines of effort"],
        "priority": ["priority"],
        "date": ["date", "engagement date", "when"],
        "engagement_kind": ["engagement kind", "engagement type", "format"],
        "sources": ["sources", "source", "url", "urls", "link", "links", "reference", "references", "source url"],
    },
    "connections": {
        "from": ["from", "from id", "from label", "source id"],
        "to": ["to", "to id", "to label", "target id"],
        "type": ["type", "connection type", "relationship", "relation", "kind", "relationship type"],
        "since": ["since", "start", "start date", "from date", "began", "joined", "date"],
        "until": ["until", "end", "end date", "to date", "ended"],
        "role": ["role"],
        "amount": ["amount", "value", "funding"],
        "currency": ["currency"],
        "confidence": ["confidence"],
        "notes": ["notes", "note", "comment", "comments", "description"],
        "sources": ["sources", "source", "url", "urls", "link", "links", "reference", "references", "source url"],
    },
    "findings": {
        "id": ["finding id", "id"],
        "about": ["entity", "about", "country", "organisation", "organization", "partner", "stakeholder", "name"],
        "kind": ["kind", "finding kind", "type", "risk or opportunity", "category"],
        "theme": ["theme", "line of effort", "area", "topic"],
        "level": ["level", "rating", "severity", "priority"],
        "text": ["finding", "text", "statement", "assessment", "description", "detail"],
        "date": ["date", "as at", "assessed", "assessed on"],
        "closed": ["closed", "closed on", "resolved", "resolved on", "until"],
        "sources": ["sources", "source", "url", "urls", "link", "links", "reference", "references", "source url"],
    },
}
REQUIRED = {"elements": ["name"], "connections": ["from", "to"], "findings": ["about", "kind", "text"]}
LIST_FIELDS = {"aliases", "tags", "sources", "themes"}
RESERVED = BOOKKEEPING | {"id", "title", "summary", "kind"}  # a free column of that name is kept as x_NAME
LEVELS = {
    "h": "high",
    "high": "high",
    "1": "high",
    "m": "medium",
    "med": "medium",
    "medium": "medium",
    "2": "medium",
    "l": "low",
    "low": "low",
    "3": "low",
}
VOCABULARY_HINT = "or map the wording in the team vocabulary (on the Load page, or python -m loaders vocabulary --add)"
COUNTRY_HINT = "or add the name to the vocabulary (SGE_VOCABULARY)"
MAPPING_HINT = "map the columns on the Load page, or load with --mapping FILE"
# Characters in a cell that names an entity or a link (its name, ID, type, From, To): they go into indexes whose
# entries Neo4j caps at 8 kB, and a link's key holds three of them, at up to 4 bytes a character.
MAX_NAME = 500
NAMING = {"id", "name", "type", "from", "to"}
_AMOUNT = re.compile(r"[A-Za-z]{0,3}\s*[$€£]?\s*(-?\d+(?:\.\d+)?)\s*[A-Za-z]{0,3}")  # "AUD $1,200", "€3.5m", "1200 NZD"
REJECTS_PROBLEM = "problem"  # the last column of a rejects file (`loaders.pipeline.write_rejects`): not loaded


@dataclass
class Validated:
    """Entities and links ready to write, the problems found, and the rows rejected."""

    entities: list[EntityRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected: list[tuple[str, int, dict, str]] = field(default_factory=list)  # file, row, cells, why


def column_map(table: Table, mapping: ColumnMapping | None = None) -> tuple[dict[str, str], list[str]]:
    """Map canonical field -> header as written, and list the free columns.

    An explicit `mapping` (a user's, `loaders.model.ColumnMapping`) decides for every header it names, and its
    role for the table; the other headers are recognised by their wording (`COLUMNS`).  Headers mapped to
    `IGNORE`, and a rejects file's last column ``Problem``, are in neither.
    """
    role = mapping.role if mapping else table.role
    known = COLUMNS[role]
    by_word = {word: name for name, words in known.items() for word in words}
    fields, free = {}, []
    for i, header in enumerate(table.headers):
        name = mapping.field(header) if mapping else None
        if name is None:
            last = i == len(table.headers) - 1
            name = IGNORE if last and i and fold(header) == REJECTS_PROBLEM else by_word.get(fold(header))
        if name == IGNORE:
            continue
        if name and name != FREE and name in known and name not in fields:
            fields[name] = header
        else:
            free.append(header)
    return fields, free


def same_meaning(table: Table, mapping: ColumnMapping | None = None) -> list[tuple[str, str, str]]:
    """``(field, first header, second header)`` for two columns that mean one field (``Label`` and ``Name``,
    ``URL`` and ``Sources``): one would silently overwrite the other or be stored as text beside it.  With a
    `mapping`, a header it reads as a free column still clashes when its wording names a field another header is
    read as; one it does not load (`IGNORE`) or reads as another field does not."""
    role = mapping.role if mapping else table.role
    by_word = {word: name for name, words in COLUMNS[role].items() for word in words}
    first: dict[str, str] = {}
    clashes = []
    for header in table.headers:
        name = mapping.field(header) if mapping else None
        if name is None or name == FREE:
            # A mapping's free column worded as a field (the Load page prefills a second "Name" so) clashes too.
            name = by_word.get(fold(header))
        if not name or name == IGNORE:
            continue
        if name in first:
            clashes.append((name, first[name], header))
        else:
            first[name] = header
    return clashes


def _free_props(cells: dict, free: list[str], role: str) -> dict:
    """The free columns' values by property name; one named as bookkeeping or as a field of `role` (a second
    ``Name`` column kept free) is ``x_NAME``, so it never overwrites them."""
    if not free:
        return {}
    taken = RESERVED | set(COLUMNS[role])
    props = {}
    for header in free:
        value = clean(cells.get(header))
        key = slug(header).replace("-", "_") or "column"
        if value:
            props[("x_" + key) if key in taken or key[0].isdigit() else key] = value
    return props


class _Validator:
    def __init__(
        self,
        vocab: Vocabulary,
        known: list[dict],
        month_first: bool,
        mappings: Mapping[str, ColumnMapping],
        change_kinds: bool = False,
    ):
        self.vocab, self.month_first, self.mappings = vocab, month_first, mappings
        self.country = cache(vocab.country)  # asked for every endpoint cell of every link: a miss scans pycountry
        self.fits = cache(vocab.fits)  # asked for every link: a few types and kinds
        # A large load repeats its types, levels and amounts row after row: each text is read once.
        self.relationship = cache(self._relationship)
        self.confidence = cache(self._confidence)
        self.amount = cache(self._amount)
        self.country_codes = vocab.country_codes()
        self.roles: dict[int, str] = {}  # id of a table -> its role (its header key is folded JSON: asked per row)
        self.change_kinds = change_kinds
        self.stored = {k["id"]: (k["kind"], k.get("name") or k["id"]) for k in known if k.get("kind")}
        self.clashed: dict[str, tuple[str, int]] = {}  # ids of rows refused for their kind -> (file, row)
        self.out = Validated()
        self.entities: dict[str, EntityRow] = {}
        self.findings: dict[str, FindingRow] = {}
        self.known = known
        self.known_ids = {k["id"] for k in known}
        self.bad_rows: set[tuple[str, int | None]] = set()
        self.fy_start = fy_start()  # a bad SGE_FY_START stops every load (graph.settings.SettingError)
        self.shared: dict[tuple[int, tuple[str, ...]], dict[str, str]] = {}  # `columns_of`
        self.tidied: dict[tuple[str, int], dict] = {}  # the cells of rows that tidying changed, for rejected rows
        self.dates: dict[tuple[str, bool], tuple[str | None, list[Problem]]] = {}  # (text, end) -> `read_date`
        self.countries: list[tuple[str, int, str | None, str, str]] = []  # cells read as a country, for fixes
        self.identities = Index(known)  # the database's entities, then this load's, for rows without an ID
        self.pending: list[tuple[EntityRow, Table, int, str]] = []  # rows without an ID, resolved after the rest
        self.written_as: list[tuple[str, str]] = []  # (name as a resolved row wrote it, the id it resolved to)
        self.rejected_names: dict[str, tuple[str, int]] = {}  # folded name, id or alias of a rejected element row

    def role(self, table: Table) -> str:
        """What `table` holds: its column mapping's role if it has one, else what its headers said."""
        if id(table) not in self.roles:
            mapping = self.mappings.get(headers_key(table.headers))
            self.roles[id(table)] = mapping.role if mapping else table.role
        return self.roles[id(table)]

    def problem(self, level, table, row, column, message, *, knock_on=False):
        self.out.problems.append(Problem(level, table.source, row, column, message, knock_on=knock_on))
        if level == "error":
            self.bad_rows.add((table.source, row))

    def merged(self, table, number, earlier, row, before: str, after: str = "") -> None:
        """Fold `row` into `earlier` (`loaders.combine.merge_rows`) and warn so: `before` and `after` go either side
        of where the earlier row is, and the values the row replaced follow."""
        replaced = merge_rows(earlier, row)
        where = f"{earlier.origin[0]} row {earlier.origin[1]}"
        message = f"{before} {where}{after}; merged" + "".join(f"; {r}" for r in replaced)
        self.problem("warning", table, number, None, message)

    def fixed(self, *found: Problem | None) -> None:
        """Note fixes made on the way (None: nothing to note)."""
        self.out.problems += [f for f in found if f]

    def country_cell(self, table, row, column, written, iso3) -> None:
        self.countries.append((table.source, row, column, written, iso3))

    def date(self, table, row, header, value, *, end: bool = False) -> str | None:
        """A date cell as a partial ISO date: a period's end if `end` (an ``until``), else its start."""
        text = isinstance(value, str)
        found = self.dates.get((value, end)) if text else None  # a load repeats its dates: each text read once
        if found is None:
            found = self.read_date(value, end)
            if text:
                self.dates[value, end] = found
        iso, notes = found
        for note in notes:
            self.noted(note, table, row, header)
        return iso

    def read_date(self, value, end: bool) -> tuple[str | None, list[Problem]]:
        """What `date` answers for a cell: the partial ISO date (None: blank or not a date) and its problems
        without a place (see `noted`)."""
        try:
            found = read_date(value, month_first=self.month_first, fy_start=self.fy_start)
        except DateError as exc:
            return None, [Problem("error", "", None, None, f"bad date {clean(value)!r}: {exc}")]
        if found is None:
            return None, []
        iso, written = (found.end if end else found.start), clean(value)
        notes = []
        if found.ambiguous:
            order = "month first" if self.month_first else "day first (choose month first for US dates)"
            message = f"ambiguous date {written!r} read {order} as {iso}"
            notes.append(fixes.fix("ambiguous", "", None, None, message, f"{written!r} → {iso} ({found.how})"))
        elif found.period:
            message = f"{written!r} read as the {found.how}; {iso} kept, its {'end' if end else 'start'}"
            notes.append(fixes.fix("period", "", None, None, message, f"{written!r} → {found.how}"))
        elif found.how:
            message = f"date {written!r} read as {iso} ({found.how})"
            notes.append(fixes.fix("date", "", None, None, message, f"{written!r} → {iso} ({found.how})"))
        if not EARLIEST.year <= int(iso[:4]) <= LATEST.year:
            message = f"date {written!r} is before {EARLIEST.year} or after {LATEST.year}: loaded, but check it"
            notes.append(Problem("warning", "", None, None, message))
        return iso, notes

    def level(self, table, number, mapping, get, field) -> str | None:
        """The high, medium or low that cell `field` says (a fix noted when written otherwise), or None with a
        warning that it was left blank."""
        level = LEVELS.get(fold(get[field]))
        if level:
            self.fixed(fixes.level(table.source, number, mapping[field], get[field], level))
        else:
            message = f"{field} {get[field]!r} is not high, medium or low; left blank"
            self.problem("warning", table, number, mapping[field], message)
        return level

    def rows(self, table: Table):
        """Rows with exact duplicates collapsed, checking required columns first."""
        role = self.role(table)
        mapping, free = column_map(table, self.mappings.get(headers_key(table.headers)))
        missing = [name for name in REQUIRED[role] if name not in mapping]
        if role == "elements" and "type" not in mapping and not table.kind_hint:
            missing.append("type")
        if missing:
            wanted = ", ".join(COLUMNS[role][m][0].title() for m in missing)
            headers = ", ".join(table.headers)
            message = f"missing required column {wanted} (headers: {headers}); {MAPPING_HINT}"
            self.problem("error", table, 1, None, message)
            self.bad_rows.update((table.source, number) for number, _ in table.rows)
            return
        clashes = same_meaning(table, self.mappings.get(headers_key(table.headers)))
        for meaning, one, other in clashes:
            message = (
                f"columns {one!r} and {other!r} are both read as {COLUMNS[role][meaning][0].title()}: keep one of "
                f"them, or {MAPPING_HINT} to read one as another field or not load it"
            )
            self.problem("error", table, 1, other, message)
        if clashes:
            self.bad_rows.update((table.source, number) for number, _ in table.rows)
            return
        seen: dict[tuple, int] = {}
        tidier = TableTidier({h: name for name, h in mapping.items()}, MAX_CELL)
        names, asked = list(mapping), list(mapping.values())
        naming = [h for f, h in mapping.items() if f in NAMING]
        for row in tidier.rows(table.rows, table.headers, asked, EXTRA_CELLS):
            number, raw = row.number, row.raw
            if row.signature in seen:
                message = f"exact duplicate of row {seen[row.signature]}; collapsed"
                self.fixed(fixes.fix("duplicate", table.source, number, None, message))
                continue
            seen[row.signature] = number
            too_long = {h: f"{len(raw[h]):,} characters: at most {MAX_CELL:,} a cell" for h in row.too_long}
            for header in naming:  # what names an entity or link is indexed: 8 kB at most
                value = raw.get(header)
                if isinstance(value, str) and len(value) <= MAX_NAME:  # cleaning only shortens text
                    continue
                if header not in too_long and len(text := clean(value)) > MAX_NAME:
                    too_long[header] = f"{len(text):,} characters: a name, ID or type holds at most {MAX_NAME:,}"
            if too_long:
                for header, message in too_long.items():
                    self.problem("error", table, number, header, message)
                continue
            if EXTRA_CELLS in raw:
                self.problem(
                    "warning",
                    table,
                    number,
                    None,
                    f"{len(raw[EXTRA_CELLS])} cell(s) in columns without a header were not loaded: "
                    + ", ".join(repr(clean(v)) for v in raw[EXTRA_CELLS][:3]),
                )
            if row.cells is not raw:
                self.tidied[table.source, number] = row.cells
            if row.fixes:
                self.out.problems += [fixes.fix(code, table.source, number, h, m, c) for h, code, m, c in row.fixes]
            yield number, row.cells, dict(zip(names, row.read, strict=True)), mapping, free

    # -- elements -------------------------------------------------------------------------
    def element(self, table, number, cells, get, mapping, free):
        name = get.get("name", "")
        if not name:
            self.problem("error", table, number, mapping["name"], "name is blank")
            return
        wording = get.get("type") or ""
        kind = self.vocab.kind(wording) if wording else table.kind_hint
        if kind is None:
            column = mapping.get("type")
            message = f"unknown kind {wording!r}; use one of {', '.join(KINDS)}, {VOCABULARY_HINT}"
            self.problem("error", table, number, column, message if wording else "type is blank")
            for text in [name, get.get("id") or "", *split_list(cells.get(mapping.get("aliases", "")))]:
                self.rejected_names.setdefault(fold(text), (table.source, number))
            return
        if wording:
            self.fixed(fixes.wording(self.vocab, table.source, number, mapping.get("type"), wording, "kind"))
        props: dict[str, Any] = {"name": name}
        for key in ("description", "region"):
            if get.get(key):
                props[key] = get[key]
        for key in LIST_FIELDS:
            if key in mapping:
                props[key] = split_list(cells.get(mapping[key]))
        if get.get("priority") and (level := self.level(table, number, mapping, get, "priority")):
            props["priority"] = level
        entity_id = get.get("id") or ""
        if kind == "Country":
            iso3 = self.country(entity_id) or self.country(name)
            if iso3:
                column, written = ("id", entity_id) if self.country(entity_id) else ("name", name)
                self.country_cell(table, number, mapping[column], written, iso3)
                entity_id = iso3
            elif not entity_id:
                entity_id = slug(name)
                self.problem(
                    "warning",
                    table,
                    number,
                    mapping["name"],
                    f"{name!r} is not a known country name; id {entity_id!r} used, {COUNTRY_HINT}",
                )
        elif get.get("country"):
            iso3 = self.country(get["country"])
            if iso3:
                props["country"] = iso3
                self.country_cell(table, number, mapping["country"], get["country"], iso3)
            else:
                props["country_as_written"] = get["country"]
                self.problem(
                    "warning",
                    table,
                    number,
                    mapping["country"],
                    f"unknown country {get['country']!r}; kept as written, {COUNTRY_HINT}",
                )
        if kind == "Engagement":
            props["title"], props["summary"] = name, props.get("description", "")
            if "date" in mapping and (iso := self.date(table, number, mapping["date"], cells.get(mapping["date"]))):
                props["date"] = iso
            props["kind"] = get.get("engagement_kind") or (
                fold(wording) if wording and fold(wording) != "engagement" else ""
            )
        elif "date" in mapping and get.get("date"):
            props["date"] = self.date(table, number, mapping["date"], cells.get(mapping["date"]))
        props.update(_free_props(cells, free, self.role(table)))
        given = bool(entity_id)
        entity_id = entity_id or slug(name)
        if not entity_id:
            self.problem("error", table, number, mapping["name"], f"cannot make an id from {name!r}; add an ID column")
            return
        props = {k: v for k, v in props.items() if v not in ("", None)}
        columns = self.columns_of(table, mapping, ("name", "description"))
        row = EntityRow(entity_id, kind, props, (table.source, number), columns=columns)
        if not given:
            self.pending.append((row, table, number, mapping["name"]))
            return
        if entity_id not in self.identities.kinds and (merged := self.identities.merged.get(entity_id)):
            self.problem("warning", table, number, mapping.get("id"), f"{merged}; this row updates {merged.keep}")
            self.written_as.append((name, merged.keep))
            row.id, row.props["name"] = merged.keep, self.identities.names[merged.keep]
        if entity_id not in self.identities.kinds and (twins := self.identities.duplicates(entity_id, name, kind)):
            self.problem("warning", table, number, mapping["name"], likely_duplicate(twins))
        self.add_entity(row, table, number)

    def resolve_rows(self):
        """Rows without an ID, in order, once every row with an ID is known: each is a known entity or a new one."""
        for row, table, number, column in self.pending:
            outcome = resolve(self.identities, row.props["name"], row.kind, row.id, self.entities)
            if outcome.level:
                self.problem(outcome.level, table, number, column, outcome.message)
            if outcome.id is None:
                continue
            if (outcome.id, outcome.name) != (row.id, row.props["name"]):
                self.written_as.append((row.props["name"], outcome.id))
            row.id, row.props["name"] = outcome.id, outcome.name
            self.add_entity(row, table, number)

    def kind_change(self, row: EntityRow, table, number) -> bool:
        """Whether `row` may have its kind: an entity of the graph changes kind only when the load says it may
        (`change_kinds`) and never to or from Country (an ID clash would turn a country and its links into
        something else); reported either way."""
        stored, name = self.stored.get(row.id, (row.kind, ""))
        if stored == row.kind:
            return True
        column = None
        if "Country" in (stored, row.kind):
            why = "a country's ID cannot be another kind's, nor another kind's a country's"
        elif not self.change_kinds:
            why = (
                "a load changes an entity's kind only when told to (python -m loaders load --change-kinds, or "
                "'Rows may change an entity's kind' on the Load page)"
            )
        else:
            message = f"the kind of {name} ({row.id}) changes from {stored} to {row.kind}; its links stay"
            self.problem("warning", table, number, column, message)
            return True
        message = (
            f"{row.id!r} is {name}, a {stored} in the graph; this row would make it a {row.kind}: {why}. "
            "Give the row its own ID if it is another organisation"
        )
        self.problem("error", table, number, column, message)
        self.clashed[row.id] = (table.source, number)  # this file's links to it are not the graph's entity's
        return False

    def add_entity(self, row: EntityRow, table, number):
        if not self.kind_change(row, table, number):
            return
        earlier = self.entities.get(row.id)
        if earlier is None:
            self.entities[row.id] = row
            self.identities.add(row.id, row.props["name"], row.props.get("aliases", []), row.kind)
            return
        if earlier.kind != row.kind:
            self.problem(
                "error",
                table,
                number,
                None,
                f"id {row.id!r} is a {row.kind} here but a {earlier.kind} at "
                f"{earlier.origin[0]} row {earlier.origin[1]}",
            )
            return
        self.merged(table, number, earlier, row, f"{row.props['name']!r} also appears at")
        self.identities.add(earlier.id, earlier.props["name"], earlier.props.get("aliases", []), earlier.kind)

    # -- connections ----------------------------------------------------------------------
    def index(self):
        """The names that element rows of this load wrote and that resolved to another entity, for endpoints."""
        self.names: dict[str, set[str]] = {}
        # text -> (`endpoint`'s answer, whether the text is read as that country)
        self.endpoints: dict[str, tuple[str | None, list[tuple[str, str, bool]], bool]] = {}
        for name, entity_id in self.written_as:
            self.names.setdefault(name, set()).add(entity_id)

    def resolve(self, table, number, column, text) -> str | None:
        """An endpoint as element rows without an ID resolve (`loaders.identity.endpoint`), else a country; a
        cell read as a country is noted for `loaders.fixes.country_spellings`.

        Worked out once per text (a large load names each entity in many rows) and again after a country is
        added, the one thing that changes what a text resolves to once the element rows are read.
        """
        found = self.endpoints.get(text)
        if found is None:
            entity_id, notes = self.endpoint(table, number, text)
            # Only an ISO3 code can be what a text names as a country (asking costs a pycountry scan when not).
            as_country = entity_id in self.country_codes and entity_id == self.country(text)
            found = self.endpoints[text] = (entity_id, notes, as_country)
        entity_id, notes, as_country = found
        for level, message, knock_on in notes:
            self.problem(level, table, number, column, message, knock_on=knock_on)
        if as_country:
            self.country_cell(table, number, column, text, entity_id)
        return entity_id

    def endpoint(self, table, number, text) -> tuple[str | None, list[tuple[str, str, bool]]]:
        """What `resolve` answers for `text`: the id (or None), and its problems as ``(level, message, knock_on)``."""
        notes: list[tuple[str, str, bool]] = []
        outcome = endpoint(self.identities, text, self.entities)
        spelled = outcome.level == "warning" and outcome.id == self.country(text)  # a country, as it is known
        if outcome.level and not spelled:
            notes.append((outcome.level, outcome.message, False))
        if outcome.id or outcome.level == "error":
            return outcome.id, notes
        if len(written := self.names.get(text, set())) == 1:  # as an element row wrote it: reported there
            return next(iter(written)), notes
        if iso3 := self.country(text):
            if iso3 not in self.identities.kinds:
                self.entities[iso3] = EntityRow(
                    iso3,
                    "Country",
                    {"name": country_name(iso3), "sources": ["ISO 3166-1 (country list)"]},
                    (table.source, number),
                )
                self.identities.add(iso3, country_name(iso3), [], "Country")
                self.endpoints.clear()
            return iso3, notes
        if rejected := self.rejected_names.get(fold(text)):
            because = f"because row {rejected[1]} of {rejected[0]} was rejected"
            return None, [*notes, ("error", f"{text!r} is not loaded {because}", True)]
        display = {fold(e.props["name"]): e.id for e in self.entities.values()}
        display.update({fold(k["name"]): k["id"] for k in self.known if k.get("name")})
        names = {fold(e.props["name"]): e.props["name"] for e in self.entities.values()}
        names.update({fold(k["name"]): k["name"] for k in self.known if k.get("name")})
        close = difflib.get_close_matches(fold(text), list(display), n=3, cutoff=0.75)
        hint = "; did you mean " + " or ".join(f"{names[c]!r} (id {display[c]})" for c in close) + "?" if close else ""
        return None, [*notes, ("error", f"no entity named {text!r}{hint}", False)]

    def columns_of(self, table: Table, mapping: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
        """The headers of `fields` in `table`, one dict for all its rows (a million links: `loaders.combine` makes
        a merged row its own)."""
        key = (id(table), fields)
        if key not in self.shared:
            self.shared[key] = {f: mapping[f] for f in fields if f in mapping}
        return self.shared[key]

    def noted(self, note: Problem | None, table, number, column) -> None:
        """Report `note`, a problem worked out once for a cell's text, at this row and column (None: nothing)."""
        if note:
            self.out.problems.append(replace(note, file=table.source, row=number, column=column))
            if note.level == "error":
                self.bad_rows.add((table.source, number))

    def _relationship(self, wording: str) -> tuple[str, bool, str, Problem | None]:
        """``(TYPE, read backwards, kind, problem)`` for a Type cell: ``kind`` is the wording a RELATED_TO keeps, the
        problem is the fix or the warning it gets (without a place: see `noted`)."""
        found = self.vocab.relationship(wording) if wording else None
        if found is None:
            message = (
                f"unknown relationship {wording!r}; kept as RELATED_TO, {VOCABULARY_HINT}"
                if wording
                else "relationship type is blank; kept as RELATED_TO"
            )
            return "RELATED_TO", False, fold(wording), Problem("warning", "", None, None, message)
        rel_type, backwards = found
        kind = fold(wording) if rel_type == "RELATED_TO" and wording else ""
        return rel_type, backwards, kind, fixes.wording(self.vocab, "", 0, None, wording, "relationship")

    def _confidence(self, written: str) -> tuple[str, Problem | None]:
        """A Confidence cell as high, medium or low where it says one (else as written), and the fix if any."""
        read = LEVELS.get(fold(written), written)
        return read, fixes.level("", 0, "", written, read)

    def _amount(self, written: str) -> tuple[float | str, Problem | None]:
        """An Amount cell as a number and its fix, or as written (not a number) and the warning."""
        number_text = _AMOUNT.fullmatch(written.replace(",", ""))
        if number_text:
            value = float(number_text[1])
            return value, fixes.amount("", 0, "", written, value)
        return written, Problem("warning", "", None, None, f"amount {written!r} is not a number")

    def connection(self, table, number, cells, get, mapping, free):
        ends = []
        for end in ("from", "to"):
            if not get.get(end):
                self.problem("error", table, number, mapping[end], f"{end.title()} is blank")
            else:
                ends.append(self.resolve(table, number, mapping[end], get[end]))
        wording = get.get("type", "")
        rel_type, backwards, kind, note = self.relationship(wording)
        props: dict = {"kind": kind} if kind else {}
        self.noted(note, table, number, mapping.get("type"))
        if backwards:
            ends.reverse()
        for key in ("since", "until"):
            if get.get(key):
                props[key] = self.date(table, number, mapping[key], cells.get(mapping[key]), end=key == "until")
        since, until = props.get("since"), props.get("until")
        if since and until and until < since[: len(until)]:
            self.problem("error", table, number, mapping["until"], f"ends ({until}) before it starts ({since})")
        for key in ("role", "currency", "notes"):
            if get.get(key):
                props[key] = get[key]
        if get.get("confidence"):
            props["confidence"], note = self.confidence(get["confidence"])
            self.noted(note, table, number, mapping["confidence"])
        if get.get("amount"):
            amount, note = self.amount(get["amount"])
            props["amount" if isinstance(amount, float) else "amount_as_written"] = amount
            self.noted(note, table, number, mapping["amount"])
        if "sources" in mapping:
            props["sources"] = split_list(cells.get(mapping["sources"]))
        props.update(_free_props(cells, free, self.role(table)))
        props = {k: v for k, v in props.items() if v not in ("", None)}
        resolved = [end for end in ends if end is not None]
        if len(resolved) == 2 and (table.source, number) not in self.bad_rows:
            columns = self.columns_of(table, mapping, ("notes",))
            link = LinkRow(rel_type, resolved[0], resolved[1], props, (table.source, number), columns=columns)
            self.out.links.append(link)
            kinds = self.identities.kinds
            if not self.fits(rel_type, kinds.get(resolved[0]), kinds.get(resolved[1])):
                source, target = (End(self.identities.names.get(i, i), kinds.get(i)) for i in resolved)
                if message := direction_warning(self.vocab, rel_type, source, target):
                    self.problem("warning", table, number, mapping.get("type"), message)
            if resolved[0] == resolved[1]:  # loaded as written, but nearly always a slip of the From or To cell
                name = self.identities.names.get(resolved[0], resolved[0])
                self.problem("warning", table, number, mapping["to"], f"links {name} to itself; check From and To")

    # -- findings -------------------------------------------------------------------------
    def finding(self, table, number, cells, get, mapping, free):
        """A risk or opportunity about the entity its row names (`loaders.findings`)."""
        about = None
        for name in ("about", "kind", "text"):
            if not get.get(name):
                self.problem("error", table, number, mapping[name], f"{COLUMNS['findings'][name][0]} is blank")
        if get.get("about"):
            about = self.resolve(table, number, mapping["about"], get["about"])
        kind = finding_kind(get.get("kind", ""))
        if get.get("kind") and kind is None:
            message = f"kind {get['kind']!r} is not a finding's kind: use {' or '.join(FINDING_KINDS)}"
            self.problem("error", table, number, mapping["kind"], message)
        elif kind and get["kind"] != kind:
            message, change = f"kind {get['kind']!r} read as {kind}", f"{get['kind']!r} → {kind}"
            self.fixed(fixes.fix("wording", table.source, number, mapping["kind"], message, change))
        props: dict[str, Any] = {"kind": kind, TEXT: get.get("text", ""), "theme": get.get("theme", "")}
        if get.get("level") and (level := self.level(table, number, mapping, get, "level")):
            props["level"] = level
        if "date" in mapping and get.get("date"):
            props["date"] = self.date(table, number, mapping["date"], cells.get(mapping["date"]))
        if "closed" in mapping and get.get("closed"):
            props["closed"] = self.date(table, number, mapping["closed"], cells.get(mapping["closed"]), end=True)
            if props.get("date") and props["closed"] and props["closed"] < props["date"][: len(props["closed"])]:
                message = f"closed ({props['closed']}) before it was assessed ({props['date']})"
                self.problem("error", table, number, mapping["closed"], message)
        if "sources" in mapping:
            props["sources"] = split_list(cells.get(mapping["sources"]))
        props.update(_free_props(cells, free, self.role(table)))
        props = {k: v for k, v in props.items() if v not in ("", None)}
        if about is None or kind is None or (table.source, number) in self.bad_rows:
            return
        row_id = get.get("id") or finding_id(about, kind, get.get("theme", ""), get["text"])
        columns = {TEXT: mapping["text"]}
        row = FindingRow(row_id, about, props, (table.source, number), columns=columns)
        earlier = self.findings.get(row_id)
        if earlier is None:
            self.findings[row_id] = row
            return
        if earlier.about != row.about:
            where = f"{earlier.origin[0]} row {earlier.origin[1]}"
            message = f"finding id {row_id!r} is about {earlier.about} at {where} but about {about} here"
            self.problem("error", table, number, mapping.get("id"), message)
            return
        if fold(row.props.get("theme", "")) == fold(earlier.props.get("theme", "")):  # one theme, written as first
            row.props["theme"] = earlier.props.get("theme", "")
        self.merged(table, number, earlier, row, "same finding as", " (same entity, kind and theme)")


@collector_held()  # millions of small objects and no cycles (`graph.collection`)
def validate(
    tables: list[Table],
    vocab: Vocabulary,
    known: Sequence[dict] = (),
    *,
    month_first=False,
    mappings: Mapping[str, ColumnMapping] | None = None,
    change_kinds: bool = False,
) -> Validated:
    """Normalise and check `tables`.

    Parameters
    ----------
    tables : list of Table
        Classified tables of one load.
    vocab : Vocabulary
        Kind and relationship wording.
    known : list of dict
        Entities already in the database (``id``, ``name``, ``aliases``, ``kind``).
    month_first : bool
        Read ambiguous numeric dates month first.
    mappings : dict, optional
        Column mappings by header set (`loaders.model.headers_key`): the role and fields of every table with
        those headers (`column_map`); the pipeline passes the user's and the ones stored in the graph.
    change_kinds : bool
        Let a row change the kind of an entity the graph holds (never to or from Country); otherwise such a row
        is an error that names both kinds.

    Returns
    -------
    Validated
        Entities and links from the rows without errors, every problem (the fixes
        made on the way among the warnings: `loaders.fixes`; part-of cycles among the load's own links:
        `loaders.cycles`), and the rejected rows
        (links to a rejected entity are rejected too, with a knock-on error naming the rejected row).

    Raises
    ------
    graph.settings.SettingError
        When ``SGE_FY_START`` cannot be read.
    """
    v = _Validator(vocab, list(known), month_first, mappings or {}, change_kinds)
    for table in [t for t in tables if v.role(t) == "elements"]:
        for number, cells, get, mapping, free in v.rows(table):
            v.element(table, number, cells, get, mapping, free)
    v.resolve_rows()
    v.index()
    for table in [t for t in tables if v.role(t) == "connections"]:
        for number, cells, get, mapping, free in v.rows(table):
            v.connection(table, number, cells, get, mapping, free)
    for table in [t for t in tables if v.role(t) == "findings"]:
        for number, cells, get, mapping, free in v.rows(table):
            v.finding(table, number, cells, get, mapping, free)
    v.out.problems += fixes.country_spellings(v.countries)
    entities = [e for e in v.entities.values() if e.origin not in v.bad_rows]
    good_ids = {e.id for e in entities} | v.known_ids
    for link in v.out.links:
        for end in (link.source, link.target):
            if end in v.clashed or end not in good_ids:
                file, row = v.clashed.get(end) or v.entities[end].origin
                message = f"links to {end!r}, not loaded because row {row} of {file} was rejected"
                v.out.problems.append(Problem("error", link.origin[0], link.origin[1], None, message, knock_on=True))
                v.bad_rows.add(link.origin)
    for finding in v.findings.values():
        if finding.about in v.clashed or finding.about not in good_ids:
            file, row = v.clashed.get(finding.about) or v.entities[finding.about].origin
            message = f"is about {finding.about!r}, not loaded because row {row} of {file} was rejected"
            v.out.problems.append(Problem("error", *finding.origin, None, message, knock_on=True))
            v.bad_rows.add(finding.origin)
    v.out.entities = entities
    v.out.findings = [f for f in v.findings.values() if f.origin not in v.bad_rows]
    v.out.links = _merge_links([link for link in v.out.links if link.origin not in v.bad_rows], v.out.problems)
    v.out.problems += part_of_cycles(v.out.links, v.identities.names, today())
    for table in tables:
        for number, cells in table.rows:
            if (table.source, number) in v.bad_rows:
                why = "; ".join(
                    p.message
                    for p in v.out.problems
                    if p.level == "error" and p.file == table.source and p.row == number
                )
                v.out.rejected.append((table.source, number, v.tidied.get((table.source, number), cells), why))
    return v.out


def _merge_links(links: list[LinkRow], problems: list[Problem]) -> list[LinkRow]:
    by_key: dict[str, LinkRow] = {}
    for link in links:
        earlier = by_key.get(link.key)
        if earlier is None:
            by_key[link.key] = link
            continue
        replaced = merge_rows(earlier, link)
        problems.append(
            Problem(
                "warning",
                link.origin[0],
                link.origin[1],
                None,
                f"same {link.type} link as {earlier.origin[0]} row {earlier.origin[1]}; merged"
                + "".join(f"; {r}" for r in replaced),
            )
        )
    return list(by_key.values())

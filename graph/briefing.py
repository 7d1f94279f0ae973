"""A briefing pack as plain data: summary, key facts, tables and numbered source notes (pure).

`queries.briefing` reads the rows from the graph and the analyses; `build_brief`
turns them into a `Brief`, and ``render/briefing_*`` write a Brief as Markdown,
DOCX or PDF.  Every statement and table row carries the numbers of the source
notes it rests on; a note names the sources and the load (file, row, load id
and time) a fact came from, or the analysis a finding was derived by.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph.dates import active
from graph.model import undirected

KIND_WORDS = {
    "Agency": "government agency",
    "NGO": "non-government organisation",
    "Company": "company",
    "InternationalOrganisation": "international organisation",
    "Forum": "forum",
    "Program": "program",
    "Country": "country or territory",
    "Agreement": "agreement",
    "Engagement": "engagement",
}
KIND_PLURALS = {
    "Agency": "government agencies",
    "NGO": "non-government organisations",
    "Company": "companies",
    "InternationalOrganisation": "international organisations",
    "Country": "countries or territories",
}
#: How a link reads from its source (out) and from its target (in).
WORDING = {
    "MEMBER_OF": ("member of", "has member"),
    "PARTY_TO": ("party to", "has party"),
    "PARTNERS_WITH": ("partners with", "partners with"),
    "FUNDS": ("funds", "funded by"),
    "PART_OF": ("part of", "has unit"),
    "LEADS": ("leads", "led by"),
    "OPERATES_IN": ("operates in", "hosts work of"),
    "BASED_IN": ("based in", "hosts the base of"),
    "CHAIRS": ("chairs", "chaired by"),
    "SECRETARIAT_FOR": ("secretariat for", "secretariat run by"),
    "PARTICIPATED_IN": ("participated in", "had participant"),
    "RELATED_TO": ("related to", "related to"),
}
IDENTITY = (
    ("country", "Country"),
    ("region", "Region"),
    ("aliases", "Aliases"),
    ("description", "Description"),
    ("tags", "Tags"),
    ("priority", "Priority"),
)
EXPECTED = ("country", "region", "description", "priority")  # said to be missing when blank
RECENT = 10  # engagements listed in a pack
NETWORK_CAP = 60  # entities in a static network picture
LISTED = 10  # items named in one data-quality note before "and N more"
MISSING_SOURCE = "No source recorded"


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
        return ("; ".join(self.sources) if self.sources else MISSING_SOURCE) + self.provenance

    @property
    def provenance(self) -> str:
        """The part after the sources: where and in which load the fact was loaded."""
        if self.derived:
            return ""
        return f" — loaded from {self.origin or 'an unrecorded file'}, {self.load or 'load not recorded'}."


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

    def weights(self, sample: int = 200) -> list[int]:
        """Relative column widths, the Sources column last: each column's longest text, between 14 and 40."""
        texts = [[c, *(row[i] for row in self.rows[:sample])] for i, c in enumerate(self.columns)]
        texts.append(["Sources", *(cite(n) for n in self.notes[:sample])])
        return [min(max(14, *(len(t) + 1 for t in column)), 40) for column in texts]

    def add(self, cells, notes) -> None:
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
class Brief:
    """A whole pack; `parts` are the briefs of a set's members (their notes are numbered in this one's list)."""

    title: str
    subject_id: str
    kind: str
    as_of: str
    generated_at: str
    marking: str
    home_filter: str = ""
    summary: list[Statement] = field(default_factory=list)
    facts: list[Statement] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # identity facts not recorded
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    parts: list[Brief] = field(default_factory=list)

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
    contacts: dict[str, list[dict] | str] = field(default_factory=dict)  # path analyses -> rows, or why not
    network: dict | None = None  # nodes, links, hops, total, png
    timeline: bytes | None = None  # engagements per year (PNG)


class Notes:
    """The numbered notes of one pack; the same sources and load get the same number."""

    def __init__(self, loads: dict[str, dict] | None = None):
        self.loads = loads or {}
        self.items: list[Note] = []
        self._numbers: dict[tuple, int] = {}

    def _add(self, key: tuple, **fields) -> int:
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
        return f"load {load_id[:8]} of {str(load.get('at') or '?')[:10]}"


def status(since: str | None, until: str | None, on: str) -> str:
    """Whether a link is active, ended or not yet started on `on` (partial dates cover their whole period)."""
    if active(since, until, on):
        return "active"
    return "not yet started" if since and since > on else "ended"


def wording(link: dict) -> str:
    """How a link reads from the entity's side: ``member of``, ``funded by``..."""
    out, inward = WORDING.get(link["type"], (link["type"].replace("_", " ").lower(),) * 2)
    if link["type"] == "RELATED_TO" and link.get("kind"):
        out, inward = link["kind"], f"{link['kind']} (from)"
    return out if link.get("direction", "out") == "out" else inward


def _text(value) -> str:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _named(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _details(link: dict) -> str:
    parts = []
    if link.get("role"):
        parts.append(f"role: {link['role']}")
    if link.get("amount"):
        parts.append(f"amount: {link['amount']} {link.get('currency') or ''}".rstrip())
    if link.get("confidence"):
        parts.append(f"confidence: {link['confidence']}")
    if link.get("notes"):
        parts.append(f"note: {link['notes']}")
    return "; ".join(parts)


def _name(data: ProfileData) -> str:
    return data.entity["props"].get("name") or data.entity["id"]


def ego_view(
    graph: nx.MultiDiGraph, center: str, *, hops: int = 2, cap: int = NETWORK_CAP
) -> tuple[nx.Graph, int, int]:
    """The entities within `hops` links of `center` as a simple graph, cut to `cap` entities.

    Falls back to 1 hop when `hops` gives more than `cap`; past that keeps the
    centre and its best-connected neighbours.  Returns (graph, hops, entities
    before the cut).
    """
    simple = undirected(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    if center not in simple:
        return nx.Graph(), hops, 0
    for radius in range(hops, 0, -1):
        ego = nx.ego_graph(simple, center, radius=radius)
        if len(ego) <= cap:
            return ego, radius, len(ego)
    ranked = sorted(set(ego) - {center}, key=lambda n: (-simple.degree(n), n))[: cap - 1]
    cut = ego.subgraph([center, *ranked])
    return cut.subgraph(nx.node_connected_component(cut, center)).copy(), radius, len(ego)


# ---- sections -------------------------------------------------------------------------------------------------


def key_facts(data: ProfileData, notes: Notes) -> tuple[list[Statement], list[str]]:
    """The entity's identity as labelled facts citing the entity's own note, and what is not recorded."""
    props, kind = data.entity["props"], data.entity["kind"]
    own = (notes.fact(props),)
    facts = [Statement(KIND_WORDS.get(kind, kind or "entity"), own, "Kind")]
    if kind == "Engagement":
        facts += [
            Statement(_text(props.get(key)), own, label)
            for key, label in (("date", "Date"), ("kind", "Type"))
            if props.get(key)
        ]
    facts += [
        Statement(_text(props[key]), own, label)
        for key, label in IDENTITY
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    missing = [key for key in EXPECTED if not props.get(key) and not (kind == "Country" and key == "country")]
    if not props.get("sources"):
        missing.append("sources")
    return facts, ([f"Not recorded for {_name(data)}: {', '.join(missing)}."] if missing else [])


def _with_table(section: Section, table: Table) -> Section:
    """`section` with `table` added, saying what is missing when the table is empty."""
    section.tables.append(table)
    if not table.rows:
        section.missing.append(table.empty)
    return section


def relationships(data: ProfileData, notes: Notes) -> Section:
    section = Section("relationships", "Relationships")
    table = Table(
        "Relationships",
        ("Relationship", "With", "Kind", "Since", "Until", "Status", "Details"),
        empty=f"No relationships are recorded for {_name(data)}.",
    )
    for link in sorted(data.links, key=lambda r: (r["type"], r.get("other_name") or "", r.get("since") or "")):
        table.add(
            (
                wording(link),
                link.get("other_name") or link.get("other_id"),
                link.get("other_kind"),
                link.get("since") or "",
                link.get("until") or "",
                status(link.get("since"), link.get("until"), data.on),
                _details(link),
            ),
            [notes.fact(link)],
        )
    return _with_table(section, table)


def shared(data: ProfileData, notes: Notes) -> Section:
    """Agreements and forums shared with the home set; for a forum or agreement, its home-set members."""
    section = Section("shared", "Agreements and forums shared with the home set")
    if data.home_problem:
        section.missing.append(f"The home set could not be read: {data.home_problem}")
        return section
    kind = data.entity["kind"]
    if kind in ("Agreement", "Forum", "InternationalOrganisation"):
        section.title = "Home-set members and parties"
        table = Table(
            section.title,
            ("Home entity", "Relationship", "Role", "Since", "Until", "Status"),
            empty=f"No member of the home set ({data.home_filter}) is recorded as a member or party.",
        )
        for link in data.links:
            if link["direction"] == "in" and link["other_id"] in data.home_ids:
                table.add(
                    (
                        link["other_name"],
                        wording(link),
                        link.get("role") or "",
                        link.get("since") or "",
                        link.get("until") or "",
                        status(link.get("since"), link.get("until"), data.on),
                    ),
                    [notes.fact(link)],
                )
    else:
        table = Table(
            section.title,
            ("Agreement or forum", "Kind", "Its relationship", "Home entities"),
            empty=f"No agreement or forum shared with the home set ({data.home_filter}) on {data.on}.",
        )
        for row in data.shared:
            own = "party to" if row["type"] == "PARTY_TO" else "member of"
            own += f" ({row['role']})" if row.get("role") else ""
            own += f" since {row['since']}" if row.get("since") else ""
            home = ", ".join(sorted(h["name"] or h["id"] for h in row["home"]))
            table.add(
                (row["group_name"], row["group_kind"], own, home),
                [notes.fact(row), *(notes.fact(h) for h in row["home"])],
            )
    return _with_table(section, table)


def located(data: ProfileData, notes: Notes) -> Section:
    """A country's entities, based in or operating in it, by kind."""
    section = Section("located", "Entities based or operating here")
    by_entity: dict[str, dict] = {}
    for row in data.located or []:
        item = by_entity.setdefault(row["id"], {**row, "how": [], "cites": []})
        detail = row["how"] + (f" from {row['since']}" if row.get("since") else "")
        detail += f" until {row['until']}" if row.get("until") else ""
        item["how"].append(detail)
        item["cites"].append(notes.fact(row))
    counts = Counter(item["kind"] for item in by_entity.values())
    table = Table(section.title, ("Kind", "Entity", "How"), empty="No entity is recorded as based or operating here.")
    for item in sorted(by_entity.values(), key=lambda i: (i["kind"] or "", i["name"] or "")):
        table.add((item["kind"], item["name"] or item["id"], "; ".join(item["how"])), item["cites"])
    if counts:
        text = ", ".join(
            f"{n} {KIND_WORDS.get(k, k) if n == 1 else KIND_PLURALS.get(k, KIND_WORDS.get(k, k) + 's')}"
            for k, n in sorted(counts.items())
        )
        section.statements.append(
            Statement(
                f"{len(by_entity)} entities are recorded here: {text}.",
                (_counted(notes, data, "entities recorded in this country"),),
            )
        )
    return _with_table(section, table)


def _counted(notes: Notes, data: ProfileData, what: str) -> int:
    return notes.derived(
        f"Counted from the {what} in the graph as on {data.on}; each row in the pack cites its own source."
    )


def engagement_rows(data: ProfileData) -> list[dict]:
    """The entity's engagements up to the as-of date, newest first, each with the home entities that took part."""
    rows = []
    for row in data.engagements:
        if row.get("date") and row["date"] > data.on:
            continue
        home = sorted(
            p["name"] or p["id"]
            for p in row["participants"]
            if p["id"] in data.home_ids and p["id"] != data.entity["id"]
        )
        rows.append({**row, "home": home})
    return sorted(rows, key=lambda r: (r.get("date") or "", r.get("title") or ""), reverse=True)


def engagements(data: ProfileData, notes: Notes, limit: int | None = RECENT) -> Section:
    section = Section("engagements", "Recent engagements")
    rows = engagement_rows(data)
    table = Table(
        section.title,
        ("Date", "Engagement", "Type", "Role", "With the home set"),
        empty=f"No engagement of {_name(data)} is recorded up to {data.on}.",
    )
    for row in rows[:limit]:
        table.add(
            (
                row.get("date") or "undated",
                row["title"],
                row.get("kind") or "",
                row.get("role") or "",
                ", ".join(row["home"]),
            ),
            [notes.fact(row), notes.fact(row, "link_")],
        )
    if rows:
        with_home = [r for r in rows if r["home"]]
        text = f"{_plural(len(rows), 'engagement')} recorded up to {data.on}, {len(with_home)} with the home set"
        if limit is not None and len(rows) > limit:
            text += f"; the {limit} most recent are listed"
        section.statements.append(Statement(text + ".", (_counted(notes, data, "engagements"),)))
    later = [r for r in data.engagements if r.get("date") and r["date"] > data.on]
    if later:
        section.statements.append(
            Statement(
                f"{_plural(len(later), 'engagement')} dated after {data.on} not shown.",
                (_counted(notes, data, "engagements"),),
            )
        )
    if rows and data.timeline:
        section.figures.append(
            Figure(
                f"Engagements of {_name(data)} per year",
                data.timeline,
                f"Engagements of {_name(data)} per year up to {data.on}, with the home set and without.",
            )
        )
    return _with_table(section, table)


GAP_TITLES = {
    "reach": "Unreached",
    "single_threads": "Single-threaded",
    "stale": "Stale engagement",
    "followup": "Follow-up due",
}


def finding(name: str, row: dict) -> str:
    """One analysis row as a sentence (known analyses), else its fields as ``key: value`` pairs."""
    if name == "reach":
        if row.get("status") == "unreached":
            return "No home entity reaches it within the links searched."
        return f"Reached in {row.get('hops')} link(s) by {_text(row.get('reached_by'))}."
    if name == "single_threads":
        how = {
            "one home entity": "Reached directly by one home entity only",
            "link": "Cut off if one link is lost",
            "entity": "Cut off if one entity is lost",
        }.get(row.get("thread"), f"Hangs by one {row.get('thread')}")
        return f"{how}: {row.get('via')}."
    if name == "stale":
        if row.get("status") == "never engaged":
            return f"Never engaged by the home set (threshold {row.get('threshold_days')} days)."
        return (
            f"Last engaged {row.get('last_engagement')} ({row.get('engagement')}, with {_text(row.get('with'))}), "
            f"{row.get('days_since')} days ago; threshold {row.get('threshold_days')} days."
        )
    if name == "followup":
        text = f"{row.get('party_name')} ({row.get('role') or 'party'}) joined {row.get('agreement_name')}"
        text += f" on {row['joined']}" if row.get("joined") else ""
        return (
            text
            + f": {row.get('issue')}"
            + (f" (last engagement {row['last_engagement']})." if row.get("last_engagement") else ".")
        )
    if name == "introductions":
        chain = " → ".join(str(n) for n in row.get("entities") or [])
        who = f"through {row['introducer']}" if row.get("introducer") else f"directly from {row.get('from')}"
        return f"{who}: {chain} ({row.get('hops')} link(s))."
    hidden = {k for k in row if k in ("target", "target_kind", "entity", "entity_kind") or k.endswith("_id")}
    return "; ".join(
        f"{k.replace('_', ' ')}: {_text(v)}" for k, v in row.items() if k not in hidden and v not in (None, "", [])
    )


def gaps(data: ProfileData, notes: Notes) -> Section:
    """The gap analyses' findings about the entity; the reach of the home set is said, not listed as a gap."""
    section = Section("gaps", "Open gaps")
    if data.entity["kind"] == "Engagement":
        section.missing.append(
            "Gap analyses look at organisations, countries, forums and agreements, not at engagements."
        )
        return section
    table = Table(section.title, ("Gap", "Finding"), empty="No open gap found by the analyses that ran.")
    for name, rows in data.findings.items():
        title = GAP_TITLES.get(name, name.replace("_", " ").capitalize())
        if isinstance(rows, str):
            section.missing.append(f"{title}: not available ({rows}).")
            continue
        cite = _derived_by(notes, data, name) if rows else 0
        for row in rows:
            if name == "reach" and row.get("status") != "unreached":
                section.statements.append(Statement(finding(name, row), (cite,)))
            else:
                table.add((title, finding(name, row)), [cite])
    section.tables.append(table)
    return section


def _derived_by(notes: Notes, data: ProfileData, name: str) -> int:
    return notes.derived(
        f"Derived by the '{name}' analysis on the graph as on {data.on}, home set '{data.home_filter}'."
    )


def contacts(data: ProfileData, notes: Notes) -> Section:
    """Suggested next contacts from the path analyses (who could introduce the home set)."""
    section = Section("contacts", "Suggested next contacts")
    if data.entity["kind"] == "Engagement":
        section.missing.append("Not suggested for an engagement.")
        return section
    table = Table(section.title, ("Analysis", "Suggestion"), empty="The path analyses suggested no contact.")
    for name, rows in data.contacts.items():
        if isinstance(rows, str):
            section.missing.append(f"{name.replace('_', ' ').capitalize()}: not available ({rows}).")
            continue
        cite = _derived_by(notes, data, name) if rows else 0
        for row in rows:
            table.add((name.replace("_", " "), finding(name, row)), [cite])
        if not rows and name == "introductions" and data.entity["id"] in data.home_ids:
            section.missing.append(f"{_name(data)} is in the home set itself.")
    section.tables.append(table)
    return section


def quality(data: ProfileData, notes: Notes) -> Section:
    """Data-quality notes on the entity's facts: missing sources, low confidence, conflicts, open-ended dates."""
    section = Section("quality", "Data-quality notes")
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    props = data.entity["props"]
    if not props.get("sources"):
        found["No source recorded"].append((f"the entry for {_name(data)}", notes.fact(props)))
    if props.get("country_as_written"):
        found["Country not recognised"].append((f"{props['country_as_written']!r}", notes.fact(props)))
    if data.entity["kind"] == "Engagement" and not props.get("date"):
        found["Engagement without a date"].append((_name(data), notes.fact(props)))
    for link in data.links:
        item = (f"{wording(link)} {link.get('other_name') or link.get('other_id')}", notes.fact(link))
        since, until = link.get("since"), link.get("until")
        if not link.get("sources"):
            found["No source recorded"].append(item)
        if (link.get("confidence") or "").lower() == "low":
            found["Low confidence"].append(item)
        if since and until and since > until:
            found["Ends before it starts"].append(item)
        if not since and not until:
            found["No dates recorded (start unknown, counted as still active)"].append(item)
        elif not until and link["type"] not in ("PARTICIPATED_IN",):
            found["Open-ended: no end date, counted as still active"].append(item)
    for a, b in _conflicts(data.links):
        found["Conflicting records (same relationship, overlapping periods, different details)"].append(
            (f"{wording(a)} {a.get('other_name')}: {_period(a)} vs {_period(b)}", notes.fact(a))
        )
        found["Conflicting records (same relationship, overlapping periods, different details)"].append(
            (f"(second record of {wording(b)} {b.get('other_name')})", notes.fact(b))
        )
    for problem, items in found.items():
        names = [text for text, _ in items]
        section.statements.append(
            Statement(
                f"{_plural(len(items), 'fact')}: {_named(names, LISTED)}.",
                tuple(sorted({n for _, n in items})),
                problem,
            )
        )
    if not found:
        section.statements.append(
            Statement(
                "No data-quality problem found in its facts.",
                (notes.derived(f"Checked over its facts in the graph on {data.on}."),),
            )
        )
    return section


def _period(link: dict) -> str:
    return f"{link.get('since') or '?'} to {link.get('until') or 'open'}"


def _conflicts(links: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of links of one type with the same other entity whose periods overlap but whose details differ."""
    groups = defaultdict(list)
    for link in links:
        groups[
            (
                link["type"],
                link.get("direction") if link["type"] != "PARTNERS_WITH" else "",
                link.get("other_id"),
                link.get("kind"),
            )
        ].append(link)
    pairs = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                overlap = (not a.get("until") or not b.get("since") or b["since"] <= a["until"]) and (
                    not b.get("until") or not a.get("since") or a["since"] <= b["until"]
                )
                differ = any(a.get(k) != b.get(k) for k in ("since", "until", "role", "amount", "confidence"))
                if overlap and differ:
                    pairs.append((a, b))
    return pairs


def network(data: ProfileData, notes: Notes) -> Section:
    section = Section("network", "Network")
    net = data.network
    if not net:
        section.missing.append("No network picture was drawn.")
        return section
    cite = notes.derived(
        f"Drawn from the links active on {data.on}; each link's source is in the Relationships "
        "table or in the profile of the entities shown."
    )
    shown = len(net["nodes"])
    text = (
        f"{_plural(shown, 'entity', 'entities')} within {net['hops']} link(s) of {_name(data)} on {data.on}"
        + (f" (the {shown} best connected of {net['total']})" if net["total"] > shown else "")
        + "."
    )
    section.statements.append(Statement(text, (cite,)))
    if net.get("png"):
        section.figures.append(Figure(f"{_name(data)} and its network", net["png"], text))
    elif shown <= 1:
        section.missing.append(f"{_name(data)} has no active link on {data.on}; there is no network to draw.")
    return section


def summary(data: ProfileData, notes: Notes, sections: dict[str, Section]) -> list[Statement]:
    """A short paragraph built from the data: who it is, its links, shared ties, engagement, gaps, quality."""
    props, kind, name = data.entity["props"], data.entity["kind"], _name(data)
    where = [
        f"{label.lower()} {props[key]}"
        for key, label in (("country", "Country"), ("region", "Region"))
        if props.get(key) and not (kind == "Country" and key == "country")
    ]
    word = KIND_WORDS.get(kind, kind or "entity")
    text = f"{name} is {'an' if word[0] in 'aeiou' else 'a'} {word}" + (f" ({', '.join(where)})" if where else "")
    text += f", rated {props['priority']} priority." if props.get("priority") else "."
    said = [Statement(text, (notes.fact(props),))]
    active = [link for link in data.links if status(link.get("since"), link.get("until"), data.on) == "active"]
    if data.links:
        counts = Counter(wording(link) for link in active)
        top = ", ".join(f"{word} ({n})" for word, n in counts.most_common(4))
        text = f"On {data.on} it has {_plural(len(active), 'active relationship')}" + (f": {top}" if top else "")
        other = len(data.links) - len(active)
        text += f"; {other} more {'has' if other == 1 else 'have'} ended or not yet started." if other else "."
        said.append(Statement(text, (_counted(notes, data, "relationships"),)))
    else:
        said.append(
            Statement(
                f"No relationships are recorded for {name}; a missing link means not recorded, not confirmed absent.",
                (_counted(notes, data, "relationships"),),
            )
        )
    table = sections["shared"].tables[0] if sections["shared"].tables else None
    if table and table.rows:
        groups = [row[0] for row in table.rows]
        said.append(
            Statement(
                f"{table.title} ({len(groups)}): {_named(groups)}.",
                tuple(sorted({n for cited in table.notes[:5] for n in cited})),
            )
        )
    rows = engagement_rows(data)
    last = next((r for r in rows if r["home"]), None)
    if last:
        said.append(
            Statement(
                f"Last engagement with the home set: {last['title']} ({last.get('date')}), with "
                f"{_named(last['home'], 3)}.",
                (notes.fact(last), notes.fact(last, "link_")),
            )
        )
    elif kind != "Engagement":
        said.append(
            Statement(
                f"No engagement with the home set is recorded up to {data.on}.", (_counted(notes, data, "engagements"),)
            )
        )
    gap_table = sections["gaps"].tables[0]
    if gap_table.rows:
        kinds = Counter(row[0] for row in gap_table.rows)
        said.append(
            Statement(
                f"Open gaps: {', '.join(f'{k.lower()} ({n})' for k, n in kinds.items())}.",
                tuple(sorted({n for cited in gap_table.notes for n in cited})),
            )
        )
    problems = [s for s in sections["quality"].statements if s.label]
    if problems:
        said.append(
            Statement(
                "Data-quality notes: "
                + ", ".join(s.label.split(" (")[0].split(":")[0].lower() for s in problems)
                + ".",
                tuple(sorted({n for s in problems for n in s.notes}))[:LISTED],
            )
        )
    return said


def build_profile(data: ProfileData, notes: Notes, *, marking: str, generated_at: str, member: bool = False) -> Brief:
    """The brief of one entity (`member`: a part of a set's pack, without network and country listing)."""
    facts, missing = key_facts(data, notes)
    parts = {"relationships": relationships(data, notes), "shared": shared(data, notes)}
    if data.entity["kind"] == "Country" and data.located is not None:
        parts["located"] = located(data, notes)
    parts["engagements"] = engagements(data, notes)
    parts["gaps"] = gaps(data, notes)
    if not member:
        parts["contacts"] = contacts(data, notes)
        parts["network"] = network(data, notes)
    parts["quality"] = quality(data, notes)
    brief = Brief(
        title=_name(data),
        subject_id=data.entity["id"],
        kind=data.entity["kind"],
        as_of=data.on,
        generated_at=generated_at,
        marking=marking,
        home_filter=data.home_filter,
        summary=summary(data, notes, parts),
        facts=facts,
        missing=missing,
        sections=list(parts.values()),
    )
    return brief


def build_brief(
    data: ProfileData,
    *,
    marking: str,
    generated_at: str,
    loads: dict[str, dict] | None = None,
    members: list[ProfileData] = (),
    set_label: str = "",
) -> Brief:
    """The pack of one entity, or of a set: the entity and each of `members` (its agencies, members or parties)."""
    notes = Notes(loads)
    brief = build_profile(data, notes, marking=marking, generated_at=generated_at)
    brief.parts = [build_profile(m, notes, marking=marking, generated_at=generated_at, member=True) for m in members]
    if members:
        brief.title = f"{brief.title} and its {set_label or 'members'}"
        brief.summary.append(
            Statement(
                f"This pack also covers its {_plural(len(members), 'entity', 'entities')} "
                f"({set_label or 'members'}): {_named([p.title for p in brief.parts], 8)}.",
                (_counted(notes, data, set_label or "members"),),
            )
        )
    brief.notes = notes.items
    return brief


# ---- the reading order every renderer follows ----------------------------------------------------------------


def cite(numbers) -> str:
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


def cited(statement: Statement) -> tuple[str, str, str]:
    """A statement as (text, marker, closing punctuation): the marker goes before the final full stop."""
    text = statement.text
    end = text[-1] if text and text[-1] in ".;:" else ""
    return (text[:-1] if end else text), cite(statement.notes), end


def meta_line(brief: Brief) -> str:
    home = f" Home set: {brief.home_filter}." if brief.home_filter else ""
    return f"As of {brief.as_of}. Generated {brief.generated_at}.{home}"


def outline(brief: Brief) -> list[tuple]:
    """The pack as a flat list of blocks in reading order, the same for every format.

    Blocks: ``("heading", level, text)``, ``("paragraph", [Statement])``,
    ``("facts", [Statement])``, ``("missing", text)``, ``("table", Table)``,
    ``("figure", Figure)``, ``("notes", [Note])``.
    """
    blocks: list[tuple] = [("paragraph", [Statement(meta_line(brief), ())])]
    blocks += _profile_blocks(brief, 1)
    for part in brief.parts:
        blocks.append(("heading", 1, f"{part.title} ({KIND_WORDS.get(part.kind, part.kind)})"))
        blocks += _profile_blocks(part, 2)
    blocks += [("heading", 1, "Source notes"), ("notes", brief.notes)]
    return blocks


def _profile_blocks(brief: Brief, level: int) -> list[tuple]:
    blocks = [
        ("heading", level, "Summary"),
        ("paragraph", brief.summary),
        ("heading", level, "Key facts"),
        ("facts", brief.facts),
        *(("missing", m) for m in brief.missing),
    ]
    for section in brief.sections:
        blocks.append(("heading", level, section.title))
        plain = [s for s in section.statements if not s.label]
        labelled = [s for s in section.statements if s.label]
        if plain:
            blocks.append(("paragraph", plain))
        if labelled:
            blocks.append(("facts", labelled))
        blocks += [("figure", f) for f in section.figures]
        blocks += [("table", t) for t in section.tables if t.rows]
        blocks += [("missing", m) for m in section.missing]
        blocks += [("missing", t.empty) for t in section.tables if not t.rows and t.empty not in section.missing]
    return blocks

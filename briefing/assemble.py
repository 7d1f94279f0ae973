"""Profiles and briefing packs: read everything about an entity (or a set) and build a `briefing.model.Brief`.

The gap and path analyses are run by name through `analyses.catalog` on the
graph read once per pack; one that is not registered or fails leaves its part
of the pack saying so, and the pack still builds.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import networkx as nx

from analyses.catalog import ParamError, read_context, run_on
from briefing.build import build_brief
from briefing.model import Brief, ProfileData, Statement
from briefing.sections import engagement_rows
from graph.dates import local_time
from graph.filters import FilterError, resolve_entity
from graph.neighbourhood import nearest
from graph.rollup import sides, via_text
from graph.settings import home_filter as default_home
from graph.settings import marking as default_marking
from graph.settings import today
from queries import read
from queries.graphs import iso
from render.figures import network_png, timeline_png

GAP_ANALYSES = ("reach", "single_threads", "stale", "followup")
CONTACTS = "introductions"  # the path analysis that names who could introduce the home set
CONTACTS_LISTED = "5"
SET_LABELS = {"Country": "agencies", "Forum": "members", "InternationalOrganisation": "members", "Agreement": "parties"}
MAX_MEMBERS = 60


def targets_filter(ids: list[str]) -> str:
    """A filter line selecting exactly `ids`."""
    return " OR ".join(f"id:'{i}'" if '"' in i else f'id:"{i}"' for i in ids)


def concerning(rows: list[dict], entity_id: str) -> list[dict]:
    """The rows that name `entity_id` in any column (as a value or in a list)."""
    return [r for r in rows if any(v == entity_id or (isinstance(v, list) and entity_id in v) for v in r.values())]


def _for(results: dict[str, dict | str], entity_id: str) -> dict[str, list[dict] | str]:
    return {name: value if isinstance(value, str) else value.get(entity_id, []) for name, value in results.items()}


class Reader:
    """Reads profiles on one as-of date for one home set, sharing the graph and the analyses' results."""

    def __init__(self, driver: neo4j.Driver, *, as_of=None, home: str | None = None, rollup: bool = True):
        self.driver = driver
        self.on = iso(as_of) or today().isoformat()
        self.home = home if home is not None else default_home()
        self.rollup = rollup
        self.context = read_context(driver, as_of=self.on, home=self.home, params={"rollup": "on" if rollup else "off"})
        try:
            self.home_ids, self.home_problem = frozenset(self.context.home), None
        except ParamError as exc:
            self.home_ids, self.home_problem = frozenset(), str(exc)
        self.findings: dict[str, dict | str] = {}
        self.efforts: dict[str, list[dict]] | str = {}  # target id -> its lines_of_effort rows, or why not

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.context.graph

    def run(self, name: str, *, targets: str | None = None, params: dict | None = None) -> list[dict]:
        """Analysis `name` from the catalog, on the graph this reader already holds (read once per pack)."""
        return run_on(self.context.with_targets(targets, {**self.context.params, **(params or {})}), name)

    def _try(self, name: str, **kwargs) -> list[dict] | str:
        """The rows of an analysis, or why it is unavailable: a missing or failing analysis must not stop a pack."""
        if self.home_problem:
            return f"the home set could not be read: {self.home_problem}"
        try:
            return self.run(name, **kwargs)
        except ParamError as exc:
            return str(exc)
        except Exception as exc:
            return f"the analysis failed: {type(exc).__name__}: {exc}"

    def analyse(self, ids: list[str]) -> None:
        """Run the gap analyses once for all of `ids` (followup over every agreement, kept where it names them)."""
        for name in GAP_ANALYSES:
            rows = self._try(name, targets=None if name == "followup" else targets_filter(ids))
            self.findings[name] = rows if isinstance(rows, str) else {i: concerning(rows, i) for i in ids}
        rows = self._try("lines_of_effort", targets=targets_filter(ids))
        if isinstance(rows, str):
            self.efforts = rows
        else:
            self.efforts = {}
            for row in rows:
                self.efforts.setdefault(row["target_id"], []).append(row)

    def contacts_for(self, entity_id: str) -> dict[str, list[dict] | str]:
        """Who could introduce the home set to `entity_id` (the path analysis), best first."""
        if entity_id in self.home_ids or self.context.graph.nodes.get(entity_id, {}).get("kind") == "Engagement":
            return {CONTACTS: []}
        return {CONTACTS: self._try(CONTACTS, params={"to": entity_id, "limit": CONTACTS_LISTED})}

    def profile(self, entity_id: str, *, picture: bool = True) -> ProfileData | None:
        """What the graph says about `entity_id` (None when there is no such entity)."""
        rows = read(self.driver, "entity_profile", id=entity_id)
        if not rows:
            return None
        entity = rows[0]
        s = sides(self.graph, set(self.home_ids), {entity_id}, rollup=self.rollup, on=self.on)
        side = s.side.get(entity_id, {entity_id: [entity_id]})
        names = self.graph.nodes
        data = ProfileData(
            entity=entity,
            on=self.on,
            links=read(self.driver, "entity_links", id=entity_id, as_of=self.on),
            engagements=read(self.driver, "entity_engagements", ids=sorted(side)),
            via={u: via_text(self.graph, chain) for u, chain in side.items() if u != entity_id},
            home_of={n: sorted(names[h].get("name") or h for h in of) for n, of in s.home_of.items()},
            rollup=self.rollup,
            shared=read(self.driver, "shared_with_home", id=entity_id, home=sorted(self.home_ids), as_of=self.on),
            located=read(self.driver, "entities_in_country", code=entity_id) if entity["kind"] == "Country" else None,
            home_filter=self.home,
            home_ids=self.home_ids,
            home_problem=self.home_problem,
            findings=_for(self.findings, entity_id),
            efforts=self.efforts if isinstance(self.efforts, str) else self.efforts.get(entity_id, []),
            assessments=read(self.driver, "findings_about", ids=sorted(side)),
        )
        if picture:
            data.contacts = self.contacts_for(entity_id)
            data.timeline = timeline_picture(data)
            data.network = network_picture(
                self.graph, entity_id, entity["props"].get("name") or entity_id, self.on, self.home_ids
            )
        return data

    def loads(self, profiles: list[ProfileData]) -> dict[str, dict]:
        """The load records that the facts of `profiles` came from, by id."""
        ids = set()
        for data in profiles:
            ids.add(data.entity["props"].get("load_id"))
            for row in [*data.links, *data.engagements, *data.shared, *(data.located or []), *data.assessments]:
                ids.update((row.get("load_id"), row.get("link_load_id")))
                ids.update(h.get("load_id") for h in row.get("home", []) if isinstance(h, dict))
        ids.discard(None)
        return {row["id"]: row for row in read(self.driver, "loads_by_id", ids=sorted(ids))} if ids else {}


def network_picture(
    graph: nx.MultiDiGraph, entity_id: str, name: str, on: str, home: frozenset[str] = frozenset()
) -> dict:
    """The 1-2 hop picture of an entity, cut to what reads at A4 (the nearest, home entities first): the entities
    shown, how many there were within 2 links, and the PNG."""
    ego, hops, total = nearest(graph, entity_id, prefer=home)
    if entity_id not in ego:
        ego.add_node(entity_id, name=name)
    png = (
        network_png(ego, entity_id, title=f"{name}: {hops} {'hop' if hops == 1 else 'hops'}, {on}")
        if len(ego) > 1
        else None
    )
    return {
        "nodes": sorted(ego),
        "links": [list(e) for e in ego.edges()],
        "hops": hops,
        "total": max(total, 1),
        "png": png,
    }


def timeline_picture(data: ProfileData) -> bytes | None:
    """Engagements per year as a PNG (None when there are none)."""
    rows = [r for r in engagement_rows(data) if r.get("date")]
    if not rows:
        return None
    return timeline_png([r["date"] for r in rows], [bool(r["home"]) for r in rows])


def holds_sample(driver: neo4j.Driver) -> bool:
    """Whether the graph holds sample data (entities tagged ``sample``): its exports then say so."""
    rows = read(driver, "sample_count")
    return bool(rows and rows[0]["sample"])


def members_of(driver: neo4j.Driver, entity_id: str, *, as_of=None) -> list[dict]:
    """A set's members: a country's agencies, a forum's members, an agreement's parties."""
    return read(driver, "set_members", id=entity_id, as_of=iso(as_of))


def brief(
    driver: neo4j.Driver,
    entity_id: str,
    *,
    as_of=None,
    home: str | None = None,
    members: bool = False,
    marking: str | None = None,
    now: dt.datetime | None = None,
    rollup: bool = True,
) -> Brief | None:
    """The briefing pack of an entity, or of the entity and its members (None when there is no such entity).

    With `rollup` a country's pack counts what its agencies and their units did, an organisation's what its
    units did, and says through whom.
    """
    reader = Reader(driver, as_of=as_of, home=home, rollup=rollup)
    member_rows = members_of(driver, entity_id, as_of=reader.on) if members else []
    capped = member_rows[:MAX_MEMBERS]
    ids = [entity_id, *(m["id"] for m in capped if m["id"] != entity_id)]
    reader.analyse(ids)
    main = reader.profile(entity_id)
    if main is None:
        return None
    parts = [p for p in (reader.profile(i, picture=False) for i in ids[1:]) if p is not None]
    stamp = local_time(now)
    label = SET_LABELS.get(main.entity["kind"], "members")
    pack = build_brief(
        main,
        marking=marking or default_marking(),
        generated_at=stamp,
        loads=reader.loads([main, *parts]),
        members=parts,
        set_label=label,
        sample=holds_sample(driver),
    )
    if members and not member_rows:
        pack.summary.append(
            Statement(f"No {label} are recorded for it, so the pack covers it alone.", pack.summary[1].notes)
        )
    if len(member_rows) > MAX_MEMBERS:
        pack.summary.append(
            Statement(
                f"Only the first {MAX_MEMBERS} of its {len(member_rows)} {label} (by name) are covered.",
                pack.summary[-1].notes,
            )
        )
    return pack


def resolve(driver: neo4j.Driver, text: str) -> str:
    """The id of the entity `text` names (id, name or alias), or a ParamError with suggestions."""
    if read(driver, "entity_profile", id=text):
        return text
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_nodes_from((r["id"], r) for r in read(driver, "entity_lookup"))
    try:
        return resolve_entity(graph, text)
    except FilterError as exc:
        raise ParamError(str(exc)) from None

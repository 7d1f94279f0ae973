"""What a network view shows: filters, the links gained and lost between two dates, the focus's roll-up (pure).

Nodes and links are the plain rows `queries.network.subgraph` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import networkx as nx

from graph.dates import active
from graph.rollup import Chain, units

CONFIDENCE_LEVELS = ("high", "medium", "low", "unknown")
#: Drawn only, never stored: an agency that is its country's by its ``country`` property, which is not a link.
AGENCY_OF = "AGENCY_OF"


def link_key(link: dict) -> tuple:
    """What makes a link the same link on two dates: its ends, type, start and wording."""
    return link["source"], link["target"], link["type"], link.get("since"), link.get("kind")


def filter_view(
    nodes: list[dict],
    links: list[dict],
    *,
    regions: Collection[str] | None = None,
    tags: Collection[str] | None = None,
    confidence: Collection[str] | None = None,
    hide: Collection[str] = (),
    keep: str | None = None,
) -> tuple[list[dict], list[dict]]:
    """Nodes and links left after the view's filters (pure).

    Parameters
    ----------
    regions, tags : collection of str, optional
        Keep entities in one of these regions / with one of these tags (`keep` always stays).
    confidence : collection of str, optional
        Keep links of these confidence levels; ``"unknown"`` stands for none recorded.
    hide : collection of str
        Entity ids taken out of the view.
    """

    def shown(node: dict) -> bool:
        if node["id"] == keep:
            return True
        if node["id"] in hide:
            return False
        if regions and node.get("region") not in regions:
            return False
        return not tags or bool(set(node.get("tags") or []) & set(tags))

    nodes = [n for n in nodes if shown(n)]
    ids = {n["id"] for n in nodes}
    links = [
        x
        for x in links
        if x["source"] in ids
        and x["target"] in ids
        and (not confidence or (x.get("confidence") or "unknown") in confidence)
    ]
    return nodes, links


def compare_links(earlier: list[dict], later: list[dict]) -> list[dict]:
    """The links of both dates, each marked ``change``: "gained" (only later), "lost" (only earlier) or None."""
    before = {link_key(x) for x in earlier}
    after = {link_key(x) for x in later}
    marked = [x | {"change": None if link_key(x) in before else "gained"} for x in later]
    return marked + [x | {"change": "lost"} for x in earlier if link_key(x) not in after]


def merge_dates(
    nodes: list[dict], links: list[dict], other_nodes: list[dict], other_links: list[dict], *, other_is_earlier: bool
) -> tuple[list[dict], list[dict]]:
    """One view of two dates over the same entities: every entity of either, links marked gained or lost."""
    seen = {n["id"] for n in nodes}
    merged = nodes + [n for n in other_nodes if n["id"] not in seen]
    earlier, later = (other_links, links) if other_is_earlier else (links, other_links)
    return merged, compare_links(earlier, later)


def change_counts(links: list[dict]) -> dict[str, int]:
    """How many links are marked gained and lost."""
    return {change: sum(1 for x in links if x.get("change") == change) for change in ("gained", "lost")}


def measure_table(in_view: Collection[str], degree: list[dict], others: dict[str, list[dict]]) -> list[dict]:
    """One row per entity in view: name, kind, degree, then each measure of `others` (rows of those analyses)."""
    rows = {
        r["id"]: {"id": r["id"], "name": r["name"], "kind": r["kind"], "degree": r["degree"]}
        for r in degree
        if r["id"] in in_view
    }
    for name, measured in others.items():
        for r in measured:
            if r["id"] in rows:
                rows[r["id"]][name] = r[name]
    return list(rows.values())


@dataclass(frozen=True)
class Side:
    """What a view's focus stands for under roll-up (the rule of `graph.rollup`), and how the drawing shows it.

    ``chains`` maps each unit to its chain of ids up to the focus; ``links``
    ties each unit to the next entity up its chain: the stored, active
    ``PART_OF`` or ``BASED_IN`` link, else an `AGENCY_OF` link for an agency
    whose ``country`` property alone makes it the country's.
    """

    focus: str
    names: dict[str, str]
    chains: dict[str, Chain]
    links: list[dict]

    def note(self, escape: Callable[[str], str] = str, limit: int = 10) -> str:
        """E.g. ``Roll-up: Fiji includes Fiji Police Force and Cyber Unit (part of Fiji Police Force)``; "" for none.

        Names only, each passed through `escape`; nearer units first, then by name; past `limit`, "and N more".
        """
        if not self.chains:
            return ""
        order = sorted(self.chains, key=lambda u: (len(self.chains[u]), self.names[u], u))
        said = []
        for unit in order[:limit]:
            above = ", part of ".join(escape(self.names[n]) for n in self.chains[unit][1:-1])
            said.append(escape(self.names[unit]) + (f" (part of {above})" if above else ""))
        if len(order) > limit:
            said.append(f"{len(order) - limit} more")
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        return f"Roll-up: {escape(self.names[self.focus])} includes {listed}"


def focus_side(graph: nx.MultiDiGraph, focus: str, *, on: str | None = None) -> Side:
    """The roll-up `Side` of `focus` on date `on` (None ignores link dates), from `graph.rollup.units`."""
    chains = units(graph, focus, on=on)
    links = []
    for unit, chain in chains.items():
        parent = chain[1]
        by_country = parent == focus and graph.nodes[focus].get("kind") == "Country"
        stored = [
            dict(data) | {"source": unit, "target": parent}
            for data in (graph.get_edge_data(unit, parent) or {}).values()
            if active(data.get("since"), data.get("until"), on)
            and (data.get("type") == "PART_OF" or (by_country and data.get("type") == "BASED_IN"))
        ]
        links += stored or [{"source": unit, "target": parent, "type": AGENCY_OF}]
    names = {n: graph.nodes[n].get("name") or n for n in [focus, *chains] if n in graph}
    return Side(focus, names, chains, links)


def showcase(selected: Collection[str], links: Iterable[tuple[str, str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """What Showcase mode keeps lit: the `selected` ids and their neighbours, and the links that touch a selected
    one (the rest of the drawing fades)."""
    chosen = set(selected)
    touching = [(a, b) for a, b in links if a in chosen or b in chosen]
    lit = chosen | {end for pair in touching for end in pair}
    return sorted(lit), touching


def with_links(links: list[dict], extra: list[dict], ids: Collection[str]) -> list[dict]:
    """`links` and those of `extra` between entities of `ids` that are not among them already (by `link_key`)."""
    seen = {link_key(x) for x in links}
    added = [x for x in extra if x["source"] in ids and x["target"] in ids and link_key(x) not in seen]
    return links + added


def links_among(graph: nx.MultiDiGraph, ids: Collection[str], shown: Iterable[dict]) -> list[dict]:
    """Every link of `graph` (the network on the view's date) between two of `ids`, each with ``shown``: whether the
    view draws it (it is among `shown`, by `link_key`) or the view's link filters (types, confidence) hide it; and
    the links only drawn among them (`AGENCY_OF`, from a property, not stored), shown."""
    drawn = {link_key(x): x for x in shown}
    chosen = set(ids)
    found, stored = [], set()
    for a in sorted(chosen & set(graph)):
        for _, b, data in graph.out_edges(a, data=True):
            if b in chosen:
                link = {"source": a, "target": b, **{k: v for k, v in data.items() if k not in ("source", "target")}}
                stored.add(link_key(link))
                found.append({**link, "shown": link_key(link) in drawn})
    only_drawn = [x for k, x in drawn.items() if k not in stored and {x["source"], x["target"]} <= chosen]
    found += [{**x, "shown": True} for x in only_drawn if x.get("type") == AGENCY_OF]
    return sorted(found, key=lambda x: (not x["shown"], x["source"], x["target"], x.get("type") or ""))

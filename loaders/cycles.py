"""`PART_OF` cycles: an organisation that would be part of itself, found among a load's links and the graph's.

Pure: the graph's part-of links come in as plain rows (`queries/part_of_above.cypher`).  A cycle is loaded as
written (rollups stop at it, `graph.rollup`), but it is nearly always a From and To swapped, so it is a warning
naming every link of it: the load's with their file and row, the graph's as "in the graph".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import networkx as nx

from graph.dates import active
from loaders.model import LinkRow, Problem

PART_OF = "PART_OF"
WORDING = "is part of"
MAX_DEPTH = 8  # links followed up the graph's hierarchy from a load's parents (real hierarchies are shallower)
MAX_GRAPH_LINKS = 10_000  # graph links read for the check, so a crafted graph cannot make it unbounded


def part_of_cycles(
    links: Sequence[LinkRow],
    names: dict[str, str],
    on: dt.date,
    graph_links: Iterable[dict] | None = None,
) -> list[Problem]:
    """A warning for each cycle of part-of links open on `on` (self-links are warned of where they are read).

    Parameters
    ----------
    links : list of LinkRow
        The load's links; only open `PART_OF` ones between two entities count.
    names : dict
        Entity id -> name, for the message.
    on : datetime.date
        The day the links must be open on (today): a unit that moved under another is history, not a cycle.
    graph_links : iterable of dict, optional
        Open part-of links already in the graph (``source``, ``source_name``, ``target``, ``target_name``).
        When given (even empty), only the cycles that pass through one of them are reported, since the load's own cycles
        are reported by validation without the graph.

    Returns
    -------
    list of Problem
        One warning per strongly connected group, on the row of its last link in the load, naming every link
        of one cycle through it.
    """
    names = dict(names)
    hierarchy: nx.DiGraph[str] = nx.DiGraph()
    for link in links:
        if (
            link.type == PART_OF
            and link.source != link.target
            and active(None, link.props.get("until"), on.isoformat())
        ):
            hierarchy.add_edge(link.source, link.target, origin=link.origin)
    with_graph = graph_links is not None
    for row in graph_links or ():
        names.setdefault(row["source"], row.get("source_name") or row["source"])
        names.setdefault(row["target"], row.get("target_name") or row["target"])
        if row["source"] != row["target"] and not hierarchy.has_edge(row["source"], row["target"]):
            hierarchy.add_edge(row["source"], row["target"], origin=None)
    problems = []
    for group in nx.strongly_connected_components(hierarchy):
        if len(group) < 2:
            continue
        cycle = [(a, b, hierarchy.edges[a, b]["origin"]) for a, b in nx.find_cycle(hierarchy.subgraph(group))]
        loaded = sorted((o for _, _, o in cycle if o is not None), key=lambda o: (o[0], o[1] or 0))
        if not loaded or (with_graph and all(origin is not None for _, _, origin in cycle)):
            continue  # the graph's own cycle (not this load's doing), or one validation reported already
        said = "; ".join(f"{names.get(a, a)} {WORDING} {names.get(b, b)} ({_where(origin)})" for a, b, origin in cycle)
        file, row = loaded[-1]
        message = (
            f"part-of links go round in a circle: {said}. An organisation cannot be part of itself: check the "
            "From and To of these rows (loaded as written)"
        )
        problems.append(Problem("warning", file, row, None, message))
    return problems


def _where(origin: tuple[str, int | None] | None) -> str:
    if origin is None:
        return "in the graph"
    file, row = origin
    return f"{file} row {row}" if row is not None else file

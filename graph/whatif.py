"""What if: the graph with links added or removed and entities gone, and how the gap figures move (pure).

Nothing here writes anywhere: a change is applied to a copy of the graph, and
the gap figures (`graph.standing.counts` of the `graph.standing.standing`
rows) before and after are compared target by target.  The home and target
sets stay those of the question, less any entity that leaves, so a removed
membership does not also change who is asked about.

A change is written as the command line and the page take it:

- ``add``: ``A -> B`` (a partnership), or ``A -[member of]-> B`` with any
  relationship wording the vocabulary knows (``funded by`` reads backwards);
- ``remove``: ``A -> B`` removes every link between A and B, either direction,
  or ``A -[member of]-> B`` only those of that type;
- ``without``: an entity (a departure, a program ending) and all its links.

Several of each are separated by ``;``.  Entities are named by id, name or
alias, as filters name them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.filters import FilterError, resolve_entity
from graph.standing import COUNTS
from graph.vocabulary import load_vocabulary, reading

LINK = re.compile(r"^(?P<a>.+?)\s*-(?:\[\s*(?P<wording>[^\]]+?)\s*\]-)?>\s*(?P<b>.+)$")
STATUS = ("reach", "hops", "single_thread", "engagement")  #: what a target's standing row says that can change
#: Which standing rows each figure counts, as `graph.standing.counts` does.
MEMBERS = {
    "looked_at": lambda r: True,
    "reached": lambda r: r["reach"] == "reached",
    "unreached": lambda r: r["reach"] == "unreached",
    "single_threaded": lambda r: bool(r["single_thread"]),
    "stale": lambda r: r["engagement"] == "stale",
    "never_engaged": lambda r: r["engagement"] == "never engaged",
    "current": lambda r: r["engagement"] == "current",
}


class WhatIfError(ValueError):
    """A change that cannot be read or does not fit the graph."""


@dataclass(frozen=True)
class Link:
    """One link of a change: its ends (ids), its type (None: any type, for a removal) and how it reads."""

    source: str
    target: str
    rel_type: str | None
    said: str


@dataclass
class Change:
    """A change that is not saved: links to add and remove, entities that leave."""

    add: list[Link] = field(default_factory=list)
    remove: list[Link] = field(default_factory=list)
    without: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.add or self.remove or self.without)


def _items(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _entity(graph: nx.MultiDiGraph, text: str) -> str:
    try:
        return resolve_entity(graph, text)
    except FilterError as exc:
        raise WhatIfError(str(exc)) from None


def _link(graph: nx.MultiDiGraph, text: str, default: str | None) -> Link:
    """``A -> B`` or ``A -[wording]-> B`` with both ends resolved and the wording read as a type."""
    found = LINK.match(text)
    if not found:
        raise WhatIfError(f"{text!r}: write A -> B, or A -[member of]-> B")
    a, b = _entity(graph, found["a"]), _entity(graph, found["b"])
    rel_type, backwards = default, False
    if found["wording"]:
        known = load_vocabulary().relationship(found["wording"])
        if known is None:
            raise WhatIfError(f"{text!r}: unknown relationship {found['wording']!r}")
        rel_type, backwards = known
    if backwards:
        a, b = b, a
    if a == b:
        raise WhatIfError(f"{text!r}: both ends are the same entity")
    first, second = (graph.nodes[n].get("name") or n for n in (a, b))
    said = f"{first} {reading(rel_type)} {second}" if rel_type else f"the links between {first} and {second}"
    return Link(a, b, rel_type, said)


def parse(
    graph: nx.MultiDiGraph, *, add: str | None = None, remove: str | None = None, without: str | None = None
) -> Change:
    """The change that `add`, `remove` and `without` (each ``;``-separated) describe, resolved against `graph`.

    Raises
    ------
    WhatIfError
        On a link not written ``A -> B``, an entity no id, name or alias
        names, an unknown wording, or a removal of links that do not exist.
    """
    change = Change(
        add=[_link(graph, item, "PARTNERS_WITH") for item in _items(add)],
        remove=[_link(graph, item, None) for item in _items(remove)],
        without=list(dict.fromkeys(_entity(graph, item) for item in _items(without))),
    )
    for link in change.remove:
        if not _between(graph, link):
            raise WhatIfError(f"nothing to remove: no {link.said.removeprefix('the ')}")
    return change


def _between(graph: nx.MultiDiGraph, link: Link) -> list[tuple[str, str, Any]]:
    """The links `link` names: every link between its ends either way round, of its type when it has one."""
    return [
        (u, v, key)
        for u, v in ((link.source, link.target), (link.target, link.source))
        for key, data in (graph.get_edge_data(u, v) or {}).items()
        if link.rel_type is None or data.get("type") == link.rel_type
    ]


def apply(graph: nx.MultiDiGraph, change: Change) -> nx.MultiDiGraph:
    """A copy of `graph` with `change` made; `graph` itself (which may be frozen and shared) is untouched."""
    changed: nx.MultiDiGraph = graph.copy()
    for link in change.remove:
        changed.remove_edges_from(_between(changed, link))
    for link in change.add:
        changed.add_edge(
            link.source, link.target, source=link.source, target=link.target, type=link.rel_type, notes="what if"
        )
    changed.remove_nodes_from(change.without)
    return changed


def described(change: Change, graph: nx.MultiDiGraph) -> list[str]:
    """The change in words, one line per item: ``without Cyber Safety Pasifika``, ``adding ...``."""
    return (
        [f"adding {link.said}" for link in change.add]
        + [f"removing {link.said}" for link in change.remove]
        + [f"without {graph.nodes[n].get('name') or n}" for n in change.without]
    )


def labels(max_hops: int) -> dict[str, str]:
    """Each figure of `graph.standing.COUNTS` in words."""
    links = f"{max_hops} link{'s' if max_hops != 1 else ''}"
    return {
        "looked_at": "targets looked at",
        "reached": f"reached within {links}",
        "unreached": f"unreached within {links}",
        "single_threaded": "single-threaded",
        "stale": "stale",
        "never_engaged": "never engaged",
        "current": "engaged within threshold",
    }


def _in(rows: Iterable[dict], figure: str) -> dict[str, str]:
    return {r["target"]: r["target_name"] for r in rows if MEMBERS[figure](r)}


def figures(before: list[dict], after: list[dict], *, max_hops: int) -> list[dict]:
    """One row per gap figure: ``figure`` (words), ``key``, ``before``, ``after``, ``change``, and which targets
    moved: ``newly`` (names now counted there) and ``no_longer`` (names counted before, not now).

    `before` and `after` are `graph.standing.standing` rows; ``before`` and
    ``after`` are the same numbers `graph.standing.counts` gives for them.
    """
    words = labels(max_hops)
    rows = []
    for figure in COUNTS:
        was, now = _in(before, figure), _in(after, figure)
        rows.append(
            {
                "figure": words[figure],
                "key": figure,
                "before": len(was),
                "after": len(now),
                "change": len(now) - len(was),
                "newly": sorted(now[t] for t in set(now) - set(was)),
                "no_longer": sorted(was[t] for t in set(was) - set(now)),
            }
        )
    return rows


def _state(row: dict | None) -> str:
    """A target's standing in a few words: ``reached in 2 links, one thread``."""
    if row is None:
        return "left the graph"
    reach = (
        f"reached in {row['hops']} link{'s' if row['hops'] != 1 else ''}" if row["reach"] == "reached" else "unreached"
    )
    thread = f", {row['single_thread']} thread" if row["single_thread"] else ""
    return f"{reach}{thread}, {row['engagement']}"


def targets(before: list[dict], after: list[dict]) -> list[dict]:
    """One row per target whose standing the change moves: before and after in words, and why.

    Returns
    -------
    list of dict
        ``target``, ``target_name``, ``before``, ``after`` (a few words
        each), ``reason`` (the threads it hung by before and the ways it is
        reached after), in the order of `before` then new targets.
    """
    was = {r["target"]: r for r in before}
    now = {r["target"]: r for r in after}
    rows = []
    for t in list(dict.fromkeys([*was, *now])):
        b, a = was.get(t), now.get(t)
        if b is not None and a is not None and all(b[key] == a[key] for key in STATUS):
            continue
        why = []
        if b is not None and b["threads"]:
            why.append("before: " + "; ".join(b["threads"]))
        if a is not None and a["threads"]:
            why.append("after: " + "; ".join(a["threads"]))
        if a is not None and a["paths"] and (b is None or a["paths"] != b["paths"]):
            why.append("reached after by " + " | ".join(a["paths"]))
        rows.append(
            {
                "target": t,
                "target_name": (a or b or {}).get("target_name", t),
                "before": _state(b),
                "after": _state(a),
                "reason": "; ".join(why),
            }
        )
    return rows

"""The one-line set filter: parse it, and evaluate it over a networkx graph (pure).

Syntax: terms separated by spaces are all required; ``OR`` between two terms
allows either; a leading ``-`` negates a term; values with spaces are quoted.
``kind:Agency country:AUS``, ``member_of:"Pacific Islands Forum"``,
``kind:Company -party_to:"Voluntary Principles"``, ``tag:pacific OR tag:asean``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from graph.vocabulary import KINDS, REL_TYPES, fold, load_vocabulary

PROPERTY_KEYS = ("kind", "country", "region", "tag", "priority", "name", "id", "set")
LINK_KEYS = (*(t.lower() for t in REL_TYPES), "related")
KEYS = PROPERTY_KEYS + LINK_KEYS
_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z_]+):)?(?:"([^"]*)"|\'([^\']*)\'|(\S+))')


class FilterError(ValueError):
    """A filter that cannot be read or names something that does not exist."""


@dataclass(frozen=True)
class Term:
    """One ``key:value`` condition, possibly negated."""

    key: str
    value: str
    negated: bool = False

    def __str__(self) -> str:
        value = f'"{self.value}"' if " " in self.value else self.value
        return f"{'-' if self.negated else ''}{self.key}:{value}"


@dataclass(frozen=True)
class Filter:
    """All of `groups` must hold; a group holds when any of its terms does."""

    groups: tuple[tuple[Term, ...], ...]
    text: str = ""


def parse(text: str) -> Filter:
    """Read a filter line.

    Raises
    ------
    FilterError
        On an unknown key, kind or relationship, a dangling ``OR`` or an unclosed quote.
    """
    if text.count('"') % 2:
        raise FilterError(f"unclosed quote in filter {text!r}")
    groups: list[list[Term]] = []
    join_next = False
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FilterError(f"cannot read filter {text!r} at {text[position:]!r}")
        position = match.end()
        negated, key, value = match[1] == "-", match[2], next(v for v in match.group(3, 4, 5) if v is not None)
        if key is None and value in ("OR", "AND") and not negated:
            if value == "OR":
                if not groups or join_next:
                    raise FilterError(f"'OR' needs a term on each side in {text!r}")
                join_next = True
            continue
        term = _term(key.lower() if key else "name", value, negated)
        if join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    if join_next:
        raise FilterError(f"'OR' needs a term on each side in {text!r}")
    if not groups:
        raise FilterError("the filter is empty")
    return Filter(tuple(tuple(g) for g in groups), text)


def _term(key: str, value: str, negated: bool) -> Term:
    if key not in KEYS:
        raise FilterError(f"unknown filter key {key!r}; use one of {', '.join(KEYS)}")
    if not value:
        raise FilterError(f"{key}: needs a value")
    if key == "kind":
        kind = load_vocabulary().kind(value)
        if kind is None:
            raise FilterError(f"unknown kind {value!r}; use one of {', '.join(KINDS)}")
        value = kind
    elif key == "country":
        iso3 = load_vocabulary().country(value)
        if iso3 is None:
            raise FilterError(f"unknown country {value!r}; use a name, alias or ISO code")
        value = iso3
    return Term(key, value, negated)


def resolve_entity(graph: nx.MultiDiGraph, text: str) -> str:
    """Id of the one entity whose id, name or alias is `text` (case-insensitive).

    Raises
    ------
    FilterError
        When none or several match; the message suggests names.
    """
    if text in graph:
        return text
    wanted = fold(text)
    found: list[str] = sorted(
        n
        for n, d in graph.nodes(data=True)
        if fold(d.get("name") or "") == wanted or wanted in {fold(a) for a in d.get("aliases") or []}
    )
    if len(found) == 1:
        return found[0]
    if found:
        raise FilterError(f"{text!r} could be any of {', '.join(found)}; use the id")
    iso3 = load_vocabulary().country(text)
    if iso3 is not None and iso3 in graph:
        return iso3
    close = sorted(d.get("name") or n for n, d in graph.nodes(data=True) if wanted in fold(d.get("name") or ""))[:3]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise FilterError(f"no entity named {text!r}{hint}")


def _matches(graph: nx.MultiDiGraph, term: Term, saved: dict[str, str], seen: tuple[str, ...]) -> set[str]:
    nodes = graph.nodes
    if term.key == "set":
        if term.value not in saved:
            raise FilterError(f"no saved set named {term.value!r}")
        if term.value in seen:
            raise FilterError(f"saved set {term.value!r} refers to itself")
        return evaluate(parse(saved[term.value]), graph, saved, (*seen, term.value))
    if term.key in LINK_KEYS:
        other = resolve_entity(graph, term.value)
        if term.key == "related":
            return set(graph.predecessors(other)) | set(graph.successors(other))
        rel_type = term.key.upper()
        found = {u for u, _, d in graph.in_edges(other, data=True) if d.get("type") == rel_type}
        if rel_type in load_vocabulary().undirected:
            found |= {v for _, v, d in graph.out_edges(other, data=True) if d.get("type") == rel_type}
        return found
    wanted = fold(term.value)
    if term.key == "kind":
        return {n for n in nodes if nodes[n].get("kind") == term.value}
    if term.key == "country":
        return {
            n
            for n in nodes
            if nodes[n].get("country") == term.value or (nodes[n].get("kind") == "Country" and n == term.value)
        }
    if term.key == "tag":
        return {n for n in nodes if wanted in {fold(t) for t in nodes[n].get("tags") or []}}
    if term.key == "name":
        return {
            n
            for n in nodes
            if wanted in fold(nodes[n].get("name") or "")
            or any(wanted == fold(a) for a in nodes[n].get("aliases") or [])
        }
    if term.key == "id":
        return {term.value} & set(nodes)
    return {n for n in nodes if fold(nodes[n].get(term.key) or "") == wanted}  # region, priority


def evaluate(
    spec: Filter, graph: nx.MultiDiGraph, saved: dict[str, str] | None = None, seen: tuple[str, ...] = ()
) -> set[str]:
    """Ids of the entities of `graph` that satisfy `spec`.

    Link terms follow only the links in `graph`, so a graph loaded as of a date
    gives the set on that date.  `saved` maps saved-set names to filter text.
    """
    universe = set(graph.nodes)
    result = set(universe)
    for group in spec.groups:
        either: set[str] = set()
        for term in group:
            hits = _matches(graph, term, saved or {}, seen)
            either |= (universe - hits) if term.negated else hits
        result &= either
    return result

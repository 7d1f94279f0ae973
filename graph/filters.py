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

from graph import names
from graph.effort import theme_key, themes_of
from graph.vocabulary import KINDS, REL_TYPES, fold, load_vocabulary

PROPERTY_KEYS = ("kind", "country", "region", "tag", "theme", "priority", "name", "id", "set")
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
    if not found:  # then with punctuation and accents folded too: "FIJI POLICE FORCE." is Fiji Police Force
        squashed = names.fold(text)
        found = sorted(
            n
            for n, d in graph.nodes(data=True)
            if squashed and squashed in {names.fold(x) for x in [d.get("name") or "", *(d.get("aliases") or [])]}
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
    if term.key == "theme":
        return {n for n in nodes if theme_key(term.value) in themes_of(graph, n)}
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


_SAYS = {
    "kind": "of kind",
    "country": "in country",
    "region": "in region",
    "tag": "tagged",
    "theme": "with theme",
    "priority": "priority",
}


def describe(spec: Filter) -> str:
    """How `spec` was read, in words: ``name contains 'Pacific' and name contains 'countries'``."""

    def term(t: Term) -> str:
        if t.key == "name":
            said = f"name contains {t.value!r}"
        elif t.key in _SAYS:
            said = f"{_SAYS[t.key]} {t.value!r}"
        elif t.key == "set":
            said = f"in saved set {t.value!r}"
        else:
            said = f"{t.key.replace('_', ' ')} {t.value!r}"
        return f"not {said}" if t.negated else said

    return " and ".join(" or ".join(term(t) for t in group) for group in spec.groups) or "everything"


_FILLER = frozenset({"a", "an", "the", "of", "in", "and", "all", "every", "our", "with", "priority", "priorities"})


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _meant(graph: nx.MultiDiGraph, word: str) -> str | None:
    """The filter term a bare word most likely meant (a kind, region, tag, priority or country), or None."""
    vocabulary, wanted = load_vocabulary(), fold(word)
    kind = vocabulary.kind(word) or vocabulary.kind(_singular(wanted))
    if kind:
        return f"kind:{kind}"
    for key in ("region", "priority"):
        value = next((d[key] for _, d in graph.nodes(data=True) if fold(d.get(key) or "") == wanted), None)
        if value:
            return str(Term(key, value))
    if any(wanted in {fold(t) for t in d.get("tags") or []} for _, d in graph.nodes(data=True)):
        return str(Term("tag", wanted))
    iso3 = vocabulary.country(word)
    return f"country:{iso3}" if iso3 else None


def suggest(text: str, graph: nx.MultiDiGraph) -> str | None:
    """A filter that reads `text`'s bare words as kinds, regions, tags, priorities or countries, or None.

    Only offered when every bare word means one of those and the result
    selects something: ``Pacific countries`` gives ``region:Pacific kind:Country``.
    """
    try:
        spec = parse(text)
    except FilterError:
        return None
    words = [t for group in spec.groups for t in group if t.key == "name" and not t.negated and len(group) == 1]
    meant = {t.value: _meant(graph, t.value) for t in words if fold(t.value) not in _FILLER}
    if not meant or None in meant.values():
        return None
    kept = [" OR ".join(str(t) for t in group) for group in spec.groups if group[0] not in words]
    offered = " ".join([*dict.fromkeys(m for m in meant.values() if m), *kept])
    return offered if evaluate(parse(offered), graph) else None


def nothing_matches(text: str, graph: nx.MultiDiGraph, role: str) -> str:
    """What to tell a user whose `role` filter (home, targets) selects nothing: how it was read and an example."""
    try:
        read_as = describe(parse(text))
    except FilterError as exc:
        return str(exc)
    offered = suggest(text, graph)
    hint = f" Did you mean `{offered}`?" if offered else ""
    return (
        f"The {role} filter {text!r} was read as: {read_as}. No entity matches.{hint} "
        "A filter is a list of terms such as `kind:Country region:Pacific priority:high`; "
        "words without a key search names."
    )

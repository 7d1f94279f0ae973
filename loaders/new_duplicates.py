"""Likely duplicates a load makes: each entity it creates that may be one it already knows, as a warning (pure).

The loader never merges on these (`loaders.identity` only resolves exact names and aliases); it says which new
entity may be which known one and why (`graph.duplicates`: an acronym matching initials, a similar name, a
shared website ...), with the row and its name column, and how to merge or to dismiss the pair.  A pair whose
names fold to the same text was reported by validation already (``likely duplicate of ... (same name once
folded)``) and is not said twice; a pair remembered as not a duplicate is never said.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from graph.duplicates import likely_duplicates
from loaders.identity import fold_name
from loaders.model import EntityRow, Problem


def _as_entity(row: EntityRow) -> dict:
    props = row.props
    return {
        "id": row.id,
        "name": props.get("name"),
        "kind": row.kind,
        "aliases": props.get("aliases") or [],
        "sources": props.get("sources") or [],
        "country": props.get("country"),
        "date": props.get("date"),
    }


def _folded_names(entity: Mapping) -> set[str]:
    return {fold_name(str(n)) for n in [entity.get("name"), *(entity.get("aliases") or [])] if n}


def new_duplicate_warnings(
    created: list[EntityRow], known: Iterable[Mapping], not_duplicates: Collection[Iterable[str]] = ()
) -> list[Problem]:
    """A warning for every likely duplicate pair with an entity this load creates, on that entity's row.

    Parameters
    ----------
    created : list of EntityRow
        The entities the load creates (new ids).
    known : iterable of mapping
        The database's entities (``entity_lookup`` rows: id, name, aliases, kind, country, sources).
    not_duplicates : collection of pairs of ids
        Pairs remembered as not duplicates.

    Returns
    -------
    list of Problem
        One warning per pair, in the order of `created`, strongest pair first within a row.
    """
    if not created:
        return []
    rows = {row.id: row for row in created}
    entities = {str(e["id"]): dict(e) for e in known} | {row.id: _as_entity(row) for row in created}
    pairs = likely_duplicates(entities.values(), not_duplicates=not_duplicates, involving=rows.keys())
    said: dict[str, list[Problem]] = {}
    for pair in pairs:
        new, other = (pair["a"], pair["b"]) if pair["a"] in rows else (pair["b"], pair["a"])
        if fold_name(str(entities[new].get("name") or "")) in _folded_names(entities[other]):
            continue  # validation said it: "same name once folded"
        row = rows[new]
        where = "created by this load too" if other in rows else "already in the graph"
        message = (
            f"likely duplicate of {entities[other].get('name')} ({other}, {where}): {'; '.join(pair['reasons'])}; "
            f"loaded as its own entity, not merged (merge with `python -m loaders merge {other} {new}` "
            "or on the Overview, where it can also be marked not a duplicate)"
        )
        said.setdefault(new, []).append(
            Problem("warning", row.origin[0], row.origin[1], row.columns.get("name"), message)
        )
    return [p for row in created for p in said.get(row.id, [])]

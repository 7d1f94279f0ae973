"""Network views read from the database: ego networks, a view's entities and links, search, saved views."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

import neo4j

from graph.model import BOOKKEEPING, to_networkx
from graph.network_view import Side, focus_side
from graph.roles import Actor, acting, require
from queries import read, write

MAX_NODES = 2000


class ViewTooLarge(ValueError):
    """A view that would draw more entities than anyone can read."""


def _filters(as_of, types):
    return {
        "as_of": as_of.isoformat() if hasattr(as_of, "isoformat") else as_of,
        "types": list(types) or None if types is not None else None,
    }


def ego_ids(
    driver: neo4j.Driver, center: str, hops: int, *, as_of=None, types=None, side: Collection[str] = ()
) -> list[str]:
    """Ids within `hops` links of `center` or of its roll-up `side`, following only active links of the allowed types.

    The side counts as the centre: its own neighbours are 1 hop away.
    """
    seen = {center, *side}
    frontier = sorted(seen)
    for _ in range(hops):
        rows = read(driver, "neighbour_ids", ids=frontier, **_filters(as_of, types))
        frontier = sorted({row["id"] for row in rows} - seen)
        seen.update(frontier)
        if len(seen) > MAX_NODES or not frontier:
            break
    return sorted(seen)


def rollup_side(driver: neo4j.Driver, focus: str, *, as_of=None) -> Side:
    """What `focus` stands for on `as_of` under roll-up: its agencies (a country) and units, chained as `graph.rollup`.

    One query reads the side alone (``rollup_side``: the country index, the
    focus's ``BASED_IN`` links, the ``PART_OF`` trees below) and the rule of
    `graph.rollup.units` runs on those rows, so the answer is the rule's on the
    whole graph while the cost follows the side, not the graph.  The page's
    ego reads cannot give it (an agency may be its country's by its
    ``country`` property alone, with no link; a unit of a unit is two links
    down), and the whole graph that the measures read costs every entity for
    one focus.
    """
    on = _filters(as_of, None)["as_of"]
    rows = read(driver, "rollup_side", id=focus, as_of=on)
    graph = to_networkx(rows[0]["nodes"], rows[0]["links"]) if rows else to_networkx([], [])
    return focus_side(graph, focus, on=on)


def subgraph(driver: neo4j.Driver, ids: list[str], *, as_of=None, types=None, kinds=None, keep: str | None = None):
    """Nodes and links among `ids`, as plain dicts.

    Parameters
    ----------
    kinds : collection of str, optional
        Keep only entities of these kinds (`keep` is kept whatever its kind).

    Raises
    ------
    ViewTooLarge
        When more than ``MAX_NODES`` entities would be drawn.
    """
    if len(ids) > MAX_NODES:
        raise ViewTooLarge(f"this view has {len(ids):,} entities, more than {MAX_NODES:,} that can be read on screen")
    row = read(driver, "subgraph", ids=ids, **_filters(as_of, types))[0]
    nodes = [n for n in row["nodes"] if kinds is None or n["kind"] in kinds or n["id"] == keep]
    kept = {n["id"] for n in nodes}
    links = [link for link in row["links"] if link["source"] in kept and link["target"] in kept]
    return sorted(nodes, key=lambda n: n["name"] or ""), links


#: Words of a search that count, and characters of each: a name is found by its first few words, and a longer
#: query would exceed Lucene's clause limit (1,024) and fail.
SEARCH_WORDS, WORD_CHARS = 8, 40


def lucene_query(text: str) -> str:
    """A full-text query that matches the first words of `text` as prefixes, special characters escaped."""
    words = re.findall(r"\w+", text)[:SEARCH_WORDS]
    return " AND ".join(f"{w[:WORD_CHARS]}*" for w in words)


def search(driver: neo4j.Driver, text: str, limit: int = 20) -> list[dict]:
    """Entities whose name, alias or id starts with the words of `text`."""
    query = lucene_query(text)
    return read(driver, "search_entities", query=query, text=text, limit=limit) if query else []


def export_rows(driver: neo4j.Driver, ids: list[str], *, as_of=None, types=None) -> tuple[list[dict], list[dict]]:
    """Entities `ids` with every stored fact, and the active links among them, for exports.

    Entities are ``{id, kind, name, ...}`` (an engagement's own kind as
    ``engagement_kind``); links are ``{source, target, type, ...}``; load
    bookkeeping is left out.
    """
    row = read(driver, "view_export", ids=list(ids), **_filters(as_of, types))[0]
    entities = []
    for node in row["nodes"]:
        props = {k: v for k, v in node["props"].items() if k not in BOOKKEEPING}
        if "kind" in props:
            props["engagement_kind"] = props.pop("kind")
        entities.append({"id": node["id"], "kind": node["kind"], **props})
    links = [
        {
            "source": x["source"],
            "target": x["target"],
            "type": x["type"],
            **{k: v for k, v in x["props"].items() if k not in BOOKKEEPING},
        }
        for x in row["links"]
    ]
    entities.sort(key=lambda e: e["id"])
    links.sort(key=lambda x: (x["source"], x["type"], x["target"], x.get("since") or ""))
    return entities, links


def save_view(
    driver: neo4j.Driver,
    name: str,
    state: str,
    *,
    focus: str | None,
    as_of: str | None,
    filters: str,
    saved_at: str,
    layout: str | None = None,
    actor: Actor | None = None,
) -> None:
    """Store a named view (its URL query string, and its arrangement as JSON) in Neo4j, replacing one so named.

    `actor` (default the local user) must be allowed to manage saved views (`graph.roles.Forbidden`); it is kept as
    the view's ``saved_by``.
    """
    actor = acting(actor)
    require(actor, "manage")
    write(
        driver,
        "save_view",
        name=name,
        state=state,
        focus=focus,
        as_of=as_of,
        filters=filters,
        saved_at=saved_at,
        layout=layout,
        by=actor.name,
    )


def saved_views(driver: neo4j.Driver) -> list[dict]:
    """Saved views by name: ``name, state, focus, as_of, filters, saved_at, layout``."""
    return read(driver, "saved_views")


def delete_view(driver: neo4j.Driver, name: str, *, actor: Actor | None = None) -> int:
    """Delete the saved view `name`; how many were deleted.  `actor` (default the local user) must be allowed to
    manage saved views (`graph.roles.Forbidden`)."""
    require(acting(actor), "manage")
    return write(driver, "delete_view", name=name)[0]["deleted"]


ARRANGEMENT_KEY = 12  # hex digits of an arrangement's SHA-1: 48 bits, constant length whatever the view's size


def arrangement_key(layout: str) -> str:
    """The short key a shared link carries for an arrangement (JSON ``{id: [x, y]}``): made from its content."""
    return hashlib.sha1(layout.encode("utf-8")).hexdigest()[:ARRANGEMENT_KEY]


def save_arrangement(driver: neo4j.Driver, layout: str, *, at: str, actor: Actor | None = None) -> str:
    """Keep `layout` (JSON ``{id: [x, y]}``) for shared links and return its key; the same layout keeps one record.

    Sharing is a kind of export, so `actor` (default the local user) needs the viewer's "export"
    (`graph.roles.Forbidden`). The record is not graph data: it changes no graph version.
    """
    actor = acting(actor)
    require(actor, "export")
    rows = write(driver, "save_arrangement", key=arrangement_key(layout), layout=layout, at=at, by=actor.name)
    return rows[0]["key"]


def arrangement(driver: neo4j.Driver, key: str) -> str | None:
    """The arrangement (JSON) kept under `key` by `save_arrangement`, or None when there is none."""
    rows = read(driver, "arrangement", key=key)
    return rows[0]["layout"] if rows else None

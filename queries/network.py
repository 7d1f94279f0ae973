"""Network views assembled from named queries: ego networks, the whole graph, search."""

from __future__ import annotations

import re

import neo4j

from queries import read, write

MAX_NODES = 2000


class ViewTooLarge(ValueError):
    """A view that would draw more entities than anyone can read."""


def _filters(as_of, types):
    return {
        "as_of": as_of.isoformat() if hasattr(as_of, "isoformat") else as_of,
        "types": list(types) or None if types is not None else None,
    }


def ego_ids(driver: neo4j.Driver, center: str, hops: int, *, as_of=None, types=None) -> list[str]:
    """Ids within `hops` links of `center`, following only active links of the allowed types."""
    seen, frontier = {center}, [center]
    for _ in range(hops):
        rows = read(driver, "neighbour_links", ids=frontier, **_filters(as_of, types))
        frontier = sorted({end for row in rows for end in (row["source"], row["target"])} - seen)
        seen.update(frontier)
        if len(seen) > MAX_NODES or not frontier:
            break
    return sorted(seen)


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


def lucene_query(text: str) -> str:
    """A full-text query that matches every word of `text` as a prefix, special characters escaped."""
    words = re.findall(r"\w+", text)
    return " AND ".join(f"{w}*" for w in words)


def search(driver: neo4j.Driver, text: str, limit: int = 20) -> list[dict]:
    """Entities whose name, alias or id starts with the words of `text`."""
    query = lucene_query(text)
    return read(driver, "search_entities", query=query, text=text, limit=limit) if query else []


PROVENANCE = frozenset({"loaded_from", "loaded_at", "updated_at", "load_id", "aliases_text", "key"})


def export_rows(driver: neo4j.Driver, ids: list[str], *, as_of=None, types=None) -> tuple[list[dict], list[dict]]:
    """Entities `ids` with every stored fact, and the active links among them, for exports.

    Entities are ``{id, kind, name, ...}`` (an engagement's own kind as
    ``engagement_kind``); links are ``{source, target, type, ...}``; load
    bookkeeping is left out.
    """
    row = read(driver, "view_export", ids=list(ids), **_filters(as_of, types))[0]
    entities = []
    for node in row["nodes"]:
        props = {k: v for k, v in node["props"].items() if k not in PROVENANCE}
        if "kind" in props:
            props["engagement_kind"] = props.pop("kind")
        entities.append({"id": node["id"], "kind": node["kind"], **props})
    links = [
        {
            "source": x["source"],
            "target": x["target"],
            "type": x["type"],
            **{k: v for k, v in x["props"].items() if k not in PROVENANCE},
        }
        for x in row["links"]
    ]
    entities.sort(key=lambda e: e["id"])
    links.sort(key=lambda x: (x["source"], x["type"], x["target"], x.get("since") or ""))
    return entities, links


CONFIDENCE_LEVELS = ("high", "medium", "low", "unknown")


def link_key(link: dict) -> tuple:
    """What makes a link the same link on two dates: its ends, type, start and wording."""
    return link["source"], link["target"], link["type"], link.get("since"), link.get("kind")


def filter_view(
    nodes: list[dict], links: list[dict], *, regions=None, tags=None, confidence=None, hide=(), keep: str | None = None
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


def save_view(
    driver: neo4j.Driver, name: str, state: str, *, focus: str | None, as_of: str | None, filters: str, saved_at: str
) -> None:
    """Store a named view (its URL query string) in Neo4j, replacing one of the same name."""
    write(driver, "save_view", name=name, state=state, focus=focus, as_of=as_of, filters=filters, saved_at=saved_at)


def saved_views(driver: neo4j.Driver) -> list[dict]:
    """Saved views by name: ``name, state, focus, as_of, filters, saved_at``."""
    return read(driver, "saved_views")


def delete_view(driver: neo4j.Driver, name: str) -> int:
    """Delete the saved view `name`; how many were deleted."""
    return write(driver, "delete_view", name=name)[0]["deleted"]

"""What a network view shows: filters on its entities and links, and the links gained and lost between two dates (pure).

Nodes and links are the plain rows `queries.network.subgraph` returns.
"""

from __future__ import annotations

from collections.abc import Collection

CONFIDENCE_LEVELS = ("high", "medium", "low", "unknown")


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

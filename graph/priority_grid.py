"""The priority grid: targets placed by two measures, split into four quadrants, each with its advice (pure).

A power–interest style grid.  The x axis reads as *importance*, the y axis as
*our engagement*; each is one of the `MEASURES` of a target (not in the home set):

| measure | what it is | high means |
|---|---|---|
| ``priority`` | high 3, medium 2, low 1, none 0 | more important |
| ``recency`` | days since the last engagement with the home set (`graph.gaps.stale`) | *fewer* days: more engaged |
| ``frequency`` | engagements with the home set in the 365 days up to the as-of date | more |
| ``betweenness`` | normalised betweenness on the whole network (`graph.metrics`) | more |
| ``home_links`` | distinct home entities linked directly (`graph.gaps.coverage`) | more |
| ``risk_weight`` | the risks recorded about it (`graph.risk`: high 3, medium 2, low 1 each) | more important |

Engagements and links are rolled up as the gap analyses do.  The split of
``priority`` is fixed: medium or high is high.  Any other axis splits at the
midpoint of its range over the targets (a value above it is high; for
``recency`` one below it, and a target never engaged is low, drawn at the
range's far end).  With an earlier date each target is placed on both dates,
each on its own split, and ``moved`` says whether it changed quadrant.
"""

from __future__ import annotations

import networkx as nx

from graph import gaps, risk
from graph.dates import days_since
from graph.metrics import betweenness

PRIORITY_LEVEL = {"high": 3, "medium": 2, "low": 1}
MEASURES = {
    "priority": "priority (high 3, medium 2, low 1, none 0)",
    "recency": "days since the last engagement with us",
    "frequency": "engagements with us in the last 365 days",
    "betweenness": "betweenness (how much it lies between others)",
    "home_links": "our entities linked to it directly",
    "risk_weight": "weight of the risks recorded about it (high 3, medium 2, low 1 each)",
}
FEWER_IS_MORE = {"recency"}  # fewer days since we met: more engaged
PRIORITY_CUT = 2  # medium or high is high importance
YEAR = 365
# (high importance, high engagement) -> quadrant and its advice
ADVICE = {
    (True, False): ("Build", "Build: open relationships here first"),
    (True, True): ("Maintain", "Maintain: keep close and coordinated"),
    (False, True): ("Review", "Review: is this effort better spent elsewhere?"),
    (False, False): ("Watch", "Watch"),
}


def measures(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, on: str, rollup: bool = True
) -> dict[str, dict]:
    """Each target's measures on date `on`: id -> {``priority``, ``recency``, ``frequency``, ...} (see module).

    ``recency`` is None for a target never engaged.
    """
    wanted = {t for t in targets - home if t in graph}
    standing = {r["target"]: r for r in gaps.stale(graph, home, wanted, on=on, include_current=True, rollup=rollup)}
    engaged = gaps.shared_engagements(graph, home, wanted, rollup=rollup, on=on)
    linked: dict[str, set[str]] = {t: set() for t in wanted}
    for row in gaps.coverage(graph, home, wanted, rollup=rollup):
        if row["links"]:
            linked[row["target"]].add(row["home"])
    between = betweenness(graph)
    weights = {r["target"]: r["weight"] for r in risk.risks(graph, wanted, rollup=rollup, on=on)}
    found = {}
    for t in wanted:
        days = [days_since(e["date"], on) for e in engaged.get(t, [])]
        found[t] = {
            "priority": PRIORITY_LEVEL.get(graph.nodes[t].get("priority") or "", 0),
            "recency": standing[t]["days_since"],
            "frequency": sum(1 for d in days if 0 <= d < YEAR),
            "betweenness": between.get(t, 0.0),
            "home_links": len(linked[t]),
            "risk_weight": weights.get(t, 0),
        }
    return found


def split(values: list[float | None], measure: str) -> float:
    """Where an axis splits: `PRIORITY_CUT` for priority, else the midpoint of the known values' range (0 if none)."""
    if measure == "priority":
        return PRIORITY_CUT
    known = [v for v in values if v is not None]
    return (min(known) + max(known)) / 2 if known else 0.0


def is_high(value: float | None, cut: float, measure: str) -> bool:
    """Whether a value is on the high side of its axis (see the module's table)."""
    if measure == "priority":
        return value is not None and value >= cut
    if value is None:
        return False  # never engaged: not engaged at all
    return value < cut if measure in FEWER_IS_MORE else value > cut


def position(value: float | None, values: list[float | None]) -> float:
    """Where a value is drawn: itself, or for a target never engaged the far end of the range."""
    known = [v for v in values if v is not None]
    return value if value is not None else (max(known) if known else 0.0)


def placed(found: dict[str, dict], x: str, y: str) -> tuple[dict[str, dict], float, float]:
    """Each target's point and quadrant: id -> {``x``, ``y``, ``quadrant``, ``advice``}, and the two splits."""
    xs, ys = [m[x] for m in found.values()], [m[y] for m in found.values()]
    x_cut, y_cut = split(xs, x), split(ys, y)
    points = {}
    for t, m in found.items():
        quadrant, advice = ADVICE[is_high(m[x], x_cut, x), is_high(m[y], y_cut, y)]
        points[t] = {"x": position(m[x], xs), "y": position(m[y], ys), "quadrant": quadrant, "advice": advice}
    return points, x_cut, y_cut


def priority_grid(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    on: str,
    x: str = "priority",
    y: str = "home_links",
    rollup: bool = True,
    before: tuple[nx.MultiDiGraph, str] | None = None,
) -> list[dict]:
    """One row per target: its measures, its point on the chosen axes, its quadrant and the quadrant's advice.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        The graph on `on`.
    home, targets : set of str
        Entity ids; targets in the home set are left out.
    on : str
        The as-of date (ISO).
    x, y : str
        Measures (keys of `MEASURES`) for importance and our engagement.
    rollup : bool
        Roll units up as the gap analyses do.
    before : (graph, date), optional
        The graph on an earlier date: rows then also give ``before_x``,
        ``before_y``, ``before_quadrant`` and ``moved``.

    Returns
    -------
    list of dict
        Sorted by quadrant (Build, Maintain, Review, Watch), then name; the
        splits are in every row (``x_split``, ``y_split``).
    """
    for axis in (x, y):
        if axis not in MEASURES:
            raise ValueError(f"an axis must be one of {', '.join(MEASURES)}")
    found = measures(graph, home, targets, on=on, rollup=rollup)
    points, x_cut, y_cut = placed(found, x, y)
    earlier: dict[str, dict] = {}
    if before is not None:
        old_graph, old_on = before
        earlier, _, _ = placed(measures(old_graph, home, set(found), on=old_on, rollup=rollup), x, y)
    order = [quadrant for quadrant, _ in ADVICE.values()]
    rows = []
    for t, m in found.items():
        data = graph.nodes[t]
        row = {
            "target": t,
            "target_name": data.get("name") or t,
            "target_kind": data.get("kind"),
            "priority_level": data.get("priority"),
            **m,
            "x_axis": x,
            "y_axis": y,
            **points[t],
            "x_split": x_cut,
            "y_split": y_cut,
        }
        if before is not None:
            old = earlier.get(t, {})
            row |= {
                "before_x": old.get("x"),
                "before_y": old.get("y"),
                "before_quadrant": old.get("quadrant"),
                "moved": bool(old) and old["quadrant"] != points[t]["quadrant"],
            }
        rows.append(row)
    return sorted(rows, key=lambda r: (order.index(r["quadrant"]), r["target_name"]))

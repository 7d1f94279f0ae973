"""Node positions computed in Python, so views need no browser physics, and positions that stay.

`positions` is the layout the views start from: igraph's Fruchterman–Reingold, about
50 times faster than ``nx.spring_layout`` on 2,000 entities on this machine
class (``bench/network_bench.py`` measures both in one run). `arrange` keeps a
drawing's arrangement as the view changes: an entity that has a position keeps
it, and one that comes into the view is put next to the entity it came from.
"""

from __future__ import annotations

import functools
import math
import random
import threading
from collections.abc import Iterable, Mapping, Sequence

import igraph as ig
import networkx as nx

from graph.model import to_networkx, undirected

XY = tuple[float, float]
STEP = 130.0  # canvas pixels from an entity to the entities placed around it
GAP = 60.0  # pixels between entities placed on one ring
CLEAR = 40.0  # pixels a placed entity keeps from every other, pushed outward when it would not

_RNG_LOCK = threading.Lock()  # igraph's random generator is process-wide


def spring_positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions from networkx (slow above a few hundred entities), seeded."""
    graph = undirected(to_networkx(nodes, links))
    layout = nx.spring_layout(graph, seed=seed, method="force", iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions from igraph's Fruchterman–Reingold, seeded so a view is drawn the same way.

    The igraph graph is built from the ids directly (one edge per linked pair, whatever the types and directions):
    by way of networkx it took as long as the layout itself at 2,000 entities.
    """
    ids = list(dict.fromkeys(n["id"] for n in nodes))
    if not ids:
        return {}
    index = {node: i for i, node in enumerate(ids)}
    pairs = (
        (index[x["source"]], index[x["target"]])
        for x in links
        if x["source"] in index and x["target"] in index and x["source"] != x["target"]
    )
    graph = ig.Graph(n=len(ids), edges=list(dict.fromkeys((min(a, b), max(a, b)) for a, b in pairs)))
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            layout = graph.layout_fruchterman_reingold(grid="auto")
        finally:
            ig.set_random_number_generator(random)
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, layout.coords, strict=True)}


def to_pixels(layout: Mapping[str, Sequence[float]]) -> dict[str, XY]:
    """Any layout (networkx's [-1, 1], igraph's units) rescaled to canvas pixels in a box centred on 0.

    The box is 90 pixels per square root of the number of entities on a side, at least 400.
    """
    if not layout:
        return {}
    xs = [float(p[0]) for p in layout.values()]
    ys = [float(p[1]) for p in layout.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    side = max(400.0, 90.0 * math.sqrt(len(layout)))
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        key: (round((float(x) - cx) * side / span, 1), round((float(y) - cy) * side / span, 1))
        for key, (x, y) in ((k, (p[0], p[1])) for k, p in layout.items())
    }


def pixel_positions(ids: Sequence[str], links: Iterable[tuple[str, str]], *, seed: int = 7) -> dict[str, XY]:
    """A fresh seeded layout of `ids` (and the `links` among them) in canvas pixels."""
    return dict(_fresh_layout(tuple(ids), tuple(links), seed))


# Seeded, so the same view always gets the same layout: kept for the views opened again (from a link, a saved view,
# another session), as a 2,000-entity layout took 0.19 s of each open. The caller gets a copy to change.
@functools.lru_cache(maxsize=16)
def _fresh_layout(ids: tuple[str, ...], links: tuple[tuple[str, str], ...], seed: int) -> dict[str, XY]:
    nodes = [{"id": n} for n in ids]
    return to_pixels(positions(nodes, [{"source": a, "target": b} for a, b in links], seed=seed))


class _Grid:
    """Placed points hashed by cell, to tell quickly whether a point is within `CLEAR` of one."""

    def __init__(self, points: Iterable[XY]) -> None:
        self.cells: dict[tuple[int, int], list[XY]] = {}
        for point in points:
            self.add(point)

    def _cell(self, point: XY) -> tuple[int, int]:
        return math.floor(point[0] / CLEAR), math.floor(point[1] / CLEAR)

    def add(self, point: XY) -> None:
        self.cells.setdefault(self._cell(point), []).append(point)

    def crowded(self, point: XY) -> bool:
        cx, cy = self._cell(point)
        return any(
            math.dist(point, other) < CLEAR
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in self.cells.get((cx + dx, cy + dy), ())
        )


ARC = 4 * math.pi / 3  # the widest arc new entities take around the one they came from (240 degrees)


def _spots(count: int, facing: float) -> list[tuple[float, float]]:
    """(radius, angle) of `count` entities placed around one: `GAP` apart on an arc of at most `ARC` facing
    `facing`, `STEP` out, then on wider arcs `GAP` further out for as many as do not fit."""
    spots: list[tuple[float, float]] = []
    radius = STEP
    while len(spots) < count:
        ring = min(int(ARC * radius / GAP) + 1, count - len(spots))
        step = GAP / radius
        spots += [(radius, facing + (i - (ring - 1) / 2) * step) for i in range(ring)]
        radius += GAP
    return spots


def _facing(placed: Mapping[str, XY], origin: str) -> float:
    """The direction from the middle of the other placed entities out through `origin` (0, to the right, if none)."""
    others = [xy for node, xy in placed.items() if node != origin]
    if not others:
        return 0.0
    mx, my = sum(x for x, _ in others) / len(others), sum(y for _, y in others) / len(others)
    ox, oy = placed[origin]
    return math.atan2(oy - my, ox - mx) if math.hypot(ox - mx, oy - my) > 1e-6 else 0.0


def arrange(
    ids: Sequence[str],
    links: Iterable[tuple[str, str]],
    known: Mapping[str, Sequence[float]],
    *,
    origins: Mapping[str, str] | None = None,
    seed: int = 7,
) -> dict[str, XY]:
    """Canvas positions for every entity of `ids` that keep the arrangement the user sees (pure, deterministic).

    - An entity with a position in `known` keeps it.
    - With none known, the whole view is laid out afresh (`pixel_positions`).
    - An entity new to the view goes next to the one it came from: ``origins[id]`` when that is placed (the entity
      that was expanded), else its placed neighbour with the most links in view (then the smallest id). The new
      entities of one origin share an arc facing away from the middle of the drawing, `STEP` pixels out (wider
      arcs further out when there are many); each is pushed outward until it is `CLEAR` of every placed entity.
      Entities reached only through new ones are placed next to those in turn.
    - A group linked to nothing placed is laid out by itself and put to the right of the drawing.
    """
    ids = list(dict.fromkeys(ids))
    inside = set(ids)
    pairs = sorted({(a, b) for a, b in links if a in inside and b in inside and a != b})
    placed: dict[str, XY] = {n: (float(known[n][0]), float(known[n][1])) for n in ids if n in known}
    if not placed:
        return pixel_positions(ids, pairs, seed=seed)
    near: dict[str, set[str]] = {n: set() for n in ids}
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)
    hints = origins or {}
    grid = _Grid(placed.values())
    while True:
        groups: dict[str, list[str]] = {}
        for node in ids:
            if node in placed:
                continue
            around = sorted((m for m in near[node] if m in placed), key=lambda m: (-len(near[m]), m))
            origin = hints[node] if hints.get(node) in placed else (around[0] if around else None)
            if origin is not None:
                groups.setdefault(origin, []).append(node)
        if not groups:
            break
        for origin, new in sorted(groups.items()):
            ox, oy = placed[origin]
            for node, (radius, angle) in zip(new, _spots(len(new), _facing(placed, origin)), strict=True):
                for push in range(8):
                    r = radius + push * CLEAR
                    spot = (round(ox + r * math.cos(angle), 1), round(oy + r * math.sin(angle), 1))
                    if not grid.crowded(spot):
                        break
                placed[node] = spot
                grid.add(spot)
    rest = [n for n in ids if n not in placed]
    if rest:
        alone = set(rest)
        block = pixel_positions(rest, [(a, b) for a, b in pairs if a in alone and b in alone], seed=seed)
        right = max(x for x, _ in placed.values()) + STEP
        middle = sum(y for _, y in placed.values()) / len(placed)
        left = min(x for x, _ in block.values())
        centre = sum(y for _, y in block.values()) / len(block)
        placed |= {n: (round(x - left + right, 1), round(y - centre + middle, 1)) for n, (x, y) in block.items()}
    return {n: placed[n] for n in ids}

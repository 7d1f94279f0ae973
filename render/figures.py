"""Static pictures for profiles and briefing packs: PNG bytes drawn with matplotlib's Agg canvas (no browser).

Only the object API is used (no pyplot), so nothing global changes and no window
or display is needed.  Text from the data is drawn as plain text (no mathtext).
"""

from __future__ import annotations

import io
import math
from collections import Counter

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from graph.vocabulary import kind_name
from render.palette import HOME_COLOUR, KIND_COLOURS, OTHER_COLOUR, UNKNOWN_COLOUR

LABEL_CHARS = 26
ONE_RING = 30  # up to this many entities, a picture puts all but the centre on one circle


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


def _short(text: str) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def ego_rings(graph: nx.Graph, center: str, hops: int) -> list[list[str]]:
    """The centre, then the entities 1, 2... links away, each ring sorted by kind then name."""
    distance = nx.single_source_shortest_path_length(graph, center, cutoff=hops)
    rings: list[list[str]] = [[] for _ in range(max(distance.values(), default=0) + 1)]
    for node, d in distance.items():
        rings[d].append(node)

    def key(node):
        return graph.nodes[node].get("kind") or "", graph.nodes[node].get("name") or node

    return [sorted(ring, key=key) for ring in rings if ring]


def network_png(graph: nx.Graph, center: str, *, title: str = "") -> bytes:
    """An ego network drawn in rings around `center` (one ring when small): colour by kind, the centre larger, a
    legend of kinds in words.

    `graph` is a simple undirected graph whose nodes carry ``name`` and ``kind``
    (the caller has already cut it to the entities to show).
    """
    rings = ego_rings(graph, center, hops=len(graph))
    if len(rings) > 1 and len(graph) <= ONE_RING:
        # Few enough for one circle: every label points outward and none sits on another; nearer entities first,
        # each kind together, so the colours read as groups.
        around = sorted(
            (n for n in graph if n != center),
            key=lambda n: (next(i for i, r in enumerate(rings) if n in r), graph.nodes[n].get("kind") or "", n),
        )
        rings = [[center], around]
    positions = nx.shell_layout(graph, nlist=rings, rotate=0.35) if len(rings) > 1 else {center: (0.0, 0.0)}
    figure = Figure(figsize=(8, 6.5))
    axes = figure.add_subplot()
    axes.set_axis_off()
    for u, v in graph.edges():
        if u in positions and v in positions:
            (x1, y1), (x2, y2) = positions[u], positions[v]
            axes.add_line(Line2D([x1, x2], [y1, y2], color="#999999", linewidth=0.7, alpha=0.6, zorder=1))
    outer = set(rings[-1]) if len(rings) > 1 else set()
    kinds: Counter[str | None] = Counter()
    for node, (x, y) in positions.items():
        kind = graph.nodes[node].get("kind")
        kinds[kind] += 1
        big = node == center
        axes.scatter(
            [x],
            [y],
            s=420 if big else 110,
            color=KIND_COLOURS.get(kind or "", UNKNOWN_COLOUR),
            edgecolors="#222222",
            linewidths=1.6 if big else 0.6,
            zorder=3,
        )
        label = _short(graph.nodes[node].get("name") or node)
        if node not in outer:
            axes.text(
                x,
                y - (0.1 if big else 0.06),
                label,
                ha="center",
                va="top",
                fontsize=9 if big else 6,
                fontweight="bold" if big else "normal",
                zorder=5,
                parse_math=False,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.5},
            )
            continue
        # Labels on the outer ring point away from the centre, so they do not sit on each other.
        angle = math.degrees(math.atan2(y, x))
        flip = abs(angle) > 90
        axes.text(
            x * 1.07,
            y * 1.07,
            label,
            ha="right" if flip else "left",
            va="center",
            rotation=angle + 180 if flip else angle,
            rotation_mode="anchor",
            fontsize=6,
            zorder=4,
            parse_math=False,
        )
    axes.set_xlim(-1.75, 1.75)
    axes.set_ylim(-1.75, 1.75)
    axes.set_aspect("equal")
    handles = [
        Patch(color=KIND_COLOURS.get(k or "", UNKNOWN_COLOUR), label=f"{kind_name(k, n) if k else 'unknown'} ({n})")
        for k, n in sorted(kinds.items(), key=lambda kv: kv[0] or "")
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.98, 1.0), fontsize=7, frameon=False)
    if title:
        axes.set_title(title, fontsize=10, loc="left", parse_math=False)
    return _png(figure)


def timeline_png(dates: list[str], with_home: list[bool], *, title: str = "") -> bytes:
    """Engagements per year, stacked: with the home set, and without."""
    years = sorted({d[:4] for d in dates if d})
    ours = Counter(d[:4] for d, h in zip(dates, with_home, strict=True) if d and h)
    others = Counter(d[:4] for d, h in zip(dates, with_home, strict=True) if d and not h)
    figure = Figure(figsize=(6.5, 2.4))
    axes = figure.add_subplot()
    width = 0.6 if len(years) > 2 else 0.3
    axes.bar(years, [ours[y] for y in years], width=width, color=HOME_COLOUR, label="with the home set")
    axes.bar(
        years,
        [others[y] for y in years],
        width=width,
        bottom=[ours[y] for y in years],
        color=OTHER_COLOUR,
        label="other",
    )
    if len(years) < 4:
        axes.set_xlim(-1.5, len(years) + 0.5)
    axes.set_ylabel("engagements", fontsize=8)
    axes.tick_params(labelsize=7)
    locator = axes.yaxis.get_major_locator()
    assert isinstance(locator, MaxNLocator)  # a linear axis starts with an AutoLocator
    locator.set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        axes.set_title(title, fontsize=9, loc="left", parse_math=False)
    return _png(figure)

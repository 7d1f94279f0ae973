"""Self-contained, offline vis-network HTML pages built with pyvis.

The page inlines vis-network's JS and CSS from the installed pyvis package, so it
works without network access (e.g. inside ``st.iframe``). All data is embedded as
HTML-safe JSON and shown as plain text, so markup in names cannot execute.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from graph.vocabulary import undirected_types
from render.palette import CHANGE_STYLES, COMMUNITY_COLOURS, KIND_COLOURS, UNKNOWN_COLOUR

__all__ = ["CHANGE_STYLES", "KIND_COLOURS", "KIND_SHAPES", "colour_of", "has_external_refs", "network_html"]

#: vis-network shapes (label below the shape), a second cue besides colour.
KIND_SHAPES: dict[str, str] = {
    "Agency": "dot",
    "NGO": "triangle",
    "Company": "square",
    "InternationalOrganisation": "hexagon",
    "Forum": "star",
    "Program": "triangleDown",
    "Country": "diamond",
    "Agreement": "square",
    "Engagement": "dot",
}
_KIND_ORDER = {kind: i for i, kind in enumerate(KIND_COLOURS)}

_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_TEMPLATE_DIR = Path(__file__).parent / "templates"
# Matched on the ASCII-lowercased UTF-8 bytes (fast, offsets unchanged). No
# ``\b`` before ``src`` so the regex engine can scan for the literal quickly.
_URL = rb"((?:https?:)?//[^\"'\s>)]+)"
_EXTERNAL_REF = re.compile(
    rb"src\s*=\s*[\"']?\s*"
    + _URL
    + rb"|<link\b[^<>]*?\bhref\s*=\s*[\"']?\s*"
    + _URL
    + rb"|@import\s+(?:url\(\s*)?[\"']?\s*"
    + _URL
    + rb"|url\(\s*[\"']?\s*"
    + _URL
)
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "/": "\\/",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """Return vis-network's (JS, CSS) from pyvis, ready to inline."""
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    return Markup(js), Markup(css)


@functools.lru_cache(maxsize=1)
def _template():
    """Return the cached Jinja template for the page (autoescaped)."""
    env = Environment(loader=FileSystemLoader(_TEMPLATE_DIR), autoescape=True)
    return env.get_template("network.html")


def _js_json(value: object) -> Markup:
    """Serialise ``value`` as JSON that is safe inside an HTML ``<script>``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _dates(item: dict) -> str:
    """Return a "since – until" phrase, or "" when neither is set."""
    since, until = item.get("since"), item.get("until")
    if since and until:
        return f"{since} – {until}"
    return f"since {since}" if since else (f"until {until}" if until else "")


def _tooltip(*lines: str, sources: list | None = None) -> str:
    """Join non-empty lines and a sources list into a plain-text tooltip."""
    parts = [line for line in lines if line]
    if sources:
        parts.append("Sources:\n" + "\n".join(f"• {s}" for s in sources))
    return "\n".join(parts)


def _edge_label(edge: dict) -> str:
    """Return e.g. "member of", or "related to (co-chairs)" for RELATED_TO."""
    label = str(edge["type"]).lower().replace("_", " ")
    if edge["type"] == "RELATED_TO" and edge.get("kind"):
        label += f" ({edge['kind']})"
    return label


def colour_of(node: dict, colour_by: str) -> tuple[tuple, str, str]:
    """Return a node's (legend sort key, legend label, colour) for ``colour_by`` "kind" or "community"."""
    if colour_by == "kind":
        kind = str(node.get("kind", ""))
        order = _KIND_ORDER.get(kind, len(_KIND_ORDER))
        return (order, kind), kind, KIND_COLOURS.get(kind, UNKNOWN_COLOUR)
    community = node.get("community")
    if community is None:
        return (math.inf, ""), "No community", UNKNOWN_COLOUR
    colour = COMMUNITY_COLOURS[int(community) % len(COMMUNITY_COLOURS)]
    return (int(community), ""), f"Community {community}", colour


def _scale(positions: dict, n_nodes: int) -> dict:
    """Rescale any layout (e.g. networkx's [-1, 1]) to a pixel box around 0."""
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    side = max(400.0, 90.0 * math.sqrt(n_nodes))
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {key: ((float(x) - cx) * side / span, (float(y) - cy) * side / span) for key, (x, y) in positions.items()}


def _options(physics: bool, scaled: bool) -> dict:
    """Return the vis-network options object."""
    options: dict[str, Any] = {
        "nodes": {"size": 14, "font": {"size": 13}, "borderWidth": 1},
        "edges": {
            "font": {"size": 9, "color": "#555555", "strokeWidth": 2, "align": "middle"},
            "color": {"color": "#9E9E9E", "highlight": "#444444"},
            "smooth": {"type": "continuous", "roundness": 0.2},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
        "physics": {"enabled": False},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 140,
                "springConstant": 0.04,
                "damping": 0.4,
                "avoidOverlap": 0.2,
            },
            "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 25, "fit": True},
        }
    if scaled:
        options["nodes"]["scaling"] = {"min": 8, "max": 40}
    return options


def network_html(
    nodes: list[dict],
    edges: list[dict],
    *,
    height: int = 650,
    positions: dict | None = None,
    colour_by: str = "kind",
    size_by: dict | None = None,
    edge_labels: bool = True,
    settle: bool = False,
) -> str:
    """Render a graph as a fully offline, self-contained HTML page.

    Parameters
    ----------
    nodes : list of dict
        Nodes with ``id``, ``name``, ``kind`` and optional ``country``,
        ``description``, ``sources`` (list of str), ``since``/``until`` and
        ``community`` (int, used when ``colour_by="community"``). Duplicate ids
        are ignored.
    edges : list of dict
        Edges with ``source``, ``target``, ``type`` and optional ``since``,
        ``until``, ``kind`` (wording for ``RELATED_TO``) and ``sources``.
        Edges whose endpoints are not in ``nodes`` are skipped.
    height : int, default 650
        Total page height in CSS pixels; the canvas fills what the legend and
        the "selected" line leave. Pass the same value to ``st.iframe``.
    positions : dict, optional
        ``{id: (x, y)}`` precomputed layout in any scale (rescaled to pixels).
        When given, physics is disabled; otherwise barnesHut runs for at most
        150 stabilisation iterations and is then switched off.
    colour_by : {"kind", "community"}, default "kind"
        What the node colour (and the legend) shows. Shapes always follow kind.
    size_by : dict, optional
        ``{id: number}`` (e.g. a centrality); nodes are scaled by it.
    edge_labels : bool, default True
        Write each link's type on it (always in its tooltip).
    settle : bool, default False
        With `positions`, let browser physics run briefly *from* those
        positions (small views), instead of drawing them as they are.
        Edges with ``change`` "gained" or "lost" are drawn in the
        ``CHANGE_STYLES`` and get a legend entry.

    Returns
    -------
    str
        The HTML page. After drawing it sets ``window.sgeNetwork`` and
        ``document.body.dataset.nodes``; ``data-ready="1"`` once the layout is
        settled. A node click posts ``{type: "sge:select", id}`` to the parent.

    Raises
    ------
    ValueError
        If ``colour_by`` is not "kind" or "community".
    """
    if colour_by not in ("kind", "community"):
        raise ValueError(f"colour_by must be 'kind' or 'community', not {colour_by!r}")
    scaled = _scale(positions, len(nodes)) if positions else {}
    net = Network(height=f"{int(height)}px", directed=True, cdn_resources="in_line")
    legend: dict[tuple, tuple[str, str]] = {}
    for node in nodes:
        order, key, colour = colour_of(node, colour_by)
        legend[order] = (key, colour)
        extra = dict(zip("xy", scaled[node["id"]], strict=True)) if node["id"] in scaled else {}
        if size_by is not None:
            extra["value"] = float(size_by.get(node["id"], 0))
        name, kind = str(node.get("name") or node["id"]), str(node.get("kind", ""))
        net.add_node(
            node["id"],
            label=name if len(name) <= 40 else name[:39] + "…",
            shape=KIND_SHAPES.get(kind, "dot"),
            color=colour,
            title=_tooltip(
                name,
                " · ".join(str(v) for v in (kind, node.get("country")) if v),
                _dates(node),
                node.get("description") or "",
                sources=node.get("sources"),
            ),
            **extra,
        )
    known = set(net.node_ids)
    changes = set()
    for edge in edges:
        if edge["source"] not in known or edge["target"] not in known:
            continue
        label = _edge_label(edge)
        style = {}
        if edge.get("change") in CHANGE_STYLES:
            changes.add(edge["change"])
            change = CHANGE_STYLES[edge["change"]]
            style = {"color": change["color"], "width": change["width"], "dashes": change["dashes"]}
            label = f"{label} ({edge['change']})"
        net.add_edge(
            edge["source"],
            edge["target"],
            label=label if edge_labels else "",
            title=_tooltip(label, _dates(edge), sources=edge.get("sources")),
            arrows={"to": {"enabled": edge["type"] not in undirected_types(), "scaleFactor": 0.5}},
            **style,
        )
    for i, change in enumerate(sorted(changes)):
        legend[(math.inf, "~change", i)] = (CHANGE_STYLES[change]["legend"], CHANGE_STYLES[change]["color"])
    vis_js, vis_css = _vis_assets()
    return _template().render(
        height=int(height),
        nodes=_js_json(net.nodes),
        edges=_js_json(net.edges),
        options=_js_json(_options(physics=(not scaled or settle), scaled=size_by is not None)),
        physics=(not scaled or settle) and bool(net.nodes),
        legend=[legend[order] for order in sorted(legend)],
        vis_js=vis_js,
        vis_css=vis_css,
    )


def has_external_refs(html: str) -> list[str]:
    """Return remote URLs referenced by ``src=``, ``<link href>``, ``@import``, ``url()``.

    Parameters
    ----------
    html : str
        An HTML page.

    Returns
    -------
    list of str
        The http(s) or protocol-relative (``//host``) URLs found, in order;
        empty when the page is self-contained. Data embedded by
        :func:`network_html` cannot match: its JSON escapes ``/`` as ``\\/``.
    """
    raw = html.encode("utf-8")
    return [
        raw[m.start(g) : m.end(g)].decode("utf-8")
        for m in _EXTERNAL_REF.finditer(raw.lower())
        for g in range(1, 5)
        if m.start(g) >= 0
    ]

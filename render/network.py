"""Offline vis-network drawings built with pyvis: the page's drawing component and a self-contained HTML export.

Both use vis-network's JS from the installed pyvis package, so they work without
network access. The export inlines it with every datum embedded as HTML-safe
JSON; the component (`COMPONENT_FILES`, served by `component_dir`) loads it from
its own folder and is given plain JSON (`canvas_args`). Names and notes are
always shown as plain text, so markup in them cannot execute.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from graph.layout import to_pixels
from graph.vocabulary import undirected_types
from render.palette import CHANGE_STYLES, COMMUNITY_COLOURS, KIND_COLOURS, UNKNOWN_COLOUR

__all__ = [
    "CHANGE_STYLES",
    "COMPONENT_FILES",
    "KIND_COLOURS",
    "KIND_SHAPES",
    "canvas_args",
    "colour_of",
    "component_dir",
    "has_external_refs",
    "network_html",
    "pack",
    "unpack",
]
#: Entity ids, and linked pairs of them, kept lit while the rest of the drawing fades (a path, a selection).
Highlight = tuple[Collection[str], Collection[tuple[str, str]]]

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
#: The Network page's drawing as a Streamlit component: index.html and its script, written by hand (no build).
COMPONENT_FILES = Path(__file__).parent / "components" / "network"
LINK_COLOUR = "#9E9E9E"
HIGHLIGHT_COLOUR = "#0072B2"  # Okabe-Ito blue: a path or the links among a selection
FADED = 0.2  # opacity of what a highlight leaves out
FADED_TEXT = "rgba(34, 34, 34, 0.25)"
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


def _options(physics: bool, scaled: bool) -> dict:
    """Return the vis-network options object."""
    options: dict[str, Any] = {
        "nodes": {"size": 14, "font": {"size": 13}, "borderWidth": 1},
        "edges": {
            "font": {"size": 9, "color": "#555555", "strokeWidth": 2, "align": "middle"},
            "color": {"color": LINK_COLOUR, "highlight": "#444444"},
            "smooth": {"type": "continuous", "roundness": 0.2},
            "width": 1,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},  # each link says "to" or "" (`_vis_data`)
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


# Above this many links they are drawn straight: vis-network took 2.5 s to set up 10,000 curved links among 2,000
# entities in Chromium, 0.9 s straight ones; curves help a small view's two-way links, and cost a large one its speed.
STRAIGHT_FROM = 1_000
# Links above this many are drawn without their wording (still in each link's tooltip): at the zoom that shows the
# whole of such a view no label is readable, and vis-network measures and draws every one on each frame: among 2,000
# entities and 8,880 links a redraw (each frame of a pan or a zoom) took 87 ms worded, 63 ms without, the first
# drawing 146 against 89 ms (`bench/vis_setup.py`).
LABELLED_UP_TO = 1_000


def labels_drawn(asked: bool, links: int) -> bool:
    """Whether links are drawn with their wording: when `asked` and the view has at most `LABELLED_UP_TO`."""
    return asked and links <= LABELLED_UP_TO


class _Network(Network):
    """pyvis's network, whose check that each link's ends exist looks them up in its id map, not in its list of
    ids (pyvis scans the list once per end of every link: 0.4 s of 10,000 links among 2,000 entities)."""

    def get_nodes(self):
        return self.node_map


def _vis_data(
    nodes: list[dict],
    edges: list[dict],
    *,
    placed: dict,
    colour_by: str,
    size_by: dict | None,
    edge_labels: bool,
    highlight: Highlight | None = None,
) -> tuple[list[dict], list[dict], list[tuple[str, str]]]:
    """vis-network's nodes and edges (built with pyvis) at the pixel positions `placed`, and the legend."""
    if colour_by not in ("kind", "community"):
        raise ValueError(f"colour_by must be 'kind' or 'community', not {colour_by!r}")
    net = _Network(directed=True, cdn_resources="in_line")
    legend: dict[tuple, tuple[str, str]] = {}
    lit_nodes, lit_pairs = (set(highlight[0]), {frozenset(p) for p in highlight[1]}) if highlight else (set(), set())
    for node in nodes:
        order, key, colour = colour_of(node, colour_by)
        legend[order] = (key, colour)
        extra: dict[str, Any] = dict(zip("xy", placed[node["id"]], strict=True)) if node["id"] in placed else {}
        if size_by is not None:
            extra["value"] = float(size_by.get(node["id"], 0))
        if highlight and node["id"] not in lit_nodes:
            extra |= {"opacity": FADED, "font": {"color": FADED_TEXT}}
        name, kind = str(node.get("name") or node["id"]), str(node.get("kind", ""))
        net.add_node(
            node["id"],
            label=name if len(name) <= 40 else name[:39] + "…",
            name=name,  # whole, for the drawing's search box and menu
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
        style: dict[str, Any] = {}
        if edge.get("change") in CHANGE_STYLES:
            changes.add(edge["change"])
            change = CHANGE_STYLES[edge["change"]]
            style = {"color": change["color"], "width": change["width"], "dashes": change["dashes"]}
            label = f"{label} ({edge['change']})"
        if highlight:
            if frozenset((edge["source"], edge["target"])) in lit_pairs:
                style |= {"color": HIGHLIGHT_COLOUR, "width": 3}
            else:
                style |= {"color": {"color": style.get("color", LINK_COLOUR), "opacity": FADED / 2}}
                style["font"] = {"color": FADED_TEXT}
        net.add_edge(
            edge["source"],
            edge["target"],
            label=label if edge_labels else "",
            title=_tooltip(label, _dates(edge), sources=edge.get("sources")),
            # The short form, the size set once in the options: 0.5 MB less to send for 10,000 links.
            arrows="" if edge["type"] in undirected_types() else "to",
            **style,
        )
    for i, change in enumerate(sorted(changes)):
        legend[(math.inf, "~change", i)] = (CHANGE_STYLES[change]["legend"], CHANGE_STYLES[change]["color"])
    return net.nodes, net.edges, [legend[order] for order in sorted(legend)]


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
    """Render a graph as a fully offline, self-contained HTML page (the view's HTML export).

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
        the "selected" line leave.
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
        settled. A node click shows its id under the drawing.

    Raises
    ------
    ValueError
        If ``colour_by`` is not "kind" or "community".
    """
    scaled = to_pixels(positions) if positions else {}
    vis_nodes, vis_edges, legend = _vis_data(
        nodes, edges, placed=scaled, colour_by=colour_by, size_by=size_by, edge_labels=edge_labels
    )
    vis_js, vis_css = _vis_assets()
    return _template().render(
        height=int(height),
        nodes=_js_json(vis_nodes),
        edges=_js_json(vis_edges),
        options=_js_json(_options(physics=(not scaled or settle), scaled=size_by is not None)),
        physics=(not scaled or settle) and bool(vis_nodes),
        legend=legend,
        vis_js=vis_js,
        vis_css=vis_css,
    )


def canvas_args(
    nodes: list[dict],
    edges: list[dict],
    positions: dict,
    *,
    colour_by: str = "kind",
    size_by: dict | None = None,
    edge_labels: bool = True,
    highlight: Highlight | None = None,
    selected: list[str] | None = None,
    height: int = 650,
    ack: int = 0,
    fit: int = 0,
    menu: list[dict] | None = None,
    found: Collection[str] = (),
) -> dict:
    """What the Network page's drawing component (`COMPONENT_FILES`) is given: plain JSON, no markup.

    `positions` are canvas pixels (`graph.layout.arrange`) and are drawn as they are, physics off, so an entity
    stays where it is between reruns. `highlight` is (entity ids, linked pairs) to keep lit while the rest fades;
    `selected` the ids shown selected. `ack` is the last event the page has handled (the component forgets those),
    and a new `fit` fits the whole view in the canvas. `menu` is the right-click menu, ``{action, label, except}``
    (the ids it is disabled for), and `found` the ids the page found for the drawing's search text. Names, notes
    and sources travel as text: vis-network shows a text tooltip with ``innerText``, and the component writes the
    legend and the menu with ``textContent``. The nodes and links travel packed (`pack`; the component unpacks
    them as `unpack` does). Links carry their wording when `edge_labels` and the view has at most
    `LABELLED_UP_TO` of them (`labels_drawn`).
    """
    edge_labels = labels_drawn(edge_labels, len(edges))
    vis_nodes, vis_edges, legend = _vis_data(
        nodes,
        edges,
        placed=positions,
        colour_by=colour_by,
        size_by=size_by,
        edge_labels=edge_labels,
        highlight=highlight,
    )
    options = _options(physics=False, scaled=size_by is not None) | {"autoResize": False}  # network.js resizes
    options["interaction"] |= {"zoomView": False, "multiselect": False, "selectConnectedEdges": False}
    if len(vis_edges) > STRAIGHT_FROM:
        options["edges"]["smooth"] = False
    data = pack(vis_nodes, vis_edges, edge_labels=edge_labels) | {"options": options, "legend": legend}
    return data | {
        "rev": hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16],
        "selected": [i for i in selected or [] if i in {n["id"] for n in vis_nodes}],
        "height": int(height),
        "ack": ack,
        "fit": fit,
        "menu": menu or [],
        "found": sorted(set(found)),
    }


def _after_first_line(first: str, text: str) -> str:
    """What `text` says after its first line `first` (a tooltip after its name or wording)."""
    return text[len(first) + 1 :] if text.startswith(first + "\n") else ""


def pack(vis_nodes: list[dict], vis_edges: list[dict], *, edge_labels: bool) -> dict:
    """vis-network's nodes and edges in the component's compact form: a third of the JSON for a large view.

    A 2,000-entity view with 10,000 links took 3.1 MB as vis-network's objects, most of it each link's two ids,
    wording and tooltip; the browser parsed, copied and collected all of it twice before drawing. Packed:

    - ``nodes``: vis-network's nodes without ``title`` (made from ``name`` and ``tip``, the tooltip after the name)
      and without ``label`` unless it is not the name (shortened);
    - ``links``: ``[from, to, wording, arrow, style, tip]``: the ends as positions in ``nodes``, the wording as a
      position in ``wordings`` (drawn on the link when ``labels``), ``arrow`` 1 for "to", the style (colour, width,
      dashes) as a position in ``styles``, and the tooltip after the wording.
    """
    index = {n["id"]: i for i, n in enumerate(vis_nodes)}
    packed_nodes = []
    for node in vis_nodes:
        item = {k: v for k, v in node.items() if k not in ("title", "label")}  # made again from name and tip
        if node["label"] != node["name"]:
            item["label"] = node["label"]
        if tip := _after_first_line(node["name"], node["title"]):
            item["tip"] = tip
        elif node["title"] != node["name"]:  # not made by `_vis_data`: sent whole
            item["title"] = node["title"]
        packed_nodes.append(item)
    wordings: dict[str, int] = {}
    styles: dict[str, int] = {}
    links = []
    for edge in vis_edges:
        wording = edge["label"] or edge["title"].split("\n", 1)[0]  # the label is the tooltip's start when drawn
        style = {k: v for k, v in edge.items() if k not in ("from", "to", "label", "title", "arrows")}
        links.append(
            [
                index[edge["from"]],
                index[edge["to"]],
                wordings.setdefault(wording, len(wordings)),
                1 if edge["arrows"] == "to" else 0,
                styles.setdefault(json.dumps(style, sort_keys=True), len(styles)),
                _after_first_line(wording, edge["title"]),
            ]
        )
    return {
        "nodes": packed_nodes,
        "links": links,
        "wordings": list(wordings),
        "styles": [json.loads(style) for style in styles],
        "labels": edge_labels,
    }


def unpack(args: dict) -> tuple[list[dict], list[dict]]:
    """vis-network's nodes and edges from `canvas_args`, as the component (``network.js``) unpacks them."""
    nodes = []
    for packed in args["nodes"]:
        node = {k: v for k, v in packed.items() if k != "tip"}
        node["label"] = packed.get("label") or packed["name"]
        node["title"] = packed.get("title") or packed["name"] + ("\n" + packed["tip"] if packed.get("tip") else "")
        nodes.append(node)
    edges = []
    for k, (source, target, wording, arrow, style, tip) in enumerate(args["links"]):
        said = args["wordings"][wording]
        edges.append(
            {
                "id": k,
                "from": nodes[source]["id"],
                "to": nodes[target]["id"],
                "label": said if args["labels"] else "",
                "title": said + ("\n" + tip if tip else ""),
                "arrows": "to" if arrow else "",
                **args["styles"][style],
            }
        )
    return nodes, edges


def component_dir() -> Path:
    """A folder serving the drawing component: its hand-written files and vis-network from pyvis, nothing fetched.

    Assembled once per content in the temporary folder (the component's files and pyvis's vis-network hashed), so
    the repository carries no copy of vis-network and every process serves the same files.
    """
    sources = [*sorted(p for p in COMPONENT_FILES.iterdir() if p.is_file()), _VIS_DIR / "vis-network.min.js"]
    digest = hashlib.sha1(b"".join(p.name.encode() + p.read_bytes() for p in sources)).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / f"sge-network-component-{digest}"
    if not target.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=target.name + "-"))
        for source in sources:
            shutil.copyfile(source, staging / source.name)
        try:
            staging.rename(target)
        except OSError:  # another process made it first
            shutil.rmtree(staging, ignore_errors=True)
    return target


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

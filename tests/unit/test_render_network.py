"""Tests for render.network: offline, escaped, self-contained vis-network pages."""

import json
import re

import pytest

from render.network import (
    COMPONENT_FILES,
    KIND_COLOURS,
    LABELLED_UP_TO,
    STRAIGHT_FROM,
    _vis_data,
    canvas_args,
    component_dir,
    has_external_refs,
    network_html,
    pack,
    unpack,
)

NODES = [
    {"id": "a", "name": "DFAT", "kind": "Agency", "country": "Australia", "sources": ["https://dfat.gov.au/x"]},
    {"id": "b", "name": "Pacific Islands Forum", "kind": "Forum", "description": "Regional forum"},
    {"id": "c", "name": "Fiji", "kind": "Country"},
]
EDGES = [
    {"source": "a", "target": "b", "type": "MEMBER_OF", "since": 2001},
    {"source": "c", "target": "b", "type": "RELATED_TO", "kind": "co-chairs", "until": 2020},
    {"source": "a", "target": "c", "type": "PARTNERS_WITH"},
]
MALICIOUS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "<!--<script>alert(4)//",
]


def _js_value(html: str, name: str):
    """Return the JSON literal assigned to ``const <name>`` in the page, decoded."""
    match = re.search(rf"^\s*const {name} = (.*);$", html, re.MULTILINE)
    assert match, name
    return json.loads(match.group(1))


def _legend(html: str) -> list[str]:
    """Return the legend entries (``data-kind`` values) in page order."""
    return re.findall(r'<li data-kind="([^"]*)"', html)


@pytest.fixture(scope="module")
def page() -> str:
    return network_html(NODES, EDGES)


def test_three_node_graph_renders(page):
    assert page.startswith("<!DOCTYPE html>")
    assert [n["id"] for n in _js_value(page, "sgeNodes")] == ["a", "b", "c"]
    assert len(_js_value(page, "sgeEdges")) == 3
    for hook in ("window.sgeNetwork = network", "dataset.nodes", 'dataset.ready = "1"', '"sge:select"'):
        assert hook in page
    assert 'id="sge-selected"' in page


def test_no_external_refs(page):
    assert has_external_refs(page) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert "sourceMappingURL" not in page


def test_vis_network_is_inlined(page):
    assert len(page) > 100_000
    assert "vis-network" in page and "vis.Network" in page and ".vis-tooltip" in page
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<script src="https://cdn.example/vis.js"></script>', ["https://cdn.example/vis.js"]),
        ("<LINK rel=stylesheet HREF='HTTP://cdn.example/a.css'>", ["HTTP://cdn.example/a.css"]),
        ('<style>@import "https://cdn.example/b.css";</style>', ["https://cdn.example/b.css"]),
        ("<div style='background: url(//cdn.example/i.png)'>", ["//cdn.example/i.png"]),
        ('<script src="lib/vis.js"></script><a href="https://example.org">x</a>', []),
        ("url(data:image/png;base64,AAAA)", []),
    ],
)
def test_has_external_refs(snippet, expected):
    assert has_external_refs(snippet) == expected


@pytest.mark.parametrize("evil", MALICIOUS)
@pytest.mark.parametrize(("field", "vis_key"), [("name", "label"), ("description", "title"), ("id", "id")])
def test_malicious_data_is_escaped(evil, field, vis_key):
    nodes = [dict(NODES[0], **{field: evil}), *NODES[1:]]
    edges = [dict(EDGES[1], source=nodes[0]["id"], kind=evil, sources=[evil])]
    html = network_html(nodes, edges)
    assert evil not in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.lower().count("<script") == network_html(NODES, EDGES).lower().count("<script")
    assert has_external_refs(html) == []
    # The escaped JSON still decodes to the original text, which vis shows as plain text.
    assert evil in _js_value(html, "sgeNodes")[0][vis_key]
    assert evil in _js_value(html, "sgeEdges")[0]["title"]


def test_malicious_kind_in_legend_is_escaped():
    html = network_html([{"id": "x", "name": "X", "kind": "<b onmouseover=alert(1)>"}], [])
    assert "<b onmouseover" not in html
    assert _legend(html) == ["&lt;b onmouseover=alert(1)&gt;"]


def test_positions_disable_physics():
    html = network_html(NODES, EDGES, positions={"a": (-1.0, 0.0), "b": (1.0, 0.5), "c": (0.0, -1.0)})
    assert _js_value(html, "sgeOptions")["physics"] == {"enabled": False}
    nodes = _js_value(html, "sgeNodes")
    assert all("x" in n and "y" in n for n in nodes)
    assert max(n["x"] for n in nodes) - min(n["x"] for n in nodes) >= 300  # rescaled to pixels
    assert "stabilizationIterationsDone" not in html.split("const sgeNodes")[1]


def test_without_positions_physics_is_bounded(page):
    physics = _js_value(page, "sgeOptions")["physics"]
    assert physics["enabled"] is True and physics["solver"] == "barnesHut"
    assert physics["stabilization"]["iterations"] == 150
    assert "network.setOptions({physics: {enabled: false}})" in page


@pytest.mark.parametrize(
    "kinds",
    [["Agency"], ["Country", "NGO"], list(KIND_COLOURS)],
)
def test_legend_lists_only_kinds_present(kinds):
    nodes = [{"id": i, "name": f"n{i}", "kind": kind} for i, kind in enumerate(kinds * 2)]
    html = network_html(nodes, [])
    assert _legend(html) == [k for k in KIND_COLOURS if k in kinds]
    for kind in kinds:
        assert f'data-kind="{kind}"><span class="swatch" style="background: {KIND_COLOURS[kind]}"' in html
    assert {n["color"] for n in _js_value(html, "sgeNodes")} == {KIND_COLOURS[k] for k in kinds}


def test_colour_by_community():
    nodes = [dict(n, community=i % 2) for i, n in enumerate(NODES)]
    html = network_html(nodes, EDGES, colour_by="community")
    assert _legend(html) == ["Community 0", "Community 1"]
    colours = [n["color"] for n in _js_value(html, "sgeNodes")]
    assert colours[0] == colours[2] != colours[1]
    with pytest.raises(ValueError, match="colour_by"):
        network_html(NODES, EDGES, colour_by="country")


@pytest.mark.parametrize(
    ("edge", "label", "arrow"),
    [
        (EDGES[0], "member of", True),
        (EDGES[1], "related to (co-chairs)", False),
        (EDGES[2], "partners with", False),
        ({"source": "a", "target": "b", "type": "PARTY_TO"}, "party to", True),
    ],
)
def test_edge_labels_and_arrows(edge, label, arrow):
    (vis_edge,) = _js_value(network_html(NODES, [edge]), "sgeEdges")
    assert vis_edge["label"] == label
    assert vis_edge["title"].startswith(label)
    assert vis_edge["arrows"] == ("to" if arrow else "")  # vis-network's short form, sized by the options
    assert _js_value(network_html(NODES, [edge]), "sgeOptions")["edges"]["arrows"]["to"]["scaleFactor"] == 0.5


def test_tooltips_are_plain_text_with_details(page):
    nodes, edges = _js_value(page, "sgeNodes"), _js_value(page, "sgeEdges")
    assert nodes[0]["title"] == "DFAT\nAgency · Australia\nSources:\n• https://dfat.gov.au/x"
    assert nodes[1]["title"] == "Pacific Islands Forum\nForum\nRegional forum"
    assert edges[0]["title"] == "member of\nsince 2001"
    assert edges[1]["title"] == "related to (co-chairs)\nuntil 2020"


def test_size_by_and_dangling_edges():
    html = network_html(NODES, [*EDGES, {"source": "a", "target": "zz", "type": "FUNDS"}], size_by={"a": 5})
    assert [n["value"] for n in _js_value(html, "sgeNodes")] == [5.0, 0.0, 0.0]
    assert len(_js_value(html, "sgeEdges")) == 3


def test_empty_graph_is_ready_immediately():
    html = network_html([], [])
    assert _js_value(html, "sgeNodes") == [] and _legend(html) == []
    assert "stabilizationIterationsDone" not in html.split("const sgeNodes")[1]


# -- the page's drawing component: plain JSON in, a static folder served offline -------------------------------


def test_canvas_args_draw_the_positions_as_given_with_physics_off():
    placed = {"a": (10.0, -20.0), "b": (400.5, 30.0), "c": (-5.0, 0.0)}
    args = canvas_args(NODES, EDGES, placed, selected=["b", "gone"], ack=7, fit=2)
    assert [(n["id"], n["x"], n["y"]) for n in unpack(args)[0]] == [(k, *v) for k, v in placed.items()]
    assert args["options"]["physics"] == {"enabled": False}
    assert args["options"]["interaction"]["zoomView"] is False  # the wheel scrolls the page until it has focus
    assert args["selected"] == ["b"] and (args["ack"], args["fit"], args["height"]) == (7, 2, 650)
    assert args["legend"] == [
        ("Agency", KIND_COLOURS["Agency"]),
        ("Forum", KIND_COLOURS["Forum"]),
        ("Country", KIND_COLOURS["Country"]),
    ]


def test_canvas_args_change_their_rev_with_what_is_drawn_only():
    placed = {"a": (0.0, 0.0), "b": (1.0, 1.0), "c": (2.0, 2.0)}
    first = canvas_args(NODES, EDGES, placed)
    assert canvas_args(NODES, EDGES, placed, selected=["a"], ack=3)["rev"] == first["rev"]
    assert canvas_args(NODES, EDGES, placed | {"a": (5.0, 0.0)})["rev"] != first["rev"]


def test_a_highlight_keeps_its_entities_and_links_lit_and_fades_the_rest():
    placed = {"a": (0.0, 0.0), "b": (1.0, 1.0), "c": (2.0, 2.0)}
    nodes, edges = unpack(canvas_args(NODES, EDGES, placed, highlight=(["a", "b"], [("b", "a")])))
    assert {n["id"]: n.get("opacity") for n in nodes} == {"a": None, "b": None, "c": 0.2}
    lit, *faded = edges
    assert (lit["from"], lit["to"], lit["color"], lit["width"]) == ("a", "b", "#0072B2", 3)
    assert all(e["color"]["opacity"] < 0.2 for e in faded)


@pytest.mark.parametrize("evil", MALICIOUS)
def test_canvas_args_carry_hostile_text_as_text(evil):
    args = canvas_args([dict(NODES[0], name=evil, description=evil)], [], {"a": (0.0, 0.0)})
    ((node,), _) = unpack(args)
    assert node["label"] == evil[:39] + ("…" if len(evil) > 40 else "") and evil in node["title"]
    script = (COMPONENT_FILES / "network.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "textContent" in script


def test_the_component_folder_is_served_whole_and_offline():
    folder = component_dir()
    assert {p.name for p in folder.iterdir()} >= {"index.html", "network.js", "network.css", "vis-network.min.js"}
    assert component_dir() == folder  # assembled once per content
    page = (folder / "index.html").read_text()
    assert has_external_refs(page) == [] and 'src="vis-network.min.js"' in page
    for name in ("index.html", "network.js", "network.css"):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", (folder / name).read_text()), name


@pytest.mark.parametrize(
    ("links", "smooth"), [(STRAIGHT_FROM, {"type": "continuous", "roundness": 0.2}), (STRAIGHT_FROM + 1, False)]
)
def test_a_large_view_draws_its_links_straight(links, smooth):
    nodes = [{"id": f"n{i}", "name": f"N {i}", "kind": "Agency"} for i in range(links + 1)]
    edges = [{"source": "n0", "target": f"n{i}", "type": "PARTNERS_WITH"} for i in range(1, links + 1)]
    args = canvas_args(nodes, edges, {n["id"]: (0.0, 0.0) for n in nodes})
    assert len(args["links"]) == links and args["options"]["edges"]["smooth"] == smooth


@pytest.mark.parametrize(
    ("links", "asked", "worded"),
    [(LABELLED_UP_TO, True, True), (LABELLED_UP_TO + 1, True, False), (LABELLED_UP_TO, False, False)],
)
def test_a_large_view_draws_its_links_without_wording_but_keeps_it_in_the_tooltip(links, asked, worded):
    nodes = [{"id": f"n{i}", "name": f"N {i}", "kind": "Agency"} for i in range(links + 1)]
    edges = [{"source": "n0", "target": f"n{i}", "type": "PARTNERS_WITH"} for i in range(1, links + 1)]
    args = canvas_args(nodes, edges, {n["id"]: (0.0, 0.0) for n in nodes}, edge_labels=asked)
    _, drawn = unpack(args)
    assert len(drawn) == links and args["labels"] is worded
    assert {e["label"] for e in drawn} == ({"partners with"} if worded else {""})
    assert all(e["title"].startswith("partners with") for e in drawn)


TRICKY = [  # names and wordings a first-line split would cut: a newline, a name that starts another's tooltip
    {"id": "a", "name": "Line one\nline two", "kind": "Agency", "description": "x\ny", "sources": ["s1", "s2"]},
    {"id": "b", "name": "b", "kind": "Forum"},
    {"id": "c", "name": "C" * 45, "kind": "Country", "since": "2020-01-01"},
    {"id": "d", "kind": "NGO"},  # no name: the id is shown
]
TRICKY_LINKS = [
    {"source": "a", "target": "b", "type": "RELATED_TO", "kind": "co-\nchairs", "sources": ["https://x.example/1"]},
    {"source": "b", "target": "c", "type": "MEMBER_OF", "since": "2001-02-03", "change": "gained"},
    {"source": "c", "target": "d", "type": "PARTNERS_WITH", "change": "lost"},
    {"source": "d", "target": "a", "type": "FUNDS"},
    {"source": "a", "target": "zz", "type": "FUNDS"},  # an end not drawn: left out
]


@pytest.mark.parametrize("labels", [True, False])
@pytest.mark.parametrize("highlight", [None, (["a", "b"], [("a", "b")])])
@pytest.mark.parametrize("size_by", [None, {"a": 3}])
def test_the_packed_view_unpacks_to_what_vis_network_is_given(labels, highlight, size_by):
    placed = {n["id"]: (float(i), -float(i)) for i, n in enumerate(TRICKY)}
    args = canvas_args(TRICKY, TRICKY_LINKS, placed, edge_labels=labels, highlight=highlight, size_by=size_by)
    nodes, edges, _ = _vis_data(
        TRICKY, TRICKY_LINKS, placed=placed, colour_by="kind", size_by=size_by, edge_labels=labels, highlight=highlight
    )
    assert unpack(args) == (nodes, [{"id": k, **edge} for k, edge in enumerate(edges)])


def test_a_large_view_travels_in_under_half_the_json():
    nodes = [
        {"id": f"agency-{i:04d}", "name": f"Agency number {i}", "kind": "Agency", "sources": [f"https://x.example/{i}"]}
        for i in range(300)
    ]
    edges = [
        {
            "source": f"agency-{i % 300:04d}",
            "target": f"agency-{(i * 7 + 1) % 300:04d}",
            "type": "PARTICIPATED_IN",
            "since": "2015-01-08",
            "sources": [f"https://news.example.org/{i}"],
        }
        for i in range(2_000)
    ]
    placed = {n["id"]: (0.0, 0.0) for n in nodes}
    vis_nodes, vis_edges, _ = _vis_data(nodes, edges, placed=placed, colour_by="kind", size_by=None, edge_labels=True)
    packed = pack(vis_nodes, vis_edges, edge_labels=True)  # worded links, as a view of up to LABELLED_UP_TO sends
    given = unpack(packed)  # what vis-network is given, as the component unpacks it
    assert given == (vis_nodes, [{"id": k, **edge} for k, edge in enumerate(vis_edges)])
    assert len(json.dumps(packed)) < 0.5 * len(json.dumps({"nodes": given[0], "links": given[1]}))

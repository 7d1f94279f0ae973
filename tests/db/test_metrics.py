"""Known-answer tests for centrality, communities and brokers, and the named analyses on the sample data."""

import math

import networkx as nx
import pytest

from analyses.catalog import run
from cli.queries import main
from graph import communities as comm
from graph import metrics
from graph.model import to_networkx


def graph_of(edges, kinds=None):
    """A MultiDiGraph like the app's from ``(source, target[, type])`` tuples."""
    nodes = {n for e in edges for n in e[:2]} | set(kinds or {})
    return to_networkx(
        [{"id": n, "name": n.upper(), "kind": (kinds or {}).get(n, "Agency")} for n in sorted(nodes)],
        [{"source": e[0], "target": e[1], "type": e[2] if len(e) > 2 else "PARTNERS_WITH"} for e in edges],
    )


FLORENTINE = nx.florentine_families_graph()


def test_degree_counts_distinct_neighbours_in_either_direction():
    g = graph_of(
        [("a", "b", "MEMBER_OF"), ("a", "b", "PARTNERS_WITH"), ("b", "a", "FUNDS"), ("c", "a")], kinds={"d": "Country"}
    )
    assert metrics.degree(g) == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert metrics.link_count(g) == {"a": 4, "b": 3, "c": 1, "d": 0}


def test_florentine_medici_have_the_highest_betweenness_with_the_published_value():
    found = metrics.betweenness(FLORENTINE)
    assert max(found, key=found.get) == "Medici"
    assert found["Medici"] == pytest.approx(0.521978, abs=1e-6)  # 47.5 of 91 pairs (Padgett's families)
    expected = nx.betweenness_centrality(FLORENTINE)
    assert found == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        (nx.path_graph(5), {0: 0.0, 1: 0.5, 2: 4 / 6, 3: 0.5, 4: 0.0}),
        (nx.star_graph(4), {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}),
        (nx.complete_graph(4), dict.fromkeys(range(4), 0.0)),
    ],
)
def test_betweenness_by_hand(graph, expected):
    assert metrics.betweenness(graph) == pytest.approx(expected)


def test_betweenness_is_sampled_with_a_stated_k_above_the_limit():
    graph = nx.barabasi_albert_graph(600, 2, seed=3)
    assert metrics.betweenness_method(600) == "exact"
    assert metrics.betweenness_method(600, exact_limit=100, k=200) == "sampled k=200"
    exact = metrics.betweenness(graph)
    sampled = metrics.betweenness(graph, exact_limit=100, k=200, seed=1)
    assert sampled == metrics.betweenness(graph, exact_limit=100, k=200, seed=1)  # seeded: stable
    top = sorted(exact, key=exact.get)[-5:]
    for node in top:
        assert sampled[node] == pytest.approx(exact[node], rel=0.35)
    assert max(sampled, key=sampled.get) == max(exact, key=exact.get)


def test_pagerank_of_a_star_solves_the_equations():
    n, d = 4, 0.85
    found = metrics.pagerank(nx.star_graph(n))
    # centre c = (1-d)/N + d*n*l ; leaf l = (1-d)/N + d*c/n with N = n+1
    big_n = n + 1
    leaf = (1 - d) / big_n * (1 + d / n) / (1 - d * d)
    centre = (1 - d) / big_n + d * n * leaf
    assert found[0] == pytest.approx(centre, rel=1e-6)
    assert found[1] == pytest.approx(leaf, rel=1e-6)
    assert sum(found.values()) == pytest.approx(1.0)


def test_pagerank_is_uniform_on_a_cycle_and_highest_for_the_medici():
    assert metrics.pagerank(nx.cycle_graph(6)) == pytest.approx(dict.fromkeys(range(6), 1 / 6))
    found = metrics.pagerank(FLORENTINE)
    assert max(found, key=found.get) == "Medici"


def test_closeness_matches_the_definition_including_a_network_in_pieces():
    assert metrics.closeness(nx.path_graph(3)) == pytest.approx({0: 2 / 3, 1: 1.0, 2: 2 / 3})
    pieces = nx.Graph([(0, 1)])
    pieces.add_node(2)
    assert metrics.closeness(pieces) == pytest.approx({0: 0.5, 1: 0.5, 2: 0.0})
    broken = nx.disjoint_union(nx.path_graph(4), nx.star_graph(3))
    assert metrics.closeness(broken) == pytest.approx(nx.closeness_centrality(broken))
    assert metrics.closeness(FLORENTINE) == pytest.approx(nx.closeness_centrality(FLORENTINE))


def test_empty_and_tiny_graphs():
    for fn in (metrics.degree, metrics.betweenness, metrics.pagerank, metrics.closeness):
        assert fn(nx.Graph()) == {}
    assert metrics.betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}


def two_cliques():
    graph = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    graph.add_edge(4, 5)
    return nx.relabel_nodes(graph, {n: f"n{n}" for n in graph})


def test_louvain_finds_two_cliques_numbered_by_size_and_is_stable():
    found = comm.louvain(two_cliques())
    assert found == comm.louvain(two_cliques())
    assert {found[f"n{i}"] for i in range(5)} == {0}
    assert {found[f"n{i}"] for i in range(5, 10)} == {1}
    rows = comm.groups(two_cliques(), found)
    assert [(r["community"], r["size"], r["links_inside"], r["links_out"]) for r in rows] == [
        (0, 5, 10, 1),
        (1, 5, 10, 1),
    ]


def test_bridges_and_cut_points_of_two_cliques():
    graph = two_cliques()
    assert comm.bridges(graph) == [{"source": "n4", "target": "n5", "cut_off": 5}]
    assert comm.cut_points(graph) == [{"id": "n4", "pieces": 2, "cut_off": 4}, {"id": "n5", "pieces": 2, "cut_off": 4}]
    assert comm.cut_points(nx.complete_graph(4)) == [] and comm.bridges(nx.cycle_graph(5)) == []


def test_a_star_centre_cuts_off_every_leaf_but_the_largest_piece():
    assert comm.cut_points(nx.star_graph(3)) == [{"id": 0, "pieces": 3, "cut_off": 2}]
    assert [r["cut_off"] for r in comm.bridges(nx.star_graph(3))] == [1, 1, 1]


def test_cut_points_and_bridges_agree_with_networkx_on_random_graphs():
    for seed in range(15):
        graph = nx.gnm_random_graph(40, 45 + seed, seed=seed)
        assert {r["id"] for r in comm.cut_points(graph)} == set(nx.articulation_points(graph))
        assert {frozenset((r["source"], r["target"])) for r in comm.bridges(graph)} == {
            frozenset(e) for e in nx.bridges(graph)
        }


def test_connector_joins_three_groups():
    graph = nx.disjoint_union_all([nx.complete_graph(4)] * 3)
    graph.add_edges_from([("x", 0), ("x", 4), ("x", 8)])
    found = comm.louvain(graph)
    rows = comm.connectors(graph, found)
    assert [r["id"] for r in rows] == ["x"]
    assert len(rows[0]["reaches"]) == 2 and found["x"] not in rows[0]["reaches"]


# -- the named analyses on the sample data -----------------------------------------------------------------------


def test_degree_analysis_lists_distinct_neighbours_most_first(sample_db):
    rows = run(sample_db, "degree", params={"top": "10"})
    assert len(rows) == 10 and [r["rank"] for r in rows] == list(range(1, 11))
    values = [r["degree"] for r in rows]
    assert values == sorted(values, reverse=True)
    assert all(r["links"] >= r["degree"] for r in rows)


def test_betweenness_analysis_states_its_method(sample_db):
    rows = run(sample_db, "betweenness", params={"top": "10"})
    assert len(rows) == 10 and {r["method"] for r in rows} == {"exact"}
    assert 0 < rows[0]["betweenness"] <= 1


def test_communities_brokers_pagerank_closeness_run_on_the_sample(sample_db):
    groups = run(sample_db, "communities")
    assert len(groups) >= 2 and groups[0]["size"] >= groups[-1]["size"] >= 2
    assert run(sample_db, "communities") == groups
    brokers = run(sample_db, "brokers", params={"top": "5"})
    assert {r["broker"] for r in brokers} >= {"cut point", "connector"}
    for name in ("pagerank", "closeness"):
        rows = run(sample_db, name, params={"top": "3"})
        assert len(rows) == 3 and rows[0][name] >= rows[-1][name]


@pytest.mark.parametrize("name", ["degree", "betweenness"])
def test_cli_prints_csv(sample_db, capsys, name):
    assert main(["run", name, "--param", "top=10", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff# Marking: ")  # opens as UTF-8 in Excel, says what it is above the table
    lines = [line for line in out.strip().splitlines() if not line.lstrip('\ufeff"').startswith("# ")]
    assert lines[0].startswith(f"rank,id,name,kind,{name}") and len(lines) == 11


def test_metrics_on_an_empty_graph(db):
    assert run(db, "degree") == [] and run(db, "betweenness") == [] and run(db, "communities") == []
    assert not math.isnan(sum(r["closeness"] for r in run(db, "closeness")) or 0)


def test_louvain_does_not_depend_on_the_order_the_graph_was_read_in():
    import random

    graph = nx.relabel_nodes(nx.barabasi_albert_graph(300, 2, seed=4), str)
    shuffled = nx.Graph()
    nodes, edges = list(graph.nodes), list(graph.edges)
    random.Random(1).shuffle(nodes)
    random.Random(2).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from((v, u) for u, v in edges)
    assert comm.louvain(shuffled) == comm.louvain(graph)

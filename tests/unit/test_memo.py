"""graph.memo: worked out once per frozen graph, never kept for one that can change."""

import gc

import networkx as nx
import pytest

from graph import memo
from graph.memo import kept_while_frozen
from graph.nearest import adjacency

pytestmark = pytest.mark.unit


def _counted():
    calls = []

    @kept_while_frozen
    def edges_of_type(graph, rel_type):
        calls.append(rel_type)
        return sorted((u, v) for u, v, t in graph.edges(data="type") if t == rel_type)

    return edges_of_type, calls


def _graph():
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", type="MEMBER_OF")
    graph.add_edge("b", "c", type="FUNDS")
    return graph


def test_a_frozen_graph_is_worked_out_once_per_arguments():
    edges_of_type, calls = _counted()
    graph = nx.freeze(_graph())
    assert edges_of_type(graph, "MEMBER_OF") == [("a", "b")]
    assert edges_of_type(graph, "MEMBER_OF") == [("a", "b")]
    assert edges_of_type(graph, "FUNDS") == [("b", "c")]
    assert calls == ["MEMBER_OF", "FUNDS"]


def test_a_graph_that_can_change_is_worked_out_each_time():
    edges_of_type, calls = _counted()
    graph = _graph()
    assert edges_of_type(graph, "FUNDS") == [("b", "c")]
    graph.add_edge("c", "a", type="FUNDS")
    assert edges_of_type(graph, "FUNDS") == [("b", "c"), ("c", "a")]
    assert calls == ["FUNDS", "FUNDS"]


def test_what_is_kept_goes_with_its_graph():
    edges_of_type, _ = _counted()
    gc.collect()
    before = len(memo._kept)
    graph = nx.freeze(_graph())
    edges_of_type(graph, "FUNDS")
    assert graph in memo._kept and len(memo._kept) == before + 1
    del graph
    gc.collect()
    assert len(memo._kept) == before


def test_the_adjacency_of_a_frozen_graph_is_the_one_worked_out_afresh():
    graph = _graph()
    fresh = adjacency(graph)
    frozen = nx.freeze(graph)
    assert adjacency(frozen) == fresh and adjacency(frozen) is adjacency(frozen)

"""Gould–Fernandez roles on three entities, Burt's measures checked by hand and against networkx (no database)."""

import math

import networkx as nx
import pytest

from graph.brokerage import brokerage, groups, structural_holes
from graph.model import to_networkx

pytestmark = pytest.mark.unit


def chain(kinds, rel_type="MEMBER_OF", closed=False):
    """a -> b -> c with the given kinds (the groups, by kind); `closed` adds a -> c."""
    nodes = [{"id": n, "kind": k, "name": n.upper()} for n, k in zip("abc", kinds, strict=True)]
    links = [("a", "b"), ("b", "c"), *([("a", "c")] if closed else [])]
    return to_networkx(nodes, [{"source": s, "target": t, "type": rel_type} for s, t in links])


ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (("Agency", "Agency", "Agency"), "coordinator"),  # all in one group
        (("NGO", "Agency", "Agency"), "gatekeeper"),  # an outsider let into b's group
        (("Agency", "Agency", "NGO"), "representative"),  # b speaks for its group to another
        (("Agency", "NGO", "Agency"), "consultant"),  # b mediates inside a group not its own
        (("Agency", "NGO", "Company"), "liaison"),  # three groups
    ],
)
def test_each_role_on_three_entities(kinds, expected):
    rows = {r["entity"]: r for r in brokerage(chain(kinds), top=0)}
    assert {role: rows["b"][role] for role in ROLES} == {role: int(role == expected) for role in ROLES}
    assert rows["b"]["brokerage"] == 1 and rows["b"]["rank"] == 1
    assert rows["a"]["brokerage"] == rows["c"]["brokerage"] == 0
    assert rows["b"]["reason"] == f"mostly {expected} (1 of 1), e.g. A → B → C"


def test_a_closed_triad_has_no_broker():
    assert all(r["brokerage"] == 0 for r in brokerage(chain(("Agency", "NGO", "Company"), closed=True), top=0))


def test_an_undirected_link_runs_both_ways():
    # a - b - c as partnerships: a -> b -> c (gatekeeper for a, outside) and c -> b -> a (representative).
    row = brokerage(chain(("NGO", "Agency", "Agency"), "PARTNERS_WITH"), top=0)[0]
    assert (row["entity"], row["gatekeeper"], row["representative"], row["brokerage"]) == ("b", 1, 1, 2)


def test_groups_by_country_read_the_property_a_based_in_link_or_the_country_itself():
    graph = to_networkx(
        [
            {"id": "FJI", "kind": "Country", "name": "Fiji"},
            {"id": "fp", "kind": "Agency", "name": "Fiji Police", "country": "FJI"},
            {"id": "ngo", "kind": "NGO", "name": "Helpers"},
            {"id": "x", "kind": "NGO", "name": "Nowhere"},
            {"id": "nz", "kind": "Agency", "name": "NZ Police", "country": "NZL"},
        ],
        [{"source": "ngo", "target": "FJI", "type": "BASED_IN"}],
    )
    assert groups(graph, "country") == {"FJI": "Fiji", "fp": "Fiji", "ngo": "Fiji", "nz": "New Zealand"}
    assert groups(graph, "kind")["ngo"] == groups(graph, "kind")["x"]
    with pytest.raises(ValueError, match="by must be one of"):
        groups(graph, "colour")


def test_an_entity_without_a_group_takes_part_in_no_two_path():
    graph = chain(("Agency", "NGO", "Company"))
    graph.nodes["a"]["kind"] = None
    assert all(r["brokerage"] == 0 for r in brokerage(graph, top=0))


@pytest.mark.parametrize(
    ("edges", "node", "size", "constraint"),
    [
        ([("c", "x"), ("c", "y"), ("c", "z")], "c", 3.0, 1 / 3),  # a star's centre: three ways out, none redundant
        ([("c", "x"), ("c", "y"), ("c", "z")], "x", 1.0, 1.0),
        ([("a", "b"), ("b", "c")], "b", 2.0, 0.5),
        ([("a", "b"), ("b", "c"), ("a", "c")], "a", 1.0, 1.125),  # a triangle: (1/2 + 1/2 * 1/2)^2, twice
    ],
)
def test_effective_size_and_constraint_by_hand(edges, node, size, constraint):
    found_size, found_constraint = structural_holes(nx.Graph(edges))
    assert found_size[node] == pytest.approx(size)
    assert found_constraint[node] == pytest.approx(constraint)


@pytest.mark.parametrize(
    "graph", [nx.karate_club_graph(), nx.florentine_families_graph()], ids=["karate", "florentine"]
)
def test_effective_size_and_constraint_are_networkxs(graph):
    plain = nx.Graph(graph.edges())
    plain.add_node("alone")
    size, constraint = structural_holes(plain)
    assert size == pytest.approx(nx.effective_size(plain), nan_ok=True)
    assert constraint == pytest.approx(nx.constraint(plain), nan_ok=True)
    assert math.isnan(size["alone"])

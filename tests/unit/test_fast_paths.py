"""The faster analyses give the rows of the plain ones (`bench.reference`), row by row (no database).

On hand-built graphs of the other unit tests, on random small graphs (hypothesis) and on a generated graph of
the benchmark's kind; with roll-up on and off and every bound from one to three links.
"""

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import reference
from bench.memory_graph import generated_graph, home_and_targets
from graph import gaps
from graph.key_players import key_players
from graph.model import to_networkx
from tests.unit.test_gap_analyses import GRAPH, HOME
from tests.unit.test_key_players import HOME as STAR_HOME
from tests.unit.test_key_players import STAR, TWO_OF_ONE
from tests.unit.test_key_players import TARGETS as STAR_TARGETS

pytestmark = pytest.mark.unit

KINDS = ("Agency", "Agency", "Agency", "Country", "NGO", "Company", "Forum", "Agreement", "Engagement")
TYPES = ("PARTNERS_WITH", "PART_OF", "PART_OF", "BASED_IN", "MEMBER_OF", "PARTY_TO", "PARTICIPATED_IN")
DATES = (None, "2023", "2024-02", "2025-06-30")


def same_rows(graph, home, targets, *, max_hops, rollup, players=True):
    """Assert that each fast analysis gives the plain one's rows on one question."""
    ask = {"max_hops": max_hops, "rollup": rollup}
    assert gaps.reach(graph, home, targets, **ask) == reference.reach(graph, home, targets, **ask)
    assert gaps.single_threads(graph, home, targets, **ask) == reference.single_threads(graph, home, targets, **ask)
    cells = gaps.coverage(graph, home, targets, rollup=rollup)
    assert cells == sorted(cells, key=by_names)  # equal names in id order (the plain way left them in set order)
    assert cells == sorted(reference.coverage(graph, home, targets, rollup=rollup), key=by_names)
    for on in ("2024-01-01", "2026-11-30"):
        ask_on = {"on": on, "rollup": rollup}
        assert gaps.followup(graph, home, None, **ask_on) == reference.followup(graph, home, None, **ask_on)
    if players:
        ask["k"] = 0
        assert key_players(graph, home, targets, **ask) == reference.key_players(graph, home, targets, **ask)


def by_names(cell):
    return cell["home_name"], cell["home"], cell["target_name"], cell["target"]


TARGETS = {n for n in GRAPH if n.startswith("t")} | {"uk", "dfat"}  # a home entity among the targets too


@pytest.mark.parametrize("rollup", [True, False])
@pytest.mark.parametrize("max_hops", [1, 2, 3])
def test_hand_graphs(max_hops, rollup):
    same_rows(GRAPH, HOME, TARGETS, max_hops=max_hops, rollup=rollup)
    same_rows(STAR, STAR_HOME, STAR_TARGETS, max_hops=max_hops, rollup=rollup)
    same_rows(TWO_OF_ONE, STAR_HOME, {"t", "c"}, max_hops=max_hops, rollup=rollup)


# Graphs the random test once found the faster key players wrong on: a home unit linked to the target (its loss
# leaves one home entity linked directly), an agency both a country's and a home entity's unit, a unit's chain
# through another unit.  (nodes, PART_OF or PARTNERS_WITH links, home, targets, max_hops)
FOUND = [
    ("n0 n1 n2 n3 n4", "n0>n4 n3>n0 n0-n2 n1-n2 n1-n4 n2-n3", {"n0", "n4"}, {"n2"}, 2),
    ("n0 n1:Country n2:Country n3:Country n4:n1", "n4>n0 n0-n3 n1-n2 n2-n3 n2-n4", {"n0", "n1"}, {"n2"}, 2),
    ("n0 n1 n2 n3 n4", "n3>n2 n4>n3 n0-n1 n1-n4", {"n0", "n2"}, {"n1"}, 1),
]


def found_graph(nodes: str, links: str) -> nx.MultiDiGraph:
    """A graph from ``id``, ``id:Country`` or ``id:country-id`` (an agency of it) and ``a>b`` (PART_OF) / ``a-b``."""
    rows = []
    for spec in nodes.split():
        i, _, rest = spec.partition(":")
        kind = "Country" if rest == "Country" else "Agency"
        rows.append({"id": i, "kind": kind, "name": "A", "country": rest if rest and kind == "Agency" else None})
    edges = [
        {"source": a, "target": b, "type": "PART_OF" if ">" in link else "PARTNERS_WITH"}
        for link in links.split()
        for a, b in [link.replace(">", "-").split("-")]
    ]
    return to_networkx(rows, edges)


@pytest.mark.parametrize(("nodes", "links", "home", "targets", "max_hops"), FOUND)
def test_graphs_once_found_wrong(nodes, links, home, targets, max_hops):
    same_rows(found_graph(nodes, links), home, targets, max_hops=max_hops, rollup=True)


@st.composite
def questions(draw):
    """A random graph of a few entities with units, countries and their agencies, agreements and engagements; a
    home set and targets."""
    size = draw(st.integers(4, 16))
    ids = [f"n{i}" for i in range(size)]
    kinds = [draw(st.sampled_from(KINDS)) for _ in ids]
    countries = [i for i, k in zip(ids, kinds, strict=True) if k == "Country"]
    nodes = []
    for i, kind in zip(ids, kinds, strict=True):
        country = draw(st.sampled_from([None, *countries])) if kind == "Agency" and countries else None
        # Names repeat so that ties are broken by id, as the analyses promise.
        date = draw(st.sampled_from(DATES)) if kind == "Engagement" else None
        nodes.append({"id": i, "kind": kind, "name": draw(st.sampled_from("ABC")), "country": country, "date": date})
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(TYPES), st.sampled_from(DATES))
    links = [
        {"source": a, "target": b, "type": t, "since": since}
        for a, b, t, since in draw(st.lists(pairs, min_size=size, max_size=3 * size))
        if a != b
    ]
    graph = to_networkx(nodes, links)
    home = set(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4)))
    targets = set(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6)))
    return graph, home, targets


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions(), st.integers(1, 3), st.booleans())
def test_random_graphs(question, max_hops, rollup):
    graph, home, targets = question
    same_rows(graph, home, targets, max_hops=max_hops, rollup=rollup)


@pytest.fixture(scope="module")
def generated() -> nx.MultiDiGraph:
    return generated_graph(400, 1600)


@pytest.mark.parametrize(("max_hops", "rollup"), [(3, True), (2, False)])
def test_generated_graph(generated, max_hops, rollup):
    home, targets = home_and_targets(generated)
    assert home and targets
    same_rows(generated, home, targets, max_hops=max_hops, rollup=rollup)

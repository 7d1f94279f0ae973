"""The faster analyses give the rows of the plain ones (`bench.reference`), row by row (no database).

On hand-built graphs of the other unit tests, on random small graphs (hypothesis) and on generated graphs of
the benchmark's kind; with roll-up on and off and every bound from one to three links.  Key players is also
compared with its way before its losses rolled up only the targets tried (`_key_players_before`) on generated
graphs of other seeds and sizes.
"""

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import reference
from bench.memory_graph import generated_graph, home_and_targets
from graph import gaps
from graph.key_players import NOT_PLAYERS, _asked, _fragile, key_players, player_row, ranked, within_reach
from graph.model import to_networkx
from graph.nearest import adjacency, distances
from graph.rollup import Threads, UnitIndex, sides_of
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
    # A home unit's loss ends the chain of a unit below it (the units after a loss are searched again).
    ("n0 n1 n2 n3 n4", "n1>n0 n2>n1 n2-n4 n1-n3 n3-n4", {"n0"}, {"n4"}, 2),
    # A home entity's loss frees a unit it shared with a target: the target's side gains it.
    ("n0 n1 n2 n3 n5", "n1>n0 n1>n3 n0-n2 n2-n3 n5-n3", {"n0", "n5"}, {"n3"}, 2),
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


def _key_players_before(graph, home, targets, *, max_hops, rollup):
    """`graph.key_players.key_players` (``k=0``) as it was before its losses were tried on the sides of the
    targets asked alone: every side rebuilt after each home loss, every thread found and said in words."""
    home, targets = set(home), set(targets)
    adj = adjacency(graph)
    below = UnitIndex(graph) if rollup else None
    maps = {e: below.units(e) for e in home | targets} if below else {}
    s = sides_of(home, targets, maps)
    from_home = distances(adj, [n for n in s.home_of if n in adj], max_hops)
    reached = sorted(t for t in targets - s.home if any(n in from_home for n in s.side[t]))
    threads = Threads(graph, s, max_hops, adj=adj)
    cutters, fragile = {}, {}
    for t in reached:
        found, path = threads.of(t)
        if found:
            cutters[t] = {node for kind, node, _ in found if kind in ("entity", "intermediary")}
        else:
            fragile[t] = _fragile(s, adj, maps, t, threads.two_ways(t, path))
    near = within_reach(adj, {t: [n for n in s.side[t] if n in adj] for t in reached}, max_hops)
    rows = []
    for x, hops in from_home.items():
        bits = near[max_hops - hops].get(x, 0)
        mine = set()
        if x in s.home_of and below:
            mine = below.units(x).keys() & from_home.keys()
            for unit in mine:
                bits |= near[max_hops - from_home[unit]].get(unit, 0)
        if not bits or x in s.target_of or graph.nodes[x].get("kind") in NOT_PLAYERS:
            continue
        hit = {t for i, t in enumerate(reached) if bits >> i & 1}
        asked = {t for t in hit - cutters.keys() if _asked(fragile[t], x, mine)}
        if x in s.home_of:
            lost = {e: below.units(e, removed={x}) if x in maps[e] else maps[e] for e in maps} if below else {}
            after = Threads(graph, sides_of(home - {x}, targets, lost), max_hops, adj=adj, removed={x})
            cut = {t for t in asked | (hit & cutters.keys()) if after.path(t) is None}
        else:
            after = Threads(graph, s, max_hops, adj=adj, removed={x})
            cut = {t for t in hit & cutters.keys() if x in cutters[t]}
        single = {t for t in asked - cut if after.find(t)[0]}
        if not cut and not single:
            continue
        rows.append(player_row(graph, x, home, s, cut, single, max_hops))
    return ranked(rows, 0)


# Generated graphs of other seeds and sizes: (entities, links, seed).  The plain way takes seconds even at 200
# entities, so the larger ones are compared with the way before (itself compared with the plain way above).
SEEDED = [(300, 1200, 1), (450, 1800, 5), (500, 1500, 6), (600, 2400, 3)]


@pytest.fixture(scope="module", params=SEEDED, ids=lambda p: f"{p[0]}-{p[1]}-seed{p[2]}")
def seeded(request) -> nx.MultiDiGraph:
    entities, links, seed = request.param
    return generated_graph(entities, links, seed=seed)


@pytest.mark.parametrize("rollup", [True, False])
@pytest.mark.parametrize("max_hops", [2, 3])
def test_key_players_on_seeded_graphs(seeded, max_hops, rollup):
    home, targets = home_and_targets(seeded)
    ask = {"max_hops": max_hops, "rollup": rollup}
    assert key_players(seeded, home, targets, k=0, **ask) == _key_players_before(seeded, home, targets, **ask)


@pytest.mark.parametrize("rollup", [True, False])
def test_key_players_on_another_seed(rollup):
    graph = generated_graph(200, 800, seed=11)
    home, targets = home_and_targets(graph)
    ask = {"max_hops": 3, "rollup": rollup, "k": 0}
    assert key_players(graph, home, targets, **ask) == reference.key_players(graph, home, targets, **ask)

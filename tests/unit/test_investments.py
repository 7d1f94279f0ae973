"""Where to invest next, on hand-built graphs: the greedy choice against brute force (no database)."""

import itertools
import math

import pytest

from graph.gaps import reach
from graph.investments import investments, unreached
from graph.model import to_networkx

pytestmark = pytest.mark.unit


def make(nodes, links):
    """A graph from ``(id, kind, country)`` tuples (country optional) and ``(source, target, type)`` tuples."""
    rows = [{"id": i, "kind": kind, "name": i.upper(), "country": (rest or [None])[0]} for i, kind, *rest in nodes]
    return to_networkx(rows, [{"source": s, "target": t, "type": kind} for s, t, kind in links])


# Home h1, h2 reach t1 through x.  Unreached within 2 links: t2..t7.  Hub A is a partner of t2..t5, B of t2, t3
# and t6, C of t4, t5 and t7: one link to A reaches 4 (the best single link); the best two are B and C (all 6),
# while greedy takes A and then one more (5): within the 1 - 1/e guarantee, and not the optimum.
TARGETS = {f"t{i}" for i in range(1, 8)}
HUBS = {"A": ["t2", "t3", "t4", "t5"], "B": ["t2", "t3", "t6"], "C": ["t4", "t5", "t7"]}
GRAPH = make(
    [("h1", "Agency"), ("h2", "Agency"), ("x", "NGO"), ("e", "Engagement")]
    + [(t, "Country") for t in sorted(TARGETS)]
    + [(hub, "NGO") for hub in HUBS],
    [("h1", "x", "PARTNERS_WITH"), ("h2", "x", "PARTNERS_WITH"), ("x", "t1", "PARTNERS_WITH")]
    + [(hub, t, "PARTNERS_WITH") for hub, ts in HUBS.items() for t in ts]
    + [("t6", "e", "PARTICIPATED_IN"), ("t7", "e", "PARTICIPATED_IN")],
)
HOME = {"h1", "h2"}

# Roll-up: country T is reached only through its police (an agency of T), a partner of hub D.
ROLLED = make(
    [("h1", "Agency"), ("T", "Country"), ("tpol", "Agency", "T"), ("D", "NGO"), ("U", "Country")],
    [("tpol", "D", "PARTNERS_WITH"), ("U", "D", "MEMBER_OF")],
)


def best_single_link(graph, home, targets, max_hops, rollup):
    """Brute force: every home entity with every other entity, the most targets one new link takes off the list."""
    before = len(unreached(graph, home, targets, max_hops=max_hops, rollup=rollup))
    best = 0
    for h, p in itertools.product(sorted(home), sorted(graph)):
        if p in home:
            continue
        trial = graph.copy()
        trial.add_edge(h, p, type="PARTNERS_WITH")
        best = max(best, before - len(unreached(trial, home, targets, max_hops=max_hops, rollup=rollup)))
    return best


@pytest.mark.parametrize("max_hops", [1, 2, 3])
@pytest.mark.parametrize("rollup", [True, False])
@pytest.mark.parametrize(("graph", "home", "targets"), [(GRAPH, HOME, TARGETS), (ROLLED, {"h1"}, {"T", "U"})])
def test_the_first_greedy_link_is_the_brute_force_optimum(graph, home, targets, max_hops, rollup):
    rows = investments(graph, home, targets, k=1, max_hops=max_hops, rollup=rollup)
    assert (rows[0]["new"] if rows else 0) == best_single_link(graph, home, targets, max_hops, rollup)


def test_greedy_takes_the_hub_then_the_best_rest_within_the_guarantee():
    rows = investments(GRAPH, HOME, TARGETS, k=3, max_hops=2)
    assert [(r["rank"], r["partner"], r["reaches_ids"], r["new"], r["total"]) for r in rows] == [
        (1, "A", ["t2", "t3", "t4", "t5"], 4, 4),
        (2, "t6", ["t6"], 1, 5),  # B, C, t6 and t7 each add one: a direct link is the fewest links, t6 by name
        (3, "t7", ["t7"], 1, 6),
    ]
    assert rows[0]["reaches"] == ["T2", "T3", "T4", "T5"] and rows[0]["left"] == ["T6", "T7"] and rows[2]["left"] == []
    best_two = 6  # B and C
    assert rows[1]["total"] == 5 >= (1 - 1 / math.e) * best_two


def test_proposed_links_made_do_bring_the_targets_within_reach():
    rows = investments(GRAPH, HOME, TARGETS, k=2, max_hops=2)
    trial = GRAPH.copy()
    for r in rows:
        trial.add_edge(r["home"], r["partner"], type="PARTNERS_WITH")
    after = {r["target"] for r in reach(trial, HOME, TARGETS, max_hops=2) if r["status"] == "unreached"}
    assert after == {"t7"} and rows[-1]["total"] == 6 - len(after)


def test_who_makes_the_link_and_why_in_words():
    row = investments(GRAPH, HOME, TARGETS, k=1, max_hops=2)[0]
    # A is not connected to the home side at all: the best-linked home entity (h1 and h2 tie: by name) makes it.
    assert (row["home"], row["home_name"], row["relationship"]) == ("h1", "H1", "partners with")
    assert row["paths"] == ["H1 → A → T2", "H1 → A → T3", "H1 → A → T4", "H1 → A → T5"]
    assert row["reason"] == (
        "brings T2, T3, T4 and T5 within 2 links; "
        "nothing of the home side is connected to it yet; H1 has the most links"
    )


def test_the_nearest_home_entity_makes_the_link():
    graph = GRAPH.copy()
    graph.add_edge("h2", "y", type="PARTNERS_WITH")
    graph.add_edge("y", "z", type="PARTNERS_WITH")
    graph.add_edge("z", "A", type="PARTNERS_WITH")  # h2 is now 3 links from A, h1 4
    graph.nodes["y"].update(name="Y", kind="NGO")
    graph.nodes["z"].update(name="Z", kind="NGO")
    row = investments(graph, HOME, TARGETS, k=1, max_hops=2)[0]
    assert row["home"] == "h2"
    assert row["reason"].endswith("H2 is the nearest home entity, 3 links away now (H2 → Y → Z → A)")


def test_roll_up_counts_a_countrys_agency_and_off_does_not():
    on = investments(ROLLED, {"h1"}, {"T", "U"}, k=2, max_hops=2)
    assert [(r["partner"], r["reaches_ids"]) for r in on] == [("D", ["T", "U"])]
    off = investments(ROLLED, {"h1"}, {"T", "U"}, k=2, max_hops=2, rollup=False)
    assert [(r["partner"], r["reaches_ids"]) for r in off] == [("T", ["T"]), ("U", ["U"])]  # direct: fewest links


def test_partners_filter_and_exclusions_narrow_the_proposals():
    excluded = investments(GRAPH, HOME, TARGETS, k=1, max_hops=2, exclude={"A"})
    assert [(r["partner"], r["new"]) for r in excluded] == [("B", 3)]
    only_c = investments(GRAPH, HOME, TARGETS, k=3, max_hops=2, partners={"C"})
    assert [(r["partner"], r["reaches_ids"]) for r in only_c] == [("C", ["t4", "t5", "t7"])]


def test_engagements_are_not_proposed_and_nothing_to_do_gives_no_rows():
    # e reaches t6 and t7 within one link, as good as B or C after A, but an engagement has happened.
    assert "e" not in {r["partner"] for r in investments(GRAPH, HOME, TARGETS, k=10, max_hops=2)}
    assert investments(GRAPH, HOME, {"t1"}, k=3, max_hops=2) == []
    with pytest.raises(ValueError, match="max_hops"):
        investments(GRAPH, HOME, TARGETS, max_hops=0)


def test_the_wording_follows_how_entities_like_the_home_one_link_to_the_partner():
    graph = GRAPH.copy()
    graph.add_node("f", kind="Forum", name="F")
    graph.add_edge("f", "t6", type="PARTNERS_WITH")
    graph.add_node("other", kind="Agency", name="Other agency")
    graph.add_edge("other", "f", type="MEMBER_OF")  # agencies are members of F
    rows = investments(graph, HOME, TARGETS, k=3, max_hops=2, partners={"f", "C"})
    assert {r["partner"]: r["relationship"] for r in rows} == {"C": "partners with", "f": "member of"}

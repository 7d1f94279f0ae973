"""Key players on a hand-built star: whose loss cuts off or single-threads the most targets (no database)."""

import pytest

from graph.key_players import key_players
from graph.model import to_networkx

pytestmark = pytest.mark.unit


def make(nodes, links):
    rows = [{"id": i, "kind": kind, "name": i.upper()} for i, kind in nodes]
    return to_networkx(rows, [{"source": s, "target": t, "type": "PARTNERS_WITH"} for s, t in links])


# Home agencies h1 and h2 both work with the centre c, whose partners are t1..t4 (nothing else reaches them);
# t5 is a partner of both home agencies directly.  The star's centre is the key player: without it t1..t4 are
# cut off.  Without h1 (or h2), t5 hangs on the other alone; t1..t4 hung on c already, so they do not count.
STAR = make(
    [("h1", "Agency"), ("h2", "Agency"), ("c", "NGO"), ("AUS", "Country")]
    + [(f"t{i}", "Company") for i in range(1, 6)],
    [("h1", "c"), ("h2", "c"), ("h1", "t5"), ("h2", "t5"), ("h1", "AUS"), ("h2", "AUS")]
    + [("c", f"t{i}") for i in range(1, 5)],
)
HOME = {"h1", "h2"}
TARGETS = {f"t{i}" for i in range(1, 6)}


def test_the_centre_of_the_star_is_the_key_player():
    rows = key_players(STAR, HOME, TARGETS, max_hops=2)
    assert [(r["rank"], r["entity"], r["side"], r["cut_off"], r["single_threaded"]) for r in rows] == [
        (1, "c", "intermediary", 4, 0),
        (2, "h1", "home entity", 0, 1),
        (3, "h2", "home entity", 0, 1),
    ]
    assert rows[0]["cuts_off"] == ["T1", "T2", "T3", "T4"] and rows[1]["single_threads"] == ["T5"]
    assert rows[0]["reason"] == "without C, 4 targets would be unreached within 2 links (T1, T2, T3, T4)"
    assert rows[1]["reason"] == "without H1, 1 would hang by one thread (T5)"


def test_countries_are_not_players_and_k_limits_the_rows():
    rows = key_players(STAR, HOME, TARGETS, max_hops=2, k=1)
    assert [r["entity"] for r in rows] == ["c"]
    # AUS links h1 and h2 but is never listed, even where it is on a path (t5's way through it).
    assert "AUS" not in {r["entity"] for r in key_players(STAR, HOME, TARGETS, max_hops=3, k=0)}


def test_only_entities_within_reach_of_a_target_are_tried():
    # Within 1 link the star's targets are unreached already: only t5's two home agencies matter.
    rows = key_players(STAR, HOME, TARGETS, max_hops=1)
    assert [(r["entity"], r["single_threaded"]) for r in rows] == [("h1", 1), ("h2", 1)]


def test_a_unit_of_a_home_entity_is_a_home_unit():
    graph = STAR.copy()
    graph.add_node("u", kind="Agency", name="U")
    graph.add_edge("u", "h1", type="PART_OF")
    graph.add_edge("u", "t6", type="PARTNERS_WITH")
    graph.nodes["t6"].update(kind="Company", name="T6")
    rows = {r["entity"]: r for r in key_players(graph, HOME, TARGETS | {"t6"}, max_hops=2)}
    assert rows["u"]["side"] == "home unit" and rows["u"]["cuts_off"] == ["T6"]
    assert rows["h1"]["cuts_off"] == ["T6"]  # h1 leaving takes its unit's roll-up with it


# Three ways to t: from h1 through a, from h1's unit u through b, and from h2 through x and c.  Two home
# entities reach it, so it hangs by no thread; without x, every way starts from h1 (its unit acts for it).
TWO_OF_ONE = to_networkx(
    [{"id": i, "kind": k, "name": i.upper()} for i, k in [("h1", "Agency"), ("h2", "Agency"), ("u", "Agency")]]
    + [{"id": i, "kind": "NGO", "name": i.upper()} for i in ("a", "b", "c", "x")]
    + [{"id": "t", "kind": "Company", "name": "T"}],
    [{"source": "u", "target": "h1", "type": "PART_OF"}]
    + [
        {"source": s, "target": t, "type": "PARTNERS_WITH"}
        for s, t in [("a", "t"), ("b", "t"), ("c", "t"), ("h1", "a"), ("u", "b"), ("h2", "x"), ("x", "c")]
    ],
)


def test_a_loss_that_leaves_only_one_home_entitys_ways_single_threads():
    rows = {r["entity"]: r for r in key_players(TWO_OF_ONE, HOME, {"t"}, max_hops=3)}
    assert rows["x"]["single_threads"] == ["T"] and rows["x"]["reason"] == "without X, 1 would hang by one thread (T)"
    assert rows["h2"]["single_threads"] == ["T"] and rows["c"]["single_threads"] == ["T"]
    assert "a" not in rows and "u" not in rows  # h1 still reaches t two ways, and h2 one more


# m is a unit of both x and h1; h1 and m link to t directly, and h2 through y.  Without x, only h1 links to t
# directly (m still acts for h1): t hangs by that one home entity, though both ways from h1 and h2 still stand.
SHARED_UNIT = to_networkx(
    [{"id": i, "kind": "Agency", "name": i.upper()} for i in ("h1", "h2", "x", "m")]
    + [{"id": "y", "kind": "NGO", "name": "Y"}, {"id": "t", "kind": "Company", "name": "T"}],
    [{"source": "m", "target": p, "type": "PART_OF"} for p in ("x", "h1")]
    + [
        {"source": s, "target": t, "type": "PARTNERS_WITH"}
        for s, t in [("h1", "t"), ("m", "t"), ("h2", "y"), ("y", "t")]
    ],
)


def test_a_loss_that_leaves_one_home_entity_linked_directly_single_threads():
    rows = {r["entity"]: r for r in key_players(SHARED_UNIT, {"h1", "h2", "x"}, {"t"}, max_hops=2)}
    assert rows["x"]["single_threads"] == ["T"] and rows["x"]["side"] == "home entity"
    assert rows["h1"]["single_threads"] == ["T"]  # then only x links to it directly, through m
    assert "h2" not in rows and "y" not in rows


# u is x's unit; t is two links from u (through z) and from h2 (through y).  Without x, u acts for no one, and
# every way starts from h2.
UNIT_WAY = to_networkx(
    [{"id": i, "kind": "Agency", "name": i.upper()} for i in ("h2", "x", "u")]
    + [{"id": i, "kind": "NGO", "name": i.upper()} for i in ("y", "z")]
    + [{"id": "t", "kind": "Company", "name": "T"}],
    [{"source": "u", "target": "x", "type": "PART_OF"}]
    + [
        {"source": s, "target": t, "type": "PARTNERS_WITH"}
        for s, t in [("u", "z"), ("z", "t"), ("h2", "y"), ("y", "t")]
    ],
)


def test_a_home_entity_whose_unit_starts_a_way_single_threads_when_it_goes():
    rows = {r["entity"]: r for r in key_players(UNIT_WAY, {"h2", "x"}, {"t"}, max_hops=2)}
    assert rows["x"]["single_threads"] == ["T"] and rows["u"]["side"] == "home unit"

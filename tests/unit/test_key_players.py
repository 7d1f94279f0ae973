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

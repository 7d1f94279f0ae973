"""What if, on a hand-built graph: gap figures before and after a change that is not saved (no database)."""

import networkx as nx
import pytest

from analyses.catalog import Context, ParamError, run_on
from graph.model import to_networkx
from graph.whatif import WhatIfError, apply, described, parse

pytestmark = pytest.mark.unit

ON = "2026-12-01"
# Home: agencies h1, h2.  Targets: countries t1 (low priority), t2 (medium), t3 (high).
# - t1 only through program P (h1 - P - t1, h2 - P - t1): P is an entity thread.
# - t2 directly from h1 only (and through P): one home entity.
# - t3 directly from h1 and h2; h1 and t3 took part in engagement e1 a month ago: current.
NODES = [
    ("h1", "Agency", None, None),
    ("h2", "Agency", None, None),
    ("P", "Program", None, None),
    ("t1", "Country", "low", None),
    ("t2", "Country", "medium", None),
    ("t3", "Country", "high", None),
    ("e1", "Engagement", None, "2026-11-01"),
]
LINKS = [
    ("h1", "P", "LEADS"),
    ("h2", "P", "FUNDS"),
    ("P", "t1", "OPERATES_IN"),
    ("P", "t2", "OPERATES_IN"),
    ("h1", "t2", "PARTNERS_WITH"),
    ("h1", "t3", "PARTNERS_WITH"),
    ("h2", "t3", "PARTNERS_WITH"),
    ("h1", "e1", "PARTICIPATED_IN"),
    ("t3", "e1", "PARTICIPATED_IN"),
]
GRAPH = nx.freeze(
    to_networkx(
        [{"id": i, "kind": k, "name": i.upper(), "priority": p, "date": d} for i, k, p, d in NODES],
        [{"source": s, "target": t, "type": kind} for s, t, kind in LINKS],
    )
)


def whatif(**params):
    ctx = Context(GRAPH, ON, home_filter="kind:Agency", targets_filter="kind:Country", params=params)
    return run_on(ctx, "whatif")


def moved(rows):
    """Figure -> (before, after, newly, no longer), for the figures that moved."""
    return {
        r["key"]: (r["before"], r["after"], r["newly"], r["no_longer"]) for r in rows if r["newly"] or r["no_longer"]
    }


def test_before_is_what_the_gap_analyses_say():
    rows = {r["key"]: r for r in whatif(without="t1", max_hops="2")}
    assert rows["looked_at"]["before"] == 3 and rows["unreached"]["before"] == 0
    assert rows["single_threaded"]["before"] == 2  # t1 hangs on P, t2 on h1
    assert (rows["current"]["before"], rows["never_engaged"]["before"]) == (1, 2)
    assert rows["unreached"]["figure"] == "unreached within 2 links"


def test_a_program_ending_cuts_off_what_hung_on_it():
    assert moved(whatif(without="P", max_hops="2")) == {
        "reached": (3, 2, [], ["T1"]),
        "unreached": (0, 1, ["T1"], []),
        "single_threaded": (2, 1, [], ["T1"]),  # unreached is not single-threaded
    }


def test_a_departure_moves_staleness_and_threads():
    # Without h1: h2 alone is the home set; t3's only engagement with it went with h1, every target hangs on h2.
    assert moved(whatif(without="H1", max_hops="2")) == {
        "single_threaded": (2, 3, ["T3"], []),
        "never_engaged": (2, 3, ["T3"], []),
        "current": (1, 0, [], ["T3"]),
    }


def test_an_added_link_ends_a_single_thread_and_a_removed_one_makes_one():
    assert moved(whatif(add="h2 -> t2", max_hops="2")) == {"single_threaded": (2, 1, [], ["T2"])}
    assert moved(whatif(remove="h2 -> t3", max_hops="2")) == {"single_threaded": (2, 3, ["T3"], [])}
    # h2 alone linking to t1 would be one home entity again: with h1 too, t1 no longer hangs by one thread.
    both = whatif(add="h2 -> t2; H2 -[partners with]-> t1; h1 -> t1", remove="t3 -> h2", max_hops="2")
    assert moved(both) == {"single_threaded": (2, 1, ["T3"], ["T1", "T2"])}


def test_targets_that_move_say_why():
    rows = whatif(without="P", max_hops="2", show="targets")
    assert [(r["target_name"], r["before"], r["after"]) for r in rows] == [
        ("T1", "reached in 2 links, link thread, never engaged", "unreached, never engaged")
    ]
    assert rows[0]["reason"] == (
        "before: losing the link P — T1 cuts it off from every home entity; losing P cuts it off from every home entity"
    )


def test_the_graph_itself_is_untouched():
    edges = GRAPH.number_of_edges()
    change = parse(GRAPH, add="h2 -> t2", remove="h1 -> t3", without="P")
    changed = apply(GRAPH, change)  # GRAPH is frozen: any change to it would raise
    assert GRAPH.number_of_edges() == edges and "P" in GRAPH
    assert "P" not in changed and changed.has_edge("h2", "t2") and not changed.has_edge("h1", "t3")
    assert described(change, GRAPH) == [
        "adding H2 partners with T2",
        "removing the links between H1 and T3",
        "without P",
    ]


def test_wording_reads_as_the_vocabulary_says_and_a_typed_removal_takes_only_that_type():
    change = parse(GRAPH, add="P -[funded by]-> h1", remove="h1 -[participated in]-> e1")
    assert (change.add[0].source, change.add[0].target, change.add[0].rel_type) == ("h1", "P", "FUNDS")
    changed = apply(GRAPH, change)
    assert not changed.has_edge("h1", "e1") and changed.has_edge("t3", "e1")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"add": "h1 t2"}, "write A -> B"),
        ({"add": "h1 -> nobody"}, "no entity named 'nobody'"),
        ({"add": "h1 -[befriends]-> t2"}, "unknown relationship 'befriends'"),
        ({"add": "h1 -> H1"}, "both ends are the same entity"),
        ({"remove": "t1 -> t2"}, "nothing to remove: no links between T1 and T2"),
        ({}, "whatif needs a change"),
        ({"without": "P", "show": "everything"}, "show must be figures or targets"),
    ],
)
def test_bad_changes_are_one_line_errors(params, message):
    with pytest.raises(ParamError, match=message):
        whatif(**params)


def test_parse_errors_are_whatif_errors():
    with pytest.raises(WhatIfError):
        parse(GRAPH, without="nobody")

"""Roll-up of countries and organisations to their agencies and units, on tiny graphs checked by hand."""

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import gaps
from graph.model import to_networkx, undirected
from graph.rollup import sides, unit_map, units, via_text

pytestmark = pytest.mark.unit

HOME = {"afp", "dfat"}


def make(nodes, links=()):
    """A graph from ``(id, kind, country, name, date)`` tuples (trailing items optional; name defaults to id)
    and ``(source, target, type, since, until)`` tuples (dates optional)."""
    rows = []
    for node_id, kind, *rest in nodes:
        country, name, date = [*rest, None, None, None][:3]
        rows.append({"id": node_id, "kind": kind, "country": country, "name": name or node_id, "date": date})
    return to_networkx(
        rows,
        [{"source": s, "target": t, "type": kind, "since": d[0], "until": d[1]} for s, t, kind, *d in map(_pad, links)],
    )


def _pad(link):
    return (*link, None, None)[:5]


# Fiji: the Fiji Police Force (an Agency with country FJI) and its Cyber Unit; a ministry linked by BASED_IN only;
# a forum and an NGO in Fiji, which are not Fiji.  The AFP engaged the Cyber Unit; later the forum and the NGO.
PACIFIC = make(
    [
        ("afp", "Agency", "AUS", "Australian Federal Police"),
        ("dfat", "Agency", "AUS", "Foreign Affairs"),
        ("FJI", "Country", None, "Fiji"),
        ("fpf", "Agency", "FJI", "Fiji Police Force"),
        ("cyber", "Agency", None, "Cyber Unit"),
        ("mof", "Agency", None, "Fiji Finance Ministry"),
        ("forum", "Forum", "FJI", "Suva Forum"),
        ("ngo", "NGO", "FJI", "Fiji Helping Hands"),
        ("e1", "Engagement", None, "Cyber workshop", "2024-03-01"),
        ("e2", "Engagement", None, "Civil society day", "2024-05-01"),
    ],
    [
        ("cyber", "fpf", "PART_OF", "2020"),
        ("mof", "FJI", "BASED_IN"),
        ("forum", "FJI", "BASED_IN"),
        ("ngo", "FJI", "BASED_IN"),
        ("afp", "e1", "PARTICIPATED_IN"),
        ("cyber", "e1", "PARTICIPATED_IN"),
        ("afp", "e2", "PARTICIPATED_IN"),
        ("forum", "e2", "PARTICIPATED_IN"),
        ("ngo", "e2", "PARTICIPATED_IN"),
    ],
)


def test_a_country_stands_for_its_agencies_and_their_units_not_for_forums_or_ngos():
    assert units(PACIFIC, "FJI") == {
        "fpf": ["fpf", "FJI"],
        "cyber": ["cyber", "fpf", "FJI"],
        "mof": ["mof", "FJI"],
    }
    assert units(PACIFIC, "fpf") == {"cyber": ["cyber", "fpf"]}
    assert units(PACIFIC, "cyber") == {}
    assert units(PACIFIC, "nowhere") == {}
    assert via_text(PACIFIC, ["cyber", "fpf", "FJI"]) == "Cyber Unit, part of Fiji Police Force"
    assert via_text(PACIFIC, ["fpf", "FJI"]) == "Fiji Police Force"
    assert via_text(PACIFIC, ["FJI"]) == ""


def test_the_country_is_engaged_through_the_unit_and_not_through_the_forum_or_ngo():
    (row,) = gaps.stale(PACIFIC, HOME, {"FJI"}, on="2024-06-30", include_current=True)
    assert row["status"] == "current"
    assert row["last_engagement"] == "2024-03-01"  # not the later civil society day
    assert row["engagement"] == "Cyber workshop"
    assert row["via"] == ["Cyber Unit, part of Fiji Police Force"]
    assert row["via_ids"] == ["cyber"]
    assert row["days_since"] == 121


def test_without_rollup_the_country_reads_never_engaged_and_unreached():
    (stale,) = gaps.stale(PACIFIC, HOME, {"FJI"}, on="2024-06-30", rollup=False)
    assert stale["status"] == "never engaged"
    (reach,) = gaps.reach(PACIFIC, HOME, {"FJI"}, max_hops=2, rollup=False)
    assert (reach["status"], reach["hops"]) == ("unreached", None)  # only the forum links Fiji: AFP-e2-forum-FJI
    assert gaps.reach(PACIFIC, HOME, {"FJI"}, max_hops=3, rollup=False)[0]["via"] == []
    reach = gaps.reach(PACIFIC, HOME, {"FJI"}, max_hops=2)[0]
    assert (reach["hops"], reach["reached_by"], reach["via"]) == (
        2,
        ["Australian Federal Police"],
        ["Cyber Unit, part of Fiji Police Force"],
    )
    assert reach["paths"] == ["Australian Federal Police → Cyber workshop → Cyber Unit"]


def test_coverage_cell_names_the_units():
    cells = {c["home"]: c for c in gaps.coverage(PACIFIC, HOME, {"FJI"})}
    assert cells["afp"]["last_engagement"] == "2024-03-01"
    assert cells["afp"]["via"] == ["Cyber Unit, part of Fiji Police Force"]
    assert cells["afp"]["score"] == 1
    assert cells["dfat"]["score"] == 0 and cells["dfat"]["via"] == []
    assert gaps.coverage(PACIFIC, HOME, {"FJI"}, rollup=False)[0]["last_engagement"] is None


# Tonga: a task force that was part of the Tonga Police until the end of 2022 engaged Foreign Affairs in June 2022.
TONGA = make(
    [
        ("dfat", "Agency", "AUS", "Foreign Affairs"),
        ("TON", "Country", None, "Tonga"),
        ("tpol", "Agency", "TON", "Tonga Police"),
        ("task", "Agency", None, "Task Force"),
        ("e", "Engagement", None, "Talks", "2022-06-01"),
    ],
    [
        ("task", "tpol", "PART_OF", "2019", "2022-12"),
        ("dfat", "e", "PARTICIPATED_IN"),
        ("task", "e", "PARTICIPATED_IN"),
    ],
)


@pytest.mark.parametrize(
    ("on", "status", "via"),
    [
        ("2022-09-01", "current", ["Task Force, part of Tonga Police"]),
        ("2022-12-31", "current", ["Task Force, part of Tonga Police"]),  # "until 2022-12" covers the month
        ("2023-01-01", "never engaged", []),
    ],
)
def test_a_unit_counts_only_while_its_part_of_link_is_active(on, status, via):
    (row,) = gaps.stale(TONGA, {"dfat"}, {"TON"}, on=on, include_current=True)
    assert (row["status"], row["via"]) == (status, via)
    assert ("task" in units(TONGA, "TON", on=on)) is (status == "current")


def test_units_ignore_dates_without_on_and_based_in_is_dated_too():
    assert set(units(TONGA, "TON")) == {"tpol", "task"}
    graph = make([("X", "Country"), ("a", "Agency")], [("a", "X", "BASED_IN", "2020", "2021")])
    assert units(graph, "X", on="2020-06-01") == {"a": ["a", "X"]}
    assert units(graph, "X", on="2022-01-01") == {}


def test_part_of_cycles_terminate_and_the_entity_is_not_its_own_unit():
    graph = make(
        [("a", "Agency"), ("b", "Agency"), ("c", "Agency")],
        [("a", "b", "PART_OF"), ("b", "a", "PART_OF"), ("c", "b", "PART_OF"), ("c", "c", "PART_OF")],
    )
    assert unit_map(graph, ["a", "b", "c"]) == {
        "a": {"b": ["b", "a"], "c": ["c", "b", "a"]},
        "b": {"a": ["a", "b"], "c": ["c", "b"]},
        "c": {},
    }


def test_a_home_entity_acts_through_its_units_and_a_unit_in_the_home_set_stays_home():
    graph = make(
        [
            ("afp", "Agency", "AUS", "Australian Federal Police"),
            ("acu", "Agency", "AUS", "AFP Cyber"),
            ("fpf", "Agency", "FJI", "Fiji Police Force"),
            ("e", "Engagement", None, "Call", "2024-01-01"),
        ],
        [("acu", "afp", "PART_OF"), ("acu", "e", "PARTICIPATED_IN"), ("fpf", "e", "PARTICIPATED_IN")],
    )
    (item,) = gaps.shared_engagements(graph, {"afp"}, {"fpf"})["fpf"]
    assert (item["home"], item["home_via"]) == (["afp"], ["AFP Cyber"])
    assert gaps.shared_engagements(graph, {"afp"}, {"fpf"}, rollup=False) == {}
    (item,) = gaps.shared_engagements(graph, {"afp", "acu"}, {"fpf"})["fpf"]
    assert (item["home"], item["home_via"]) == (["acu"], [])
    (cell,) = gaps.coverage(graph, {"afp"}, {"fpf"})
    assert (cell["last_engagement"], cell["home_via"]) == ("2024-01-01", ["AFP Cyber"])


# Every way to Fiji and Tonga runs through one program that both home agencies lead.
PROGRAM = make(
    [
        ("afp", "Agency", "AUS", "Australian Federal Police"),
        ("dfat", "Agency", "AUS", "Foreign Affairs"),
        ("csp", "Program", None, "Cyber Safety Pasifika"),
        ("FJI", "Country", None, "Fiji"),
        ("fpf", "Agency", "FJI", "Fiji Police Force"),
        ("TON", "Country", None, "Tonga"),
    ],
    [
        ("afp", "csp", "LEADS"),
        ("dfat", "csp", "LEADS"),
        ("csp", "fpf", "PARTNERS_WITH"),
        ("csp", "TON", "OPERATES_IN"),
        ("afp", "dfat", "PARTNERS_WITH"),
    ],
)


def test_a_country_reached_only_through_one_program_is_single_threaded_through_it():
    rows = {r["target"]: r for r in gaps.single_threads(PROGRAM, HOME, {"FJI", "TON"})}
    assert rows["FJI"]["threads"] == ["link", "entity"]
    assert rows["FJI"]["via"] == ["Cyber Safety Pasifika — Fiji Police Force", "Cyber Safety Pasifika"]
    assert rows["FJI"]["reasons"][1] == "losing Cyber Safety Pasifika cuts it off from every home entity"
    assert rows["TON"]["via"] == ["Cyber Safety Pasifika — Tonga", "Cyber Safety Pasifika"]
    assert rows["FJI"]["thread"] == "link" and rows["FJI"]["hops"] == 2
    # Without roll-up Fiji is not linked at all (the police are): not reached, so not single-threaded.
    assert [r["target"] for r in gaps.single_threads(PROGRAM, HOME, {"FJI", "TON"}, rollup=False)] == ["TON"]


def test_an_intermediary_within_the_hop_limit_and_not_beyond():
    # Within 3 links every way to t passes x; a 4-link way (afp-a-b-c-t) avoids it.
    graph = make(
        [
            ("afp", "Agency"),
            ("dfat", "Agency"),
            ("x", "NGO"),
            ("a", "NGO"),
            ("b", "NGO"),
            ("c", "NGO"),
            ("t", "Agency"),
        ],
        [
            *[("afp", "x", "FUNDS"), ("dfat", "x", "FUNDS"), ("x", "t", "FUNDS")],
            *[("afp", "a", "FUNDS"), ("a", "b", "FUNDS"), ("b", "c", "FUNDS"), ("c", "t", "FUNDS")],
        ],
    )
    (row,) = gaps.single_threads(graph, HOME, {"t"}, max_hops=3)
    assert row["threads"] == ["intermediary"] and row["via"] == ["x"]
    assert row["reasons"] == ["every path within 3 links goes through x"]
    assert gaps.single_threads(graph, HOME, {"t"}, max_hops=4) == []
    assert gaps.single_threads(graph, HOME, {"t"}, max_hops=1) == []  # unreached within 1 link


def test_a_target_singly_linked_and_bridged_gives_one_row_with_every_reason():
    graph = make(
        [("afp", "Agency", "AUS", "AFP"), ("dfat", "Agency", "AUS", "DFAT"), ("t", "Agency", "TON", "Tonga Police")],
        [("afp", "t", "PARTNERS_WITH"), ("afp", "t", "FUNDS"), ("afp", "dfat", "PARTNERS_WITH")],
    )
    (row,) = gaps.single_threads(graph, HOME, {"t"})
    assert row["threads"] == ["one home entity", "home entity", "link"]
    assert row["reasons"] == [
        "only AFP links to it directly",
        "only through AFP",
        "losing the link AFP — Tonga Police cuts it off from every home entity",
    ]


def test_a_direct_link_to_a_unit_is_named():
    # Every way to Fiji starts at the AFP: the workshop with the Cyber Unit, or the civil society day and the forum.
    (row,) = gaps.single_threads(PACIFIC, HOME, {"FJI"})
    assert (row["threads"], row["reasons"]) == (["home entity"], ["only through Australian Federal Police"])
    graph = nx.MultiDiGraph(PACIFIC)
    graph.add_edge("dfat", "fpf", type="PARTNERS_WITH")
    graph.remove_edge("afp", "e1")
    (row,) = gaps.single_threads(graph, HOME, {"FJI"})
    assert row["reasons"][0] == "only Foreign Affairs links to it directly (to Fiji Police Force)"


def test_summary_counts_are_the_table_rows():
    counts = gaps.summary(PROGRAM, HOME, {"FJI", "TON", "afp"}, on="2024-06-30")
    assert counts == {
        "looked_at": 2,
        "reached": 2,
        "unreached": 0,
        "single_threaded": 2,
        "stale": 0,
        "never_engaged": 2,
        "current": 0,
    }
    assert gaps.summary(PROGRAM, HOME, {"FJI", "TON"}, on="2024-06-30", rollup=False)["unreached"] == 1


KINDS = ["Agency", "Agency", "NGO", "Country", "Program", "Engagement"]
TYPES = ["PART_OF", "BASED_IN", "PARTNERS_WITH", "PARTICIPATED_IN", "LEADS"]


@st.composite
def cases(draw):
    """A random small graph, home set, targets, hop limit and roll-up switch."""
    n = draw(st.integers(2, 9))
    ids = [f"n{i}" for i in range(n)]
    nodes = [
        (i, draw(st.sampled_from(KINDS)), draw(st.sampled_from([None, *ids])), None, f"2024-0{draw(st.integers(1, 9))}")
        for i in ids
    ]
    link = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(TYPES))
    links = draw(st.lists(link, max_size=16))
    home, targets = (set(draw(st.lists(st.sampled_from(ids), max_size=4))) for _ in range(2))
    return make(nodes, links), home, targets, draw(st.integers(1, 4)), draw(st.booleans())


def _oracle(graph, home, targets, target, max_hops, rollup):
    """Brute force on the whole graph: (reached, bounded cut nodes, unbounded cut nodes, bridges, home cuts).

    The sides are rolled up with every target, as the analyses do: a unit of a home entity that is itself a
    target stays a target, and may stand for another target (an agency of a target country).
    """
    s = sides(graph, home, targets, rollup=rollup)
    simple = undirected(graph)
    simple.add_nodes_from(["\0S", "\0T"])
    simple.add_edges_from(("\0S", n) for n in s.home_of if n in simple)
    simple.add_edges_from(("\0T", n) for n in s.side[target])

    def far(g, limit):
        return not nx.has_path(g, "\0S", "\0T") or nx.shortest_path_length(g, "\0S", "\0T") > limit

    def without(nodes=(), edge=None):
        g = simple.copy()
        g.remove_nodes_from(nodes)
        if edge:
            g.remove_edge(*edge)
        return g

    bound = max_hops + 2  # the two virtual links
    inner = [v for v in graph if v not in s.home_of and v not in s.side[target]]
    bridges = {
        frozenset(e)
        for e in simple.edges
        if "\0S" not in e and "\0T" not in e and e[0] != e[1] and far(without(edge=e), float("inf"))
    }
    return (
        not far(simple, bound),
        {v for v in inner if far(without([v]), bound)},
        {v for v in inner if far(without([v]), float("inf"))},
        bridges,
        {h for h in home if h in graph and far(without([h]), bound)},
    )


@settings(max_examples=400, deadline=None)
@given(cases())
def test_summary_agrees_with_the_tables_and_threads_with_brute_force(case):
    graph, home, targets, max_hops, rollup = case
    counts = gaps.summary(graph, home, targets, on="2024-12-31", max_hops=max_hops, rollup=rollup)
    looked_at = targets - home
    rows = [r for r in gaps.reach(graph, home, targets, max_hops=max_hops, rollup=rollup) if not r["in_home"]]
    reached = {r["target"] for r in rows if r["status"] == "reached"}
    unreached = {r["target"] for r in rows if r["status"] == "unreached"}
    assert not reached & unreached and reached | unreached == looked_at
    threads = gaps.single_threads(graph, home, targets, max_hops=max_hops, rollup=rollup)
    assert len({r["target"] for r in threads}) == len(threads) and {r["target"] for r in threads} <= reached
    listed = gaps.stale(graph, home, targets, on="2024-12-31", include_current=True, rollup=rollup)
    assert counts == {
        "looked_at": len(looked_at),
        "reached": len(reached),
        "unreached": len(unreached),
        "single_threaded": len(threads),
        "stale": sum(r["status"] == "stale" for r in listed),
        "never_engaged": sum(r["status"] == "never engaged" for r in listed),
        "current": sum(r["status"] == "current" for r in listed),
    }
    assert counts["stale"] + counts["never_engaged"] + counts["current"] == len(looked_at)
    by_target = {r["target"]: r for r in threads}
    for t in looked_at:
        is_reached, bounded, unbounded, bridges, home_cuts = _oracle(graph, home, targets, t, max_hops, rollup)
        assert is_reached is (t in reached)
        said = list(zip(by_target.get(t, {}).get("threads", []), by_target.get(t, {}).get("via", []), strict=True))
        if not is_reached:
            continue
        assert {v for k, v in said if k in ("entity", "intermediary")} == bounded
        assert {v for k, v in said if k == "entity"} == unbounded
        if not rollup:  # names are ids here; with roll-up the target's end of a link may be named by a unit
            assert {frozenset(v.split(" — ")) for k, v in said if k == "link"} == bridges
            assert {v for k, v in said if k == "home entity"} == home_cuts


def test_a_home_unit_that_is_a_target_stays_a_target_and_stands_for_its_country():
    # n1 is an agency of country n2 and a unit of the home entity n0; asked about both, n1 stays a target, so the
    # country is reached through it.  Asked about the country alone, n1 acts for home and the country is not reached.
    graph = make([("n0", "Agency"), ("n1", "Agency", "n2"), ("n2", "Country")], [("n1", "n0", "PART_OF")])
    both = {r["target"]: r for r in gaps.reach(graph, {"n0"}, {"n1", "n2"})}
    assert (both["n1"]["hops"], both["n2"]["hops"], both["n2"]["via_ids"]) == (1, 1, ["n1"])
    (alone,) = gaps.reach(graph, {"n0"}, {"n2"})
    assert alone["status"] == "unreached"

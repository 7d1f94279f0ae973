"""The gap analyses without roll-up, on a hand-built graph whose answers are checked by hand (no database)."""

import pytest

from graph import gaps
from graph.dates import active
from graph.model import to_networkx

pytestmark = pytest.mark.unit

HOME = {"afp", "dfat"}  # the Australian agencies
NAMES = {
    "afp": "Australian Federal Police",
    "dfat": "Foreign Affairs",
    "uk": "UK Home Office",
    "ngo": "Helping Hands",
    "forum": "Pacific Forum",
    "vp": "Principles",
}


def make(nodes, links):
    """A graph from ``(id, kind, priority, date)`` and ``(source, target, type, since, until, role)`` tuples."""
    rows = [
        {"id": i, "kind": kind, "name": NAMES.get(i, i.replace("t", "Target ")), "priority": p, "date": d}
        for i, kind, p, d in ((*n, None, None)[:4] for n in nodes)
    ]
    keys = ("source", "target", "type", "since", "until", "role")
    return to_networkx(rows, [dict(zip(keys, (*link, None, None, None)[:6], strict=True)) for link in links])


def as_of(graph, on):
    """What the analyses get for date `on`: the links active then, without engagements yet to happen."""
    view = graph.copy()
    view.remove_nodes_from([n for n, date in graph.nodes(data="date") if date and date > on])
    view.remove_edges_from(
        [(u, v, k) for u, v, k, d in view.edges(keys=True, data=True) if not active(d["since"], d["until"], on)]
    )
    return view


# Two home agencies, a non-home intermediary (ngo), targets t1..t5, engagements e1..e4, a forum whose chair
# changed hands with an overlap, a member that left and rejoined, and an agreement (vp).
GRAPH = make(
    [
        ("afp", "Agency"),
        ("dfat", "Agency"),
        ("uk", "Agency"),
        ("ngo", "NGO"),
        ("t1", "Agency", "high"),
        ("t2", "Agency", "high"),
        ("t3", "Agency", "medium"),
        ("t4", "Agency", "low"),
        ("t5", "Agency", "high"),
        ("forum", "Forum"),
        ("vp", "Agreement"),
        ("e1", "Engagement", None, "2024-01-10"),
        ("e2", "Engagement", None, "2024-03-01"),
        ("e3", "Engagement", None, "2024-03-20"),
        ("e4", "Engagement", None, "2024-02-15"),
    ],
    [
        ("afp", "t1", "PARTNERS_WITH", "2019"),
        ("dfat", "t1", "PARTNERS_WITH", "2019"),
        ("afp", "t2", "PARTNERS_WITH", "2019"),
        ("afp", "ngo", "PARTNERS_WITH", "2019"),
        ("ngo", "t3", "PARTNERS_WITH", "2019"),
        ("t5", "forum", "MEMBER_OF", "2000", "2010-06"),
        ("t5", "forum", "MEMBER_OF", "2015"),
        ("t1", "forum", "MEMBER_OF", "2000"),
        ("afp", "forum", "CHAIRS", "2020-01-01", "2022-12-31"),
        ("dfat", "forum", "CHAIRS", "2022-07-01"),
        ("t1", "vp", "PARTY_TO", "2021", None, "endorser"),
        ("t2", "vp", "PARTY_TO", "2023-06", None, "endorser"),
        ("afp", "vp", "PARTY_TO", "2020", None, "signatory"),
        *[(who, e, "PARTICIPATED_IN") for who, e in [("afp", "e1"), ("t2", "e1"), ("afp", "e2"), ("t1", "e2")]],
        *[(who, e, "PARTICIPATED_IN") for who, e in [("dfat", "e3"), ("t1", "e3"), ("uk", "e4"), ("t1", "e4")]],
    ],
)
JUNE = as_of(GRAPH, "2024-06-30")


def by(rows, key="target"):
    return {row[key]: row for row in rows}


def test_reach_counts_links_through_non_home_intermediaries():
    rows = by(gaps.reach(JUNE, HOME, {"t1", "t3", "t4", "afp"}, rollup=False))
    assert (rows["t1"]["hops"], rows["t1"]["reached_by"]) == (1, ["Australian Federal Police", "Foreign Affairs"])
    assert rows["t3"]["hops"] == 2
    assert rows["t3"]["paths"] == ["Australian Federal Police → Helping Hands → Target 3"]
    assert (rows["t4"]["status"], rows["t4"]["hops"], rows["t4"]["reached_by"]) == ("unreached", None, [])
    assert (rows["afp"]["hops"], rows["afp"]["in_home"], rows["t1"]["in_home"]) == (0, True, False)


@pytest.mark.parametrize(("max_hops", "status"), [(1, "unreached"), (2, "reached")])
def test_reach_respects_max_hops(max_hops, status):
    (row,) = gaps.reach(JUNE, HOME, {"t3"}, max_hops=max_hops, rollup=False)
    assert row["status"] == status


def test_coverage_cells_hold_links_engagements_and_agreements():
    cells = {(r["home"], r["target"]): r for r in gaps.coverage(JUNE, HOME, {"t1", "t3"}, rollup=False)}
    assert set(cells) == {("afp", "t1"), ("afp", "t3"), ("dfat", "t1"), ("dfat", "t3")}  # not the UK: not home
    assert cells["afp", "t1"]["last_engagement"] == "2024-03-01"
    assert cells["dfat", "t1"]["last_engagement"] == "2024-03-20"
    assert cells["afp", "t1"]["direct_links"] == ["PARTNERS_WITH"]
    assert cells["afp", "t1"]["shared_agreements"] == ["Principles"]
    assert cells["afp", "t1"]["score"] == 3  # one link type, an engagement, an agreement
    assert cells["dfat", "t3"]["score"] == 0  # an empty cell: a gap
    assert cells["dfat", "t1"]["links"] == 1 and cells["dfat", "t1"]["shared_agreements"] == []


def test_single_threads_one_row_per_target_with_its_reasons():
    rows = by(gaps.single_threads(JUNE, HOME, {"t1", "t2", "t3", "t4"}, rollup=False))
    assert set(rows) == {"t2", "t3"}  # t1: two agencies link to it; t4: not reached
    assert rows["t2"]["thread"] == "one home entity"
    assert rows["t2"]["reasons"] == ["only Australian Federal Police links to it directly"]
    # t3 hangs off the AFP by the NGO: the AFP, both links and the NGO are each a single thread.
    assert rows["t3"]["threads"] == ["home entity", "link", "link", "entity"]
    assert rows["t3"]["via"] == [
        "Australian Federal Police",
        "Australian Federal Police — Helping Hands",
        "Helping Hands — Target 3",
        "Helping Hands",
    ]
    assert rows["t3"]["reasons"][0] == "only through Australian Federal Police"
    assert rows["t3"]["reasons"][3] == "losing Helping Hands cuts it off from every home entity"
    assert rows["t3"]["hops"] == 2
    assert gaps.single_threads(JUNE, HOME, {"t3"}, max_hops=1, rollup=False) == []  # not reached within 1 link


@pytest.mark.parametrize(
    ("on", "status", "days"),
    [
        ("2024-06-18", "current", 90),  # exactly the high-priority threshold after the 20 March visit
        ("2024-06-19", "stale", 91),
    ],
)
def test_stale_threshold_is_inclusive(on, status, days):
    (row,) = gaps.stale(as_of(GRAPH, on), HOME, {"t1"}, on=on, include_current=True, rollup=False)
    assert (row["status"], row["days_since"], row["engagement"], row["threshold_days"]) == (status, days, "e3", 90)
    assert row["with"] == ["Foreign Affairs"]


@pytest.mark.parametrize(
    ("date", "on", "days", "status"),
    [
        ("2024-03", "2024-06-29", 90, "current"),  # March counts from its last day, the 31st
        ("2024-03", "2024-06-30", 91, "stale"),
        ("2024", "2025-03-31", 90, "current"),  # a year counts from 31 December
        ("2024", "2025-04-01", 91, "stale"),
        ("2024-03-15", "2024-03-01", 0, "current"),  # never negative
    ],
)
def test_stale_counts_partial_dates_from_the_end_of_their_period(date, on, days, status):
    graph = make(
        [("afp", "Agency"), ("t1", "Agency", "high"), ("e", "Engagement", None, date)],
        [("afp", "e", "PARTICIPATED_IN"), ("t1", "e", "PARTICIPATED_IN")],
    )
    (row,) = gaps.stale(graph, {"afp"}, {"t1"}, on=on, include_current=True, rollup=False)
    assert (row["days_since"], row["status"]) == (days, status)


def test_stale_lists_never_engaged_and_takes_thresholds():
    high = {"t1", "t2", "t5"}
    rows = by(gaps.stale(JUNE, HOME, high, on="2024-06-30", rollup=False))
    assert set(rows) == {"t1", "t2", "t5"}  # t1's last visit was 102 days before
    assert (rows["t5"]["status"], rows["t5"]["last_engagement"], rows["t5"]["days_since"]) == (
        "never engaged",
        None,
        None,
    )
    assert (rows["t2"]["status"], rows["t2"]["last_engagement"], rows["t2"]["days_since"]) == (
        "stale",
        "2024-01-10",
        172,
    )
    rows = by(gaps.stale(JUNE, HOME, high, on="2024-06-30", thresholds={"high": 365}, rollup=False))
    assert set(rows) == {"t5"}
    assert gaps.stale(JUNE, HOME, {"t4", "afp"}, on="2024-06-30", rollup=False)[0]["threshold_days"] == 365  # low


@pytest.mark.parametrize(
    ("on", "issues"),
    [
        ("2024-06-30", set()),  # t2 joined June 2023 and was engaged January 2024; t1 joined 2021, engaged since
        ("2023-12-31", {("t1", "no engagement since joining"), ("t2", "no engagement since joining")}),
    ],
)
def test_followup_finds_parties_not_engaged_since_joining(on, issues):
    rows = gaps.followup(as_of(GRAPH, on), HOME, None, on=on, rollup=False)
    assert {(r["party"], r["issue"]) for r in rows} == issues


def test_followup_flags_agreements_ending_within_the_window():
    graph = make(
        [("afp", "Agency"), ("t1", "Agency"), ("vp", "Agreement"), ("e", "Engagement", None, "2024-05-01")],
        [
            ("t1", "vp", "PARTY_TO", "2020", "2024-08-31"),
            ("afp", "e", "PARTICIPATED_IN"),
            ("t1", "e", "PARTICIPATED_IN"),
        ],
    )
    rows = gaps.followup(graph, {"afp"}, {"vp"}, on="2024-06-30", window_days=90, rollup=False)
    assert [(r["party"], r["issue"], r["until"]) for r in rows] == [("t1", "ends within 90 days", "2024-08-31")]
    assert gaps.followup(graph, {"afp"}, {"vp"}, on="2024-06-30", window_days=30, rollup=False) == []


def test_overlap():
    members = {"t1", "t5"}  # of the forum
    parties = {"t1", "t2", "afp"}  # of the principles
    rows = gaps.overlap(JUNE, parties, members)
    assert {(r["entity"], r["in"]) for r in rows} == {
        ("t1", "both"),
        ("afp", "first only"),
        ("t2", "first only"),
        ("t5", "second only"),
    }
    assert [r["entity"] for r in gaps.overlap(JUNE, parties, members, show="second")] == ["t5"]


def test_deconfliction_needs_several_home_entities_in_separate_engagements():
    agencies = {"afp", "dfat", "uk", "t2", "t3", "t4", "t5"}
    rows = gaps.deconfliction(JUNE, agencies, {"t1"}, on="2024-06-30", rollup=False)
    assert [(r["target"], r["count"]) for r in rows] == [("t1", 3)]
    assert rows[0]["home_entities"] == ["Australian Federal Police", "Foreign Affairs", "UK Home Office"]
    assert rows[0]["engagements"] == ["2024-03-20 e3", "2024-03-01 e2", "2024-02-15 e4"]
    assert gaps.deconfliction(JUNE, HOME, {"t1"}, on="2024-06-30", rollup=False) == []  # only two Australians
    assert gaps.deconfliction(JUNE, agencies, {"t1"}, on="2024-06-30", window_days=110, rollup=False) == []


def test_members_flag_overlapping_role_holders():
    rows = gaps.members(GRAPH, "forum", on="2022-09-01")
    chairs = by([r for r in rows if r["relationship"] == "CHAIRS"], "entity")
    assert set(chairs) == {"afp", "dfat"}
    assert chairs["afp"]["note"] == "2 holders of chairs on 2022-09-01: also Foreign Affairs; records overlap"
    assert chairs["dfat"]["note"] == (
        "2 holders of chairs on 2022-09-01: also Australian Federal Police; records overlap (an open end date)"
    )
    rows = gaps.members(GRAPH, "forum", on="2023-06-30")
    assert [r["entity"] for r in rows if r["relationship"] == "CHAIRS"] == ["dfat"]


def test_members_one_holder_with_two_records_is_not_two_holders():
    graph = make(
        [("afp", "Agency"), ("forum", "Forum")],
        [("afp", "forum", "CHAIRS", "2020", "2022"), ("afp", "forum", "CHAIRS", "2021")],
    )
    notes = [r["note"] for r in gaps.members(graph, "forum", on="2021-06-01")]
    assert notes == ["2 overlapping chairs records for this entity"] * 2


@pytest.mark.parametrize(("on", "t5_member"), [("2005-01-01", True), ("2012-01-01", False), ("2020-01-01", True)])
def test_membership_that_ended_and_restarted(on, t5_member):
    rows = gaps.members(GRAPH, "forum", on=on)
    assert ("t5" in {r["entity"] for r in rows if r["relationship"] == "MEMBER_OF"}) is t5_member


def test_changes_between_two_dates():
    rows = gaps.changes(GRAPH, "forum", start="2012-01-01", end="2023-06-30")
    assert {(r["change"], r["entity"], r["relationship"]) for r in rows} == {
        ("joined", "t5", "MEMBER_OF"),
        ("joined", "dfat", "CHAIRS"),
    }
    rows = gaps.changes(GRAPH, "forum", start="2021-01-01", end="2023-06-30")
    assert {(r["change"], r["entity"]) for r in rows} == {("joined", "dfat"), ("left", "afp")}


@pytest.mark.parametrize(
    ("done", "status", "due"),
    [(None, "follow-up open", "2024-07"), ("2024-06-20", None, None)],
    ids=["open", "done"],
)
def test_an_open_follow_up_keeps_a_current_target_in_the_stale_list_until_done(done, status, due):
    graph = make(
        [("afp", "Agency"), ("t1", "Agency", "high"), ("e", "Engagement", None, "2024-06-01")],
        [("afp", "e", "PARTICIPATED_IN"), ("t1", "e", "PARTICIPATED_IN")],
    )
    graph.nodes["e"].update(follow_up_due="2024-07", follow_up_owner="Ana", title="Talks")
    if done:
        graph.nodes["e"]["follow_up_done"] = done
    rows = gaps.stale(graph, {"afp"}, {"t1"}, on="2024-06-30", rollup=False)
    assert [(r["status"], r["follow_up_due"], r["follow_up_owner"]) for r in rows] == (
        [(status, due, "Ana")] if status else []
    )
    listed = gaps.follow_ups(graph, on="2024-08-01")
    assert [(r["engagement"], r["due"], r["overdue"]) for r in listed] == ([("e", "2024-07", True)] if status else [])

"""Forums where a peer sits and we don't, on tiny graphs checked by hand (no database)."""

import pytest

from analyses.catalog import Context, ParamError, run_on
from graph.model import to_networkx
from graph.peers import forums_looked_at, peer_forums

pytestmark = pytest.mark.unit


def make(nodes, links=()):
    """A graph from ``(id, kind, country, name)`` tuples (trailing items optional; name defaults to id)
    and ``(source, target, type, since, until)`` tuples (dates optional)."""
    rows = []
    for node_id, kind, *rest in nodes:
        country, name = [*rest, None, None][:2]
        rows.append({"id": node_id, "kind": kind, "country": country, "name": name or node_id})
    return to_networkx(
        rows,
        [{"source": s, "target": t, "type": kind, "since": d[0], "until": d[1]} for s, t, kind, *d in map(_pad, links)],
    )


def _pad(link):
    return (*link, None, None)[:5]


HOME = {"afp", "dfat"}
PEERS = {"NZL", "GBR"}

# Ours: the AFP (with its Cyber Command) and Foreign Affairs.  Peers: New Zealand, whose police (an agency with
# country NZL) have a Cyber Crime Unit, and the United Kingdom, whose NCA sits only by BASED_IN.
# - Alpha Forum: the NZ Cyber Crime Unit is a member, nobody of ours is (listed, via the unit chain).
# - Bravo Forum: the AFP's Cyber Command is a member, and New Zealand itself (listed only without roll-up).
# - Charlie Forum: only Foreign Affairs (no peer: never listed).
# - Delta Forum: a NZ unit that left the police at the end of 2022 is a member (counts for NZ only until then).
# - Echo Forum: the NCA chairs and New Zealand is a member (two peers, two roles).
# - Principles (an Agreement): New Zealand is a party; looked at only when asked for.
WORLD = make(
    [
        ("afp", "Agency", "AUS", "Australian Federal Police"),
        ("acc", "Agency", None, "AFP Cyber Command"),
        ("dfat", "Agency", "AUS", "Foreign Affairs"),
        ("NZL", "Country", None, "New Zealand"),
        ("nzp", "Agency", "NZL", "New Zealand Police"),
        ("ccu", "Agency", None, "Cyber Crime Unit"),
        ("old", "Agency", None, "Old Task Force"),
        ("GBR", "Country", None, "United Kingdom"),
        ("nca", "Agency", None, "National Crime Agency"),
        ("alpha", "Forum", None, "Alpha Forum"),
        ("bravo", "Forum", None, "Bravo Forum"),
        ("charlie", "Forum", None, "Charlie Forum"),
        ("delta", "Forum", None, "Delta Forum"),
        ("echo", "Forum", None, "Echo Forum"),
        ("vp", "Agreement", None, "Principles"),
    ],
    [
        ("acc", "afp", "PART_OF"),
        ("ccu", "nzp", "PART_OF"),
        ("old", "nzp", "PART_OF", "2015", "2022-12"),
        ("nca", "GBR", "BASED_IN"),
        ("ccu", "alpha", "MEMBER_OF"),
        ("acc", "bravo", "MEMBER_OF"),
        ("NZL", "bravo", "MEMBER_OF"),
        ("dfat", "charlie", "MEMBER_OF"),
        ("old", "delta", "MEMBER_OF"),
        ("nca", "echo", "CHAIRS"),
        ("NZL", "echo", "MEMBER_OF"),
        ("NZL", "vp", "PARTY_TO"),
    ],
)


def by_forum(rows):
    return {row["forum"]: row for row in rows}


def test_a_unit_of_a_peer_countrys_agency_sits_for_the_country_and_is_named():
    rows = by_forum(peer_forums(WORLD, HOME, PEERS, on="2024-06-30"))
    assert list(rows) == ["alpha", "echo"]  # sorted by name; not bravo (ours sits), charlie (no peer), delta (ended)
    assert rows["alpha"] == {
        "forum": "alpha",
        "forum_name": "Alpha Forum",
        "forum_kind": "Forum",
        "peers": ["New Zealand"],
        "peer_count": 1,
        "via": ["Cyber Crime Unit, part of New Zealand Police"],
        "via_ids": ["ccu"],
        "roles": ["member of"],
    }


def test_a_peer_that_chairs_reads_chairs_and_every_peer_is_named():
    echo = by_forum(peer_forums(WORLD, HOME, PEERS, on="2024-06-30"))["echo"]
    assert (echo["peers"], echo["peer_count"]) == (["New Zealand", "United Kingdom"], 2)
    assert echo["roles"] == ["member of", "chairs"]
    assert echo["via"] == ["National Crime Agency"]  # the UK sat through its agency; New Zealand sat itself


@pytest.mark.parametrize(
    ("rollup", "listed"),
    [
        (True, ["alpha", "echo"]),  # the AFP's Cyber Command sits in Bravo for the AFP
        (False, ["bravo", "echo"]),  # each entity only itself: Cyber Command and the NCA sit for nobody
    ],
)
def test_a_home_unit_sits_for_its_parent_only_with_rollup(rollup, listed):
    rows = peer_forums(WORLD, HOME, PEERS, on="2024-06-30", rollup=rollup)
    assert [r["forum"] for r in rows] == listed


def test_without_rollup_there_is_nothing_to_name():
    bravo = by_forum(peer_forums(WORLD, HOME, PEERS, on="2024-06-30", rollup=False))["bravo"]
    assert (bravo["peers"], bravo["via"], bravo["roles"]) == (["New Zealand"], [], ["member of"])


@pytest.mark.parametrize(
    ("on", "delta_listed"),
    [
        ("2022-12-31", True),  # "until 2022-12" covers the month
        ("2023-01-01", False),  # the task force is no longer part of the police, so no longer New Zealand
        (None, True),  # no date: every link counts
    ],
)
def test_a_unit_stops_counting_when_its_part_of_link_ends(on, delta_listed):
    rows = by_forum(peer_forums(WORLD, HOME, PEERS, on=on))
    assert ("delta" in rows) is delta_listed
    if delta_listed:
        assert rows["delta"]["via"] == ["Old Task Force, part of New Zealand Police"]


def test_a_membership_that_ended_does_not_count():
    graph = make(
        [("afp", "Agency", "AUS"), ("NZL", "Country"), ("f", "Forum")],
        [("NZL", "f", "MEMBER_OF", "2010", "2019"), ("afp", "f", "MEMBER_OF", "2021")],
    )
    assert [r["forum"] for r in peer_forums(graph, {"afp"}, {"NZL"}, on="2018-01-01")] == ["f"]  # before we joined
    assert peer_forums(graph, {"afp"}, {"NZL"}, on="2024-01-01") == []


@pytest.mark.parametrize(
    ("forums", "listed", "looked_at"),
    [
        (None, ["alpha", "echo"], 5),  # every Forum, not the agreement
        ({"alpha", "charlie"}, ["alpha"], 2),
        ({"vp", "nowhere"}, ["vp"], 1),  # an agreement when asked for; an id not in the graph is not looked at
        (set(), [], 0),  # an empty limit looks at nothing, not at everything
    ],
)
def test_forums_limit_what_is_looked_at(forums, listed, looked_at):
    assert [r["forum"] for r in peer_forums(WORLD, HOME, PEERS, forums, on="2024-06-30")] == listed
    assert forums_looked_at(WORLD, forums) == looked_at


def test_an_entity_in_both_sets_counts_as_home():
    # New Zealand is a peer and (oddly) home too: it sits for us in Bravo, Echo and Principles.
    rows = peer_forums(WORLD, HOME | {"NZL"}, PEERS, {"bravo", "echo", "vp"}, on="2024-06-30")
    assert rows == []


def test_a_peer_need_not_be_a_country():
    rows = peer_forums(WORLD, {"afp"}, {"dfat", "GBR"}, on="2024-06-30")
    assert [(r["forum"], r["peers"]) for r in rows] == [("charlie", ["Foreign Affairs"]), ("echo", ["United Kingdom"])]


def test_through_the_catalog_the_rows_are_the_pure_functions():
    context = Context(WORLD, "2024-06-30", "country:AUS", None, params={"peers": "kind:Country"})
    assert run_on(context, "peer_forums") == peer_forums(WORLD, HOME, PEERS, on="2024-06-30")
    limited = Context(WORLD, "2024-06-30", "country:AUS", "kind:Agreement", params={"peers": "kind:Country"})
    assert [r["forum"] for r in run_on(limited, "peer_forums")] == ["vp"]
    plain = Context(WORLD, "2024-06-30", "country:AUS", None, params={"peers": "kind:Country", "rollup": "off"})
    assert run_on(plain, "peer_forums") == peer_forums(WORLD, HOME, PEERS, on="2024-06-30", rollup=False)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"peers": "colour:blue"}, "--param peers: "),
        ({"peers": 'name:"unclosed'}, "--param peers: unclosed quote"),
        ({}, "needs --param peers=VALUE"),
        ({"peers": "kind:Country", "rollup": "maybe"}, "rollup must be on or off"),
    ],
)
def test_a_bad_peers_filter_is_a_param_error(params, message):
    with pytest.raises(ParamError, match=message):
        run_on(Context(WORLD, "2024-06-30", "country:AUS", None, params=params), "peer_forums")


def test_a_forum_our_country_sits_in_is_ours_with_rollup():
    # Australia itself is the member of record (as in the sample); the AFP is an Australian agency.
    graph = make(
        [
            ("AUS", "Country", None, "Australia"),
            ("afp", "Agency", "AUS", "Australian Federal Police"),
            ("NZL", "Country", None, "New Zealand"),
            ("pif", "Forum", None, "Pacific Islands Forum"),
        ],
        [("AUS", "pif", "MEMBER_OF"), ("NZL", "pif", "MEMBER_OF")],
    )
    assert peer_forums(graph, {"afp"}, {"NZL"}) == []
    assert [r["forum_name"] for r in peer_forums(graph, {"afp"}, {"NZL"}, rollup=False)] == ["Pacific Islands Forum"]
    assert peer_forums(graph, {"afp"}, {"NZL", "AUS"}) == []  # our country is not a peer of ours

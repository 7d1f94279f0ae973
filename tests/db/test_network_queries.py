"""Network queries on a tiny hand-built graph in the real Neo4j: hops, filters and as-of dates."""

import pytest

from loaders.pipeline import load_paths
from queries import read
from queries.network import ViewTooLarge, ego_ids, lucene_query, search, subgraph

ELEMENTS = """ID,Label,Type,Aliases
afp,Australian Federal Police,agency,AFP
forum,Pacific Islands Forum,forum,PIF
KIR,Kiribati,country,
FJI,Fiji,country,
fpf,Fiji Police Force,police,
vp,Voluntary Principles,principles,VPs
"""
# Kiribati left the forum in July 2022 and rejoined in February 2023; Fiji's police joined the AFP in 2020.
CONNECTIONS = """From,To,Type,Since,Until
KIR,PIF,member of,1971,2022-07
KIR,PIF,member of,2023-02,
Fiji,PIF,member of,1971,
AFP,Fiji Police Force,partners with,2020,
Fiji Police Force,Fiji,based in,,
AFP,VPs,endorsed,03/2020,
"""


@pytest.fixture
def tiny(db, tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS)
    (tmp_path / "connections.csv").write_text(CONNECTIONS)
    report = load_paths(db, [str(tmp_path)])
    assert report.errors == []
    return db


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (1, ["afp", "fpf", "vp"]),
        (2, ["FJI", "afp", "fpf", "vp"]),
        (3, ["FJI", "afp", "forum", "fpf", "vp"]),
    ],
)
def test_ego_network_grows_by_hops(tiny, hops, expected):
    assert ego_ids(tiny, "afp", hops) == expected


@pytest.mark.parametrize(
    ("as_of", "members"),
    [
        ("2022-06-30", ["FJI", "KIR"]),
        ("2022-07-31", ["FJI", "KIR"]),  # "until 2022-07" covers the whole month
        ("2022-10-01", ["FJI"]),
        ("2023-06-30", ["FJI", "KIR"]),
        (None, ["FJI", "KIR"]),
    ],
)
def test_as_of_date_follows_membership_that_ended_and_restarted(tiny, as_of, members):
    assert sorted(set(ego_ids(tiny, "forum", 1, as_of=as_of)) - {"forum"}) == members


def test_as_of_before_a_partnership_hides_it(tiny):
    assert ego_ids(tiny, "afp", 1, as_of="2019-12-31") == ["afp"]
    assert ego_ids(tiny, "afp", 1, as_of="2020-03-01") == ["afp", "fpf", "vp"]


def test_type_and_kind_filters(tiny):
    assert ego_ids(tiny, "afp", 3, types=["PARTNERS_WITH", "BASED_IN"]) == ["FJI", "afp", "fpf"]
    nodes, links = subgraph(tiny, ["afp", "fpf", "vp", "FJI"], kinds={"Agency"})
    assert [n["id"] for n in nodes] == ["afp", "fpf"]
    assert [(x["source"], x["type"], x["target"]) for x in links] == [("afp", "PARTNERS_WITH", "fpf")]


def test_subgraph_carries_dates_and_sources(tiny):
    _, links = subgraph(tiny, ["KIR", "forum"])
    assert sorted((x["since"], x["until"]) for x in links) == [("1971", "2022-07"), ("2023-02", None)]


def test_too_large_a_view_is_refused(tiny):
    with pytest.raises(ViewTooLarge, match="more than 2,000"):
        subgraph(tiny, [f"id{i}" for i in range(2001)])


@pytest.mark.parametrize(("text", "first"), [("kiri", "KIR"), ("PIF", "forum"), ("fiji police", "fpf"), ("AFP", "afp")])
def test_search_finds_names_aliases_and_prefixes(tiny, text, first):
    assert search(tiny, text)[0]["id"] == first


def test_lucene_special_characters_are_harmless():
    assert lucene_query('AND "x" (y) -z*') == "AND* AND x* AND y* AND z*"


def test_profile_links_flag_activity_on_the_date(tiny):
    rows = read(tiny, "entity_links", id="KIR", as_of="2022-10-01")
    assert sorted((r["since"], r["active"]) for r in rows) == [("1971", False), ("2023-02", False)]
    rows = read(tiny, "entity_links", id="KIR", as_of="2024-01-01")
    assert sorted((r["since"], r["active"]) for r in rows) == [("1971", False), ("2023-02", True)]


def test_search_puts_an_exact_alias_before_engagements_that_mention_it(db, tmp_path):
    (tmp_path / "elements.csv").write_text(
        "ID,Label,Type,Aliases,Date\npicacc,Philippine Internet Crimes Against Children Center,program,PICACC,\n"
        "e1,PICACC launch meeting,meeting,PICACC launch,2019-02\n"
    )
    assert not load_paths(db, [str(tmp_path)]).errors
    assert [hit["id"] for hit in search(db, "PICACC")] == ["picacc", "e1"]

"""Likely duplicates on tiny hand-made entity lists, and the blocked answer against judging every pair."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.duplicates import (
    all_pairs_duplicates,
    fold,
    initials,
    likely_duplicates,
    registered_domain,
)

SAME_NAME = "same name after folding case, spaces and punctuation"


def entity(id, name, kind="Agency", aliases=(), sources=(), country=None, date=None):
    return {
        "id": id,
        "name": name,
        "kind": kind,
        "aliases": list(aliases),
        "sources": list(sources),
        "country": country,
        "date": date,
    }


def pairs(rows):
    return {(r["a"], r["b"]) for r in rows}


def only(rows):
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Australian Federal Police", "australian federal police"),
        ("Australian Federal Police", "Australian  Federal-Police."),
        ("Coimisiún na Meán", "Coimisiun na Mean"),
        ("National Center for Missing & Exploited Children", "National Center for Missing and Exploited Children"),
    ],
)
def test_the_same_folded_name_is_a_duplicate(a, b):
    row = only(likely_duplicates([entity("x", a), entity("y", b)]))
    assert (row["a"], row["a_name"], row["b"], row["b_name"]) == ("x", a, "y", b)
    assert row["reasons"][0] == SAME_NAME
    assert row["score"] == 1.0


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("AFP", "Australian Federal Police"),
        ("DFAT", "Department of Foreign Affairs and Trade"),  # small words left out
        ("DOJ", "Department of Justice"),  # small words kept
        ("F.B.I.", "Federal Bureau of Investigation"),
        ("DIA", "Department of Internal Affairs (New Zealand)"),  # the part in brackets left out
    ],
)
def test_an_acronym_matching_the_initials_is_a_duplicate(short, long):
    row = only(likely_duplicates([entity("long", long), entity("short", short)]))
    assert f"'{short.replace('.', '')}' matches the initials of '{long}'" in row["reasons"]
    assert SAME_NAME not in row["reasons"]


def test_an_acronym_alias_counts_unless_it_is_the_entitys_own_initials():
    afp = entity("afp", "Australian Federal Police")
    known_as = entity("x", "Commonwealth Police", aliases=["AFP"])  # an acronym that is not its own initials
    assert (
        "'AFP' matches the initials of 'Australian Federal Police'"
        in only(likely_duplicates([afp, known_as]))["reasons"]
    )
    other = entity("nca", "Nigerian Communications Authority", aliases=["NCA"])  # its own initials: says nothing
    assert likely_duplicates([entity("uk-nca", "National Crime Agency"), other]) == []


def test_a_name_that_is_the_others_alias_is_a_duplicate():
    row = only(likely_duplicates([entity("afp", "Australian Federal Police", aliases=["AFP"]), entity("x", "AFP")]))
    assert row["reasons"][0] == "'AFP' is an alias of 'Australian Federal Police'"


@pytest.mark.parametrize("threshold", [0.9, 0.3])
def test_esafety_and_its_youth_council_are_never_the_same_name(threshold):
    rows = likely_duplicates([entity("a", "eSafety"), entity("b", "eSafety Youth Council")], threshold=threshold)
    assert all(SAME_NAME not in r["reasons"] for r in rows)
    assert all(r["reasons"] == [next(x for x in r["reasons"] if "similar" in x)] for r in rows)  # similarity at most
    if threshold == 0.9:
        assert rows == []


def test_a_similar_name_lists_at_the_threshold_and_says_how_similar():
    a, b = entity("a", "Department of Home Affairs"), entity("b", "Departmnet of Home Affairs")
    row = only(likely_duplicates([a, b]))
    assert row["reasons"] == ["names 96% similar"]
    assert row["score"] == 0.962
    assert likely_duplicates([a, b], threshold=0.97) == []
    # "Dept" reads as "Department", and word order is ignored.
    assert "names 99% similar" in only(likely_duplicates([a, entity("c", "Home Affairs, Dept of")]))["reasons"]


def test_a_shared_website_lifts_a_similar_name_but_is_not_enough_alone():
    sources_a = ["https://www.afp.gov.au/", "https://www.accce.gov.au/about"]
    a = entity("a", "Australian Federal Police", sources=sources_a)
    b = entity("b", "Australian Federal Police Force", sources=["afp.gov.au/news"])
    row = only(likely_duplicates([a, b]))
    assert row["reasons"] == ["names 89% similar", "both cite the website afp.gov.au"]
    assert row["score"] == pytest.approx(1 - 0.5 * (1 - 0.8928), abs=0.001)
    assert likely_duplicates([a, dict(b, sources=[])]) == []  # 89% alone is under the threshold
    unlike = entity("c", "Thorn", sources=["https://www.afp.gov.au/media"])
    assert likely_duplicates([a, unlike]) == []  # a shared website alone is not enough


def test_a_domain_that_many_entities_cite_is_a_publisher_not_a_website():
    cite = ["https://news.example.com/story"]
    a = entity("a", "Australian Federal Police", sources=cite)
    b = entity("b", "Australian Federal Police Force", sources=cite)
    assert likely_duplicates([a, b]) != []
    others = [entity(f"o{i}", name, sources=cite) for i, name in enumerate(["Ofcom", "Thorn", "Europol"])]  # 5 cite it
    assert likely_duplicates([a, b, *others]) == []


@pytest.mark.parametrize(
    ("source", "domain"),
    [
        ("https://www.afp.gov.au/", "afp.gov.au"),
        ("afp.gov.au/news", "afp.gov.au"),
        ("HTTP://WWW.AFP.GOV.AU/about", "afp.gov.au"),
        ("https://www.police.nsw.gov.au/x", "police.nsw.gov.au"),
        ("https://www.dia.govt.nz/", "dia.govt.nz"),
        ("https://au.usembassy.gov/x", "usembassy.gov"),
        ("https://www.gov.uk/government/organisations/home-office", None),  # a public suffix: nobody's own site
        ("Annual report 2023, p. 4", None),
        ("mailto:info@example.org", None),
        ("https://192.168.1.1/x", None),
    ],
)
def test_registered_domain(source, domain):
    assert registered_domain(source) == domain


def test_fold_and_initials():
    assert fold("A.F.P.") == fold("afp") == "afp"
    assert initials("Department of Foreign Affairs and Trade") == {"DFAT", "DOFAAT"}


def test_a_pair_remembered_as_not_a_duplicate_is_not_listed():
    entities = [entity("x", "Australian Federal Police"), entity("y", "Australian Federal Police"), entity("z", "AFP")]
    assert pairs(likely_duplicates(entities)) == {("x", "y"), ("x", "z"), ("y", "z")}
    assert pairs(likely_duplicates(entities, not_duplicates={("y", "x")})) == {("x", "z"), ("y", "z")}
    assert pairs(likely_duplicates(entities, not_duplicates=[frozenset(("z", "x")), ["z", "y"]])) == {("x", "y")}


@pytest.mark.parametrize(
    ("b", "why"),
    [
        (entity("b", "Australian Federal Police", kind="NGO"), "different kinds"),
        (entity("b", "Australian Federal Police", country="NZL"), "different countries"),
        (entity("b", "Australian Federal Police", date="2020-01-01"), "different dates"),
        (entity("a", "Australian Federal Police"), "the entity itself"),
    ],
)
def test_never_paired(b, why):
    a = entity("a", "Australian Federal Police", country="AUS", date="2019-01-01")
    assert likely_duplicates([a, b]) == [], why
    # A blank country or date says nothing.
    assert len(likely_duplicates([a, entity("c", "Australian Federal Police")])) == 1


def test_strongest_first():
    entities = [
        entity("a", "Department of Home Affairs"),
        entity("b", "Departmnet of Home Affairs"),
        entity("c", "Australian Federal Police"),
        entity("d", "AFP"),
        entity("e", "Australian Federal Police"),
    ]
    rows = likely_duplicates(entities)
    assert [(r["a"], r["b"]) for r in rows] == [("c", "e"), ("a", "b"), ("d", "e"), ("c", "d")]  # ties by name
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


NAMES = ["Australian Federal Police", "AFP", "Federal Police", "Home Affairs", "Dept of Home Affairs", "eSafety"]
ENTITIES = st.lists(
    st.builds(
        dict,
        name=st.one_of(st.sampled_from(NAMES), st.text("ABCab .&-", min_size=1, max_size=12)),
        kind=st.sampled_from(["Agency", "NGO"]),
        aliases=st.lists(st.sampled_from([*NAMES, "HA", "FP"]), max_size=2),
        sources=st.lists(
            st.sampled_from(["https://afp.gov.au/", "afp.gov.au/x", "https://x.org/", "note"]), max_size=2
        ),
        country=st.sampled_from([None, "AUS", "NZL"]),
    ),
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(ENTITIES, st.floats(0.3, 1.0))
def test_each_pair_at_most_once_never_with_itself_and_within_the_all_pairs_answer(raw, threshold):
    entities = [dict(e, id=f"e{i}") for i, e in enumerate(raw)]
    kinds = {e["id"]: e["kind"] for e in entities}
    rows = likely_duplicates(entities, threshold=threshold)
    keys = [frozenset((r["a"], r["b"])) for r in rows]
    assert all(r["a"] < r["b"] for r in rows)  # never itself, and one order
    assert len(keys) == len(set(keys))  # each unordered pair at most once
    assert all(kinds[r["a"]] == kinds[r["b"]] == r["kind"] for r in rows)
    assert all(r["score"] >= threshold and r["reasons"] for r in rows)
    oracle = all_pairs_duplicates(entities, threshold=threshold)
    assert all(r in oracle for r in rows)
    # Blocking may only miss a pair whose one piece of evidence is a similar name.
    assert all(r in rows for r in oracle if not (len(r["reasons"]) == 1 and "similar" in r["reasons"][0]))
    # Remembering the listed pairs empties the list.
    assert likely_duplicates(entities, not_duplicates=keys, threshold=threshold) == []


@settings(max_examples=150, deadline=None)
@given(ENTITIES, st.floats(0.3, 1.0), st.sets(st.integers(0, 13), max_size=4))
def test_the_pairs_involving_some_ids_are_the_whole_answers_pairs_with_them(raw, threshold, picked):
    entities = [dict(e, id=f"e{i}") for i, e in enumerate(raw)]
    involving = {f"e{i}" for i in picked}
    rows = likely_duplicates(entities, threshold=threshold, involving=involving)
    whole = likely_duplicates(entities, threshold=threshold)
    assert rows == [r for r in whole if r["a"] in involving or r["b"] in involving]


def test_a_new_acronym_finds_the_known_full_name_and_nothing_else():
    known = [entity("afp", "Australian Federal Police"), entity("dha", "Department of Home Affairs")]
    rows = likely_duplicates([*known, entity("new", "AFP")], involving={"new"})
    assert pairs(rows) == {("afp", "new")}
    assert only(rows)["reasons"] == ["'AFP' matches the initials of 'Australian Federal Police'"]


def test_an_acronym_matching_the_initials_of_an_alias_written_out_says_which_alias():
    nsw = entity("nsw-police", "NSW Police Force", aliases=["New South Wales Police Force"])
    rows = likely_duplicates([nsw, entity("nswpf", "NSWPF")])
    assert only(rows)["reasons"] == [
        "'NSWPF' matches the initials of 'New South Wales Police Force', an alias of 'NSW Police Force'"
    ]

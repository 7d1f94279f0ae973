"""The filter line: parsing and evaluation on a tiny networkx graph (pure)."""

import pytest

from graph.filters import Filter, FilterError, Term, describe, evaluate, nothing_matches, parse, resolve_entity, suggest
from graph.model import to_networkx

NODES = [
    {
        "id": "afp",
        "name": "Australian Federal Police",
        "kind": "Agency",
        "country": "AUS",
        "tags": ["police"],
        "aliases": ["AFP"],
        "priority": "high",
        "region": "Pacific",
    },
    {"id": "dfat", "name": "Foreign Affairs", "kind": "Agency", "country": "AUS", "tags": [], "aliases": []},
    {"id": "ms", "name": "Microsoft", "kind": "Company", "country": "USA", "tags": ["tech"], "aliases": []},
    {"id": "pif", "name": "Pacific Islands Forum", "kind": "Forum", "tags": [], "aliases": ["PIF"]},
    {"id": "FJI", "name": "Fiji", "kind": "Country", "tags": [], "aliases": [], "priority": "high"},
    {"id": "vp", "name": "Voluntary Principles", "kind": "Agreement", "tags": [], "aliases": ["VPs"]},
]
LINKS = [
    {"source": "FJI", "target": "pif", "type": "MEMBER_OF"},
    {"source": "ms", "target": "vp", "type": "PARTY_TO"},
    {"source": "afp", "target": "dfat", "type": "PARTNERS_WITH"},
]


@pytest.fixture
def graph():
    return to_networkx(NODES, LINKS)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("kind:Agency country:AUS", ((Term("kind", "Agency"),), (Term("country", "AUS"),))),
        ('member_of:"Pacific Islands Forum"', ((Term("member_of", "Pacific Islands Forum"),),)),
        ("kind:company -party_to:VPs", ((Term("kind", "Company"),), (Term("party_to", "VPs", True),))),
        ("tag:police OR tag:tech", ((Term("tag", "police"), Term("tag", "tech")),)),
        ("country:'United States'", ((Term("country", "USA"),),)),
        ("Fiji", ((Term("name", "Fiji"),),)),
    ],
)
def test_parse(text, groups):
    assert parse(text).groups == groups


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind:Spaceship", "unknown kind 'Spaceship'"),
        ("orbits:Mars", "unknown filter key 'orbits'"),
        ("OR kind:Agency", "'OR' needs a term on each side"),
        ("kind:Agency OR", "'OR' needs a term on each side"),
        ('name:"open', "unclosed quote"),
        ("country:Atlantis", "unknown country 'Atlantis'"),
        ("", "the filter is empty"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(FilterError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("kind:Agency country:AUS", {"afp", "dfat"}),
        ("kind:Company -party_to:VPs", set()),
        ("-kind:Agency -kind:Country", {"ms", "pif", "vp"}),
        ("member_of:PIF", {"FJI"}),
        ("partners_with:dfat", {"afp"}),
        ("partners_with:afp", {"dfat"}),  # PARTNERS_WITH reads both ways
        ("priority:high", {"afp", "FJI"}),
        ("country:AUS OR country:Fiji", {"afp", "dfat", "FJI"}),
        ("related:pif", {"FJI"}),
        ("name:pacific", {"pif"}),
        ("tag:TECH", {"ms"}),
        ("region:pacific", {"afp"}),
    ],
)
def test_evaluate(graph, text, ids):
    assert evaluate(parse(text), graph) == ids


def test_saved_sets_nest_and_refuse_cycles(graph):
    saved = {"ours": "kind:Agency country:AUS", "loop": "set:loop"}
    assert evaluate(parse("set:ours -name:foreign"), graph, saved) == {"afp"}
    with pytest.raises(FilterError, match="refers to itself"):
        evaluate(parse("set:loop"), graph, saved)
    with pytest.raises(FilterError, match="no saved set named 'theirs'"):
        evaluate(parse("set:theirs"), graph, saved)


def test_resolve_entity_suggests_names(graph):
    assert resolve_entity(graph, "afp") == "afp"
    assert resolve_entity(graph, "pacific islands forum") == "pif"
    with pytest.raises(FilterError, match="did you mean 'Pacific Islands Forum'"):
        resolve_entity(graph, "Pacific")


def test_filter_is_a_value():
    assert parse("kind:Agency") == Filter(((Term("kind", "Agency"),),), "kind:Agency")


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("Pacific countries", "name contains 'Pacific' and name contains 'countries'"),
        ("kind:Agency -country:AUS", "of kind 'Agency' and not in country 'AUS'"),
        ("tag:police OR priority:high", "tagged 'police' or priority 'high'"),
        ('member_of:"Pacific Islands Forum"', "member of 'Pacific Islands Forum'"),
    ],
)
def test_describe_says_how_a_filter_was_read(text, read_as):
    assert describe(parse(text)) == read_as


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Pacific agencies", "region:Pacific kind:Agency"),  # plural kind, region as stored
        ("high priority agencies", "priority:high kind:Agency"),  # "priority" is a filler word
        ("police", "kind:Agency"),  # a kind's synonym in the vocabulary before a tag
        ("tech", "tag:tech"),
        ("Fiji countries", "country:FJI kind:Country"),
        ("companies tag:tech", "kind:Company tag:tech"),  # keyed terms are kept
        ("Pacific companies", None),  # read that way it still selects nothing
        ("zebra agencies", None),  # a word that means nothing is not guessed
        ("kind:Forum", None),  # no bare words
    ],
)
def test_suggest_reads_bare_words_as_filter_terms(graph, text, offered):
    assert suggest(text, graph) == offered


def test_nothing_matches_says_what_was_understood_and_an_example(graph):
    message = nothing_matches("Pacific agencies", graph, "targets")
    assert message.startswith("The targets filter 'Pacific agencies' was read as: name contains 'Pacific'")
    assert "Did you mean `region:Pacific kind:Agency`?" in message
    assert "`kind:Country region:Pacific priority:high`" in message
    assert "Did you mean" not in nothing_matches("zebra", graph, "home")


@pytest.mark.parametrize(
    "text", ["Australian Federal Police", "australian  federal police", "AUSTRALIAN FEDERAL POLICE.", "afp"]
)
def test_resolve_entity_folds_case_spaces_and_punctuation(graph, text):
    assert resolve_entity(graph, text) == "afp"

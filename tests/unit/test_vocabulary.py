"""The vocabulary maps wording to kinds, types and ISO3 codes (pure)."""

import pytest

from graph.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("USA", "USA"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("U.S.", "USA"),
        ("UK", "GBR"),
        ("fiji", "FJI"),
        ("Micronesia (Federated States)", "FSM"),
        ("Papua New Guinea", "PNG"),
        ("Philippines", "PHL"),
        ("Atlantis", None),
    ],
)
def test_country_aliases(vocab, text, iso3):
    assert vocab.country(text) == iso3


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Member of", ("MEMBER_OF", False)),
        ("  ENDORSED ", ("PARTY_TO", False)),
        ("funded by", ("FUNDS", True)),
        ("led by", ("LEADS", True)),
        ("works with", ("PARTNERS_WITH", False)),
        ("co-hosts", None),
    ],
)
def test_relationship_wording(vocab, wording, expected):
    assert vocab.relationship(wording) == expected


@pytest.mark.parametrize(
    ("wording", "kind"),
    [
        ("Government Agency", "Agency"),
        ("not-for-profit", "NGO"),
        ("Tech company", "Company"),
        ("International Organisation", "InternationalOrganisation"),
        ("MOU", "Agreement"),
        ("spaceship", None),
    ],
)
def test_kind_wording(vocab, wording, kind):
    assert vocab.kind(wording) == kind


def test_extension_file_adds_wording(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text('[kinds]\nNGO = ["peak body"]\n[relationships.PARTNERS_WITH]\nsynonyms = ["co-hosts"]\n')
    vocab = load_vocabulary(str(extra))
    assert vocab.kind("Peak Body") == "NGO"
    assert vocab.relationship("co-hosts") == ("PARTNERS_WITH", False)
    assert vocab.relationship("works with") == ("PARTNERS_WITH", False)  # the shipped synonyms stay
    assert vocab.kind("charity") == "NGO"

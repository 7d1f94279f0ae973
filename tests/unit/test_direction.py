"""A link whose direction does not fit the kinds at its ends is a warning, loaded as written (pure)."""

from __future__ import annotations

import pytest

from graph.direction import End, direction_warning
from graph.vocabulary import load_vocabulary
from loaders.pipeline import load_paths
from loaders.validate import validate
from tests.conftest import SAMPLE
from tests.unit.test_validate import messages, tables_of

DIRECTION = "check the direction; written the other way round"  # the reversed link would fit
TYPE = "check the type and the direction"  # neither way round fits


@pytest.mark.parametrize(
    ("source", "rel_type", "target"),
    [
        ("Agency", "LEADS", "Program"),  # AFP leads the Indo-Pacific Child Protection Program
        ("Agency", "LEADS", "Agency"),  # AFP leads the ACCCE
        ("Forum", "LEADS", "Agreement"),  # the Five Country Ministerial leads the Voluntary Principles
        ("InternationalOrganisation", "LEADS", "Program"),
        ("Country", "MEMBER_OF", "Forum"),  # Fiji is a member of the Pacific Islands Forum
        ("Company", "MEMBER_OF", "Program"),  # Meta is a member of Lantern
        ("NGO", "MEMBER_OF", "NGO"),  # the IWF is a member of INHOPE
        ("Agency", "FUNDS", "Agency"),  # Home Affairs funds the ACCCE
        ("Country", "FUNDS", "Engagement"),
        ("Program", "PART_OF", "Forum"),  # Cyber Safety Pasifika is a PICP program
        ("Agency", "PARTICIPATED_IN", "Engagement"),
        ("Country", "PARTICIPATED_IN", "Engagement"),  # Fiji hosted the Leaders Meeting
        ("Company", "PARTY_TO", "Agreement"),
        ("Program", "BASED_IN", "Country"),
        ("NGO", "PARTNERS_WITH", "Agency"),
        ("Engagement", "RELATED_TO", "Agreement"),  # RELATED_TO is never checked
        (None, "LEADS", "Program"),  # an unknown kind is never checked
    ],
)
def test_links_that_fit_their_direction_say_nothing(source, rel_type, target):
    assert direction_warning(load_vocabulary(), rel_type, End("A", source), End("B", target)) is None


@pytest.mark.parametrize(
    ("source", "rel_type", "target", "reason", "then"),
    [
        ("Program", "LEADS", "InternationalOrganisation", "a program is led, it does not lead", DIRECTION),
        ("Country", "MEMBER_OF", "Agency", "a government agency has no members", TYPE),
        ("Agreement", "FUNDS", "Company", "an agreement does not give money", TYPE),
        ("Engagement", "PARTICIPATED_IN", "Agency", "an engagement does not take part in anything", DIRECTION),
        ("Engagement", "PARTICIPATED_IN", "Program", "an engagement does not take part in anything", DIRECTION),
        ("Agency", "PART_OF", "Country", "a country or territory is not an organisational parent", TYPE),
        ("Agreement", "PARTY_TO", "Company", "an agreement is not a party to anything", DIRECTION),
        ("Country", "BASED_IN", "NGO", "a country or territory has no base", DIRECTION),
        ("Forum", "CHAIRS", "Agency", "a forum does not chair", DIRECTION),
        ("Agency", "OPERATES_IN", "Agency", "a government agency is not a place", TYPE),
        ("Engagement", "PARTNERS_WITH", "Agency", "an engagement is not a partner", TYPE),  # undirected
    ],
)
def test_links_that_do_not_fit_say_why_and_whether_the_other_way_round_would(source, rel_type, target, reason, then):
    message = direction_warning(load_vocabulary(), rel_type, End("A", source), End("B", target))
    assert message is not None
    assert message.startswith(f"'A' ({source}) {load_vocabulary().reading(rel_type)} 'B' ({target}): {reason}")
    assert then in message


def test_the_warning_reads_as_a_sentence_with_the_link_the_other_way_round():
    message = direction_warning(
        load_vocabulary(), "LEADS", End("Cyber Safety Pasifika", "Program"), End("UNICEF", "InternationalOrganisation")
    )
    assert message == (
        "'Cyber Safety Pasifika' (Program) leads 'UNICEF' (InternationalOrganisation): a program is led, it does not "
        "lead — check the direction; written the other way round it would read 'UNICEF leads Cyber Safety Pasifika'"
    )


def test_an_extension_adds_kinds_to_a_direction(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text('[directions.MEMBER_OF]\nto = ["Agency"]\n[directions.PARTNERS_WITH]\nto = ["Engagement"]\n')
    vocab = load_vocabulary(str(extra))
    assert vocab.fits("MEMBER_OF", "Country", "Agency")  # added
    assert vocab.fits("MEMBER_OF", "Country", "Forum")  # the shipped kinds stay
    assert not vocab.fits("MEMBER_OF", "Engagement", "Forum")
    assert vocab.fits("PARTNERS_WITH", "Engagement", "Agency")  # an undirected type fits either way round
    bad = tmp_path / "bad.toml"
    bad.write_text('[directions.LEADS]\nfrom = ["Spaceship"]\n')
    with pytest.raises(ValueError, match=r"directions\.LEADS\.from must list kinds"):
        load_vocabulary(str(bad))


ELEMENTS = """ID,Label,Type
csp,Cyber Safety Pasifika,Program
unicef,UNICEF,International Organisation
fji,Fiji,Country
afp,Australian Federal Police,Agency
vp,Voluntary Principles,Agreement
meta,Meta,Company
eng-1,Pacific Cyber Safety Workshop,Engagement
"""
CONNECTIONS = """From,To,Relationship
csp,unicef,leads
csp,unicef,led by
Fiji,afp,member of
vp,meta,funds
eng-1,afp,participated in
afp,Fiji,part of
afp,csp,leads
meta,vp,endorsed
"""


def test_a_load_warns_by_file_row_and_column_and_keeps_the_link_as_written(tmp_path):
    result = validate(tables_of(tmp_path, Elements=ELEMENTS, Connections=CONNECTIONS), load_vocabulary())
    assert messages(result, "error") == []
    found = {row: message for file, row, column, message in messages(result, "warning") if column == "Relationship"}
    assert set(found) == {2, 4, 5, 6, 7}  # rows 3 ("led by": UNICEF leads the program), 8 and 9 fit
    assert found[2] == (
        "'Cyber Safety Pasifika' (Program) leads 'UNICEF' (InternationalOrganisation): a program is led, it does not "
        "lead — check the direction; written the other way round it would read 'UNICEF leads Cyber Safety Pasifika'"
    )
    assert found[4].startswith("'Fiji' (Country) member of 'Australian Federal Police' (Agency): a government")
    assert found[5].startswith("'Voluntary Principles' (Agreement) funds 'Meta' (Company)")
    assert found[6].endswith("would read 'Australian Federal Police participated in Pacific Cyber Safety Workshop'")
    assert found[7].startswith("'Australian Federal Police' (Agency) part of 'Fiji' (Country)")
    links = {(link.type, link.source, link.target) for link in result.links}
    assert {
        ("LEADS", "csp", "unicef"),
        ("MEMBER_OF", "FJI", "afp"),
        ("FUNDS", "vp", "meta"),
        ("PARTICIPATED_IN", "eng-1", "afp"),
        ("PART_OF", "afp", "FJI"),
    } <= links  # loaded as written


def test_the_sample_has_no_link_against_its_direction():
    report = load_paths(None, [str(SAMPLE)])
    assert report.errors == []
    assert [str(p) for p in report.warnings if "check the" in p.message] == []

"""Resolving element rows without an ID, and merging rows without losing notes (pure, no database)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.vocabulary import load_vocabulary
from loaders.combine import merge_rows
from loaders.identity import Index, fold_name, resolve
from loaders.model import EntityRow, LinkRow
from loaders.validate import validate
from tests.unit.test_validate import messages, tables_of

KNOWN = [
    {"id": "afp", "name": "Australian Federal Police", "aliases": ["AFP"], "kind": "Agency"},
    {"id": "fiji-police", "name": "Fiji Police Force", "aliases": ["FPF"], "kind": "Agency"},
    {"id": "esafety-youth-council", "name": "eSafety Youth Council", "aliases": [], "kind": "Agency"},
    {"id": "google", "name": "Google", "aliases": [], "kind": "Company"},
]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Fiji Police Force", "fiji police force"),
        ("fiji police force", "fiji police force"),
        ("Fiji  Police-Force", "fiji police force"),
        ("FIJI POLICE FORCE.", "fiji police force"),
        ("  Fiji\tPolice\u00a0Force ", "fiji police force"),
        ("Attorney-General's Department", "attorney generals department"),
        ("Attorney General\u2019s Department", "attorney generals department"),
        ("U.S. Department of State", "us department of state"),
        ("Coimisiún na Meán", "coimisiun na mean"),
        ("National Center for Missing & Exploited Children", "national center for missing exploited children"),
        ("---", ""),
    ],
)
def test_fold_name(text, folded):
    assert fold_name(text) == folded


def test_folding_keeps_near_misses_apart():
    assert fold_name("eSafety") != fold_name("eSafety Youth Council")
    assert fold_name("AFP") != fold_name("Australian Federal Police")
    assert fold_name("Alphabet") != fold_name("Google")


@given(st.text())
def test_folding_is_idempotent(text):
    assert fold_name(fold_name(text)) == fold_name(text)


WORDS = st.lists(st.text(string.ascii_letters + string.digits, min_size=1, max_size=8), min_size=1, max_size=5)
SEPARATOR = st.text(' \t\n-_,;:/()&+!?"', min_size=1, max_size=3)  # any of them between words is one space
EDGE = st.text(" \t-_,;:.'()!?\"", max_size=3)  # at either end, full stops and apostrophes too


@given(WORDS, st.data())
def test_folding_ignores_case_spacing_and_punctuation(words, data):
    separators = [data.draw(SEPARATOR) for _ in words[1:]]
    written = words[0] + "".join(sep + word for sep, word in zip(separators, words[1:], strict=True))
    written = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in written)
    written = data.draw(EDGE) + written + data.draw(EDGE)
    assert fold_name(written) == " ".join(words).lower()


def test_resolve_by_name_alias_and_folded_name_within_the_kind():
    index = Index(KNOWN)
    for name, way in [
        ("Australian Federal Police", "name"),
        ("AFP", "alias"),
        ("australian federal police", "folded name"),
        ("Fiji  Police-Force", "folded name"),
        ("FIJI POLICE FORCE.", "folded name"),
        ("fpf", "folded alias"),
    ]:
        outcome = resolve(index, name, "Agency", name.lower().replace(" ", "-"))
        assert outcome.level == "warning", name
        assert outcome.id in {"afp", "fiji-police"}
        assert outcome.name in {"Australian Federal Police", "Fiji Police Force"}  # never renamed by the row
        assert f"by {way}" in outcome.message and outcome.message.startswith("matched existing ")


def test_near_misses_and_other_kinds_make_new_entities():
    index = Index(KNOWN)
    assert resolve(index, "eSafety", "Agency", "esafety") == resolve(Index(), "eSafety", "Agency", "esafety")
    assert resolve(index, "eSafety Youth", "Agency", "esafety-youth").id == "esafety-youth"
    assert resolve(index, "AFPA", "Agency", "afpa").id == "afpa"  # an acronym that is not an alias
    assert resolve(index, "Alphabet", "Company", "alphabet").id == "alphabet"
    other = resolve(index, "Australian Federal Police", "NGO", "australian-federal-police")
    assert other.id == "australian-federal-police" and other.level == "warning"
    assert "not matched to Australian Federal Police (afp, Agency)" in other.message


def test_the_rows_own_entity_resolves_quietly_and_may_change_its_kind():
    index = Index([{"id": "cyber-safety-pasifika", "name": "Cyber Safety Pasifika", "aliases": [], "kind": "Program"}])
    outcome = resolve(index, "CYBER SAFETY PASIFIKA", "NGO", "cyber-safety-pasifika")
    assert (outcome.id, outcome.name, outcome.level) == ("cyber-safety-pasifika", "CYBER SAFETY PASIFIKA", None)


def test_two_candidates_are_an_error_naming_both():
    index = Index([*KNOWN, {"id": "afp-2", "name": "A.F.P.", "aliases": [], "kind": "Agency"}])
    outcome = resolve(index, "AFP", "Agency", "afp-x")
    assert outcome.id is None and outcome.level == "error"
    assert "Australian Federal Police (afp, by alias)" in outcome.message
    assert "A.F.P. (afp-2, by folded name)" in outcome.message


def test_validate_resolves_rows_against_the_database_and_this_load(tmp_path):
    elements = (
        "ID,Label,Type,Aliases\n"
        ",Fiji  Police-Force,Agency,\n"
        ",AFP,police,\n"
        ",Pacific Policing Network,Forum,\n"
        "ppn,Pacific Policing Network,Forum,PPN\n"
        ",eSafety,Agency,\n"
    )
    result = validate(tables_of(tmp_path, Elements=elements), load_vocabulary(), KNOWN)
    assert messages(result, "error") == []
    assert sorted(e.id for e in result.entities) == ["afp", "esafety", "fiji-police", "ppn"]
    warnings = messages(result, "warning")
    assert (
        "Elements.csv",
        2,
        "Label",
        "matched existing Fiji Police Force (fiji-police) by folded name; no new entity",
    ) in warnings
    assert ("Elements.csv", 3, "Label", "matched existing Australian Federal Police (afp) by alias; no new entity") in (
        warnings
    )
    # a row with an ID later in the same file is known before the rows without one are resolved
    assert ("Elements.csv", 4, "Label", "matched Pacific Policing Network (ppn) by name; no new entity") in warnings


def test_a_row_with_a_new_id_and_a_known_name_is_a_likely_duplicate(tmp_path):
    elements = "ID,Label,Type\nafp-au,Australian federal police,Agency\nafp,AFP (renamed),Agency\n"
    result = validate(tables_of(tmp_path, Elements=elements), load_vocabulary(), KNOWN)
    assert sorted(e.id for e in result.entities) == ["afp", "afp-au"]
    assert messages(result, "warning") == [
        (
            "Elements.csv",
            2,
            "Label",
            "likely duplicate of Australian Federal Police (afp) (same name once folded); "
            "loaded as its own entity, not merged",
        )
    ]


def test_merged_link_rows_keep_every_note_source_and_row(tmp_path):
    connections = (
        "From,To,Type,Since,Notes,Sources,Confidence\n"
        "afp,fiji-police,partner,2020,Signed in Suva.,https://a.example,high\n"
        "afp,fiji-police,partners with,2020,,https://b.example,\n"
        "AFP,FPF,works with,2020,Renewed in 2023.,https://a.example,low\n"
    )
    result = validate(tables_of(tmp_path, Connections=connections), load_vocabulary(), KNOWN)
    [link] = result.links
    assert link.props["notes"] == "Connections.csv:2: Signed in Suva.; Connections.csv:4: Renewed in 2023."
    assert link.props["sources"] == ["https://a.example", "https://b.example"]
    assert link.props["confidence"] == "low"
    assert link.loaded_from == "Connections.csv:2; Connections.csv:3; Connections.csv:4"
    merged = [w for w in messages(result, "warning") if w[1] == 4]
    assert "confidence 'high' replaced by 'low'" in merged[0][3]


def test_merged_entity_rows_keep_descriptions_aliases_tags_and_names(tmp_path):
    elements = (
        "ID,Label,Type,Description,Aliases,Tags,Sources\n"
        "ppn,Pacific Policing Network,Forum,Regional network.,PPN,pacific,https://a.example\n"
        "ppn,Pacific Police Network,Forum,Hosted in Suva.,,police,https://b.example\n"
        "ppn,Pacific Police Network,Forum,Regional network.,Network,,\n"
    )
    result = validate(tables_of(tmp_path, Elements=elements), load_vocabulary())
    [entity] = result.entities
    assert entity.props["description"] == "Elements.csv:2: Regional network.; Elements.csv:3: Hosted in Suva."
    assert entity.props["name"] == "Pacific Police Network"
    assert entity.props["aliases"] == ["PPN", "Pacific Policing Network", "Network"]
    assert entity.props["tags"] == ["pacific", "police"]
    assert entity.props["sources"] == ["https://a.example", "https://b.example"]
    assert entity.loaded_from == "Elements.csv:2; Elements.csv:3; Elements.csv:4"


def test_merge_rows_joins_texts_only_when_they_differ():
    first = LinkRow("PARTNERS_WITH", "a", "b", {"notes": "same"}, ("f.csv", 2))
    assert merge_rows(first, LinkRow("PARTNERS_WITH", "a", "b", {"notes": "same"}, ("f.csv", 3))) == []
    assert first.props["notes"] == "same"
    entity = EntityRow("e", "Agency", {"name": "E"}, ("f.csv", 2))
    merge_rows(entity, EntityRow("e", "Agency", {"name": "e", "description": "later"}, ("g.csv", None)))
    assert entity.props == {"name": "e", "description": "later"}  # one text, no prefix; same name, no alias
    assert entity.loaded_from == "f.csv:2; g.csv"


def test_a_match_by_the_id_alone_says_when_the_kind_changes():
    index = Index([{"id": "csp", "name": "Cyber Safety Pasifika", "aliases": [], "kind": "Program"}])
    outcome = resolve(index, "CSP", "NGO", "csp")
    assert (outcome.id, outcome.name) == ("csp", "Cyber Safety Pasifika")
    assert outcome.message == (
        "matched existing Cyber Safety Pasifika (csp) by id, whose kind becomes NGO (was Program); no new entity"
    )

"""Resolving element rows without an ID, and merging rows without losing notes (pure, no database)."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.vocabulary import load_vocabulary
from loaders.combine import merge_rows
from loaders.identity import Index, endpoint, fold_name, resolve
from loaders.model import ColumnMapping, EntityRow, LinkRow, headers_key
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


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_name_folds_as_the_unicode_rule_has_it(text):
    # fold_name skips normalising ASCII names (most names; a load folds every one): it must not matter. A
    # leading "é" sends the same text through the Unicode rule, and folds to the "e" that is then cut off.
    assert fold_name(text) == fold_name("\u00e9" + text)[1:].lstrip()


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
    merged = [w for w in messages(result, "warning") if w[1] == 4 and "same PARTNERS_WITH link" in w[3]]
    assert "confidence 'high' replaced by 'low'" in merged[0][3]


def test_a_merge_gives_its_row_the_other_rows_columns_and_leaves_the_rest_of_its_table_alone(tmp_path):
    # The rows of one table share one dict of headers (a million links); a link merged with a row of a table that
    # has a Notes column gets its own, so the note is reported under its header and the other rows are untouched.
    files = {
        "Plain": "From,To,Type,Since\nafp,fiji-police,partner,2020\nafp,google,partner,2021\n",
        "Noted": "From,To,Type,Since,Remarks\nafp,fiji-police,partner,2020,Signed in Suva.\n",
    }
    mapping = ColumnMapping("connections", {"From": "from", "To": "to", "Type": "type", "Since": "since"})
    noted = ColumnMapping("connections", {**mapping.columns, "Remarks": "notes"})
    by_headers = {headers_key(["From", "To", "Type", "Since"]): mapping, headers_key([*noted.columns]): noted}
    result = validate(tables_of(tmp_path, **files), load_vocabulary(), KNOWN, mappings=by_headers)
    merged, other = sorted(result.links, key=lambda link: link.target)
    assert merged.target == "fiji-police" and merged.columns == {"notes": "Remarks"}
    assert other.target == "google" and other.columns == {}


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


FPF = "Fiji Police Force (fiji-police)"


@pytest.mark.parametrize(
    ("text", "entity_id", "match"),
    [
        ("fiji-police", "fiji-police", None),  # its id: quiet
        ("Fiji Police Force", "fiji-police", None),  # its name: quiet
        ("FIJI POLICE FORCE.", "fiji-police", f"{FPF} by folded name"),
        ("Fiji  Police-Force", "fiji-police", f"{FPF} by folded name"),
        ("FPF", "fiji-police", f"{FPF} by alias"),
        ("fpf", "fiji-police", f"{FPF} by folded alias"),
        ("GOOGLE", "google", "Google (google) by folded name"),  # of any kind
        ("eSafety", None, None),  # a shorter name is not the longer one: nothing matches
    ],
)
def test_an_endpoint_resolves_by_id_name_alias_or_folded_name_of_any_kind(text, entity_id, match):
    outcome = endpoint(Index(KNOWN), text)
    assert (outcome.id, outcome.level) == (entity_id, "warning" if match else None)
    assert outcome.message == (f"{text!r} matched existing {match}" if match else "")


def test_an_endpoint_two_entities_could_be_is_an_error_listing_both():
    outcome = endpoint(Index([*KNOWN, {"id": "afp-2", "name": "A.F.P.", "aliases": [], "kind": "NGO"}]), "AFP")
    assert (outcome.id, outcome.level) == (None, "error")
    assert outcome.message == (
        "'AFP' could be Australian Federal Police (afp, Agency, by alias) or A.F.P. (afp-2, NGO, by folded name); "
        "write the ID of the one it is instead"
    )


def test_endpoints_in_a_load_fold_like_element_rows_and_say_so(tmp_path):
    connections = (
        "From,To,Type\n"
        "FIJI POLICE FORCE.,afp,partners with\n"
        "Australian Federal Police,fiji,operates in\n"  # a country's own spelling: read as a country, quietly
        "AFP,Fiji Police Force,funds\n"
        "A.F.P.,fiji police force,leads\n"
    )
    known = [*KNOWN, {"id": "FJI", "name": "Fiji", "aliases": [], "kind": "Country"}]
    result = validate(tables_of(tmp_path, Connections=connections), load_vocabulary(), known)
    assert messages(result, "error") == []
    assert {(link.type, link.source, link.target) for link in result.links} == {
        ("PARTNERS_WITH", "fiji-police", "afp"),
        ("OPERATES_IN", "afp", "FJI"),
        ("FUNDS", "afp", "fiji-police"),
        ("LEADS", "afp", "fiji-police"),
    }
    afp = "Australian Federal Police (afp)"
    assert messages(result, "warning") == [
        ("Connections.csv", 2, "From", f"'FIJI POLICE FORCE.' matched existing {FPF} by folded name"),
        ("Connections.csv", 4, "From", f"'AFP' matched existing {afp} by alias"),
        ("Connections.csv", 5, "From", f"'A.F.P.' matched existing {afp} by folded alias"),
        ("Connections.csv", 5, "To", f"'fiji police force' matched existing {FPF} by folded name"),
    ]


def test_an_endpoint_names_this_loads_entity_first_and_says_what_else_it_could_be(tmp_path):
    elements = "ID,Label,Type\nfpf-2,FPF,Agency\n"
    connections = "From,To,Type\nFPF,afp,partners with\n"
    result = validate(tables_of(tmp_path, Elements=elements, Connections=connections), load_vocabulary(), KNOWN)
    assert not messages(result, "error") and [(link.source, link.target) for link in result.links] == [("fpf-2", "afp")]
    said = [m[3] for m in messages(result, "warning") if m[:3] == ("Connections.csv", 2, "From")]
    assert said == ["'FPF' taken as FPF (fpf-2) of this load; it could also be Fiji Police Force (fiji-police)"]


def test_an_ambiguous_endpoint_rejects_its_row(tmp_path):
    elements = "ID,Label,Type\nfpf-2,FPF,Agency\nfpf-3,FPF,Agency\n"
    connections = "From,To,Type\nFPF,afp,partners with\n"
    result = validate(tables_of(tmp_path, Elements=elements, Connections=connections), load_vocabulary(), KNOWN)
    [error] = messages(result, "error")
    assert error[:3] == ("Connections.csv", 2, "From")
    assert error[3] == (
        "'FPF' could be FPF (fpf-2, Agency, by name) or FPF (fpf-3, Agency, by name) or Fiji Police Force "
        "(fiji-police, Agency, by alias); write the ID of the one it is instead"
    )
    assert result.links == [] and ("Connections.csv", 2) in {(f, r) for f, r, _, _ in result.rejected}


def merged_trail(dup, into, change, at):
    return json.dumps({"id": dup, "name": dup.upper(), "into": into, "change": change, "at": at}, sort_keys=True)


AFTER_MERGE = [  # afp-2 was merged into afp; afp-old into afp-3, and then afp-3 into afp
    {
        **KNOWN[0],
        "merged_ids": ["afp-2", "afp-3", "afp-old"],
        "merged_from": [
            merged_trail("afp-2", "afp", "c-1", "2026-05-01T09:00:00+00:00"),
            merged_trail("afp-old", "afp-3", "c-2", "2026-06-01T09:00:00+00:00"),
            merged_trail("afp-3", "afp", "c-3", "2026-07-01T09:00:00+00:00"),
        ],
    },
    *KNOWN[1:],
]


def test_a_merged_duplicates_id_resolves_to_the_kept_entity_with_the_merge():
    index = Index(AFTER_MERGE)
    outcome = endpoint(index, "afp-2")
    assert (outcome.id, outcome.level) == ("afp", "warning")
    assert outcome.message == "afp-2 was merged into afp on 2026-05-01 (change c-1); linked to afp"
    assert str(index.merged["afp-old"]) == (
        "afp-old was merged into afp-3 on 2026-06-01 (change c-2); afp-3 was merged into afp on 2026-07-01 (change c-3)"
    )
    assert endpoint(Index([{**AFTER_MERGE[0], "merged_from": []}]), "afp-2").message == (
        "afp-2 was merged into afp; linked to afp"  # a trail without the merge: the id still finds its entity
    )


def test_rows_naming_a_merged_duplicate_by_id_update_the_kept_entity(tmp_path):
    elements = "ID,Label,Type,Description\nafp-2,Aust. Federal Police,Agency,Federal police.\n"
    connections = "From,To,Type\nafp-2,fiji-police,partners with\nAust. Federal Police,FPF,funds\n"
    result = validate(tables_of(tmp_path, Elements=elements, Connections=connections), load_vocabulary(), AFTER_MERGE)
    assert messages(result, "error") == []
    [entity] = result.entities
    assert (entity.id, entity.props["name"], entity.props["description"]) == (
        "afp",
        "Australian Federal Police",  # never renamed by the row
        "Federal police.",
    )
    assert {(link.source, link.target) for link in result.links} == {("afp", "fiji-police")}
    warnings = messages(result, "warning")
    merge = "afp-2 was merged into afp on 2026-05-01 (change c-1)"
    assert ("Elements.csv", 2, "ID", f"{merge}; this row updates afp") in warnings
    assert ("Connections.csv", 2, "From", f"{merge}; linked to afp") in warnings


def test_an_endpoint_that_could_be_several_means_the_one_this_load_wrote():
    index = Index([*KNOWN, {"id": "afp-2", "name": "A.F.P.", "aliases": [], "kind": "NGO"}])
    assert endpoint(index, "AFP", in_load={"afp-2"}).id == "afp-2"
    assert endpoint(index, "AFP", in_load={"afp", "afp-2"}).level == "error"  # both in the load: still ambiguous

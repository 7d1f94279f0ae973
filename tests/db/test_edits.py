"""Changes made in the app, on a real Neo4j: each form's effect, its record, its undo, and who may make it."""

from __future__ import annotations

import pytest

from graph.roles import Actor, Forbidden
from loaders.changes import history
from loaders.edit import (
    Conflict,
    EngagementForm,
    Invalid,
    Participant,
    add_entity,
    add_link,
    add_note,
    edit_entity,
    end_link,
    follow_up_done,
    log_engagement,
    notes,
)
from loaders.undo import undo
from queries import read
from tests.db.conftest import ADMIN, EDITOR, VIEWER, dump


def entity(driver, entity_id: str) -> dict:
    rows = read(driver, "entities_by_id", ids=[entity_id])
    return rows[0] if rows else {}


def meeting(**changes) -> EngagementForm:
    form = EngagementForm(
        date="2026-11-30",
        title="Cyber safety talks, Suva",
        participants=[Participant("afp", "host"), Participant("fjpol", "participant")],
        kind="meeting",
        where="Suva",
        country="Fiji",
        notes="Agreed a joint workshop in March.",
        sources=["https://example.org/minutes"],
        follow_up_due="2027-01",
        follow_up_owner="Ana",
        confidence="high",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_logged_engagement_is_written_as_a_loaded_one_and_undone_exactly(small):
    before = dump(small)
    saved = log_engagement(small, meeting(), EDITOR)
    eng = entity(small, saved.entity_id)
    assert eng["kinds"] == ["Engagement"]
    props = eng["props"]
    assert (props["title"], props["name"], props["date"], props["kind"]) == (
        "Cyber safety talks, Suva",
        "Cyber safety talks, Suva",
        "2026-11-30",
        "meeting",
    )
    assert (props["country"], props["where"], props["follow_up_due"], props["follow_up_owner"]) == (
        "FJI",
        "Suva",
        "2027-01",
        "Ana",
    )
    assert props["sources"] == ["https://example.org/minutes"]
    links, _, _ = small.execute_query(
        "MATCH (a:Entity)-[r:PARTICIPATED_IN]->(e:Entity {id: $id}) RETURN a.id AS a, r.role AS role, "
        "r.since AS since, r.confidence AS confidence ORDER BY a",
        id=saved.entity_id,
    )
    assert [dict(r) for r in links] == [
        {"a": "afp", "role": "host", "since": "2026-11-30", "confidence": "high"},
        {"a": "fjpol", "role": "participant", "since": "2026-11-30", "confidence": "high"},
    ]
    change = history(small, entity="fjpol", limit=1)[0]
    assert (change["id"], change["kind"], change["by"]) == (saved.change_id, "edit", "ed@example.org")
    assert change["title"] == (
        "logged engagement: Cyber safety talks, Suva (2026-11-30) with Australian Federal Police, Fiji Police Force"
    )
    undo(small, saved.change_id, actor=EDITOR)
    assert dump(small) == before


def test_a_second_engagement_of_the_same_title_and_day_gets_its_own_id(small):
    first = log_engagement(small, meeting(), EDITOR)
    second = log_engagement(small, meeting(), EDITOR)
    assert first.entity_id != second.entity_id
    assert second.entity_id.startswith(first.entity_id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants": []}, "Log engagement, field 'With': add at least one participant"),
        ({"date": ""}, "Log engagement, field 'Date': date is blank"),
        ({"date": "31/02/2026"}, "Log engagement, field 'Date': bad date '31/02/2026'"),
        ({"follow_up_due": "soon"}, "Log engagement, field 'Follow-up due': bad date 'soon'"),
        ({"participants": [Participant("nobody")]}, "Participants, participant 1, field 'From'"),
        ({"title": ""}, "Log engagement, field 'Name': name is blank"),
    ],
)
def test_an_invalid_engagement_says_which_field_and_writes_nothing(small, changes, message):
    before = dump(small)
    with pytest.raises(Invalid) as caught:
        log_engagement(small, meeting(**changes), EDITOR)
    assert message in str(caught.value)
    assert dump(small) == before


def test_an_edit_sets_and_clears_properties_and_its_undo_gives_them_back(small):
    before = dump(small)
    base = entity(small, "afp")["props"]
    saved = edit_entity(
        small, "afp", {"Name": "Australian Federal Police (AFP)", "Aliases": [], "Tags": ["policing"]}, base, EDITOR
    )
    props = entity(small, "afp")["props"]
    assert props["name"] == "Australian Federal Police (AFP)"
    assert "aliases" not in props
    assert props["tags"] == ["policing"]
    assert props["description"] == "Federal police"
    record = history(small, entity="afp", limit=1)[0]
    assert record["by"] == "ed@example.org"
    assert "aliases: AFP → (blank)" in record["title"]
    assert "tags: policing, federal → policing" in record["title"]
    undo(small, saved.change_id, actor=EDITOR)
    assert dump(small) == before


def test_an_edit_reads_countries_and_priorities_as_the_loader_does(small):
    base = entity(small, "fjpol")["props"]
    edit_entity(small, "fjpol", {"Country": "Republic of Fiji", "Priority": "H"}, base, EDITOR)
    props = entity(small, "fjpol")["props"]
    assert (props["country"], props["priority"]) == ("FJI", "high")


def test_an_edit_of_a_changed_entity_shows_both_values_and_writes_nothing(small):
    base = entity(small, "afp")["props"]
    edit_entity(small, "afp", {"Description": "Someone else's words"}, base, EDITOR)
    now = dump(small)
    with pytest.raises(Conflict) as caught:
        edit_entity(small, "afp", {"Description": "My words"}, base, Actor("second@example.org", "editor"))
    assert caught.value.fields == {"description": ("Federal police", "Someone else's words")}
    assert dump(small) == now


def test_an_edit_of_an_entity_holding_a_value_json_cannot_keep_is_checked_for_conflicts_too(small):
    small.execute_query("MATCH (n:Entity {id: 'afp'}) SET n.reviewed = datetime('2026-01-01T00:00:00Z')")
    base = entity(small, "afp")["props"]
    edit_entity(small, "afp", {"Description": "Someone else's words"}, base, EDITOR)  # the one-transaction path
    now = dump(small)
    with pytest.raises(Conflict) as caught:
        edit_entity(small, "afp", {"Description": "My words"}, base, Actor("second@example.org", "editor"))
    assert caught.value.fields["description"] == ("Federal police", "Someone else's words")
    assert dump(small) == now


def test_a_kind_change_follows_the_loaders_rule(small):
    base = entity(small, "vgt")["props"]
    edit_entity(small, "vgt", {}, base, EDITOR, kind="InternationalOrganisation")
    assert entity(small, "vgt")["kinds"] == ["InternationalOrganisation"]
    with pytest.raises(Invalid, match="Country"):
        edit_entity(small, "afp", {}, entity(small, "afp")["props"], EDITOR, kind="Country")


def test_a_new_entity_is_checked_and_never_a_second_copy(small):
    saved = add_entity(small, {"Name": "eSafety Commissioner", "Kind": "agency", "Country": "Australia"}, EDITOR)
    assert entity(small, saved.entity_id)["props"]["country"] == "AUS"
    with pytest.raises(Invalid, match="in the graph already"):
        add_entity(small, {"Name": "Fiji Police Force", "Kind": "agency"}, EDITOR)
    with pytest.raises(Invalid, match="in the graph already"):
        add_entity(small, {"Name": "FPF", "Kind": "agency"}, EDITOR)
    with pytest.raises(Invalid, match="unknown kind 'band'"):
        add_entity(small, {"Name": "The Band", "Kind": "band"}, EDITOR)


def test_a_link_is_added_then_ended_never_deleted_and_each_undone(small):
    before = dump(small)
    added = add_link(small, {"From": "fjpol", "Relationship": "member of", "To": "VGT", "Since": "2024"}, EDITOR)
    key = "MEMBER_OF|fjpol|vgt|2024|"
    links, _, _ = small.execute_query("MATCH ()-[r:MEMBER_OF {key: $key}]->() RETURN properties(r) AS p", key=key)
    base = links[0]["p"]
    ended = end_link(small, key, "2026-06", base, EDITOR)
    links, _, _ = small.execute_query("MATCH ()-[r:MEMBER_OF {key: $key}]->() RETURN r.until AS until", key=key)
    assert [r["until"] for r in links] == ["2026-06"]
    with pytest.raises(Invalid, match="before the link began"):
        end_link(small, key, "2020", {**base, "until": "2026-06"}, EDITOR)
    undo(small, ended.change_id, actor=EDITOR)
    undo(small, added.change_id, actor=EDITOR)
    assert dump(small) == before


def test_notes_keep_who_and_when_and_survive_as_text(small):
    add_note(small, "Met their <b>director</b> [link](http://x)", EDITOR, entity="fjpol")
    add_note(small, "Second note", ADMIN, entity="fjpol")
    found = notes(entity(small, "fjpol")["props"])
    assert [(n["text"], n["by"]) for n in found] == [
        ("Met their <b>director</b> [link](http://x)", "ed@example.org"),
        ("Second note", "ad@example.org"),
    ]
    assert all(n["at"] for n in found)
    key = "MEMBER_OF|afp|vgt|2010|"
    add_note(small, "Renewed", EDITOR, link=key)
    links, _, _ = small.execute_query("MATCH ()-[r:MEMBER_OF {key: $key}]->() RETURN properties(r) AS p", key=key)
    assert [n["text"] for n in notes(links[0]["p"])] == ["Renewed"]
    assert links[0]["p"]["notes"] == "founding member"


def test_a_follow_up_is_marked_done_as_an_edit(small):
    saved = log_engagement(small, meeting(), EDITOR)
    listed = read(small, "follow_ups_open", limit=5)
    assert [(r["title"], r["due"], r["owner"], r["with"]) for r in listed] == [
        ("Cyber safety talks, Suva", "2027-01", "Ana", ["Australian Federal Police", "Fiji Police Force"])
    ]
    base = entity(small, saved.entity_id)["props"]
    done = follow_up_done(small, saved.entity_id, "2026-12-01", base, EDITOR)
    assert entity(small, saved.entity_id)["props"]["follow_up_done"] == "2026-12-01"
    assert history(small, entity=saved.entity_id, limit=1)[0]["id"] == done.change_id
    assert read(small, "follow_ups_open", limit=5) == []


@pytest.mark.parametrize(
    "write",
    [
        lambda d: log_engagement(d, meeting(), VIEWER),
        lambda d: add_entity(d, {"Name": "X", "Kind": "agency"}, VIEWER),
        lambda d: edit_entity(d, "afp", {"Name": "X"}, entity(d, "afp")["props"], VIEWER),
        lambda d: add_link(d, {"From": "afp", "Relationship": "partners with", "To": "fjpol"}, VIEWER),
        lambda d: end_link(d, "MEMBER_OF|afp|vgt|2010|", "2026", {}, VIEWER),
        lambda d: add_note(d, "hello", VIEWER, entity="afp"),
        lambda d: follow_up_done(d, "afp", "2026", {}, VIEWER),
    ],
    ids=["log", "add entity", "edit", "add link", "end link", "note", "follow-up"],
)
def test_a_viewer_cannot_write_by_any_form(small, write):
    before = dump(small)
    with pytest.raises(Forbidden, match=r"you \(vi@example.org\) are a viewer"):
        write(small)
    assert dump(small) == before


def test_the_command_line_logs_an_engagement_and_lists_it(small, capsys):
    from loaders.__main__ import main

    args = ["log-engagement", "--date", "2026-11", "--title", "Call with FPF", "--with", "afp:host", "--with", "FPF"]
    code = main([*args, "--kind", "call", "--notes", "Agreed next steps", "--by", "Ana"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Recorded: logged engagement: Call with FPF (2026-11) with Australian Federal Police, Fiji Police" in out
    assert main(["history", "--kind", "edit", "--limit", "1"]) == 0
    listed = capsys.readouterr().out
    assert "Ana  edit  logged engagement eng-2026-11-call-with-fpf (2026-11) with afp, fjpol" in listed
    assert main(["log-engagement", "--date", "someday", "--title", "X", "--with", "afp"]) == 1
    assert "error: Log engagement, field 'Date': bad date 'someday'" in capsys.readouterr().err


def test_history_filters_by_author_in_any_case_and_pages(small):
    for n in range(3):
        add_note(small, f"note {n}", EDITOR, entity="afp")
    add_note(small, "admin's note", ADMIN, entity="afp")
    mine = history(small, by="ED@EXAMPLE", limit=10)
    assert [r["title"] for r in mine] == ["note on Australian Federal Police"] * 3
    assert {r["by"] for r in mine} == {"ed@example.org"}
    newest_first = [r["id"] for r in history(small, limit=10)]
    assert [r["id"] for r in history(small, limit=2, skip=1)] == newest_first[1:3]


def test_a_logged_engagements_themes_count_on_the_lines_of_effort_and_an_edit_adds_one(small):
    from analyses.catalog import run

    def cells():
        rows = run(small, "lines_of_effort", home="id:afp", targets="id:fjpol", params={"rollup": "off"})
        return {r["theme"]: (r["status"], r["through_ids"]) for r in rows}

    saved = log_engagement(small, meeting(themes=["Awareness", " reporting "]), EDITOR)
    assert entity(small, saved.entity_id)["props"]["themes"] == ["Awareness", "reporting"]
    assert cells() == {"Awareness": ("covered", [saved.entity_id]), "reporting": ("covered", [saved.entity_id])}
    base = entity(small, saved.entity_id)["props"]
    edit_entity(small, saved.entity_id, {"Themes": ["Awareness", "reporting", "legislation"]}, base, EDITOR)
    assert cells()["legislation"] == ("covered", [saved.entity_id])
    found = run(small, "reach", home="id:afp", targets="theme:legislation", params={"max_hops": "1"})
    assert [r["target"] for r in found] == [saved.entity_id]  # a set filter reads themes too

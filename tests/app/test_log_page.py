"""Writing in the app under AppTest on a real Neo4j: the Log engagement page and dialogs, edits, deletes, the
loader's messages, each write's undo, and roles."""

from __future__ import annotations

import pytest

from loaders.pipeline import load_paths
from tests.app.pages import app, texts
from tests.app.test_auth import signed_in
from tests.app.test_network_page import send

PAGE = "views/log.py"
ELEMENTS = """ID,Label,Type,Aliases,Country
afp,Australian Federal Police,agency,AFP,AUS
fjpol,Fiji Police Force,agency,FPF,FJI
"""


@pytest.fixture
def two(db, tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS)
    assert not load_paths(db, [str(tmp_path)]).errors
    return db


def engagements(driver) -> list[dict]:
    rows, _, _ = driver.execute_query(
        "MATCH (a:Entity)-[r:PARTICIPATED_IN]->(e:Engagement) RETURN e.title AS title, e.date AS date, "
        "a.id AS who, r.role AS role ORDER BY who"
    )
    return [dict(r) for r in rows]


def field(at, label: str):
    return next(t for t in at.text_input if t.label == label)


def fill(at, *, title: str, date: str, who: list[str], roles: str = ""):
    field(at, "Title").input(title)
    field(at, "Date").input(date)
    at.multiselect[0].select(who[0])
    for other in who[1:]:
        at.multiselect[0].select(other)
    field(at, "Roles").input(roles)
    return at


def press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    return at


def test_a_bad_date_is_said_as_the_loader_says_it_and_nothing_is_saved(two):
    at = fill(app(PAGE), title="Talks", date="31/02/2026", who=["afp"])
    press(at, "Log engagement")
    assert "Nothing was saved" in texts(at)
    assert "field 'Date': bad date '31/02/2026'" in texts(at).replace("\\", "")
    assert engagements(two) == []


def test_no_participant_is_said(two):
    at = fill(app(PAGE), title="Talks", date="2026-11-30", who=["afp"])
    at.multiselect[0].unselect("afp")
    press(at, "Log engagement")
    assert "add at least one participant" in texts(at)


def test_an_engagement_is_logged_then_undone_from_the_page(two):
    at = fill(app(PAGE), title="Cyber safety talks", date="2026-11-30", who=["afp", "fjpol"], roles="host")
    press(at, "Log engagement")
    said = " ".join(str(e.value) for e in at.success).replace("\\", "")
    assert "Saved: logged engagement: Cyber safety talks (2026-11-30)" in said
    assert engagements(two) == [
        {"title": "Cyber safety talks", "date": "2026-11-30", "who": "afp", "role": "host"},
        {"title": "Cyber safety talks", "date": "2026-11-30", "who": "fjpol", "role": "participant"},
    ]
    assert next(t for t in at.text_input if t.label == "Title").value == ""  # blank for the next one
    next(b for b in at.button if b.label == "Undo").click().run()
    next(b for b in at.button if b.label == "Confirm").click().run()
    assert "Undone: logged engagement" in " ".join(str(e.value) for e in at.success)
    assert engagements(two) == []


def test_a_viewer_cannot_open_the_page(two):
    at = signed_in({"email": "vera@example.org"}, PAGE)
    assert "Signed in as vera@example" in texts(at)
    assert "Log an engagement" not in [t.value for t in at.title]
    assert not [b for b in at.button if b.label == "Log engagement"]
    assert not at.multiselect


def test_a_note_added_on_the_profile_shows_as_text_with_who_and_its_history(two):
    at = app("views/profile.py", id="fjpol")
    note = next(t for t in at.text_area if t.label == "Add a note")
    note.input("Met the **commissioner** <img src=x>")
    next(b for b in at.button if b.label == "Add note").click().run()
    shown = [str(m.value) for m in at.markdown]
    assert any(r"Met the \*\*commissioner\*\* \<img src=x\>" in m or "commissioner" in m for m in shown)
    assert not any("<img" in m and "\\<img" not in m for m in shown)
    rows, _, _ = two.execute_query("MATCH (n:Entity {id: 'fjpol'}) RETURN n.comments AS c")
    assert len(rows[0]["c"]) == 1
    assert any("note on Fiji Police Force" in m for m in shown)


def test_the_audit_trail_lists_every_change_with_who_and_only_admins_open_it(two):
    at = fill(app(PAGE), title="Talks", date="2026-11-30", who=["afp"])
    press(at, "Log engagement")
    audit = app("views/audit.py")
    table = audit.dataframe[0].value
    assert list(table["Kind"])[:2] == ["edit", "load"]
    assert "logged engagement: Talks (2026-11-30) with Australian Federal Police" in table["What"].iloc[0]
    assert "Changes 1 to 2" in [c.value for c in audit.caption]
    next(t for t in audit.text_input if t.label == "Who").input("nobody-by-that-name").run()
    assert "No changes match." in [c.value for c in audit.caption] and audit.dataframe[0].value.empty
    editor = signed_in({"email": "ed@example.org", "groups": ["strategy"]}, "views/audit.py")
    assert "Audit trail" not in [t.value for t in editor.title]
    assert not editor.dataframe or "Who" not in editor.dataframe[0].value.columns


def test_a_link_is_added_then_ended_from_the_profile(two):
    at = app("views/profile.py", id="afp")
    form = {t.label: t for t in at.text_input}
    form["Relationship"].input("partners with")
    form["With"].input("FPF")
    form["Since"].input("2024")
    next(b for b in at.button if b.label == "Add link").click().run()
    assert any("Saved: added link: Australian Federal Police partners with Fiji" in str(e.value) for e in at.success)
    next(s for s in at.selectbox if s.label == "End a link").select_index(0)
    next(t for t in at.text_input if t.label == "Ended on").input("2026-06")
    next(b for b in at.button if b.label == "End link").click().run()
    assert any("ended on 2026-06" in str(e.value).replace("\\", "") for e in at.success)
    rows, _, _ = two.execute_query(
        "MATCH (:Entity {id: 'afp'})-[r:PARTNERS_WITH]->() RETURN r.since AS s, r.until AS u"
    )
    assert [(r["s"], r["u"]) for r in rows] == [("2024", "2026-06")]


def test_a_follow_up_logged_shows_on_the_overview_at_once_until_marked_done(two):
    # after a signed-in page run: the list once stayed cached for five minutes across sessions
    assert not signed_in({"email": "vera@example.org"}).exception
    assert "Follow-ups not done" not in [s.value for s in app().subheader]
    at = fill(app(PAGE), title="Cyber talks", date="2026-11-30", who=["fjpol"])
    next(t for t in at.text_input if t.label == "Follow-up due").input("2026-12-15")
    next(t for t in at.text_input if t.label == "Follow-up owner").input("Desk officer")
    press(at, "Log engagement")
    overview = app()
    assert "Follow-ups not done (1)" in [s.value for s in overview.subheader]
    assert "Cyber talks (2026-11-30) with Fiji Police Force: due 2026-12-15, Desk officer" in texts(overview).replace(
        "\\", ""
    )
    next(b for b in overview.button if b.label == "Mark done").click().run()
    assert "Follow-ups not done (1)" not in [s.value for s in overview.subheader]
    rows, _, _ = two.execute_query("MATCH (e:Engagement) RETURN e.follow_up_done AS done")
    assert rows[0]["done"]


def test_an_engagement_is_logged_from_the_profile_in_a_dialog_with_the_entity_already_picked(two):
    at = press(app("views/profile.py", id="fjpol"), "Log an engagement")
    assert at.multiselect[0].value == ["fjpol"]
    next(t for t in at.text_input if t.label == "Title").input("Call with the commissioner")
    next(t for t in at.text_input if t.label == "Date").input("2026-11")
    at.multiselect[0].select("afp")
    press(at, "Log engagement")
    said = " ".join(str(e.value) for e in at.success).replace("\\", "")
    assert "Saved: logged engagement: Call with the commissioner (2026-11)" in said
    assert [(r["who"], r["date"]) for r in engagements(two)] == [("afp", "2026-11"), ("fjpol", "2026-11")]
    press(at, "Undo")
    press(at, "Confirm")
    assert engagements(two) == []


def test_an_entity_is_added_from_the_log_page_and_can_be_picked_but_never_twice(two):
    at = press(app(PAGE), "Add an entity")
    at.text_input(key="log-add-entity-name").input("Pacific Islands Chiefs of Police")
    at.selectbox(key="log-add-entity-kind").select("Forum")
    press(at, "Add")
    assert any("Saved: added Pacific Islands Chiefs of Police" in str(e.value) for e in at.success)
    assert "Pacific Islands Chiefs of Police (Forum)" in [
        at.multiselect[0].format_func(o) for o in at.multiselect[0].options
    ]
    again = press(app(PAGE), "Add an entity")
    again.text_input(key="log-add-entity-name").input("FPF")
    again.selectbox(key="log-add-entity-kind").select("Agency")
    press(again, "Add")
    assert "'Fiji Police Force' (id fjpol) is in the graph already" in texts(again).replace("\\", "")
    rows, _, _ = two.execute_query("MATCH (n:Entity) RETURN count(n) AS n")
    assert rows[0]["n"] == 3


def test_an_engagement_is_logged_with_the_entities_selected_in_the_network(two, tmp_path):
    (tmp_path / "connections.csv").write_text("From,To,Type\nafp,fjpol,partners with\n")
    assert not load_paths(two, [str(tmp_path / "connections.csv")]).errors
    at = app("views/network.py", id="afp", hops="1")
    at = send(at, {"type": "select", "ids": ["afp", "fjpol"]})
    at.button(key="network-log").click().run()
    assert sorted(next(m for m in at.multiselect if m.label == "With").value) == ["afp", "fjpol"]
    next(t for t in at.text_input if t.label == "Title").input("Joint operation review")
    next(t for t in at.text_input if t.label == "Date").input("2026-11-28")
    press(at, "Log engagement")
    assert any("Saved: logged engagement: Joint operation review" in str(e.value) for e in at.success)
    assert {r["who"] for r in engagements(two)} == {"afp", "fjpol"}


def test_an_admin_deletes_an_entity_from_its_profile_and_undoes_it_from_recent_changes(two):
    at = press(app("views/profile.py", id="fjpol"), "Delete")
    assert "Delete Fiji Police Force and its 0 links?" in texts(at)
    at.button(key="delete-confirm").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Stakeholder Graph Explorer"]  # on the Overview, where it is listed
    assert any("Deleted Fiji Police Force (entities deleted: 1)" in str(e.value).replace("\\", "") for e in at.success)
    rows, _, _ = two.execute_query("MATCH (n:Entity {id: 'fjpol'}) RETURN n.name AS name")
    assert rows == []
    at = press(app(), "Undo")
    press(at, "Confirm")
    assert any("Undone: deleted Fiji Police Force" in str(e.value).replace("\\", "") for e in at.success)
    rows, _, _ = two.execute_query("MATCH (n:Entity {id: 'fjpol'}) RETURN n.name AS name")
    assert [r["name"] for r in rows] == ["Fiji Police Force"]


def test_an_editor_has_no_delete(two):
    at = signed_in({"email": "ed@example.org", "groups": ["strategy"]}, "views/profile.py", id="fjpol")
    assert "Edit" in {b.label for b in at.button} and "Delete" not in {b.label for b in at.button}


def test_two_sessions_edit_one_entity_and_the_second_is_told_with_both_values(two):
    first, second = (press(app("views/profile.py", id="fjpol"), "Edit") for _ in range(2))
    for at, text in ((first, "Fiji's national police"), (second, "Police of Fiji")):
        next(t for t in at.text_area if t.label == "Description").input(text)
    first.button(key="edit-save").click().run()
    assert any("Saved: " in str(e.value) for e in first.success)
    second.button(key="edit-save").click().run()
    said = texts(second).replace("\\", "")
    assert "Someone else changed this since you opened it; nothing was saved." in said
    assert "- **Description**: you saw (blank); it is now Fiji's national police" in said
    assert next(t for t in second.text_area if t.label == "Description").value == "Police of Fiji"  # nothing lost
    rows, _, _ = two.execute_query("MATCH (n:Entity {id: 'fjpol'}) RETURN n.description AS d")
    assert rows[0]["d"] == "Fiji's national police"


def test_a_week_of_engagements_is_logged_one_after_another_and_a_refused_one_keeps_what_was_typed(two):
    at = app(PAGE)
    for day in ("2026-11-23", "2026-11-25", "2026-11-27"):
        at = press(fill(at, title=f"Call {day}", date=day, who=["fjpol"]), "Log engagement")
        assert any(f"Saved: logged engagement: Call {day}" in str(e.value).replace("\\", "") for e in at.success)
    at = press(fill(at, title="Bad one", date="31/02/2026", who=["afp"]), "Log engagement")
    assert "Nothing was saved" in texts(at)
    assert next(t for t in at.text_input if t.label == "Title").value == "Bad one"
    assert sorted(r["date"] for r in engagements(two)) == ["2026-11-23", "2026-11-25", "2026-11-27"]


def test_a_participant_the_list_does_not_offer_is_named_by_alias_or_refused_by_name(two):
    at = fill(app(PAGE), title="Talks", date="2026-11-30", who=["afp"], roles="host, guest")
    field(at, "Also with").input("FPF")
    press(at, "Log engagement")
    assert sorted((r["who"], r["role"]) for r in engagements(two)) == [("afp", "host"), ("fjpol", "guest")]
    at = fill(at, title="More talks", date="2026-11-30", who=["afp"])
    field(at, "Also with").input("Nobody We Know")
    press(at, "Log engagement")
    assert "Nothing was saved" in texts(at) and "Nobody We Know" in texts(at).replace("\\", "")


def test_an_open_edit_dialog_stays_with_its_entity(two):
    at = press(app("views/profile.py", id="fjpol"), "Edit")
    assert next(t for t in at.text_input if t.label == "Name").value == "Fiji Police Force"
    at.query_params["id"] = "afp"
    at.session_state["profile-entity"] = "afp"
    at.run()
    assert "Australian Federal Police" in [h.value for h in at.header]
    assert not [t for t in at.text_input if t.label == "Name"]  # closed on another entity's page


def plain(at) -> str:
    """What the page says with Markdown's escapes taken out (`views.widgets.md_text` escapes every data text)."""
    said = " ".join(str(e.value) for e in at.success)
    return (texts(at) + " " + said).replace("\\", "")


def test_a_risk_recorded_on_the_profile_shows_in_its_section_as_text_and_can_be_undone(two):
    at = app("views/profile.py", id="fjpol")
    assert "No risks or opportunities are recorded for Fiji Police Force." in plain(at)
    next(t for t in at.text_input if t.label == "Theme").input("Awareness")
    next(s for s in at.selectbox if s.label == "Level").set_value("high")
    next(t for t in at.text_area if t.label == "Finding").input("Limited **awareness** <img src=x>")
    next(b for b in at.button if b.label == "Record").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Saved: recorded a risk on Awareness about Fiji Police Force." in plain(at)
    assert "1 risk (1 high) is recorded for Fiji Police Force [" in plain(at)  # then the note it cites
    section = next(df.value for df in at.dataframe if {"Kind", "Theme", "Finding"} <= set(df.value.columns))
    assert list(section["Finding"]) == ["Limited **awareness** <img src=x>"]  # a cell: text, never markup
    rows, _, _ = two.execute_query("MATCH (f:Finding) RETURN f.about AS about, f.level AS level, f.text AS text")
    assert [dict(r) for r in rows] == [{"about": "fjpol", "level": "high", "text": "Limited **awareness** <img src=x>"}]
    again = next(t for t in at.text_area if t.label == "Finding")
    next(t for t in at.text_input if t.label == "Theme").input("Awareness")
    again.input("Limited **awareness** <img src=x>")
    next(s for s in at.selectbox if s.label == "Level").set_value("high")
    next(b for b in at.button if b.label == "Record").click().run()
    assert any("recorded already, as written; nothing was saved" in e.value for e in at.error)
    next(b for b in at.button if (b.key or "").startswith("undo-profile-finding")).click().run()
    next(b for b in at.button if (b.key or "").startswith("undo-confirm-profile-finding")).click().run()
    rows, _, _ = two.execute_query("MATCH (f:Finding) RETURN count(f) AS n")
    assert rows[0]["n"] == 0


def test_a_viewer_sees_the_findings_but_not_the_form(two, tmp_path):
    (tmp_path / "findings.csv").write_text("Entity,Kind,Theme,Finding\nfjpol,risk,Reporting,Few ways to report.\n")
    assert not load_paths(two, [str(tmp_path / "findings.csv")]).errors
    viewer = signed_in({"email": "vera@example.org"}, "views/profile.py", id="fjpol")
    assert not viewer.exception
    assert "1 risk is recorded for Fiji Police Force [" in plain(viewer)
    assert not any(b.label == "Record" for b in viewer.button)


def test_a_finding_closed_on_the_profile_is_no_longer_counted_and_the_close_can_be_undone(two, tmp_path):
    (tmp_path / "findings.csv").write_text(
        "Entity,Kind,Theme,Level,Finding,Date\nfjpol,risk,Reporting,high,Few ways to report.,2024\n"
    )
    assert not load_paths(two, [str(tmp_path / "findings.csv")]).errors
    at = app("views/profile.py", id="fjpol")
    assert "1 risk (1 high) is recorded for Fiji Police Force [" in plain(at)
    next(d for d in at.date_input if d.label == "Closed on").set_value("2026-11-30")
    next(b for b in at.button if b.label == "Close").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Saved: closed a risk on Reporting about Fiji Police Force on 2026-11-30." in plain(at)
    assert "No risks or opportunities are recorded for Fiji Police Force on 1 December 2026." in plain(at)
    assert "1 finding closed before 1 December 2026 (or assessed later) is not shown." in plain(at)
    rows, _, _ = two.execute_query("MATCH (f:Finding) RETURN f.closed AS closed, f.text AS text")
    assert [dict(r) for r in rows] == [{"closed": "2026-11-30", "text": "Few ways to report."}]
    next(b for b in at.button if (b.key or "").startswith("undo-profile-finding")).click().run()
    next(b for b in at.button if (b.key or "").startswith("undo-confirm-profile-finding")).click().run()
    rows, _, _ = two.execute_query("MATCH (f:Finding) RETURN f.closed AS closed")
    assert [dict(r) for r in rows] == [{"closed": None}]

"""The Log engagement page under AppTest on a real Neo4j: the loader's messages, the write, its undo, and roles."""

from __future__ import annotations

import pytest

from loaders.pipeline import load_paths
from tests.app.pages import app, texts
from tests.app.test_auth import signed_in

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


def fill(at, *, title: str, date: str, who: list[str], roles: str = ""):
    at.text_input[0].input(title)
    at.text_input[1].input(date)
    at.multiselect[0].select(who[0])
    for other in who[1:]:
        at.multiselect[0].select(other)
    at.text_input[2].input(roles)
    return at


def test_a_bad_date_is_said_as_the_loader_says_it_and_nothing_is_saved(two):
    at = fill(app(PAGE), title="Talks", date="31/02/2026", who=["afp"])
    at.button[0].click().run()
    assert "Nothing was saved" in texts(at)
    assert "field 'Date': bad date '31/02/2026'" in texts(at).replace("\\", "")
    assert engagements(two) == []


def test_no_participant_is_said(two):
    at = fill(app(PAGE), title="Talks", date="2026-11-30", who=["afp"])
    at.multiselect[0].unselect("afp")
    at.button[0].click().run()
    assert "add at least one participant" in texts(at)


def test_an_engagement_is_logged_then_undone_from_the_page(two):
    at = fill(app(PAGE), title="Cyber safety talks", date="2026-11-30", who=["afp", "fjpol"], roles="host")
    at.button[0].click().run()
    said = " ".join(str(e.value) for e in at.success).replace("\\", "")
    assert "Saved: logged engagement: Cyber safety talks (2026-11-30)" in said
    assert engagements(two) == [
        {"title": "Cyber safety talks", "date": "2026-11-30", "who": "afp", "role": "host"},
        {"title": "Cyber safety talks", "date": "2026-11-30", "who": "fjpol", "role": "participant"},
    ]
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
    at.button[0].click().run()
    audit = app("views/audit.py")
    table = audit.dataframe[0].value
    assert list(table["Kind"])[:2] == ["edit", "load"]
    assert "logged engagement: Talks (2026-11-30) with Australian Federal Police" in table["What"].iloc[0]
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
    at.button[0].click().run()
    overview = app()
    assert "Follow-ups not done (1)" in [s.value for s in overview.subheader]
    assert "Cyber talks (2026-11-30) with Fiji Police Force: due 2026-12-15, Desk officer" in texts(overview).replace(
        "\\", ""
    )
    next(b for b in overview.button if b.label == "Mark done").click().run()
    assert "Follow-ups not done (1)" not in [s.value for s in overview.subheader]
    rows, _, _ = two.execute_query("MATCH (e:Engagement) RETURN e.follow_up_done AS done")
    assert rows[0]["done"]

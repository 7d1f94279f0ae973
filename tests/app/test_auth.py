"""Sign-in and roles through the pages under AppTest: who the sidebar says acts, and which write controls a role
sees.  ``AppTest.user`` stands for the identity cookie `st.login` leaves; the real sign-in against an OpenID Connect
provider is the browser journey (tests/browser/test_sign_in.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.pages import texts
from tests.conftest import ROOT

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-long-enough-cookie-secret-for-tests-0123456789",
    "client_id": "sge",
    "client_secret": "sge-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {"admin": ["ada@example.org"], "editor": ["group:strategy"], "viewer": ["vera@example.org"], "default": "none"}


def signed_in(user: dict | None, page: str | None = None, **query: str) -> AppTest:
    """The app with ``[auth]`` and ``[roles]`` configured, as `user` (None: nobody signed in), at `query`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = ROLES
    at.user = {"is_logged_in": False} if user is None else {"is_logged_in": True, **user}
    if page:
        at.switch_page(page)
    return at.run()


def buttons(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def sidebar(at: AppTest) -> str:
    shown = " ".join(str(c.value) for c in at.sidebar.caption)
    return shown.replace("\\", "").replace("\u2060", "")  # without markdown escapes and md_text's word joiner


def test_without_sign_in_one_local_user_has_every_role(sample_db, monkeypatch):
    monkeypatch.setenv("SGE_USER", "desk-officer")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception
    assert "No sign-in configured: you act as desk-officer with every role" in sidebar(at)
    assert "Undo" in buttons(at)  # the sample's load can be undone from the Overview
    load = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    load.switch_page("views/load.py")
    assert "Load files" in [t.value for t in load.run().title]


def test_nobody_signed_in_sees_only_the_sign_in_screen(sample_db):
    at = signed_in(None)
    assert not at.exception
    assert buttons(at) == {"Sign in"}
    assert [t.value for t in at.title] == ["Stakeholder Graph Explorer"]
    assert "Sign in to use the app." in texts(at).replace("\\", "")
    assert not at.metric and not at.dataframe and not at.subheader  # nothing of the Overview rendered
    assert "Signed in as" not in sidebar(at)


def test_a_user_without_a_role_is_told_they_have_no_access(sample_db):
    at = signed_in({"email": "stranger@example.org"})
    assert not at.exception
    assert "You (stranger@example.org) have no access to this app" in at.error[0].value.replace("\\", "").replace(
        "\u2060", ""
    )
    assert buttons(at) == {"Sign out"}
    assert not at.metric and not at.subheader


def test_a_viewer_sees_no_load_page_and_no_write_buttons(sample_db):
    at = signed_in({"email": "Vera@Example.org", "name": "Vera"})
    assert not at.exception
    assert "Signed in as Vera@Example.org (viewer)" in sidebar(at)
    assert "Sign out" in buttons(at)
    assert {"Undo", "Merge", "Not a duplicate"}.isdisjoint(buttons(at))
    assert "Recent loads" in [s.value for s in at.subheader]  # reads still work
    gaps = signed_in({"email": "vera@example.org"}, "views/gaps.py")
    assert not gaps.exception
    assert "Save set" not in buttons(gaps) and "Delete set" not in buttons(gaps)
    assert gaps.metric  # the page itself is there


def test_a_viewer_opening_the_load_page_directly_gets_no_load_form(sample_db):
    at = signed_in({"email": "vera@example.org"}, "views/load.py")
    assert not at.exception
    assert "Load files" not in [t.value for t in at.title]
    assert not at.get("file_uploader")


@pytest.mark.parametrize(("user", "role"), [({"email": "ed@example.org", "groups": ["strategy"]}, "editor")])
def test_an_editor_by_group_claim_sees_load_and_undo(sample_db, user, role):
    at = signed_in(user)
    assert not at.exception
    assert f"Signed in as ed@example.org ({role})" in sidebar(at)
    assert "Undo" in buttons(at)
    load = signed_in(user, "views/load.py")
    assert not load.exception
    assert "Load files" in [t.value for t in load.title]
    assert load.get("file_uploader")
    gaps = signed_in(user, "views/gaps.py")
    assert "Save set" not in buttons(gaps)  # saved sets are an admin's


def test_an_admin_manages_saved_sets(sample_db):
    gaps = signed_in({"email": "ada@example.org"}, "views/gaps.py")
    assert not gaps.exception
    assert "Save set" in buttons(gaps)


@pytest.mark.parametrize(
    ("email", "may_save"), [("vera@example.org", False), ("ed@example.org", False), ("ada@example.org", True)]
)
def test_only_an_admin_is_offered_to_save_a_network_view(sample_db, email, may_save):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = {**ROLES, "editor": ["ed@example.org"]}
    at.user = {"is_logged_in": True, "email": email}
    at.query_params["id"] = "KIR"
    at.switch_page("views/network.py")
    at.session_state["net-tab"] = "Save and share"  # only the open tab is made
    at.run()
    assert not at.exception
    assert "network?" in " ".join(c.value for c in at.code)  # the tab is there, its address to share too
    keys = {b.key for b in at.button}
    assert ("save-view" in keys) is may_save
    assert ("view-name" in {t.key for t in at.text_input}) is may_save

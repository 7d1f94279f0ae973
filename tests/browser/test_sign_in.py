"""Sign-in journeys: the app served by ``streamlit run`` with ``[auth]`` pointing at a real OpenID Connect provider
(``oidc-provider-mock``) that the test starts on 127.0.0.1; a person signs in as a viewer and as an editor.

Nothing of `st.login` is patched: the browser goes from the app to the provider's authorization page, picks the
user there, and comes back through ``/oauth2callback`` with the identity cookie Streamlit sets.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import neo4j
import pytest
import werkzeug.serving
from playwright.sync_api import expect

from tests.browser.conftest import WAIT, start_app
from tests.browser.ui import nav, rerun, settle
from tests.conftest import counts

USERS = {
    "vera": {"email": "vera@example.org", "name": "Vera Viewer", "groups": ["readers"]},
    "ed": {"email": "ed@example.org", "name": "Ed Editor", "groups": ["strategy", "readers"]},
    "stranger": {"email": "stranger@example.org", "name": "Stranger"},
}
PROVIDER_CSS = "https://cdn.jsdelivr.net/npm/@picocss/**"  # oidc_provider_mock/templates/_base.html
SECRETS = """\
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "sign-in-test-cookie-secret-0123456789abcdef"
client_id = "stakeholder-graph-explorer"
client_secret = "not-a-real-secret"
server_metadata_url = "{issuer}/.well-known/openid-configuration"

[roles]
editor = ["group:strategy"]
viewer = ["group:readers"]
default = "none"
"""


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider on 127.0.0.1 that knows `USERS` (their claims go into the ID token)."""
    from oidc_provider_mock import User, app

    from neo4j_local import free_port

    server = werkzeug.serving.make_server(
        "127.0.0.1",
        free_port(),
        app(user_claims=[User(sub=sub, claims=claims) for sub, claims in USERS.items()]),
        threaded=True,
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture(scope="module")
def signed_app(session_driver, provider, tmp_path_factory):
    """``streamlit run app.py`` whose secrets configure sign-in through `provider` and the roles above."""
    folder = tmp_path_factory.mktemp("auth-app")
    secrets = Path(folder) / "secrets.toml"
    secrets.write_text(SECRETS.format(issuer=provider), encoding="utf-8")
    server = start_app(Path(folder), STREAMLIT_SECRETS_FILES=str(secrets))
    yield server
    server.stop()


def without_provider_cdn(page) -> None:
    """The provider's authorization page (the mock's, not the app's) links a stylesheet from a CDN: answer it here
    with an empty one, so that nothing leaves 127.0.0.1 and the offline guard still watches every other request."""
    page.route(PROVIDER_CSS, lambda route: route.fulfill(status=200, content_type="text/css", body=""))


def shown(text: str) -> re.Pattern:
    """`text` as the page shows it: an address in data text carries an invisible word joiner after its ``@``
    (`views.widgets.md_text`, so that Streamlit does not make it a link)."""
    return re.compile(re.escape(text).replace("@", "@\u2060?"))


def sign_in(page, app_url: str, provider: str, sub: str) -> None:
    """Open the app, press Sign in, pick `sub` on the provider's own page, and come back signed in."""
    without_provider_cdn(page)
    page.goto(app_url)
    expect(page.get_by_text("Sign in to use the app.")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # nothing but the sign-in screen
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**")
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(f"{app_url}/**", timeout=WAIT)
    expect(page.get_by_text(shown(f"Signed in as {USERS[sub]['email']}"))).to_be_visible(timeout=WAIT)
    settle(page)


def nav_links(page) -> list[str]:
    return page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()


def open_recent_loads(page) -> None:
    """Open every expander of Recent loads (what a person does to reach a load's Undo)."""
    expect(page.get_by_role("heading", name="Recent loads")).to_be_visible(timeout=WAIT)
    for summary in page.get_by_test_id("stExpander").locator("summary").all():
        summary.click()
    settle(page)


def test_a_viewer_signs_in_and_can_change_nothing(page, signed_app, provider, sample_db):
    sign_in(page, signed_app.url, provider, "vera")
    expect(page.get_by_text(shown("Signed in as vera@example.org (viewer)"))).to_be_visible()
    links = nav_links(page)
    assert "Overview" in " ".join(links) and not any("Load" in link for link in links)
    open_recent_loads(page)
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    expect(page.get_by_role("button", name="Merge")).to_have_count(0)
    # a crafted request: the Load page's address typed by hand is not served to a viewer
    page.goto(f"{signed_app.url}/load")
    settle(page)
    expect(page.get_by_text(shown("Signed in as vera@example.org (viewer)"))).to_be_visible()
    expect(page.get_by_role("heading", name="Load files")).to_have_count(0)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    # a profile offers a viewer no write control; the Log page typed by hand is not served either
    page.goto(f"{signed_app.url}/profile?id=afp")
    expect(page.get_by_role("heading", name="Australian Federal Police")).to_be_visible(timeout=60_000)
    for control in ("Edit", "Log an engagement", "Add an entity", "Delete", "Add note", "End link", "Add link"):
        expect(page.get_by_role("button", name=control, exact=True)).to_have_count(0)
    page.goto(f"{signed_app.url}/log")
    settle(page)
    expect(page.get_by_role("heading", name="Log an engagement")).to_have_count(0)
    expect(page.get_by_role("button", name="Log engagement")).to_have_count(0)


def test_an_editor_signs_in_loads_and_undoes_under_their_name(page, signed_app, provider, db, tmp_path):
    upload = tmp_path / "partners.csv"
    upload.write_text("Label,Type,Country\nSamoa Police,Agency,Samoa\nTonga Police,Agency,Tonga\n", encoding="utf-8")
    sign_in(page, signed_app.url, provider, "ed")
    expect(page.get_by_text(shown("Signed in as ed@example.org (editor)"))).to_be_visible()
    assert any("Load" in link for link in nav_links(page))
    nav(page, "Load")
    expect(page.get_by_role("heading", name="Load files")).to_be_visible(timeout=WAIT)
    page.locator("input[type=file]").set_input_files([upload])
    expect(page.get_by_text("Checked: 2 entities and links would be created or updated.")).to_be_visible(timeout=60_000)
    rerun(page, lambda: page.get_by_role("button", name="Load into the graph").click())
    expect(page.get_by_text("Loaded: 2 entities and links created or updated.")).to_be_visible(timeout=60_000)
    assert counts(db) == (2, 0)
    rerun(page, lambda: page.get_by_role("button", name="Undo", exact=True).click())
    rerun(page, lambda: page.get_by_role("button", name="Confirm", exact=True).click())
    expect(page.get_by_text(re.compile(r"^Undone: loaded partners\.csv"))).to_be_visible()
    assert counts(db) == (0, 0)
    changes = db.execute_query(
        "MATCH (c:Change) RETURN c.kind AS kind, c.by AS by ORDER BY c.seq", result_transformer_=neo4j.Result.data
    )
    assert changes == [{"kind": "load", "by": "ed@example.org"}, {"kind": "undo", "by": "ed@example.org"}]
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Signed in as")).to_have_count(0, timeout=WAIT)


def test_a_user_the_roles_do_not_name_has_no_access(page, signed_app, provider, sample_db):
    without_provider_cdn(page)
    page.goto(signed_app.url)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**")
    page.get_by_role("button", name="stranger", exact=True).click()
    expect(page.get_by_text("have no access to this app")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_an_editor_logs_an_engagement_the_gaps_page_counts_it_and_undo_takes_it_back(
    page, signed_app, provider, db, tmp_path
):
    rows = [
        "ID,Label,Type,Country,Priority",
        "afp,Australian Federal Police,agency,AUS,",
        "fjpol,Fiji Police,agency,FJI,high",
    ]
    (tmp_path / "elements.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    from loaders.pipeline import load_paths

    assert not load_paths(db, [str(tmp_path)]).errors
    gaps = f"{signed_app.url}/gaps?home=kind%3AAgency+country%3AAUS&targets=priority%3Ahigh"
    sign_in(page, signed_app.url, provider, "ed")
    page.goto(gaps)
    expect(page.get_by_role("heading", name="Unreached targets (1)")).to_be_visible(timeout=60_000)

    page.goto(f"{signed_app.url}/profile?id=fjpol")  # Log an engagement, with Fiji Police already picked
    rerun(page, lambda: page.get_by_role("button", name="Log an engagement").click())
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Title").fill("Cyber safety talks")
    dialog.locator(".stMultiSelect input").click()  # the participants' picker: type a name, pick it
    page.keyboard.type("Australian Federal")
    page.get_by_role("option", name="Australian Federal Police (Agency)").click()
    page.keyboard.press("Escape")  # close the picker's list, not the dialog
    rerun(page, lambda: dialog.get_by_role("button", name="Log engagement").click())
    expect(page.get_by_text("Saved: logged engagement: Cyber safety talks")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("dialog")).to_have_count(0)
    who = db.execute_query(
        "MATCH (a:Entity)-[:PARTICIPATED_IN]->(e:Engagement) RETURN a.id AS id, e.title AS t ORDER BY id",
        result_transformer_=neo4j.Result.data,
    )
    assert who == [{"id": "afp", "t": "Cyber safety talks"}, {"id": "fjpol", "t": "Cyber safety talks"}]

    page.goto(gaps)
    expect(page.get_by_role("heading", name="Unreached targets (0)")).to_be_visible(timeout=60_000)

    page.goto(f"{signed_app.url}/profile?id=fjpol")
    page.get_by_test_id("stExpander").filter(has_text="History of this entity").locator("summary").click()
    rerun(page, lambda: page.get_by_role("button", name="Undo", exact=True).first.click())
    rerun(page, lambda: page.get_by_role("button", name="Confirm", exact=True).click())
    expect(page.get_by_text(re.compile(r"Undone: logged engagement: Cyber safety talks"))).to_be_visible(timeout=WAIT)
    page.goto(gaps)
    expect(page.get_by_role("heading", name="Unreached targets (1)")).to_be_visible(timeout=60_000)
    changes = db.execute_query(
        "MATCH (c:Change) RETURN c.kind AS kind, c.by AS by ORDER BY c.seq", result_transformer_=neo4j.Result.data
    )
    assert changes[-2:] == [{"kind": "edit", "by": "ed@example.org"}, {"kind": "undo", "by": "ed@example.org"}]

"""Neo4j stops under a running app: the page says so plainly, and recovers when it is back.

This test runs its own Neo4j and its own ``streamlit run``, so the session database is not disturbed.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import start_app
from tests.browser.ui import nav, open_page, rerun, shoot

pytestmark = pytest.mark.browser


@pytest.fixture
def own_neo4j(tmp_path):
    """A Neo4j of this test's own, started while its app starts; holds two entities and a link."""
    import neo4j_local
    from loaders.pipeline import load_paths
    from queries.connection import create_driver, settings

    port = neo4j_local.free_port()
    servers, app = [], None
    try:
        with ThreadPoolExecutor(1) as pool:
            starting = pool.submit(neo4j_local.start, tmp_path / "neo4j", port)
            try:
                app = start_app(tmp_path, NEO4J_URI=f"bolt://127.0.0.1:{port}")  # it connects when a page runs
            finally:
                servers.append(starting.result())
        (tmp_path / "elements.csv").write_text("Label,Type\nAlpha Agency,agency\nBeta Forum,forum\n", encoding="utf-8")
        (tmp_path / "connections.csv").write_text("From,To,Type\nAlpha Agency,Beta Forum,member of\n", encoding="utf-8")
        driver = create_driver(settings({"NEO4J_URI": servers[0].uri}))
        try:
            assert not load_paths(driver, [str(tmp_path / "elements.csv"), str(tmp_path / "connections.csv")]).errors
        finally:
            driver.close()

        def restart():
            servers.append(neo4j_local.start(tmp_path / "neo4j", port))

        yield app, servers, restart
    finally:
        if app:
            app.stop()
        for server in servers:
            server.stop()


def test_stop_neo4j_see_the_outage_start_it_and_the_app_recovers(page, own_neo4j):
    app, servers, restart = own_neo4j
    open_page(page, app.url, title="Stakeholder Graph Explorer")
    expect(page.get_by_role("heading", name=re.compile(r"^In the graph: 2 entities"))).to_be_visible()

    servers[0].stop()
    nav(page, "Network")
    expect(page.get_by_text("Cannot reach the graph database")).to_be_visible()
    expect(page.get_by_text("is running and reachable")).to_be_visible()  # what to do about it
    expect(page.get_by_text("Traceback")).to_have_count(0)
    shoot(page, "outage")

    restart()
    recovered = page.get_by_text("2 entities, 1 links")
    try_again = page.get_by_role("button", name="Try again")
    for _ in range(3):  # as a person would: try again, and once more if the database is still waking up
        rerun(page, try_again.click)
        if recovered.count():
            break
    expect(recovered).to_be_visible()
    expect(page.get_by_text("Cannot reach the graph database")).to_have_count(0)

"""Every page under Streamlit's AppTest, on the sample data in the real test Neo4j, and during an outage."""

import pytest

from queries.network import MAX_NODES
from tests.app.pages import app, canvas, texts
from views.widgets import md_text


def test_overview_shows_counts_loads_and_the_sample_banner(sample_db):
    at = app()
    assert not at.exception
    counted = next(s.value for s in at.subheader if s.value.startswith("In the graph: "))
    assert int(counted.split()[3].replace(",", "")) > 100  # "In the graph: 142 entities, 380 links"
    assert "Sample data" in texts(at)
    assert any("Government agencies" in str(df.value) for df in at.dataframe)
    assert len(at.expander) >= 1  # the sample load is recorded


def test_overview_on_an_empty_graph_says_how_to_load(db):
    at = app()
    assert not at.exception
    assert "The graph is empty" in texts(at)


def test_network_focuses_an_entity_and_draws_it_offline(sample_db):
    at = app("views/network.py", id="pnp", hops="1")
    assert not at.exception
    assert at.selectbox(key="focus").value == "pnp"
    caption = next(c.value for c in at.caption if "entities," in c.value)
    assert int(caption.split()[0]) > 1
    drawing = canvas(at)
    assert "Philippine National Police" in {n["label"] for n in drawing["nodes"]}
    assert len(drawing["nodes"]) == int(caption.split()[0]) and all("x" in n and "y" in n for n in drawing["nodes"])
    assert at.get("component_instance")[0].proto.url == ""  # served by the app from its own folder, no address


def test_network_search_by_alias_moves_the_focus(sample_db):
    at = app("views/network.py")
    at.text_input(key="search").input("PICACC").run()
    assert not at.exception
    assert "picacc" in at.selectbox(key="focus").value.lower()


def test_network_as_of_date_changes_the_view(sample_db):
    at = app("views/network.py", id="KIR", hops="1")
    now = next(c.value for c in at.caption if "entities," in c.value)
    at = app("views/network.py", id="KIR", hops="1", as_of="2022-10-01")
    assert not at.exception
    then = next(c.value for c in at.caption if "entities," in c.value)
    assert "active on 01 Oct 2022" in then
    assert then != now


def test_network_opens_a_profile_from_the_view(sample_db):
    at = app("views/network.py", id="afp", hops="1")
    at.selectbox(key="in-view").set_value("afp").run()
    at.button(key="open-profile").click().run()
    assert not at.exception
    assert any(h.value == md_text("Australian Federal Police") for h in at.header)


def test_profile_groups_links_by_their_wording_with_sources(sample_db):
    at = app("views/profile.py", id="KIR")
    assert not at.exception
    assert at.header[0].value == "Kiribati"
    assert "**member of** (" in texts(at)  # the wording from Kiribati's side, not MEMBER_OF
    tables = [df.value for df in at.dataframe if "With" in df.value.columns]
    table = next(t for t in tables if "Pacific Islands Forum" in set(t["With"]))
    assert set(table["Kind"]) == {"forum"}
    assert all(t["Sources"].str.len().min() > 0 for t in tables)
    assert "other_name" not in table.columns and "direction" not in table.columns


def test_profile_escapes_markup_in_data(db, tmp_path):
    from loaders.pipeline import load_paths

    (tmp_path / "e.csv").write_text(
        'Label,Type,Description,Sources\n"<b>Bold</b> [x](javascript:alert(1))",ngo,'
        '"<img src=x onerror=alert(1)>",javascript:alert(1)\n'
    )
    assert not load_paths(db, [str(tmp_path / "e.csv")]).errors
    at = app("views/profile.py")
    assert not at.exception
    shown = texts(at)
    assert "<img" not in shown.replace("\\<img", "") and "](javascript" not in shown


@pytest.mark.parametrize("page", [None, "views/network.py", "views/profile.py"])
def test_every_page_says_plainly_when_neo4j_is_down(session_driver, monkeypatch, page):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    at = app(page)
    assert not at.exception
    assert "Cannot reach the graph database" in texts(at)
    assert at.button(key="retry-connection")


def test_a_view_over_the_cap_is_refused_with_what_to_do(sample_db, monkeypatch):
    import queries.network

    small = app("views/network.py", id="afp", hops="2")
    assert canvas(small)  # drawn under the real cap
    monkeypatch.setattr(queries.network, "MAX_NODES", 5)
    at = app("views/network.py", id="afp", hops="2")
    assert not at.exception
    refusal = " ".join(w.value for w in at.warning)
    assert "more than 5 that can be read on screen" in refusal and "fewer hops" in refusal
    assert canvas(at) is None  # nothing is drawn
    assert f"{MAX_NODES:,}" in texts(small)

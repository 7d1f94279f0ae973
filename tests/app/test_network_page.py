"""The Network page under AppTest: widgets, URL state, time comparison, analytics tabs, saved views, and the
drawing's events (a click, a double click, a drag) as the component sends them."""

import json
import math
import re

import pytest
from streamlit.testing.v1 import AppTest

from graph.layout import STEP
from loaders.pipeline import load_paths
from queries.graphs import graph_version
from queries.network import ego_ids, search
from tests.app.pages import canvas
from tests.conftest import ROOT
from views.network_canvas import KEY
from views.widgets import md_text

PAGE = "views/network.py"


def app(**query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    return at.run()


def drawn(at) -> tuple[list[dict], list[dict]]:
    args = canvas(at)
    return args["nodes"], args["edges"]


def legend(at) -> list[str]:
    return [label for label, _ in canvas(at)["legend"]]


def where(at) -> dict[str, tuple[float, float]]:
    """Each drawn entity's position in canvas pixels."""
    return {n["id"]: (n["x"], n["y"]) for n in drawn(at)[0]}


def tab(at, label: str):
    """Open the tab `label` under the drawing (only the open tab is made) and run."""
    at.session_state["net-tab"] = label
    return at.run()


SEQ = iter(range(10**12, 10**13))  # event numbers rise, as the component's do


def send(at, *events: dict):
    """What the drawing sends back (every event the page has not acknowledged), then the run it causes."""
    at.session_state[KEY] = {"events": [{"seq": next(SEQ), **e} for e in events]}
    return at.run()


def caption(at) -> str:
    return next(c.value for c in at.caption if "entities," in c.value)


def rollup_notes(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("Roll-up:")]


def ties(at) -> set[tuple[str, str, str]]:
    """Drawn links as (from, label, to)."""
    return {(e["from"], e["label"], e["to"]) for e in drawn(at)[1]}


def test_url_state_sets_every_widget_and_the_drawing(sample_db):
    at = app(id="afp", hops="2", kinds="Agency,Forum", colour="community", size="Betweenness", labels="off")
    assert not at.exception
    assert at.selectbox(key="focus").value == "afp" and at.slider(key="hops").value == 2
    assert at.multiselect(key="kinds").value == ["Agency", "Forum"]
    assert at.radio(key="colour").value == "community" and at.selectbox(key="size").value == "Betweenness"
    assert at.checkbox(key="edge-labels").value is False
    nodes, edges = drawn(at)
    assert {n["shape"] for n in nodes} <= {"dot", "star"}  # agencies and forums only
    assert all("value" in n for n in nodes) and max(n["value"] for n in nodes) > 0
    assert "Community 0" in legend(at) and all(e["label"] == "" for e in edges)


def test_widgets_write_the_url(sample_db):
    at = app(id="afp")
    at.slider(key="hops").set_value(2).run()
    at.multiselect(key="kinds").set_value(["Agency", "NGO"]).run()
    at.multiselect(key="confidence").set_value(["high"]).run()
    at.radio(key="colour").set_value("community").run()
    assert not at.exception
    assert at.query_params["hops"] == "2" and at.query_params["kinds"] == "Agency,NGO"
    assert at.query_params["conf"] == "high" and at.query_params["colour"] == "community"


def test_expand_and_hide_an_entity_from_the_selection_list(sample_db):
    at = app(id="KIR", hops="1")
    before = {n["id"] for n in drawn(at)[0]}
    at.selectbox(key="in-view").set_value("pif").run()
    at.button(key="expand").click().run()
    assert not at.exception and at.query_params["expand"] == "pif"
    expanded = {n["id"] for n in drawn(at)[0]}
    assert expanded > before
    at.selectbox(key="in-view").set_value("pif").run()
    at.button(key="hide").click().run()
    assert at.query_params["hide"] == "pif" and "pif" not in {n["id"] for n in drawn(at)[0]}
    assert at.multiselect(key="hidden").value == ["pif"]


def test_a_click_selects_and_the_panel_beside_the_drawing_shows_the_entity(sample_db):
    at = send(app(id="KIR", hops="1"), {"type": "select", "ids": ["pif"]})
    assert not at.exception
    assert at.selectbox(key="in-view").value == "pif"  # the list follows the click
    assert canvas(at)["selected"] == ["pif"] and canvas(at)["ack"] > 0
    assert any(m.value == "**Pacific Islands Forum**" for m in at.markdown)
    assert any(c.value.startswith("Forum") for c in at.caption)
    assert {b.proto.label for b in at.button} >= {"Open profile", "Expand", "Hide", "Focus", "Re-layout"}
    at.selectbox(key="in-view").set_value("KIR").run()  # and the drawing follows the list
    assert canvas(at)["selected"] == ["KIR"] and any(m.value == "**Kiribati**" for m in at.markdown)


def test_shift_click_selects_several_and_hides_them_or_shows_the_links_among_them(sample_db):
    at = app(id="KIR", hops="1")
    others = sorted(n["id"] for n in drawn(at)[0] if n["id"] != "KIR")[:2]
    at = send(at, {"type": "select", "ids": ["KIR"]}, {"type": "select", "ids": ["KIR", *others]})
    assert not at.exception and canvas(at)["selected"] == ["KIR", *others]
    assert any(m.value == "**3 selected**" for m in at.markdown)
    at.button(key="among").click().run()
    lit = [n for n in drawn(at)[0] if "opacity" not in n]
    assert {n["id"] for n in lit} == {"KIR", *others}  # the rest fades
    among = [e for e in drawn(at)[1] if {e["from"], e["to"]} <= {"KIR", *others}]
    assert len(among) >= 2 and all(e["width"] == 3 and e["color"] == "#0072B2" for e in among)
    assert any(r.value.shape[0] == len(among) for r in at.dataframe if "From" in r.value.columns)
    at.button(key="hide").click().run()  # the focus stays
    assert at.query_params["hide"] == ",".join(others) and {n["id"] for n in drawn(at)[0]} & set(others) == set()


def test_links_among_the_selection_include_those_the_link_filters_hide(sample_db):
    at = app(id="KIR", hops="1", conf="high")  # ChildFund Australia's medium-confidence link is not drawn
    assert "childfund-au" in {n["id"] for n in drawn(at)[0]}
    assert not [e for e in drawn(at)[1] if {e["from"], e["to"]} == {"KIR", "childfund-au"}]
    at = send(at, {"type": "select", "ids": ["KIR", "childfund-au"]})
    at.button(key="among").click().run()
    assert not at.exception
    (table,) = [r.value for r in at.dataframe if "From" in r.value.columns]
    assert table.to_dict("records") == [
        {
            "From": "ChildFund Australia",
            "Link": "operates in",
            "To": "Kiribati",
            "In the drawing": "no: the link filters hide it",
        }
    ]


def test_focus_on_the_selected_entity_from_the_panel(sample_db):
    at = send(app(id="KIR", hops="1"), {"type": "select", "ids": ["pif"]})
    fitted = canvas(at)["fit"]
    at.button(key="focus-on").click().run()
    assert canvas(at)["fit"] == fitted + 1  # a new focus is fitted in the drawing
    assert not at.exception
    assert at.query_params["id"] == "pif" and at.selectbox(key="focus").value == "pif"
    assert canvas(at)["selected"] == ["pif"] and len(drawn(at)[0]) == len(ego_ids(sample_db, "pif", 1))


def test_esc_clears_the_selection(sample_db):
    at = send(app(id="KIR", hops="1"), {"type": "select", "ids": ["pif"]})
    at = send(at, {"type": "select", "ids": []})
    assert canvas(at)["selected"] == [] and at.selectbox(key="in-view").value is None
    assert any("Click an entity to see it here" in c.value for c in at.caption)


def test_the_right_click_menu_offers_the_panels_actions_and_the_page_does_them(sample_db):
    at = app(id="KIR", hops="1")
    menu = {item["action"]: item for item in canvas(at)["menu"]}
    assert [item["label"] for item in menu.values()] == [
        "Open profile",
        "Expand",
        "Hide",
        "Focus",
        "Log an engagement",
    ]
    assert menu["hide"]["except"] == ["KIR"] and menu["focus"]["except"] == ["KIR"]  # not the focus
    at = send(at, {"type": "action", "action": "hide", "id": "KIR"})  # refused for the focus: nothing changes
    assert not at.exception and "hide" not in at.query_params
    at = send(at, {"type": "action", "action": "hide", "id": "pif"})
    assert at.query_params["hide"] == "pif" and "pif" not in where(at)
    at = send(at, {"type": "action", "action": "log", "id": "KIR"})
    assert not at.exception and canvas(at)["selected"] == ["KIR"]
    assert at.session_state["dialog-open"] == ("network-log", "KIR")  # the Log dialog is open about it
    other = sorted(set(where(at)) - {"KIR"})[0]
    at = send(at, {"type": "action", "action": "focus", "id": other})
    assert not at.exception and at.query_params["id"] == other and at.selectbox(key="focus").value == other
    assert canvas(at)["selected"] == [other]


def test_the_drawings_search_lights_matches_in_view_and_offers_to_add_the_others(sample_db):
    at = app(id="KIR", hops="1")
    outside = next(h for h in search(sample_db, "Roblox") if h["id"] not in where(at))
    at = send(at, {"type": "search", "text": "Roblox"})
    assert not at.exception and canvas(at)["found"] == []
    assert any(m.value.startswith("Not in this view, matching") for m in at.markdown)
    at.button(key=f"add-{outside['id']}").click().run()
    assert not at.exception and at.query_params["add"] == outside["id"]
    assert outside["id"] in where(at) and canvas(at)["selected"] == [outside["id"]]
    at = send(at, {"type": "search", "text": "Kiribati"})
    assert "KIR" in canvas(at)["found"]  # in view: lit on the drawing


def test_an_added_entity_is_taken_out_and_an_expansion_collapsed_without_hiding_anything(sample_db):
    at = app(id="KIR", hops="1")
    before = set(where(at))
    outside = next(h for h in search(sample_db, "Roblox") if h["id"] not in before)
    at = send(at, {"type": "search", "text": "Roblox"})
    at.button(key=f"add-{outside['id']}").click().run()
    assert outside["id"] in where(at) and canvas(at)["selected"] == [outside["id"]]
    at.button(key="undo-add").click().run()  # Take out
    assert not at.exception and "add" not in at.query_params and "hide" not in at.query_params
    assert set(where(at)) == before
    at = send(at, {"type": "select", "ids": ["pif"]})
    at.button(key="expand").click().run()
    assert set(where(at)) > before
    assert [b.proto.label for b in at.button if b.key == "undo-expand"] == ["Collapse"]
    at.button(key="undo-expand").click().run()
    assert not at.exception and "expand" not in at.query_params and "hide" not in at.query_params
    assert set(where(at)) == before and canvas(at)["selected"] == ["pif"]


def test_showcase_fades_all_but_the_selection_and_its_neighbours(sample_db):
    at = send(app(id="KIR", hops="1"), {"type": "select", "ids": ["pif"]})
    nodes, edges = drawn(at)
    near = {"pif"} | {e["to"] for e in edges if e["from"] == "pif"} | {e["from"] for e in edges if e["to"] == "pif"}
    assert all("opacity" not in n for n in nodes)
    at.toggle(key="net-showcase").set_value(True).run()
    nodes = drawn(at)[0]
    assert {n["id"] for n in nodes if "opacity" not in n} == near and len(near) < len(nodes)
    at.toggle(key="net-showcase").set_value(False).run()
    assert all("opacity" not in n for n in drawn(at)[0])


def test_a_double_click_expands_and_the_new_entities_sit_next_to_it(sample_db):
    at = app(id="KIR", hops="1")
    before = where(at)
    at = send(at, {"type": "select", "ids": ["pif"]}, {"type": "expand", "id": "pif"})
    assert not at.exception and at.query_params["expand"] == "pif"
    after = where(at)
    new = set(after) - set(before)
    assert new and {k: after[k] for k in before} == before  # nothing that was drawn moved
    for entity in new:
        nearest = min(before, key=lambda k: math.dist(before[k], after[entity]))
        assert math.dist(after["pif"], after[entity]) < 4 * STEP, entity
        assert nearest == "pif" or math.dist(after["pif"], after[entity]) < 2 * STEP, entity
    assert canvas(at)["selected"] == ["pif"]


def test_a_dragged_entity_stays_where_it_was_left_across_dates_filters_and_expands(sample_db):
    on = __import__("datetime").date(2022, 10, 1)
    at = app(id="KIR", hops="1")
    then = set(ego_ids(sample_db, "KIR", 1, as_of=on))
    stays = next(i for i in sorted(where(at)) if i in then and i != "KIR")
    goes = next(i for i in sorted(where(at)) if i not in then)  # not linked to Kiribati on that date
    at = send(at, {"type": "move", "positions": {stays: [777.5, -333.0], goes: [-600.0, 250.0]}})
    assert where(at)[stays] == (777.5, -333.0)
    at.checkbox(key="as_of-on").check().run()
    at.date_input(key="as_of-date").set_value(on).run()
    assert not at.exception and where(at)[stays] == (777.5, -333.0) and goes not in where(at)
    at.checkbox(key="as_of-on").uncheck().run()  # back again, where it was left
    assert where(at)[goes] == (-600.0, 250.0) and where(at)[stays] == (777.5, -333.0)
    before = where(at)
    at.multiselect(key="kinds").set_value(["Country", "Forum"]).run()
    after = where(at)
    assert len(after) < len(before) and all(after[k] == before[k] for k in after)
    fitted = canvas(at)["fit"]
    at.button(key="relayout").click().run()  # explicitly laid out again, and fitted in the drawing
    assert where(at).get(stays) != (777.5, -333.0) and canvas(at)["fit"] == fitted + 1


def test_choosing_a_path_highlights_it_on_the_drawing(sample_db):
    at = tab(app(id="roblox", hops="1"), "Paths and introductions")
    at.selectbox(key="path-to").set_value("pnp").run()
    assert not at.exception
    path = next(m.value for m in at.markdown if m.value.startswith("**1.** Roblox → "))
    nodes, edges = drawn(at)
    lit = [n["label"] for n in nodes if "opacity" not in n]
    assert lit[0] and len(lit) == path.count(" → ") + 1 and "Philippine National Police" in lit
    assert all(n["opacity"] < 0.5 for n in nodes if n["label"] not in lit)
    assert sum(1 for e in edges if e.get("color") == "#0072B2") >= len(lit) - 1
    at.radio(key="path-show").set_value(-1).run()
    assert all("opacity" not in n for n in drawn(at)[0])


def test_search_offers_matches_and_moves_the_focus(sample_db):
    at = app()
    at.text_input(key="search").input("police").run()
    hits = search(sample_db, "police", limit=10)
    assert len(at.radio(key="search-hits").options) == len(hits) > 1
    second = hits[1]["id"]
    at.radio(key="search-hits").set_value(second).run()
    assert not at.exception
    assert at.selectbox(key="focus").value == second and at.query_params["id"] == second


def test_two_dates_mark_links_gained_and_lost(sample_db):
    at = app(id="KIR", hops="1", as_of="2022-10-01", compare="2023-06-30")
    assert not at.exception
    assert at.checkbox(key="compare-on").value is True
    text = caption(at)
    assert "active on 01 Oct 2022" in text and "against 30 Jun 2023" in text
    assert re.search(r"[1-9]\d* gained", text)
    _, edges = drawn(at)
    assert any(e.get("color") == "#009E73" for e in edges) and "Link gained" in legend(at)
    changes = next(df.value for df in tab(at, "Changes").dataframe if "change" in df.value.columns)
    assert set(changes["change"]) <= {"gained", "lost"} and "KIR" in set(changes["source"])


def test_time_slider_follows_the_date_box(sample_db):
    at = app(id="KIR", as_of="2022-10-01")
    assert str(at.slider(key="as_of-slider").value) == "2022-10-01"
    at.slider(key="as_of-slider").set_value(__import__("datetime").date(2023, 6, 30)).run()
    assert not at.exception and at.query_params["as_of"] == "2023-06-30"


def test_measures_communities_brokers_and_paths_tabs(sample_db):
    at = app(id="roblox", hops="1")
    assert not any("degree" in df.value.columns for df in at.dataframe)  # a closed tab is not made
    measures = next(df.value for df in tab(at, "Measures").dataframe if "betweenness" in df.value.columns)
    assert "roblox" in set(measures["id"]) and "degree" in measures.columns
    assert any("members" in df.value.columns for df in tab(at, "Communities").dataframe)
    assert any("broker" in df.value.columns for df in tab(at, "Brokers").dataframe)
    tab(at, "Paths and introductions").selectbox(key="path-to").set_value("pnp").run()
    assert not at.exception
    assert any(
        m.value.startswith("**1.** Roblox → ") and m.value.endswith("Philippine National Police") for m in at.markdown
    )


def test_introductions_and_suggestions_for_the_focus(sample_db):
    at = tab(app(id="FJI"), "Paths and introductions")
    assert not at.exception
    assert any("Who can introduce us to Fiji" in m.value for m in at.markdown)
    intro = next(df.value for df in at.dataframe if "introducer" in df.value.columns)
    assert list(intro["rank"])[:1] == [1] and intro["path"].str.endswith("Fiji").all()
    assert any("reason" in df.value.columns for df in at.dataframe)


def test_rollup_draws_a_countrys_agencies_with_their_links_and_names_them(sample_db):
    at = app(id="FJI", hops="1")
    assert not at.exception
    assert at.checkbox(key="rollup").value is True and "rollup" not in at.query_params
    ids = {n["id"] for n in drawn(at)[0]}
    assert {"fiji-police", "fiji-osc", "afp", "picp", "gosrn"} <= ids  # the AFP: 1 hop from the Fiji Police Force
    assert {("afp", "partners with", "fiji-police"), ("fiji-police", "based in", "FJI")} <= ties(at)
    assert rollup_notes(at) == [
        f"Roll-up: Fiji includes Fiji Police Force and {md_text('Online Safety Commission (Fiji)')}"
    ]


def test_rollup_off_draws_the_focus_links_only_as_before(sample_db):
    at = app(id="FJI", hops="1", rollup="off")
    assert not at.exception
    assert at.checkbox(key="rollup").value is False and at.query_params["rollup"] == "off"
    ids = {n["id"] for n in drawn(at)[0]}
    # The sample links the Fiji Police Force to Fiji (based in), so it is drawn either way; the AFP is not.
    assert ids == set(ego_ids(sample_db, "FJI", 1)) and "afp" not in ids and "fiji-police" in ids
    assert rollup_notes(at) == []
    at.checkbox(key="rollup").check().run()
    assert "rollup" not in at.query_params and "afp" in {n["id"] for n in drawn(at)[0]}


def test_rollup_of_an_organisation_follows_part_of_on_the_as_of_date(sample_db):
    # The AFP was part of the Attorney-General's Department from June 2022 to May 2025; the ACCCE is part of the AFP.
    at = app(id="agd", hops="1", as_of="2023-01-01")
    assert not at.exception
    assert "accce" in {n["id"] for n in drawn(at)[0]}
    assert {("accce", "part of", "afp"), ("afp", "part of", "agd")} <= ties(at)
    agd = md_text("Attorney-General's Department")
    assert rollup_notes(at) == [
        f"Roll-up: {agd} includes Australian Federal Police and "
        "Australian Centre to Counter Child Exploitation (part of Australian Federal Police)"
    ]
    assert "accce" not in {n["id"] for n in drawn(app(id="agd", hops="1", as_of="2023-01-01", rollup="off"))[0]}
    later = app(id="agd", hops="1", as_of="2026-01-01")  # the AFP is back in Home Affairs
    assert "accce" not in {n["id"] for n in drawn(later)[0]} and rollup_notes(later) == []


TINY_ELEMENTS = (
    "ID,Label,Type\nafp,Australian Federal Police,agency\npif,Pacific Islands Forum,forum\nFJI,Fiji,country\n"
)
TINY_CONNECTIONS = "From,To,Type,Since\nafp,pif,partners with,2020\nFJI,pif,member of,1971\n"


@pytest.fixture
def tiny(db, tmp_path):
    (tmp_path / "elements.csv").write_text(TINY_ELEMENTS)
    (tmp_path / "connections.csv").write_text(TINY_CONNECTIONS)
    assert not load_paths(db, [str(tmp_path)]).errors
    return db


def test_save_a_view_in_neo4j_and_open_it_by_url(tiny):
    at = app(id="afp", hops="2", colour="community", as_of="2021-01-01")
    tab(at, "Save and share").text_input(key="view-name").input("pacific policing").run()
    at.button(key="save-view").click().run()
    assert not at.exception
    row = tiny.execute_query(
        "MATCH (v:SavedView) RETURN v.name AS name, v.state AS state, v.focus AS focus, v.as_of AS as_of"
    ).records[0]
    assert (row["name"], row["focus"], row["as_of"]) == ("pacific policing", "afp", "2021-01-01")
    assert "hops=2" in row["state"] and "colour=community" in row["state"]
    opened = app(view="pacific policing")
    assert not opened.exception
    assert opened.selectbox(key="focus").value == "afp" and opened.slider(key="hops").value == 2
    assert opened.radio(key="colour").value == "community"
    assert "active on 01 Jan 2021" in caption(opened)


def test_a_saved_view_keeps_its_arrangement(tiny):
    at = send(app(id="afp", hops="2"), {"type": "move", "positions": {"pif": [412.0, 97.5]}})
    arranged = where(at)
    tab(at, "Save and share").text_input(key="view-name").input("arranged").run()
    at.button(key="save-view").click().run()
    layout = tiny.execute_query("MATCH (v:SavedView {name: 'arranged'}) RETURN v.layout AS layout").records[0]
    assert json.loads(layout["layout"])["pif"] == [412.0, 97.5]
    opened = app(view="arranged")  # a new session, as the view's address opens it
    assert not opened.exception
    assert where(opened) == arranged


def test_a_plain_link_carries_the_arrangement_under_a_short_key(tiny):
    at = send(app(id="afp", hops="2"), {"type": "move", "positions": {"pif": [412.0, 97.5]}})
    arranged, version = where(at), graph_version(tiny)
    tab(at, "Save and share").button(key="share-xy").click().run()
    assert not at.exception
    key = at.query_params["xy"]
    assert len(key) == 12 and any(f"xy={key}" in c.value for c in at.code)
    at.button(key="share-xy").click().run()  # the same arrangement again: still one record
    assert tiny.execute_query("MATCH (a:Arrangement) RETURN count(a) AS n").records[0]["n"] == 1
    assert graph_version(tiny) == version  # not graph data: no cache is dropped for it
    opened = app(id="afp", hops="2", xy=key)  # a new session, as the link opens it
    assert not opened.exception and where(opened) == arranged
    opened = send(opened, {"type": "move", "positions": {"pif": [0.0, 0.0]}})
    assert "xy" not in opened.query_params  # moved since: the address no longer claims the arrangement
    gone = app(id="afp", hops="2", xy="000000000000")
    assert any("not kept here" in w.value for w in gone.warning) and len(where(gone)) == len(arranged)


def test_a_large_views_links_table_is_made_when_asked_and_stays_for_the_session(sample_db, monkeypatch):
    import views.widgets

    at = app(id="KIR", hops="1")
    links = int(caption(at).split()[2])
    assert any("Link" in df.value.columns for df in at.dataframe)  # a view of a few links: the table at once
    monkeypatch.setattr(views.widgets, "EAGER_ROWS", links - 1)  # now the view is "large"
    at = app(id="KIR", hops="1")
    assert not any("Link" in df.value.columns for df in at.dataframe)
    assert any(f"{links:,} links: the table is made when asked" in c.value for c in at.caption)
    (show,) = [b for b in at.button if b.label == f"Show the {links:,} links as a table"]
    at = show.click().run()
    table = next(df.value for df in at.dataframe if "Link" in df.value.columns)
    assert len(table) == links  # the same table a small view shows at once
    at = at.run()  # and it stays for the session's next runs
    assert any("Link" in df.value.columns for df in at.dataframe) and not at.exception


def test_a_large_views_links_are_drawn_without_wording_which_stays_in_their_tooltips(sample_db, monkeypatch):
    import render.network

    at = app(id="KIR", hops="1")
    links = len(canvas(at)["edges"])
    assert canvas(at)["labels"] is True and all(e["label"] for e in canvas(at)["edges"])
    monkeypatch.setattr(render.network, "LABELLED_UP_TO", links - 1)  # now the view is "large"
    at = app(id="KIR", hops="1")
    drawn = canvas(at)
    assert drawn["labels"] is False and {e["label"] for e in drawn["edges"]} == {""}
    assert all(e["title"] for e in drawn["edges"])  # the wording is still in each tooltip
    assert f"Links are drawn without their wording in views of over {links - 1:,} links" in caption(at)
    assert at.checkbox(key="edge-labels").value is True  # the user's choice is kept for a smaller view


def test_exports_are_offered_for_the_view(tiny):
    at = app(id="afp", hops="2")
    assert not at.exception
    labels = {b.proto.label for b in tab(at, "Export").get("download_button")}
    assert labels >= {
        "HTML (offline)",
        "PNG",
        "Elements CSV",
        "Connections CSV",
        "XLSX (Kumu)",
        "GraphML",
        "GEXF (Gephi)",
    }


def test_an_unknown_saved_view_is_said_plainly(tiny):
    at = app(view="nothing here")
    assert not at.exception
    assert any("No saved view named 'nothing here'" in w.value for w in at.warning)


def test_an_agency_that_is_its_countrys_by_property_alone_is_drawn_tied_to_it(db, tmp_path):
    (tmp_path / "elements.csv").write_text(
        "ID,Label,Type,Country\nTON,Tonga,country,TON\ntpol,Tonga Police,police,TON\n"
        "afp,Australian Federal Police,agency,AUS\n"
    )
    (tmp_path / "connections.csv").write_text("From,To,Type\nafp,tpol,partners with\n")
    assert not load_paths(db, [str(tmp_path)]).errors
    at = app(id="TON", hops="1")
    assert not at.exception
    assert ties(at) == {("tpol", "agency of", "TON"), ("afp", "partners with", "tpol")}
    assert rollup_notes(at) == ["Roll-up: Tonga includes Tonga Police"]
    table = next(df.value for df in at.dataframe if "Link" in df.value.columns)
    assert list(table["Link"]) == ["partners with"]  # the Links table lists stored links only
    assert list(table["Source"]) == ["Australian Federal Police"] and list(table["Target"]) == ["Tonga Police"]
    assert set(table["Until"]) == {""}  # blank, not None
    assert {n["id"] for n in drawn(app(id="TON", hops="1", rollup="off"))[0]} == {"TON"}


# -- the pure pieces the page is built from ----------------------------------------------------------------------


def test_hostile_names_and_notes_show_as_text_in_the_panel(db, tmp_path):
    evil, note = "<img src=x onerror=alert(1)> *Evil* [link](http://x.test)", "<script>alert(2)</script>\n= SUM(A1)"
    (tmp_path / "elements.csv").write_text(
        f'ID,Label,Type,Description\nevil,"{evil}",ngo,"{note}"\nafp,Australian Federal Police,agency,\n'
    )
    (tmp_path / "connections.csv").write_text("From,To,Type\nafp,evil,partners with\n")
    assert not load_paths(db, [str(tmp_path)]).errors
    at = send(app(id="afp", hops="1"), {"type": "select", "ids": ["evil"]})
    assert not at.exception
    assert any(m.value == f"**{md_text(evil)}**" for m in at.markdown)  # markdown and HTML characters escaped
    assert any(t.value == note for t in at.text)  # the note as plain text
    node = next(n for n in drawn(at)[0] if n["id"] == "evil")
    assert node["label"] == evil[:39] + "…" and evil in node["title"]  # data, written with textContent


def test_what_if_the_selected_entity_left_shows_the_gap_figures_the_command_line_gives_and_saves_nothing(sample_db):
    from analyses.catalog import run
    from analyses.questions import PRIORITY_TARGETS
    from graph.settings import home_filter
    from tests.conftest import counts
    from views.widgets import md_text

    before = counts(sample_db)
    at = send(app(id="KIR", hops="1"), {"type": "select", "ids": ["cyber-safety-pasifika"]})
    at.button(key="net-whatif-ask").click().run()
    assert not at.exception and not at.error
    figures = run(
        sample_db,
        "whatif",
        home=home_filter(),
        targets=PRIORITY_TARGETS,
        params={"without": "cyber-safety-pasifika", "max_hops": "3"},
    )
    by_key = {r["key"]: r for r in figures}
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    for key in ("unreached", "single_threaded", "stale"):
        row = by_key[key]
        assert shown[row["figure"].capitalize()] == (str(row["after"]), str(row["change"]) if row["change"] else "")
    assert any(m.value == md_text("What if: without Cyber Safety Pasifika. Nothing is saved.") for m in at.markdown)
    at.text_input(key="net-whatif-targets").set_value("kind:Country region:Pacific -id:AUS").run()
    assert not at.exception and shown != {m.label: (m.value, m.delta) for m in at.metric}  # the Pacific moves more
    at.button(key="net-whatif-discard").click().run()
    assert not at.exception and not at.metric
    assert counts(sample_db) == before
    at = send(at, {"type": "select", "ids": ["KIR", "pif"]})
    at.button(key="net-whatif-ask").click().run()
    assert not at.exception and len(at.metric) == 3
    assert any(
        m.value == md_text("What if: with a link Kiribati → Pacific Islands Forum. Nothing is saved.")
        for m in at.markdown
    )


def test_a_link_tried_in_what_if_can_be_made_and_undone(db, tmp_path):
    from tests.db.conftest import CONNECTIONS, ELEMENTS, dump

    (tmp_path / "elements.csv").write_text(ELEMENTS)
    (tmp_path / "connections.csv").write_text(CONNECTIONS)
    assert not load_paths(db, [str(tmp_path)]).errors
    before = dump(db)
    at = app(id="afp", hops="1", add="fjpol")
    at = send(at, {"type": "select", "ids": ["afp", "fjpol"]})
    at.button(key="net-whatif-ask").click().run()
    assert not at.exception and len(at.metric) == 3
    at.text_input[[t.label for t in at.text_input].index("Sources")].set_value("https://example.org/mou")
    at.button[[b.label for b in at.button].index("Make this link")].click().run()
    assert not at.exception and not at.error
    assert any(
        "Saved: added link: Australian Federal Police partners with Fiji Police Force" in s.value for s in at.success
    )
    links = db.execute_query(
        "MATCH (:Entity {id: 'afp'})-[r:PARTNERS_WITH]->(:Entity {id: 'fjpol'}) RETURN r.sources AS sources"
    ).records
    assert [r["sources"] for r in links] == [["https://example.org/mou"]]
    next(b for b in at.button if b.label == "Undo").click().run()
    next(b for b in at.button if b.label == "Confirm").click().run()
    assert not at.exception and dump(db) == before  # made from the scratch layer, taken back like any edit

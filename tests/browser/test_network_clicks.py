"""The Network page's drawing in a real Chromium: clicks, double clicks and drags reach Python, positions stay.

The drawing is a Streamlit component (views/network_canvas.py); each test does with the mouse what a person
would, then reads the drawing itself (``sgeNetwork`` in the component's frame) and what the page shows.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from playwright.sync_api import expect

from graph.layout import STEP
from tests.browser.ui import NETWORK_IFRAME, network_frame, node_spot, node_xy, open_page, settle, shoot

pytestmark = pytest.mark.browser


def rev(frame) -> str:
    return frame.evaluate("() => document.body.dataset.rev")


def panel(page, name: str):
    """The entity's name as the panel beside the drawing writes it (the Links table under it has names too)."""
    return page.get_by_test_id("stMarkdownContainer").get_by_text(name, exact=True)


def drawn_ids(frame) -> list[str]:
    return frame.evaluate("() => sgeNetwork.body.data.nodes.getIds()")


def drag(page, frame, entity_id: str, dx: float, dy: float) -> None:
    start = node_spot(frame, entity_id)
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(start["x"] + dx, start["y"] + dy, steps=12)
    page.mouse.up()


def test_a_double_click_expands_and_the_new_entities_sit_next_to_it(page, app_server, sample_db):
    from queries.network import ego_ids

    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    before = set(ego_ids(sample_db, "KIR", 1))
    frame = network_frame(page, nodes=len(before))
    old = {i: node_xy(frame, i) for i in drawn_ids(frame)}
    spot = node_spot(frame, "pif")
    page.mouse.dblclick(spot["x"], spot["y"])
    expected = before | set(ego_ids(sample_db, "pif", 1))
    frame = network_frame(page, nodes=len(expected), timeout=60)
    assert set(drawn_ids(frame)) == expected and "expand=pif" in page.url
    pif = node_xy(frame, "pif")
    assert pif == old["pif"] and all(node_xy(frame, i) == xy for i, xy in old.items())  # nothing drawn moved
    for new in expected - before:
        assert math.dist(node_xy(frame, new), pif) < 4 * STEP, new
    expect(panel(page, "Pacific Islands Forum")).to_be_visible()  # and it is selected
    shoot(page, "network-expanded")


def test_one_way_links_are_drawn_with_an_arrow_and_two_way_links_without(page, app_server, sample_db):
    from graph.vocabulary import undirected_types

    open_page(page, app_server.url, "network?id=KIR&hops=2", title="Network")
    frame = network_frame(page)
    drawn = frame.evaluate("""() => sgeNetwork.body.data.edges.get().map(e => {
      const to = sgeNetwork.body.edges[e.id].options.arrows.to;
      return [e.from, e.to, to.enabled, to.scaleFactor];
    })""")
    types = {
        (r["source"], r["target"]): r["types"]
        for r in sample_db.execute_query(
            "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS source, b.id AS target, collect(DISTINCT type(r)) AS types"
        ).records
        if len(r["types"]) == 1  # a pair linked one way only, so the drawn link is that one
    }
    types = {pair: kinds[0] for pair, kinds in types.items()}
    arrows = {(a, b): (enabled, scale) for a, b, enabled, scale in drawn if (a, b) in types}
    assert {enabled for enabled, _ in arrows.values()} == {True, False}  # the view has both kinds
    for pair, (enabled, scale) in arrows.items():
        assert enabled is (types[pair] not in undirected_types()), pair
        assert scale == 0.5


def test_drag_a_node_change_the_date_and_find_it_where_it_was_left(page, app_server, sample_db):
    from queries.network import ego_ids

    on = dt.date(2022, 10, 1)
    stays = sorted(set(ego_ids(sample_db, "KIR", 1)) & set(ego_ids(sample_db, "KIR", 1, as_of=on)) - {"KIR"})[0]
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    was = node_xy(frame, stays)
    drag(page, frame, stays, 120, 70)
    moved = node_xy(frame, stays)
    assert math.dist(moved, was) > 50
    settle(page)  # the drag end has reached Python
    page.get_by_text("As of a date").click()
    page.get_by_role("spinbutton", name="day, As-of date").click()
    page.keyboard.type(on.strftime("%d%m%Y"))
    page.get_by_role("heading", name="Network").click()  # the date is taken when the field loses focus
    expect(page.get_by_text("active on 01 Oct 2022", exact=False)).to_be_visible()
    frame = network_frame(page, nodes=len(set(ego_ids(sample_db, "KIR", 1, as_of=on))))
    assert node_xy(frame, stays) == moved


def test_save_a_view_with_its_arrangement_and_reopen_it_by_url(page, app_server, db):
    from loaders.pipeline import load_paths
    from tests.conftest import SAMPLE

    assert not load_paths(db, [str(SAMPLE)]).errors  # a graph of its own: this test writes a saved view
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    drag(page, frame, "pif", -150, 60)
    arranged = {i: node_xy(frame, i) for i in drawn_ids(frame)}
    settle(page)
    page.get_by_role("tab", name="Save and share").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("kiribati arranged")
    page.get_by_role("textbox", name="Name", exact=True).press("Enter")
    settle(page)
    page.get_by_role("button", name="Save view").click()
    expect(page.get_by_text("Saved. Open it with", exact=False)).to_be_visible()
    other = page.context.new_page()  # a new session, as a colleague opening the address would have
    open_page(other, app_server.url, "network?view=kiribati%20arranged", title="Network")
    frame = network_frame(other, nodes=len(arranged))
    assert {i: node_xy(frame, i) for i in drawn_ids(frame)} == arranged
    other.close()


def test_choose_a_path_and_see_it_highlighted_on_the_drawing(page, app_server, sample_db):
    from analyses.catalog import run

    path = run(sample_db, "paths", params={"from": "roblox", "to": "pnp"})[0]["ids"]
    open_page(page, app_server.url, "network?id=roblox&hops=1", title="Network")
    frame = network_frame(page)
    drawn = rev(frame)
    page.get_by_role("tab", name="Paths and introductions").click()
    box = page.get_by_role("combobox", name="To")
    box.click()
    box.fill("Philippine National Police")
    page.get_by_role("option", name="Philippine National Police (Agency)").click()
    frame = network_frame(page, rev=drawn)
    opacity = frame.evaluate("() => Object.fromEntries(sgeNetwork.body.data.nodes.get().map(n => [n.id, n.opacity]))")
    assert set(path) <= set(opacity) and all(opacity[i] is None for i in path)  # the path is drawn whole, lit
    assert all(value < 0.5 for i, value in opacity.items() if i not in path)  # the rest fades
    shoot(page, "network-path")


def test_shift_click_selects_several_and_esc_clears_and_the_wheel_scrolls_until_the_drawing_has_focus(
    page, app_server, sample_db
):
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    frame.locator("#sge-network").scroll_into_view_if_needed()
    spot = node_spot(frame, "KIR")
    top = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop")
    page.mouse.move(spot["x"], spot["y"])
    page.mouse.wheel(0, 300)  # no focus yet: the page scrolls, the drawing does not zoom
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") > top
    scale = frame.evaluate("() => sgeNetwork.getScale()")
    spot = node_spot(frame, "KIR")
    page.mouse.click(spot["x"], spot["y"])
    expect(panel(page, "Kiribati")).to_be_visible()
    other = node_spot(frame, "pif")
    page.keyboard.down("Shift")
    page.mouse.click(other["x"], other["y"])
    page.keyboard.up("Shift")
    expect(page.get_by_text("2 selected")).to_be_visible()
    assert frame.evaluate("() => document.body.dataset.selected") == "KIR,pif"
    page.mouse.wheel(0, -200)  # focused now: the wheel zooms the drawing
    page.wait_for_timeout(300)
    assert frame.evaluate("() => sgeNetwork.getScale()") != scale
    page.keyboard.press("Escape")
    expect(page.get_by_text("Click an entity to see it here", exact=False)).to_be_visible()
    assert frame.evaluate("() => document.body.dataset.selected") == ""


def test_right_click_opens_the_menu_and_open_profile_goes_to_the_entity(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    spot = node_spot(frame, "pif")
    page.mouse.click(spot["x"], spot["y"], button="right")
    menu = frame.get_by_role("menu")
    expect(menu.get_by_text("Pacific Islands Forum", exact=True)).to_be_visible()  # the menu names it
    expect(frame.get_by_role("menuitem", name="Hide")).to_be_enabled()
    frame.get_by_role("menuitem", name="Open profile").click()
    page.wait_for_url("**/profile?id=pif**")
    expect(page.get_by_role("heading", name="Pacific Islands Forum").first).to_be_visible()


IN_SIGHT = """() => { const box = document.getElementById('sge-network').getBoundingClientRect();
  return Object.values(sgeNetwork.getPositions()).map(p => sgeNetwork.canvasToDOM(p))
    .filter(p => p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height).length; }"""


def test_slash_finds_on_the_drawing_plus_minus_and_fit_zoom_and_a_match_outside_is_added(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    spot = node_spot(frame, "KIR")
    page.mouse.click(spot["x"], spot["y"])  # the drawing has focus
    scale = frame.evaluate("() => sgeNetwork.getScale()")
    page.keyboard.press("+")
    assert frame.evaluate("() => sgeNetwork.getScale()") > scale
    for _ in range(4):
        page.keyboard.press("+")
    assert frame.evaluate(IN_SIGHT) < len(drawn_ids(frame))  # zoomed in: some are out of sight
    frame.get_by_role("button", name="Fit").click()  # the whole view in sight again
    assert frame.evaluate(IN_SIGHT) == len(drawn_ids(frame))
    scale = frame.evaluate("() => sgeNetwork.getScale()")
    page.keyboard.press("-")
    assert frame.evaluate("() => sgeNetwork.getScale()") < scale
    page.keyboard.press("/")
    assert frame.evaluate("() => document.activeElement.id") == "sge-search"
    page.keyboard.type("kiriba")
    frame.wait_for_function("() => document.body.dataset.found === 'KIR'")
    assert frame.evaluate("() => sgeNetwork.body.data.nodes.get('KIR').borderWidth") == 4  # lit
    frame.locator("#sge-search").fill("Roblox")
    page.get_by_role("button", name="Add", exact=True).first.click()
    frame = network_frame(page, nodes=len(drawn_ids(frame)) + 1)
    assert "roblox" in drawn_ids(frame) and "add=roblox" in page.url


def test_showcase_fades_all_but_the_selection_and_its_neighbours(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    spot = node_spot(frame, "pif")
    page.mouse.click(spot["x"], spot["y"])
    expect(panel(page, "Pacific Islands Forum")).to_be_visible()
    drawn = rev(frame)
    page.get_by_text("Showcase", exact=True).click()
    frame = network_frame(page, rev=drawn)
    near = frame.evaluate("() => sgeNetwork.getConnectedNodes('pif')")
    opacity = frame.evaluate("() => Object.fromEntries(sgeNetwork.body.data.nodes.get().map(n => [n.id, n.opacity]))")
    assert all(opacity[i] is None for i in [*near, "pif"])  # the selection and its neighbours stay lit
    faded = [i for i in opacity if i not in near and i != "pif"]
    assert faded and all(opacity[i] < 0.5 for i in faded)
    shoot(page, "network-showcase")


def test_a_plain_shared_link_reopens_with_the_same_positions(page, app_server, db):
    from loaders.pipeline import load_paths
    from tests.conftest import SAMPLE

    assert not load_paths(db, [str(SAMPLE)]).errors  # a graph of its own: this test keeps an arrangement
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    frame = network_frame(page)
    drag(page, frame, "pif", 140, -80)
    arranged = {i: node_xy(frame, i) for i in drawn_ids(frame)}
    settle(page)
    page.get_by_role("tab", name="Save and share").click()
    page.get_by_role("button", name="Put the arrangement in the link").click()
    page.wait_for_url("**xy=*")
    link = page.url
    assert len(link.split("xy=")[1].split("&")[0]) == 12
    other = page.context.new_page()  # a new session, as a colleague opening the link would have
    other.goto(link)
    frame = network_frame(other, nodes=len(arranged))
    assert {i: node_xy(frame, i) for i in drawn_ids(frame)} == arranged
    other.close()


HOSTILE = '<img src=x onerror="parent.sgePwned=1"><b>Bold</b>'


def test_the_drawings_frame_is_sandboxed_as_streamlit_does_and_names_stay_text(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    sandbox = page.locator(NETWORK_IFRAME).first.get_attribute("sandbox") or ""
    # Streamlit's own policy: scripts and the same origin, so the frame could reach the page; what keeps names
    # harmless is that the drawing never makes markup of them (checked below), not the sandbox.
    assert {"allow-scripts", "allow-same-origin"} <= set(sandbox.split())
    assert "allow-top-navigation" not in sandbox.split()
    frame = network_frame(page)
    frame.evaluate("name => sgeNetwork.body.data.nodes.update({id: 'pif', name: name})", HOSTILE)
    spot = node_spot(frame, "pif")
    page.mouse.click(spot["x"], spot["y"], button="right")
    expect(frame.get_by_role("menu").get_by_text(HOSTILE, exact=True)).to_be_visible()  # the name, as characters
    frame.locator("#sge-search").fill("<img")
    frame.wait_for_function("() => document.body.dataset.found === 'pif'")
    # The tooltip: a string, which vis-network writes with innerText; hovered, it shows the markup as characters.
    frame.evaluate("name => sgeNetwork.body.data.nodes.update({id: 'pif', title: name + '\\nForum'})", HOSTILE)
    frame.locator("#sge-search").fill("")
    page.mouse.move(spot["x"] + 1, spot["y"] + 1)
    page.mouse.move(spot["x"], spot["y"])
    tooltip = frame.locator("div.vis-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text() == HOSTILE + "\nForum"
    assert frame.evaluate("() => document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("() => window.sgePwned") is None


def _render_alone(page, app_server, args: dict):
    """The drawing component's own page (as the Network page frames it), given `args` as Streamlit gives them."""
    from urllib.parse import urljoin

    open_page(page, app_server.url, "network?id=KIR&hops=1", title="Network")
    src = page.locator(NETWORK_IFRAME).first.get_attribute("src")
    alone = page.context.new_page()
    alone.goto(urljoin(app_server.url + "/", src))
    alone.wait_for_function("() => typeof vis !== 'undefined'")
    alone.evaluate("args => window.postMessage({type: 'streamlit:render', args: args}, '*')", args)
    alone.wait_for_function("() => document.body.dataset.ready === '1'")
    return alone


def test_the_drawing_unpacks_the_packed_view_as_python_does(page, app_server, sample_db):
    from render.network import canvas_args, unpack

    nodes = [
        {"id": "a", "name": "Line one\nline two <b>x</b>", "kind": "Agency", "sources": ["s1", "s2"]},
        {"id": "b", "name": "b", "kind": "Forum", "description": "Regional"},
        {"id": "c", "name": "C" * 45, "kind": "Country", "since": "2020-01-01"},
    ]
    links = [
        {"source": "a", "target": "b", "type": "RELATED_TO", "kind": "co-\nchairs", "sources": ["https://x.example/1"]},
        {"source": "b", "target": "c", "type": "MEMBER_OF", "since": "2001-02-03", "change": "gained"},
        {"source": "c", "target": "a", "type": "PARTNERS_WITH", "change": "lost"},
    ]
    placed = {"a": (0.0, 0.0), "b": (120.5, -40.0), "c": (-80.0, 60.0)}
    for labels, highlight in [(True, None), (False, (["a", "b"], [("a", "b")]))]:
        args = canvas_args(nodes, links, placed, edge_labels=labels, highlight=highlight)
        alone = _render_alone(page, app_server, args)
        drawn = alone.evaluate("() => [sgeNetwork.body.data.nodes.get(), sgeNetwork.body.data.edges.get()]")
        assert (drawn[0], drawn[1]) == unpack(args)
        alone.close()


def test_the_drawing_follows_its_frames_width_without_vis_networks_own_resizing(page, app_server, sample_db):
    from render.network import canvas_args

    nodes = [{"id": "a", "name": "A", "kind": "Agency"}, {"id": "b", "name": "B", "kind": "Forum"}]
    args = canvas_args(
        nodes, [{"source": "a", "target": "b", "type": "MEMBER_OF"}], {"a": (0.0, 0.0), "b": (50.0, 0.0)}
    )
    assert args["options"]["autoResize"] is False  # network.js watches the drawing's size instead
    alone = _render_alone(page, app_server, args)
    fits = (
        "() => sgeNetwork.canvas.frame.canvas.width"
        " === Math.round(document.getElementById('sge-network').clientWidth * window.devicePixelRatio)"
    )
    assert alone.evaluate(fits)
    alone.set_viewport_size({"width": 700, "height": 900})
    alone.wait_for_function(fits)
    assert alone.evaluate("() => document.getElementById('sge-network').clientWidth") < 700

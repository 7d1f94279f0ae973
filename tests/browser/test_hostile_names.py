"""Hostile names are text on every page: Markdown images and links, bare URLs, LaTeX maths and HTML from the
data neither load anything nor become elements (in the page or any frame, the drawing's tooltip included).
A counting HTTP server on 127.0.0.1 stands for the attacker's host."""

from __future__ import annotations

import http.server
import threading

import pytest

from loaders.pipeline import load_paths
from tests.browser.ui import network_frame, node_spot, open_page, settle

pytestmark = pytest.mark.browser


@pytest.fixture
def counter():
    """A server that counts every request it gets; its address is where the planted images and links point."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def _hostile(tmp_path, host: str) -> list[str]:
    image, link = f"![pixel](http://{host}/md.png)", f"[Click here](http://{host}/phish)"
    html = f'<img src="http://{host}/html.png"> <a href="http://{host}/a">a</a>'
    name = f"Evil {image} {link} $x^2$ {html}"
    elements = tmp_path / "Elements.csv"
    elements.write_text(
        "ID,Label,Type,Description,Aliases\n"
        f'hostile,"{name.replace(chr(34), chr(34) * 2)}",NGO,"{link} **bold** $\\frac{{a}}{{b}}$",'
        f'"{image}"\n'
        "afp,Australian Federal Police,agency,,\n"
        "FJI,Fiji,country,,\n",
        encoding="utf-8",
    )
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        f'From,To,Type,Notes\nafp,hostile,partners with,"{image} {link}"\nhostile,FJI,operates in,$y$\n',
        encoding="utf-8",
    )
    findings = tmp_path / "Findings.csv"  # a risk about it: the profile, its pack and the Gaps page's risk table
    findings.write_text(
        f'Entity,Kind,Theme,Level,Finding\nhostile,risk,"{image}",high,"{html} {link}"\n', encoding="utf-8"
    )
    return [str(elements), str(connections), str(findings)]


PLANTED = """host => [document, ...[...document.querySelectorAll('iframe')].map(f => {
  try { return f.contentDocument; } catch (e) { return null; } })].filter(Boolean).flatMap(d =>
  [...d.querySelectorAll('img, a, image, source, link, iframe')].map(e =>
    e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('xlink:href') || '')
).filter(u => u.includes(host))"""


def test_hostile_names_load_nothing_and_make_no_element_on_any_page(page, app_server, db, tmp_path, counter):
    host, hits = counter
    report = load_paths(db, _hostile(tmp_path, host))
    assert not [p for p in report.problems if p.level == "error"]
    for path, title in [
        ("", "Stakeholder Graph Explorer"),
        ("network?id=hostile&hops=1", "Network"),
        ("profile?id=hostile", None),
        ("gaps", None),
        ("gaps?home=id:afp&targets=id:hostile&risk=on", None),
        ("strategy?targets=id:hostile", None),
        ("log", None),
    ]:
        open_page(page, app_server.url, path, title=title)
        page.wait_for_timeout(1500)
        settle(page)
        for frame in page.frames:
            assert frame.evaluate(PLANTED, host) == [], (path, frame.url)
    open_page(page, app_server.url, "network?id=hostile&hops=1", title="Network")
    frame = network_frame(page)
    page.mouse.move(**node_spot(frame, "hostile"))
    page.wait_for_timeout(1500)
    assert frame.evaluate(PLANTED, host) == []
    tooltip = frame.evaluate("() => document.querySelector('.vis-tooltip')?.textContent || ''")
    assert "Evil" in tooltip  # the tooltip shows, as text
    assert hits == []


def test_a_hostile_name_in_a_chart_tooltip_is_text(page, app_server, db, tmp_path, counter):
    from playwright.sync_api import expect

    from tests.browser.test_grid_in_chromium import TOOLTIP, find_point

    host, hits = counter
    assert not [p for p in load_paths(db, _hostile(tmp_path, host)).problems if p.level == "error"]
    query = "home=id:afp&targets=id:hostile%20OR%20id:FJI&ask=priority_grid&x=betweenness&y=home_links"
    open_page(page, app_server.url, f"strategy?{query}", title="Strategy")
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible(timeout=60_000)
    # Both points sit on the left edge (no betweenness in so small a graph), the hostile one at the top.
    assert find_point(page, chart, "Evil", range(2, 20), range(0, 30)), "no point's tooltip names it"
    shown = page.evaluate(TOOLTIP)
    assert f"![pixel](http://{host}/md.png)" in shown  # the Markdown and HTML are there as written, as text
    assert f'<img src="http://{host}/html.png">' in shown
    for frame in page.frames:
        assert frame.evaluate(PLANTED, host) == [], frame.url
    assert hits == []

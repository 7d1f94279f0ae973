"""Another origin cannot frame the app: every response carries ``frame-ancestors 'self'`` and
``X-Frame-Options: SAMEORIGIN`` (serve.py), while the app's own frame (the network drawing) still works."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
import urllib.request

import pytest

from tests.browser.ui import NETWORK_IFRAME, network_frame, open_page

pytestmark = pytest.mark.browser


def test_every_response_says_only_the_app_may_frame_it(app_server):
    for path in ("/", "/network", "/_stcore/health"):
        with urllib.request.urlopen(app_server.url + path) as response:
            assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
            assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.fixture
def other_origin(app_server):
    """A page on another port (another origin) that puts the app in an iframe."""
    html = f'<html><body><iframe id="app" src="{app_server.url}/" width="800" height="600"></iframe></body></html>'

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_page_of_another_origin_cannot_frame_the_app(page, app_server, other_origin):
    page.goto(other_origin)
    page.wait_for_timeout(3000)
    (child,) = page.main_frame.child_frames
    assert child.url.startswith("chrome-error://")  # the browser refused to show the app inside the frame
    assert page.frame_locator("#app").locator("[data-testid=stApp]").count() == 0


def test_the_apps_own_network_frame_still_draws(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=afp&hops=1", title="Network")
    assert network_frame(page) is not None


def test_vis_network_is_cached_for_a_day_and_the_components_own_files_are_not(page, app_server, sample_db):
    open_page(page, app_server.url, "network?id=afp&hops=1", title="Network")
    assert network_frame(page) is not None
    src = page.locator(NETWORK_IFRAME).first.get_attribute("src") or ""
    folder = urllib.parse.urljoin(app_server.url + "/", src.split("?")[0].rsplit("/", 1)[0] + "/")
    with urllib.request.urlopen(folder + "vis-network.min.js") as response:
        assert response.headers["Cache-Control"] == "public, max-age=86400"
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    with urllib.request.urlopen(folder + "network.js") as response:
        assert "max-age" not in (response.headers["Cache-Control"] or "")  # changes with the app: never stale

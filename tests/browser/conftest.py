"""End-to-end fixtures: one Chromium for the session, the app served by ``streamlit run``, an offline guard.

- ``app_server``: ``streamlit run serve.py`` (app.py with its security headers) on a free port against the
  session's test Neo4j (the ``NEO4J_URI`` that ``session_driver`` sets), stopped at the end of the session.
- ``browser``: Debian's Chromium (``/usr/bin/chromium``, or ``SGE_CHROMIUM``) driven by Playwright,
  headless, one per session. Playwright's own browser download is never used.
- ``page``: a fresh browser context per test. Every request that leaves 127.0.0.1 is blocked and
  recorded, and the test fails if there was any (see ``pytest_runtest_call``).

What a journey does with a page (wait for Streamlit, screenshots) is in ``tests/browser/ui.py``.
``SGE_E2E_APP=FILE`` serves another entry script than app.py (a copy that lists a page app.py
does not list yet; run it with ``PYTHONPATH`` set to the repository).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.ui import APP, ROOT, VIEWPORT

CHROMIUM = os.environ.get("SGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    # Belt and braces: even a request that slipped past the guard could not resolve a name.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1"}
STARTUP = 60  # seconds for streamlit to answer /_stcore/health
WAIT = 20_000  # ms for an element or a page; longer waits are written where the app really works
expect.set_options(timeout=WAIT)


@dataclass
class AppServer:
    """A ``streamlit run`` process and where it listens."""

    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _get(url: str, timeout: float = 2) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy for 127.0.0.1
    with opener.open(url, timeout=timeout) as response:
        return response.read().decode()


def start_app(log_dir: Path, **env: str) -> AppServer:
    """Serve app.py with ``streamlit run`` on a free port (environment plus `env`); wait until healthy."""
    from neo4j_local import free_port

    port = free_port()
    log = log_dir / f"streamlit-{port}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = AppServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
        try:
            if _get(f"{server.url}/_stcore/health") == "ok":
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"streamlit did not answer on {server.url} in {STARTUP} s:\n{server.log_tail()}")


@pytest.fixture(scope="session")
def app_server(session_driver, tmp_path_factory):
    """The app on the session's test Neo4j (``session_driver`` has pointed NEO4J_URI at it)."""
    server = start_app(tmp_path_factory.mktemp("streamlit"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set SGE_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OfflineGuard:
    """Blocks and records every request that does not go to 127.0.0.1 (http, https, ws, wss or other)."""

    ALWAYS_LOCAL = frozenset({"data", "blob", "about"})

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in self.ALWAYS_LOCAL:
            return True
        return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS

    def route(self, route) -> None:
        if self.local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def websocket(self, ws) -> None:
        if not self.local(ws.url):
            self.blocked.append(ws.url)


@pytest.fixture
def offline(request):
    guard = OfflineGuard()
    request.node.offline_guard = guard
    return guard


@pytest.fixture
def page(browser, offline):
    """A new page in its own context, behind the offline guard."""
    context = browser.new_context(
        viewport=VIEWPORT,
        service_workers="block",
        accept_downloads=True,
        locale="en-AU",
        timezone_id="Australia/Sydney",
    )
    context.set_default_timeout(WAIT)
    context.route("**/*", offline.route)
    context.on("page", lambda p: p.on("websocket", offline.websocket))
    tab = context.new_page()
    tab.on("websocket", offline.websocket)
    yield tab
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a browser test that made any request leaving 127.0.0.1, even when it passed otherwise."""
    result = yield
    guard = getattr(item, "offline_guard", None)
    if guard and guard.blocked:
        raise AssertionError(f"{len(guard.blocked)} request(s) left 127.0.0.1: {guard.blocked[:10]}")
    return result

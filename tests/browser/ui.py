"""What the journeys do with a Streamlit page: wait for it, pick options, find the network, take screenshots."""

from __future__ import annotations

import os
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ROOT

APP = Path(os.environ.get("SGE_E2E_APP") or ROOT / "serve.py")  # app.py with its frame headers
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOTS = os.environ.get("SGE_SCREENSHOTS")  # a folder; set by `make screenshots`


SCRIPT_STATE = "document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"


def settle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit is not running the script (``data-test-script-state="notRunning"`` on the app)."""
    page.wait_for_function(f"() => {SCRIPT_STATE} === 'notRunning'", timeout=timeout)


QUIET_MS = 300  # a run's end counts once no other run has started for this long


def rerun(page, action, timeout: float = 60_000) -> None:
    """Do `action` (a click, a key) and wait until the script run it caused has finished, and no other run has
    followed it for `QUIET_MS` (a callback's ``st.rerun()`` starts a second run right after the first: a click
    between the two lands on a button that is being drawn again, and is lost)."""
    # The whole document is watched, not the app's element: a page change can draw that element anew, and a watch
    # on the old one then never sees the run (CI timed out so on a sidebar click).
    page.evaluate("""() => {
      window.sgeRuns = 0;
      window.sgeChanged = performance.now();
      window.sgeWatch?.disconnect();
      window.sgeWatch = new MutationObserver(() => { window.sgeRuns += 1; window.sgeChanged = performance.now(); });
      window.sgeWatch.observe(document.documentElement,
        {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
    }""")
    action()
    page.wait_for_function(
        f"() => window.sgeRuns > 0 && {SCRIPT_STATE} === 'notRunning'"
        f" && performance.now() - window.sgeChanged > {QUIET_MS}",
        timeout=timeout,
    )


def open_page(page, base: str, path: str = "", title: str | None = None) -> None:
    """Go to a page of the app and wait for its title."""
    page.goto(f"{base}/{path}")
    if title:
        page.get_by_role("heading", name=title).first.wait_for()
    settle(page)


def nav(page, name: str) -> None:
    """Click a page in the sidebar navigation, as a person would, and wait until the page's run has finished: a box
    filled while it runs can be drawn again by its end with the value it had, and the Enter pressed in it lost."""
    rerun(page, lambda: page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click())


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the selectbox labelled `label` by typing and clicking it."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option).first.click()


NETWORK_IFRAME = "iframe[src*='sge_network']"  # the drawing component (views/network_canvas.py)


def network_frame(page, nodes: int | None = None, timeout: float = 60, rev: str | None = None):
    """The drawing component's frame once vis-network has drawn it (``data-ready="1"``), with `nodes` nodes if
    given, and a drawing other than `rev` if given (``data-rev`` changes with what is drawn).

    Streamlit may replace the frame or its document while the script reruns, so look again until it settles.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            frame = page.locator(NETWORK_IFRAME).first.element_handle(timeout=5_000).content_frame()
            frame.wait_for_function(
                "([n, rev]) => document.body && document.body.dataset.ready === '1' "
                "&& (n === null || document.body.dataset.nodes === String(n)) "
                "&& (rev === null || document.body.dataset.rev !== rev)",
                arg=[nodes, rev],
                timeout=2_000,
            )
            return frame
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise


def node_spot(frame, entity_id: str) -> dict:
    """Where entity `entity_id` is drawn, in the page's coordinates (for the mouse)."""
    frame.locator("#sge-network").scroll_into_view_if_needed()
    inner = frame.locator("#sge-network").bounding_box()  # in the page's coordinates, though inside the frame
    spot = frame.evaluate("id => sgeNetwork.canvasToDOM(sgeNetwork.getPosition(id))", entity_id)
    assert inner, "the drawing is not on screen"
    return {"x": inner["x"] + spot["x"], "y": inner["y"] + spot["y"]}


def node_xy(frame, entity_id: str) -> tuple[float, float]:
    """Where entity `entity_id` is on the drawing's canvas (canvas pixels, as the page stores them)."""
    at = frame.evaluate("id => sgeNetwork.getPosition(id)", entity_id)
    return round(at["x"], 1), round(at["y"], 1)


def shoot(page, name: str, at=None) -> None:
    """Save the page as DIR/NAME.png when SGE_SCREENSHOTS=DIR (``make screenshots``).

    The whole page up to 2,400 px tall, or, with `at` (a locator), one screen starting there.
    """
    if not SCREENSHOTS:
        return
    folder = ROOT / SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    settle(page)
    if at is None:
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('section, div')].map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], min(int(height), 2400))})
        page.wait_for_timeout(400)  # let the grids and charts lay out at the new size
        settle(page)
    else:
        at.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(folder / f"{name}.png"))
    page.set_viewport_size(VIEWPORT)

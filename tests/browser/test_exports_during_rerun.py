"""Two exports clicked one after the other, the second while the first's rerun is running, both download; and a
profile's id caption reads as the id (no Markdown escapes showing), in a real Chromium."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.browser.ui import open_page, settle


def test_a_second_export_clicked_during_the_rerun_of_the_first_downloads_too(page, app_server, sample_db, tmp_path):
    # The sets come in the address (typing them is not what this test is about; an Enter is lost now and then under
    # load, the CI failure of stop 26).
    open_page(page, app_server.url, "gaps?home=kind%3AAgency+country%3AAUS&targets=kind%3ACompany")
    heading = page.get_by_role("heading", name="Unreached targets")
    expect(heading).to_be_visible(timeout=60_000)
    settle(page, 60_000)
    expect(page.locator(".st-key-unreached-xlsx button")).to_be_visible(timeout=60_000)  # both buttons drawn
    settle(page, 60_000)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    # Click CSV, and click XLSX the moment the page says the rerun that click caused is running (in the page, so
    # no poll can miss a short run).
    clicked_while = page.evaluate("""() => new Promise(resolve => {
      const app = document.querySelector('[data-testid=stApp]');
      const second = () => document.querySelector('.st-key-unreached-xlsx button');
      new MutationObserver((_, observer) => {
        if (app.dataset.testScriptState === 'running') {
          observer.disconnect();
          // The button can be drawn again as the run starts: click it as soon as it is there, while running.
          const press = () => second() ? (second().click(), resolve(app.dataset.testScriptState))
                                       : requestAnimationFrame(press);
          press();
        }
      }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
      document.querySelector('.st-key-unreached-csv button').click();
    })""")
    assert clicked_while == "running"
    deadline = time.monotonic() + 30
    while len(downloads) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    saved = {}
    for download in downloads:
        saved[download.suggested_filename] = tmp_path / download.suggested_filename
        download.save_as(saved[download.suggested_filename])
    stems = {name.rsplit(".", 1)[0] for name in saved}
    assert sorted(name.rsplit(".", 1)[1] for name in saved) == ["csv", "xlsx"], (clicked_while, downloads)
    assert len(stems) == 1 and stems.pop().startswith("unreached-kind-company-"), saved  # the companies' table
    assert all(path.stat().st_size > 100 for path in saved.values())


def test_a_profiles_id_caption_shows_the_id_without_escapes(page, app_server, sample_db):
    open_page(page, app_server.url, "profile?id=home-affairs", title="Profile")
    expect(page.get_by_role("heading", name="Department of Home Affairs")).to_be_visible()
    caption = page.get_by_text("id home-affairs", exact=False).first
    expect(caption).to_be_visible()
    assert "\\" not in caption.inner_text()

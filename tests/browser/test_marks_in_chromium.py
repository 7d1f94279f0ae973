"""In the real browser: the marking chosen in the sidebar is in the files a user downloads, with the sample notice on
the sample; a file made when its button is pressed shows progress on the button until it arrives."""

from __future__ import annotations

import io

from playwright.sync_api import expect

from graph.settings import SAMPLE_NOTICE
from tests.browser.ui import open_page, pick, rerun, settle
from tests.conftest import TODAY

MARK = "OFFICIAL: Sensitive"


def test_the_chosen_marking_is_in_the_pack_and_the_pack_shows_progress_while_it_is_made(
    page, app_server, sample_db, tmp_path
):
    import docx

    open_page(page, app_server.url, "profile?id=FJI", title="Profile")
    expect(page.get_by_role("heading", name="Briefing pack")).to_be_visible(timeout=60_000)
    rerun(page, lambda: pick(page, "Marking of exports", MARK))
    expect(page.get_by_text(f"Marked {MARK}")).to_be_visible()
    # The set pack of Fiji and its agencies: its PDF takes about a second to write once the button is pressed.
    rerun(page, lambda: page.get_by_text("Include its agencies").click(), timeout=120_000)
    button = page.get_by_role("button", name="PDF", exact=True)
    with page.expect_download(timeout=60_000) as download:
        button.click()
        expect(button).to_be_disabled(timeout=2_000)  # the button's spinner, while the file is made
    assert download.value.suggested_filename == f"brief-fji-set-{TODAY}.pdf"
    expect(button).to_be_enabled()
    settle(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Word (DOCX)", exact=True).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = docx.Document(io.BytesIO(saved.read_bytes()))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert MARK in header and SAMPLE_NOTICE in header

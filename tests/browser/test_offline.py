"""The offline guard itself: a request that leaves 127.0.0.1 is blocked and recorded."""

from __future__ import annotations

import pytest

from tests.browser.ui import open_page

pytestmark = pytest.mark.browser


def test_the_guard_blocks_and_records_requests_that_leave_127_0_0_1(page, app_server, offline):
    open_page(page, app_server.url, title="Stakeholder Graph Explorer")
    assert offline.blocked == []
    outcome = page.evaluate("""async () => {
      const tries = ['https://cdn.example.com/vis.js', 'http://93.184.216.34/pixel.png', 'http://localhost:9/'];
      const results = [];
      for (const url of tries) {
        try { await fetch(url, {mode: 'no-cors'}); results.push('loaded'); } catch (e) { results.push('blocked'); }
      }
      return results;
    }""")
    assert outcome == ["blocked"] * 3
    assert offline.blocked == [
        "https://cdn.example.com/vis.js",
        "http://93.184.216.34/pixel.png",
        "http://localhost:9/",
    ]
    offline.blocked.clear()  # recorded as it should be; this test made them on purpose

"""Drawing a network in Chromium: browser physics from scratch against positions computed in Python.

    .venv/bin/python -m bench.browser_bench [--nodes 2000] [--links 5000]

Needs Debian's Chromium (``/usr/bin/chromium`` or ``SGE_CHROMIUM``). Times the
page until vis-network says it is settled (``data-ready="1"``), including the
Python layout for the second way; prints the ratio and never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import time

from bench.network_bench import synthetic
from graph.layout import positions
from render.network import network_html


def draw_seconds(browser, html: str, limit_s: float = 600) -> float:
    page = browser.new_page()
    try:
        start = time.perf_counter()
        page.set_content(html)
        page.wait_for_selector("body[data-ready='1']", timeout=limit_s * 1000, state="attached")
        return time.perf_counter() - start
    finally:
        page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--links", type=int, default=5000)
    args = parser.parse_args()
    rows, links, _ = synthetic(args.nodes, args.links)
    nodes = [{"id": r["id"], "name": r["id"], "kind": "Agency"} for r in rows]
    edges = [{**x, "type": "PARTNERS_WITH"} for x in links]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("SGE_CHROMIUM", "/usr/bin/chromium"), headless=True, args=["--no-sandbox"]
        )
        try:
            physics = draw_seconds(browser, network_html(nodes, edges))
            start = time.perf_counter()
            xy = positions(nodes, edges)
            layout = time.perf_counter() - start
            placed = draw_seconds(browser, network_html(nodes, edges, positions=xy))
        finally:
            browser.close()
    print(f"{len(nodes):,} entities, {len(edges):,} links")
    print(f"browser physics (barnesHut, 150 iterations) {physics:6.2f} s")
    print(f"igraph layout {layout:5.2f} s + drawing placed nodes {placed:5.2f} s = {layout + placed:5.2f} s")
    print(f"ratio {physics / (layout + placed):5.1f}x")


if __name__ == "__main__":
    main()

"""vis-network's share of a large drawing in Chromium: its links with their wording against without.

    PYTHONPATH=. .venv/bin/python -m bench.vis_setup [--entities 2000] [--runs 7]

The drawing of a generated graph (`bench.memory_graph`, 5 links per entity) as the Network page gives it
(`render.network.canvas_args`, laid out by `graph.layout.arrange`), unpacked as the component does
(`render.network.unpack`), set up in a blank page of Debian's Chromium with the vis-network the component serves:
the time to set up the network (its nodes and links made, each with its options), to its first drawing, and of a
redraw (each frame of a pan or a zoom), the two ways taking turns in one browser, medians. Nothing is timed against
a goal; the ratios say what leaving the wording off a large view's links saves (`render.network.LABELLED_UP_TO`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics

from bench.memory_graph import generated_graph
from graph.layout import arrange
from render.network import _VIS_DIR, canvas_args, unpack

SET_UP = r"""
([drawing]) => new Promise(resolve => {
  const [drawn, links, options] = JSON.parse(drawing);
  const box = document.getElementById("box");
  box.replaceChildren();
  const start = performance.now();
  const network = new vis.Network(box, {nodes: new vis.DataSet(drawn), edges: new vis.DataSet(links)}, options);
  const made = performance.now();
  network.fit({animation: false});
  network.once("afterDrawing", () => {
    const drawnAt = performance.now();
    const redraws = [];
    for (let i = 0; i < 5; i++) {  // what each frame of a pan or a zoom costs (vis-network's own redraw, at once)
      const before = performance.now();
      network.renderer._redraw();
      redraws.push(performance.now() - before);
    }
    network.destroy();
    redraws.sort((x, y) => x - y);
    resolve([made - start, drawnAt - made, redraws[2]]);
  });
})
"""


def drawings(entities: int) -> dict[bool, str]:
    """vis-network's nodes, links and options for the whole generated graph of `entities` entities, as JSON, its
    links with their wording (True) and without (False), unpacked from the component's arguments as it does."""
    graph = generated_graph(entities, 5 * entities)
    nodes = [{"id": n, **data} for n, data in graph.nodes(data=True)]
    edges = [{"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)]
    placed = arrange([n["id"] for n in nodes], [(e["source"], e["target"]) for e in edges], {})
    args = canvas_args(nodes, edges, placed)  # the wordings travel either way; `labels` says whether they are drawn
    return {worded: json.dumps([*unpack(args | {"labels": worded}), args["options"]]) for worded in (True, False)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    # Imported by name, as test code is not type-checked with the project (as in `bench.network_clicks`).
    fixtures = importlib.import_module("tests.browser.conftest")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    drawing = drawings(args.entities)
    entities, links, _ = json.loads(drawing[False])
    times: dict[bool, list[list[float]]] = {True: [], False: []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=fixtures.CHROMIUM, headless=True, args=fixtures.CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_content("<div id='box' style='width: 800px; height: 650px'></div>")
        page.add_script_tag(content=(_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
        for _ in range(args.runs):
            for worded in (True, False):
                times[worded].append(page.evaluate(SET_UP, [drawing[worded]]))
        browser.close()
    print(f"{len(entities):,} entities and {len(links):,} links, {args.runs} runs each way, medians:")
    total, redraw = {}, {}
    for worded, runs in times.items():
        made, drawn, redraw[worded] = (statistics.median(r[i] for r in runs) for i in (0, 1, 2))
        total[worded] = made + drawn
        way = "with their wording" if worded else "without wording"
        print(
            f"  links {way:<19} set up {made:5.0f} ms, first drawing {drawn:5.0f} ms, together {made + drawn:5.0f} ms;"
            f" each redraw (a pan or zoom) {redraw[worded]:5.0f} ms"
        )
    print(
        f"Ratio: with wording the drawing takes {total[True] / total[False]:.2f}x the time without to open, and"
        f" {redraw[True] / redraw[False]:.2f}x to redraw."
    )


if __name__ == "__main__":
    main()

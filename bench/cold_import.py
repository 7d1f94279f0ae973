"""The first Network open's wait for igraph: imported by the page (old) against imported at server start (new).

    .venv/bin/python -m bench.cold_import [--runs 5]

Each run is a fresh Python process that first does, untimed, what the server has done before the page runs:
``import serve`` (streamlit), then for the new way ``serve.warm_imports()`` as the server's lifespan does (timed
apart: the server start pays it). It then times what the page does: ``import igraph``, ``import graph.layout``
and one small layout. Two situations: streamlit alone imported (igraph then pays for all of matplotlib), and
after app.py's own imports (they bring matplotlib, not pyplot), as when Network is not the first page. Old and
new runs alternate; prints the medians, their ratio, and whether both ways laid out the same positions. Never
fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SITUATIONS = {
    "streamlit alone": "",
    "after app.py's imports": "import views.auth, views.widgets",
}

CHILD = """
import json, time
import serve
{before}
start = time.perf_counter()
if {warm}:
    serve.warm_imports()
warmed = time.perf_counter() - start
start = time.perf_counter()
import igraph
import graph.layout
xy = graph.layout.pixel_positions(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
print(json.dumps({{"warm_s": warmed, "page_s": time.perf_counter() - start, "positions": xy}}))
"""


def one_run(before: str, *, warm: bool) -> dict:
    """One fresh process: its warm-up seconds, the page's seconds and the positions it laid out."""
    code = CHILD.format(before=before, warm=warm)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_import", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per way and situation")
    args = parser.parse_args(argv)
    print(f"median of {args.runs} fresh processes each; seconds")
    print(f"{'situation':<24} {'old: page':>10} {'new: page':>10} {'ratio':>7} {'new: server start':>18}  same")
    for situation, before in SITUATIONS.items():
        old: list[dict] = []
        new: list[dict] = []
        for _ in range(args.runs):  # alternated, so load from other work falls on both ways alike
            old.append(one_run(before, warm=False))
            new.append(one_run(before, warm=True))
        old_s = statistics.median(r["page_s"] for r in old)
        new_s = statistics.median(r["page_s"] for r in new)
        start_s = statistics.median(r["warm_s"] for r in new)
        same = all(r["positions"] == old[0]["positions"] for r in old + new)
        print(f"{situation:<24} {old_s:>10.3f} {new_s:>10.3f} {old_s / new_s:>6.0f}x {start_s:>18.3f}  {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

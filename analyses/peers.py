"""The peer analysis as a named analysis (``python -m queries run peer_forums``); the logic lives in `graph.peers`."""

from __future__ import annotations

from analyses.catalog import Context, analysis
from analyses.gaps import ROLLUP, rollup
from graph import peers

PEERS = {"peers": "filter line of the peers, e.g. kind:Country tag:five-country -id:AUS (required)"}


@analysis("peer_forums", "forums where a peer sits and no home entity does", PEERS | ROLLUP)
def peer_forums(ctx: Context) -> list[dict]:
    """Forums (or, with --targets, the targets) where a peer sits and no home entity does."""
    chosen = ctx.select(ctx.param("peers"), "param peers")
    forums = ctx.targets if ctx.targets_filter else None
    return peers.peer_forums(ctx.graph, ctx.home, chosen, forums, rollup=rollup(ctx), on=ctx.on)

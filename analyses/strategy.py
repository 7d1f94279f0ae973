"""Strategy analyses (``python -m queries run NAME``): where to invest, what if, key players, brokerage, the
priority grid, coverage by line of effort.

The logic lives in `graph.investments`, `graph.whatif`, `graph.key_players`, `graph.brokerage`,
`graph.priority_grid` and `graph.effort`; the figures
of ``whatif`` are the ``standing`` rows of `analyses.gaps`, so they count exactly as the Gaps page does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from analyses.catalog import Context, ParamError, analysis
from analyses.gaps import HOPS, ROLLUP, rollup
from analyses.gaps import standing as standing_rows
from graph import brokerage as brokers
from graph import effort
from graph import investments as invest
from graph import key_players as players
from graph import priority_grid as grid
from graph import whatif as what
from graph.filters import FilterError, resolve_entity
from graph.model import on_date

TOP = {"k": "how many rows (default 10; 0 for all)"}
WHATIF = {
    "add": "links to add, A -> B or A -[member of]-> B, several separated by ';'",
    "remove": "links to remove, A -> B (every link between them) or A -[member of]-> B, ';'-separated",
    "without": "entities that leave (a departure, a program ending), by id, name or alias, ';'-separated",
    "show": "figures (default: one row per gap figure) or targets (one row per target that moves)",
}


def hops(ctx: Context, default: int) -> int:
    """The ``max_hops`` parameter, at least 1."""
    value: int = ctx.param("max_hops", default, int)
    if value < 1:
        raise ParamError("--param max_hops must be 1 or more")
    return value


def entities(ctx: Context, name: str) -> set[str]:
    """Ids that a ``;``-separated list parameter names (ids, names or aliases); empty when absent."""
    found = set()
    for item in filter(None, (part.strip() for part in ctx.param(name, "").split(";"))):
        try:
            found.add(resolve_entity(ctx.graph, item))
        except FilterError as exc:
            raise ParamError(f"--param {name}: {exc}") from None
    return found


@analysis(
    "investments",
    "the k new links (home entity to partner) that would bring the most unreached targets within reach; greedy, "
    "at least 1-1/e of the best",
    {
        "k": "how many links to propose (default 3)",
        "max_hops": "most links from the home set that count as reached (default 2)",
        "partners": "filter line: only propose partners it selects (default every entity but engagements)",
        "exclude": "ids or names never proposed, ';'-separated",
    }
    | ROLLUP,
)
def investments(ctx: Context) -> list[dict]:
    """The links to invest in first, greedily: see `graph.investments.investments`."""
    chosen = ctx.param("partners", "")
    return invest.investments(
        ctx.graph,
        ctx.home,
        ctx.targets,
        k=ctx.param("k", 3, int),
        max_hops=hops(ctx, 2),
        rollup=rollup(ctx),
        partners=ctx.select(chosen, "param partners") if chosen.strip() else None,
        exclude=entities(ctx, "exclude"),
    )


def changed(ctx: Context) -> tuple[what.Change, Context]:
    """The change the parameters describe, and the context of the changed graph (same sets, less who left)."""
    try:
        change = what.parse(
            ctx.graph, add=ctx.param("add", ""), remove=ctx.param("remove", ""), without=ctx.param("without", "")
        )
    except what.WhatIfError as exc:
        raise ParamError(f"whatif: {exc}") from None
    if not change:
        raise ParamError("whatif needs a change: --param add='A -> B', remove='A -> B' or without=ENTITY")
    after = dataclasses.replace(ctx, graph=what.apply(ctx.graph, change))
    gone = set(change.without)
    after.__dict__["home"] = ctx.home - gone  # the question's sets, evaluated once on the graph as it is
    after.__dict__["targets"] = ctx.targets - gone
    return change, after


@analysis(
    "whatif",
    "the gap figures (unreached, single-threaded, stale) before and after a change that is not saved",
    WHATIF | HOPS | {"high_days": "stale thresholds as in standing", "medium_days": "", "low_days": ""} | ROLLUP,
)
def whatif(ctx: Context) -> list[dict]:
    """Figures before and after the change; ``show=targets``: each target that moves, and why."""
    show = ctx.param("show", "figures")
    if show not in ("figures", "targets"):
        raise ParamError("--param show must be figures or targets")
    _, after = changed(ctx)
    before_rows, after_rows = standing_rows(ctx), standing_rows(after)
    if show == "targets":
        return what.targets(before_rows, after_rows)
    return what.figures(before_rows, after_rows, max_hops=ctx.param("max_hops", 3, int))


@analysis(
    "key_players",
    "home-side entities (agencies, programs, brokers) whose loss would cut off or single-thread the most targets",
    TOP | HOPS | ROLLUP,
)
def key_players(ctx: Context) -> list[dict]:
    """See `graph.key_players.key_players`."""
    return players.key_players(
        ctx.graph, ctx.home, ctx.targets, k=ctx.param("k", 10, int), max_hops=hops(ctx, 3), rollup=rollup(ctx)
    )


@analysis(
    "brokerage",
    "Gould-Fernandez broker roles between groups, with Burt's effective size and constraint",
    {"by": "kind (default), country or community", "top": "how many rows (default 20; 0 for all)"},
)
def brokerage(ctx: Context) -> list[dict]:
    """See `graph.brokerage.brokerage`."""
    by = ctx.param("by", "kind")
    if by not in brokers.GROUPINGS:
        raise ParamError(f"--param by must be one of {', '.join(brokers.GROUPINGS)}")
    return brokers.brokerage(ctx.graph, by=by, top=ctx.param("top", 20, int))


@analysis(
    "priority_grid",
    "targets on a power-interest grid: importance (x) by our engagement (y), each quadrant with its advice; with "
    "compare=DATE, each target's position then too and whether it moved quadrant",
    {
        "x": f"importance axis (default priority): one of {', '.join(grid.MEASURES)}",
        "y": "engagement axis (default home_links): the same choices",
        "compare": "an earlier date (YYYY-MM-DD): place each target on that date too",
    }
    | ROLLUP,
    history=True,
)
def priority_grid(ctx: Context) -> list[dict]:
    """See `graph.priority_grid.priority_grid`; the sets are the as-of date's, placed on both dates."""
    x, y, compare = ctx.param("x", "priority"), ctx.param("y", "home_links"), ctx.param("compare", "").strip()
    for name, axis in (("x", x), ("y", y)):
        if axis not in grid.MEASURES:
            raise ParamError(f"--param {name} must be one of {', '.join(grid.MEASURES)}")
    before = None
    if compare:
        try:
            earlier = dt.date.fromisoformat(compare).isoformat()
        except ValueError:
            raise ParamError("--param compare must be a date, YYYY-MM-DD") from None
        assert ctx.history is not None  # registered with history=True
        before = (on_date(ctx.history, earlier), earlier)
    return grid.priority_grid(ctx.graph, ctx.home, ctx.targets, on=ctx.on, x=x, y=y, rollup=rollup(ctx), before=before)


@analysis(
    "lines_of_effort",
    "coverage by line of effort: for each target and theme (awareness, reporting, legislation...), the home "
    "entities that work with it on the theme, through which engagements and programs, or a gap",
    {"themes": "themes to show, ';'-separated (default every theme engagements and programs carry)"} | ROLLUP,
)
def lines_of_effort(ctx: Context) -> list[dict]:
    """See `graph.effort.lines_of_effort`."""
    chosen = [part.strip() for part in ctx.param("themes", "").split(";") if part.strip()]
    return effort.lines_of_effort(ctx.graph, ctx.home, ctx.targets, themes=chosen or None, rollup=rollup(ctx))

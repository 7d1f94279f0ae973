"""Gap analyses as named analyses (``python -m queries run NAME``); the logic lives in `graph.gaps`."""

from __future__ import annotations

import datetime as dt

from analyses.catalog import Context, ParamError, analysis
from graph import gaps, risk
from graph.standing import standing as standing_rows
from graph.standing import worst_first

THRESHOLD_HELP = "days before a target counts as stale, by priority (defaults 90, 180, 365)"
ROLLUP = {"rollup": "on (default): a country counts its agencies and their units, an organisation its units; off"}
HOPS = {"max_hops": "most links to follow (default 3)"}


def rollup(ctx: Context) -> bool:
    """The ``rollup`` parameter: on unless it says off."""
    value = ctx.param("rollup", "on").strip().lower()
    if value not in ("on", "off", "true", "false", "yes", "no"):
        raise ParamError("--param rollup must be on or off")
    return value in ("on", "true", "yes")


@analysis(
    "reach",
    "links from the nearest home entity to each target; unreached targets listed",
    HOPS | ROLLUP,
)
def reach(ctx: Context) -> list[dict]:
    return gaps.reach(ctx.graph, ctx.home, ctx.targets, max_hops=ctx.param("max_hops", 3, int), rollup=rollup(ctx))


@analysis("coverage", "home x target matrix: direct links by type, last engagement, shared agreements", ROLLUP)
def coverage(ctx: Context) -> list[dict]:
    return gaps.coverage(ctx.graph, ctx.home, ctx.targets, rollup=rollup(ctx))


@analysis(
    "single_threads",
    "reached targets that hang by one thread: one home entity, link, entity or intermediary; one row each",
    HOPS | ROLLUP,
)
def single_threads(ctx: Context) -> list[dict]:
    return gaps.single_threads(
        ctx.graph, ctx.home, ctx.targets, max_hops=ctx.param("max_hops", 3, int), rollup=rollup(ctx)
    )


@analysis(
    "stale",
    "targets whose last engagement with the home set is older than its priority allows, or never",
    {"high_days": THRESHOLD_HELP, "medium_days": "", "low_days": "", "all": "true: list current ones too"} | ROLLUP,
)
def stale(ctx: Context) -> list[dict]:
    return gaps.stale(
        ctx.graph,
        ctx.home,
        ctx.targets,
        on=ctx.on,
        thresholds=_thresholds(ctx),
        include_current=ctx.param("all", "false").lower() == "true",
        rollup=rollup(ctx),
    )


def _thresholds(ctx: Context) -> dict[str, int]:
    return {level: ctx.param(f"{level}_days", days, int) for level, days in gaps.STALE_DAYS.items()}


@analysis(
    "standing",
    "where each target stands: reached or not, single thread, last engagement and through whom; one row each, "
    "the biggest gaps first",
    HOPS | {"high_days": THRESHOLD_HELP, "medium_days": "", "low_days": ""} | ROLLUP,
)
def standing(ctx: Context) -> list[dict]:
    hops, rolled = ctx.param("max_hops", 3, int), rollup(ctx)
    rows = standing_rows(
        gaps.reach(ctx.graph, ctx.home, ctx.targets, max_hops=hops, rollup=rolled),
        gaps.single_threads(ctx.graph, ctx.home, ctx.targets, max_hops=hops, rollup=rolled),
        gaps.stale(
            ctx.graph,
            ctx.home,
            ctx.targets,
            on=ctx.on,
            thresholds=_thresholds(ctx),
            include_current=True,
            rollup=rolled,
        ),
    )
    return worst_first(rows)  # the order of the Gaps page and the Overview's top gaps


@analysis(
    "risks",
    "targets weighted by the risks recorded about them (rolled up: about their agencies and units too): the "
    "highest level, how many, the weight (high 3, medium 2, low 1); the heaviest first",
    ROLLUP,
)
def risks(ctx: Context) -> list[dict]:
    return risk.risks(ctx.graph, ctx.targets, rollup=rollup(ctx), on=ctx.on)


@analysis(
    "followup",
    "agreement parties not engaged since joining, and agreements ending soon",
    {"window_days": "how far ahead to look for ends (default 90)"} | ROLLUP,
)
def followup(ctx: Context) -> list[dict]:
    agreements = ctx.targets if ctx.targets_filter else None
    window = ctx.param("window_days", 90, int)
    return gaps.followup(ctx.graph, ctx.home, agreements, on=ctx.on, window_days=window, rollup=rollup(ctx))


@analysis(
    "overlap",
    "entities in both sets (--home and --targets), or in only one",
    {"show": "all (default), both, first or second"},
)
def overlap(ctx: Context) -> list[dict]:
    show = ctx.param("show", "all")
    if show not in ("all", "both", "first", "second"):
        raise ParamError("--param show must be all, both, first or second")
    return gaps.overlap(ctx.graph, ctx.home, ctx.targets, show=show)


@analysis(
    "deconfliction",
    "targets that several home entities engaged separately within a window",
    {"window_days": "look-back window (default 180)", "min_home": "home entities needed (default 3)"} | ROLLUP,
)
def deconfliction(ctx: Context) -> list[dict]:
    return gaps.deconfliction(
        ctx.graph,
        ctx.home,
        ctx.targets,
        on=ctx.on,
        window_days=ctx.param("window_days", 180, int),
        min_home=ctx.param("min_home", 3, int),
        rollup=rollup(ctx),
    )


@analysis(
    "members",
    "members, parties, chairs and secretariat of an entity on the as-of date (default today)",
    {"of": "the forum, agreement or organisation (name, alias or id)"},
    history=True,
)
def members(ctx: Context) -> list[dict]:
    assert ctx.history is not None  # registered with history=True: run_on refuses a context without it
    return gaps.members(ctx.history, ctx.entity("of"), on=ctx.on)


@analysis(
    "changes",
    "who joined and who left an entity between two dates",
    {
        "of": "the forum, agreement or organisation",
        "from": "start date (YYYY-MM-DD)",
        "to": "end date (default: the as-of date or today)",
    },
    history=True,
)
def changes(ctx: Context) -> list[dict]:
    start = ctx.param("from", kind=dt.date)
    end = ctx.param("to", ctx.on, dt.date)
    assert ctx.history is not None  # registered with history=True: run_on refuses a context without it
    return gaps.changes(ctx.history, ctx.entity("of"), start=start, end=end)

"""The graph read once per change and shared by every session and page run, instead of once per rerun.

A cached graph is keyed on `queries.graphs.graph_version` (the count store, the newest load record and the number
of the latest change), so a load, a merge or an undo from a page or the command line is seen on the next rerun.
Graphs are frozen: an analysis that tried to change one would fail loudly rather than change every other session's
answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Callable

import neo4j
import networkx as nx
import streamlit as st

from analyses.catalog import Context, read_context, run_on
from graph.model import on_date
from graph.settings import today
from queries import read
from queries.connection import settings
from queries.graphs import graph_version, iso
from queries.snapshot import history


@st.cache_resource(show_spinner="Reading the graph…", max_entries=2)
def _history(_drv: neo4j.Driver, where: tuple, version: tuple) -> nx.MultiDiGraph:
    return nx.freeze(history(_drv))  # from the snapshot file when another process read this version already


@st.cache_resource(show_spinner=False, max_entries=16)
def _on(_drv: neo4j.Driver, where: tuple, version: tuple, on: str) -> nx.MultiDiGraph:
    return nx.freeze(on_date(_history(_drv, where, version), on))


def _graphs(drv: neo4j.Driver) -> Callable[[str | None], nx.MultiDiGraph]:
    """The cached graph of a date (None: every link whatever its dates), for the graph version read now."""
    where, version = (settings().uri, settings().database), graph_version(drv)
    return lambda on: _history(drv, where, version) if on is None else _on(drv, where, version, on)


@st.cache_data(show_spinner=False, max_entries=32)
def _rows(_drv: neo4j.Driver, where: tuple, version: tuple, name: str, params: tuple) -> list[dict]:
    return read(_drv, name, **dict(params))


def read_once(drv: neo4j.Driver, name: str, **params: object) -> list[dict]:
    """The rows of query `name` (one that reads the whole graph: checks, counts, facets, the entities to pick
    from), read once per graph version and shared by every session; `params` are scalars."""
    return _rows(drv, (settings().uri, settings().database), graph_version(drv), name, tuple(sorted(params.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def _answer(where: tuple, version: tuple, today: str, asked: tuple, name: str, _ctx: Context) -> list[dict]:
    return run_on(_ctx, name)


def answer(drv: neo4j.Driver, ctx: Context, name: str) -> list[dict]:
    """``run_on(ctx, name)``, kept per graph version and question (date, sets, parameters, saved sets, today), so
    that a rerun which asks the same (a click elsewhere on the page, another session) does not run it again."""
    return _answer(*_asked(drv, ctx), name, ctx)


def _asked(drv: neo4j.Driver, ctx: Context) -> tuple[tuple, tuple, str, tuple]:
    """What an answer is kept under, besides its name: the database, its graph version, today and the question."""
    asked = (
        ctx.on,
        ctx.home_filter,
        ctx.targets_filter,
        tuple(sorted(ctx.params.items())),
        tuple(sorted(ctx.saved_sets.items())),
        ctx.history is not None,
    )
    return (settings().uri, settings().database), graph_version(drv), today().isoformat(), asked


def graph_on(drv: neo4j.Driver, as_of: dt.date | str | None) -> nx.MultiDiGraph:
    """What ``load_graph(drv, as_of=as_of)`` reads (None: every link whatever its dates), from the cache."""
    return _graphs(drv)(iso(as_of))


def page_context(
    drv: neo4j.Driver,
    *,
    as_of: dt.date | str | None = None,
    home: str | None = None,
    targets: str | None = None,
    params: dict[str, str] | None = None,
    history: bool = False,
) -> Context:
    """What `analyses.catalog.read_context` returns, from the shared cached graph (same rows, read once)."""
    return read_context(
        drv, as_of=as_of, home=home, targets=targets, params=params, history=history, graphs=_graphs(drv)
    )


GAP_ANSWERS = ("reach", "single_threads", "stale")


def gap_results(drv: neo4j.Driver, ctx: Context) -> dict[str, list[dict]]:
    """The rows behind the Gaps page's tiles and tables (and the Overview's glance, the same numbers): reach,
    single threads and stale (every target, current ones too, so `graph.standing` can say where each stands)."""
    every = ctx.with_targets(ctx.targets_filter, {**ctx.params, "all": "true"})
    return {name: answer(drv, every if name == "stale" else ctx, name) for name in GAP_ANSWERS}


@st.cache_resource(show_spinner=False, max_entries=4, ttl=3600)  # 137,200 rows hold about 150 MB
def _shared_answer(where: tuple, version: tuple, today: str, asked: tuple, name: str, _ctx: Context) -> list[dict]:
    return run_on(_ctx, name)


def shared_answer(drv: neo4j.Driver, ctx: Context, name: str) -> list[dict]:
    """`answer` for an answer too large to copy on every rerun (`coverage`: 137,200 rows at 10,000 entities, whose
    copy out of Streamlit's data cache took 3 s of each Gaps rerun): its rows are shared by the sessions, each run
    given its own dicts; the lists inside them are shared, so a page only reads them."""
    return [dict(row) for row in _shared_answer(*_asked(drv, ctx), name, ctx)]


def content_key(*values: object) -> str:
    """A digest of `values` (plain rows: dicts, lists, text, numbers, dates) that changes whenever they do, for a
    cache keyed on what it is made from: Streamlit's own hashing took 0.2 s for 9,000 rows, this 5 ms."""
    return hashlib.sha1(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()

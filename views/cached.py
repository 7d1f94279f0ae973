"""The graph read once per change and shared by every session and page run, instead of once per rerun.

A cached graph is keyed on `queries.graphs.graph_version` (the count store, the newest load record and the number
of the latest change), so a load, a merge or an undo from a page or the command line is seen on the next rerun.
Graphs are frozen: an analysis that tried to change one would fail loudly rather than change every other session's
answers.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import networkx as nx
import streamlit as st

from analyses.catalog import Context
from graph.model import on_date
from graph.settings import today
from queries import read
from queries.connection import settings
from queries.graphs import graph_version, iso, load_graph


@st.cache_resource(show_spinner="Reading the graph…", max_entries=2)
def _history(_drv: neo4j.Driver, where: tuple, version: tuple) -> nx.MultiDiGraph:
    return nx.freeze(load_graph(_drv))


@st.cache_resource(show_spinner=False, max_entries=16)
def _on(_drv: neo4j.Driver, where: tuple, version: tuple, on: str) -> nx.MultiDiGraph:
    return nx.freeze(on_date(_history(_drv, where, version), on))


def graph_on(drv: neo4j.Driver, as_of: dt.date | str | None) -> nx.MultiDiGraph:
    """What ``load_graph(drv, as_of=as_of)`` reads (None: every link whatever its dates), from the cache."""
    where, version = (settings().uri, settings().database), graph_version(drv)
    on = iso(as_of)
    return _history(drv, where, version) if on is None else _on(drv, where, version, on)


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
    where = (settings().uri, settings().database)
    version = graph_version(drv)
    on = iso(as_of) or today().isoformat()
    return Context(
        graph=_on(drv, where, version, on),
        on=on,
        home_filter=home,
        targets_filter=targets,
        params=dict(params or {}),
        saved_sets={row["name"]: row["filter"] for row in read(drv, "saved_sets")},
        history=_history(drv, where, version) if history else None,
    )

"""Named analyses: each is a function of a `Context` (the graph on a date, two sets, parameters) returning rows.

Modules register analyses with the `analysis` decorator.  `run` reads the graph
from Neo4j and runs one; `run_on` runs one on a context the caller already
holds (a page's cached graph, a briefing pack's graph), so nothing is read twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import neo4j
import networkx as nx

from graph import settings
from graph.collection import collector_held
from graph.filters import FilterError, evaluate, parse, resolve_entity
from queries import read, snapshot
from queries.graphs import iso

# Modules whose import registers analyses.
MODULES = ("analyses.gaps", "analyses.network", "analyses.peers", "analyses.strategy")


class ParamError(ValueError):
    """A missing or malformed parameter."""


#: The largest number a parameter takes: more hops, days or rows than any graph or calendar here holds.
LARGEST = 100_000


@dataclass
class Context:
    """What an analysis gets: the graph on the as-of date, the two sets as filter lines, and its parameters.

    Attributes
    ----------
    graph : nx.MultiDiGraph
        Entities and the links active on `on`.
    on : str
        The as-of date (ISO).
    history : nx.MultiDiGraph, optional
        Every link whatever its dates, for analyses registered with ``history=True``.
    """

    graph: nx.MultiDiGraph
    on: str
    home_filter: str | None = None
    targets_filter: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    saved_sets: Mapping[str, str] = field(default_factory=dict)
    history: nx.MultiDiGraph | None = None

    def select(self, text: str | None, role: str) -> set[str]:
        """The ids that filter line `text` selects; a ParamError names `role` when it is missing or bad."""
        if not text:
            raise ParamError(f"this analysis needs --{role} FILTER")
        try:
            return evaluate(parse(text), self.graph, dict(self.saved_sets))
        except FilterError as exc:
            raise ParamError(f"--{role}: {exc}") from None

    @cached_property
    def home(self) -> set[str]:
        return self.select(self.home_filter, "home")

    @cached_property
    def targets(self) -> set[str]:
        return self.select(self.targets_filter, "targets")

    def with_targets(self, targets_filter: str | None, params: dict[str, str] | None = None) -> Context:
        """The same graph and home set asked about other targets (and other parameters)."""
        other = dataclasses.replace(
            self, targets_filter=targets_filter, params=dict(self.params if params is None else params)
        )
        if "home" in self.__dict__:  # evaluated once per graph, whoever asks next
            other.__dict__["home"] = self.home
        return other

    def entity(self, name: str) -> str:
        """The id of the entity that parameter `name` names (by id, name or alias)."""
        try:
            return resolve_entity(self.history if self.history is not None else self.graph, self.param(name))
        except FilterError as exc:
            raise ParamError(f"--param {name}: {exc}") from None

    def param(self, name: str, default: Any = None, kind: type = str) -> Any:
        """Parameter `name` converted to `kind`; `default` when absent (None: required).

        Numbers are counts, days, hops or weights: a negative one is refused (``top=-5`` would list nothing, and
        ``max_hops=-1`` would call every target unreached), as is one above `LARGEST` (``max_hops=1e20`` would
        run for hours) or not finite.
        """
        if name not in self.params:
            if default is None:
                raise ParamError(f"this analysis needs --param {name}=VALUE")
            return default
        raw = self.params[name]
        try:
            value: Any = dt.date.fromisoformat(raw).isoformat() if kind is dt.date else kind(raw)
        except ValueError:
            raise ParamError(f"--param {name}={raw!r} is not a {kind.__name__}") from None
        if kind in (int, float) and not 0 <= value <= LARGEST:
            raise ParamError(f"--param {name}={raw!r} must be a number from 0 to {LARGEST:,}")
        return value


@dataclass(frozen=True)
class Analysis:
    """A named analysis with a one-line description and its parameters' help."""

    name: str
    description: str
    fn: Callable[[Context], list[dict]]
    params: dict[str, str]
    history: bool = False  # needs every link whatever its dates (`Context.history`)


ANALYSES: dict[str, Analysis] = {}


def analysis(
    name: str, description: str, params: dict[str, str] | None = None, *, history: bool = False
) -> Callable[[Callable[[Context], list[dict]]], Callable[[Context], list[dict]]]:
    """Register ``fn(context) -> rows`` under `name`."""

    def register(fn: Callable[[Context], list[dict]]) -> Callable[[Context], list[dict]]:
        ANALYSES[name] = Analysis(name, description, fn, params or {}, history)
        return fn

    return register


def catalog() -> dict[str, Analysis]:
    """Every registered analysis, by name."""
    for module in MODULES:
        importlib.import_module(module)
    return dict(sorted(ANALYSES.items()))


def find(name: str) -> Analysis:
    """The analysis called `name`, or a ParamError that says where the names are listed."""
    found = catalog().get(name)
    if found is None:
        raise ParamError(f"no analysis named {name!r}; 'python -m queries list' names them")
    return found


def read_context(
    driver: neo4j.Driver,
    *,
    as_of: dt.date | str | None = None,
    home: str | None = None,
    targets: str | None = None,
    params: dict[str, str] | None = None,
    history: bool = False,
    graphs: Callable[[str | None], nx.MultiDiGraph] | None = None,
) -> Context:
    """A context read from the database: the graph on `as_of` (default today), saved sets, and the history if asked.

    `graphs(on)` gives the graph on date `on` (None: every link whatever its dates); by default it comes from the
    snapshot of the graph's current version (`queries.snapshot`: read from Neo4j once per change, shared with the
    app and every command), and a page passes its in-memory cache instead.
    """
    on = iso(as_of) or settings.today().isoformat()
    graph_on = graphs or snapshot.graphs(driver)
    return Context(
        graph=graph_on(on),
        on=on,
        home_filter=home,
        targets_filter=targets,
        params=dict(params or {}),
        saved_sets={row["name"]: row["filter"] for row in read(driver, "saved_sets")},
        history=graph_on(None) if history else None,
    )


def run_on(context: Context, name: str) -> list[dict]:
    """Run analysis `name` on a context the caller holds.

    Raises
    ------
    ParamError
        On an unknown analysis, a bad filter or a bad parameter, or when the
        analysis needs the history and the context has none.
    """
    found = find(name)
    if found.history and context.history is None:
        raise ParamError(f"the analysis {name!r} needs every link whatever its dates; read it with history=True")
    with collector_held():  # rows by the hundred thousand: graph.collection says why
        return found.fn(context)


def run(
    driver: neo4j.Driver,
    name: str,
    *,
    home: str | None = None,
    targets: str | None = None,
    as_of: dt.date | str | None = None,
    params: dict[str, str] | None = None,
) -> list[dict]:
    """Read the graph and run analysis `name`; its rows.

    Raises
    ------
    ParamError
        On an unknown analysis, a bad filter or a bad parameter.
    """
    found = find(name)
    context = read_context(driver, as_of=as_of, home=home, targets=targets, params=params, history=found.history)
    return run_on(context, name)

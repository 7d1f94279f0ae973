"""Named analyses: each reads the graph once, applies a pure function from `graph/`, and returns rows.

Modules register analyses with the `analysis` decorator; the CLI
(``python -m queries``) and the pages run them by name.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import neo4j
import networkx as nx

from graph.filters import FilterError, evaluate, parse, resolve_entity
from queries import read
from queries.graphs import iso, load_graph

MODULES = ("queries.gaps", "queries.metrics")  # modules whose import registers analyses


class ParamError(ValueError):
    """A missing or malformed parameter."""


@dataclass
class Context:
    """What an analysis gets: the graph on the as-of date, the two sets, and its parameters."""

    driver: neo4j.Driver
    as_of: str | None = None
    home_filter: str | None = None
    targets_filter: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Entities and the links active on the as-of date (today when none is given)."""
        return load_graph(self.driver, as_of=self.today)

    @cached_property
    def full_graph(self) -> nx.MultiDiGraph:
        """Every link whatever its dates (for questions about history)."""
        return load_graph(self.driver)

    @cached_property
    def saved_sets(self) -> dict[str, str]:
        return {row["name"]: row["filter"] for row in read(self.driver, "saved_sets")}

    def select(self, text: str | None, role: str) -> set[str]:
        if not text:
            raise ParamError(f"this analysis needs --{role} FILTER")
        try:
            return evaluate(parse(text), self.graph, self.saved_sets)
        except FilterError as exc:
            raise ParamError(f"--{role}: {exc}") from None

    @cached_property
    def home(self) -> set[str]:
        return self.select(self.home_filter, "home")

    @cached_property
    def targets(self) -> set[str]:
        return self.select(self.targets_filter, "targets")

    @property
    def today(self) -> str:
        """The as-of date, or today."""
        return self.as_of or dt.date.today().isoformat()

    def with_targets(self, targets_filter: str) -> Context:
        """The same question about other targets, reusing the graph already read."""
        other = Context(self.driver, self.as_of, self.home_filter, targets_filter, self.params)
        for name in ("graph", "full_graph", "saved_sets", "home"):
            if name in self.__dict__:
                other.__dict__[name] = self.__dict__[name]
        return other

    def entity(self, name: str) -> str:
        """The id of the entity that parameter `name` names (by id, name or alias)."""
        try:
            return resolve_entity(self.full_graph, self.param(name))
        except FilterError as exc:
            raise ParamError(f"--param {name}: {exc}") from None

    def param(self, name: str, default=None, kind: type = str):
        """Parameter `name` converted to `kind`; `default` when absent (None: required)."""
        if name not in self.params:
            if default is None:
                raise ParamError(f"this analysis needs --param {name}=VALUE")
            return default
        raw = self.params[name]
        try:
            return dt.date.fromisoformat(raw).isoformat() if kind is dt.date else kind(raw)
        except ValueError:
            raise ParamError(f"--param {name}={raw!r} is not a {kind.__name__}") from None


@dataclass(frozen=True)
class Analysis:
    """A named analysis with a one-line description and its parameters' help."""

    name: str
    description: str
    fn: Callable[[Context], list[dict]]
    params: dict[str, str]


ANALYSES: dict[str, Analysis] = {}


def analysis(name: str, description: str, params: dict[str, str] | None = None):
    """Register ``fn(context) -> rows`` under `name`."""

    def register(fn):
        ANALYSES[name] = Analysis(name, description, fn, params or {})
        return fn

    return register


def catalog() -> dict[str, Analysis]:
    """Every registered analysis, by name."""
    for module in MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return dict(sorted(ANALYSES.items()))


def run(
    driver: neo4j.Driver,
    name: str,
    *,
    home: str | None = None,
    targets: str | None = None,
    as_of=None,
    params: dict[str, str] | None = None,
) -> list[dict]:
    """Run analysis `name` and return its rows.

    Raises
    ------
    ParamError
        On an unknown analysis, a bad filter or a bad parameter.
    """
    found = catalog().get(name)
    if found is None:
        raise ParamError(f"no analysis named {name!r}; 'python -m queries list' names them")
    return found.fn(Context(driver, iso(as_of), home, targets, dict(params or {})))

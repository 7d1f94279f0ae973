"""What several analyses work out from the same graph, worked out once per graph while the graph cannot change.

A page or a command runs several analyses on one graph (`standing` alone runs `reach`, `stale` and
`single_threads`), and each read every link again for the same indexes: at 10,000/100,000 the adjacency took
0.13 s and the roll-up's index 0.1 s, each several times over. Graphs the app and the commands analyse are
frozen (``networkx.freeze``: adding or removing raises), so what is worked out from one stays true as long as it
lives; for a graph that is not frozen nothing is kept.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

T = TypeVar("T")
_kept: weakref.WeakKeyDictionary[nx.Graph, dict[tuple, Any]] = weakref.WeakKeyDictionary()


def kept_while_frozen(fn: Callable[..., T]) -> Callable[..., T]:
    """`fn(graph, *args)` worked out once per frozen `graph` and `args` (hashable); its result is shared, so the
    callers only read it."""

    @functools.wraps(fn)
    def kept(graph: nx.Graph, *args: Any) -> T:
        if not nx.is_frozen(graph):
            return fn(graph, *args)
        found = _kept.setdefault(graph, {})
        key = (fn.__qualname__, args)
        if key not in found:
            found[key] = fn(graph, *args)
        result: T = found[key]
        return result

    return kept

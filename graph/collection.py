"""Python's cycle collector held off while an analysis makes its rows.

An analysis of a large graph makes hundreds of thousands of small dicts and lists, none of them in a cycle; each
few thousand made start a collection, and every so often a full one walks the whole heap, the graph of 100,000
links included. At 10,000 entities `coverage` (137,200 rows) took 2.3 s with the collector and 0.7 s without it
(`bench/missed.md`). Reference counting still frees everything as usual; only cycles wait for the collector, which
runs again when the last analysis in the process has finished. A load holds it too while it reads, checks and plans
a million rows (17 of 115 s of checking 1,100,000 rows, `loaders.validate`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holding = 0  # analyses running now (pages run in threads): the collector is turned back on after the last one
_was_enabled = True


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold off the cycle collector for the block (nested and threaded uses count; the first one's state is
    restored by the last to leave)."""
    global _holding, _was_enabled
    with _lock:
        if _holding == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holding += 1
    try:
        yield
    finally:
        with _lock:
            _holding -= 1
            if _holding == 0 and _was_enabled:
                gc.enable()

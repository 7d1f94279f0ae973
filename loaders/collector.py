"""The cyclic garbage collector paused while a load builds millions of objects that form no cycles.

Python's collector runs a full pass over every tracked object each time enough new ones have piled up, so a load
that keeps a million rows in memory pays for walking them again and again: 17 of 115 seconds of checking
1,100,000 rows (bench/missed.md).  The rows, cells and checked rows form no cycles, so nothing is kept longer
for pausing it; the collector is switched back on as it was found, so nested and concurrent pauses are safe.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (or, as ``@paused()``, the function) and restore it after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()

"""Which process writes a load, and whether it still does: how a load that stopped half-way is told from one that
is being written right now (by this process, another one here, or another machine).

A load's record names its owner, ``host:pid:load_id``, and its beat, the time of its last batch.  On this host an
owner is alive while its process runs and, for this process, while the load is in `Owner.writing`; on another
host, while its beat is younger than `STALE`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

STALE = dt.timedelta(minutes=10)  # a batch takes seconds; a load silent this long on another machine has stopped


class Owner:
    """This process's loads in progress."""

    def __init__(self) -> None:
        self.host = socket.gethostname()
        self.active: set[str] = set()

    def name(self, load_id: str) -> str:
        return f"{self.host}:{os.getpid()}:{load_id}"

    @contextmanager
    def writing(self, load_id: str) -> Iterator[None]:
        """While the load `load_id` is being written by this process."""
        self.active.add(load_id)
        try:
            yield
        finally:
            self.active.discard(load_id)

    def alive(self, owner: str | None, beat: str | None, now: dt.datetime | None = None) -> bool:
        """Whether the load owned by `owner` (last batch at `beat`, ISO) may still be being written."""
        host, _, rest = (owner or "").partition(":")
        pid_text, _, load_id = rest.partition(":")
        if host == self.host and pid_text.isdigit():
            pid = int(pid_text)
            if pid == os.getpid():
                return load_id in self.active
            return _running(pid)
        try:
            last = dt.datetime.fromisoformat(beat or "")
        except ValueError:
            return False
        return (now or dt.datetime.now(dt.UTC)) - last < STALE


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


OWNER = Owner()

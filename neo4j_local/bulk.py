"""Neo4j's own bulk importer for the project's local Neo4j: a first load into an empty database, written offline.

``neo4j-admin database import full`` (in the jars already: ``neo4j-import-tool``) builds a store from CSV files
tens of times faster than transactions can, but only into a database that is stopped.  `LocalStore.replace`
imports into a staging folder while the server still runs, then stops it, swaps the staged store in for the
empty one, and starts it again on the same port; if the new store does not start, the old one is put back and
started, so a failed import leaves the database as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from neo4j_local import (
    JVM_FLAGS,
    LIB,
    NO_JAVA,
    PID_FILE,
    LocalNeo4jError,
    LocalServer,
    _defaults,
    _running,
    _tool,
    ensure_built,
    memory,
    start,
)

DATABASE = "neo4j"
ADMIN = "org.neo4j.cli.AdminTool"  # neo4j-admin
STAGING = "import-staging"  # beside the store, so the swap is a rename on one file system
PARTS = ("databases", "transactions")  # what a database's store is made of, under data/


class BulkImportError(LocalNeo4jError):
    """The importer refused the files or the new store did not start; the database is as it was."""


@dataclass
class LocalStore:
    """The store of one local Neo4j: its data folder and port, and the server serving it (found when not given).

    ``detach`` is True for the default instance (``make neo4j-up``: it outlives this process and has a pid file).
    """

    data_dir: Path
    port: int
    server: LocalServer | None = None
    detach: bool = False

    @classmethod
    def default(cls) -> LocalStore | None:
        """The default instance, when it is running and ``NEO4J_URI`` does not name another server."""
        if os.environ.get("NEO4J_URI"):
            return None
        data_dir, port = _defaults()
        server, _ = _running(data_dir)
        return cls(data_dir, port, server, detach=True) if server else None

    def replace(
        self,
        nodes: Sequence[tuple[str, Path]],
        relationships: Sequence[tuple[str, Path]],
        *,
        array_delimiter: str,
        multiline: bool,
    ) -> tuple[float, int]:
        """Import `nodes` (``labels`` joined by ``:``, file) and `relationships` (type, file) as the whole database.

        Returns the seconds the database was down and how many transactions the new store's count is behind the old
        one's (`loaders.bulk` carries it on).  Raises `BulkImportError` (the database as it was, running).
        """
        staging = self.data_dir / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            _import(staging, nodes, relationships, array_delimiter=array_delimiter, multiline=multiline)
            imported = _last_transaction(staging)
            stopped = time.monotonic()
            self._stop()
            try:
                before = _last_transaction(self.data_dir)
                _swap(self.data_dir / "data", staging / "data", staging / "previous")
            except (BulkImportError, OSError):
                self._start()
                raise
            try:
                self._start()
            except LocalNeo4jError as exc:
                _swap(self.data_dir / "data", staging / "previous", staging / "data")
                self._start()
                why = f"the imported database did not start ({exc}); the database is as it was"
                raise BulkImportError(why) from exc
            return time.monotonic() - stopped, max(0, before - imported)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _stop(self) -> None:
        server = self.server or _running(self.data_dir)[0]
        if server is None:
            raise BulkImportError(f"no local Neo4j is running on {self.data_dir}")
        server.stop()
        (self.data_dir / PID_FILE).unlink(missing_ok=True)

    def _start(self) -> None:
        self.server = start(self.data_dir, self.port, detach=self.detach)
        if self.detach:
            (self.data_dir / PID_FILE).write_text(json.dumps({"pid": self.server.pid, "uri": self.server.uri}) + "\n")


def _import(
    home: Path,
    nodes: Sequence[tuple[str, Path]],
    relationships: Sequence[tuple[str, Path]],
    *,
    array_delimiter: str,
    multiline: bool,
) -> None:
    """Run the importer with `home` as its Neo4j home (the store lands in ``home/data``)."""
    done = _admin(
        home,
        "database",
        "import",
        "full",
        DATABASE,  # before the options: --nodes and --relationships take every word after them as a file
        "--overwrite-destination=true",
        "--strict=true",  # a link to a node that is not there fails the import (the loader checked them all)
        "--bad-tolerance=0",
        "--verbose",  # the input error itself, not only "Error in input data"
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        f"--multiline-fields={'true' if multiline else 'false'}",
        "--max-off-heap-memory=1g",
        f"--report-file={home / 'import.report'}",
        *(f"--nodes={labels}={path}" for labels, path in nodes),
        *(f"--relationships={rel_type}={path}" for rel_type, path in relationships),
    )
    if done.returncode != 0:
        why = _why(done.stderr + done.stdout)
        raise BulkImportError(f"Neo4j's importer refused the files ({why}); nothing was written")


def _admin(home: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``neo4j-admin ARGS`` with `home` as its Neo4j home (its store in ``home/data``)."""
    ensure_built()
    heap, _ = memory()
    cmd = [_tool("java", NO_JAVA), *JVM_FLAGS, f"-Xmx{min(heap, 1024)}m", "-cp", f"{LIB}/*", ADMIN, *args]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=home, stdin=subprocess.DEVNULL)


def _last_transaction(home: Path) -> int:
    """The last transaction committed to the stopped store under `home` (``neo4j-admin database info``)."""
    done = _admin(home, "database", "info", DATABASE)
    found = re.search(r"Last committed transaction id:\s*(\d+)", done.stdout)
    if done.returncode != 0 or not found:
        raise BulkImportError(f"cannot read the store's last transaction: {_why(done.stderr + done.stdout)}")
    return int(found.group(1))


def _why(output: str) -> str:
    """The importer's reason (with ``--verbose``): the input error it names, else the last cause, else an error line."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    named = [ln.removeprefix("original error:").strip() for ln in lines if ln.startswith("original error:")]
    caused = [ln.rpartition("Exception: ")[2] for ln in lines if ln.startswith("Caused by:")]
    said = [ln for ln in lines if "rror" in ln and not ln.startswith("at ")]
    return (named or caused or said or lines or ["no output"])[-1]


def _swap(live: Path, incoming: Path, aside: Path) -> None:
    """Move the store under `live` to `aside` and the one under `incoming` in its place."""
    for part in PARTS:
        (aside / part).mkdir(parents=True, exist_ok=True)
        if (live / part / DATABASE).exists():
            (live / part / DATABASE).rename(aside / part / DATABASE)
        (live / part).mkdir(parents=True, exist_ok=True)
        (incoming / part / DATABASE).rename(live / part / DATABASE)

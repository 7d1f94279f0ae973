"""Project-owned local Neo4j 5.26 Community, embedded in a small Java launcher.

Over 400 lines on purpose: resolving the jars, starting, health-checking, stopping and stale-pid handling of one
process belong together; splitting them would scatter one lifecycle.

The jars come from Maven Central (``pom.xml``), ``Launcher.java`` starts an
embedded database with only a Bolt connector on 127.0.0.1 and authentication
disabled. Nothing here runs or connects at import time.

Typical use::

    python -m neo4j_local up        # default instance, see `up`
    python -m neo4j_local status
    python -m neo4j_local down

or, from tests, ``server = start(tmp_path, free_port())`` ... ``server.stop()``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "LocalNeo4jError",
    "LocalServer",
    "Status",
    "down",
    "ensure_built",
    "free_port",
    "start",
    "status",
    "up",
]

log = logging.getLogger(__name__)

PKG = Path(__file__).resolve().parent
REPO = PKG.parent
POM = PKG / "pom.xml"
SOURCE = PKG / "Launcher.java"
LIB = PKG / "lib"
BUILD = PKG / "build"
STAMP = LIB / ".pom.sha256"
PID_FILE = "neo4j.pid"
LOG_FILE = "neo4j.log"
READY, FAILED = "NEO4J_LOCAL_READY", "NEO4J_LOCAL_FAILED"
NO_JAVA = "Java 17 is not installed: apt-get install openjdk-17-jdk-headless, or set NEO4J_URI to use an existing Neo4j"
NO_MAVEN = "Maven is not installed: apt-get install maven, or set NEO4J_URI to use an existing Neo4j"
# What Neo4j 5.26's own server launcher passes (its config migrator writes the
# same add-opens), plus the JDK-internal access netty and the page cache use.
JVM_FLAGS = [
    "-Xms256m",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
]


class LocalNeo4jError(RuntimeError):
    """A one-line, user-facing reason why the local Neo4j cannot be used."""


MB = 1024 * 1024
HEAP_ENV, PAGECACHE_ENV = "SGE_NEO4J_HEAP", "SGE_NEO4J_PAGECACHE"


def _megabytes(text: str, name: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*([mMgG])?[bB]?\s*", text)
    if not match:
        raise LocalNeo4jError(f"{name}={text!r} is not a size such as 512m or 2g")
    return int(match.group(1)) * (1024 if (match.group(2) or "m").lower() == "g" else 1)


def memory() -> tuple[int, int]:
    """Heap and page cache for the local Neo4j, in MiB: ``SGE_NEO4J_HEAP`` and ``SGE_NEO4J_PAGECACHE`` (``512m``,
    ``2g``), else fitted to the machine: an eighth of its memory each, at least 512 and 256 MiB, at most 4 GiB
    (3 GiB each on a 24 GiB machine; a load's batch needs tens of MiB of heap, the page cache holds the store).
    """
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // MB
    heap = _megabytes(os.environ[HEAP_ENV], HEAP_ENV) if os.environ.get(HEAP_ENV) else min(max(total // 8, 512), 4096)
    cache = (
        _megabytes(os.environ[PAGECACHE_ENV], PAGECACHE_ENV)
        if os.environ.get(PAGECACHE_ENV)
        else min(max(total // 8, 256), 4096)
    )
    return heap, cache


# --------------------------------------------------------------------- build


def _tool(name: str, missing: str) -> str:
    path = shutil.which(name)
    if not path:
        raise LocalNeo4jError(missing)
    return path


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return 0
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _last_error(output: str) -> str:
    """Return the last line of Maven/javac output that says what went wrong."""
    boilerplate = ("To see the full", "Re-run Maven", "For more information", "[Help", "After correcting")
    errors: list[str] = []
    other: list[str] = []
    for raw in re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines():
        line = raw.replace("[ERROR]", "").split(" -> [Help")[0].strip()
        if line and not line.startswith(boilerplate):
            (errors if "[ERROR]" in raw or "error:" in raw else other).append(line)
    return (errors or other or ["no output"])[-1]


def ensure_built() -> None:
    """Make sure the Neo4j jars and the compiled launcher are in place.

    Checks that ``java`` (17 or newer), ``javac`` and ``mvn`` exist, resolves
    the jars into ``neo4j_local/lib`` when they are missing or ``pom.xml``
    changed (a stamp file holds the pom's hash), and compiles
    ``Launcher.java`` into ``neo4j_local/build`` when it is missing or stale.
    Safe to call from several processes at once.

    Raises
    ------
    LocalNeo4jError
        With one line naming what to install or the error Maven/javac gave.
    """
    java = _tool("java", NO_JAVA)
    javac = _tool("javac", NO_JAVA)
    if _java_major(java) < 17:
        raise LocalNeo4jError(NO_JAVA.replace("is not installed", "(or newer) is required"))
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()
        if not STAMP.exists() or STAMP.read_text().strip() != digest:
            _resolve_jars(_tool("mvn", NO_MAVEN), digest)
        target = BUILD / "Launcher.class"
        if not target.exists() or target.stat().st_mtime < max(SOURCE.stat().st_mtime, STAMP.stat().st_mtime):
            log.info("compiling %s", SOURCE.name)
            done = subprocess.run(
                [javac, "--release", "17", "-cp", f"{LIB}/*", "-d", str(BUILD), str(SOURCE)],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise LocalNeo4jError(f"javac failed: {_last_error(done.stderr + done.stdout)}")


def _resolve_jars(mvn: str, digest: str) -> None:
    log.info("resolving Neo4j jars with Maven into %s (first time takes a minute or two)", LIB)
    partial = BUILD / "lib.partial"  # inside the git-ignored build dir, renamed when complete
    shutil.rmtree(partial, ignore_errors=True)
    started = time.monotonic()
    done = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode:
        shutil.rmtree(partial, ignore_errors=True)
        raise LocalNeo4jError(f"mvn failed: {_last_error(done.stdout + done.stderr)}")
    shutil.rmtree(LIB, ignore_errors=True)
    partial.rename(LIB)
    STAMP.write_text(digest + "\n")
    log.info("resolved %d jars in %.0f s", len(list(LIB.glob("*.jar"))), time.monotonic() - started)


# -------------------------------------------------------------------- server


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _alive(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


@dataclass
class LocalServer:
    """A running launcher process.

    Attributes
    ----------
    uri : str
        ``bolt://127.0.0.1:PORT``; ``neo4j://`` works too. Any or no auth.
    pid : int
        Process id of the Java process (leader of its own session).
    data_dir : pathlib.Path
        Store, ``logs/`` and ``neo4j.log`` (launcher stdout and stderr).
    """

    uri: str
    pid: int
    data_dir: Path
    _proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def port(self) -> int:
        """The Bolt port on 127.0.0.1."""
        return int(self.uri.rsplit(":", 1)[1])

    def running(self) -> bool:
        """Return whether the process is still alive."""
        if self._proc is not None:
            return self._proc.poll() is None
        return _alive(self.pid)

    def stop(self, timeout: float = 60) -> None:
        """Stop cleanly with SIGTERM; SIGKILL the process group after ``timeout`` s."""
        if not self.running():
            return
        os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.running():
            log.warning("Neo4j (pid %d) did not stop in %.0f s, killing it", self.pid, timeout)
            os.killpg(self.pid, signal.SIGKILL)
            if self._proc is not None:
                self._proc.wait(10)


def start(data_dir: str | os.PathLike, port: int, *, timeout: float = 120, detach: bool = False) -> LocalServer:
    """Start a local Neo4j and wait until it answers on Bolt.

    Parameters
    ----------
    data_dir : path-like
        Folder for the store and logs; created if missing.
    port : int
        Bolt port on 127.0.0.1.
    timeout : float
        Seconds to wait for readiness before killing the process.
    detach : bool
        If False (default) the server also shuts down when this Python process
        exits, so a crashed test run leaves nothing behind. `up` uses True.

    Returns
    -------
    LocalServer
        The running server; call ``.stop()`` when done.

    Raises
    ------
    LocalNeo4jError
        If the tools are missing, the port is taken, or startup fails.
    """
    from neo4j import GraphDatabase  # imported here: nothing connects at import time

    ensure_built()
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    if _port_taken(port):
        raise LocalNeo4jError(f"port {port} on 127.0.0.1 is already in use by another program")
    logfile = data_dir / LOG_FILE
    offset = logfile.stat().st_size if logfile.exists() else 0
    heap, cache = memory()
    cmd = [
        _tool("java", NO_JAVA),
        *JVM_FLAGS,
        f"-Xmx{heap}m",
        f"-Dsge.pagecache.mb={cache}",
        "-cp",
        f"{LIB}/*{os.pathsep}{BUILD}",
        "Launcher",
        str(data_dir),
        str(port),
    ]
    if not detach:
        cmd.append(str(os.getpid()))
    with open(logfile, "ab") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=data_dir, start_new_session=True
        )
    server = LocalServer(f"bolt://127.0.0.1:{port}", proc.pid, data_dir, proc)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with open(logfile, "rb") as f:
                f.seek(offset)
                lines = f.read().decode(errors="replace").splitlines()
            if any(ln.startswith(READY) for ln in lines):
                break
            failed = [ln for ln in lines if ln.startswith(FAILED)]
            if failed or proc.poll() is not None:
                why = failed[-1][len(FAILED) :].strip() if failed else (lines or ["no output"])[-1]
                raise LocalNeo4jError(f"Neo4j did not start ({why}); see {logfile}")
            if time.monotonic() > deadline:
                raise LocalNeo4jError(f"Neo4j was not ready after {timeout:.0f} s; see {logfile}")
            time.sleep(0.1)
        with GraphDatabase.driver(server.uri) as driver:
            driver.verify_connectivity()
    except BaseException:
        server.stop(timeout=10)
        raise
    return server


# ----------------------------------------------------- default instance (CLI)


@dataclass
class Status:
    """Which Neo4j the app uses, as `status` reports it.

    Attributes
    ----------
    uri : str
        URI to connect to.
    running : bool
        Whether the local server is up (always True when ``external``).
    pid : int or None
        Java process id of the local server.
    external : bool
        True when ``NEO4J_URI`` is set and that server is used instead.
    note : str
        Extra remark, e.g. a removed stale pid file or a taken port.
    """

    uri: str
    running: bool
    pid: int | None = None
    external: bool = False
    note: str = ""

    def __str__(self) -> str:
        if self.external:
            return f"NEO4J_URI is set: using {self.uri} (local Neo4j not managed)"
        state = f"running (pid {self.pid})" if self.running else "not running"
        return f"local Neo4j {self.uri}: {state}" + (f"; {self.note}" if self.note else "")


def _defaults() -> tuple[Path, int]:
    data_dir = Path(os.environ.get("NEO4J_LOCAL_DIR") or REPO / ".neo4j-data").resolve()
    try:
        port = int(os.environ.get("NEO4J_LOCAL_PORT") or 7687)
    except ValueError:
        raise LocalNeo4jError("NEO4J_LOCAL_PORT must be a port number") from None
    return data_dir, port


def _ours(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is a live launcher serving ``data_dir`` (not a reused pid)."""
    if not _alive(pid):
        return False
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid file
    return b"Launcher" in args and str(data_dir).encode() in args


def _running(data_dir: Path) -> tuple[LocalServer | None, str]:
    """Read the pid file; drop it if stale. Returns (server or None, note)."""
    pid_file = data_dir / PID_FILE
    try:
        info = json.loads(pid_file.read_text())
    except FileNotFoundError:
        return None, ""
    except (OSError, ValueError):
        info = None
    pid = info.get("pid") if isinstance(info, dict) else None
    if isinstance(pid, int) and _ours(pid, data_dir):
        return LocalServer(info["uri"], pid, data_dir), ""
    pid_file.unlink(missing_ok=True)
    return None, f"removed stale pid file (pid {pid} is not this Neo4j)" if pid else "removed unreadable pid file"


def status() -> Status:
    """Report which Neo4j is in use: ``NEO4J_URI`` if set, else the local one.

    Returns
    -------
    Status
        ``str(status())`` is a one-line human summary.
    """
    if os.environ.get("NEO4J_URI"):
        return Status(os.environ["NEO4J_URI"], running=True, external=True)
    data_dir, port = _defaults()
    server, note = _running(data_dir)
    if server:
        return Status(server.uri, True, server.pid, note=note)
    if _port_taken(port):
        note = "; ".join(filter(None, [note, f"port {port} is in use by another program"]))
    return Status(f"bolt://127.0.0.1:{port}", False, note=note)


def up(*, timeout: float = 120) -> str:
    """Start the default local Neo4j in the background, unless already running.

    Data folder is ``$NEO4J_LOCAL_DIR`` (default ``<repo>/.neo4j-data``), port
    ``$NEO4J_LOCAL_PORT`` (default 7687). Does nothing if ``NEO4J_URI`` is set.

    Returns
    -------
    str
        One line saying what happened.
    """
    if os.environ.get("NEO4J_URI"):
        return str(status())
    data_dir, port = _defaults()
    server, note = _running(data_dir)
    if server:
        return f"local Neo4j already running at {server.uri} (pid {server.pid})"
    if _port_taken(port):
        raise LocalNeo4jError(
            f"port {port} on 127.0.0.1 is in use by another program (not this project's "
            "Neo4j): stop it, set NEO4J_LOCAL_PORT to a free port, or set NEO4J_URI to use it"
        )
    started = time.monotonic()
    server = start(data_dir, port, timeout=timeout, detach=True)
    (data_dir / PID_FILE).write_text(json.dumps({"pid": server.pid, "uri": server.uri}) + "\n")
    prefix = f"{note}; " if note else ""
    return (
        f"{prefix}local Neo4j started at {server.uri} (pid {server.pid}, "
        f"{time.monotonic() - started:.1f} s, data {data_dir})"
    )


def down(*, timeout: float = 60) -> str:
    """Stop the default local Neo4j cleanly and remove its pid file.

    Returns
    -------
    str
        One line saying what happened.
    """
    if os.environ.get("NEO4J_URI"):
        return str(status())
    data_dir, _ = _defaults()
    server, note = _running(data_dir)
    if not server:
        return "local Neo4j is not running" + (f" ({note})" if note else "")
    server.stop(timeout=timeout)
    (data_dir / PID_FILE).unlink(missing_ok=True)
    return f"local Neo4j stopped (pid {server.pid})"

"""Command line: ``python -m neo4j_local up|down|status|build``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from . import LocalNeo4jError, down, ensure_built, status, up


def main(argv: list[str] | None = None) -> int:
    """Run one command and print a one-line result.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 on a reported error, 130 on Ctrl-C.
    """
    parser = argparse.ArgumentParser(
        prog="python -m neo4j_local",
        description="Manage the project's local Neo4j 5.26 (data: $NEO4J_LOCAL_DIR, "
        "port: $NEO4J_LOCAL_PORT; all no-ops when $NEO4J_URI is set).",
    )
    parser.add_argument("command", choices=["up", "down", "status", "build"])
    command = parser.parse_args(argv).command
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        if command == "build":
            ensure_built()
            print("local Neo4j jars and launcher are built")
        else:
            commands: dict[str, Callable[[], object]] = {"up": up, "down": down, "status": status}
            print(commands[command]())
    except LocalNeo4jError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

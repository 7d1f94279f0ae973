"""``python -m loaders duplicates`` and ``python -m loaders not-duplicate A B``: likely duplicates, headless.

The subcommands of ``python -m loaders`` that read and remember identity
rather than load files; they live here, beside the other commands, because
they print through `render.tables` (a sibling that `loaders` may not import).
Exit codes: 0 done, 2 bad usage, an unknown entity or no database.
"""

from __future__ import annotations

import argparse
import sys

import neo4j

from queries import read
from queries.connection import create_driver, settings
from queries.duplicates import duplicates, not_duplicate_pairs, remember_not_duplicate
from queries.schema import ensure_schema
from render.tables import to_csv, to_json, to_text

COMMANDS = ("duplicates", "not-duplicate")
FORMATS = {"table": to_text, "csv": to_csv, "json": to_json}


def add_duplicate_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``duplicates`` and ``not-duplicate`` to the subcommands of ``python -m loaders``."""
    listing = commands.add_parser(
        "duplicates", help="list likely duplicate entities, strongest first, with the reasons in words"
    )
    listing.add_argument("--format", choices=sorted(FORMATS), default="table")
    remember = commands.add_parser(
        "not-duplicate", help="remember that two entities are not one organisation, so they are not listed again"
    )
    remember.add_argument("a", metavar="A", help="an entity id")
    remember.add_argument("b", metavar="B", help="the other entity's id")
    remember.add_argument("--by", metavar="NAME", help="who says so (default: the user running the command)")


def _rows(found: list[dict], fmt: str) -> list[dict]:
    keep = ("a", "a_name", "b", "b_name", "kind", "score", "reasons")
    if fmt == "json":
        return [{k: row[k] for k in keep} for row in found]
    return [{k: "; ".join(row[k]) if k == "reasons" else row[k] for k in keep} for row in found]


def list_duplicates(driver: neo4j.Driver, fmt: str) -> int:
    """Print the likely duplicates; say on stderr what was looked at."""
    found = duplicates(driver)
    entities = read(driver, "graph_size")[0]["entities"]
    remembered = len(not_duplicate_pairs(driver))
    print(FORMATS[fmt](_rows(found, fmt)))
    print(
        f"{len(found)} likely duplicate pair{'s' if len(found) != 1 else ''} among {entities:,} entities"
        f" ({remembered} pair{'s' if remembered != 1 else ''} remembered as not duplicates left out)",
        file=sys.stderr,
    )
    return 0


def not_duplicate(driver: neo4j.Driver, a: str, b: str, by: str | None) -> int:
    """Remember one pair as not a duplicate and say so."""
    if a == b:
        print(f"error: {a!r} twice: name two different entities", file=sys.stderr)
        return 2
    known = {row["id"]: row for row in read(driver, "entities_by_id", ids=[a, b])}
    missing = [i for i in (a, b) if i not in known]
    if missing:
        print(f"error: no entity with id {', '.join(repr(m) for m in missing)}", file=sys.stderr)
        return 2
    ensure_schema(driver)
    row = remember_not_duplicate(driver, a, b, by=by)
    if row is None:  # deleted between the check and the write
        print(f"error: {a!r} or {b!r} is no longer an entity", file=sys.stderr)
        return 2
    names = " and ".join(repr(known[i]["props"].get("name") or i) for i in (a, b))
    if row["created"]:
        print(f"remembered: {names} are not duplicates (by {row['by']}, {row['at']})")
    else:
        print(f"already remembered: {names} are not duplicates (by {row['by']}, {row['at']})")
    return 0


def run_duplicate_command(args: argparse.Namespace) -> int:
    """Run ``duplicates`` or ``not-duplicate`` on the configured database."""
    driver = create_driver()
    try:
        try:
            driver.verify_connectivity()
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.AuthError, OSError) as exc:
            print(
                f"error: cannot reach Neo4j at {settings().describe()}: {type(exc).__name__}. "
                "Start it with 'make neo4j-up' or set NEO4J_URI.",
                file=sys.stderr,
            )
            return 2
        if args.command == "duplicates":
            return list_duplicates(driver, args.format)
        return not_duplicate(driver, args.a, args.b, args.by)
    finally:
        driver.close()

"""``python -m loaders load PATH ...``: load files into the graph and print the report.

Also ``python -m loaders duplicates`` (likely duplicates, with reasons) and
``python -m loaders not-duplicate A B`` (remember a pair): see cli.duplicates.

Exit codes: 0 loaded (or nothing to change), 1 validation errors and nothing
written, 2 bad usage, an unreadable file or no database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import neo4j
from tqdm import tqdm

from cli.duplicates import COMMANDS as DUPLICATE_COMMANDS
from cli.duplicates import add_duplicate_commands, run_duplicate_command
from loaders.pipeline import load_paths
from loaders.read import ReadError
from loaders.report import format_report
from queries import read
from queries.connection import create_driver, settings


def _progress(total: int) -> Callable[[int], object]:
    if total < 2000:
        return lambda n: None
    bar = tqdm(total=total, unit="row", desc="writing", file=sys.stderr)
    return bar.update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load CSV, XLSX, JSON or Kumu files (or folders of them)")
    load.add_argument("paths", nargs="+", metavar="PATH")
    load.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    load.add_argument("--allow-errors", action="store_true", help="load the valid rows; reject the others")
    load.add_argument("--rejects", metavar="FILE", help="CSV for rejected rows (default rejects.csv)")
    load.add_argument("--month-first", action="store_true", help="read 03/04/2021 as 4 March (US order)")
    load.add_argument("--if-empty", action="store_true", help="load only when the graph has no entities yet")
    add_duplicate_commands(commands)
    args = parser.parse_args(argv)
    if args.command in DUPLICATE_COMMANDS:
        return run_duplicate_command(args)
    driver: neo4j.Driver | None  # None after a failed connection check on a dry run
    driver = create_driver()
    try:
        try:
            driver.verify_connectivity()
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.AuthError, OSError) as exc:
            if not args.dry_run:
                print(
                    f"error: cannot reach Neo4j at {settings().describe()}: {type(exc).__name__}. "
                    "Start it with 'make neo4j-up' or set NEO4J_URI.",
                    file=sys.stderr,
                )
                return 2
            driver.close()
            driver = None
        if args.if_empty and driver and read(driver, "graph_size")[0]["entities"]:
            print(f"The graph at {settings().describe()} already has data; not loading {' '.join(args.paths)}.")
            return 0
        report = load_paths(
            driver,
            args.paths,
            dry_run=args.dry_run,
            allow_errors=args.allow_errors,
            month_first=args.month_first,
            rejects=args.rejects,
            progress=_progress,
        )
    except ReadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except neo4j.exceptions.Neo4jError as exc:
        print(f"error: the database refused the load, nothing was written: {exc.message}", file=sys.stderr)
        return 2
    except (neo4j.exceptions.DriverError, OSError) as exc:
        print(f"error: lost the database during the load, nothing was written: {exc}", file=sys.stderr)
        return 2
    finally:
        if driver:
            driver.close()
    print(format_report(report, args.allow_errors))
    return 1 if report.errors and not args.allow_errors else 0


if __name__ == "__main__":
    sys.exit(main())

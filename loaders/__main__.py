"""``python -m loaders load PATH ...``: load files into the graph and print the report.

Also ``python -m loaders duplicates`` (likely duplicates, with reasons) and
``python -m loaders not-duplicate A B`` (remember a pair): see cli.duplicates.

Exit codes: 0 loaded (or nothing to change), 1 validation errors and nothing
written, 2 bad usage (or a bad setting such as ``SGE_FY_START``), an unreadable
file or no database.

``merge KEEP DUPLICATE``, ``undo CHANGE_ID`` and ``history`` change and list the
graph's changes; they exit 2 when they refuse (nothing is written then).

``log-engagement --date D --title T --with ID --with ID:ROLE`` records an engagement as the app's form does
(exit 1 when a field does not pass the loader's checks).

``vocabulary`` lists the team's own wording (``--add``, ``--remove`` change it) and
``mappings`` prints the column mappings the graph keeps, as a ``--mapping`` file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import neo4j
from tqdm import tqdm

from cli.duplicates import COMMANDS as DUPLICATE_COMMANDS
from cli.duplicates import add_duplicate_commands, run_duplicate_command
from graph.roles import Forbidden, acting, local
from graph.settings import SettingError
from loaders.bulk import NoLongerEmpty
from loaders.changes import CHANGE_KINDS, Refused, format_history, history, words
from loaders.delete import delete_entity
from loaders.edit import EngagementForm, Invalid, Participant, form_message, log_engagement
from loaders.mapping import mappings_from_json, mappings_json
from loaders.merge import format_merge, merge
from loaders.model import ColumnMapping, Wording
from loaders.pipeline import load_paths
from loaders.read import ReadError
from loaders.report import format_report, undo_hint
from loaders.team import forget_wording, format_wordings, remember_wordings, saved_mappings, team_wordings
from loaders.undo import undo
from loaders.write import Conflict, LoadInterrupted
from neo4j_local.bulk import BulkImportError, LocalStore
from queries import read
from queries.connection import create_driver, settings
from queries.schema import ensure_schema


def _progress(total: int) -> Callable[[int], object]:
    if total < 2000:
        return lambda n: None
    bar = tqdm(total=total, unit="row", desc="writing", file=sys.stderr)
    return bar.update


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _add_change_commands(commands: argparse._SubParsersAction) -> None:
    """The ``merge``, ``undo`` and ``history`` subcommands."""
    merging = commands.add_parser("merge", help="merge a duplicate entity into the one to keep (undoable)")
    merging.add_argument("keep", metavar="KEEP", help="id of the entity to keep")
    merging.add_argument("duplicate", metavar="DUPLICATE", help="id of the duplicate, deleted once merged")
    merging.add_argument("--by", metavar="NAME", help="who makes the change (default: SGE_USER, else the OS user)")
    merging.add_argument("--dry-run", action="store_true", help="say what the merge would do; write nothing")
    deleting = commands.add_parser("delete", help="delete an entity and its links (an admin's action, undoable)")
    deleting.add_argument("entity", metavar="ID", help="id of the entity to delete")
    deleting.add_argument("--by", metavar="NAME", help="who makes the change (default: SGE_USER, else the OS user)")
    deleting.add_argument("--dry-run", action="store_true", help="say what the delete would remove; write nothing")
    undoing = commands.add_parser("undo", help="undo a merge, a load, an edit or a delete exactly")
    undoing.add_argument("change", metavar="CHANGE_ID", help="a merge's or a load's change id (or its start)")
    undoing.add_argument("--by", metavar="NAME", help="who makes the change (default: SGE_USER, else the OS user)")
    listing = commands.add_parser("history", help="list changes (loads, merges, undos), newest first")
    listing.add_argument("--entity", metavar="ID", help="only changes that touched this entity")
    listing.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N changes (default 20)")
    listing.add_argument("--kind", action="append", choices=CHANGE_KINDS, help="only changes of this kind (repeat)")


def _add_edit_commands(commands: argparse._SubParsersAction) -> None:
    """The ``log-engagement`` subcommand: the app's "Log an engagement" form from a shell."""
    log = commands.add_parser("log-engagement", help="record an engagement and who took part (undoable)")
    log.add_argument("--date", required=True, metavar="D", help="when (partial dates allowed: 2026-11)")
    log.add_argument("--title", required=True, metavar="T", help="what it was")
    log.add_argument(
        "--with",
        dest="participants",
        action="append",
        required=True,
        metavar="ID[:ROLE]",
        help="a participant's id or name, with a role after a colon (host, chair...); repeat for each",
    )
    log.add_argument("--kind", default="meeting", metavar="K", help="meeting, call, workshop, visit, dialogue...")
    log.add_argument("--where", default="", metavar="PLACE", help="where it took place")
    log.add_argument("--country", default="", metavar="C", help="the country it took place in")
    log.add_argument("--notes", default="", metavar="TEXT", help="what was said or agreed")
    log.add_argument("--source", action="append", default=[], metavar="URL", help="a source; repeat for each")
    log.add_argument("--follow-up", default="", metavar="DATE", help="a follow-up due by this date")
    log.add_argument("--follow-up-owner", default="", metavar="NAME", help="who owns the follow-up")
    log.add_argument("--confidence", default="", choices=["", "high", "medium", "low"], help="how sure the record is")
    log.add_argument("--by", metavar="NAME", help="who records it (default: SGE_USER, else the OS user)")


def _run_edit_command(args: argparse.Namespace) -> int:
    """Run ``log-engagement``: exit 1 when the form does not pass the loader's checks, 2 when refused."""
    with_roles = [text.rpartition(":")[::2] if ":" in text else (text, "") for text in args.participants]
    form = EngagementForm(
        date=args.date,
        title=args.title,
        participants=[Participant(who.strip(), role.strip() or "participant") for who, role in with_roles],
        kind=args.kind,
        where=args.where,
        country=args.country,
        notes=args.notes,
        sources=args.source,
        follow_up_due=args.follow_up,
        follow_up_owner=args.follow_up_owner,
        confidence=args.confidence,
    )

    def run(driver: neo4j.Driver) -> int:
        try:
            saved = log_engagement(driver, form, local(args.by))
        except Invalid as exc:
            for problem in exc.problems:
                print(f"error: {form_message(problem)}", file=sys.stderr)
            return 1
        for problem in saved.warnings:
            print(f"warning: {form_message(problem)}", file=sys.stderr)
        print(f"Recorded: {saved.title}. Engagement {saved.entity_id}; change {saved.change_id}.")
        print(f"To undo it: python -m loaders undo {saved.change_id[:8]}")
        return 0

    return _on_database(run, (Refused, Forbidden, Conflict))


def _on_database(run: Callable[[neo4j.Driver], int], refusals: tuple[type[Exception], ...]) -> int:
    """`run` on the configured database; a refusal or a database problem is one line on stderr and exit code 2."""
    driver = create_driver()
    try:
        driver.verify_connectivity()
        return run(driver)
    except refusals as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (neo4j.exceptions.DriverError, neo4j.exceptions.AuthError, OSError) as exc:
        print(f"error: cannot reach Neo4j at {settings().describe()}: {type(exc).__name__}.", file=sys.stderr)
        return 2
    except neo4j.exceptions.Neo4jError as exc:
        print(f"error: the database refused the change, nothing was written: {exc.message}", file=sys.stderr)
        return 2
    finally:
        driver.close()


def _run_change_command(args: argparse.Namespace) -> int:
    """Run ``merge``, ``delete``, ``undo`` or ``history`` against the configured database."""

    def run(driver: neo4j.Driver) -> int:
        if args.command == "merge":
            plan, change = merge(driver, args.keep, args.duplicate, by=args.by, dry_run=args.dry_run)
            print(format_merge(plan, change, args.dry_run))
        elif args.command == "delete":
            _, change = delete_entity(driver, args.entity, acting(None, args.by), dry_run=args.dry_run)
            if args.dry_run:
                print(f"Would have {change.title} ({words(change.counts)}); nothing was written.")
            else:
                print(
                    f"Done: {change.title} ({words(change.counts)}). To undo it: python -m loaders undo {change.id[:8]}"
                )
        elif args.command == "undo":
            merged, change = undo(driver, args.change, by=args.by)
            print(f"Undone: {merged['what']} ({words(change.counts)}). Change {change.id} by {change.by}.")
        else:
            print(format_history(history(driver, args.entity, args.limit, kinds=args.kind)))
        return 0

    return _on_database(run, (Refused, Forbidden))


def _add_team_commands(commands: argparse._SubParsersAction) -> None:
    """The ``vocabulary`` and ``mappings`` subcommands."""
    words_ = commands.add_parser("vocabulary", help="list the team's own kind and relationship wording")
    change = words_.add_mutually_exclusive_group()
    change.add_argument(
        "--add",
        nargs=3,
        metavar=("WHAT", "WORDING", "MAPS_TO"),
        help="read WORDING as MAPS_TO from now on: WHAT is kind (MAPS_TO a kind) or relationship (a type; "
        "~TYPE reads it backwards)",
    )
    change.add_argument("--remove", nargs=2, metavar=("WHAT", "WORDING"), help="forget a wording")
    words_.add_argument("--by", metavar="NAME", help="who adds it (default: the OS user)")
    commands.add_parser("mappings", help="print the column mappings the graph keeps, as a --mapping file (JSON)")


def _run_team_command(args: argparse.Namespace) -> int:
    """Run ``vocabulary`` or ``mappings`` against the configured database."""

    def run(driver: neo4j.Driver) -> int:
        if args.command == "mappings":
            print(mappings_json([saved.mapping for saved in saved_mappings(driver).values()]))
        elif args.add:
            what, text, target = args.add
            ensure_schema(driver)
            wording = Wording(what, text, target.lstrip("~"), target.startswith("~"))
            changed = remember_wordings(driver, [wording], by=args.by)
            print(f"{'added' if changed else 'already in the team vocabulary'}: {what} {text!r} → {target}")
        elif args.remove:
            what, text = args.remove
            if not forget_wording(driver, what, text):
                print(f"error: {what} {text!r} is not in the team vocabulary", file=sys.stderr)
                return 2
            print(f"removed: {what} {text!r}")
        else:
            print(format_wordings(team_wordings(driver)))
        return 0

    return _on_database(run, (ValueError,))


def _mappings(path: str | None) -> list[ColumnMapping]:
    """The mappings in a ``--mapping`` file (ReadError when it cannot be read or is not a mapping file)."""
    if not path:
        return []
    try:
        return mappings_from_json(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror})") from None
    except ValueError as exc:
        raise ReadError(f"{path}: not a column mapping file: {exc}") from None


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
    load.add_argument(
        "--no-bulk",
        action="store_true",
        help="write in transactions even a large first load into an empty local graph (the bulk importer "
        "restarts the database)",
    )
    load.add_argument(
        "--recheck",
        action="store_true",
        help="check every row even when these files are the ones the graph's newest change loaded, unchanged",
    )
    load.add_argument(
        "--change-kinds",
        action="store_true",
        help="let rows change the kind of an entity the graph holds (never to or from Country); reported",
    )
    load.add_argument(
        "--mapping",
        metavar="FILE",
        help="JSON column mapping for tables whose headers it names (the Load page's download, or "
        "'python -m loaders mappings'); remembered for the next load of the same headers",
    )
    _add_change_commands(commands)
    _add_edit_commands(commands)
    _add_team_commands(commands)
    add_duplicate_commands(commands)
    args = parser.parse_args(argv)
    if args.command in ("merge", "delete", "undo", "history"):
        return _run_change_command(args)
    if args.command == "log-engagement":
        return _run_edit_command(args)
    if args.command in DUPLICATE_COMMANDS:
        return run_duplicate_command(args)
    if args.command in ("vocabulary", "mappings"):
        return _run_team_command(args)
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
            mappings=_mappings(args.mapping),
            change_kinds=args.change_kinds,
            recheck=args.recheck,
            store=None if args.no_bulk or args.dry_run else LocalStore.default(),
        )
    except (ReadError, SettingError, LoadInterrupted, BulkImportError, NoLongerEmpty) as exc:
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
    if hint := undo_hint(report):
        print(hint)
    if report.same_as:
        print("To check every row again, add --recheck.")
    return 1 if report.errors and not args.allow_errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m queries``: list the analyses, run one, or write a briefing pack, headless.

Errors in a filter or parameter print one line and exit with code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import neo4j

from analyses.catalog import Context, ParamError, catalog, find, read_context, run_on
from briefing.assemble import brief, holds_sample, resolve
from briefing.export import FORMATS as PACK_FORMATS
from briefing.export import export
from graph.dates import EARLIEST, LATEST
from graph.settings import marking, today
from queries.connection import create_driver, settings
from render.tables import Stamp, slug, to_csv, to_json, to_text

FORMATS = ("csv", "json", "table")


def add_marking(parser: argparse.ArgumentParser) -> None:
    """``--marking``, printed on what the command writes; default ``SGE_MARKING``."""
    parser.add_argument(
        "--marking", default=marking(), help="the marking printed on the output (default SGE_MARKING or OFFICIAL)"
    )


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ParamError(f"--param {pair!r}: write KEY=VALUE")
        params[key.strip()] = value.strip()
    return params


def add_brief_parser(commands: argparse._SubParsersAction) -> None:
    """The ``brief`` subcommand of ``python -m queries``."""
    parser = commands.add_parser("brief", help="write a briefing pack (DOCX, Markdown or PDF) about one entity")
    parser.add_argument("entity", metavar="ENTITY_ID", help="the entity's id (or its name or alias)")
    parser.add_argument("--format", choices=PACK_FORMATS, default="docx")
    parser.add_argument(
        "--out", metavar="FILE", help="default: brief-ID-DATE.FORMAT here; Markdown pictures are written beside it"
    )
    parser.add_argument("--as-of", metavar="DATE", help="the graph as on this date (YYYY-MM-DD, default today)")
    parser.add_argument("--home", metavar="FILTER", help="the home set (default SGE_HOME or 'kind:Agency country:AUS')")
    parser.add_argument(
        "--members",
        action="store_true",
        help="cover the set too: a country's agencies, a forum's members, an agreement's parties",
    )
    parser.add_argument(
        "--rollup",
        choices=("on", "off"),
        default="on",
        help="on (default): a country counts what its agencies and their units did, an organisation its units",
    )
    parser.add_argument(
        "--one-page",
        action="store_true",
        help="the one-page brief (purpose, who, our relationship, gaps, three next steps), the full pack as its annex",
    )
    add_marking(parser)


def brief_command(driver: neo4j.Driver, args: argparse.Namespace) -> int:
    """Run ``python -m queries brief``: write one pack and say so on stderr.

    Raises
    ------
    ParamError
        On an unknown entity; the caller prints it in one line.
    """
    entity_id = resolve(driver, args.entity)
    pack = brief(
        driver,
        entity_id,
        as_of=args.as_of,
        home=args.home,
        members=args.members,
        rollup=args.rollup == "on",
        marking=args.marking,
    )
    if pack is None:
        raise ParamError(f"no entity {entity_id!r}")
    template = "one-page" if args.one_page else "full"
    stem = f"brief-{slug(entity_id) or 'entity'}{'-one-page' if args.one_page else ''}-{pack.as_of}"
    out = Path(args.out) if args.out else Path(f"{stem}.{args.format}")
    data, images = export(pack, args.format, image_prefix=out.stem if args.format == "md" else None, template=template)
    out.write_bytes(data)
    for name, png in images.items():
        (out.parent / name).write_bytes(png)
    extra = f" and {len(images)} picture{'s' if len(images) > 1 else ''} beside it" if images else ""
    print(
        f"wrote {out}{extra}: {pack.title}, as of {pack.as_of}, {len(pack.notes)} source notes, marked {pack.marking}"
        + (" (sample data)" if pack.sample else ""),
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m queries", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="name every analysis with a one-line description")
    runner = commands.add_parser("run", help="run one analysis and print its rows")
    runner.add_argument("name")
    runner.add_argument("--home", metavar="FILTER", help="the home set, e.g. 'kind:Agency country:AUS'")
    runner.add_argument("--targets", metavar="FILTER", help="the target set, e.g. 'priority:high'")
    runner.add_argument("--as-of", metavar="DATE", help="read the graph as on this date (YYYY-MM-DD)")
    runner.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    runner.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="table",
        help="csv: for a spreadsheet (UTF-8 with BOM, a header block of # lines: question, date, marking, sample)",
    )
    add_marking(runner)
    add_brief_parser(commands)
    args = parser.parse_args(argv)

    if args.command == "list":
        for item in catalog().values():
            print(f"{item.name:<16} {item.description}")
            for key, text in item.params.items():
                print(f"{'':<16}   --param {key}: {text}")
        return 0
    driver = create_driver()
    try:
        if args.as_of:
            try:
                on = dt.date.fromisoformat(args.as_of)
            except ValueError:
                raise ParamError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
            if not EARLIEST <= on <= LATEST:
                raise ParamError(f"--as-of {args.as_of!r} must be a date from {EARLIEST} to {LATEST}")
        if args.command == "brief":
            return brief_command(driver, args)
        found = find(args.name)
        context = read_context(
            driver,
            as_of=args.as_of,
            home=args.home,
            targets=args.targets,
            params=_params(args.param),
            history=found.history,
        )
        rows = run_on(context, args.name)
        looked_at = _looked_at(context)
        stamp = Stamp(
            _question(found.description, args),
            dt.date.fromisoformat(args.as_of) if args.as_of else today(),
            args.marking,
            holds_sample(driver),
        )
    except ParamError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as exc:
        print(
            f"error: cannot read the graph at {settings().describe()}: {type(exc).__name__}. "
            "Start it with 'make neo4j-up' or set NEO4J_URI.",
            file=sys.stderr,
        )
        return 2
    finally:
        driver.close()
    try:
        if args.format == "csv":
            print(to_csv(rows, stamp))
        elif args.format == "table":  # for a person: the marking, question, date and sample notice above it
            print("\n".join(stamp.lines()) + "\n\n" + to_text(rows))
        else:  # JSON stays plain rows for programs; the marking goes to the terminal
            print(to_json(rows))
            print("\n".join(stamp.lines()), file=sys.stderr)
        print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}{looked_at}", file=sys.stderr)
    except BrokenPipeError:  # the reader (head, less) stopped early
        sys.stderr.close()
    return 0


def _question(description: str, args: argparse.Namespace) -> str:
    """The analysis in words and the sets it was asked about, for the CSV's header block."""
    asked = [f"{label} {value}" for label, value in (("home", args.home), ("targets", args.targets)) if value]
    return description.rstrip(".") + (f" ({'; '.join(asked)})" if asked else "")


def _looked_at(context: Context) -> str:
    """What the analysis looked at, for the line on stderr: every answer says how many targets it covered."""
    if not context.targets_filter:
        return ""
    home = context.home if context.home_filter else set()
    return f"; looked at {len(context.targets - home)} targets" + (f" and {len(home)} home entities" if home else "")

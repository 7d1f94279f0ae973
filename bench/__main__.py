"""Benchmarks of issue 12 ("Scale and speed").

    .venv/bin/python -m bench generate --entities N --links M [--seed S] OUT/
    .venv/bin/python -m bench run [--size small|medium|large] [--out docs/benchmarks.md]

``generate`` writes Elements.csv and Connections.csv that ``python -m loaders load OUT/`` reads
(`bench.generate`); ``run`` starts a throwaway Neo4j, generates data of the size, measures and writes a
Markdown report with every goal met or missed (`bench.suite`).  A slow measurement is stopped at its time
budget and reported as far as it got; the command fails only when something breaks, never on a time.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write seeded Elements.csv and Connections.csv into a folder")
    gen.add_argument("--entities", type=int, default=2000)
    gen.add_argument("--links", type=int, default=10_000)
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument("out", help="folder to write (created)")
    run = commands.add_parser("run", help="measure everything on a throwaway Neo4j and write the report")
    run.add_argument("--size", default="small", help="small (2k/10k), medium (10k/100k), large (100k/1M)")
    run.add_argument("--out", default="docs/benchmarks.md", help="Markdown report to write")
    run.add_argument("--budget", type=float, default=None, help="seconds one measurement may take (default by size)")
    run.add_argument("--uri", default=None, help="use this Neo4j instead of starting one (it is wiped!)")
    args = parser.parse_args(argv)
    if args.command == "generate":
        start = time.perf_counter()
        written = generate.write(args.out, args.entities, args.links, args.seed)
        print(
            f"wrote {written['Elements']:,} elements and {written['Connections']:,} connections to {args.out} "
            f"in {time.perf_counter() - start:.1f} s"
        )
        return 0
    from bench import suite

    if args.size not in suite.SIZES:
        parser.error(f"--size: one of {', '.join(suite.SIZES)}")
    report = suite.run(suite.SIZES[args.size], out=args.out, budget=args.budget, uri=args.uri)
    for problem in report.broken:  # a time never fails the run; something that broke does
        print(f"broken: {problem}", file=sys.stderr)
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())

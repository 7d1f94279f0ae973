"""The measurements of `bench.suite`, each run in a child process of its own so that a slow one can be stopped.

    .venv/bin/python -m bench.tasks TASK 'JSON ARGUMENTS'

A task reports as it goes, one ``@@ {json}`` line per event on stdout, so the parent keeps what was measured
before it stopped the task at its time budget.  The database is the one ``NEO4J_URI`` (and ``NEO4J_USER``,
``NEO4J_PASSWORD``) names: the child builds its driver as the app does (`queries.connection.create_driver`).
A fresh process is also what "cold" means here: no Python cache, no Streamlit cache, nothing imported yet.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EVENT = "@@ "


def emit(event: str, **fields: Any) -> None:
    """One event line for the parent (`bench.suite.guarded`)."""
    sys.stdout.write(EVENT + json.dumps({"event": event, **fields}, default=str) + "\n")
    sys.stdout.flush()


def peak_rss() -> int:
    """The most memory this process has held, in bytes (``ru_maxrss`` is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _driver():
    from queries.connection import create_driver

    return create_driver()


# --------------------------------------------------------------------------- loading


def load(paths: list[str], store: dict | None = None) -> None:
    """Load `paths` with whatever `loaders.pipeline.load_paths` does today, reporting rows written as they go.

    With `store` (``uri``, ``pid``, ``data_dir``, ``port`` of a throwaway local Neo4j) the load goes to that
    database through its store, so that a first load into it may use the bulk importer (`loaders.bulk`, from any
    number of rows); the importer restarts it, and the event ``server`` gives the new process id.

    Events: ``write`` (the write starts: rows planned), ``rows`` (rows written so far), ``memory`` (peak RSS, each
    second) and ``done`` (counts, errors, warnings, peak RSS, the report's note).
    """
    from loaders.pipeline import load_paths
    from neo4j_local import LocalServer
    from neo4j_local.bulk import LocalStore

    local = None
    if store:
        os.environ["NEO4J_URI"] = store["uri"]
        server = LocalServer(store["uri"], store["pid"], Path(store["data_dir"]))
        local = LocalStore(Path(store["data_dir"]), store["port"], server, detach=True)

    start = time.perf_counter()
    stop = threading.Event()

    def memory() -> None:  # the parent's memory guard and the report read it even if the load never ends
        while not stop.wait(1.0):
            emit("memory", t=time.perf_counter() - start, peak_rss=peak_rss())

    threading.Thread(target=memory, daemon=True).start()

    def progress(total: int) -> Callable[[int], None]:
        emit("write", t=time.perf_counter() - start, total=total)
        done = [0]

        def written(rows: int) -> None:
            done[0] += rows
            emit("rows", t=time.perf_counter() - start, done=done[0])

        return written

    with _driver() as driver:
        try:
            report = load_paths(driver, paths, progress=progress, store=local, bulk_from=0)
        finally:
            if local and local.server:
                emit("server", pid=local.server.pid)
    stop.set()
    created = sum(c["created"] for c in [*report.entities.values(), *report.links.values()])
    updated = sum(c["updated"] for c in [*report.entities.values(), *report.links.values()])
    unchanged = sum(c["unchanged"] for c in [*report.entities.values(), *report.links.values()])
    emit(
        "done",
        t=time.perf_counter() - start,
        errors=len(report.errors),
        first_errors=[str(p) for p in report.errors[:3]],
        first_warnings=[str(p) for p in report.warnings[:2]],
        warnings=len(report.warnings),
        written=report.written,
        created=created,
        updated=updated,
        unchanged=unchanged,
        peak_rss=peak_rss(),
        note=report.note,
    )


def batched(rows: int, budget: float, rounds: int = 5) -> None:
    """The loader's entity write (``write_entities``) on the same `rows` generated rows: batches against one by one.

    The two ways take turns, `rounds` slices each, so that a busy spell on a shared machine falls on both.  One by
    one stops once it has spent `budget` seconds; its rate so far stands for the whole (``stopped`` says so).
    """
    from bench import generate
    from bench.load_batches import BATCH, loader_rows, write_batched, write_one_by_one
    from queries.schema import ensure_schema

    dataset = generate.plan(rows, seed=11)
    batch_rows, single_rows = loader_rows(dataset, "b-")[:rows], loader_rows(dataset, "r-")[:rows]
    step = -(-len(batch_rows) // rounds)
    batched_seconds = single_seconds = 0.0
    single_done = 0
    with _driver() as driver:
        ensure_schema(driver)
        write_batched(driver, loader_rows(dataset, "w-")[:1])  # plan each query once, outside the times
        write_one_by_one(driver, loader_rows(dataset, "v-")[:1])
        for start in range(0, len(batch_rows), step):
            batched_seconds += write_batched(driver, batch_rows[start : start + step])
            if single_seconds < budget and single_done == start:
                spent, done = write_one_by_one(driver, single_rows[start : start + step], budget - single_seconds)
                single_seconds += spent
                single_done += done
    emit("batched", seconds=batched_seconds, rows=len(batch_rows), batch=BATCH, rounds=rounds)
    emit("per_row", seconds=single_seconds, rows=single_done, of=len(single_rows), stopped=single_done < rows)


# --------------------------------------------------------------------------- reading


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if len(ordered) == 1:
        return {"p50": ordered[0], "p95": ordered[0]}
    cuts = statistics.quantiles(ordered, n=20, method="inclusive")
    return {"p50": statistics.median(ordered), "p95": cuts[18]}


GOAL_GROUPS = ("gaps", "peers")  # the analyses the p95 goal is about (`bench.suite.measure_analyses`)


def _group(found) -> str:
    return found.fn.__module__.rsplit(".", 1)[-1]


def analyses(
    as_of: str, home: str, targets: str, params: dict[str, dict[str, str]], repeats: int, warm_budget: float
) -> None:
    """Every analysis of `analyses.catalog.catalog()`: the graph read once (cold), then each run first and warm.

    Cold for an analysis is the graph read in this fresh process plus its first run on a fresh `Context`; warm is
    the same run again on that context, `repeats` times or until `warm_budget` seconds have gone.  An analysis
    that wants a parameter nobody gave is reported as skipped, with its message.
    """
    import networkx as nx

    from analyses.catalog import Context, ParamError, catalog, read_context, run_on
    from queries.graphs import load_graph

    with _driver() as driver:
        seconds, base = timed(lambda: read_context(driver, as_of=as_of, home=home, targets=targets))
        emit("graph", seconds=seconds, entities=base.graph.number_of_nodes(), links=base.graph.number_of_edges())
        history_seconds, history = None, None
        # The gap analyses (the goal) first: at 100k/1M the network ones took the whole budget before them.
        for name, found in sorted(catalog().items(), key=lambda item: _group(item[1]) not in GOAL_GROUPS):
            if found.history and history is None:
                history_seconds, history = timed(lambda: nx.freeze(load_graph(driver)))  # frozen, as the app's
                emit("history", seconds=history_seconds)
            context = Context(
                graph=base.graph,
                on=base.on,
                home_filter=home,
                targets_filter=targets,
                params=dict(params.get(name, {})),
                saved_sets=base.saved_sets,
                history=history if found.history else None,
            )
            group = _group(found)
            try:
                first, result = timed(lambda: run_on(context, name))  # noqa: B023 (run now, in this iteration)
            except ParamError as exc:
                emit("skipped", name=name, group=group, why=str(exc))
                continue
            warm: list[float] = []
            spent = 0.0
            while len(warm) < repeats and spent < warm_budget:
                seconds, _ = timed(lambda: run_on(context, name))  # noqa: B023
                warm.append(seconds)
                spent += seconds
            emit(
                "analysis",
                name=name,
                group=group,
                rows=len(result),
                first=first,
                warm=warm,
                history=found.history,
                **(_percentiles(warm) if warm else {}),
            )


def ego(foci: list[str], hops: list[int], repeats: int, as_of: str) -> None:
    """The Network page's reads for one focus: its roll-up side, the ego ids within `hops`, then the subgraph."""
    from queries.network import ViewTooLarge, ego_ids, rollup_side, subgraph

    with _driver() as driver:
        for radius in hops:
            for focus in foci:
                for attempt in range(repeats):
                    start = time.perf_counter()
                    side = rollup_side(driver, focus, as_of=as_of)
                    ids = ego_ids(driver, focus, radius, as_of=as_of, side=side.chains)
                    try:
                        links = subgraph(driver, ids, as_of=as_of)[1]
                        too_large = False
                    except ViewTooLarge:
                        links, too_large = [], True
                    emit(
                        "ego",
                        focus=focus,
                        hops=radius,
                        attempt=attempt,
                        seconds=time.perf_counter() - start,
                        entities=len(ids),
                        links=len(links),
                        too_large=too_large,
                    )


def _analytics_on(graph) -> None:
    from graph import communities, metrics

    for name, fn in (
        ("betweenness", lambda: metrics.betweenness(graph)),
        ("pagerank", lambda: metrics.pagerank(graph)),
        ("communities", lambda: communities.louvain(graph)),
    ):
        seconds, _ = timed(fn)
        emit("metric", name=name, seconds=seconds, method=metrics.betweenness_method(graph.number_of_nodes()))


def analytics(as_of: str) -> None:
    """Betweenness, PageRank and Louvain communities on the whole graph of `as_of`, read from Neo4j."""
    from queries.graphs import load_graph

    with _driver() as driver:
        seconds, graph = timed(lambda: load_graph(driver, as_of=as_of))
    emit("graph", seconds=seconds, entities=graph.number_of_nodes(), links=graph.number_of_edges())
    _analytics_on(graph)


def analytics_generated(entities: int, links: int, seed: int) -> None:
    """The same three on a generated graph of exactly `entities` and `links` (no database): the goal's own size."""
    from bench.direct import link_props, vocabulary
    from bench.generate import generate
    from graph.model import to_networkx

    vocab = vocabulary()
    nodes, edges = [], []
    for table, row in generate(entities, links, seed):
        if table == "Elements":
            nodes.append({"id": row["ID"], "name": row["Label"], "kind": row["Type"], "date": row["Date"] or None})
        else:
            rel_type, props = link_props(vocab, row)
            edges.append({"source": row["From"], "target": row["To"], "type": rel_type, **props})
    graph = to_networkx(nodes, edges)
    emit("graph", seconds=0.0, entities=graph.number_of_nodes(), links=graph.number_of_edges())
    _analytics_on(graph)


def page(path: str, query: dict[str, str], repeats: int, timeout: float) -> None:
    """One page of app.py under AppTest: its first run in this fresh process (cold), then reruns (warm)."""
    from streamlit.testing.v1 import AppTest

    from bench.suite import ROOT

    start = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if path:
        at.switch_page(path)
    at.run()
    cold = time.perf_counter() - start
    problem = "; ".join(str(e.value)[:200] for e in at.exception) or None
    emit("cold", seconds=cold, exception=problem)
    for _ in range(repeats):
        seconds, _ = timed(at.run)
        emit("warm", seconds=seconds, exception="; ".join(str(e.value)[:200] for e in at.exception) or None)


TASKS: dict[str, Callable[..., None]] = {
    "load": load,
    "batched": batched,
    "analyses": analyses,
    "ego": ego,
    "analytics": analytics,
    "analytics_generated": analytics_generated,
    "page": page,
}


def main() -> None:
    task, arguments = sys.argv[1], json.loads(sys.argv[2])
    try:
        TASKS[task](**arguments)
    except Exception as exc:  # the parent reports it beside the measurement, with the traceback on stderr
        emit("error", error=f"{type(exc).__name__}: {exc}")
        raise


if __name__ == "__main__":
    main()

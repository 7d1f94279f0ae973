"""Coverage by line of effort: which home entities work with each target on each theme, and where nobody does.

A *theme* (a line of effort: awareness, reporting, legislation...) is carried by engagements and programs in their
``themes`` list.  A home entity works with a target on a theme when

- it (or a unit acting for it) and the target (or one of its units) took part in the same dated ``Engagement``
  carrying the theme; or
- a ``Program`` carrying the theme is run by the home side (the program is a home entity or a unit of one, or a
  node of the home side leads, funds, partners with, runs the secretariat of or is part of it: `RUNS`, either
  direction) and reaches the target side (the program is linked to the target or one of its units by any link:
  operates in, based in, partners with...).

Themes are compared without regard to case or spacing (``Online  Awareness`` is ``online awareness``) and shown
as first written (in id order).  The roll-up is `graph.rollup.sides`: a country stands for its agencies and their
units; ``rollup=False`` makes every entity stand for itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.rollup import Sides, by_name, engagements, sides, via_text

RUNS = frozenset({"LEADS", "FUNDS", "PARTNERS_WITH", "SECRETARIAT_FOR", "PART_OF"})


def theme_key(text: str) -> str:
    """A theme as compared: case folded, inner spaces collapsed."""
    return " ".join(str(text).split()).casefold()


def themes_of(graph: nx.Graph, node: str) -> set[str]:
    """The theme keys of `node` (none for a node without ``themes``)."""
    return {theme_key(t) for t in graph.nodes[node].get("themes") or () if str(t).strip()}


def theme_names(graph: nx.Graph) -> dict[str, str]:
    """Theme key -> the theme as first written, over every node in id order."""
    first: dict[str, tuple[str, str]] = {}  # key -> (node id, spelling): one pass, no sort of every node
    for node, data in graph.nodes(data=True):
        for text in data.get("themes") or ():
            key = theme_key(text)
            if key and (key not in first or node < first[key][0]):
                first[key] = (node, " ".join(str(text).split()))
    return {key: spelling for key, (_, spelling) in first.items()}


def _program_reach(graph: nx.MultiDiGraph, s: Sides, program: str) -> tuple[set[str], dict[str, set[str]]]:
    """The home entities that run `program` and, for each target it reaches, the target's nodes it is linked to."""
    run_by = set(s.home_of.get(program, ()))
    reached: dict[str, set[str]] = defaultdict(set)
    for t in s.target_of.get(program, ()):
        reached[t].add(program)
    for a, b, data in [*graph.out_edges(program, data=True), *graph.in_edges(program, data=True)]:
        other = b if a == program else a
        if data.get("type") in RUNS:
            run_by.update(s.home_of.get(other, ()))
        for t in s.target_of.get(other, ()):
            reached[t].add(other)
    return run_by, reached


def _cell() -> dict:
    return {"home": set(), "through": set(), "via": set(), "last": None}


def lines_of_effort(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    themes: Iterable[str] | None = None,
    rollup: bool = True,
) -> list[dict]:
    """One row per target and theme: who of the home set works with the target on it, through what, or a gap.

    Parameters
    ----------
    graph : the graph on the as-of date (`graph.model.to_networkx`).
    home, targets : entity ids.
    themes : the themes to show, in this order; default every theme in the graph, A to Z whatever the case.
    rollup : roll up agencies and units (`graph.rollup`).

    Returns
    -------
    Rows ``target_id, target_name, theme, status`` (``covered`` or ``gap``), ``home`` and ``home_ids`` (the home
    entities, by name), ``through`` and ``through_ids`` (the engagements and programs), ``last_engagement`` (the
    newest themed engagement's date, or None) and ``via`` (the target's units it came through), targets by name,
    themes in order.
    """
    names = theme_names(graph)
    wanted = [theme_key(t) for t in themes] if themes is not None else sorted(names)  # keys: A to Z, any case
    wanted = list(dict.fromkeys(k for k in wanted if k))
    carried = {n: themes_of(graph, n) & set(wanted) for n, d in graph.nodes(data=True) if d.get("themes")}
    s = sides(graph, home, targets, rollup=rollup)
    cells: dict[tuple[str, str], dict] = defaultdict(_cell)
    for t, items in engagements(graph, s).items():
        for e in items:  # newest first: the first one a cell sees is its last engagement
            for theme in carried.get(e["engagement"], ()):
                cell = cells[t, theme]
                cell["home"].update(e["home"])
                cell["through"].add(e["engagement"])
                cell["via"].update(e["via_ids"])
                cell["last"] = cell["last"] or e["date"]
    for program in (n for n, found in carried.items() if found and graph.nodes[n].get("kind") == "Program"):
        run_by, reached = _program_reach(graph, s, program)
        for t, nodes in reached.items():
            runners = run_by - {t}
            if not runners:
                continue
            for theme in carried[program]:
                cell = cells[t, theme]
                cell["home"].update(runners)
                cell["through"].add(program)
                cell["via"].update(nodes - {t, program})
    rows = []
    for t in by_name(graph, targets - home):
        for theme in wanted:
            cell = cells.get((t, theme)) or _cell()
            ours, through = by_name(graph, cell["home"]), by_name(graph, cell["through"])
            rows.append(
                {
                    "target_id": t,
                    "target_name": graph.nodes[t].get("name") or t,
                    "theme": names.get(theme, theme),
                    "status": "covered" if ours else "gap",
                    "home": [graph.nodes[h].get("name") or h for h in ours],
                    "home_ids": ours,
                    "through": [graph.nodes[n].get("name") or n for n in through],
                    "through_ids": through,
                    "last_engagement": cell["last"],
                    "via": [via_text(graph, s.side[t][u]) for u in by_name(graph, cell["via"]) if u in s.side[t]],
                }
            )
    return rows


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def matrix(rows: list[dict]) -> list[dict]:
    """`lines_of_effort` rows as a target x theme table for people: one row per target (column ``Target``), a
    column per theme, headed by the theme as written, holding the home entities that work on it (names, ``", "``
    -separated) or ``gap``."""
    table: dict[str, dict] = {}
    for r in rows:
        line = table.setdefault(r["target_id"], {"Target": r["target_name"]})
        line[r["theme"]] = ", ".join(r["home"]) if r["home"] else "gap"
    return list(table.values())


def said(rows: list[dict]) -> str:
    """One sentence on `lines_of_effort` rows: how many target-theme pairs are gaps, the theme with the fewest
    targets covered and the targets with the most gaps."""
    if not rows:
        return "No target and theme to compare."
    targets = list(dict.fromkeys(r["target_name"] for r in rows))
    themes = list(dict.fromkeys(r["theme"] for r in rows))
    gaps = [r for r in rows if r["status"] == "gap"]
    pairs = len(targets) * len(themes)
    counted = f"{_plural(len(targets), 'target')}, {_plural(len(themes), 'theme')}"
    if not gaps:
        return f"A home entity works on every one of the {pairs} target-theme pairs ({counted})."
    text = f"{len(gaps)} of {pairs} target-theme pairs ({counted}) have no home entity working on them"
    covered = {theme: sum(r["theme"] == theme and r["status"] == "covered" for r in rows) for theme in themes}
    weakest = min(themes, key=lambda theme: covered[theme])  # the first of the weakest, in the table's order
    per_target = {t: sum(r["target_name"] == t for r in gaps) for t in targets}
    most = max(per_target.values())
    worst = [t for t in targets if per_target[t] == most]
    return (
        f"{text}. Fewest targets covered: {weakest} ({covered[weakest]} of {len(targets)}). "
        f"Most gaps: {', '.join(worst[:5])}{' and others' if len(worst) > 5 else ''} ({most} of {len(themes)} themes)."
    )

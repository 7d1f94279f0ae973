"""Targets weighted by the risks a team recorded about them (findings of kind risk: `loaders.findings`).

Each entity's risks are on its node as ``risks``, a list of ``{level, theme, date, closed}``
(`queries/entity_table.cypher`); a risk counts on a date as a link does (`open_on`): assessed by then (or undated)
and not closed before it.
A target's weight is the sum over the risks about it and, rolled up, about its agencies and units
(`graph.rollup`: a country counts what is recorded about its agencies), of `LEVEL_WEIGHT` by level; a risk without
a level counts as low.  Answers at the level people ask: a risk about the Fiji Police Force weighs on Fiji.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.lists import listing
from graph.model import link_active
from graph.rollup import unit_map

LEVEL_WEIGHT = {"high": 3, "medium": 2, "low": 1}
LEVELS = ("high", "medium", "low")


def open_on(finding: dict, on: str | None) -> bool:
    """Whether `finding` stands on `on`: assessed by then (or undated) and not closed before (`graph.model.
    link_active`, a partial date covering its period); with no date, whether it is not closed."""
    if on is None:
        return not finding.get("closed")
    return link_active(finding.get("date"), finding.get("closed"), on)


def risks(graph: nx.MultiDiGraph, targets: Iterable[str], *, rollup: bool = True, on: str | None = None) -> list[dict]:
    """One row per target that carries a risk standing on `on` (`open_on`), the heaviest first (then by name).

    Returns
    -------
    list of dict
        ``target``, ``target_name``, ``risk`` (the highest level), ``risks`` (how many), ``weight``, ``high``
        (how many are high), ``themes`` (each risk's theme with its level, heaviest first) and ``about`` (the
        names of the target's units the risks are about, when not the target itself).
    """
    chosen = sorted(t for t in set(targets) if t in graph)
    units = unit_map(graph, chosen, on=on) if rollup else {}
    rows = []
    for target in chosen:
        found: list[dict] = []
        about: list[str] = []
        for entity in [target, *sorted(u for u in units.get(target, {}) if u != target)]:
            mine = [r for r in graph.nodes[entity].get("risks") or [] if open_on(r, on)]
            found += mine
            if mine and entity != target:
                about.append(graph.nodes[entity].get("name") or entity)
        if not found:
            continue
        levels = [r.get("level") or "low" for r in found]
        ordered = sorted(found, key=lambda r: (-LEVEL_WEIGHT.get(r.get("level") or "low", 1), r.get("theme") or ""))
        rows.append(
            {
                "target": target,
                "target_name": graph.nodes[target].get("name") or target,
                "risk": next(level for level in LEVELS if level in levels),
                "risks": len(found),
                "weight": sum(LEVEL_WEIGHT.get(level, 1) for level in levels),
                "high": levels.count("high"),
                "themes": [f"{r.get('theme') or 'no theme'} ({r.get('level') or 'no level'})" for r in ordered],
                "about": about,
            }
        )
    return sorted(rows, key=lambda r: (-r["weight"], r["target_name"]))


def by_risk(rows: list[dict], weights: list[dict], key: str = "target") -> list[dict]:
    """`rows` with each target's ``risk``, ``risks`` and ``risk_weight`` from `weights` (`risks`), the heaviest
    first; rows of one weight keep their order (so the biggest gaps stay first among equals)."""
    found = {w["target"]: w for w in weights}
    weighed = [
        {
            **row,
            "risk": found.get(row[key], {}).get("risk", ""),
            "risks": found.get(row[key], {}).get("risks", 0),
            "risk_weight": found.get(row[key], {}).get("weight", 0),
        }
        for row in rows
    ]
    return sorted(weighed, key=lambda r: -r["risk_weight"])


def said(weights: list[dict], looked_at: int) -> str:
    """One sentence from `weights` (`risks` over `looked_at` targets): how many carry risks, the high ones named."""
    if not weights:
        which = "the target" if looked_at == 1 else f"any of the {looked_at} targets"
        return f"No risk is recorded about {which} (load a findings sheet, or record one)."
    high = [w["target_name"] for w in weights if w["high"]]
    named = f"; a high risk about {listing(high)}" if high else ""
    counted = f"{len(weights)} of the {looked_at} targets carry recorded risks{named}"
    return f"{counted}. The tables list the heaviest first."
